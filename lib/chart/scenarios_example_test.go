package chart_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/sim"
)

// One barista and two, simulated and stacked. In a notebook: chart.Show(chart.Scenarios(…)).
func ExampleScenarios() {
	one, err := sim.Baristas(1, 6)
	if err != nil {
		fmt.Println(err)
		return
	}
	two, err := sim.Baristas(2, 6)
	if err != nil {
		fmt.Println(err)
		return
	}
	fig, err := chart.Scenarios("One barista vs two", one, two)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	// Output:
	// One barista vs two
}
