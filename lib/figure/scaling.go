package figure

import (
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/scaling"
)

// ScalingOptions chooses what the scaling-law charts draw besides the measurements.
// The zero value draws the fitted Amdahl curve up to max(2 × the largest measured N, 16).
type ScalingOptions struct {
	// Serial lists serial fractions s (each in [0, 1], at most 6) whose Amdahl curves are drawn for
	// comparison.
	Serial []float64
	// MaxN is the largest N the curves reach; beyond the largest measured N a fitted curve is an
	// extrapolation and is drawn dashed. Zero means max(2 × the largest measured N, 16).
	MaxN int
	// USL also fits the Universal Scalability Law to the speedups and draws it with its peak. With fewer
	// than 6 distinct N the chart says the fit is under-determined; with fewer than 3 it says why no
	// curve is drawn.
	USL bool
	// Capacity, when measured (bench.Result.CapacityAt), is drawn as what this machine gave a perfectly
	// parallel loop during the run, beside the ideal line.
	Capacity bench.Capacity
}

// Colours of the scaling charts, from ECharts 5's palette: measured (blue), Amdahl fit (red), Gustafson
// (green), USL fit (purple), the explorer's fit (yellow); chosenColours colour the chosen s.
var (
	measuredColour, amdahlColour, gustafsonColour, uslColour, explorerFitColour = "#5470c6", "#ee6666", "#91cc75", "#9a60b4", "#fac858"
	chosenColours                                                               = []string{"#3ba272", "#fc8452", "#73c0de", "#ea7ccc", "#fac858", "#91cc75"}
)

var (
	workersAxis = chart.Axis{Name: "workers N", Unit: "goroutines", Integer: true}
	speedupAxis = chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×"}
)

// ScalingSpeedup draws measured speedups (medians with interval whiskers) against N with the ideal
// line S = N, Amdahl's law for each chosen serial fraction (dotted), Amdahl's law for the fitted s and,
// when asked, the Universal Scalability Law with its peak marked. Fitted curves are solid over the
// measured N and dashed beyond. Warnings from the fits (one speedup only, too few points for the USL)
// are printed in red under the title.
//
// speedups is what scaling.FitAmdahl takes: N strictly increasing, Value = T(1)/T(N) > 0.
func ScalingSpeedup(speedups []scaling.Point, opt ScalingOptions) (chart.Figure, error) {
	fit, maxN, err := amdahlFit("ScalingSpeedup", speedups, opt)
	if err != nil {
		return chart.Figure{}, err
	}
	measuredN := float64(fit.MaxN)
	panel := chart.Panel{X: axisTo(workersAxis, maxN), Y: speedupAxis}
	panel.Series = []chart.Series{measuredPoints("measured speedup", speedups, 1)}
	panel.Curves = append(panel.Curves, chart.Curve{Name: "ideal S = N", Colour: "#999", Width: 1,
		Points: []chart.XY{{X: 1, Y: 1}, {X: maxN, Y: maxN}}})
	for i, s := range opt.Serial {
		panel.Curves = append(panel.Curves, chart.Curve{Name: "Amdahl s = " + chart.Number(s), Colour: chosenColours[i%len(chosenColours)],
			Style: chart.Dotted, Width: 1.5, F: func(n float64) float64 { return scaling.Amdahl(s, n) }, From: 1, To: maxN})
	}
	capacityOnPanel(&panel, []bench.Capacity{opt.Capacity}, maxN)
	warnings := amdahlWarnings(fit)
	sub := fmt.Sprintf("Amdahl fit: s = %.3f (95%% interval %.3f–%.3f), ceiling 1/s = %s×", fit.Serial, fit.Lower, fit.Upper, chart.Number(fit.MaxSpeedup()))
	if opt.USL {
		curves, marks, w, u := uslCurves(speedups, measuredN, maxN, "×")
		panel.Curves = append(panel.Curves, curves...)
		panel.Marks = append(panel.Marks, marks...)
		warnings = append(warnings, w...)
		if u != "" {
			sub += "\n" + u
		}
	}
	fitName := fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial)
	if fit.Underdetermined() {
		fitName += " (1 point)"
	}
	// After the USL, so it is drawn above it where they coincide (κ = 0).
	panel.Curves = append(panel.Curves, fitted(fitName, amdahlColour, fit.Speedup, measuredN, maxN)...)
	sub += "\nDotted: chosen s. Dashed: fitted curve extrapolated beyond the measured N = " + chart.Number(measuredN) + "."
	return chart.Plot{Title: "Speedup vs workers, with the scaling laws", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{panel}}.Figure()
}

