package figure

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
)

func names(m map[string]any, typ string) []string {
	var out []string
	for _, s := range ct.Series(m, typ) {
		out = append(out, s["name"].(string))
	}
	return out
}

func TestSweepFigures(t *testing.T) {
	tests := []struct {
		name  string
		build func(*bench.Result) (chart.Figure, error)
		yAxis string
		lines string
	}{
		{"Times", Times, "median time per run (ms)", "GOMAXPROCS=1|GOMAXPROCS=2"},
		// The ideal speedup is the cores the goroutines can use: flat at 1 under GOMAXPROCS=1.
		{"Speedup", Speedup, "speedup T(1)/T(N) (×)", "ideal, GOMAXPROCS=1|ideal, GOMAXPROCS=2|GOMAXPROCS=1|GOMAXPROCS=2"},
		{"Efficiency", Efficiency, "efficiency: speedup ÷ cores used (%)", "ideal|GOMAXPROCS=1|GOMAXPROCS=2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig, err := tt.build(sweepResult(false))
			if err != nil {
				t.Fatal(err)
			}
			m := ct.OptionJSON(t, fig)
			if x, y := ct.Axis(m, "xAxis", 0)["name"], ct.Axis(m, "yAxis", 0)["name"]; x != "workers (goroutines)" || y != tt.yAxis {
				t.Errorf("axis titles %q, %q; want %q, %q", x, y, "workers (goroutines)", tt.yAxis)
			}
			if got := strings.Join(names(m, "line"), "|"); got != tt.lines {
				t.Errorf("lines %q; want %q", got, tt.lines)
			}
			whiskers, trials := 0, 0
			for _, s := range ct.Series(m, "custom") {
				switch s["renderItem"] {
				case "parlab.whisker":
					whiskers++
				case "parlab.strip":
					trials += len(s["data"].([]any))
				}
			}
			if whiskers != 2 {
				t.Errorf("%d whisker series; want 2", whiskers)
			}
			if wantTrials := map[string]int{"Times": 60}[tt.name]; trials != wantTrials {
				t.Errorf("%d trial dots; want %d (Times shows every trial)", trials, wantTrials)
			}
			if !strings.Contains(ct.Titles(m), "2 logical CPUs") {
				t.Errorf("titles %q; want the machine in the subtitle", ct.Titles(m))
			}
			if !strings.Contains(strings.Join(names(m, "scatter"), "|"), "noisy") {
				t.Error("noisy points are not explained in the legend")
			}
		})
	}
}

// TestSpeedupIdeal: the ideal line stops rising at the cores (issue 12, item 3): min(N, GOMAXPROCS,
// logical CPUs), never N goroutines N times faster on fewer cores.
func TestSpeedupIdeal(t *testing.T) {
	res := sweepResult(false)
	res.Env.NumCPU = 2
	got := idealCurves(res, 4, func(n, procs int) float64 { return float64(res.Env.CoresUsed(n, procs)) })
	want := map[string][]float64{"ideal, GOMAXPROCS=1": {1, 1, 1, 1}, "ideal, GOMAXPROCS=2": {1, 2, 2, 2}}
	if len(got) != len(want) {
		t.Fatalf("%d ideal curves; want %d", len(got), len(want))
	}
	for _, c := range got {
		var ys []float64
		for _, p := range c.Points {
			ys = append(ys, p.Y)
		}
		if w, ok := want[c.Name]; !ok || fmt.Sprint(ys) != fmt.Sprint(w) {
			t.Errorf("ideal %q at N = 1…4: %v; want %v", c.Name, ys, w)
		}
	}
}

func TestSweepFigureUnitsAndPartial(t *testing.T) {
	res := interrupted()
	for i := range res.Points {
		res.Points[i].Median /= 1000 // 100 µs
		res.Points[i].High /= 1000
		res.Points[i].Low /= 1000
		for j := range res.Points[i].Samples {
			res.Points[i].Samples[j] /= 1000
		}
	}
	fig, err := Times(res)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if y := ct.Axis(m, "yAxis", 0)["name"]; y != "median time per run (µs)" {
		t.Errorf("y axis %q for ≈100 µs; want µs", y)
	}
	titles := ct.Titles(m)
	if !strings.Contains(titles, "⚠ Partial result") || !strings.Contains(titles, "interrupted") {
		t.Errorf("titles %q of a partial result; want a red warning saying why", titles)
	}
	// The point with two trials has no interval: hollow, no whisker, and the legend says so.
	if !strings.Contains(strings.Join(names(m, "scatter"), "|"), "too few trials for an interval") {
		t.Errorf("legend %q; want the entry for points without an interval", names(m, "scatter"))
	}
	whiskers := 0
	for _, s := range ct.Series(m, "custom") {
		if s["renderItem"] == "parlab.whisker" {
			whiskers += len(s["data"].([]any))
		}
	}
	if whiskers != 5 {
		t.Errorf("%d whiskers; want 5 (six points, one without an interval)", whiskers)
	}
}

func TestSweepFigureBadInput(t *testing.T) {
	noBaseline := sweepResult(true)
	for i := range noBaseline.Points {
		noBaseline.Points[i].Speedup = bench.Interval{}
	}
	for _, tt := range []struct {
		name  string
		build func(*bench.Result) (chart.Figure, error)
		res   *bench.Result
		want  string
	}{
		{"nil", Times, nil, "result is nil"},
		{"empty", Speedup, &bench.Result{}, "no measurements"},
		{"no baseline", Speedup, noBaseline, "no one-worker baseline"},
		{"no median", Times, &bench.Result{Points: []bench.Point{{Samples: []time.Duration{0}}}}, "no median time to draw"},
	} {
		_, err := tt.build(tt.res)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestSpeedupGridAndSpread(t *testing.T) {
	fig, err := SpeedupGrid(interrupted(), "")
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := ct.Axis(m, "yAxis", 0)["name"]; got != "GOMAXPROCS (Ps)" {
		t.Errorf("rows named %q", got)
	}
	cells := ct.Series(m, "heatmap")[0]["data"].([]any)
	if len(cells) != 6 {
		t.Errorf("%d cells; want 6 (3 worker counts × 2 GOMAXPROCS)", len(cells))
	}
	notes := ""
	for _, c := range cells {
		notes += c.(map[string]any)["name"].(string)
	}
	if !strings.Contains(notes, "too few trials for an interval (2)") {
		t.Errorf("cell tooltips %q; want the interrupted point's to say it has no interval", notes)
	}
	fig, err = Spread(sweepResult(false), "")
	if err != nil {
		t.Fatal(err)
	}
	m = ct.OptionJSON(t, fig)
	if got := len(ct.Series(m, "boxplot")); got != 2 {
		t.Errorf("%d box series; want one per GOMAXPROCS", got)
	}
	if _, err := Spread(sweepResult(false), "nope"); err == nil || !strings.Contains(err.Error(), `no task "nope"`) {
		t.Errorf("unknown task: err = %v", err)
	}
}
