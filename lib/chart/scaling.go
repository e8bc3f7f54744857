package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/scaling"
)

// ScalingOptions chooses what the scaling-law charts draw besides the measurements.
// The zero value draws the fitted Amdahl curve up to max(2 × the largest measured N, 16).
type ScalingOptions struct {
	// Serial lists serial fractions s (each in [0, 1]) whose Amdahl curves are drawn for comparison.
	Serial []float64
	// MaxN is the largest N the curves reach; beyond the largest measured N a fitted curve is an
	// extrapolation and is drawn dashed. Zero means max(2 × the largest measured N, 16).
	MaxN int
	// USL also fits the Universal Scalability Law to the speedups and draws it with its peak. With fewer
	// than 6 distinct N the chart says the fit is under-determined; with fewer than 3 it says why no
	// curve is drawn.
	USL bool
}

// ScalingSpeedup draws measured speedups (medians with interval whiskers) against N with the ideal
// line S = N, Amdahl's law for each chosen serial fraction (dotted), Amdahl's law for the fitted s and,
// when asked, the Universal Scalability Law with its peak marked. Fitted curves are solid over the
// measured N and dashed beyond. Warnings from the fits (one speedup only, too few points for the USL)
// are printed in red under the title.
//
// speedups is what scaling.FitAmdahl takes: N strictly increasing, Value = T(1)/T(N) > 0.
func ScalingSpeedup(speedups []scaling.Point, opt ScalingOptions) (Figure, error) {
	fit, maxN, err := scalPrepare("ScalingSpeedup", speedups, opt)
	if err != nil {
		return Figure{}, err
	}
	measuredN := float64(fit.MaxN)
	var series []map[string]any
	series = append(series, scalMeasured("measured speedup", scalColors[0], speedups, 1)...)
	series = append(series, scalLine("ideal S = N", "#999", "solid", 1, [][2]float64{{1, 1}, {maxN, maxN}}))
	for i, s := range opt.Serial {
		series = append(series, scalLine(fmt.Sprintf("Amdahl s = %s", scalNum(s)), scalChosen[i%len(scalChosen)], "dotted", 1.5,
			scalCurve(func(n float64) float64 { return scaling.Amdahl(s, n) }, 1, maxN)))
	}
	fitName := fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial)
	if fit.Underdetermined() {
		fitName += " (1 point)"
	}
	for _, f := range scalFitted(fitName, scalColors[1], fit.Speedup, measuredN, maxN) {
		f["z"] = 3 // above the USL, which coincides with it when κ = 0
		series = append(series, f)
	}
	warnings := scalAmdahlWarnings(fit)
	sub := fmt.Sprintf("Amdahl fit: s = %.3f (95%% interval %.3f–%.3f), ceiling 1/s = %s×", fit.Serial, fit.Lower, fit.Upper, scalNum(fit.MaxSpeedup()))
	if opt.USL {
		s, w, u := scalUSLSeries(speedups, scalColors[3], measuredN, maxN, "×")
		series = append(series, s...)
		warnings = append(warnings, w...)
		if u != "" {
			sub += "\n" + u
		}
	}
	sub += "\nDotted: chosen s. Dashed: fitted curve extrapolated beyond the measured N = " + scalNum(measuredN) + "."
	return scalFigure(scalSpec{
		title: "Speedup vs workers, with the scaling laws", sub: sub, warnings: warnings,
		xName: "workers N (goroutines)", yName: "speedup T(1)/T(N) (×)", unit: "×",
		maxN: maxN, series: series,
	})
}

