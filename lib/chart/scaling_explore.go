package chart

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/scaling"
)

// GustafsonAmdahl draws, side by side for the same serial fractions, Amdahl's speedup of a fixed problem
// (left: it flattens towards 1/s) and Gustafson's scaled speedup of a problem that grows with N (right:
// it keeps rising with slope 1 − s), from N = 1 to maxN (0: 64). Each s has one colour in both panels.
func GustafsonAmdahl(serial []float64, maxN int) (Figure, error) {
	switch {
	case len(serial) == 0:
		return Figure{}, fmt.Errorf("chart: GustafsonAmdahl was given no serial fractions; want 1 to 6 values in [0, 1], such as 0.05, 0.1, 0.25")
	case len(serial) > 6:
		return Figure{}, fmt.Errorf("chart: GustafsonAmdahl was given %d serial fractions; at most 6 stay readable", len(serial))
	case maxN < 0 || maxN == 1:
		return Figure{}, fmt.Errorf("chart: GustafsonAmdahl: maxN = %d; want 0 (automatic, 64) or at least 2", maxN)
	}
	if maxN == 0 {
		maxN = 64
	}
	top := float64(maxN)
	var series []map[string]any
	var legend []string
	for i, s := range serial {
		if !(s >= 0 && s <= 1) {
			return Figure{}, fmt.Errorf("chart: GustafsonAmdahl: serial fraction %v is outside [0, 1]; s is the share of the time that cannot run in parallel", s)
		}
		name := "s = " + scalNum(s)
		colour := scalChosen[i%len(scalChosen)]
		a := scalLine(name, colour, "solid", 2, scalCurve(func(n float64) float64 { return scaling.Amdahl(s, n) }, 1, top))
		g := scalLine(name, colour, "solid", 2, scalCurve(func(n float64) float64 { return scaling.Gustafson(s, n) }, 1, top))
		g["xAxisIndex"], g["yAxisIndex"] = 1, 1
		series = append(series, a, g)
		legend = append(legend, name)
	}
	for i := 0; i < 2; i++ {
		ideal := scalLine("ideal S = N", "#999", "solid", 1, [][2]float64{{1, 1}, {top, top}})
		ideal["xAxisIndex"], ideal["yAxisIndex"] = i, i
		series = append(series, ideal)
	}
	legend = append(legend, "ideal S = N")
	axis := func(grid int, name string) map[string]any {
		a := map[string]any{"type": "value", "gridIndex": grid, "name": name, "nameLocation": "middle", "nameGap": 30,
			"min": 0, "max": top, "minInterval": 1}
		if iv, ok := scalInterval(top); ok {
			a["interval"] = iv
		}
		return a
	}
	yAxis := func(grid int) map[string]any {
		a := axis(grid, "speedup (×)")
		a["nameGap"] = 45
		return a
	}
	title := "Amdahl (fixed problem) beside Gustafson (problem grows with N)"
	option := map[string]any{
		"animation": false,
		"title": []map[string]any{
			{"text": title, "left": "center",
				"subtext":      "Same serial fractions s in both panels. Left: S = 1/(s + (1−s)/N), never above 1/s. Right: S = s + (1−s)·N, rising without bound.",
				"subtextStyle": map[string]any{"color": "#555", "fontSize": 12}},
			{"text": "Amdahl: fixed problem size", "left": "25%", "top": 62, "textAlign": "center", "textStyle": map[string]any{"fontSize": 13}},
			{"text": "Gustafson: problem grows with N", "left": "75%", "top": 62, "textAlign": "center", "textStyle": map[string]any{"fontSize": 13}},
		},
		"tooltip": map[string]any{"trigger": "axis", "formatter": "@tooltip@"},
		"legend":  map[string]any{"type": "scroll", "bottom": 0, "data": legend},
		"grid": []map[string]any{
			{"left": 70, "right": "54%", "top": 95, "bottom": 80},
			{"left": "56%", "right": 30, "top": 95, "bottom": 80},
		},
		"xAxis":  []map[string]any{axis(0, "workers N"), axis(1, "workers N (problem size ∝ N)")},
		"yAxis":  []map[string]any{yAxis(0), yAxis(1)},
		"series": series,
	}
	b, err := json.Marshal(option)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: encoding the option of %q: %w", title, err)
	}
	js := strings.Replace(string(b), `"@tooltip@"`, scalTooltip("×"), 1)
	return Figure{Title: title, Option: js, Height: 460}, nil
}

