package figure

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
)

// Times draws a sweep's median time per run against the number of workers, one line per task and
// GOMAXPROCS, with whiskers for each median's 95% interval and every trial as a dot beside it, so the
// spread of the trials shows.
func Times(res *bench.Result) (chart.Figure, error) {
	if err := checkResult(res); err != nil {
		return chart.Figure{}, err
	}
	var top time.Duration
	for _, p := range res.Points {
		top = max(top, p.High, p.Median)
	}
	unit, per := chart.TimeUnit(top)
	scale := func(d time.Duration) float64 { return float64(d) / float64(per) }
	return sweepPlot(res, "Time per run vs workers", chart.Axis{Name: "median time per run", Unit: unit},
		func(p bench.Point) (chart.Point, bool) {
			pt := chart.Point{Y: scale(p.Median), Low: scale(p.Low), High: scale(p.High)}
			for _, s := range p.Samples {
				pt.Samples = append(pt.Samples, scale(s))
			}
			return pt, p.Median > 0
		}, nil)
}

// Speedup draws a sweep's speedup T(1 worker)/T(N workers) against N, one line per task and
// GOMAXPROCS, with whiskers for the bootstrap 95% intervals and, dashed, the ideal for each GOMAXPROCS:
// S = the cores N goroutines can use, min(N, GOMAXPROCS, logical CPUs) (bench.Env.CoresUsed) — N
// times faster only while each goroutine has a core of its own, flat beyond; and, where the result has
// a capacity probe (bench.Capacity), what this machine gave a perfectly parallel loop during the run,
// dotted, beside the ideal.
func Speedup(res *bench.Result) (chart.Figure, error) {
	if err := checkResult(res); err != nil {
		return chart.Figure{}, err
	}
	return sweepPlot(res, "Speedup vs workers", chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"},
		func(p bench.Point) (chart.Point, bool) {
			s := p.Speedup
			return chart.Point{Y: s.Value, Low: s.Low, High: s.High}, s.Value > 0
		}, func(n, procs int) float64 { return float64(res.Env.CoresUsed(n, procs)) }, func(panel *chart.Panel, maxW float64) {
			capacityOnPanel(panel, res.Capacity, maxW)
		})
}

// Efficiency draws a sweep's parallel efficiency — speedup ÷ the cores the point could use, min(N,
// GOMAXPROCS, logical CPUs), in percent — against N, one line per task and GOMAXPROCS, with whiskers
// for the 95% intervals and the ideal 100% dashed. Goroutines beyond the cores only take turns, so
// they are not counted: GOMAXPROCS = 1 ideally stays at 100% of its one core.
func Efficiency(res *bench.Result) (chart.Figure, error) {
	if err := checkResult(res); err != nil {
		return chart.Figure{}, err
	}
	return sweepPlot(res, "Efficiency vs workers", chart.Axis{Name: "efficiency: speedup ÷ cores used", Unit: "%"},
		func(p bench.Point) (chart.Point, bool) {
			e := p.Efficiency
			return chart.Point{Y: 100 * e.Value, Low: 100 * e.Low, High: 100 * e.High}, e.Value > 0
		}, func(int, int) float64 { return 100 })
}

func checkResult(res *bench.Result) error {
	switch {
	case res == nil:
		return errors.New("figure: the result is nil: run a sweep first (bench.Run or nb.Measure)")
	case len(res.Points) == 0:
		return errors.New("figure: the result has no measurements: the sweep was stopped before its first trial ended")
	}
	return nil
}

