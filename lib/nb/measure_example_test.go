package nb_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/figure"
	"github.com/parlab/parlab/lib/nb"
	"github.com/parlab/parlab/lib/workload"
)

// The cells of an experiment: parameters, a measurement (progress bar, Interrupt, cache), charts.
// The times depend on the machine, so this example has no fixed output.
func ExampleMeasure() {
	d := workload.DefaultSizes()
	task, err := workload.Mandelbrot(d.MandelW, d.MandelH, d.MandelIter)
	if nb.Err(err) {
		return
	}
	res, err := nb.Measure(bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2, 4}})
	if nb.Err(err) {
		return
	}
	chart.Show(figure.Speedup(res))
}

// A bad parameter is an error that says what is allowed; nothing is measured.
func ExampleMeasure_badInput() {
	task, _ := workload.SumSquares(1000)
	_, err := nb.Measure(bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{0, 2}})
	fmt.Println(err)
	// Output: bench: workers = 0 is not allowed: want from 1 to 10000 worker goroutines
}
