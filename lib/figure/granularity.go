package figure

// Notebook 06's figures: the price list of coordination (package overhead), the granularity sweep and
// the Karp–Flatt serial fraction (package granularity), a CPU profile as a tree map (package profile)
// and measured speedups beside Amdahl's predictions (package compare).

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/granularity"
	"github.com/parlab/parlab/lib/overhead"
	"github.com/parlab/parlab/lib/profile"
	"github.com/parlab/parlab/lib/scaling"
)

// PriceList draws the price list as horizontal bars on a logarithmic time axis (ns per operation), with
// whiskers for the 95% intervals: coordination in one colour, units of work in another.
func PriceList(res *overhead.Result) (chart.Figure, error) {
	if res == nil || len(res.Costs) == 0 {
		return chart.Figure{}, errors.New("figure: the price list is empty: measure it first with overhead.Config{}.Measure")
	}
	var names []string
	coord := chart.BarSeries{Name: "coordination (what splitting costs)", Colour: chart.Colour(3)}
	work := chart.BarSeries{Name: "units of work", Colour: chart.Colour(0)}
	for _, c := range res.Costs {
		if len(c.Samples) == 0 || !(c.Ns.Value > 0) {
			continue
		}
		names = append(names, c.Name)
		b := chart.Bar{Value: c.Ns.Value, Low: c.Ns.Low, High: c.Ns.High, Label: overhead.Ns(c.Ns.Value),
			Note: fmt.Sprintf("%d rounds of %d operations", len(c.Samples), c.Ops)}
		skip := chart.Bar{Skip: true}
		if c.Kind == overhead.Work {
			work.Bars, coord.Bars = append(work.Bars, b), append(coord.Bars, skip)
		} else {
			coord.Bars, work.Bars = append(coord.Bars, b), append(work.Bars, skip)
		}
	}
	if len(names) == 0 {
		return chart.Figure{}, errors.New("figure: no item of the price list has a measurement: it was stopped too early")
	}
	sub := envLine(res.Env) + " · median time per operation over the rounds, with its 95% interval · log scale: each grid line is 10×"
	var warnings []string
	if res.Partial {
		warnings = append(warnings, partialWarning(res.Stopped))
	}
	return chart.Bars{Title: "The price list: what coordination costs, beside units of work", Subtitle: sub, Warnings: warnings,
		Categories: names, Value: chart.Axis{Name: "time per operation", Unit: "ns", Log: 10, Min: 0.1},
		Series: []chart.BarSeries{coord, work}, Horizontal: true, Overlay: true}.Figure()
}

// Prediction is a task size predicted from the price list, drawn as a dotted vertical line in the
// colour of the way it is for.
type Prediction struct {
	Name string  // "break-even predicted for a goroutine per task"
	Ns   float64 // work per task, ns
	How  granularity.How
}

