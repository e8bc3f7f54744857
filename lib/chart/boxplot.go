package chart

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// BoxPlot shows the spread of samples in each category: a box from the first to the third quartile with
// the median across it, whiskers to the furthest samples within 1.5 box lengths, and the samples beyond
// them as dots. Several groups (series) sit side by side in each category.
type BoxPlot struct {
	Title    string
	Subtitle string   // grey, under the title; "\n" starts a new line
	Warnings []string // red, under the subtitle
	// Categories name the slots along the category axis; CategoryAxis says what they are, with a unit.
	Categories   []string
	CategoryAxis Axis
	// Value is the value axis; its Unit is required.
	Value  Axis
	Groups []BoxGroup
	// Height in px; 0: 340 px of plot and room for the titles and legend.
	Height int
}

// BoxGroup is one series of boxes: Samples[c] are the samples of category c (none: no box there).
type BoxGroup struct {
	Name    string
	Colour  string // "": the palette, by position
	Samples [][]float64
}

// Figure builds the box plot with go-echarts.
func (b BoxPlot) Figure() (Figure, error) {
	if err := b.check(); err != nil {
		return Figure{}, fmt.Errorf("chart: box plot %q: %w", b.Title, err)
	}
	bp := charts.NewBoxPlot()
	ext := withExtras(bp)
	outliers := charts.NewScatter()
	var legend []string
	for i, g := range b.Groups {
		colour := g.Colour
		if colour == "" {
			colour = palette[i%len(palette)]
		}
		data := make([]opts.BoxPlotData, len(b.Categories))
		var out []opts.ScatterData
		for c := range b.Categories {
			var xs []float64
			if c < len(g.Samples) {
				xs = slices.Clone(g.Samples[c])
			}
			if len(xs) == 0 {
				data[c] = opts.BoxPlotData{Value: "-"}
				continue
			}
			slices.Sort(xs)
			q1, med, q3 := quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75)
			lo, hi := q1-1.5*(q3-q1), q3+1.5*(q3-q1)
			wLo, wHi := med, med
			for _, x := range xs {
				if x >= lo && x <= hi {
					wLo, wHi = math.Min(wLo, x), math.Max(wHi, x)
				} else {
					out = append(out, opts.ScatterData{Value: [2]any{c, round6(x)},
						Name: html.EscapeString(fmt.Sprintf("%s: %s, beyond the whisker", b.Categories[c], WithUnit(x, b.Value.Unit)))})
				}
			}
			tip := html.EscapeString(b.Categories[c]) + ": median <b>" + html.EscapeString(WithUnit(med, b.Value.Unit)) + "</b><br/>" +
				html.EscapeString(fmt.Sprintf("quartiles %s – %s, %d samples from %s to %s", Number(q1), WithUnit(q3, b.Value.Unit),
					len(xs), Number(xs[0]), WithUnit(xs[len(xs)-1], b.Value.Unit)))
			data[c] = opts.BoxPlotData{Name: tip, Value: [5]float64{round6(wLo), round6(q1), round6(med), round6(q3), round6(wHi)}}
		}
		bp.AddSeries(g.Name, data, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#fff", BorderColor: colour, BorderWidth: 1.5}))
		legend = append(legend, g.Name)
		if len(out) > 0 {
			outliers.AddSeries(g.Name, out, charts.WithScatterChartOpts(opts.ScatterChart{SymbolSize: 5}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colour}))
		}
	}
	sub := wrap(b.Subtitle, 120)
	top := 40 + titleLine*len(sub)
	var warn []string
	for _, w := range b.Warnings {
		warn = append(warn, wrap("⚠ "+w, 120)...)
	}
	if len(warn) > 0 {
		ext.titles = append(ext.titles, opts.Title{Title: strings.Join(warn, "\n"), Left: "center", Top: px(top - 4),
			TitleStyle: &opts.TextStyle{Color: "#c0392b", FontSize: 12, FontWeight: "bold", LineHeight: titleLine}})
		top += titleLine * len(warn)
	}
	top += 14
	bottom := 64
	if len(legend) > 1 {
		bottom += 24
	}
	height := b.Height
	if height == 0 {
		height = top + plotHeight + bottom
	}
	var lo any = b.Value.Min
	if b.Value.AutoMin {
		lo = nil
	}
	var hi any
	if b.Value.Max > 0 {
		hi = b.Value.Max
	}
	ext.confine = true
	bp.SetXAxis(b.Categories)
	bp.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: b.Title, Subtitle: strings.Join(sub, "\n"), Left: "center",
			SubtitleStyle: &opts.TextStyle{Color: "#555", FontSize: 12, LineHeight: titleLine}}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fn("parlab.tip.item")}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(legend) > 1), Bottom: "0", Data: legend}),
		charts.WithGridOpts(opts.Grid{Left: "80", Right: "40", Top: px(top), Bottom: px(bottom)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Name: b.CategoryAxis.title(), NameLocation: "middle", NameGap: 30}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: b.Value.title(), NameLocation: "middle", NameGap: 55, Min: lo, Max: hi}),
	)
	bp.Overlap(outliers)
	return Figure{Title: b.Title, Height: height, Chart: bp}, nil
}

// quantile is the q-quantile of sorted xs, interpolated linearly between order statistics (type 7, as
// R and NumPy default to).
func quantile(xs []float64, q float64) float64 {
	h := q * float64(len(xs)-1)
	i := int(math.Floor(h))
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-float64(i))*(xs[i+1]-xs[i])
}

func (b BoxPlot) check() error {
	if err := b.CategoryAxis.check("category"); err != nil {
		return err
	}
	if err := b.Value.check("value"); err != nil {
		return err
	}
	if b.Value.Log != 0 {
		return fmt.Errorf("the value axis is logarithmic; a box plot's quartiles want a linear one")
	}
	if len(b.Categories) == 0 || len(b.Groups) == 0 {
		return fmt.Errorf("%d categories and %d groups; want at least one of each", len(b.Categories), len(b.Groups))
	}
	for _, g := range b.Groups {
		if len(g.Samples) > len(b.Categories) {
			return fmt.Errorf("group %q has samples for %d categories; there are %d", g.Name, len(g.Samples), len(b.Categories))
		}
		for c, xs := range g.Samples {
			for _, x := range xs {
				if !finite(x) {
					return fmt.Errorf("group %q, category %q has the sample %v; want finite numbers", g.Name, b.Categories[c], x)
				}
			}
		}
	}
	return nil
}
