package gotool_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/gotool"
	"github.com/parlab/parlab/lib/granularity"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const benchOut = `goos: linux
goarch: amd64
pkg: github.com/parlab/parlab/lib/granularity
cpu: AMD EPYC
BenchmarkGranularity/size=64/how=serial-2         	      20	    329746 ns/op
BenchmarkGranularity/size=64/how=pool-2           	      20	   1638235 ns/op
BenchmarkGranularity/size=64/how=serial-2         	      20	    319746 ns/op
BenchmarkGranularity/size=64/how=pool-2           	      20	   1538235 ns/op
PASS
`

func TestSamples(t *testing.T) {
	names, per, err := gotool.Samples(benchOut)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0] != "Granularity/size=64/how=serial-2" {
		t.Fatalf("names = %q", names)
	}
	if got := per[names[1]]; len(got) != 2 || got[0] != 1638235*time.Nanosecond || got[1] != 1538235*time.Nanosecond {
		t.Errorf("pool: %v", got)
	}
	if _, _, err := gotool.Samples("PASS\n"); err == nil {
		t.Error("no results: no error")
	}
}

func TestBenchAndBenchstat(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test and go tool benchstat")
	}
	out, err := gotool.Bench(context.Background(), "./lib/granularity", "Granularity/size=16384/how=(serial|batched)", 2, "5x")
	if err != nil {
		t.Fatal(err)
	}
	names, _, err := gotool.Samples(out)
	if err != nil || len(names) != 2 {
		t.Fatalf("got %q, %v from:\n%s", names, err, out)
	}
	table, err := gotool.Benchstat(context.Background(), []string{"-col", "/how"}, []gotool.Input{{Name: "new.txt", Text: out}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table, "serial") || !strings.Contains(table, "batched") || !strings.Contains(table, "sec/op") {
		t.Errorf("benchstat's table:\n%s", table)
	}
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		pkg, pattern string
		count        int
		benchtime    string
		param        string
	}{
		{"../secret", "X", 1, "1x", "pkg"},
		{"./lib/granularity; rm", "X", 1, "1x", "pkg"},
		{"./lib/granularity", "X Y", 1, "1x", "pattern"},
		{"./lib/granularity", "X", 0, "1x", "count"},
		{"./lib/granularity", "X", 101, "1x", "count"},
		{"./lib/granularity", "X", 1, "forever", "benchtime"},
	} {
		if _, err := gotool.Bench(ctx, c.pkg, c.pattern, c.count, c.benchtime); err == nil || !strings.Contains(err.Error(), c.param) {
			t.Errorf("Bench(%q, %q, %d, %q): got %v, want an error naming %s", c.pkg, c.pattern, c.count, c.benchtime, err, c.param)
		}
	}
	if _, err := gotool.Benchstat(ctx, nil, nil); err == nil {
		t.Error("Benchstat with no inputs: no error")
	}
	if _, err := gotool.Benchstat(ctx, nil, []gotool.Input{{Name: "../x.txt", Text: benchOut}}); err == nil || !strings.Contains(err.Error(), "name") {
		t.Errorf("Benchstat with a path as name: %v", err)
	}
	if _, err := gotool.TraceProfile(ctx, "x", "cpu"); err == nil || !strings.Contains(err.Error(), "kind") {
		t.Errorf("TraceProfile kind cpu: %v", err)
	}
	if err := gotool.WriteTrace(filepath.Join(t.TempDir(), "t.out"), nil); err == nil {
		t.Error("WriteTrace(nil): no error")
	}
}

// TestTrace writes a trace of goroutines doing tiny tasks, reads its scheduling-latency profile with
// go tool trace -pprof=sched, and starts the viewer, reads its views and stops it.
func TestTrace(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool trace")
	}
	file := filepath.Join(t.TempDir(), "trace.out")
	err := gotool.WriteTrace(file, func() {
		_, _ = granularity.Run(context.Background(), granularity.PerTask, 1<<16, 64, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(file); err != nil || st.Size() == 0 {
		t.Fatalf("trace file: %v, %v", st, err)
	}
	p, err := gotool.TraceProfile(context.Background(), file, "sched")
	if err != nil {
		t.Fatal(err)
	}
	if p.Samples == 0 || !strings.Contains(p.Unit, "nanoseconds") {
		t.Errorf("sched profile: %d samples of %q", p.Samples, p.Unit)
	}
	site, err := gotool.TraceViews(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(site.Addr, "http://127.0.0.1:") || len(site.Views) < 3 {
		t.Fatalf("site: %+v", site)
	}
	titles := ""
	for _, v := range site.Views {
		titles += v.Title + "\n"
	}
	if !strings.Contains(titles, "Goroutine analysis") {
		t.Errorf("views:\n%s", titles)
	}
	// The viewer is gone: its address answers no more.
	client := &http.Client{Timeout: time.Second}
	if resp, err := client.Get(site.Addr + "/"); err == nil {
		resp.Body.Close()
		t.Errorf("the viewer still answers at %s after TraceViews returned", site.Addr)
	}
}