// ScalingEfficiency draws measured efficiency, speedup/N in percent, with interval whiskers against N
// — each of the N workers on a core of its own, so give it points with N up to the cores the run had
// (bench.Result.FitSpeedups); past them efficiency divides by the cores, not N (bench.Env.CoresUsed) —
// the ideal 100%, Amdahl's efficiency for each chosen serial fraction (dotted) and for the fitted s (solid
// over the measured N, dashed beyond): with a serial fraction s it falls towards 0 as 1/(sN).
func ScalingEfficiency(speedups []scaling.Point, opt ScalingOptions) (chart.Figure, error) {
	fit, maxN, err := amdahlFit("ScalingEfficiency", speedups, opt)
	if err != nil {
		return chart.Figure{}, err
	}
	eff := make([]scaling.Point, len(speedups))
	for i, p := range speedups {
		n := float64(p.N)
		eff[i] = scaling.Point{N: p.N, Value: 100 * p.Value / n, Lower: 100 * p.Lower / n, Upper: 100 * p.Upper / n}
	}
	panel := chart.Panel{X: axisTo(workersAxis, maxN), Y: chart.Axis{Name: "efficiency speedup/N", Unit: "%"}}
	panel.Series = []chart.Series{measuredPoints("measured efficiency", eff, 1)}
	panel.Curves = append(panel.Curves, chart.Curve{Name: "ideal 100%", Colour: "#999", Width: 1,
		Points: []chart.XY{{X: 1, Y: 100}, {X: maxN, Y: 100}}})
	for i, s := range opt.Serial {
		panel.Curves = append(panel.Curves, chart.Curve{Name: "Amdahl s = " + chart.Number(s), Colour: chosenColours[i%len(chosenColours)],
			Style: chart.Dotted, Width: 1.5, F: func(n float64) float64 { return 100 * scaling.Amdahl(s, n) / n }, From: 1, To: maxN})
	}
	panel.Curves = append(panel.Curves, fitted(fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), amdahlColour,
		func(n float64) float64 { return 100 * fit.Speedup(n) / n }, float64(fit.MaxN), maxN)...)
	sub := fmt.Sprintf("Efficiency = speedup / N. Amdahl fit s = %.3f: at N = %s the workers are %.0f%% busy with useful work.",
		fit.Serial, chart.Number(maxN), 100*fit.Speedup(maxN)/maxN)
	sub += "\nDotted: chosen s. Dashed: fitted curve extrapolated beyond the measured N = " + chart.Number(float64(fit.MaxN)) + "."
	return chart.Plot{Title: "Efficiency vs workers", Subtitle: sub, Warnings: amdahlWarnings(fit),
		Panels: []chart.Panel{panel}}.Figure()
}

// KarpFlatt draws the Karp–Flatt metric e = (1/S − 1/N)/(1 − 1/N), the serial fraction each measured
// speedup implies, against N (whiskers from the speedup intervals), with the fitted Amdahl s as a
// horizontal line. Flat e means a fixed serial part; e growing with N means overhead that grows with N
// (coordination, contention), which Amdahl's law does not model.
func KarpFlatt(speedups []scaling.Point) (chart.Figure, error) {
	fit, _, err := amdahlFit("KarpFlatt", speedups, ScalingOptions{})
	if err != nil {
		return chart.Figure{}, err
	}
	kf, err := scaling.KarpFlattPoints(speedups)
	if err != nil {
		return chart.Figure{}, fmt.Errorf("figure: KarpFlatt: %w", err)
	}
	maxN := float64(fit.MaxN)
	panel := chart.Panel{
		X:      chart.Axis{Name: "workers N", Unit: "goroutines", Integer: true, Max: maxN + max(1, maxN/20)},
		Y:      chart.Axis{Name: "serial fraction e", Unit: "share of the 1-worker time", AutoMin: true},
		Series: []chart.Series{measuredPoints("Karp–Flatt e(N)", kf, 2)},
		Curves: []chart.Curve{{Name: fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), Colour: amdahlColour,
			Points: []chart.XY{{X: 2, Y: fit.Serial}, {X: maxN, Y: fit.Serial}}}},
	}
	sub := "e(N) = (1/S − 1/N) / (1 − 1/N): the serial fraction that would explain each measured speedup.\n" +
		"Flat: a fixed serial part (Amdahl). Rising with N: overhead that grows with the workers."
	var warnings []string
	if len(kf) == 1 {
		warnings = append(warnings, fmt.Sprintf("One speedup with N > 1 gives one value of e: a trend needs several N (measure N = 2 … %d or more).", 2*fit.MaxN))
	}
	return chart.Plot{Title: "Karp–Flatt serial fraction vs workers", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{panel}}.Figure()
}