// Granularity draws the granularity sweep in two panels against the work per task (ns, log scale):
// the time of one run, and the speedup over the serial loop (log scale), one line per way, with 95%
// whiskers, a diamond where each way's speedup climbs through 1× for good (granularity.Result.Crossing),
// and the predictions as dotted lines.
func Granularity(res *granularity.Result, predictions ...Prediction) (chart.Figure, error) {
	if res == nil || len(res.Points) == 0 {
		return chart.Figure{}, errors.New("figure: the granularity sweep is empty: measure it first with granularity.Sweep{}.Measure")
	}
	x := chart.Axis{Name: "work per task", Unit: "ns", Log: 10}
	times := chart.Panel{Title: "time of one run", X: x, Y: chart.Axis{Name: "time of one run", Unit: "ms", Log: 10}}
	speed := chart.Panel{Title: "speedup over the serial loop", X: x, Y: chart.Axis{Name: "speedup", Unit: "×", Log: 10}}
	lo, hi, sLo, sHi := math.Inf(1), 0.0, math.Inf(1), 0.0
	for i, h := range granularity.Hows() {
		curve := res.Curve(h)
		if len(curve) == 0 {
			continue
		}
		t := chart.Series{Name: h.String(), Colour: chart.Colour(i)}
		s := chart.Series{Name: h.String(), Colour: chart.Colour(i)}
		for _, p := range curve {
			note := fmt.Sprintf("%d tasks of %d squares", p.Tasks, p.Size)
			t.Points = append(t.Points, chart.Point{X: p.TaskNs, Y: p.Ms.Value, Low: p.Ms.Low, High: p.Ms.High, Note: note})
			lo, hi = min(lo, p.TaskNs), max(hi, p.TaskNs)
			if h != granularity.Serial {
				s.Points = append(s.Points, chart.Point{X: p.TaskNs, Y: p.Speedup.Value, Low: p.Speedup.Low, High: p.Speedup.High, Note: note})
				sLo, sHi = min(sLo, p.Speedup.Value), max(sHi, p.Speedup.Value)
			}
		}
		times.Series = append(times.Series, t)
		if h != granularity.Serial {
			speed.Series = append(speed.Series, s)
			if ns, ok := res.Crossing(h); ok {
				speed.Marks = append(speed.Marks, chart.Mark{Name: "crosses 1×", X: ns, Y: 1, Label: nsLabel(ns), Colour: chart.Colour(i)})
			}
		}
	}
	speed.Curves = append(speed.Curves, chart.Curve{Name: "1×: as fast as the serial loop", Colour: "#888", Style: chart.Dashed, Width: 1,
		Points: []chart.XY{{X: lo, Y: 1}, {X: hi, Y: 1}}})
	for _, p := range predictions {
		if !(p.Ns > 0) || math.IsInf(p.Ns, 0) {
			continue
		}
		speed.Curves = append(speed.Curves, chart.Curve{Name: p.Name, Colour: chart.Colour(int(p.How)), Style: chart.Dotted, Width: 2,
			Points: []chart.XY{{X: p.Ns, Y: math.Min(sLo, 1) / 1.5}, {X: p.Ns, Y: math.Max(sHi, 1) * 1.5}}})
	}
	sub := fmt.Sprintf("%d squares in all, cut into tasks of 16 … %d squares; pools of %d goroutines · ", res.Total, res.Total, res.Workers) + envLine(res.Env) +
		"\nwork per task: the serial loop's time ÷ the number of tasks · medians with 95% intervals · diamonds: where a curve climbs through 1× for good"
	var warnings []string
	if res.Partial {
		warnings = append(warnings, partialWarning(res.Stopped))
	}
	return chart.Plot{Title: "Granularity: the same work cut into smaller and smaller tasks", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{times, speed}}.Figure()
}

func nsLabel(ns float64) string { return overhead.Ns(ns) }

