package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/render"
	"github.com/go-echarts/go-echarts/v2/types"
)

// funcMarkers are what opts.FuncOpts wraps JavaScript in; go-echarts' own renderer strips them the same way
// (render.pat), which turns the quoted string back into code.
var funcMarkers = regexp.MustCompile(`"__f__|__f__"|__f__`)

// optionOf renders a go-echarts chart's option as a JavaScript object literal. It encodes the chart's
// option itself (go-echarts' JSONNotEscaped drops encoding errors, and its RenderSnippet leaves functions
// quoted), so a NaN in the data is an error here, not an empty chart. go-echarts panics on some misuse;
// optionOf returns that as an error too.
func optionOf(c Chart) (opt string, err error) {
	defer func() {
		if r := recover(); r != nil {
			opt, err = "", fmt.Errorf("chart: go-echarts could not build the chart: %v", r)
		}
	}()
	c.Validate()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // functions may contain < and >; display escapes "</" itself
	if err := enc.Encode(c.JSON()); err != nil {
		return "", fmt.Errorf("chart: encoding the chart's option: %w", err)
	}
	return funcMarkers.ReplaceAllString(strings.TrimSpace(b.String()), ""), nil
}

var heightRE = regexp.MustCompile(`height:\s*(\d+)px`)

// goEChartsHeight is the height a go-echarts chart asked for (opts.Initialization.Height) in px, or 0.
func goEChartsHeight(c Chart) (h int) {
	r, ok := c.(interface{ RenderSnippet() render.ChartSnippet })
	if !ok {
		return 0
	}
	defer func() {
		if recover() != nil {
			h = 0 // the option is rendered (and its error reported) separately
		}
	}()
	if m := heightRE.FindStringSubmatch(r.RenderSnippet().Element); m != nil {
		h, _ = strconv.Atoi(m[1]) // \d+ always parses
	}
	return h
}

// goEChartsTitle returns the text of a go-echarts chart's first title (opts.Title.Title), or "" when it
// has none: Show names a chart given directly by it in the line shown where scripts cannot run.
func goEChartsTitle(c Chart) (title string) {
	defer func() {
		if recover() != nil {
			title = "" // the option is rendered (and its error reported) separately
		}
	}()
	raw, err := json.Marshal(c.JSON()["title"])
	if err != nil {
		return ""
	}
	var one struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &one) == nil {
		return one.Text
	}
	var many []struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &many) == nil {
		for _, t := range many {
			if t.Text != "" {
				return t.Text
			}
		}
	}
	return ""
}

// fn names a JavaScript function (or any expression) for an option field that takes one. The builders
// only name helpers from js/*.js (parlab.whisker, parlab.tip.item, …): the code itself is ordinary
// JavaScript in an embedded file, evaluated in the page before the option (see display.go).
func fn(expr string) types.FuncStr { return opts.FuncOpts(expr) }

// extras is parlab's go-echarts extension: options ECharts has and go-echarts v2.7.2 has no field for,
// merged into the option through go-echarts' own hook for that, a ConfigurationVisitor
// (charts.BaseConfiguration.Accept). Everything else is set through go-echarts' typed options.
//
//   - More than one title component: panel titles, and warnings drawn in red under the main title.
//   - Per series (found by its id, charts.WithSeriesId): silent (no hover, no tooltip) and clip.
//   - tooltip.confine, so a tooltip never leaves the chart's box.
//   - axis nameTextStyle (the Gantt chart's row axis name, right-aligned).
//   - axisLabel interval and lineHeight as numbers on the first x axis (go-echarts types both as strings,
//     which ECharts would add to numbers as text): every category labelled, labels of two lines.
//   - an axis' logBase (go-echarts has none, so a log axis would be base 10: 1, 2, 4 … 64 need base 2).
type extras struct {
	charts.BaseConfigurationVisitor
	titles  []opts.Title
	series  map[string]seriesExtra
	confine bool
	yName   map[int]nameStyle // y axis index → its name's style
	xLabel  *xLabel
	xLog    map[int]int // x axis index → the base of its logarithm (ECharts' default is 10)
	yLog    map[int]int
}

