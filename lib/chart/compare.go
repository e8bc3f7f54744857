package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
	"time"

	"github.com/parlab/parlab/lib/compare"
)

// Compare draws a side-by-side comparison (package compare) as horizontal bars: each implementation's
// median time, a whisker for its 95% interval, and a label with how many times faster or slower it is
// than the first ("faster" and "slower" compare with the first entry). When the slowest median is more than 30 times the fastest, the time axis is
// logarithmic, and the axis title says so.
func Compare(res *compare.Result) (Figure, error) {
	if res == nil || len(res.Entries) == 0 {
		return Figure{}, errors.New("chart: the comparison is empty: run it first (for example simd.Compare or gil.Compare)")
	}
	var top, bottom time.Duration
	for i, e := range res.Entries {
		if e.Median <= 0 {
			return Figure{}, fmt.Errorf("chart: %q has no measurements: the comparison was stopped before its first trial", e.Name)
		}
		if i == 0 || e.Median < bottom {
			bottom = e.Median
		}
		top = max(top, e.High, e.Median)
	}
	logAxis := float64(top)/float64(bottom) > 30
	unit, scale := durationUnit(top)
	if logAxis {
		// Bars on a log axis grow from 1: pick the unit that puts the fastest median at 1 or more.
		unit, scale = durationUnit(bottom * 10)
	}
	type bar struct {
		Value float64 `json:"value"`
		Lo    float64 `json:"lo"`
		Hi    float64 `json:"hi"`
		Label string  `json:"label"`
	}
	names := make([]string, len(res.Entries))
	bars := make([]bar, len(res.Entries))
	whiskers := make([][3]float64, len(res.Entries))
	for i, e := range res.Entries {
		names[i] = e.Name
		v, lo, hi := float64(e.Median)/scale, float64(e.Low)/scale, float64(e.High)/scale
		label := number(v) + " " + unit
		if i > 0 && e.VsFirst.Value > 0 {
			if e.VsFirst.Value >= 1 {
				label += " — " + times(e.VsFirst.Value) + " faster"
			} else {
				label += " — " + times(1/e.VsFirst.Value) + " slower"
			}
		}
		bars[i] = bar{v, lo, hi, label}
		whiskers[i] = [3]float64{float64(i), lo, hi}
	}
	xName := "median time (" + unit + ")"
	if logAxis {
		xName += ", log scale"
	}
	sub := res.Env.CPUModel
	if sub != "" {
		sub += " · "
	}
	sub += fmt.Sprintf("%d logical CPUs · %s · %d trials each, interleaved", res.Env.NumCPU, res.Env.GoVersion, len(res.Entries[0].Samples))
	sub += "\nfaster / slower: compared with " + res.Entries[0].Name
	if res.Partial {
		sub += " · PARTIAL: interrupted"
	}
	js := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	axisType, axisMin := "value", "0"
	if logAxis {
		axisType, axisMin = "log", "1"
	}
	option := fmt.Sprintf(`{
  title: {text: %s, subtext: %s, left: "center", subtextStyle: {lineHeight: 16}},
  tooltip: {trigger: "item", formatter: function (p) { var d = p.data; if (!d || d.lo === undefined) { return ""; }
    return p.name + "<br/>median " + d.value.toPrecision(3) + " %s, 95%% interval " + d.lo.toPrecision(3) + "–" + d.hi.toPrecision(3) + " %s"; }},
  grid: {left: 16, right: 190, top: 86, bottom: 50, containLabel: true},
  xAxis: {type: %q, name: %s, nameLocation: "middle", nameGap: 28, min: %s},
  yAxis: {type: "category", data: %s, inverse: true, axisLabel: {width: 220, overflow: "truncate"}},
  series: [
    {type: "bar", name: "median time", data: %s, barMaxWidth: 28,
     label: {show: true, position: "right", formatter: function (p) { return p.data.label; }, color: "#222"}},
    {type: "custom", name: "95%% interval", data: %s, z: 5, tooltip: {show: false},
     renderItem: function (params, api) {
       var y = api.value(0), a = api.coord([api.value(1), y]), b = api.coord([api.value(2), y]);
       var h = api.size([0, 1])[1] * 0.25;
       var st = {stroke: "#222", lineWidth: 1.5};
       return {type: "group", children: [
         {type: "line", shape: {x1: a[0], y1: a[1], x2: b[0], y2: b[1]}, style: st},
         {type: "line", shape: {x1: a[0], y1: a[1] - h, x2: a[0], y2: a[1] + h}, style: st},
         {type: "line", shape: {x1: b[0], y1: b[1] - h, x2: b[0], y2: b[1] + h}, style: st}]};
     }, encode: {x: [1, 2], y: 0}}
  ]
}`, js(res.Title), js(sub), unit, unit, axisType, js(xName), axisMin, js(names), js(bars), js(whiskers))
	return Figure{Title: html.UnescapeString(res.Title), Option: option, Height: 110 + 48*len(res.Entries)}, nil
}

// number formats a measurement with three significant digits and no exponent: 7060, 47.8, 0.169.
func number(v float64) string {
	if v >= 1000 {
		return fmt.Sprintf("%.0f", v)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// times formats a ratio for a label: 1.9×, 12×, 340×.
func times(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2g×", r)
}

// durationUnit picks ns, µs, ms or s so that top reads as a number from 1 to 999.
func durationUnit(top time.Duration) (string, float64) {
	switch {
	case top >= time.Second:
		return "s", float64(time.Second)
	case top >= time.Millisecond:
		return "ms", float64(time.Millisecond)
	case top >= time.Microsecond:
		return "µs", float64(time.Microsecond)
	}
	return "ns", 1
}
