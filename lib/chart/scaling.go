package chart

import (
	"encoding/json"
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
	series = append(series, scalLine("ideal S = N", "#999", "solid", 1, scalCurve(func(n float64) float64 { return n }, 1, maxN)))
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

// scalPrepare validates options and fits Amdahl's law for the speedup builders.
func scalPrepare(fn string, speedups []scaling.Point, opt ScalingOptions) (scaling.AmdahlFit, float64, error) {
	if opt.MaxN < 0 {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("chart: %s: MaxN = %d; want 0 (automatic) or the largest N to draw", fn, opt.MaxN)
	}
	for _, s := range opt.Serial {
		if !(s >= 0 && s <= 1) {
			return scaling.AmdahlFit{}, 0, fmt.Errorf("chart: %s: serial fraction %v is outside [0, 1]; s is the share of the one-worker time that cannot run in parallel", fn, s)
		}
	}
	if len(opt.Serial) > 6 {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("chart: %s: %d chosen serial fractions; at most 6 stay readable", fn, len(opt.Serial))
	}
	fit, err := scaling.FitAmdahl(speedups)
	if err != nil {
		return scaling.AmdahlFit{}, 0, fmt.Errorf("chart: %s: %w", fn, err)
	}
	return fit, scalMaxN(fit.MaxN, opt.MaxN), nil
}

func scalMaxN(measured, asked int) float64 {
	if asked > 0 {
		return float64(max(asked, measured))
	}
	return float64(max(2*measured, 16))
}

func scalAmdahlWarnings(fit scaling.AmdahlFit) []string {
	var w []string
	if fit.Underdetermined() {
		w = append(w, fmt.Sprintf("Amdahl: one speedup with N > 1 (N = %d), so s is solved from it, not fitted: nothing here tests the law. Measure more N (even past the cores).", fit.MaxN))
	}
	if strings.Contains(fit.Warning, "superlinear") {
		w = append(w, "Amdahl: a speedup above N (superlinear, e.g. from caches) cannot be explained by the law; s is pulled to 0.")
	}
	return w
}

// scalColors are from ECharts 5's default palette: measured (blue), Amdahl fit (red), the explorer's
// Gustafson (green), USL fit (purple), the explorer's fit (yellow). scalChosen colours the chosen s.
var (
	scalColors = []string{"#5470c6", "#ee6666", "#91cc75", "#9a60b4", "#fac858"}
	scalChosen = []string{"#3ba272", "#fc8452", "#73c0de", "#ea7ccc", "#fac858", "#91cc75"}
)

// scalPoint is one measured point; lo and hi are absent when it has no interval.
type scalPoint struct {
	Value []float64 `json:"value"`
	Lo    *float64  `json:"lo,omitempty"`
	Hi    *float64  `json:"hi,omitempty"`
}

// scalMeasured returns the line of measured medians and, when any point has an interval, the whiskers.
// Points below minN are skipped.
func scalMeasured(name, colour string, pts []scaling.Point, minN int) []map[string]any {
	var data []scalPoint
	var bars [][3]float64
	for _, p := range pts {
		if p.N < minN || !scalFinite(p.Value) {
			continue
		}
		d := scalPoint{Value: []float64{float64(p.N), p.Value}}
		if p.HasInterval() && scalFinite(p.Lower) && scalFinite(p.Upper) {
			lo, hi := p.Lower, p.Upper
			d.Lo, d.Hi = &lo, &hi
			bars = append(bars, [3]float64{float64(p.N), lo, hi})
		}
		data = append(data, d)
	}
	out := []map[string]any{{"type": "line", "name": name, "data": data, "color": colour,
		"symbol": "circle", "symbolSize": 8, "z": 4, "lineStyle": map[string]any{"width": 1, "opacity": 0.6}}}
	if len(bars) > 0 {
		out = append(out, map[string]any{"type": "custom", "name": name, "data": bars, "color": colour,
			"renderItem": "@whisker@", "encode": map[string]any{"x": 0, "y": []int{1, 2}}, "z": 3, "silent": true})
	}
	return out
}

func scalLine(name, colour, style string, width float64, data [][2]float64) map[string]any {
	return map[string]any{"type": "line", "name": name, "data": data, "color": colour, "symbol": "none",
		"lineStyle": map[string]any{"type": style, "width": width}, "z": 2}
}

// scalFitted returns a fitted curve as two series with one name (so the legend shows one entry): solid
// from N = 1 to measuredN, dashed from measuredN to maxN.
func scalFitted(name, colour string, f func(float64) float64, measuredN, maxN float64) []map[string]any {
	out := []map[string]any{scalLine(name, colour, "solid", 2.5, scalCurve(f, 1, measuredN))}
	if maxN > measuredN {
		ext := scalLine(name, colour, "dashed", 2, scalCurve(f, measuredN, maxN))
		out = append(out, ext)
	}
	return out
}

// scalCurve samples f from a to b: at every integer when there are at most 256, else at 256 even steps;
// both ends are included and non-finite values are left out.
func scalCurve(f func(float64) float64, a, b float64) [][2]float64 {
	var xs []float64
	if b-a <= 256 {
		xs = append(xs, a)
		for n := math.Floor(a) + 1; n < b; n++ {
			xs = append(xs, n)
		}
		if b > a {
			xs = append(xs, b)
		}
	} else {
		for i := 0; i <= 256; i++ {
			xs = append(xs, a+(b-a)*float64(i)/256)
		}
	}
	out := make([][2]float64, 0, len(xs))
	for _, x := range xs {
		if y := f(x); scalFinite(y) {
			out = append(out, [2]float64{x, y})
		}
	}
	return out
}

// scalInterval returns a tick interval that divides an integer axis maximum into 4 to 8 steps (whole
// numbers), so that the last label is a regular tick and does not crowd the one before it.
func scalInterval(top float64) (float64, bool) {
	if top != math.Trunc(top) || top < 2 || top > 1e6 {
		return 0, false
	}
	for c := math.Ceil(top / 8); c <= top/4; c++ {
		if math.Mod(top, c) == 0 {
			return c, true
		}
	}
	return 0, false
}

// scalNice rounds x up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten.
func scalNice(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// scalVal formats a measured quantity: whole numbers from 1000 up, else 4 significant digits.
func scalVal(x float64) string {
	if math.Abs(x) >= 1000 && math.Abs(x) < 1e15 {
		return fmt.Sprintf("%.0f", x)
	}
	return fmt.Sprintf("%.4g", x)
}

func scalFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func scalPtr(x float64) *float64 { return &x }

// scalNum formats a number briefly: integers without decimals, others with 3 significant digits.
func scalNum(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "∞"
	case x == math.Trunc(x) && math.Abs(x) < 1e9:
		return fmt.Sprintf("%.0f", x)
	default:
		return fmt.Sprintf("%.3g", x)
	}
}

type scalSpec struct {
	title, sub   string
	warnings     []string
	xName, yName string
	unit         string // appended to values in the tooltip
	maxN         float64
	xPadded      bool // maxN leaves room after the last point: let ECharts choose the ticks
	yMin, yMax   *float64
	series       []map[string]any
	// capIgnore names a reference line (linear scaling) that the y axis need not reach.
	capIgnore string
}

// scalWhiskerJS draws one interval, data [x, low, high], as a vertical line with caps.
const scalWhiskerJS = `function (params, api) {
  var x = api.value(0), lo = api.coord([x, api.value(1)]), hi = api.coord([x, api.value(2)]);
  var style = {stroke: api.visual('color'), lineWidth: 1.5};
  return {type: 'group', children: [
    {type: 'line', shape: {x1: hi[0] - 5, y1: hi[1], x2: hi[0] + 5, y2: hi[1]}, style: style},
    {type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: style},
    {type: 'line', shape: {x1: lo[0] - 5, y1: lo[1], x2: lo[0] + 5, y2: lo[1]}, style: style}
  ]};
}`

// scalTooltipJS lists, for the N under the pointer, each line's value (and the measured interval).
const scalTooltipJS = `function (ps) {
  if (!ps || !ps.length) { return ''; }
  var unit = @unit@;
  var f = function (v) { return Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(3)).toString(); };
  var x0 = ps[0].axisValue, out = ['N = ' + f(x0)], seen = {};
  ps.forEach(function (p) {
    if (p.seriesType === 'custom' || seen[p.seriesName]) { return; }
    var d = p.data, v = Array.isArray(d) ? d : (d && d.value);
    if (!v) { return; }
    seen[p.seriesName] = true;
    var s = p.marker + p.seriesName + ': <b>' + f(v[1]) + unit + '</b>';
    if (Math.abs(v[0] - x0) > 1e-9) { s += ' at N = ' + f(v[0]); }
    if (d.lo !== undefined) { s += ' (95% interval ' + f(d.lo) + ' – ' + f(d.hi) + ')'; }
    out.push(s);
  });
  return out.join('<br/>');
}`

// scalTooltip returns scalTooltipJS with unit appended to values.
func scalTooltip(unit string) string {
	q, _ := json.Marshal(unit)
	return strings.ReplaceAll(scalTooltipJS, "@unit@", string(q))
}

// scalWrap breaks text into lines of at most width characters at spaces.
func scalWrap(text string, width int) []string {
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
	}
	return lines
}

