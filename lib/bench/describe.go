package bench

import (
	"fmt"
	"math"
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

// FitSpeedups returns the speedups a scaling fit may use — those of Speedups(task, procs) with at most
// as many workers as the run had cores (Env.CoresUsed): past the cores, goroutines only take turns, and
// a law fitted through such points blames the program for the machine — and, when it left points out,
// a sentence saying which and why. On one core only N = 1 is left: nothing can be fitted, and the
// sentence says that this machine cannot measure a parallel speedup. task "" and procs 0 as in Group.
func (r *Result) FitSpeedups(task string, procs int) ([]scaling.Point, string) {
	all := r.Speedups(task, procs)
	g := r.Group(task, procs)
	if len(g) == 0 {
		return all, ""
	}
	cores := r.Env.CoresUsed(g[0].Procs, g[0].Procs)
	var pts []scaling.Point
	var left []string
	for _, p := range all {
		if p.N <= cores {
			pts = append(pts, p)
		} else {
			left = append(left, fmt.Sprint(p.N))
		}
	}
	switch {
	case len(left) == 0:
		return pts, ""
	case cores == 1:
		return pts, fmt.Sprintf("This run had one core (GOMAXPROCS = %d, %d logical CPU%s), so only one goroutine ran at a time: "+
			"no parallel speedup can be measured here, and a law fitted to these points would describe the machine, not the program. "+
			"The measurements with %s goroutines are drawn but not fitted.", g[0].Procs, r.Env.NumCPU, plural(r.Env.NumCPU), strings.Join(left, ", "))
	}
	return pts, fmt.Sprintf("Only the points with up to %d goroutines — the cores this run had — are fitted; "+
		"the %s-goroutine point%s only took turns on those cores.", cores, strings.Join(left, ", "), plural(len(left)))
}

// Describe says in plain words what a sweep measured on this machine: for the first task, under each
// GOMAXPROCS it was run with, the best speedup, where it came and its efficiency (speedup ÷ the cores
// it could use), what the points past the cores did — or, with one core, that the goroutines only
// took turns — and what the capacity probe gave a perfectly parallel loop in the same rounds (see
// Capacity) beside the program's speedup on as many goroutines; then, in one sentence each, how many
// points were noisy and how many had too few trials to
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
		parts = append(parts, describeGroup(g, pr, r.Env))
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

// describeGroup describes the points of one task under one GOMAXPROCS, by increasing workers; env
// says how many cores they could use (Env.CoresUsed).
func describeGroup(g []Point, procs int, env Env) string {
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
	if procs == 0 {
		procs = runtime.GOMAXPROCS(0)
	}
	cores := env.CoresUsed(procs, procs) // the most cores any point of the group could use
	where := fmt.Sprintf("With GOMAXPROCS = %d", procs)
	if cores < procs {
		where += fmt.Sprintf(" on %d logical CPU%s", cores, plural(cores))
	}
	if len(pts) < 2 {
		return where + ", fewer than two configurations have a speedup with an interval, so there is nothing to compare yet."
	}
	best := pts[len(pts)-1]
	for _, p := range pts {
		if p.Workers > 1 && p.Speedup.Value > best.Speedup.Value {
			best = p
		}
	}
	var b strings.Builder
	if cores == 1 {
		// One core: no parallel speedup is possible; say what the goroutines did instead.
		lo, hi := pts[len(pts)-1], pts[len(pts)-1]
		for _, p := range pts {
			if p.Workers > 1 && p.Speedup.Value < lo.Speedup.Value {
				lo = p
			}
			if p.Workers > 1 && p.Speedup.Value > hi.Speedup.Value {
				hi = p
			}
		}
		fmt.Fprintf(&b, "%s, only one goroutine runs at a time: with more than one goroutine the speedup %s — "+
			"about one core's worth, because the goroutines only took turns.", where, speedRange(lo, hi))
		return b.String()
	}
	if best.Speedup.Low <= 1 {
		others := fmt.Sprintf("%d cores", cores-1)
		if cores == 2 {
			others = "core"
		}
		fmt.Fprintf(&b, "%s, no number of goroutines was clearly faster than one: the best, %.2f× with %d goroutines, has a 95%% interval "+
			"(%.2f–%.2f) that reaches 1×. So this run cannot show that the other %s helped — on a busy machine they may have been "+
			"running other programs, or the work was too small to share.", where, best.Speedup.Value, best.Workers, best.Speedup.Low,
			best.Speedup.High, others)
		return b.String()
	}
	fmt.Fprintf(&b, "%s, the best speedup was **%.2f×** (95%% interval %.2f–%.2f) with %d goroutine%s",
		where, best.Speedup.Value, best.Speedup.Low, best.Speedup.High, best.Workers, plural(best.Workers))
	if used := env.CoresUsed(best.Workers, procs); best.Workers > 1 {
		fmt.Fprintf(&b, ", an efficiency of %.0f%% (speedup ÷ the %d cores it could use)", 100*best.Efficiency.Value, used)
		if best.Speedup.Low > float64(used) {
			fmt.Fprintf(&b, " — above %d×: more than one core's worth per core, which happens when the split work fits the caches better, or when the one-goroutine run was slowed by something else", used)
		}
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
	if best.Workers < cores && compareSpeedups(*atCores, best) < 0 {
		fmt.Fprintf(&b, " On all %d cores (%d goroutines) it was lower, %.2f× (95%% interval %.2f–%.2f): past %d goroutines, more cores did not pay in this run.",
			cores, cores, atCores.Speedup.Value, atCores.Speedup.Low, atCores.Speedup.High, best.Workers)
	}
	b.WriteString(pastCores(pts, *atCores, best, cores))
	return b.String()
}

// compareSpeedups is +1 when p is clearly faster than q (more than 5% and their intervals apart), -1
// when clearly slower, 0 when the noise cannot tell them apart.
func compareSpeedups(p, q Point) int {
	gain := p.Speedup.Value/q.Speedup.Value - 1
	overlap := p.Speedup.Low <= q.Speedup.High && q.Speedup.Low <= p.Speedup.High
	switch {
	case overlap || (gain >= -0.05 && gain <= 0.05):
		return 0
	case gain > 0:
		return 1
	}
	return -1
}

// pastCores says what the points with more goroutines than cores did, against atCores (one goroutine
// per core): the fastest of them when it is clearly faster, else that none was, saying so of best when
// it is one of them; and the slowest when it is clearly slower. "" when there are none.
func pastCores(pts []Point, atCores, best Point, cores int) string {
	var past []Point
	for _, p := range pts {
		if p.Workers > cores {
			past = append(past, p)
		}
	}
	if len(past) == 0 {
		return ""
	}
	hi, lo := past[0], past[0]
	var counts []string
	for _, p := range past {
		if p.Speedup.Value > hi.Speedup.Value {
			hi = p
		}
		if p.Speedup.Value < lo.Speedup.Value {
			lo = p
		}
		counts = append(counts, fmt.Sprint(p.Workers))
	}
	list := counts[0]
	if n := len(counts); n > 1 {
		list = strings.Join(counts[:n-1], ", ") + " and " + counts[n-1]
	}
	gain := func(p Point) float64 { return 100 * math.Abs(p.Speedup.Value/atCores.Speedup.Value-1) }
	var b strings.Builder
	switch {
	case compareSpeedups(hi, atCores) > 0:
		fmt.Fprintf(&b, " With %d goroutines — more than the %d that can run at once — it was %.0f%% faster than with %d, beyond the noise: with more goroutines the work was cut finer, so no core sat idle waiting for the last, uneven piece.",
			hi.Workers, cores, gain(hi), cores)
	case best.Workers > cores:
		fmt.Fprintf(&b, " That is no clear gain over %d goroutines, one per core (%.2f×, 95%% interval %.2f–%.2f; the intervals overlap or differ by under 5%%): with more goroutines than the %d that can run at once (%s), the extra goroutines only took turns.",
			cores, atCores.Speedup.Value, atCores.Speedup.Low, atCores.Speedup.High, cores, list)
	case compareSpeedups(hi, atCores) == 0:
		fmt.Fprintf(&b, " With more goroutines than the %d that can run at once (%s), it was not clearly faster than with %d (the intervals overlap or differ by under 5%%): the extra goroutines only took turns.",
			cores, list, cores)
	}
	if compareSpeedups(lo, atCores) < 0 {
		fmt.Fprintf(&b, " With %d goroutines it was %.0f%% slower than with %d: they only took turns, and switching cost time.", lo.Workers, gain(lo), cores)
	}
	return b.String()
}

// speedRange gives the speedups of lo and hi in words: "was 0.98× (4 goroutines)" when they are one
// point, else "ranged from 0.97× (2 goroutines) to 1.01× (3 goroutines)".
func speedRange(lo, hi Point) string {
	one := func(p Point) string {
		return fmt.Sprintf("%.2f× (%d goroutine%s)", p.Speedup.Value, p.Workers, plural(p.Workers))
	}
	if lo.Workers == hi.Workers {
		return "was " + one(lo)
	}
	return "ranged from " + one(lo) + " to " + one(hi)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
