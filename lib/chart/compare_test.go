package chart

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
)

func comparison() *compare.Result {
	ms := time.Millisecond
	return &compare.Result{Title: "sum of squares", Entries: []compare.Entry{
		{Name: "Python, serial", Median: 400 * ms, Low: 390 * ms, High: 420 * ms, Samples: make([]time.Duration, 6)},
		{Name: "Go, 2 goroutines", Median: 2 * ms, Low: 2 * ms, High: 3 * ms, Samples: make([]time.Duration, 6), VsFirst: bench.Interval{Value: 200, Low: 150, High: 210}},
	}}
}

func TestCompareChart(t *testing.T) {
	fig, err := Compare(comparison())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"median time (ms), log scale"`, `type: "log"`, `2 ms — 200× faster`, `"Go, 2 goroutines"`} {
		if !strings.Contains(fig.Option, want) {
			t.Errorf("option lacks %s:\n%s", want, fig.Option)
		}
	}
	if node, err := exec.LookPath("node"); err == nil {
		file := filepath.Join(t.TempDir(), "o.js")
		os.WriteFile(file, []byte("var o = ("+fig.Option+");\nconsole.log(o.series.length);\n"), 0o644)
		out, err := exec.Command(node, file).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "2" {
			t.Errorf("node could not evaluate the option: %v\n%s", err, out)
		}
	}
}

func TestCompareChartBadInput(t *testing.T) {
	if _, err := Compare(nil); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("Compare(nil) err = %v", err)
	}
	r := comparison()
	r.Entries[1].Median = 0
	if _, err := Compare(r); err == nil || !strings.Contains(err.Error(), `"Go, 2 goroutines" has no measurements`) {
		t.Errorf("zero median: err = %v", err)
	}
}
