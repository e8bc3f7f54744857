package chart

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/falseshare"
	"github.com/parlab/parlab/lib/racy"
)

// contentionResult is made up: two kinds, goroutines 1, 2, 4, GOMAXPROCS 1 and 2.
func contentionResult() *counter.Contention {
	res := &counter.Contention{Bench: &bench.Result{Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2, GoVersion: "go1.26.8"}, Trials: 10}}
	for _, kind := range []string{"mutex", "channel"} {
		for _, procs := range []int{1, 2} {
			for _, g := range []int{1, 2, 4} {
				v := 5.0 * float64(g)
				if kind == "channel" {
					v *= 60
				}
				res.Costs = append(res.Costs, counter.Cost{Kind: kind, Goroutines: g, Procs: procs, Ops: 1000,
					NsPerOp: bench.Interval{Value: v, Low: 0.9 * v, High: 1.2 * v}, Noisy: g == 4})
			}
		}
	}
	return res
}

func lostResults() []racy.Result {
	return []racy.Result{
		{Config: racy.Config{Runs: 5, Goroutines: 2, Each: 1000, Procs: 2}, Lost: []int64{0, 12, 950, 400, 0}},
		{Config: racy.Config{Runs: 4, Goroutines: 2, Each: 1000, Procs: 1}, Lost: []int64{0, 0, 0, 0}},
	}
}

func falseResult() falseshare.Result {
	r := falseshare.Result{Config: falseshare.Config{Workers: 2}, Bench: &bench.Result{Trials: 6}}
	for _, w := range []int{1, 2} {
		for i, l := range falseshare.Layouts() {
			v := 2.0
			if w == 2 && i == 0 {
				v = 7
			}
			r.Bars = append(r.Bars, falseshare.Bar{Layout: l, Workers: w, NsPerOp: bench.Interval{Value: v, Low: v - 0.1, High: v + 0.2}})
		}
	}
	r.Ratio = bench.Interval{Value: 3.5, Low: 3.2, High: 3.8}
	return r
}

// contParse turns an option with our JavaScript functions back into JSON.
func contParse(t *testing.T, option string) map[string]any {
	t.Helper()
	return optionJSON(t, option, contTooltipJS)
}

func axisName(m map[string]any, axis string) string {
	return m[axis].(map[string]any)["name"].(string)
}

func seriesNames(m map[string]any, typ string) []string {
	var names []string
	for _, s := range m["series"].([]any) {
		if s := s.(map[string]any); s["type"] == typ {
			names = append(names, s["name"].(string))
		}
	}
	return names
}

func TestContentionChart(t *testing.T) {
	fig, err := Contention(contentionResult())
	if err != nil {
		t.Fatal(err)
	}
	m := contParse(t, fig.Option)
	if x, y := axisName(m, "xAxis"), axisName(m, "yAxis"); !strings.Contains(x, "goroutines") || !strings.Contains(y, "(ns, log scale)") {
		t.Errorf("axis titles %q, %q; want goroutines and ns", x, y)
	}
	got := strings.Join(seriesNames(m, "line"), "; ")
	want := "mutex, GOMAXPROCS=1; mutex, GOMAXPROCS=2; channel, GOMAXPROCS=1; channel, GOMAXPROCS=2"
	if got != want {
		t.Errorf("lines %q; want %q", got, want)
	}
	if n := len(seriesNames(m, "custom")); n != 4 {
		t.Errorf("%d whisker series; want 4", n)
	}
	if !strings.Contains(fig.Option, `"show":true`) || !strings.Contains(fig.Option, "Test CPU") {
		t.Error("want a legend and the machine in the subtitle")
	}
}

