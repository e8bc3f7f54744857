package chart

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// defaultHeight is the height of a figure whose Height is zero and whose chart names none, in CSS pixels.
// Figures are as wide as the notebook's output area (at most 960 px).
const defaultHeight = 400

// Chart is what every go-echarts chart implements (*charts.Line, *charts.Bar, *charts.Custom,
// *charts.HeatMap, …): Show, HTML and WritePage accept one directly.
type Chart interface {
	Validate()
	JSON() map[string]any
}

// Figure is a chart ready to display: a go-echarts chart and what parlab adds around it. The builders of
// this package (Plot.Figure, Bars.Figure, Gantt.Figure, …) return one; so do the topic adapters in
// package figure. A Figure whose Chart is nil is not valid.
type Figure struct {
	// Title names the chart in the line shown where scripts cannot run; a go-echarts chart given to
	// Show directly is named by its own title (opts.Title.Title).
	Title string
	// Height in CSS pixels; zero means 400. A go-echarts chart shown directly keeps its own height
	// (opts.Initialization.Height, when given in px).
	Height int
	// Chart is the go-echarts chart. A learner may change it before showing it (a title, a colour).
	Chart Chart
	// Sliders are range inputs drawn above the chart; Script reacts to them.
	Sliders []Slider
	// Script, when its Code is not empty, runs once the chart is drawn.
	Script Script

	data any // the helpers' tables, as JSON: parlab.data in the page
}

// Slider is a range input above a chart. Its element id is the figure's id, "-" and Name, so a Script
// finds it with slider(Name).
type Slider struct {
	Name                  string // letters and digits, unique within the figure
	Label                 string // what it sets, e.g. "serial fraction s"
	Min, Max, Step, Value float64
}

// Script is JavaScript run once a figure is drawn, usually an embedded .js file. It runs inside a
// function that gives it:
//
//	chart     the ECharts instance (chart.setOption redraws series by id)
//	root      the figure's outer element
//	slider    slider(name) returns the input element of the Slider with that Name
//	output    output(name) returns an element below the sliders for a live readout (created on first use)
//	params    Params, as JSON
//
// Params must encode as JSON (no NaN or ±Inf).
type Script struct {
	Code   string
	Params any
}

func (f Figure) validate() error {
	if f.Chart == nil {
		return fmt.Errorf("chart: figure %q has no chart: there is nothing to draw", f.Title)
	}
	if f.Height < 0 {
		return fmt.Errorf("chart: figure %q has height %d px; want 0 (automatic) or more", f.Title, f.Height)
	}
	seen := map[string]bool{}
	for _, s := range f.Sliders {
		if s.Name == "" || strings.IndexFunc(s.Name, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) >= 0 {
			return fmt.Errorf("chart: figure %q has a slider named %q; want letters and digits only", f.Title, s.Name)
		}
		if seen[s.Name] {
			return fmt.Errorf("chart: figure %q has two sliders named %q", f.Title, s.Name)
		}
		seen[s.Name] = true
		for _, v := range []float64{s.Min, s.Max, s.Step, s.Value} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("chart: slider %q of figure %q has a bound that is not a finite number", s.Name, f.Title)
			}
		}
		if !(s.Min < s.Max) || !(s.Step > 0) || s.Value < s.Min || s.Value > s.Max {
			return fmt.Errorf("chart: slider %q of figure %q: want Min < Max, Step > 0 and Min ≤ Value ≤ Max; got %v, %v, %v, %v",
				s.Name, f.Title, s.Min, s.Max, s.Step, s.Value)
		}
	}
	return nil
}

// height is the figure's height in px: its own or the default.
func (f Figure) height() int {
	if f.Height > 0 {
		return f.Height
	}
	return defaultHeight
}

// figureOf turns what Show, HTML and WritePage accept into a Figure.
func figureOf(c any) (Figure, error) {
	switch v := c.(type) {
	case Figure:
		return v, v.validate()
	case *Figure:
		if v == nil {
			return Figure{}, errors.New("chart: nil *Figure")
		}
		return *v, v.validate()
	case nil:
		return Figure{}, errors.New("chart: nothing to show (nil)")
	case Chart:
		fig := Figure{Chart: v, Title: goEChartsTitle(v)}
		if h := goEChartsHeight(v); h > 0 {
			fig.Height = h
		}
		return fig, fig.validate()
	default:
		return Figure{}, fmt.Errorf("chart: cannot show a %T: want a chart.Figure, a chart.Picture or a go-echarts chart", c)
	}
}
