package chart

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Plot is an x–y chart of measurements and models, in one panel or several side by side: series of
// measured points (a line through them, each point's 95% interval a whisker, its trials optional dots),
// curves (a model, a fit, a reference line) and marks (a labelled point, such as a peak).
//
// A point without an interval (Low and High both zero or NaN: too few trials, as after an interrupted
// sweep) is drawn hollow and without a whisker, and the legend says why; a noisy point is hollow with its
// whisker. Every axis must name its unit.
type Plot struct {
	Title string
	// Subtitle is drawn under the title in grey; "\n" starts a new line, long lines are wrapped.
	Subtitle string
	// Warnings are drawn in red under the subtitle: what the data cannot tell, a partial result.
	Warnings []string
	Panels   []Panel
	// Height in px; 0 fits the title, the legend and 340 px of plot.
	Height int
}

// Panel is one pair of axes and what is drawn on them.
type Panel struct {
	// Title is drawn above the panel; give one to each panel when there are several.
	Title  string
	X, Y   Axis
	Series []Series
	Curves []Curve
	Marks  []Mark
}

// Axis is a value axis. Its title is "Name (Unit)", with ", log scale" added for a logarithmic axis; a
// count whose unit is its name (Name "runs", Unit "runs") is titled by the name alone.
type Axis struct {
	// Name says what the axis shows: "workers N", "median time per run".
	Name string
	// Unit is required: "goroutines", "ms", "×", "%", "requests/s".
	Unit string
	// Log is 0 for a linear axis, or the base (2 or 10) of a logarithmic one.
	Log int
	// Min is where a linear axis starts (0 unless AutoMin); on a log axis Min ≤ 0 means automatic.
	Min float64
	// Max is where the axis ends; 0 means automatic.
	Max float64
	// AutoMin lets ECharts choose a linear axis' start (for values that may be negative).
	AutoMin bool
	// Integer puts ticks on whole numbers only (counts: workers, goroutines).
	Integer bool
}

// Series is a line through measured points.
type Series struct {
	Name string
	// Colour is a CSS colour; "" takes the palette's next one. Series and curves with the same name share
	// a colour across panels.
	Colour string
	// Dashed draws the line dashed; Width is its width in px (0 means 2).
	Dashed bool
	Width  float64
	Points []Point
}

// Point is one measurement.
type Point struct {
	X, Y float64
	// Low and High bound Y's 95% interval. Both zero (or either NaN) means there is none: the point is
	// drawn hollow, without a whisker.
	Low, High float64
	// Noisy marks a point whose interval is wide: drawn hollow, with its whisker.
	Noisy bool
	// Note is added to the point's tooltip, e.g. "10 trials".
	Note string
	// Samples, when given, are the trials behind the point, drawn as small dots beside it.
	Samples []float64
}

// HasInterval reports whether the point carries a 95% interval.
func (p Point) HasInterval() bool {
	return finite(p.Low) && finite(p.High) && !(p.Low == 0 && p.High == 0)
}

// LineStyle is how a curve is drawn.
type LineStyle int

const (
	Solid LineStyle = iota
	Dashed
	Dotted
)

func (s LineStyle) String() string {
	if s < Solid || s > Dotted {
		return fmt.Sprintf("LineStyle(%d)", int(s))
	}
	return [...]string{"solid", "dashed", "dotted"}[s]
}

// Curve is a line without measurements: a model, a fit, an ideal. Give Points, or a function F to sample
// from From to To (at every whole number when there are at most 128 of them, else at 128 even steps;
// non-finite values are left out).
type Curve struct {
	Name   string
	Colour string
	Style  LineStyle
	Width  float64 // px; 0 means 2
	Points []XY
	F      func(x float64) float64
	From   float64
	To     float64
	// ID names the series, for a Script that redraws it with chart.setOption({series: [{id, data}]}).
	// A curve with an ID is kept even when it has no points yet.
	ID string
	// Overflow lets the curve run off the top: the y axis is scaled to everything else (a reference
	// line that would squash the data).
	Overflow bool
}

// XY is a point of a curve.
type XY struct{ X, Y float64 }

// Mark is a labelled point, drawn as a diamond.
type Mark struct {
	Name   string // legend entry
	X, Y   float64
	Label  string // drawn above the mark
	Colour string
}

