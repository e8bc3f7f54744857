package figure

import (
	"errors"
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/cache"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/cores"
	"github.com/parlab/parlab/lib/gpu"
	"github.com/parlab/parlab/lib/ilp"
	"github.com/parlab/parlab/lib/roofline"
)

// ILP draws operations per ns of each kernel on one goroutine as horizontal bars with their 95%
// whiskers, sums and dot products in two colours, each labelled with its gain over its family's
// one-accumulator loop: the ratio of the two bars (ilp.Kernel.Gain). The kernels' names need no axis
// name.
func ILP(res ilp.Result) (chart.Figure, error) {
	if len(res.Kernels) == 0 {
		return chart.Figure{}, errors.New("figure: the ILP result has no kernels: measure first with ilp.Measure")
	}
	families := map[string]int{}
	var series []chart.BarSeries
	for _, k := range res.Kernels {
		if _, ok := families[k.Family]; !ok {
			families[k.Family] = len(series)
			series = append(series, chart.BarSeries{Name: k.Family})
		}
	}
	var cats []string
	for _, k := range res.Kernels {
		cats = append(cats, k.Name)
		for i := range series {
			if i != families[k.Family] {
				series[i].Bars = append(series[i].Bars, chart.Bar{Skip: true})
				continue
			}
			v := k.OpsPerNs
			b := chart.Bar{Value: v.Value, Low: v.Low, High: v.High, Label: fmt.Sprintf("%.2f ×%.1f", v.Value, k.Gain),
				Note: fmt.Sprintf("%d independent accumulator(s); %.1f× its family's one-accumulator bar (round by round: %.1f×, 95%% interval %.1f–%.1f×)",
					k.Accumulators, k.Gain, k.VsPlain.Value, k.VsPlain.Low, k.VsPlain.High)}
			if k.SIMD {
				b.Note += " · SIMD: 2 lanes per instruction"
			}
			series[i].Bars = append(series[i].Bars, b)
		}
	}
	sub := fmt.Sprintf("one goroutine · vectors of %d float64s (in the L1/L2 cache) · floats.Dot here: %s", res.Config.Length, res.DotKind)
	var warnings []string
	if res.Compare != nil {
		sub += "\n" + envLine(res.Compare.Env) + fmt.Sprintf(" · %d trials per kernel, medians with 95%% intervals", res.Config.Trials)
		if res.Compare.Partial {
			warnings = append(warnings, partialWarning(""))
		}
	}
	return chart.Bars{Title: "Parallelism inside one core: operations per ns", Subtitle: sub, Warnings: warnings,
		Categories: cats, Value: chart.Axis{Name: "floating-point operations per ns", Unit: "ops/ns"},
		Series: series, Horizontal: true, Overlay: true}.Figure()
}

// CacheLatency draws the time of one dependent access against the working-set size, both axes
// logarithmic, with the cache sizes the system reports as dotted vertical lines.
func CacheLatency(res cache.Result) (chart.Figure, error) {
	if len(res.Points) == 0 {
		return chart.Figure{}, errors.New("figure: the cache result has no points: measure first with cache.Measure")
	}
	s := chart.Series{Name: "one access (median, 95% interval)"}
	lo, hi := math.Inf(1), 0.0
	for _, p := range res.Points {
		v := p.NsPerAccess
		pt := chart.Point{X: float64(p.Bytes) / 1024, Y: v.Value, Low: v.Low, High: v.High, Noisy: p.Noisy, Note: cache.Size(p.Bytes)}
		s.Points = append(s.Points, pt)
		lo, hi = math.Min(lo, v.Value), math.Max(hi, math.Max(v.High, v.Value))
	}
	panel := chart.Panel{X: chart.Axis{Name: "working set", Unit: "KiB", Log: 2}, Y: chart.Axis{Name: "time per access", Unit: "ns", Log: 10},
		Series: []chart.Series{s}}
	for i, l := range res.Levels {
		x := float64(l.Bytes) / 1024
		panel.Curves = append(panel.Curves, chart.Curve{Name: fmt.Sprintf("%s %s (reported by the system)", l.Name(), cache.Size(l.Bytes)),
			Colour: chart.Colour(i + 1), Style: chart.Dotted, Width: 1.5, Points: []chart.XY{{X: x, Y: lo * 0.8}, {X: x, Y: hi * 1.2}}})
	}
	sub := fmt.Sprintf("a random chain, one pointer per 64-byte line, followed on one goroutine · %d accesses per trial, %d trials per size\n%s",
		res.Config.Steps, res.Config.Trials, envLine(res.Env))
	var warnings []string
	if res.Partial {
		warnings = append(warnings, partialWarning("larger sizes were not measured"))
	}
	if len(res.Levels) == 0 {
		warnings = append(warnings, "This system reports no cache sizes: read the levels from the steps of the curve.")
	}
	return chart.Plot{Title: "Time per memory access vs working set: the caches", Subtitle: sub, Warnings: warnings, Panels: []chart.Panel{panel}}.Figure()
}