// ScalingEfficiency draws measured efficiency, speedup/N in percent, with interval whiskers against N,
// the ideal 100%, Amdahl's efficiency for each chosen serial fraction (dotted) and for the fitted s (solid
// over the measured N, dashed beyond): with a serial fraction s it falls towards 0 as 1/(sN).
func ScalingEfficiency(speedups []scaling.Point, opt ScalingOptions) (Figure, error) {
	fit, maxN, err := scalPrepare("ScalingEfficiency", speedups, opt)
	if err != nil {
		return Figure{}, err
	}
	eff := make([]scaling.Point, len(speedups))
	for i, p := range speedups {
		n := float64(p.N)
		eff[i] = scaling.Point{N: p.N, Value: 100 * p.Value / n, Lower: 100 * p.Lower / n, Upper: 100 * p.Upper / n}
	}
	var series []map[string]any
	series = append(series, scalMeasured("measured efficiency", scalColors[0], eff, 1)...)
	series = append(series, scalLine("ideal 100%", "#999", "solid", 1, [][2]float64{{1, 100}, {maxN, 100}}))
	for i, s := range opt.Serial {
		series = append(series, scalLine(fmt.Sprintf("Amdahl s = %s", scalNum(s)), scalChosen[i%len(scalChosen)], "dotted", 1.5,
			scalCurve(func(n float64) float64 { return 100 * scaling.Amdahl(s, n) / n }, 1, maxN)))
	}
	series = append(series, scalFitted(fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), scalColors[1],
		func(n float64) float64 { return 100 * fit.Speedup(n) / n }, float64(fit.MaxN), maxN)...)
	sub := fmt.Sprintf("Efficiency = speedup / N. Amdahl fit s = %.3f: at N = %s the workers are %.0f%% busy with useful work.",
		fit.Serial, scalNum(maxN), 100*fit.Speedup(maxN)/maxN)
	sub += "\nDotted: chosen s. Dashed: fitted curve extrapolated beyond the measured N = " + scalNum(float64(fit.MaxN)) + "."
	return scalFigure(scalSpec{
		title: "Efficiency vs workers", sub: sub, warnings: scalAmdahlWarnings(fit),
		xName: "workers N (goroutines)", yName: "efficiency speedup/N (%)", unit: "%",
		maxN: maxN, yMin: scalPtr(0.0), series: series,
	})
}

// KarpFlatt draws the Karp–Flatt metric e = (1/S − 1/N)/(1 − 1/N), the serial fraction each measured
// speedup implies, against N (whiskers from the speedup intervals), with the fitted Amdahl s as a
// horizontal line. Flat e means a fixed serial part; e growing with N means overhead that grows with N
// (coordination, contention), which Amdahl's law does not model.
func KarpFlatt(speedups []scaling.Point) (Figure, error) {
	fit, _, err := scalPrepare("KarpFlatt", speedups, ScalingOptions{})
	if err != nil {
		return Figure{}, err
	}
	kf, err := scaling.KarpFlattPoints(speedups)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: KarpFlatt: %w", err)
	}
	var series []map[string]any
	series = append(series, scalMeasured("Karp–Flatt e(N)", scalColors[0], kf, 2)...)
	maxN := float64(fit.MaxN)
	series = append(series, scalLine(fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), scalColors[1], "solid", 2,
		[][2]float64{{2, fit.Serial}, {maxN, fit.Serial}}))
	sub := "e(N) = (1/S − 1/N) / (1 − 1/N): the serial fraction that would explain each measured speedup.\n" +
		"Flat: a fixed serial part (Amdahl). Rising with N: overhead that grows with the workers."
	var warnings []string
	if len(kf) == 1 {
		warnings = append(warnings, fmt.Sprintf("One speedup with N > 1 gives one value of e: a trend needs several N (measure N = 2 … %d or more).", 2*fit.MaxN))
	}
	return scalFigure(scalSpec{
		title: "Karp–Flatt serial fraction vs workers", sub: sub, warnings: warnings,
		xName: "workers N (goroutines)", yName: "serial fraction e (share of 1-worker time)", unit: "",
		maxN: maxN + max(1, maxN/20), xPadded: true, series: series,
	})
}