func TestLostUpdatesChart(t *testing.T) {
	fig, err := LostUpdates(lostResults()...)
	if err != nil {
		t.Fatal(err)
	}
	m := contParse(t, fig.Option)
	cats := m["xAxis"].(map[string]any)["data"].([]any)
	// Largest loss 950 of 2000 = 47.5%: bins of 5% (47.5/2.5 > 20 bins at 2%), so none + 10 bins.
	if len(cats) != 11 || cats[0] != "none" || cats[1] != "0–5%" || cats[10] != "45–50%" {
		t.Errorf("categories %v; want none, 0–5%%, …, 45–50%%", cats)
	}
	series := m["series"].([]any)
	first := series[0].(map[string]any)["data"].([]any)
	// 0, 0 → none; 12/2000 = 0.6% → 0–5%; 400/2000 = 20% → 15–20%; 950/2000 = 47.5% → 45–50%.
	wantFirst := map[int]float64{0: 2, 1: 1, 4: 1, 10: 1}
	for i, v := range first {
		if v.(float64) != wantFirst[i] {
			t.Errorf("GOMAXPROCS=2 bin %d (%v) has %v runs; want %v", i, cats[i], v, wantFirst[i])
		}
	}
	if got := seriesNames(m, "bar"); got[0] != "GOMAXPROCS=2 (5 runs)" || got[1] != "GOMAXPROCS=1 (4 runs)" {
		t.Errorf("series %q", got)
	}
	if x, y := axisName(m, "xAxis"), axisName(m, "yAxis"); !strings.Contains(x, "(% of its increments)") || y != "runs" {
		t.Errorf("axis titles %q, %q", x, y)
	}
}

func TestFalseSharingChart(t *testing.T) {
	fig, err := FalseSharing(falseResult())
	if err != nil {
		t.Fatal(err)
	}
	m := contParse(t, fig.Option)
	if y := axisName(m, "yAxis"); y != "wall time per increment (ns)" {
		t.Errorf("y axis %q", y)
	}
	if got := strings.Join(seriesNames(m, "bar"), "; "); got != "adjacent; padded 64 B; padded 128 B" {
		t.Errorf("bar series %q", got)
	}
	if cats := m["xAxis"].(map[string]any)["data"].([]any); len(cats) != 6 || cats[3] != "adjacent\n2 goroutines" {
		t.Errorf("categories %q", cats)
	}
	if !strings.Contains(fig.Option, "3.50×") {
		t.Error("the subtitle lacks the ratio 3.50×")
	}
}

func TestContentionChartsBadInput(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"nil contention", second(Contention(nil)), "counter.Measure"},
		{"empty contention", second(Contention(&counter.Contention{})), "no measurements"},
		{"no results", second(LostUpdates()), "at least one result"},
		{"no runs", second(LostUpdates(racy.Result{Config: racy.Config{Goroutines: 2, Each: 10}})), "no runs"},
		{"no bars", second(FalseSharing(falseshare.Result{})), "no bars"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.want)
		}
	}
}

func second(_ Figure, err error) error { return err }

// TestContentionChartsRender draws each figure with ECharts itself (server-side SVG in Node), when Node
// and the pinned echarts.min.js are present, so errors in the option or in renderItem show up.
func TestContentionChartsRender(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	lib, err := filepath.Abs(filepath.Join("..", "..", "kernel-setup", "echarts", "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(lib); err != nil {
		t.Skip("echarts.min.js is not downloaded (make lab does it)")
	}
	var figs []Figure
	for _, f := range []func() (Figure, error){
		func() (Figure, error) { return Contention(contentionResult()) },
		func() (Figure, error) { return LostUpdates(lostResults()...) },
		func() (Figure, error) { return FalseSharing(falseResult()) },
	} {
		fig, err := f()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fig)
	}
	var src strings.Builder
	src.WriteString("var echarts = require(" + strconvQuote(lib) + ");\n")
	for i, fig := range figs {
		src.WriteString("(function () {\n var c = echarts.init(null, null, {renderer: 'svg', ssr: true, width: 900, height: " +
			itoa(fig.height()) + "});\n c.setOption(" + fig.Option + ");\n var svg = c.renderToSVGString();\n" +
			" if (svg.indexOf('<path') < 0) throw new Error('figure " + itoa(i) + " drew nothing');\n" +
			" console.log('figure " + itoa(i) + " ok ' + svg.length);\n c.dispose();\n})();\n")
	}
	file := filepath.Join(t.TempDir(), "render.js")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, file).CombinedOutput()
	if err != nil || strings.Count(string(out), " ok ") != len(figs) {
		t.Errorf("node: %v\n%s", err, out)
	}
}

func strconvQuote(s string) string { b, _ := json.Marshal(s); return string(b) }

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