// SerialFractions draws the Karp–Flatt serial fraction e(N) = (1/S − 1/N)/(1 − 1/N) in two panels:
// measured on this machine for each task size of a granularity.Scale (whiskers from the speedups'
// intervals; the workers beyond GOMAXPROCS marked, since they have no core of their own), and
// simulated on a machine with more cores (granularity.Simulate). Either may be nil.
func SerialFractions(measured *granularity.ScaleResult, simulated []granularity.Simulated) (chart.Figure, error) {
	var panels []chart.Panel
	var warnings []string
	yAxis := chart.Axis{Name: "serial fraction e(N)", Unit: "share of the 1-worker time", AutoMin: true}
	if measured != nil && len(measured.Curves) > 0 {
		// A speedup interval reaching down near 0 gives e far above 1: the axis stops at 1.5 (and -0.5),
		// and whiskers beyond are cut at its edge.
		mY := chart.Axis{Name: yAxis.Name, Unit: yAxis.Unit, Min: -0.5, Max: 1.5}
		for _, c := range measured.Curves { // the medians always show: the axis grows to hold them
			if kf, err := scaling.KarpFlattPoints(c.Speedups); err == nil {
				for _, q := range kf {
					mY.Max = max(mY.Max, math.Ceil(2*q.Value)/2+0.5)
					mY.Min = min(mY.Min, math.Floor(2*q.Value)/2-0.5)
				}
			}
		}
		p := chart.Panel{Title: "measured here: " + measured.How.String(), X: chart.Axis{Name: "workers N", Unit: "goroutines", Integer: true}, Y: mY}
		maxN := 0
		for i, c := range measured.Curves {
			kf, err := scaling.KarpFlattPoints(c.Speedups)
			if err != nil {
				warnings = append(warnings, fmt.Sprintf("%d squares per task: %v", c.Size, err))
				continue
			}
			s := chart.Series{Name: fmt.Sprintf("tasks of %s (%d squares)", nsLabel(c.TaskNs), c.Size), Colour: chart.Colour(i)}
			for _, q := range kf {
				pt := chart.Point{X: float64(q.N), Y: q.Value, Low: q.Lower, High: q.Upper}
				if pt.Low != 0 || pt.High != 0 { // cut at the panel's edges, which whiskers do not respect
					pt.Low, pt.High = max(pt.Low, mY.Min), min(pt.High, mY.Max)
					if q.Lower < mY.Min || q.Upper > mY.Max {
						pt.Note = fmt.Sprintf("95%% interval %.2f … %.2f, cut at the panel's edge", q.Lower, q.Upper)
					}
				}
				if q.N > measured.Procs {
					pt.Note = strings.TrimPrefix(pt.Note+"; more goroutines than GOMAXPROCS: no core of its own", "; ")
				}
				s.Points = append(s.Points, pt)
				maxN = max(maxN, q.N)
			}
			p.Series = append(p.Series, s)
		}
		if maxN > measured.Procs {
			p.Curves = append(p.Curves, chart.Curve{Name: fmt.Sprintf("GOMAXPROCS = %d: beyond it, e rises because cores run out", measured.Procs),
				Colour: "#888", Style: chart.Dotted, Width: 1.5, Points: []chart.XY{{X: float64(measured.Procs) + 0.5, Y: mY.Min}, {X: float64(measured.Procs) + 0.5, Y: mY.Max}}})
		}
		if measured.Partial {
			warnings = append(warnings, partialWarning(measured.Stopped))
		}
		panels = append(panels, p)
	}
	if len(simulated) > 0 {
		p := chart.Panel{Title: fmt.Sprintf("simulated: a %d-core machine (package sim)", simulated[0].Cores),
			X: chart.Axis{Name: "workers N", Unit: "goroutines", Integer: true}, Y: yAxis}
		for i, sm := range simulated {
			kf, err := scaling.KarpFlattPoints(sm.Speedups)
			if err != nil {
				return chart.Figure{}, fmt.Errorf("figure: SerialFractions: %s: %w", sm.Name, err)
			}
			s := chart.Series{Name: "simulated: " + sm.Name, Colour: chart.Colour(3 + i), Dashed: true}
			for _, q := range kf {
				s.Points = append(s.Points, chart.Point{X: float64(q.N), Y: q.Value, Note: "simulated: exact"})
			}
			p.Series = append(p.Series, s)
		}
		panels = append(panels, p)
	}
	if len(panels) == 0 {
		return chart.Figure{}, errors.New("figure: SerialFractions has nothing to draw: give a measured scale, a simulation, or both")
	}
	sub := "e(N) = (1/S − 1/N) / (1 − 1/N): the serial fraction that would explain each speedup S on N workers.\n" +
		"Flat: a fixed serial part (Amdahl). Growing with N: a cost that grows with the workers. Simulated points have no noise, so no whiskers;\n" +
		"measured whiskers are cut at the panel's edges (the tooltip gives the whole interval)."
	if measured != nil {
		sub += "\n" + envLine(measured.Env)
	}
	return chart.Plot{Title: "Karp–Flatt: is it a serial part, or overhead that grows?", Subtitle: sub, Warnings: warnings,
		Panels: panels}.Figure()
}