// CoreSpeedup is Speedup with the physical-core count the system reports as a dashed vertical line
// (labelled by cores.Topology.CoresMark): where a computing loop's speedup bends on a machine with
// hyperthreads. A process that may use only one CPU gets no core marks: its curve reaches no bend.
func CoreSpeedup(res *bench.Result, top cores.Topology) (chart.Figure, error) {
	if err := checkResult(res); err != nil {
		return chart.Figure{}, err
	}
	return sweepPlot(res, "Speedup vs workers, and the physical cores", chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"},
		func(p bench.Point) (chart.Point, bool) {
			s := p.Speedup
			return chart.Point{Y: s.Value, Low: s.Low, High: s.High}, s.Value > 0
		}, func(n, procs int) float64 { return float64(res.Env.CoresUsed(n, procs)) }, func(panel *chart.Panel, maxW float64) {
			capacityOnPanel(panel, res.Capacity, maxW)
			top1 := maxW
			if name := top.CoresMark(); name != "" {
				x := float64(top.Cores)
				panel.Curves = append(panel.Curves, chart.Curve{Name: name, Colour: "#ee6666", Style: chart.Dashed, Width: 1.5,
					Points: []chart.XY{{X: x, Y: 0}, {X: x, Y: top1}}})
			}
			if top.Logical > 0 && top.Logical != top.Cores && top.MayUse() != 1 {
				x := float64(top.Logical)
				panel.Curves = append(panel.Curves, chart.Curve{Name: fmt.Sprintf("%d logical CPUs", top.Logical), Colour: "#fac858", Style: chart.Dashed, Width: 1.5,
					Points: []chart.XY{{X: x, Y: 0}, {X: x, Y: top1}}})
			}
		})
}

// rooflineLeft and rooflineRight bound the intensity axis; a kernel with no memory traffic (infinite
// intensity) is drawn at noTraffic, near the right edge, where its label still fits.
const rooflineLeft, rooflineRight, noTraffic = 0.01, 1e4, 2500