// scalFigure assembles the option: title, subtitle (warnings first, in red), axes with units, a
// scrolling legend at the bottom, an axis tooltip, and the series.
func scalFigure(sp scalSpec) (Figure, error) {
	const width = 120 // characters per subtitle line at ~900 px
	var lines []string
	for _, w := range sp.warnings {
		for _, l := range scalWrap("⚠ "+w, width) {
			lines = append(lines, "{warn|"+scalRichEscape(l)+"}")
		}
	}
	for _, l := range scalWrap(sp.sub, width) {
		lines = append(lines, scalRichEscape(l))
	}
	top := 50 + 16*len(lines) + 20
	var legend []string
	seen := map[string]bool{}
	for _, s := range sp.series {
		if name, _ := s["name"].(string); !seen[name] && s["type"] != "custom" {
			seen[name] = true
			legend = append(legend, name)
		}
	}
	yAxis := map[string]any{"type": "value", "name": sp.yName, "nameLocation": "middle", "nameGap": 60,
		"axisLabel": map[string]any{"hideOverlap": true}}
	if sp.yMin != nil {
		yAxis["min"] = *sp.yMin
	}
	if sp.yMax != nil {
		yAxis["max"] = *sp.yMax
		if iv, ok := scalInterval(*sp.yMax); ok {
			yAxis["interval"] = iv
		}
	}
	xAxis := map[string]any{"type": "value", "name": sp.xName, "nameLocation": "middle", "nameGap": 30,
		"min": 0, "max": sp.maxN, "minInterval": 1, "axisLabel": map[string]any{"hideOverlap": true}}
	if iv, ok := scalInterval(sp.maxN); ok && !sp.xPadded {
		xAxis["interval"] = iv
	}
	if sp.capIgnore != "" {
		// Cap the axis above everything but the named reference line, which would squash the data.
		var top float64
		for _, s := range sp.series {
			if s["name"] == sp.capIgnore {
				continue
			}
			switch d := s["data"].(type) {
			case [][3]float64:
				for _, b := range d {
					top = math.Max(top, b[2])
				}
			case []scalPoint:
				for _, p := range d {
					top = math.Max(top, p.Value[1])
				}
			case [][2]float64:
				for _, p := range d {
					top = math.Max(top, p[1])
				}
			case []map[string]any:
				for _, p := range d {
					if v, ok := p["value"].([]float64); ok {
						top = math.Max(top, v[1])
					}
				}
			}
		}
		if top > 0 {
			yAxis["max"] = scalNice(1.15 * top)
		}
	}
	option := map[string]any{
		"animation": false,
		"title": map[string]any{"text": sp.title, "subtext": strings.Join(lines, "\n"), "left": "center", "itemGap": 6,
			"subtextStyle": map[string]any{"color": "#555", "lineHeight": 16, "fontSize": 12,
				"rich": map[string]any{"warn": map[string]any{"color": "#c0392b", "fontWeight": "bold", "fontSize": 12, "lineHeight": 16}}}},
		"tooltip": map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "line"}, "formatter": "@tooltip@"},
		"legend":  map[string]any{"type": "scroll", "bottom": 0, "data": legend, "show": len(legend) > 1},
		"grid":    map[string]any{"left": 90, "right": 40, "top": top, "bottom": 80},
		"xAxis":   xAxis,
		"yAxis":   yAxis,
		"series":  sp.series,
	}
	b, err := json.Marshal(option)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: encoding the option of %q: %w", sp.title, err)
	}
	js := strings.NewReplacer(`"@whisker@"`, scalWhiskerJS, `"@tooltip@"`, scalTooltip(sp.unit)).Replace(string(b))
	return Figure{Title: sp.title, Option: js, Height: max(440, top+340)}, nil
}

// scalRichEscape keeps text from being read as ECharts rich-text markup.
func scalRichEscape(s string) string {
	return strings.NewReplacer("{", "(", "}", ")", "|", "/").Replace(s)
}
