package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/machines"
	"github.com/parlab/parlab/lib/scaling"
)

// maxDrawn is how many machines a chart draws: the learner's and those with the most logical CPUs.
const maxDrawn = 8

// MachineSpeedups overlays every machine's speedup curve for one task (machines.Compare): one line per
// machine with its 95% intervals, the ideal S = N dashed, and a diamond at each machine's physical
// cores where its report knows them and its sweep went past them (the knee). Past 16 workers both
// axes are logarithmic (base 2), so that a 2-core laptop and a 64-core server both show.
func MachineSpeedups(c *machines.Comparison) (chart.Figure, error) {
	return machinePlot(c, "Speedup vs workers, machine by machine", chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"},
		func(m machines.Machine, p scaling.Point) chart.Point {
			return chart.Point{X: float64(p.N), Y: p.Value, Low: p.Lower, High: p.Upper}
		}, func(n float64) float64 { return n }, true)
}

// MachineEfficiency overlays every machine's efficiency for one task — speedup ÷ cores used, in
// percent, as bench.Result's efficiency: N goroutines on fewer logical CPUs (or under a smaller
// GOMAXPROCS) only take turns, so they are divided by the cores they could use (bench.Env.CoresUsed),
// not by N. The ideal 100% is dashed: where a line drops, workers stopped getting a whole core each
// (a busy core's second hardware thread, a serial part, overhead).
func MachineEfficiency(c *machines.Comparison) (chart.Figure, error) {
	return machinePlot(c, "Efficiency vs workers, machine by machine", chart.Axis{Name: "efficiency: speedup ÷ cores used", Unit: "%"},
		func(m machines.Machine, p scaling.Point) chart.Point {
			procs := m.Report.Env.GOMAXPROCS
			if procs <= 0 {
				procs = p.N
			}
			n := float64(m.Report.Env.CoresUsed(p.N, procs))
			return chart.Point{X: float64(p.N), Y: 100 * p.Value / n, Low: 100 * p.Lower / n, High: 100 * p.Upper / n}
		}, func(float64) float64 { return 100 }, false)
}

// drawn returns the machines a chart draws — the learner's, then those with the most logical CPUs,
// at most maxDrawn, in the comparison's order — and a warning naming how many were left out.
func drawn(c *machines.Comparison) ([]machines.Machine, []string, error) {
	if c == nil || len(c.Machines) == 0 {
		return nil, nil, errors.New("figure: the comparison has no machines: call machines.Compare with the reports first")
	}
	if len(c.Machines) <= maxDrawn {
		return c.Machines, nil, nil
	}
	order := make([]int, len(c.Machines))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ma, mb := c.Machines[a], c.Machines[b]
		if ma.Yours != mb.Yours {
			if ma.Yours {
				return -1
			}
			return 1
		}
		return mb.Report.Env.NumCPU - ma.Report.Env.NumCPU
	})
	keep := order[:maxDrawn]
	slices.Sort(keep)
	var ms []machines.Machine
	for _, i := range keep {
		ms = append(ms, c.Machines[i])
	}
	return ms, []string{fmt.Sprintf("%d machines measured this task; the %d drawn are yours and those with the most CPUs.", len(c.Machines), maxDrawn)}, nil
}

// workersAxisTo is the x axis of the machine charts: linear up to 16 workers, base-2 logarithmic past.
func workersAxisTo(top float64) chart.Axis {
	if top > 16 {
		return chart.Axis{Name: "workers N", Unit: "goroutines", Log: 2, Min: 1, Max: math.Pow(2, math.Ceil(math.Log2(top)))}
	}
	return chart.Axis{Name: "workers N", Unit: "goroutines", Integer: true, Max: top + max(1, top/20)}
}

// machineColour gives each machine of the comparison its colour, the same in every machine chart.
func machineColour(c *machines.Comparison, m machines.Machine) string {
	for i, o := range c.Machines {
		if o.Label == m.Label {
			return chart.Colour(i)
		}
	}
	return "#333"
}