// Roofline draws the measured roofline — min(peak ops, intensity × bandwidth) on all cores, solid, and
// on one goroutine, dotted — on log axes, and each placed kernel as a labelled diamond at its intensity
// and its measured operations per ns on the most goroutines (Placement.Describe gives the numbers). A
// kernel that moves no data is drawn at the far right.
func Roofline(pl roofline.Placement) (chart.Figure, error) {
	r := pl.Roof
	if !(r.Ops.Value > 0 && r.Bandwidth.Value > 0) {
		return chart.Figure{}, errors.New("figure: the roof is not measured: run roofline.MeasureRoof first")
	}
	panel := chart.Panel{X: chart.Axis{Name: "arithmetic intensity", Unit: "ops/byte", Log: 10, Min: rooflineLeft, Max: rooflineRight},
		Y: chart.Axis{Name: "performance", Unit: "ops/ns", Log: 10}}
	xs := []float64{rooflineLeft}
	for x := 2 * rooflineLeft; x <= rooflineRight; x *= 2 {
		xs = append(xs, x)
	}
	line := func(p, b float64) []chart.XY {
		var pts []chart.XY
		ridge := p / b
		for _, x := range xs {
			if x > ridge && (len(pts) == 0 || pts[len(pts)-1].X < ridge) {
				pts = append(pts, chart.XY{X: ridge, Y: p})
			}
			pts = append(pts, chart.XY{X: x, Y: math.Min(p, x*b)})
		}
		return pts
	}
	panel.Curves = append(panel.Curves, chart.Curve{Name: fmt.Sprintf("roof, %d goroutines", r.Threads),
		Colour: "#333", Width: 2.5, Points: line(r.Ops.Value, r.Bandwidth.Value)})
	if r.OpsOne.Value > 0 && r.BandwidthOne.Value > 0 {
		panel.Curves = append(panel.Curves, chart.Curve{Name: "roof, 1 goroutine",
			Colour: "#999", Style: chart.Dotted, Width: 1.5, Points: line(r.OpsOne.Value, r.BandwidthOne.Value)})
	}
	for i, k := range pl.Kernels {
		x := k.Intensity()
		if math.IsInf(x, 1) {
			x = noTraffic
		}
		if y := k.OpsPerNs.Value; y > 0 {
			panel.Marks = append(panel.Marks, chart.Mark{Name: fmt.Sprintf("%s (%s)", k.Label, k.OpsUnit), X: x, Y: y, Colour: chart.Colour(i),
				Label: k.Label})
		}
	}
	sub := fmt.Sprintf("peaks measured on the spot: an FMA-heavy loop and the STREAM triad (%s): %.3g ops/ns and %.3g GB/s on %d goroutines, %.3g and %.3g on one · ridge at %.2f ops/byte\nkernels on %d goroutines, at the far right when they move no data; ops are each kernel's own (flops, integer ops, divisions): the roof is for multiply-adds\n%s",
		cache.Size(r.TriadBytes), r.Ops.Value, r.Bandwidth.Value, r.Threads, r.OpsOne.Value, r.BandwidthOne.Value, r.Ridge(), firstWorkers(pl), envLine(r.Env))
	var warnings []string
	if r.Partial {
		warnings = append(warnings, partialWarning("the roof"))
	}
	if pl.Bench != nil && pl.Bench.Partial {
		warnings = append(warnings, partialWarning(pl.Bench.Stopped))
	}
	return chart.Plot{Title: "The roofline of this machine, with kernels placed under it", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{panel}}.Figure()
}

func firstWorkers(pl roofline.Placement) int {
	if len(pl.Kernels) > 0 {
		return pl.Kernels[0].Workers
	}
	return pl.Roof.Threads
}

// Divergence draws the SIMT efficiency of simulated warps — the fraction of lane-steps that did
// useful work — as one bar per case, labelled with the useful and issued lane-steps.
func Divergence(labels []string, ws ...gpu.Warps) (chart.Figure, error) {
	if len(ws) == 0 || len(labels) != len(ws) {
		return chart.Figure{}, fmt.Errorf("figure: Divergence was given %d labels for %d simulations; want one label each, at least one", len(labels), len(ws))
	}
	s := chart.BarSeries{Name: "useful lane-steps / issued lane-steps"}
	for _, w := range ws {
		s.Bars = append(s.Bars, chart.Bar{Value: 100 * w.Efficiency(), Label: fmt.Sprintf("%.0f%%", 100*w.Efficiency()),
			Note: fmt.Sprintf("%d warps of %d lanes · %d useful of %d issued lane-steps", w.Warps, w.WarpSize, w.Useful, w.Issued)})
	}
	return chart.Bars{Title: "SIMT: lanes busy when warps diverge (simulated)", Subtitle: fmt.Sprintf("a model, not a measurement: warps of %d lanes in lockstep; a warp runs as long as its slowest lane, or every path its lanes take", ws[0].WarpSize),
		Categories: labels, CategoryAxis: "work given to the lanes", Value: chart.Axis{Name: "lanes doing useful work", Unit: "%", Max: 100},
		Series: []chart.BarSeries{s}, Horizontal: true}.Figure()
}