// Profile draws a profile's call tree below root as a tree map: each function a rectangle as large as
// its time (in it and what it called), nested inside its caller; a function's own time is its
// "(self)" child. Functions below 1% of the root are merged into "other". Click a rectangle to zoom.
func Profile(p *profile.Profile, root, title string) (chart.Figure, error) {
	if p == nil {
		return chart.Figure{}, errors.New("figure: the profile is nil: take one with profile.CPU first")
	}
	tree, ok := p.Tree(root, 0.01)
	if !ok {
		return chart.Figure{}, fmt.Errorf("figure: no sample of the profile ran inside %s (%d samples in all): profile the program longer, or choose another root", root, p.Samples)
	}
	var conv func(n *profile.Node) chart.TreeNode
	conv = func(n *profile.Node) chart.TreeNode {
		t := chart.TreeNode{Name: profile.Short(n.Name), Value: int(n.Value.Microseconds())}
		for _, c := range n.Children {
			t.Children = append(t.Children, conv(c))
		}
		if len(n.Children) > 0 && n.Self > 0 {
			t.Children = append(t.Children, chart.TreeNode{Name: "(self) " + profile.Short(n.Name), Value: int(n.Self.Microseconds())})
		}
		return t
	}
	// The root's callees are the top rectangles, so that their names head their groups.
	top := conv(tree).Children
	unit := "µs of CPU"
	if !strings.HasPrefix(p.Unit, "cpu") {
		unit = "µs (" + p.Unit + ")"
	}
	sub := fmt.Sprintf("%d samples, %v in all below %s; a rectangle's area is the time in that function and what it called.\nClick one to zoom in; the path below leads back.",
		p.Samples, tree.Value.Round(1000), profile.Short(root))
	if p.Runs > 0 {
		sub = fmt.Sprintf("Profiled on this machine: %d runs in %v · ", p.Runs, p.Wall.Round(1e6)) + sub
	}
	return chart.TreeMap{Title: title, Subtitle: sub, Unit: unit, Nodes: top, Depth: 2, Height: 520}.Figure()
}

// Predicted draws a comparison (package compare) whose first entry is the serial program and whose
// other entries each parallelise one part: horizontal bars of each entry's measured speedup over the
// first, round by round, with 95% whiskers, labelled with Amdahl's prediction for it (predicted[i-1]
// for entry i; 0 for none).
func Predicted(res *compare.Result, predicted []float64) (chart.Figure, error) {
	if res == nil || len(res.Entries) < 2 {
		return chart.Figure{}, errors.New("figure: Predicted needs a comparison of the serial program and at least one variant: run it first")
	}
	var names []string
	top := 1.0
	s := chart.BarSeries{Name: "measured speedup over " + res.Entries[0].Name}
	for i, e := range res.Entries[1:] {
		if e.VsFirst.Value <= 0 {
			continue
		}
		names = append(names, e.Name)
		label := "measured " + times(e.VsFirst.Value)
		if i < len(predicted) && predicted[i] > 0 {
			label += " · Amdahl predicted " + times(predicted[i])
		}
		s.Bars = append(s.Bars, chart.Bar{Value: e.VsFirst.Value, Low: e.VsFirst.Low, High: e.VsFirst.High, Label: label,
			Note: fmt.Sprintf("%d rounds", len(e.Samples))})
		top = max(top, e.VsFirst.Value, e.VsFirst.High)
	}
	if len(names) == 0 {
		return chart.Figure{}, errors.New("figure: no variant has a measurement: the comparison was stopped too early")
	}
	var warnings []string
	if res.Partial {
		warnings = append(warnings, "Partial result: interrupted, with fewer rounds than asked.")
	}
	sub := envLine(res.Env) + fmt.Sprintf(" · %d rounds, interleaved · whiskers: 95%% intervals of the per-round ratio", len(res.Entries[0].Samples)) +
		"\nAmdahl's prediction: 1/((1 − f) + f/N), f the part's share of the profile, N = GOMAXPROCS"
	return chart.Bars{Title: res.Title, Subtitle: sub, Warnings: warnings, Categories: names,
		Value:  chart.Axis{Name: "speedup", Unit: "×", Max: math.Ceil(2 * top)}, // room for the labels
		Series: []chart.BarSeries{s}, Horizontal: true}.Figure()
}