// Legend entries that explain hollow points.
const (
	legendNoInterval = "hollow, no whisker: too few trials for an interval"
	legendNoisy      = "hollow with whisker: noisy (wide interval)"
	legendOffScale   = "trial above the axis (drawn at its top edge)"
)

const (
	plotHeight  = 340 // px of plot area
	titleLine   = 16  // px per subtitle line
	legendWidth = 850 // px a legend row can use
)

// samples sample the curve.
func (c Curve) samples() []XY {
	if c.F == nil {
		return c.Points
	}
	a, b := c.From, c.To
	var xs []float64
	if b-a <= 128 {
		xs = append(xs, a)
		for n := math.Floor(a) + 1; n < b; n++ {
			xs = append(xs, n)
		}
		if b > a {
			xs = append(xs, b)
		}
	} else {
		for i := 0; i <= 128; i++ {
			xs = append(xs, a+(b-a)*float64(i)/128)
		}
	}
	out := make([]XY, 0, len(xs))
	for _, x := range xs {
		if y := c.F(x); finite(y) {
			out = append(out, XY{x, y})
		}
	}
	return out
}

// title is "Name (Unit)", or Name alone when the unit is the name (a count of runs: "runs"), with ",
// log scale" for a logarithmic axis.
func (a Axis) title() string {
	if strings.EqualFold(a.Name, a.Unit) {
		if a.Log > 0 {
			return a.Name + " (log scale)"
		}
		return a.Name
	}
	t := a.Name + " (" + a.Unit
	if a.Log > 0 {
		t += ", log scale"
	}
	return t + ")"
}

func (a Axis) check(which string) error {
	switch {
	case strings.TrimSpace(a.Name) == "":
		return fmt.Errorf("the %s axis has no name: say what it shows", which)
	case strings.TrimSpace(a.Unit) == "":
		return fmt.Errorf("the %s axis %q has no unit: say what it counts or measures", which, a.Name)
	case a.Log != 0 && a.Log != 2 && a.Log != 10:
		return fmt.Errorf("the %s axis %q has log base %d; want 0 (linear), 2 or 10", which, a.Name, a.Log)
	case !finite(a.Min) || !finite(a.Max):
		return fmt.Errorf("the %s axis %q has a bound that is not a finite number", which, a.Name)
	}
	return nil
}

// inRange reports whether v can be drawn on the axis.
func (a Axis) inRange(v float64) bool { return finite(v) && (a.Log == 0 || v > 0) }

// Figure builds the plot with go-echarts.
func (p Plot) Figure() (Figure, error) {
	if len(p.Panels) == 0 {
		return Figure{}, fmt.Errorf("chart: plot %q has no panels: nothing to draw", p.Title)
	}
	if len(p.Panels) > 4 {
		return Figure{}, fmt.Errorf("chart: plot %q has %d panels; at most 4 fit side by side", p.Title, len(p.Panels))
	}
	for i, pn := range p.Panels {
		if err := pn.check(); err != nil {
			return Figure{}, fmt.Errorf("chart: plot %q, panel %d: %w", p.Title, i+1, err)
		}
	}
	b := newPlotBuilder(p)
	return b.build()
}

func (pn Panel) check() error {
	if err := pn.X.check("x"); err != nil {
		return err
	}
	if err := pn.Y.check("y"); err != nil {
		return err
	}
	for _, s := range pn.Series {
		for i, pt := range s.Points {
			if !pn.X.inRange(pt.X) || !pn.Y.inRange(pt.Y) {
				return fmt.Errorf("series %q, point %d is (%v, %v): want finite numbers (positive on a log axis)", s.Name, i+1, pt.X, pt.Y)
			}
			if pt.HasInterval() && (pt.Low > pt.High || !pn.Y.inRange(pt.Low)) {
				return fmt.Errorf("series %q, point %d has the interval [%v, %v]; want low ≤ high (positive on a log axis)", s.Name, i+1, pt.Low, pt.High)
			}
		}
	}
	for _, c := range pn.Curves {
		if c.Style < Solid || c.Style > Dotted {
			return fmt.Errorf("curve %q has Style %d; want chart.Solid (0), chart.Dashed (1) or chart.Dotted (2)", c.Name, int(c.Style))
		}
		if c.F == nil && len(c.Points) == 0 {
			continue // an empty curve is left out, unless a Script fills it (see ID)
		}
		if c.F != nil && !(finite(c.From) && finite(c.To) && c.From < c.To) {
			return fmt.Errorf("curve %q is sampled from %v to %v; want finite numbers with From < To", c.Name, c.From, c.To)
		}
	}
	for _, m := range pn.Marks {
		if !pn.X.inRange(m.X) || !pn.Y.inRange(m.Y) {
			return fmt.Errorf("mark %q is at (%v, %v): want finite numbers (positive on a log axis)", m.Name, m.X, m.Y)
		}
	}
	return nil
}

