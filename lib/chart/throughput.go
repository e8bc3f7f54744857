package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/serving"
)

// ThroughputLatency draws a load test side by side: on the left the throughput (requests per
// second) against N, the goroutines (= requests in flight), on the right the mean latency of one request (ms,
// by Little's law, see package serving), one line per curve, with whiskers for the 95%
// intervals. N is on a log₂ axis, so 1, 2, 4, … 64 are evenly spaced. Noisy points are empty
// circles. A curve marked Model (a bound, not a measurement) is drawn grey and dashed, without
// points; one without levels is left out. sub is a line under the title (what was measured), or "".
func ThroughputLatency(title, sub string, curves ...serving.Curve) (Figure, error) {
	if len(curves) == 0 {
		return Figure{}, errors.New("chart: ThroughputLatency: no curves to draw")
	}
	if title == "" {
		title = "Throughput and latency vs goroutines"
	}
	type pt struct {
		Value  []float64 `json:"value"`
		Lo     float64   `json:"lo"`
		Hi     float64   `json:"hi"`
		Unit   string    `json:"unit"`
		Symbol string    `json:"symbol,omitempty"`
	}
	var series []map[string]any
	var legend []string
	maxN := 1
	for i, c := range curves {
		if c.Model && len(c.Levels) == 0 {
			continue // a model with nothing to draw (say, no bound at latency 0)
		}
		if len(c.Levels) == 0 {
			return Figure{}, fmt.Errorf("chart: ThroughputLatency: curve %q has no levels", c.Name)
		}
		colour := palette[i%len(palette)]
		if c.Model {
			colour = "#888"
		}
		name := c.Name
		if name == "" {
			name = fmt.Sprintf("curve %d", i+1)
		}
		dx := 6 * (float64(i) - float64(len(curves)-1)/2)
		for panel, unit := range []string{" requests/s", " ms"} {
			var pts []pt
			var bars [][4]float64
			for _, l := range c.Levels {
				iv, scale := l.Throughput, 1.0
				if panel == 1 {
					iv, scale = l.Latency, 1000
				}
				v, lo, hi := iv.Value*scale, iv.Low*scale, iv.High*scale
				if !loadFinite(v) || !loadFinite(lo) || !loadFinite(hi) || l.N < 1 {
					return Figure{}, fmt.Errorf("chart: ThroughputLatency: curve %q has a value that is not a finite number at N = %d", name, l.N)
				}
				p := pt{Value: []float64{float64(l.N), v}, Lo: lo, Hi: hi, Unit: unit}
				if l.Noisy {
					p.Symbol = "emptyCircle"
				}
				pts = append(pts, p)
				bars = append(bars, [4]float64{float64(l.N), lo, hi, dx})
				maxN = max(maxN, l.N)
			}
			if c.Model {
				series = append(series, map[string]any{"type": "line", "name": name, "data": pts, "color": colour, "symbol": "none",
					"lineStyle": map[string]any{"type": "dashed", "width": 1.5}, "z": 1, "xAxisIndex": panel, "yAxisIndex": panel,
					"tooltip": map[string]any{"show": false}})
				continue
			}
			series = append(series,
				map[string]any{"type": "line", "name": name, "data": pts, "color": colour, "symbol": "circle", "symbolSize": 7,
					"z": 3, "xAxisIndex": panel, "yAxisIndex": panel},
				map[string]any{"type": "custom", "name": name, "data": bars, "color": colour, "renderItem": "@whisker@",
					"encode": map[string]any{"x": 0, "y": []int{1, 2}}, "tooltip": map[string]any{"show": false}, "z": 2,
					"xAxisIndex": panel, "yAxisIndex": panel},
			)
		}
		legend = append(legend, name)
	}
	top := math.Pow(2, math.Ceil(math.Log2(float64(maxN))))
	// The legend wraps on a ~900 px wide output: leave room for each row of it under the axis titles.
	width := 0
	for _, name := range legend {
		width += 7*len([]rune(name)) + 45
	}
	bottom := 58 + 24*(1+width/850)
	xAxis := func(grid int) map[string]any {
		return map[string]any{"type": "log", "logBase": 2, "gridIndex": grid, "min": 1, "max": max(top, 2),
			"name": "N: goroutines = requests in flight (log scale)", "nameLocation": "middle", "nameGap": 28}
	}
	yAxis := func(grid int, name string) map[string]any {
		return map[string]any{"type": "value", "gridIndex": grid, "min": 0, "name": name, "nameLocation": "middle", "nameGap": 50}
	}
	option := map[string]any{
		"title": []map[string]any{
			{"text": title, "subtext": sub, "left": "center", "itemGap": 6, "subtextStyle": map[string]any{"color": "#666", "lineHeight": 16}},
			{"text": "Throughput", "left": "25%", "top": 62, "textAlign": "center", "textStyle": map[string]any{"fontSize": 13}},
			{"text": "Mean latency of one request", "left": "75%", "top": 62, "textAlign": "center", "textStyle": map[string]any{"fontSize": 13}},
		},
		"tooltip":   map[string]any{"trigger": "item", "formatter": "@tooltip@"},
		"legend":    map[string]any{"show": len(legend) > 1, "bottom": 0, "data": legend},
		"grid":      []map[string]any{{"left": 75, "right": "55%", "top": 95, "bottom": bottom}, {"left": "58%", "right": 25, "top": 95, "bottom": bottom}},
		"animation": false,
		"xAxis":     []map[string]any{xAxis(0), xAxis(1)},
		"yAxis":     []map[string]any{yAxis(0, "throughput (requests/s)"), yAxis(1, "mean latency (ms)")},
		"series":    series,
	}
	b, err := json.Marshal(option)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: ThroughputLatency: encoding the option: %w", err)
	}
	js := strings.NewReplacer(`"@whisker@"`, whiskerJS, `"@tooltip@"`, loadTooltipJS).Replace(string(b))
	return Figure{Title: title, Option: js, Height: 370 + bottom}, nil
}

func loadFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// loadTooltipJS shows a point's value and its interval.
const loadTooltipJS = `function (p) {
  var d = p.data;
  if (!d || d.lo === undefined) { return p.seriesName; }
  var f = function (v) { return v.toPrecision(3); };
  return p.marker + p.seriesName + '<br/>' + d.value[0] + ' goroutines: <b>' + f(d.value[1]) + d.unit + '</b>' +
    '<br/>95% interval ' + f(d.lo) + ' – ' + f(d.hi) + d.unit;
}`