// machinePlot draws one series per machine, each point from point, with the ideal line; speedup says
// the values are speedups: a log y axis beside a log x axis (S = N a diagonal), and knees marked.
func machinePlot(c *machines.Comparison, title string, y chart.Axis, point func(machines.Machine, scaling.Point) chart.Point, ideal func(float64) float64, speedup bool) (chart.Figure, error) {
	ms, warnings, err := drawn(c)
	if err != nil {
		return chart.Figure{}, err
	}
	top := 2.0
	for _, m := range ms {
		top = max(top, float64(m.MaxN()))
	}
	x := workersAxisTo(top)
	if x.Log > 0 && speedup {
		y.Log, y.Min = 2, 1
	}
	panel := chart.Panel{X: x, Y: y}
	for _, m := range ms {
		s := chart.Series{Name: m.Label, Colour: machineColour(c, m)}
		if m.Yours {
			s.Width = 3
		}
		for _, p := range m.Speedups {
			pt := point(m, p)
			if !pt.HasInterval() || pt.Low <= 0 {
				pt.Low, pt.High = 0, 0
			}
			pt.Note = m.Report.Env.Machine() + " · load " + m.Report.Env.Load()
			s.Points = append(s.Points, pt)
		}
		panel.Series = append(panel.Series, s)
		if speedup && m.ShowsKnee() {
			p := m.Report.Env.PhysicalCores
			for _, q := range m.Speedups {
				if q.N == p {
					panel.Marks = append(panel.Marks, chart.Mark{Name: "knee: the physical cores", X: float64(p), Y: q.Value,
						Label: fmt.Sprintf("%d cores", p), Colour: machineColour(c, m)})
				}
			}
		}
	}
	panel.Curves = []chart.Curve{{Name: "ideal", Colour: "#888", Style: chart.Dashed, Width: 1.5,
		Points: []chart.XY{{X: 1, Y: ideal(1)}, {X: top, Y: ideal(top)}}}}
	sub := fmt.Sprintf("%s: one line per machine, whiskers the 95%% intervals, your run thick.", c.Kind)
	if x.Log > 0 {
		sub += " Both axes logarithmic: equal steps are doublings."
	}
	if len(panel.Marks) > 0 {
		sub += "\nDiamonds: each machine's physical cores — past them a worker gets only a busy core's second hardware thread."
	}
	return chart.Plot{Title: title, Subtitle: sub, Warnings: warnings, Panels: []chart.Panel{panel}}.Figure()
}

// MachineFits draws each machine's measured speedups with Amdahl's law fitted to them (over N up to
// its cores: solid where measured, dashed where extrapolated, up to N = 16 or the largest N of any
// machine when that is more) and
// the USL where it could be fitted to at least 6 N (dotted): a small machine's fit read at a big
// machine's N is a prediction, and the big machine's points test it. Machines without an Amdahl fit
// are listed under the title with the reason.
func MachineFits(c *machines.Comparison) (chart.Figure, error) {
	ms, warnings, err := drawn(c)
	if err != nil {
		return chart.Figure{}, err
	}
	top := 16.0
	for _, m := range ms {
		top = max(top, float64(m.MaxN()))
	}
	x := workersAxisTo(top)
	y := chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"}
	if x.Log > 0 {
		y.Log, y.Min = 2, 1
	}
	panel := chart.Panel{X: x, Y: y}
	var oneCore []string // machines whose workers had one core: nothing to fit
	for _, m := range ms {
		colour := machineColour(c, m)
		s := chart.Series{Name: m.Label, Colour: colour, Width: 1}
		for _, p := range m.Speedups {
			pt := chart.Point{X: float64(p.N), Y: p.Value, Low: p.Lower, High: p.Upper}
			if !pt.HasInterval() || pt.Low <= 0 {
				pt.Low, pt.High = 0, 0
			}
			s.Points = append(s.Points, pt)
		}
		panel.Series = append(panel.Series, s)
		if m.Amdahl == nil && m.Cores == 1 {
			oneCore = append(oneCore, m.Label)
			continue
		}
		if m.Amdahl == nil {
			warnings = append(warnings, fmt.Sprintf("%s: no Amdahl fit (%s).", m.Label, strings.TrimSuffix(m.AmdahlWhy, ".")))
			continue
		}
		a := *m.Amdahl
		name := fmt.Sprintf("%s: Amdahl s = %.3f", m.Label, a.Serial)
		if a.Underdetermined() {
			name += " (1 point)"
		}
		panel.Curves = append(panel.Curves, fitted(name, colour, a.Speedup, float64(a.MaxN), top)...)
		if u := m.USL; u != nil && !u.Underdetermined() {
			panel.Curves = append(panel.Curves, chart.Curve{Name: m.Label + ": USL", Colour: colour, Style: chart.Dotted, Width: 1.5,
				F: u.Speedup, From: 1, To: top})
		}
	}
	sub := fmt.Sprintf("Each machine's Amdahl fit over N up to its cores: solid where measured, dashed (a prediction) up to N = %.0f.", top) +
		"\nDotted: the USL, where at least 6 N allowed it. Where a small machine's dashed line passes a big machine's points, the prediction is being tested."
	if len(oneCore) > 0 {
		sub += fmt.Sprintf("\n%s: one core, nothing to fit (points only).", strings.Join(oneCore, "; "))
	}
	return chart.Plot{Title: "Amdahl's law fitted machine by machine, and extrapolated", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{panel}}.Figure()
}

