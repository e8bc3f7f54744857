package chart_test

import (
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/scaling"
)

// Speedups from a sweep (here made up: a 10% serial part), compared with two chosen serial fractions.
// In a notebook: chart.Show(chart.ScalingSpeedup(pts, chart.ScalingOptions{…})).
func ExampleScalingSpeedup() {
	var pts []scaling.Point
	for _, n := range []int{1, 2, 4, 8} {
		s := scaling.Amdahl(0.1, float64(n))
		pts = append(pts, scaling.Point{N: n, Value: s, Lower: 0.97 * s, Upper: 1.03 * s})
	}
	fig, err := chart.ScalingSpeedup(pts, chart.ScalingOptions{Serial: []float64{0.05, 0.25}, MaxN: 32})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	fmt.Println(strings.Contains(fig.Option, `"name":"Amdahl fit s = 0.100"`))
	// Output:
	// Speedup vs workers, with the scaling laws
	// true
}

// What a 2-core machine can give: the chart says in red that s is solved from one point, not fitted.
func ExampleScalingEfficiency() {
	pts := []scaling.Point{{N: 1, Value: 1}, {N: 2, Value: 1.9}}
	fig, err := chart.ScalingEfficiency(pts, chart.ScalingOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	fmt.Println(strings.Contains(fig.Option, "{warn|⚠ Amdahl: one speedup with N"))
	// Output:
	// Efficiency vs workers
	// true
}

func ExampleKarpFlatt() {
	pts := []scaling.Point{{N: 1, Value: 1}, {N: 2, Value: 1.8}, {N: 4, Value: 3.0}, {N: 8, Value: 4.2}}
	fig, err := chart.KarpFlatt(pts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	// Output: Karp–Flatt serial fraction vs workers
}

// Throughput of a contended workload at 4 concurrency levels: too few for the USL's 3 parameters,
// so the curve is drawn with a warning.
func ExampleUSL() {
	pts := []scaling.Point{{N: 1, Value: 200}, {N: 4, Value: 700}, {N: 16, Value: 1500}, {N: 64, Value: 1300}}
	fig, err := chart.USL(pts, "requests/s", 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	fmt.Println(strings.Contains(fig.Option, "USL fit (under-determined)"))
	// Output:
	// Throughput vs concurrency: Universal Scalability Law
	// true
}

func ExampleGustafsonAmdahl() {
	fig, err := chart.GustafsonAmdahl([]float64{0.05, 0.1, 0.25}, 64)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	// Output: Amdahl (fixed problem) beside Gustafson (problem grows with N)
}

// The slider lives in Controls and the code that redraws in Script, so it works in exported HTML too.
func ExampleAmdahlExplorer() {
	fig, err := chart.AmdahlExplorer(0.1, 64, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	fmt.Println(strings.Contains(fig.Controls, `type="range"`), strings.Contains(fig.Script, "chart.setOption"))
	// Output:
	// Amdahl's law explorer
	// true true
}
