package figure

import (
	"errors"
	"fmt"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

// Scenarios simulates each scenario and draws their timelines one above the other on a shared time axis,
// as GanttStack does: one juggler and two, say. Each panel is titled with its scenario's name and marked
// simulated; a scenario with shared units (the coffee shop's espresso machines) gets a second panel
// below its own, one row per unit.
func Scenarios(title string, scs ...sim.Scenario) (chart.Figure, error) {
	if len(scs) == 0 {
		return chart.Figure{}, errors.New("figure: Scenarios was given no scenarios; want at least one")
	}
	var tls []timeline.Timeline
	for _, sc := range scs {
		r, err := sc.Run()
		if err != nil {
			return chart.Figure{}, fmt.Errorf("figure: %w", err)
		}
		tls = append(tls, panels(sc.Name, r)...)
	}
	return GanttStack(title, tls...)
}

// Simulation draws one simulation's result: its cores (jugglers, baristas) and, when it has them, its
// shared units (espresso machines) in a panel below, on one time axis.
func Simulation(title string, r sim.Result) (chart.Figure, error) {
	if r.Shared.Lanes == 0 {
		if title != "" {
			r.Timeline.Title = title
		}
		return Gantt(r.Timeline)
	}
	return GanttStack(title, panels(r.Timeline.Title, r)...)
}

// panels are the timelines of a simulation: its cores, then its shared units when it has any.
func panels(name string, r sim.Result) []timeline.Timeline {
	tls := []timeline.Timeline{r.Timeline}
	if r.Shared.Lanes > 0 {
		sh := r.Shared
		sh.Title = name + ": the " + sh.LaneName + "s"
		if name == "" {
			sh.Title = "the " + sh.LaneName + "s"
		}
		tls = append(tls, sh)
	}
	return tls
}