// plotBuilder holds the go-echarts charts that become one figure: lines first (curves, then measured
// series), whiskers and trials on a custom chart, marks and legend-only entries on a scatter chart; the
// custom and scatter charts are overlapped onto the line chart at the end (go-echarts' Overlap).
type plotBuilder struct {
	p       Plot
	line    *charts.Line
	custom  *charts.Custom
	scatter *charts.Scatter
	ext     *extras
	colours map[string]string // by series or curve name
	auto    int               // colours taken from the palette so far
	legend  [3][]string       // measured series, curves, marks: the legend lists them in that order
	units   [][2]string       // per series index of the final chart: x and y unit for tooltips
	cUnits  [][2]string       // the same for the custom chart's series
	sUnits  [][2]string       // and the scatter chart's
	hollow  struct{ none, noisy bool }
	// offScale: some trial lies above its y axis' end, drawn as a triangle at the top edge.
	offScale bool
	curves   bool // an axis tooltip lists every line at the pointer's x
	nextID   int
}

func newPlotBuilder(p Plot) *plotBuilder {
	b := &plotBuilder{p: p, line: charts.NewLine(), custom: charts.NewCustom(), scatter: charts.NewScatter(),
		colours: map[string]string{}}
	b.ext = withExtras(b.line)
	return b
}

func (b *plotBuilder) colour(name, asked string) string {
	if asked != "" {
		if _, ok := b.colours[name]; !ok {
			b.colours[name] = asked
		}
		return asked
	}
	if c, ok := b.colours[name]; ok {
		return c
	}
	c := palette[b.auto%len(palette)]
	b.auto++
	b.colours[name] = c
	return c
}

// Legend groups, in the order the legend lists them.
const (
	groupSeries = iota
	groupCurve
	groupMark
)

// addLegend adds name to the legend group, once.
func (b *plotBuilder) addLegend(group int, name string) {
	for _, g := range b.legend {
		if slices.Contains(g, name) {
			return
		}
	}
	b.legend[group] = append(b.legend[group], name)
}

// id names an internal series (whiskers, trials); the leading "_" keeps it apart from a Curve's ID.
func (b *plotBuilder) id() string {
	b.nextID++
	return fmt.Sprintf("_s%d", b.nextID)
}