// USL draws measured throughputs (medians with interval whiskers) against the concurrency level N, with
// linear scaling λN, and the Universal Scalability Law fitted to them: solid over the measured N, dashed
// beyond up to maxN (0: max(2 × the largest measured N, 16), widened to show a peak up to 4 × the largest
// measured N), its peak N* marked. unit names the throughput ("requests/s"). With fewer than 6 distinct N
// the title area warns that the fit is under-determined; with fewer than 3 it is an error.
func USL(throughputs []scaling.Point, unit string, maxN int) (chart.Figure, error) {
	if unit == "" {
		unit = "operations/s"
	}
	fit, err := scaling.FitUSL(throughputs)
	if err != nil {
		return chart.Figure{}, fmt.Errorf("figure: USL: %w", err)
	}
	if maxN < 0 {
		return chart.Figure{}, fmt.Errorf("figure: USL: maxN = %d; want 0 (automatic) or the largest N to draw", maxN)
	}
	top := curveEnd(fit.MaxN, maxN)
	if p := fit.Peak(); maxN == 0 && p > top && p <= 4*float64(fit.MaxN) {
		top = chart.Nice(1.25 * p) // show the peak when it is not far beyond the measurements
	}
	panel := chart.Panel{
		X:      axisTo(chart.Axis{Name: "concurrency N, workers or requests in flight", Unit: "goroutines", Integer: true}, top),
		Y:      chart.Axis{Name: "throughput", Unit: unit},
		Series: []chart.Series{measuredPoints("measured throughput", throughputs, 1)},
		Curves: []chart.Curve{{Name: "linear λN", Colour: "#999", Width: 1, Overflow: true,
			F: func(n float64) float64 { return fit.Lambda * n }, From: 1, To: top}},
	}
	curves, marks, w, u := uslCurves(throughputs, float64(fit.MaxN), top, " "+unit)
	panel.Curves = append(panel.Curves, curves...)
	panel.Marks = marks
	sub := u + "\nDashed: fitted curve extrapolated beyond the measured N = " + chart.Number(float64(fit.MaxN)) + "."
	return chart.Plot{Title: "Throughput vs concurrency: Universal Scalability Law", Subtitle: sub, Warnings: w,
		Panels: []chart.Panel{panel}}.Figure()
}

// amdahlFit validates options and fits Amdahl's law for the speedup figures; it returns the fit and
// where the curves end.
func amdahlFit(fn string, speedups []scaling.Point, opt ScalingOptions) (scaling.AmdahlFit, float64, error) {
	if opt.MaxN < 0 {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("figure: %s: MaxN = %d; want 0 (automatic) or the largest N to draw", fn, opt.MaxN)
	}
	for _, s := range opt.Serial {
		if !(s >= 0 && s <= 1) {
			return scaling.AmdahlFit{}, 0, fmt.Errorf("figure: %s: serial fraction %v is outside [0, 1]; s is the share of the one-worker time that cannot run in parallel", fn, s)
		}
	}
	if len(opt.Serial) > 6 {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("figure: %s: %d chosen serial fractions; at most 6 stay readable", fn, len(opt.Serial))
	}
	fit, err := scaling.FitAmdahl(speedups)
	if err != nil {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("figure: %s: %w", fn, err)
	}
	return fit, curveEnd(fit.MaxN, opt.MaxN), nil
}

