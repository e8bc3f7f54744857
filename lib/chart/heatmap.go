package chart

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// HeatMap colours a grid of cells by their value: speedups over workers × GOMAXPROCS, say. Each cell
// shows its value; its tooltip adds its note. A NaN value leaves the cell empty (not measured).
type HeatMap struct {
	Title    string
	Subtitle string   // grey, under the title; "\n" starts a new line
	Warnings []string // red, under the subtitle
	// X and Y name the axes (each with its unit); XLabels and YLabels are their categories.
	X, Y             Axis
	XLabels, YLabels []string
	// Values[y][x] is the cell's value; Notes, when given, Notes[y][x] its tooltip line.
	Values [][]float64
	Notes  [][]string
	// Value names what the colour shows, with its unit ("speedup", "×"). The colour scale runs from
	// Value.Min (0 unless AutoMin, which starts it at the smallest value) to Value.Max (0: the largest
	// value), widened to every value.
	Value Axis
	// Height in px; 0 fits the rows (at least 320 px of grid).
	Height int
}

// Figure builds the heat map with go-echarts.
func (h HeatMap) Figure() (Figure, error) {
	if err := h.check(); err != nil {
		return Figure{}, fmt.Errorf("chart: heat map %q: %w", h.Title, err)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var data []opts.HeatMapData
	for y, row := range h.Values {
		for x, v := range row {
			if math.IsNaN(v) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			tip := html.EscapeString(labelWithUnit(h.XLabels[x], h.X.Unit)+", "+labelWithUnit(h.YLabels[y], h.Y.Unit)) +
				": <b>" + html.EscapeString(WithUnit(v, h.Value.Unit)) + "</b>"
			if y < len(h.Notes) && x < len(h.Notes[y]) && h.Notes[y][x] != "" {
				tip += "<br/>" + html.EscapeString(h.Notes[y][x])
			}
			data = append(data, opts.HeatMapData{Name: tip, Value: [3]any{x, y, round6(v)}})
		}
	}
	if len(data) == 0 {
		return Figure{}, fmt.Errorf("chart: heat map %q has no values: every cell is NaN", h.Title)
	}
	// The colour scale runs from Value.Min (0 unless AutoMin) to Value.Max, widened to the data: a small
	// difference must not look like a large one because the scale is as narrow as the data.
	if !h.Value.AutoMin {
		lo = math.Min(lo, h.Value.Min)
	}
	hi = math.Max(hi, h.Value.Max)
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5 // one value: give the colour scale some width
	}
	hm := charts.NewHeatMap()
	ext := withExtras(hm)
	sub := wrap(h.Subtitle, 120)
	top := 40 + titleLine*len(sub)
	var warn []string
	for _, w := range h.Warnings {
		warn = append(warn, wrap("⚠ "+w, 120)...)
	}
	if len(warn) > 0 {
		ext.titles = append(ext.titles, opts.Title{Title: strings.Join(warn, "\n"), Left: "center", Top: px(top - 4),
			TitleStyle: &opts.TextStyle{Color: "#c0392b", FontSize: 12, FontWeight: "bold", LineHeight: titleLine}})
		top += titleLine * len(warn)
	}
	top += 14
	grid := max(320, 36*len(h.YLabels))
	bottom := 100
	height := h.Height
	if height == 0 {
		height = top + grid + bottom
	}
	ext.confine = true
	hm.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: h.Title, Subtitle: strings.Join(sub, "\n"), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#555", FontSize: 12, LineHeight: titleLine}}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fn("parlab.tip.item")}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithGridOpts(opts.Grid{Left: "90", Right: "40", Top: px(top), Height: px(grid)}),
		// go-echarts' HeatMap does not copy SetXAxis' labels into the axis: give them as its Data.
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: h.XLabels, Name: h.X.title(), NameLocation: "middle", NameGap: 30,
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: h.YLabels, Name: h.Y.title(), NameLocation: "middle", NameGap: 60,
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{Calculable: opts.Bool(false), Min: float32(lo), Max: float32(hi),
			Orient: "horizontal", Left: "center", Bottom: "8",
			Text:    []string{WithUnit(hi, h.Value.Unit), h.Value.title() + ": " + WithUnit(lo, h.Value.Unit)},
			InRange: &opts.VisualMapInRange{Color: []string{"#deebf7", "#6baed6", "#08306b"}}}),
	)
	hm.AddSeries(h.Value.Name, data, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: fn("parlab.tip.cell")}))
	return Figure{Title: h.Title, Height: height, Chart: hm, data: unitData{Unit: h.Value.Unit}}, nil
}

func (h HeatMap) check() error {
	for _, a := range []struct {
		which string
		axis  Axis
	}{{"x", h.X}, {"y", h.Y}, {"value", h.Value}} {
		if err := a.axis.check(a.which); err != nil {
			return err
		}
	}
	if len(h.XLabels) == 0 || len(h.YLabels) == 0 {
		return fmt.Errorf("%d x and %d y categories; want at least one of each", len(h.XLabels), len(h.YLabels))
	}
	if len(h.XLabels)*len(h.YLabels) > 10_000 {
		return fmt.Errorf("%d × %d cells; at most 10000 stay readable", len(h.XLabels), len(h.YLabels))
	}
	if len(h.Values) != len(h.YLabels) {
		return fmt.Errorf("%d rows of values for %d y categories", len(h.Values), len(h.YLabels))
	}
	for y, row := range h.Values {
		if len(row) != len(h.XLabels) {
			return fmt.Errorf("row %d (%s) has %d values for %d x categories", y+1, h.YLabels[y], len(row), len(h.XLabels))
		}
		for x, v := range row {
			if math.IsInf(v, 0) {
				return fmt.Errorf("cell (%s, %s) is %v; want a finite number, or NaN for none", h.XLabels[x], h.YLabels[y], v)
			}
		}
	}
	return nil
}

// unitData is the table of a figure whose tooltips need one unit (parlab.data.unit).
type unitData struct {
	Unit string `json:"unit"`
}

// labelWithUnit writes a category and its unit: "1 goroutine" when the label is a number (WithUnit),
// else the label and the unit.
func labelWithUnit(label, unit string) string {
	if v, err := strconv.ParseFloat(label, 64); err == nil {
		return WithUnit(v, unit)
	}
	return label + unitSuffix(unit)
}
