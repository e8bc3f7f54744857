package chart

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/render"
)

// DefaultHeight is the height of a figure whose Height is zero, in CSS pixels. Figures are as wide as the
// notebook's output area.
const DefaultHeight = 400

// Figure is a chart ready to display.
type Figure struct {
	// Title names the chart in the text shown where scripts cannot run.
	Title string
	// Option is the ECharts option: a JavaScript object literal, which may contain functions
	// (renderItem, formatters). It must not be empty.
	Option string
	// Height in CSS pixels; zero means DefaultHeight.
	Height int
	// Controls is optional HTML placed above the chart (sliders, buttons). Element ids in it should be
	// built with the figure's id: the placeholder {{id}} is replaced by a unique id for each display.
	Controls string
	// Script is optional JavaScript run once the chart is drawn. It sees chart (the ECharts instance),
	// option (the option object), root (the figure's outer element) and id (the unique id that
	// replaced {{id}} in Controls).
	Script string
}

// Renderer is what go-echarts charts (charts.Line, charts.Bar, charts.Custom, …) implement.
type Renderer interface {
	RenderSnippet() render.ChartSnippet
}

var heightRE = regexp.MustCompile(`height:\s*(\d+)px`)

// FromECharts converts a go-echarts chart into a Figure, keeping its option and its height (when given in
// px). go-echarts panics on template errors; FromECharts returns them as errors instead.
func FromECharts(c Renderer) (fig Figure, err error) {
	if c == nil {
		return Figure{}, errors.New("chart: FromECharts was given a nil chart")
	}
	defer func() {
		if r := recover(); r != nil {
			fig, err = Figure{}, fmt.Errorf("chart: go-echarts could not render the chart: %v", r)
		}
	}()
	s := c.RenderSnippet()
	fig.Option = s.Option
	if m := heightRE.FindStringSubmatch(s.Element); m != nil {
		fig.Height, _ = strconv.Atoi(m[1])
	}
	return fig, fig.validate()
}

func (f Figure) validate() error {
	if len(f.Option) == 0 {
		return fmt.Errorf("chart: figure %q has an empty option: there is nothing to draw", f.Title)
	}
	if f.Height < 0 {
		return fmt.Errorf("chart: figure %q has height %d px; want 0 (default %d) or more", f.Title, f.Height, DefaultHeight)
	}
	return nil
}

func (f Figure) height() int {
	if f.Height == 0 {
		return DefaultHeight
	}
	return f.Height
}

// figureOf turns what Show and HTML accept into a Figure.
func figureOf(c any) (Figure, error) {
	switch v := c.(type) {
	case Figure:
		return v, v.validate()
	case *Figure:
		if v == nil {
			return Figure{}, errors.New("chart: nil *Figure")
		}
		return *v, v.validate()
	case Renderer:
		return FromECharts(v)
	case nil:
		return Figure{}, errors.New("chart: nothing to show (nil)")
	default:
		return Figure{}, fmt.Errorf("chart: cannot show a %T: want a chart.Figure or a go-echarts chart", c)
	}
}