func curveEnd(measured, asked int) float64 {
	if asked > 0 {
		return float64(max(asked, measured))
	}
	return float64(max(2*measured, 16))
}

func axisTo(a chart.Axis, top float64) chart.Axis {
	a.Max = top
	return a
}

func amdahlWarnings(fit scaling.AmdahlFit) []string {
	var w []string
	if fit.Underdetermined() {
		w = append(w, fmt.Sprintf("Amdahl: one speedup with N > 1 (N = %d), so s is solved from it, not fitted: nothing here tests the law. Measure more N (even past the cores).", fit.MaxN))
	}
	if strings.Contains(fit.Warning, "superlinear") {
		w = append(w, "Amdahl: a speedup above N (superlinear, e.g. from caches) cannot be explained by the law; s is pulled to 0.")
	}
	return w
}

// measuredPoints turns scaling points into a measured series; points below minN or not finite are left out.
func measuredPoints(name string, pts []scaling.Point, minN int) chart.Series {
	// A thin line: the points and the fitted curves carry the story.
	s := chart.Series{Name: name, Colour: measuredColour, Width: 1}
	for _, p := range pts {
		if p.N < minN || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			continue
		}
		pt := chart.Point{X: float64(p.N), Y: p.Value}
		if p.HasInterval() {
			pt.Low, pt.High = p.Lower, p.Upper
		}
		s.Points = append(s.Points, pt)
	}
	return s
}

// fitted returns a fitted curve as two curves with one name (one legend entry): solid from N = 1 to
// measuredN, dashed from measuredN to maxN.
func fitted(name, colour string, f func(float64) float64, measuredN, maxN float64) []chart.Curve {
	var out []chart.Curve
	if measuredN > 1 {
		out = append(out, chart.Curve{Name: name, Colour: colour, Width: 2.5, F: f, From: 1, To: measuredN})
	}
	if maxN > measuredN {
		out = append(out, chart.Curve{Name: name, Colour: colour, Style: chart.Dashed, F: f, From: measuredN, To: maxN})
	}
	return out
}

// uslCurves fits the USL and returns its curve (solid to measuredN, dashed to maxN) and peak mark, the
// warnings to print and a one-line summary. When the fit fails (too few points) it returns no curves and
// the reason as a warning.
func uslCurves(pts []scaling.Point, measuredN, maxN float64, unit string) (curves []chart.Curve, marks []chart.Mark, warnings []string, summary string) {
	fit, err := scaling.FitUSL(pts)
	if err != nil {
		return nil, nil, []string{"No USL curve: " + strings.TrimPrefix(err.Error(), "scaling: ")}, ""
	}
	name := "USL fit"
	if fit.Underdetermined() {
		name = "USL fit (under-determined)"
		warnings = append(warnings, fmt.Sprintf("USL under-determined: %d distinct N for 3 parameters (σ, κ, λ); at least %d are needed to test it, so this curve is one of many that fit. Measure more N.", fit.Points, scaling.MinUSLPoints))
	} else if fit.Warning != "" {
		warnings = append(warnings, "USL: "+fit.Warning)
	}
	curves = fitted(name, uslColour, fit.X, measuredN, maxN)
	peak := fit.Peak()
	summary = fmt.Sprintf("USL fit: σ = %.3g (contention), κ = %.3g (coherency), λ = %s%s, R² = %.3f; limited by %s",
		fit.Sigma, fit.Kappa, chart.Number(fit.Lambda), unit, fit.R2, fit.Limit())
	if math.IsInf(peak, 1) {
		return curves, nil, warnings, summary + "; no peak (κ = 0)"
	}
	summary += fmt.Sprintf("; peak N* = %s, X = %s%s", chart.Number(peak), chart.Number(fit.PeakX()), unit)
	label := "peak N* = " + chart.Number(peak)
	if peak > measuredN {
		label += " (extrapolated)"
		summary += " (extrapolated)"
	}
	if peak <= maxN {
		marks = append(marks, chart.Mark{Name: "USL peak N*", X: peak, Y: fit.PeakX(), Label: label, Colour: uslColour})
	} else {
		warnings = append(warnings, fmt.Sprintf("The USL peak N* = %s lies beyond the drawn N = %s.", chart.Number(peak), chart.Number(maxN)))
	}
	return curves, marks, warnings, summary
}