func (b *plotBuilder) build() (Figure, error) {
	p := b.p
	for _, pn := range p.Panels {
		for _, c := range pn.Curves {
			b.curves = b.curves || c.F != nil || len(c.Points) > 0
		}
	}
	// Layout from the top: title, subtitle lines, warnings, panel titles, the plots, the x axis names,
	// the legend.
	sub := wrap(p.Subtitle, 120)
	var warn []string
	for _, w := range p.Warnings {
		warn = append(warn, wrap("⚠ "+w, 120)...)
	}
	top := 36 + titleLine*len(sub)
	if len(warn) > 0 {
		b.ext.titles = append(b.ext.titles, opts.Title{Title: strings.Join(warn, "\n"), Left: "center", Top: px(top),
			TitleStyle: &opts.TextStyle{Color: "#c0392b", FontSize: 12, FontWeight: "bold", LineHeight: titleLine}})
		top += titleLine*len(warn) + 4
	}
	if len(p.Panels) > 1 {
		top += 24
	}
	top += 20
	n := len(p.Panels)
	for i, pn := range p.Panels {
		if err := b.panel(i, pn); err != nil {
			return Figure{}, fmt.Errorf("chart: plot %q: %w", p.Title, err)
		}
		left, right := "80", "40"
		if n > 1 {
			left, right = pct(100*float64(i)/float64(n)+8.5), pct(100*float64(n-1-i)/float64(n)+2.5)
		}
		if n > 1 && pn.Title != "" {
			b.ext.titles = append(b.ext.titles, opts.Title{Title: pn.Title, Left: pct(100 * (float64(i) + 0.5) / float64(n)),
				Top: px(top - 50), TextAlign: "center", TitleStyle: &opts.TextStyle{FontSize: 13}})
		}
		b.line.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: left, Right: right, Top: px(top), Height: px(plotHeight)}))
	}
	if b.hollow.none {
		b.scatter.AddSeries(legendNoInterval, []opts.ScatterData{}, b.legendOnly())
		b.sUnits = append(b.sUnits, [2]string{})
		b.addLegend(groupMark, legendNoInterval)
	}
	if b.offScale {
		b.scatter.AddSeries(legendOffScale, []opts.ScatterData{}, func(s *charts.SingleSeries) {
			charts.WithScatterChartOpts(opts.ScatterChart{Symbol: "triangle", SymbolSize: 8})(s)
			charts.WithItemStyleOpts(opts.ItemStyle{Color: "#777"})(s)
		})
		b.sUnits = append(b.sUnits, [2]string{})
		b.addLegend(groupMark, legendOffScale)
	}
	if b.hollow.noisy {
		b.scatter.AddSeries(legendNoisy, []opts.ScatterData{}, b.legendOnly())
		b.sUnits = append(b.sUnits, [2]string{})
		b.addLegend(groupMark, legendNoisy)
	}
	// The legend wraps on a ~900 px output: leave a row of space for each of its rows.
	legendNames := slices.Concat(b.legend[groupSeries], b.legend[groupCurve], b.legend[groupMark])
	width := 0
	for _, name := range legendNames {
		width += 7*len([]rune(name)) + 45
	}
	rows := 1 + width/legendWidth
	legend := opts.Legend{Show: opts.Bool(len(legendNames) > 1), Bottom: "0", Data: legendNames}
	if rows > 3 {
		legend.Type, rows = "scroll", 1
	}
	bottom := 64 + 24*rows
	height := p.Height
	if height == 0 {
		height = top + plotHeight + bottom
	}
	tooltip := opts.Tooltip{Trigger: "item", Formatter: fn("parlab.tip.item")}
	if b.curves {
		tooltip = opts.Tooltip{Trigger: "axis", Formatter: fn("parlab.tip.axis"), AxisPointer: &opts.AxisPointer{Type: "line"}}
	}
	b.ext.confine = true
	b.line.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: p.Title, Subtitle: strings.Join(sub, "\n"), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#555", FontSize: 12, LineHeight: titleLine}}),
		charts.WithTooltipOpts(tooltip),
		charts.WithLegendOpts(legend),
	)
	b.line.Overlap(b.custom, b.scatter)
	units := append(append(b.units, b.cUnits...), b.sUnits...)
	return Figure{Title: p.Title, Height: height, Chart: b.line,
		data: plotData{Units: units}}, nil
}

// legendOnly are the options of a series without data that only explains a symbol in the legend.
func (b *plotBuilder) legendOnly() charts.SeriesOpts {
	return func(s *charts.SingleSeries) {
		charts.WithScatterChartOpts(opts.ScatterChart{Symbol: "emptyCircle", SymbolSize: 8})(s)
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#777"})(s)
	}
}

func (b *plotBuilder) yNameGap() int {
	if len(b.p.Panels) > 1 {
		return 48
	}
	return 55
}

