package figure

import (
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/falseshare"
	"github.com/parlab/parlab/lib/racy"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/serving"
	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

// Made-up results, one per topic, for the tests of this package.

// sweepResult: two GOMAXPROCS values, workers 1, 2, 4, times in ms, 10 trials each.
func sweepResult(partial bool) *bench.Result {
	res := &bench.Result{Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2, GoVersion: "go1.26.8"}, Trials: 10, Partial: partial}
	for _, procs := range []int{1, 2} {
		for _, w := range []int{1, 2, 4} {
			med := 100 * time.Millisecond
			if procs == 2 && w > 1 {
				med = 52 * time.Millisecond
			}
			samples := make([]time.Duration, 10)
			for i := range samples {
				samples[i] = med + time.Duration(i-4)*300*time.Microsecond
			}
			s := float64(100*time.Millisecond) / float64(med)
			used := float64(min(w, procs)) // efficiency divides by the cores used
			res.Points = append(res.Points, bench.Point{
				Config:  bench.Config{Task: "sum of squares, n=100000000", Workers: w, Procs: procs},
				Samples: samples, Median: med, Low: med - time.Millisecond, High: med + 2*time.Millisecond,
				Speedup:    bench.Interval{Value: s, Low: s * 0.97, High: s * 1.02},
				Efficiency: bench.Interval{Value: s / used, Low: s * 0.97 / used, High: s * 1.02 / used},
				Noisy:      w == 4,
			})
		}
	}
	return res
}

// interrupted is sweepResult stopped early: its last points have two trials and no interval (Low and High
// zero), as bench gives them.
func interrupted() *bench.Result {
	res := sweepResult(true)
	res.Stopped = "interrupted"
	for i := range res.Points {
		if p := &res.Points[i]; p.Procs == 2 && p.Workers == 4 {
			p.Samples = p.Samples[:2]
			p.Low, p.High = 0, 0
			p.Speedup.Low, p.Speedup.High = 0, 0
			p.Efficiency.Low, p.Efficiency.High = 0, 0
		}
	}
	return res
}

func scalSpeedups() []scaling.Point {
	var pts []scaling.Point
	for _, n := range []int{1, 2, 3, 4, 6, 8} {
		v := scaling.Amdahl(0.1, float64(n))
		pts = append(pts, scaling.Point{N: n, Value: v, Lower: 0.97 * v, Upper: 1.03 * v})
	}
	return pts
}

func scalTwoCores() []scaling.Point {
	return []scaling.Point{{N: 1, Value: 1, Lower: 0.98, Upper: 1.02}, {N: 2, Value: 1.9, Lower: 1.85, Upper: 1.95}}
}

func scalThroughputs(ns ...int) []scaling.Point {
	m := scaling.USL{Sigma: 0.03, Kappa: 0.001, Lambda: 200}
	var pts []scaling.Point
	for _, n := range ns {
		v := m.X(float64(n))
		pts = append(pts, scaling.Point{N: n, Value: v, Lower: 0.98 * v, Upper: 1.02 * v})
	}
	return pts
}

func loadCurves() []serving.Curve {
	lv := func(n int, x float64) serving.Level {
		return serving.Level{N: n,
			Throughput: bench.Interval{Value: x, Low: 0.9 * x, High: 1.1 * x},
			Latency:    bench.Interval{Value: float64(n) / x, Low: float64(n) / (1.1 * x), High: float64(n) / (0.9 * x)}, Derived: true}
	}
	return []serving.Curve{
		{Name: "GOMAXPROCS=1", Levels: []serving.Level{lv(1, 180), lv(2, 360), lv(4, 700), lv(8, 1300), lv(16, 2300), lv(32, 3300)}},
		{Name: "GOMAXPROCS=2", Levels: []serving.Level{lv(1, 185), lv(2, 370), lv(4, 710), lv(8, 1380), lv(16, 2500), lv(32, 3600)}},
	}
}

// contentionResult: two kinds, goroutines 1, 2, 4, GOMAXPROCS 1 and 2.
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

func comparison() *compare.Result {
	ms := time.Millisecond
	return &compare.Result{Title: "sum of squares", Entries: []compare.Entry{
		{Name: "Python, serial", Median: 400 * ms, Low: 390 * ms, High: 420 * ms, Samples: make([]time.Duration, 6)},
		{Name: "Go, 2 goroutines", Median: 2 * ms, Low: 2 * ms, High: 3 * ms, Samples: make([]time.Duration, 6), VsFirst: bench.Interval{Value: 200, Low: 150, High: 210}},
	}}
}

func simulated(t *testing.T, make func() (sim.Scenario, error)) timeline.Timeline {
	t.Helper()
	sc, err := make()
	if err != nil {
		t.Fatal(err)
	}
	res, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	return res.Timeline
}

// everyFigure builds one figure of each adapter, for tests that look at all of them.
func everyFigure(t *testing.T) map[string]chart.Figure {
	t.Helper()
	baristas := func() (sim.Scenario, error) { return sim.Baristas(1, 1, 4) }
	server := func() (sim.Scenario, error) { return sim.WebServer(1, 8) }
	build := map[string]func() (chart.Figure, error){
		"Times":          func() (chart.Figure, error) { return Times(sweepResult(false)) },
		"Speedup":        func() (chart.Figure, error) { return Speedup(sweepResult(false)) },
		"Efficiency":     func() (chart.Figure, error) { return Efficiency(sweepResult(false)) },
		"SpeedupPartial": func() (chart.Figure, error) { return Speedup(interrupted()) },
		"ScalingSpeedup": func() (chart.Figure, error) {
			return ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{0.05}, USL: true})
		},
		"ScalingEfficiency": func() (chart.Figure, error) { return ScalingEfficiency(scalSpeedups(), ScalingOptions{}) },
		"KarpFlatt":         func() (chart.Figure, error) { return KarpFlatt(scalSpeedups()) },
		"USL":               func() (chart.Figure, error) { return USL(scalThroughputs(1, 2, 4, 8, 16, 32), "requests/s", 0) },
		"GustafsonAmdahl":   func() (chart.Figure, error) { return GustafsonAmdahl([]float64{0.05, 0.25}, 0) },
		"AmdahlExplorer":    func() (chart.Figure, error) { return AmdahlExplorer(0.1, 32, scalSpeedups()) },
		"ThroughputLatency": func() (chart.Figure, error) { return ThroughputLatency("", "HTTP, 5 ms latency", loadCurves()...) },
		"Contention":        func() (chart.Figure, error) { return Contention(contentionResult()) },
		"LostUpdates":       func() (chart.Figure, error) { return LostUpdates(lostResults()...) },
		"FalseSharing":      func() (chart.Figure, error) { return FalseSharing(falseResult()) },
		"Compare":           func() (chart.Figure, error) { return Compare(comparison()) },
		"Gantt":             func() (chart.Figure, error) { return Gantt(simulated(t, baristas)) },
		"GanttTasks":        func() (chart.Figure, error) { return GanttTasks(simulated(t, server)) },
		"GanttStack":        func() (chart.Figure, error) { return GanttStack("two", simulated(t, baristas), simulated(t, server)) },
		"SpeedupGrid":       func() (chart.Figure, error) { return SpeedupGrid(interrupted(), "") },
		"Spread":            func() (chart.Figure, error) { return Spread(sweepResult(false), "") },
	}
	for name, b := range patternFigures(t) { // notebook 05's (patterns_test.go)
		build[name] = b
	}
	figs := map[string]chart.Figure{}
	for name, b := range build {
		fig, err := b()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		figs[name] = fig
	}
	return figs
}
