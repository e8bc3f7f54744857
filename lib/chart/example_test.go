package chart_test

import (
	"fmt"
	"math"
	"time"

	"github.com/parlab/parlab/lib/chart"
)

// A plot of measurements with their 95% intervals and a model curve. The third point has no interval
// (too few trials): it is drawn hollow, without a whisker. In a notebook: chart.Show(p.Figure()).
func ExamplePlot() {
	p := chart.Plot{
		Title: "Speedup vs workers",
		Panels: []chart.Panel{{
			X: chart.Axis{Name: "workers", Unit: "goroutines", Integer: true, Max: 4},
			Y: chart.Axis{Name: "speedup", Unit: "×"},
			Series: []chart.Series{{Name: "measured", Points: []chart.Point{
				{X: 1, Y: 1, Low: 0.98, High: 1.02},
				{X: 2, Y: 1.9, Low: 1.85, High: 1.95},
				{X: 4, Y: 2.0},
			}}},
			Curves: []chart.Curve{{Name: "Amdahl s = 0.05", Style: chart.Dotted,
				F: func(n float64) float64 { return 1 / (0.05 + 0.95/n) }, From: 1, To: 4}},
		}},
	}
	fig, err := p.Figure()
	fmt.Println(fig.Title, err)
	// Output: Speedup vs workers <nil>
}

// Every axis names its unit.
func ExamplePlot_noUnit() {
	_, err := chart.Plot{Title: "t", Panels: []chart.Panel{{
		X: chart.Axis{Name: "workers", Unit: "goroutines"},
		Y: chart.Axis{Name: "time"},
	}}}.Figure()
	fmt.Println(err)
	// Output: chart: plot "t", panel 1: the y axis "time" has no unit: say what it counts or measures
}

func ExampleBars() {
	fig, err := chart.Bars{
		Title:      "Median time",
		Categories: []string{"serial", "2 goroutines"},
		Value:      chart.Axis{Name: "median time", Unit: "ms"},
		Series: []chart.BarSeries{{Name: "median", Bars: []chart.Bar{
			{Value: 3.1, Low: 3.0, High: 3.3, Label: "3.1 ms"},
			{Value: 1.6, Low: 1.5, High: 1.7, Label: "1.6 ms — 1.9× faster"},
		}}},
		Horizontal: true,
	}.Figure()
	fmt.Println(fig.Title, err)
	// Output: Median time <nil>
}

func ExampleGantt() {
	ms := time.Millisecond
	fig, err := chart.Gantt{
		Title: "Two tasks on one core",
		Kinds: []chart.GanttKind{{Name: "running", Fill: chart.FillSolid, Colour: "#5470c6"}},
		Panels: []chart.GanttPanel{{
			RowAxis: "core · % of time busy",
			Rows:    []string{"core 0 · 100%"},
			Tasks:   []chart.GanttTask{{Name: "a"}, {Name: "b"}},
			Bars: []chart.GanttBar{
				{Row: 0, Start: 0, End: 2 * ms, Task: 0, Place: -1},
				{Row: 0, Start: 2 * ms, End: 3 * ms, Task: 1, Place: -1},
			},
		}},
	}.Figure()
	fmt.Println(fig.Title, err)
	// Output: Two tasks on one core <nil>
}

func ExampleWithUnit() {
	fmt.Println(chart.WithUnit(1.9, "×"), chart.WithUnit(1, "goroutines"), chart.WithUnit(12.34, "ms"), chart.WithUnit(math.Inf(1), "×"))
	// Output: 1.9× 1 goroutine 12.3 ms ∞×
}
