package bench

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/parlab/parlab/lib/scaling"
)

// judgeable reports whether a conclusion may be drawn from p's speedup: it was measured, and it
// and its baseline had enough trials for an interval.
func judgeable(p Point, base *Point) bool {
	return p.Speedup.Value > 0 && p.Speedup.Known() && len(p.Samples) >= MinTrials &&
		base != nil && len(base.Samples) >= MinTrials
}

// SpeedupAt returns the speedup measured for task under GOMAXPROCS = procs with the given number
// of workers, and whether the result has it (a partial result may lack the point or its one-worker
// baseline). task "" means the result's first task and procs 0 its first GOMAXPROCS, as in Group.
// The interval is zero when the point has too few trials for one.
func (r *Result) SpeedupAt(task string, procs, workers int) (Interval, bool) {
	for _, p := range r.Group(task, procs) {
		if p.Workers == workers && p.Speedup.Value > 0 {
			return p.Speedup, true
		}
	}
	return Interval{}, false
}

// Speedups returns one task's measured speedups under one GOMAXPROCS as scaling points (workers,
// speedup, 95% interval), ready for scaling.FitAmdahl and the scaling charts; task "" and procs 0
// as in Group. Points without a speedup (a partial result whose one-worker baseline is missing)
// are left out; a point with too few trials for an interval has none (Lower = Upper = 0).
func (r *Result) Speedups(task string, procs int) []scaling.Point {
	var pts []scaling.Point
	for _, p := range r.Group(task, procs) {
		if p.Speedup.Value <= 0 {
			continue
		}
		pt := scaling.Point{N: p.Workers, Value: p.Speedup.Value}
		if p.Speedup.Known() {
			pt.Lower, pt.Upper = p.Speedup.Low, p.Speedup.High
		}
		pts = append(pts, pt)
	}
	return pts
}

// Describe says in plain words what a sweep measured on this machine: for the first task, under each
// GOMAXPROCS it was run with, the best speedup and where it came, and what the points past GOMAXPROCS
// did, and what the capacity probe gave a perfectly parallel loop in the same rounds (see Capacity)
// beside the program's speedup on as many goroutines; then, in one sentence each, how many points were noisy and how many had too few trials to
// judge. The text is built from the measurements, never from expectations, and draws no conclusion
// from a point without an interval.
func (r *Result) Describe() string {
	if r == nil || len(r.Points) == 0 {
		return "Nothing was measured."
	}
	first := r.Points[0]
	var groups []int
	for _, p := range r.Points {
		if p.Task == first.Task && (len(groups) == 0 || groups[len(groups)-1] != p.Procs) {
			groups = append(groups, p.Procs)
		}
	}
	var parts []string
	noisy, few, total := 0, 0, 0
	for _, pr := range groups {
		g := r.Group(first.Task, pr)
		parts = append(parts, describeGroup(g, pr))
		if c := r.capacitySentence(g, pr); c != "" {
			parts = append(parts, c)
		}
		for _, p := range g {
			total++
			switch {
			case len(p.Samples) < MinTrials:
				few++
			case p.Noisy:
				noisy++
			}
		}
	}
	text := strings.Join(parts, " ")
	if noisy > 0 {
		text += fmt.Sprintf(" %d of %d points are noisy (the runs disagreed, often because other programs were busy), so differences of a few percent there may not be real.", noisy, total)
	}
	if few > 0 {
		text += fmt.Sprintf(" %d of %d points have fewer than %d trials — too few for an interval — so nothing is concluded from them.", few, total, MinTrials)
	}
	if r.Partial {
		text += " *The run was interrupted: this result is partial.*"
	}
	return text
}

// describeGroup describes the points of one task under one GOMAXPROCS, by increasing workers.
func describeGroup(g []Point, procs int) string {
	var base *Point
	for i := range g {
		if g[i].Workers == 1 {
			base = &g[i]
		}
	}
	var pts []Point
	for _, p := range g {
		if judgeable(p, base) {
			pts = append(pts, p)
		}
	}
	cores := procs
	if cores == 0 {
		cores = runtime.GOMAXPROCS(0)
	}
	if len(pts) < 2 {
		return fmt.Sprintf("With GOMAXPROCS = %d, fewer than two configurations have a speedup with an interval, so there is nothing to compare yet.", cores)
	}
	best := pts[0]
	for _, p := range pts {
		if p.Speedup.Value > best.Speedup.Value {
			best = p
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "With GOMAXPROCS = %d, the best speedup was **%.2f×** (95%% interval %.2f–%.2f) with %d goroutine%s",
		cores, best.Speedup.Value, best.Speedup.Low, best.Speedup.High, best.Workers, plural(best.Workers))
	if best.Workers > 1 {
		fmt.Fprintf(&b, ", an efficiency of %.0f%%", 100*best.Efficiency.Value)
	}
	b.WriteString(".")
	var atCores *Point
	for i := range pts {
		if pts[i].Workers == cores {
			atCores = &pts[i]
		}
	}
	if atCores == nil {
		return b.String()
	}
	for _, p := range pts {
		if p.Workers <= cores {
			continue
		}
		gain := p.Speedup.Value/atCores.Speedup.Value - 1
		overlap := p.Speedup.Low <= atCores.Speedup.High && atCores.Speedup.Low <= p.Speedup.High
		who := fmt.Sprintf(" %d goroutines — more than the %d that can run at once — were", p.Workers, cores)
		switch {
		case overlap || (gain >= -0.05 && gain <= 0.05):
			fmt.Fprintf(&b, "%s not clearly faster than %d (the intervals overlap or differ by under 5%%): the extra goroutines only took turns.", who, cores)
		case gain > 0:
			fmt.Fprintf(&b, "%s %.0f%% faster than %d, beyond the noise: with more goroutines the work was cut finer, so no core sat idle waiting for the last, uneven piece.", who, 100*gain, cores)
		default:
			fmt.Fprintf(&b, "%s %.0f%% slower than %d: they only took turns, and switching cost time.", who, -100*gain, cores)
		}
		break
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
