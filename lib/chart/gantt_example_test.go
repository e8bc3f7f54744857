package chart_test

import (
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/sim"
)

// One juggler and two, stacked on a shared time axis. In a notebook: chart.Show(chart.GanttStack(…)).
func ExampleGanttStack() {
	var runs []sim.Result
	for _, jugglers := range []int{1, 2} {
		sc, err := sim.Jugglers(jugglers, 3*jugglers, 4)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := sc.Run()
		if err != nil {
			fmt.Println(err)
			return
		}
		runs = append(runs, res)
	}
	fig, err := chart.GanttStack("one juggler vs two", runs[0].Timeline, runs[1].Timeline)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fig.Title)
	fmt.Println("says it is simulated:", strings.Contains(fig.Option, "Simulated"))
	fmt.Println("time axis:", strings.Contains(fig.Option, "time since start (ms)"))
	// Output:
	// one juggler vs two
	// says it is simulated: true
	// time axis: true
}

func ExampleGantt_badInput() {
	sc, _ := sim.Baristas(1, 2)
	res, _ := sc.Run()
	tl := res.Timeline
	tl.Segments = nil
	_, err := chart.Gantt(tl)
	fmt.Println(err)
	// Output:
	// chart: the timeline "1 barista, 2 customers" has no segments: nothing ran, so there is nothing to draw
}