// axes adds panel i's axes: go-echarts starts every chart with one x and one y axis, which panel 0 uses.
func (b *plotBuilder) axes(i int, pn Panel) {
	x := opts.XAxis{Type: "value", Name: pn.X.title(), NameLocation: "middle", NameGap: 30, GridIndex: i,
		AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}
	y := opts.YAxis{Type: "value", Name: pn.Y.title(), NameLocation: "middle", NameGap: b.yNameGap(), GridIndex: i,
		AxisLabel: &opts.AxisLabel{HideOverlap: opts.Bool(true)}}
	if pn.X.Log > 0 {
		x.Type = "log"
		b.ext.xLog[i] = pn.X.Log
	}
	if pn.Y.Log > 0 {
		y.Type = "log"
		b.ext.yLog[i] = pn.Y.Log
	}
	x.Min, x.Max = b.bounds(pn.X)
	y.Min, y.Max = b.bounds(pn.Y)
	if pn.X.Integer && pn.X.Log == 0 {
		x.MinInterval = 1
		if iv, ok := tickInterval(pn.X.Max); ok {
			x.MinInterval, x.MaxInterval = iv, iv // go-echarts has no interval; both bounds fix it
		}
	}
	if pn.Y.Integer && pn.Y.Log == 0 {
		y.MinInterval = 1
		if iv, ok := tickInterval(pn.Y.Max); ok {
			y.MinInterval, y.MaxInterval = iv, iv
		}
	}
	if pn.Y.Max == 0 && pn.Y.Log == 0 {
		if top, ok := scaledTop(pn); ok {
			y.Max = Nice(1.15 * top)
			b.offScale = b.offScale || offScale(pn, y.Max.(float64))
		}
	}
	if i == 0 {
		b.line.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		return
	}
	b.line.ExtendXAxis(x)
	b.line.ExtendYAxis(y)
}

// bounds returns go-echarts' min and max for an axis: nil lets ECharts choose.
func (b *plotBuilder) bounds(a Axis) (lo, hi any) {
	if a.Log > 0 {
		if a.Min > 0 {
			lo = a.Min
		}
	} else if !a.AutoMin {
		lo = a.Min // a float64 0 in an interface{} is kept: omitempty leaves out only nil
	}
	if a.Max != 0 {
		hi = a.Max
	}
	return lo, hi
}

// scaledTop returns where a linear y axis should end when something would otherwise squash the data: a
// curve marked Overflow, or trials far above every median and interval (one slow trial at load 12 can be
// ten times the rest). It is the largest y of everything else; ok is false when nothing needs a cap.
func scaledTop(pn Panel) (top float64, ok bool) {
	needCap := false
	for _, c := range pn.Curves {
		needCap = needCap || c.Overflow
	}
	for _, s := range pn.Series {
		for _, pt := range s.Points {
			top = math.Max(top, pt.Y)
			if pt.HasInterval() {
				top = math.Max(top, pt.High)
			}
		}
	}
	for _, c := range pn.Curves {
		if c.Overflow {
			continue
		}
		for _, q := range c.samples() {
			top = math.Max(top, q.Y)
		}
	}
	for _, m := range pn.Marks {
		top = math.Max(top, m.Y)
	}
	for _, s := range pn.Series {
		for _, pt := range s.Points {
			for _, v := range pt.Samples {
				needCap = needCap || v > trialCap*top
			}
		}
	}
	return top, needCap && top > 0
}

// trialCap is how far above the medians and intervals a trial may lie before the y axis stops following
// it: those trials are marked by a triangle at the top edge instead.
const trialCap = 1.5

