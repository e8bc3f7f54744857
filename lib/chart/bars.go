package chart

import (
	"fmt"
	"html"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Bars is a bar chart over categories: one bar per category and series, each with an optional 95%
// interval (a dark whisker across its end) and a label beyond it. Several series stand side by side in
// each category (in the order of Series), each bar's whisker and label on that bar; with Overlay they
// share the category's whole slot, and whiskers and labels are centred on it.
type Bars struct {
	Title    string
	Subtitle string   // grey, under the title; "\n" starts a new line
	Warnings []string // red, under the subtitle
	// Categories name the slots along the category axis; CategoryAxis says what they are.
	Categories   []string
	CategoryAxis string
	// Value is the value axis; its Unit is required. Log 10 draws a logarithmic axis (bars grow from Min,
	// or 1).
	Value  Axis
	Series []BarSeries
	// Horizontal lays the bars along the x axis, categories from top to bottom.
	Horizontal bool
	// Overlay gives every series the whole slot of a category: for data where each category has a bar in
	// one series only (the series then only colour the bars and name them in the legend).
	Overlay bool
	// RotateLabels turns the category labels by that many degrees (long labels under vertical bars).
	RotateLabels float64
	// Height in px; 0: fitted to the bars.
	Height int
}

// BarSeries is one bar per category.
type BarSeries struct {
	Name   string
	Colour string // "": the palette, by position
	Bars   []Bar  // one per category, in order; fewer leaves the last categories empty
}

// Bar is one bar.
type Bar struct {
	Value float64
	// Low and High bound the value's 95% interval, drawn as a whisker; both zero (or NaN) means none.
	Low, High float64
	// Label is drawn beyond the bar's end, or its whisker's ("12.3 ms — 1.9× faster").
	Label string
	// Note is added to the tooltip.
	Note string
	// Skip leaves this category's slot empty in this series.
	Skip bool
}

// barMaxWidth is every bar series' widest bar, in px: parlab.barEnd lays its whiskers out with it.
const barMaxWidth = "40"

func (b Bar) hasInterval() bool {
	return finite(b.Low) && finite(b.High) && !(b.Low == 0 && b.High == 0)
}

// Figure builds the bar chart with go-echarts.
func (bs Bars) Figure() (Figure, error) {
	if err := bs.check(); err != nil {
		return Figure{}, fmt.Errorf("chart: bar chart %q: %w", bs.Title, err)
	}
	bar := charts.NewBar()
	ext := withExtras(bar)
	ends := charts.NewCustom()
	labels := map[string][]string{} // by the ends series' id: each category's label
	slots := map[string]int{}       // by the ends series' id: its bars' place among the side-by-side bars
	var legend []string
	// Bars with an interval or a note get a tooltip of their own; plain counts share the axis tooltip.
	detailed := false
	for _, s := range bs.Series {
		for _, b := range s.Bars {
			detailed = detailed || (!b.Skip && (b.hasInterval() || b.Note != ""))
		}
	}
	for i, s := range bs.Series {
		colour := s.Colour
		if colour == "" {
			colour = palette[i%len(palette)]
		}
		data := make([]opts.BarData, len(bs.Categories))
		var es []opts.CustomData
		id := fmt.Sprintf("_e%d", i)
		for c := range bs.Categories {
			if c >= len(s.Bars) || s.Bars[c].Skip {
				data[c] = opts.BarData{Value: "-"}
				continue
			}
			b := s.Bars[c]
			data[c] = opts.BarData{Value: round6(b.Value)}
			if detailed {
				data[c].Name = bs.barTip(c, b)
			}
			if b.Label == "" && !b.hasInterval() {
				continue
			}
			end := [5]float64{float64(c), round6(b.Value), round6(b.Value), round6(b.Value), 0}
			if b.hasInterval() {
				end[1], end[2], end[4] = round6(b.Low), round6(b.High), 1
			}
			es = append(es, opts.CustomData{Value: end})
			if b.Label != "" {
				if labels[id] == nil {
					labels[id] = make([]string, len(bs.Categories))
				}
				labels[id][c] = b.Label
			}
		}
		so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.BarMaxWidth = barMaxWidth })}
		if bs.Overlay {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{BarGap: "-100%", BarWidth: "55%"}))
		}
		bar.AddSeries(s.Name, data, so...)
		legend = append(legend, s.Name)
		if len(es) > 0 {
			enc := opts.Encode{X: 0, Y: []int{1, 2, 3}}
			if bs.Horizontal {
				enc = opts.Encode{X: []int{1, 2, 3}, Y: 0}
			}
			ends.AddSeries(s.Name, es, charts.WithCustomChartOpts(opts.CustomChart{RenderItem: fn("parlab.barEnd")}),
				charts.WithEncodeOpts(enc), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#333"}), charts.WithSeriesId(id))
			ext.series[id] = seriesExtra{Silent: true}
			if !bs.Overlay {
				slots[id] = i
			}
		}
	}
	labelled := len(labels) > 0

	sub := wrap(bs.Subtitle, 120)
	top := 40 + titleLine*len(sub)
	var warn []string
	for _, w := range bs.Warnings {
		warn = append(warn, wrap("⚠ "+w, 120)...)
	}
	if len(warn) > 0 {
		ext.titles = append(ext.titles, opts.Title{Title: strings.Join(warn, "\n"), Left: "center", Top: px(top - 4),
			TitleStyle: &opts.TextStyle{Color: "#c0392b", FontSize: 12, FontWeight: "bold", LineHeight: titleLine}})
		top += titleLine * len(warn)
	}
	top += 14
	legendRows := 0
	if len(legend) > 1 {
		width := 0
		for _, name := range legend {
			width += 7*len([]rune(name)) + 45
		}
		legendRows = 1 + width/legendWidth
	}

	valueAxisType := "value"
	var lo any = bs.Value.Min
	if bs.Value.Log > 0 {
		valueAxisType = "log"
		lo = nil
		if bs.Value.Min > 0 {
			lo = bs.Value.Min
		}
	}
	var hi any
	if bs.Value.Max > 0 {
		hi = bs.Value.Max
	}
	var height, bottom int
	gridLeft, gridRight := "80", "30"
	if bs.Horizontal {
		// Category names on the left, labels on the right of the bars.
		gridLeft, gridRight = "16", "30"
		if labelled {
			gridRight = "190"
		}
		bottom = 50 + 24*legendRows
		bar.XYReversal()
		bar.SetXAxis(bs.Categories)
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: valueAxisType, Name: bs.Value.title(), NameLocation: "middle", NameGap: 28,
				Min: lo, Max: hi}),
			// The axis is inverted (first category on top), so its "start" is the top: the name sits above
			// the first bar instead of on the value axis's 0 tick.
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: bs.CategoryAxis, Inverse: opts.Bool(true), NameLocation: "start",
				AxisLabel: &opts.AxisLabel{Width: 220, Overflow: "truncate"}}),
			charts.WithGridOpts(opts.Grid{Left: gridLeft, Right: gridRight, Top: px(top), Bottom: px(bottom), ContainLabel: opts.Bool(true)}),
		)
		height = top + 28 + 48*len(bs.Categories) + bottom
	} else {
		lines := 1
		for _, c := range bs.Categories {
			lines = max(lines, strings.Count(c, "\n")+1)
		}
		bottom = 40 + 16*lines + 24*legendRows
		if bs.RotateLabels != 0 {
			bottom += 30
		}
		bar.SetXAxis(bs.Categories)
		ext.xLabel = &xLabel{Interval: 0, LineHeight: 16}
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: bs.CategoryAxis, NameLocation: "middle", NameGap: bottom - 24*legendRows - 22,
				AxisLabel: &opts.AxisLabel{Rotate: bs.RotateLabels}}),
			charts.WithYAxisOpts(opts.YAxis{Type: valueAxisType, Name: bs.Value.title(), NameLocation: "middle", NameGap: 50,
				Min: lo, Max: hi, MinInterval: map[bool]float64{true: 1}[bs.Value.Integer]}),
			charts.WithGridOpts(opts.Grid{Left: gridLeft, Right: gridRight, Top: px(top), Bottom: px(bottom)}),
		)
		height = top + plotHeight + bottom
	}
	if bs.Height > 0 {
		height = bs.Height
	}
	ext.confine = true
	tooltip := opts.Tooltip{Trigger: "item", Formatter: fn("parlab.tip.item")}
	if !detailed {
		tooltip = opts.Tooltip{Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}, ValueFormatter: fn("parlab.tip.value")}
	}
	bar.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: bs.Title, Subtitle: strings.Join(sub, "\n"), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#555", FontSize: 12, LineHeight: titleLine}}),
		charts.WithTooltipOpts(tooltip),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(legend) > 1), Bottom: "0", Data: legend}),
	)
	bar.Overlap(ends)
	return Figure{Title: bs.Title, Height: height, Chart: bar,
		data: barsData{Labels: labels, Slots: slots, Bars: len(bs.Series), BarMaxWidth: barMaxWidth,
			Horizontal: bs.Horizontal, Unit: bs.Value.Unit}}, nil
}