// Offload draws the model's time against problem size for the CPU (its measured roofline) and the GPU
// model (launch + bus + the GPU's roofline), log-log, with the break-even point; and beside it the
// break-even size against the kernel's operations per element (same bytes), where it exists.
func Offload(o gpu.Offload, maxN float64) (chart.Figure, error) {
	if err := o.Validate(); err != nil {
		return chart.Figure{}, err
	}
	if !(maxN >= 10 && maxN <= gpu.MaxElements) {
		return chart.Figure{}, fmt.Errorf("figure: Offload maxN is %v elements; want 10 to 2⁴⁸", maxN)
	}
	var cpu, dev []chart.XY
	for n := 1.0; n <= maxN*1.0001; n *= math.Sqrt(2) {
		cpu = append(cpu, chart.XY{X: n, Y: o.CPUNs(n) / 1e3})
		dev = append(dev, chart.XY{X: n, Y: o.GPUNs(n) / 1e3})
	}
	left := chart.Panel{Title: "time for n elements", X: chart.Axis{Name: "elements n", Unit: "elements", Log: 10},
		Y: chart.Axis{Name: "time", Unit: "µs", Log: 10},
		Curves: []chart.Curve{
			{Name: "CPU (its measured roofline)", Colour: "#5470c6", Width: 2.5, Points: cpu},
			{Name: "GPU model (launch + bus + lanes)", Colour: "#91cc75", Width: 2.5, Points: dev},
		}}
	n, _ := o.BreakEven()
	if n > 0 && float64(n) <= maxN {
		left.Marks = []chart.Mark{{Name: "offloading starts to pay", X: float64(n), Y: o.CPUNs(float64(n)) / 1e3, Label: fmt.Sprintf("n = %d", n), Colour: "#ee6666"}}
	}
	var be []chart.XY
	for ops := 0.25; ops <= 1<<16; ops *= 2 {
		q := o
		q.OpsPerElement = ops
		if m, err := q.BreakEven(); err == nil && m > 0 {
			be = append(be, chart.XY{X: ops, Y: float64(m)})
		}
	}
	right := chart.Panel{Title: "where offloading starts to pay", X: chart.Axis{Name: "operations per element", Unit: "ops", Log: 10},
		Y:      chart.Axis{Name: "break-even size", Unit: "elements", Log: 10},
		Curves: []chart.Curve{{Name: fmt.Sprintf("break-even, %.3g bytes per element", o.BytesPerElement), Colour: "#ee6666", Width: 2.5, Points: be}},
		Marks:  []chart.Mark{{Name: "this job", X: o.OpsPerElement, Y: math.Max(float64(n), 1), Label: fmt.Sprintf("%.3g ops", o.OpsPerElement), Colour: "#333"}}}
	if n == 0 {
		right.Marks = nil
	}
	d := o.Device
	sub := fmt.Sprintf("A MODEL, not a measurement: %s — %d lanes at %.3g GHz, bus %.3g GB/s, launch %v; CPU: %.3g ops/ns, %.3g GB/s (measured here)\n%.3g ops and %.3g bytes per element (%.3g ops/byte). Where the right curve stops, offloading never pays: the bus alone is slower than the CPU.",
		d.Name, d.Lanes, d.GHz, d.BusGBps, d.Launch, o.CPUOps, o.CPUGBps, o.OpsPerElement, o.BytesPerElement, o.OpsPerElement/math.Max(o.BytesPerElement, 1e-300))
	var warnings []string
	if n == 0 {
		warnings = append(warnings, "For this job offloading never pays in the model: moving its bytes over the bus takes longer than the CPU's whole work.")
	}
	if len(be) == 0 {
		return chart.Plot{Title: "When does offloading to a GPU pay? (model)", Subtitle: sub, Warnings: warnings, Panels: []chart.Panel{left}}.Figure()
	}
	return chart.Plot{Title: "When does offloading to a GPU pay? (model)", Subtitle: sub, Warnings: warnings, Panels: []chart.Panel{left, right}}.Figure()
}