func (b *plotBuilder) panel(i int, pn Panel) error {
	b.axes(i, pn)
	units := [2]string{pn.X.Unit, pn.Y.Unit}
	// Curves first, so measured lines are drawn over them.
	for _, c := range pn.Curves {
		pts := c.samples()
		if len(pts) == 0 && c.ID == "" {
			continue // nothing to draw, and no script will draw it later
		}
		data := make([]opts.LineData, len(pts))
		for k, q := range pts {
			data[k] = opts.LineData{Value: [2]float64{round6(q.X), round6(q.Y)}}
		}
		colour := b.colour(c.Name, c.Colour)
		width := c.Width
		if width == 0 {
			width = 2
		}
		so := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Symbol: "none", ShowSymbol: opts.Bool(false)}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: c.Style.String(), Width: float32(width), Color: colour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
		}
		if c.ID != "" {
			so = append(so, charts.WithSeriesId(c.ID))
		}
		b.line.AddSeries(c.Name, data, so...)
		b.units = append(b.units, units)
		b.addLegend(groupCurve, c.Name)
	}
	for k, s := range pn.Series {
		if len(s.Points) == 0 {
			continue
		}
		colour := b.colour(s.Name, s.Colour)
		dx := 0.0
		if len(pn.Series) > 1 {
			dx = 6 * (float64(k) - float64(len(pn.Series)-1)/2)
		}
		data := make([]opts.LineData, len(s.Points))
		var whiskers, trials []opts.CustomData
		for j, pt := range s.Points {
			d := opts.LineData{Name: pointTip(pn, pt), Value: [2]float64{round6(pt.X), round6(pt.Y)}}
			switch {
			case !pt.HasInterval():
				d.Symbol = "emptyCircle"
				b.hollow.none = true
			case pt.Noisy:
				d.Symbol = "emptyCircle"
				b.hollow.noisy = true
			}
			if pt.HasInterval() {
				whiskers = append(whiskers, opts.CustomData{Value: [4]float64{round6(pt.X), round6(pt.Low), round6(pt.High), dx}})
			}
			for _, v := range pt.Samples {
				if pn.Y.inRange(v) {
					trials = append(trials, opts.CustomData{Value: [3]float64{round6(pt.X), round6(v), dx + 6}})
				}
			}
			data[j] = d
		}
		style := "solid"
		if s.Dashed {
			style = "dashed"
		}
		width := s.Width
		if width == 0 {
			width = 2
		}
		b.line.AddSeries(s.Name, data,
			charts.WithLineChartOpts(opts.LineChart{XAxisIndex: i, YAxisIndex: i, Symbol: "circle", SymbolSize: 7}),
			charts.WithLineStyleOpts(opts.LineStyle{Type: style, Width: float32(width), Color: colour}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
		b.units = append(b.units, units)
		b.addLegend(groupSeries, s.Name)
		for _, c := range []struct {
			data   []opts.CustomData
			render string
		}{{whiskers, "parlab.whisker"}, {trials, "parlab.strip"}} {
			if len(c.data) == 0 {
				continue
			}
			id := b.id()
			b.custom.AddSeries(s.Name, c.data,
				charts.WithCustomChartOpts(opts.CustomChart{XAxisIndex: i, YAxisIndex: i, RenderItem: fn(c.render)}),
				charts.WithEncodeOpts(opts.Encode{X: 0, Y: []int{1, 2}}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
				charts.WithSeriesId(id))
			b.ext.series[id] = seriesExtra{Silent: true}
			b.cUnits = append(b.cUnits, units)
		}
	}
	for _, m := range pn.Marks {
		colour := b.colour(m.Name, m.Colour)
		b.scatter.AddSeries(m.Name, []opts.ScatterData{{Value: [2]float64{round6(m.X), round6(m.Y)},
			Name: html.EscapeString(m.Label)}},
			charts.WithScatterChartOpts(opts.ScatterChart{XAxisIndex: i, YAxisIndex: i, Symbol: "diamond", SymbolSize: 14}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Color: "#333", FontSize: 12,
				Formatter: types.FuncStr(labelText(m.Label))}))
		b.sUnits = append(b.sUnits, units)
		b.addLegend(groupMark, m.Name)
	}
	return nil
}

// labelText keeps a label from being read as an ECharts label template ({a}, {b}, {c}) or rich text.
func labelText(s string) string {
	return strings.NewReplacer("{", "(", "}", ")").Replace(s)
}

// pointTip is a measured point's tooltip, as HTML: value and unit, the interval (or why there is none),
// the note, and whether it is noisy.
func pointTip(pn Panel, pt Point) string {
	var b strings.Builder
	b.WriteString(html.EscapeString(WithUnit(pt.X, pn.X.Unit)))
	b.WriteString(": <b>")
	b.WriteString(html.EscapeString(WithUnit(pt.Y, pn.Y.Unit)))
	b.WriteString("</b><br/>")
	if pt.HasInterval() {
		b.WriteString(html.EscapeString(fmt.Sprintf("95%% interval %s – %s", Number(pt.Low), WithUnit(pt.High, pn.Y.Unit))))
	} else {
		b.WriteString("too few trials for an interval")
	}
	if pt.Note != "" {
		b.WriteString("<br/>" + html.EscapeString(pt.Note))
	}
	if pt.Noisy && pt.HasInterval() {
		b.WriteString("<br/><b>noisy</b>: wide interval")
	}
	return b.String()
}

// plotData is a plot's table for its tooltips (parlab.data): each series' x and y units, by series index.
type plotData struct {
	Units [][2]string `json:"units"`
}

// offScale reports whether a trial of the panel lies above top.
func offScale(pn Panel, top float64) bool {
	for _, s := range pn.Series {
		for _, pt := range s.Points {
			for _, v := range pt.Samples {
				if v > top {
					return true
				}
			}
		}
	}
	return false
}