func (bs Bars) check() error {
	if len(bs.Categories) == 0 || len(bs.Series) == 0 {
		return fmt.Errorf("%d categories and %d series; want at least one of each", len(bs.Categories), len(bs.Series))
	}
	if err := bs.Value.check("value"); err != nil {
		return err
	}
	if bs.Value.Log != 0 && bs.Value.Log != 10 {
		return fmt.Errorf("the value axis has log base %d; want 0 (linear) or 10", bs.Value.Log)
	}
	for _, s := range bs.Series {
		if len(s.Bars) > len(bs.Categories) {
			return fmt.Errorf("series %q has %d bars for %d categories", s.Name, len(s.Bars), len(bs.Categories))
		}
		for c, b := range s.Bars {
			if b.Skip {
				continue
			}
			if !bs.Value.inRange(b.Value) {
				return fmt.Errorf("series %q, category %q has the value %v: want a finite number (positive on a log axis)", s.Name, bs.Categories[c], b.Value)
			}
			if b.hasInterval() && (b.Low > b.High || !bs.Value.inRange(b.Low)) {
				return fmt.Errorf("series %q, category %q has the interval [%v, %v]; want low ≤ high (positive on a log axis)", s.Name, bs.Categories[c], b.Low, b.High)
			}
		}
	}
	return nil
}