// USL draws measured throughputs (medians with interval whiskers) against the concurrency level N, with
// linear scaling λN, and the Universal Scalability Law fitted to them: solid over the measured N, dashed
// beyond up to maxN (0: max(2 × the largest measured N, 16), widened to show a peak up to 4 × the largest
// measured N), its peak N* marked. unit names the
// throughput ("requests/s"). With fewer than 6 distinct N the title area warns that the fit is
// under-determined; with fewer than 3 it is an error.
func USL(throughputs []scaling.Point, unit string, maxN int) (Figure, error) {
	if unit == "" {
		unit = "operations/s"
	}
	fit, err := scaling.FitUSL(throughputs)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: USL: %w", err)
	}
	if maxN < 0 {
		return Figure{}, fmt.Errorf("chart: USL: maxN = %d; want 0 (automatic) or the largest N to draw", maxN)
	}
	top := scalMaxN(fit.MaxN, maxN)
	if p := fit.Peak(); maxN == 0 && p > top && p <= 4*float64(fit.MaxN) {
		top = scalNice(1.25 * p) // show the peak when it is not far beyond the measurements
	}
	var series []map[string]any
	series = append(series, scalMeasured("measured throughput", scalColors[0], throughputs, 1)...)
	series = append(series, scalLine("linear λN", "#999", "solid", 1, scalCurve(func(n float64) float64 { return fit.Lambda * n }, 1, top)))
	s, w, u := scalUSLSeries(throughputs, scalColors[3], float64(fit.MaxN), top, " "+unit)
	series = append(series, s...)
	sub := u + "\nDashed: fitted curve extrapolated beyond the measured N = " + scalNum(float64(fit.MaxN)) + "."
	return scalFigure(scalSpec{
		title: "Throughput vs concurrency: Universal Scalability Law", sub: sub, warnings: w,
		xName: "concurrency N (workers or requests in flight)", yName: "throughput (" + unit + ")", unit: " " + unit,
		maxN: top, series: series, capIgnore: "linear λN",
	})
}

// scalUSLSeries fits the USL and returns its curve (solid to measuredN, dashed to maxN) and peak marker,
// the warnings to print and a one-line summary. When the fit fails (too few points) it returns no
// series and the reason as a warning.
func scalUSLSeries(pts []scaling.Point, colour string, measuredN, maxN float64, unit string) (series []map[string]any, warnings []string, summary string) {
	fit, err := scaling.FitUSL(pts)
	if err != nil {
		return nil, []string{"No USL curve: " + strings.TrimPrefix(err.Error(), "scaling: ")}, ""
	}
	name := "USL fit"
	if fit.Underdetermined() {
		name = "USL fit (under-determined)"
		warnings = append(warnings, fmt.Sprintf("USL under-determined: %d distinct N for 3 parameters (σ, κ, λ); at least %d are needed to test it, so this curve is one of many that fit. Measure more N.", fit.Points, scaling.MinUSLPoints))
	} else if fit.Warning != "" {
		warnings = append(warnings, "USL: "+fit.Warning)
	}
	series = append(series, scalFitted(name, colour, fit.X, measuredN, maxN)...)
	peak := fit.Peak()
	summary = fmt.Sprintf("USL fit: σ = %.3g (contention), κ = %.3g (coherency), λ = %s%s, R² = %.3f; limited by %s",
		fit.Sigma, fit.Kappa, scalVal(fit.Lambda), unit, fit.R2, fit.Limit())
	if math.IsInf(peak, 1) {
		summary += "; no peak (κ = 0)"
		return series, warnings, summary
	}
	summary += fmt.Sprintf("; peak N* = %s, X = %s%s", scalNum(peak), scalVal(fit.PeakX()), unit)
	label := "peak N* = " + scalNum(peak)
	if peak > measuredN {
		label += " (extrapolated)"
		summary += " (extrapolated)"
	}
	if peak <= maxN {
		series = append(series, map[string]any{
			"type": "scatter", "name": "USL peak N*", "color": colour, "symbol": "diamond", "symbolSize": 14, "z": 5,
			"data":  []map[string]any{{"value": []float64{peak, fit.PeakX()}, "note": label}},
			"label": map[string]any{"show": true, "position": "top", "formatter": label, "color": "#333", "fontSize": 12},
		})
	} else {
		warnings = append(warnings, fmt.Sprintf("The USL peak N* = %s lies beyond the drawn N = %s.", scalNum(peak), scalNum(maxN)))
	}
	return series, warnings, summary
}
