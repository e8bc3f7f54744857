package figure_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/figure"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/workload"
)

// The three charts of a sweep. In a notebook: chart.Show(figure.Speedup(res)).
func ExampleSpeedup() {
	task, _ := workload.SumSquares(1_000_000)
	res, err := bench.Run(context.Background(), bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}, Trials: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, build := range []func(*bench.Result) (chart.Figure, error){figure.Times, figure.Speedup, figure.Efficiency} {
		fig, err := build(res)
		fmt.Println(fig.Title, err)
	}
	// Output:
	// Time per run vs workers <nil>
	// Speedup vs workers <nil>
	// Efficiency vs workers <nil>
}

// A chart of nothing is an error that says why.
func ExampleTimes_noResult() {
	_, err := figure.Times(nil)
	fmt.Println(err)
	// Output: figure: the result is nil: run a sweep first (bench.Run or nb.Measure)
}

// Amdahl's law fitted to measured speedups, with a chosen serial fraction for comparison.
func ExampleScalingSpeedup() {
	var pts []scaling.Point
	for _, n := range []int{1, 2, 4, 8} {
		s := scaling.Amdahl(0.1, float64(n))
		pts = append(pts, scaling.Point{N: n, Value: s, Lower: 0.97 * s, Upper: 1.03 * s})
	}
	fig, err := figure.ScalingSpeedup(pts, figure.ScalingOptions{Serial: []float64{0.05}})
	fmt.Println(fig.Title, err)
	// Output: Speedup vs workers, with the scaling laws <nil>
}

// One barista and two, simulated and stacked on one time axis.
func ExampleScenarios() {
	one, _ := sim.Baristas(1, 1, 6)
	two, _ := sim.Baristas(2, 1, 6)
	fig, err := figure.Scenarios("One barista vs two", one, two)
	fmt.Println(fig.Title, err)
	// Output: One barista vs two <nil>
}

func ExampleGantt_badInput() {
	sc, _ := sim.Baristas(1, 1, 2)
	res, _ := sc.Run()
	tl := res.Timeline
	tl.Segments = nil
	_, err := figure.Gantt(tl)
	fmt.Println(err)
	// Output: figure: the timeline "1 barista, 1 machine, 2 customers" has no segments: nothing ran, so there is nothing to draw
}
