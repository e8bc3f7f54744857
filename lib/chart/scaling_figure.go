package chart

// Helpers shared by the scaling-law charts (scaling.go, scaling_explore.go): sampling curves, measured
// points with whiskers, the option with its warnings in red, and the tooltip.

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/scaling"
)

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
	js := strings.NewReplacer(`"@whisker@"`, whiskerJS, `"@tooltip@"`, scalTooltip(sp.unit)).Replace(string(b))
	return Figure{Title: sp.title, Option: js, Height: max(440, top+340)}, nil
}

// scalRichEscape keeps text from being read as ECharts rich-text markup.
func scalRichEscape(s string) string {
	return strings.NewReplacer("{", "(", "}", ")", "|", "/").Replace(s)
}