// AmdahlExplorer draws Amdahl's law with a slider for the serial fraction s (starting at s) that redraws,
// in the browser, Amdahl's curve, its ceiling 1/s and Gustafson's scaled speedup for the same s, from
// N = 1 to maxN (0: 64). It needs no kernel, so it also works in an exported HTML page. measured, when
// not nil, adds measured speedups with their whiskers and the fitted s (what scaling.FitAmdahl takes),
// so a learner can slide s until the curve meets the points.
func AmdahlExplorer(s float64, maxN int, measured []scaling.Point) (Figure, error) {
	if !(s >= 0 && s <= 1) {
		return Figure{}, fmt.Errorf("chart: AmdahlExplorer: serial fraction %v is outside [0, 1]; s is the share of the one-worker time that cannot run in parallel", s)
	}
	if maxN < 0 || maxN == 1 {
		return Figure{}, fmt.Errorf("chart: AmdahlExplorer: maxN = %d; want 0 (automatic, 64) or at least 2", maxN)
	}
	if maxN == 0 {
		maxN = 64
	}
	top := float64(maxN)
	var series []map[string]any
	sub := "Drag the slider: the curves are recomputed in the page, without the kernel."
	if measured != nil {
		fit, err := scaling.FitAmdahl(measured)
		if err != nil {
			return Figure{}, fmt.Errorf("chart: AmdahlExplorer: %w", err)
		}
		top = max(top, float64(fit.MaxN))
		series = append(series, scalMeasured("measured speedup", scalColors[0], measured, 1)...)
		series = append(series, scalFitted(fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), scalColors[4], fit.Speedup, float64(fit.MaxN), top)...)
		sub = fmt.Sprintf("Your measurements fit s = %.3f (95%% interval %.3f–%.3f). ", fit.Serial, fit.Lower, fit.Upper) + sub
		if fit.Underdetermined() {
			sub = fmt.Sprintf("⚠ One speedup with N > 1 (N = %d): s is solved from it, not fitted. ", fit.MaxN) + sub
		}
	}
	// The initial curves are drawn from Go too, so the figure is right before the slider is touched.
	amdahl := scalLine("Amdahl S(N) for the slider's s", scalColors[1], "solid", 2.5,
		scalCurve(func(n float64) float64 { return scaling.Amdahl(s, n) }, 1, top))
	amdahl["id"] = "amdahl"
	var ceil [][2]float64
	if s > 0 && 1/s <= 2*top {
		ceil = [][2]float64{{1, 1 / s}, {top, 1 / s}}
	}
	ceiling := scalLine("ceiling 1/s", scalColors[1], "dotted", 1.5, ceil)
	ceiling["id"] = "ceiling"
	gustafson := scalLine("Gustafson s + (1−s)N", scalColors[2], "solid", 2,
		scalCurve(func(n float64) float64 { return scaling.Gustafson(s, n) }, 1, top))
	gustafson["id"] = "gustafson"
	series = append(series, scalLine("ideal S = N", "#999", "solid", 1, [][2]float64{{1, 1}, {top, top}}), amdahl, ceiling, gustafson)
	fig, err := scalFigure(scalSpec{
		title: "Amdahl's law explorer", sub: sub,
		xName: "workers N (goroutines)", yName: "speedup (×)", unit: "×",
		maxN: top, yMin: scalPtr(0), yMax: scalPtr(top), series: series,
	})
	if err != nil {
		return Figure{}, err
	}
	sliderMax := 0.5
	if s > sliderMax {
		sliderMax = 1
	}
	fig.Controls = fmt.Sprintf(`<div class="parlab-controls" style="display:flex;flex-wrap:wrap;gap:12px;align-items:center;font:14px sans-serif;padding:4px 0">`+
		`<label for="{{id}}-s">serial fraction s</label>`+
		`<input type="range" id="{{id}}-s" min="0" max="%g" step="0.005" value="%g" style="width:280px">`+
		`<output id="{{id}}-out" for="{{id}}-s">s = %.3f</output></div>`, sliderMax, s, s)
	fig.Script = strings.ReplaceAll(scalExplorerJS, "@maxN@", fmt.Sprint(top))
	return fig, nil
}

// scalExplorerJS recomputes the slider's curves. It sees chart, option, root and id (see Figure.Script).
const scalExplorerJS = `
var input = document.getElementById(id + '-s'), out = document.getElementById(id + '-out');
var maxN = @maxN@, steps = Math.min(256, Math.ceil(maxN - 1));
function draw() {
  var s = parseFloat(input.value), a = [], g = [];
  if (!(s >= 0 && s <= 1)) { return; }
  for (var i = 0; i <= steps; i++) {
    var n = 1 + (maxN - 1) * i / steps;
    a.push([n, 1 / (s + (1 - s) / n)]);
    g.push([n, s + (1 - s) * n]);
  }
  var c = s > 0 && 1 / s <= 2 * maxN ? [[1, 1 / s], [maxN, 1 / s]] : [];
  chart.setOption({series: [{id: 'amdahl', data: a}, {id: 'ceiling', data: c}, {id: 'gustafson', data: g}]});
  out.textContent = 's = ' + s.toFixed(3) + ' · at N = ' + maxN + ': Amdahl ' + a[a.length - 1][1].toFixed(2) +
    '× (ceiling 1/s = ' + (s > 0 ? (1 / s).toFixed(1) + '×' : '∞') + '), Gustafson ' + g[g.length - 1][1].toFixed(1) + '×';
}
if (input && out) { input.addEventListener('input', draw); draw(); }
`
