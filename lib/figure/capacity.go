package figure

import (
	"fmt"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
)

// capacityColour draws the capacity probe: a dark grey beside the ideal line's light grey.
const capacityColour = "#555"

// capacityName is the legend entry of the capacity probe on a speedup chart.
func capacityName(c bench.Capacity, several bool) string {
	name := "what this machine gave a perfectly parallel loop during this run"
	if several {
		name += fmt.Sprintf(" (GOMAXPROCS=%d)", c.Procs)
	}
	return name
}

// capacityOnPanel draws each capacity probe on a speedup panel whose workers axis reaches maxW: the
// probe's speedup at its thread count as a point with its 95% whisker, and a dotted line from (1, 1) to
// it and on, flat, to maxW — a perfectly parallel loop on more goroutines than threads gains nothing more.
func capacityOnPanel(panel *chart.Panel, cs []bench.Capacity, maxW float64) {
	for _, c := range cs {
		if c.Speedup.Value <= 0 {
			continue
		}
		name := capacityName(c, len(cs) > 1)
		n, s := float64(c.Threads), c.Speedup.Value
		pts := []chart.XY{{X: 1, Y: 1}, {X: n, Y: s}}
		if maxW > n {
			pts = append(pts, chart.XY{X: maxW, Y: s})
		}
		panel.Curves = append(panel.Curves, chart.Curve{Name: name, Colour: capacityColour, Style: chart.Dotted, Width: 1.5, Points: pts})
		pt := chart.Point{X: n, Y: s, Low: c.Speedup.Low, High: c.Speedup.High,
			Note: fmt.Sprintf("capacity probe: %d rounds, %d goroutines vs 1", min(len(c.One), len(c.All)), c.Threads)}
		panel.Series = append(panel.Series, chart.Series{Name: name, Colour: capacityColour, Width: 1, Points: []chart.Point{pt}})
	}
}
