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
// simulated.
func Scenarios(title string, scs ...sim.Scenario) (chart.Figure, error) {
	if len(scs) == 0 {
		return chart.Figure{}, errors.New("figure: Scenarios was given no scenarios; want at least one")
	}
	tls := make([]timeline.Timeline, len(scs))
	for i, sc := range scs {
		r, err := sc.Run()
		if err != nil {
			return chart.Figure{}, fmt.Errorf("figure: %w", err)
		}
		tls[i] = r.Timeline
	}
	return GanttStack(title, tls...)
}
