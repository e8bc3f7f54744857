package chart_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/workload"
)

// The three charts of a sweep. In a notebook: chart.Show(chart.Speedup(res)).
func ExampleSpeedup() {
	task, _ := workload.SumSquares(1_000_000)
	res, err := bench.Run(context.Background(), bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}, Trials: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, build := range []func(*bench.Result) (chart.Figure, error){chart.Times, chart.Speedup, chart.Efficiency} {
		fig, err := build(res)
		fmt.Println(fig.Title, "|", strings.Contains(fig.Option, `"name":"ideal"`), err)
	}
	// Output:
	// Time per run vs workers | false <nil>
	// Speedup vs workers | true <nil>
	// Efficiency vs workers | true <nil>
}

// A chart of nothing is an error that says why.
func ExampleTimes_noResult() {
	_, err := chart.Times(nil)
	fmt.Println(err)
	// Output: chart: the result is nil: run a sweep first (bench.Run or nb.Measure)
}
