package profile_test

import (
	"bytes"
	"context"
	"math"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/profile"
	"github.com/parlab/parlab/lib/scaling"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var sink uint64

//go:noinline
func spin(n int) {
	s := sink
	for i := range n {
		s += uint64(i) * uint64(i) >> 3
	}
	sink = s
}

//go:noinline
func heavy() { spin(3_000_000) }

//go:noinline
func light() { spin(1_000_000) }

//go:noinline
func work() { heavy(); light() }

// TestCPU profiles a function that spends three quarters of its time in heavy and a quarter in light,
// for 600 ms (about 60 samples): the shares must come out near 75% and 25%, within ±20 points (the
// binomial standard error with 60 samples is about 6 points; a busy machine changes the number of
// samples, not the split).
func TestCPU(t *testing.T) {
	p, err := profile.CPU(context.Background(), 600*time.Millisecond, work)
	if err != nil {
		t.Fatal(err)
	}
	if p.Runs < 1 || p.Wall <= 0 || p.Wall > 3100*time.Millisecond || p.Samples < 10 || p.Unit != "cpu nanoseconds" {
		t.Fatalf("got %d runs in %v, %d samples of %q", p.Runs, p.Wall, p.Samples, p.Unit)
	}
	const pkg = "github.com/parlab/parlab/lib/profile_test."
	root, ok := p.Tree(pkg+"work", 0)
	if !ok {
		t.Fatalf("no sample under work; functions: %v", p.Top(10))
	}
	share := func(name string) float64 {
		for _, c := range root.Children {
			if c.Name == pkg+name {
				return float64(c.Value) / float64(root.Value)
			}
		}
		return 0
	}
	if h, l := share("heavy"), share("light"); math.Abs(h-0.75) > 0.2 || math.Abs(l-0.25) > 0.2 {
		t.Errorf("heavy %.2f, light %.2f of work; want about 0.75 and 0.25", h, l)
	}
	if f, ok := p.Func(pkg + "spin"); !ok || f.Flat < f.Cum/2 || f.FlatShare <= 0 { // the race detector adds callees
		t.Errorf("spin: %+v; want most of its time flat", f)
	}
}

func TestCPUErrors(t *testing.T) {
	if _, err := profile.CPU(context.Background(), time.Second, nil); err == nil {
		t.Error("a nil function: no error")
	}
	for _, d := range []time.Duration{0, time.Millisecond, 2 * time.Minute} {
		if _, err := profile.CPU(context.Background(), d, func() {}); err == nil || !strings.Contains(err.Error(), "least") {
			t.Errorf("least = %v: got %v, want an error naming least", d, err)
		}
	}
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		t.Fatal(err)
	}
	_, err := profile.CPU(context.Background(), 10*time.Millisecond, func() {})
	pprof.StopCPUProfile()
	if err == nil || !strings.Contains(err.Error(), "another CPU profile") {
		t.Errorf("with a profile running: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, err := profile.CPU(ctx, time.Minute, func() {})
	if err == nil || p == nil || p.Runs != 1 {
		t.Errorf("cancelled: got %v runs, %v; want one run and the context's error", p, err)
	}
	func() {
		defer func() { _ = recover() }()
		_, _ = profile.CPU(context.Background(), 10*time.Millisecond, func() { panic("boom") })
	}()
	if err := pprof.StartCPUProfile(&buf); err != nil { // the panic must have stopped the profiler
		t.Errorf("after a panic the profiler is still running: %v", err)
	} else {
		pprof.StopCPUProfile()
	}
	if _, err := profile.Parse(strings.NewReader("not a profile")); err == nil {
		t.Error("Parse of garbage: no error")
	}
}

// TestThumbnails checks the exercise's profile against the stacks it was made from (1000 samples of
// 10 ms): flat and cumulative times, the tree, and the order of Top.
func TestThumbnails(t *testing.T) {
	p := profile.Thumbnails()
	if p.Samples != 1000 || p.Total != 10*time.Second {
		t.Fatalf("got %d samples, total %v; want 1000 samples, 10 s", p.Samples, p.Total)
	}
	for _, c := range []struct {
		name      string
		flat, cum float64
	}{
		{"main.lanczos", 0.30, 0.30}, {"main.resizeAll", 0.005, 0.52}, {"main.resize", 0.03, 0.515},
		{"runtime.mallocgc", 0.12, 0.12}, {"main.processBatch", 0.02, 1}, {"main.encodeAll", 0.005, 0.22},
	} {
		f, ok := p.Func(c.name)
		if !ok || math.Abs(f.FlatShare-c.flat) > 1e-9 || math.Abs(f.CumShare-c.cum) > 1e-9 {
			t.Errorf("%s: got %+v, want flat %v, cum %v", c.name, f, c.flat, c.cum)
		}
	}
	if top := p.Top(2); top[0].Name != "main.lanczos" || top[1].Name != "compress/flate.(*compressor).deflate" {
		t.Errorf("Top(2) = %v", top)
	}
	if top := p.TopCum(4); top[3].Name != "main.resizeAll" || top[0].CumShare != 1 {
		t.Errorf("TopCum(4) = %v", top)
	}
	tree, ok := p.Tree("main.processBatch", 0.03)
	if !ok || tree.Value != 10*time.Second || tree.Self != 200*time.Millisecond || tree.Children[0].Name != "main.resizeAll" {
		t.Fatalf("tree: %+v", tree)
	}
	last := tree.Children[len(tree.Children)-1]
	if last.Name != "other" || last.Value != 200*time.Millisecond { // logProgress, 2%, below 3%
		t.Errorf("the last child is %+v; want other with logProgress's 200ms", last)
	}
	if got := profile.Short("compress/flate.(*compressor).deflate"); got != "flate.(*compressor).deflate" {
		t.Errorf("Short = %q", got)
	}
}

func TestCheckHotSpot(t *testing.T) {
	right := scaling.Amdahl(0.48, 8)
	for _, c := range []struct {
		fn      string
		speedup float64
		want    check.Outcome
		words   string
	}{
		{"main.resizeAll", right, check.Passed, "1.83"},
		{"resizeAll", right * 1.005, check.Passed, "52.0%"},
		{"main.resize()", scaling.Amdahl(0.485, 8), check.Passed, "51.5%"},
		{"main.lanczos", 1.35, check.NotPassed, "cumulative share"},
		{"compress/flate.(*compressor).deflate", 1.2, check.NotPassed, "flat"},
		{"main.encodeAll", scaling.Amdahl(0.78, 8), check.NotPassed, "22%"},
		{"main.processBatch", 8, check.NotPassed, "whole program"},
		{"main.writeIndex", 1.03, check.NotPassed, "only 4%"},
		{"main.nothing", 1, check.NotPassed, "no function"},
		{"", 1, check.NotPassed, "No function"},
		{"main.resizeAll", scaling.Amdahl(0.995, 8), check.NotPassed, "flat share"},
		{"main.resizeAll", scaling.Amdahl(0.52, 8), check.NotPassed, "swapped"},
		{"main.resizeAll", 1 / 0.48, check.NotPassed, "infinitely many"},
		{"main.resizeAll", 8 * 0.52, check.NotPassed, "Only the parallelised share"},
		{"main.resizeAll", 3, check.NotPassed, "S = 1/(s + (1 − s)/N)"},
		{"main.resizeAll", math.NaN(), check.NotPassed, "not NaN"},
	} {
		r := profile.CheckHotSpot(c.fn, c.speedup)
		if r.Outcome != c.want || !strings.Contains(r.Message+" "+r.Hint, c.words) {
			t.Errorf("CheckHotSpot(%q, %v) = %v: %s / %s; want %v saying %q", c.fn, c.speedup, r.Outcome, r.Message, r.Hint, c.want, c.words)
		}
	}
}

func TestShareOf(t *testing.T) {
	p := profile.Thumbnails()
	if f, ok := p.ShareOf("main.lanczos", "main.resizeAll"); !ok || math.Abs(f-0.3/0.52) > 1e-9 {
		t.Errorf("ShareOf(lanczos, resizeAll) = %v, %v", f, ok)
	}
	if _, ok := p.ShareOf("main.nothing", "main.main"); ok {
		t.Error("a missing function has a share")
	}
}

func TestTableRounds(t *testing.T) {
	_, rows := profile.Thumbnails().Table(1)
	if rows[0][1] != "3s" {
		t.Errorf("flat of lanczos = %q, want 3s", rows[0][1])
	}
}