// Beyond draws what the learner's machine cannot show: the knee at the physical cores and a USL peak.
// Each comes from a measured machine of the comparison where one shows it (Comparison.Knee, Peak) and
// otherwise from the model, whose curves are named "model" and drawn dotted: the knee as the model's
// capacity (the speedup of perfectly parallel work on its cores and threads), the peak as its USL. The
// learner's own speedups are drawn for scale. An invalid model is an error naming its field.
func Beyond(c *machines.Comparison, model machines.Model) (chart.Figure, error) {
	if c == nil || len(c.Machines) == 0 {
		return chart.Figure{}, errors.New("figure: the comparison has no machines: call machines.Compare with the reports first")
	}
	if err := model.Validate(); err != nil {
		return chart.Figure{}, fmt.Errorf("figure: Beyond: %w", err)
	}
	knee, kneeMeasured := c.Knee()
	peak, peakMeasured := c.Peak()
	top := 16.0
	if kneeMeasured {
		top = max(top, float64(knee.MaxN()))
	} else {
		top = max(top, float64(2*model.Logical()))
	}
	if peakMeasured {
		top = max(top, float64(peak.MaxN()))
	} else if p := model.USL().Peak(); !math.IsInf(p, 1) {
		top = max(top, math.Min(2*p, 4096))
	}
	panel := chart.Panel{X: workersAxisTo(top), Y: chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"}}
	var lines []string
	measured := func(m machines.Machine, what string) {
		s := chart.Series{Name: m.Label + " (" + what + ", measured)", Colour: machineColour(c, m)}
		for _, p := range m.Speedups {
			pt := chart.Point{X: float64(p.N), Y: p.Value, Low: p.Lower, High: p.Upper}
			if !pt.HasInterval() || pt.Low <= 0 {
				pt.Low, pt.High = 0, 0
			}
			s.Points = append(s.Points, pt)
		}
		panel.Series = append(panel.Series, s)
	}
	if kneeMeasured {
		measured(knee, "the knee")
		p := knee.Report.Env.PhysicalCores
		for _, q := range knee.Speedups {
			if q.N == p {
				panel.Marks = append(panel.Marks, chart.Mark{Name: "knee (measured)", X: float64(p), Y: q.Value, Label: fmt.Sprintf("knee: %d physical cores", p), Colour: machineColour(c, knee)})
			}
		}
		lines = append(lines, fmt.Sprintf("The knee is measured: %s has %d physical cores for %d logical CPUs.", knee.Label, p, knee.Report.Env.NumCPU))
	} else {
		name := "model (not measured): " + model.String()
		panel.Curves = append(panel.Curves, chart.Curve{Name: name, Colour: "#3ba272", Style: chart.Dotted, Width: 2.5,
			F: model.Capacity, From: 1, To: top})
		panel.Marks = append(panel.Marks, chart.Mark{Name: "knee (model)", X: float64(model.Cores), Y: model.Capacity(float64(model.Cores)),
			Label: fmt.Sprintf("knee: %d cores (model)", model.Cores), Colour: "#3ba272"})
		lines = append(lines, fmt.Sprintf("No report here shows a knee (none went past physical cores with hardware threads), so it is a model: %s.", model))
	}
	if peakMeasured {
		if !kneeMeasured || peak.Label != knee.Label {
			measured(peak, "a peak")
		}
		u := *peak.USL
		panel.Curves = append(panel.Curves, chart.Curve{Name: peak.Label + ": USL fit", Colour: machineColour(c, peak), Width: 2, F: u.Speedup, From: 1, To: float64(u.MaxN)})
		panel.Marks = append(panel.Marks, chart.Mark{Name: "USL peak (measured)", X: u.Peak(), Y: u.Speedup(u.Peak()),
			Label: fmt.Sprintf("peak N* = %g", u.Peak()), Colour: machineColour(c, peak)})
		lines = append(lines, fmt.Sprintf("The peak is measured: %s's speedup falls past N* = %g (USL σ = %.3g, κ = %.3g).", peak.Label, u.Peak(), u.Sigma, u.Kappa))
	} else {
		u := model.USL()
		name := fmt.Sprintf("model (not measured): USL σ = %g, κ = %g", model.Sigma, model.Kappa)
		panel.Curves = append(panel.Curves, chart.Curve{Name: name, Colour: "#9a60b4", Style: chart.Dotted, Width: 2.5, F: u.Speedup, From: 1, To: top})
		if p := u.Peak(); !math.IsInf(p, 1) && p <= top {
			panel.Marks = append(panel.Marks, chart.Mark{Name: "USL peak (model)", X: p, Y: u.Speedup(p), Label: fmt.Sprintf("peak N* = %g (model)", p), Colour: "#9a60b4"})
		}
		lines = append(lines, "No report here shows a peak (a USL fit to at least 6 N whose κ is known to be above 0), so it is a model.")
	}
	for _, m := range c.Machines {
		if m.Yours && (!kneeMeasured || m.Label != knee.Label) && (!peakMeasured || m.Label != peak.Label) {
			measured(m, "for scale")
		}
	}
	return chart.Plot{Title: "What a bigger machine shows: the knee at the physical cores, a peak", Subtitle: strings.Join(lines, "\n"),
		Panels: []chart.Panel{panel}}.Figure()
}