// xLabel is what extras sets on the first x axis' labels.
type xLabel struct{ Interval, LineHeight int }

type seriesExtra struct {
	Silent bool  `json:"silent,omitempty"`
	Clip   *bool `json:"clip,omitempty"`
}

type nameStyle struct {
	Align string `json:"align,omitempty"`
	Color string `json:"color,omitempty"`
}

// withExtras attaches a fresh extras to the chart and returns it.
func withExtras(c interface {
	Accept(charts.ConfigurationVisitor)
}) *extras {
	e := &extras{series: map[string]seriesExtra{}, yName: map[int]nameStyle{}, xLog: map[int]int{}, yLog: map[int]int{}}
	c.Accept(e)
	return e
}

// Visit adds the extra title components.
func (e *extras) Visit(obj map[string]any) {
	if len(e.titles) > 0 {
		all := []any{obj["title"]}
		for _, t := range e.titles {
			all = append(all, t)
		}
		obj["title"] = all
	}
}

// VisitSeriesOpt adds silent and clip to the series that asked for them.
func (e *extras) VisitSeriesOpt(ms charts.MultiSeries) any {
	if len(e.series) == 0 {
		return ms
	}
	type withExtra struct {
		charts.SingleSeries
		seriesExtra
	}
	out := make([]any, len(ms))
	for i, s := range ms {
		if x, ok := e.series[s.Id]; ok && s.Id != "" {
			out[i] = withExtra{s, x}
		} else {
			out[i] = s
		}
	}
	return out
}

// VisitTooltipOpt adds confine.
func (e *extras) VisitTooltipOpt(t opts.Tooltip) any {
	if !e.confine {
		return t
	}
	return struct {
		opts.Tooltip
		Confine bool `json:"confine"`
	}{t, true}
}

// VisitYAxis adds nameTextStyle or logBase where asked (one of them per axis).
func (e *extras) VisitYAxis(ys []opts.YAxis) any {
	if len(e.yName) == 0 && len(e.yLog) == 0 {
		return ys
	}
	out := make([]any, len(ys))
	for i, y := range ys {
		if st, ok := e.yName[i]; ok {
			out[i] = struct {
				opts.YAxis
				NameTextStyle nameStyle `json:"nameTextStyle"`
			}{y, st}
		} else if base, ok := e.yLog[i]; ok {
			out[i] = struct {
				opts.YAxis
				LogBase int `json:"logBase"`
			}{y, base}
		} else {
			out[i] = y
		}
	}
	return out
}

// VisitXAxis sets the first x axis' label interval and line height, or an axis' logBase, where asked
// (one of them per axis).
func (e *extras) VisitXAxis(xs []opts.XAxis) any {
	if e.xLabel == nil && len(e.xLog) == 0 {
		return xs
	}
	// The numbers are fields of label itself, so they win over opts.AxisLabel's strings of the same name
	// (a shallower field hides a deeper one in encoding/json).
	type label struct {
		opts.AxisLabel
		Interval   int `json:"interval"`
		LineHeight int `json:"lineHeight"`
	}
	out := make([]any, len(xs))
	for i, x := range xs {
		switch base, ok := e.xLog[i]; {
		case i == 0 && e.xLabel != nil:
			l := label{Interval: e.xLabel.Interval, LineHeight: e.xLabel.LineHeight}
			if x.AxisLabel != nil {
				l.AxisLabel = *x.AxisLabel
			}
			out[i] = struct {
				opts.XAxis
				AxisLabel label `json:"axisLabel"`
			}{x, l}
		case ok:
			out[i] = struct {
				opts.XAxis
				LogBase int `json:"logBase"`
			}{x, base}
		default:
			out[i] = x
		}
	}
	return out
}