// sweepPlot draws one series per task and GOMAXPROCS. value gives a point's y and interval, and false
// when the point has nothing to draw (no baseline for a speedup); ideal, when not nil, gives the ideal
// y of N workers under GOMAXPROCS = procs, drawn dashed: one curve per distinct ideal; each of more
// adds to the panel (the capacity probe's line).
func sweepPlot(res *bench.Result, title string, y chart.Axis, value func(bench.Point) (chart.Point, bool), ideal func(n, procs int) float64, more ...func(*chart.Panel, float64)) (chart.Figure, error) {
	tasks, procs := map[string]bool{}, map[int]bool{}
	for _, p := range res.Points {
		tasks[p.Task], procs[p.Procs] = true, true
	}
	var series []chart.Series
	index := map[[2]any]int{}
	maxW := 1.0
	for _, p := range res.Points {
		pt, ok := value(p)
		if !ok {
			continue
		}
		key := [2]any{p.Task, p.Procs}
		i, seen := index[key]
		if !seen {
			var parts []string
			if len(tasks) > 1 {
				parts = append(parts, p.Task)
			}
			if len(procs) > 1 || len(tasks) == 1 {
				parts = append(parts, fmt.Sprintf("GOMAXPROCS=%d", p.Procs))
			}
			i = len(series)
			index[key] = i
			series = append(series, chart.Series{Name: strings.Join(parts, ", ")})
		}
		pt.X = float64(p.Workers)
		pt.Noisy = p.Noisy
		pt.Note = fmt.Sprintf("%d trial%s", len(p.Samples), plural(len(p.Samples)))
		if p.Noisy && pt.HasInterval() {
			pt.Note += fmt.Sprintf(" · interval wider than ±%.0f%% of the median", 100*bench.NoisyFraction)
		}
		series[i].Points = append(series[i].Points, pt)
		maxW = max(maxW, float64(p.Workers))
	}
	if len(series) == 0 {
		if ideal == nil {
			return chart.Figure{}, errors.New("figure: the result has no median time to draw: no configuration finished a trial")
		}
		return chart.Figure{}, errors.New("figure: the result has no one-worker baseline, so there is no speedup to draw: the sweep was stopped before it timed one worker")
	}
	panel := chart.Panel{
		X:      chart.Axis{Name: "workers", Unit: "goroutines", Max: maxW + max(1, maxW/20), Integer: true},
		Y:      y,
		Series: series,
	}
	if ideal != nil {
		panel.Curves = idealCurves(res, int(maxW), ideal)
	}
	for _, f := range more {
		f(&panel, maxW)
	}
	sub := envLine(res.Env) + fmt.Sprintf(" · %d trials per point", res.Trials)
	if len(tasks) == 1 {
		sub = res.Points[0].Task + "\n" + sub
	}
	var warnings []string
	if res.Partial {
		warnings = append(warnings, partialWarning(res.Stopped))
	}
	return chart.Plot{Title: title, Subtitle: sub, Warnings: warnings, Panels: []chart.Panel{panel}}.Figure()
}

// idealCurves draws ideal(n, procs) for n = 1 … maxW, one dashed curve per GOMAXPROCS of res whose
// ideal differs from the others' (named by it when there are several).
func idealCurves(res *bench.Result, maxW int, ideal func(n, procs int) float64) []chart.Curve {
	var lines [][]chart.XY
	var names []string
	seen := map[int]bool{}
	for _, p := range res.Points {
		if seen[p.Procs] {
			continue
		}
		seen[p.Procs] = true
		var line []chart.XY
		for n := 1; n <= maxW; n++ {
			line = append(line, chart.XY{X: float64(n), Y: ideal(n, p.Procs)})
		}
		if !slices.ContainsFunc(lines, func(l []chart.XY) bool { return slices.Equal(l, line) }) {
			lines = append(lines, line)
			names = append(names, fmt.Sprintf("ideal, GOMAXPROCS=%d", p.Procs))
		}
	}
	curves := make([]chart.Curve, len(lines))
	for i, line := range lines {
		name := names[i]
		if len(lines) == 1 {
			name = "ideal"
		}
		curves[i] = chart.Curve{Name: name, Colour: "#888", Style: chart.Dashed, Width: 1.5, Points: line}
	}
	return curves
}

// envLine describes the machine a result was measured on.
func envLine(env bench.Env) string {
	s := env.CPUModel
	if s != "" {
		s += " · "
	}
	cpus := fmt.Sprintf("%d logical CPUs", env.NumCPU)
	if env.NumCPU == 1 {
		cpus = "1 logical CPU"
	}
	return s + cpus + " · " + env.GoVersion
}

func partialWarning(why string) string {
	s := "Partial result: the measurement was stopped early"
	if why != "" {
		s += " (" + why + ")"
	}
	return s + "; points with fewer trials than asked may have no interval."
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