// barTip is a bar's tooltip, as HTML.
func (bs Bars) barTip(c int, b Bar) string {
	var t strings.Builder
	t.WriteString(html.EscapeString(strings.ReplaceAll(bs.Categories[c], "\n", " ")))
	t.WriteString(": <b>" + html.EscapeString(WithUnit(b.Value, bs.Value.Unit)) + "</b>")
	if b.hasInterval() {
		t.WriteString("<br/>" + html.EscapeString(fmt.Sprintf("95%% interval %s – %s", Number(b.Low), WithUnit(b.High, bs.Value.Unit))))
	}
	if b.Note != "" {
		t.WriteString("<br/>" + html.EscapeString(b.Note))
	}
	return t.String()
}

// barsData is a bar chart's table for parlab.barEnd and the tooltips (parlab.data).
type barsData struct {
	Labels map[string][]string `json:"labels"` // by the ends series' id: each category's label
	// Slots place each ends series' whiskers and labels on its own bar: its index among the Bars bar
	// series that ECharts lays side by side in a category (api.barLayout, with BarMaxWidth as the bars
	// have). An ends series without a slot (Overlay) is centred on the category.
	Slots       map[string]int `json:"slots"`
	Bars        int            `json:"bars"`
	BarMaxWidth string         `json:"barMaxWidth"`
	Horizontal  bool           `json:"horizontal"`
	Unit        string         `json:"unit"`
}
