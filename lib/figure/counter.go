package figure

import (
	"errors"
	"fmt"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/counter"
)

// Contention draws the cost of one increment (wall time per increment, ns, log scale) against the
// number of goroutines sharing the counter, one line per kind of counter (and GOMAXPROCS, when several
// were measured; lower GOMAXPROCS dashed), with whiskers for the 95% intervals.
func Contention(res *counter.Contention) (chart.Figure, error) {
	switch {
	case res == nil:
		return chart.Figure{}, errors.New("figure: the contention result is nil: measure first with counter.Measure")
	case len(res.Costs) == 0:
		return chart.Figure{}, errors.New("figure: the contention result has no measurements: it was stopped before its first trial ended")
	}
	procs := map[int]bool{}
	maxProcs := 0
	for _, c := range res.Costs {
		procs[c.Procs] = true
		maxProcs = max(maxProcs, c.Procs)
	}
	var series []chart.Series
	index := map[string]int{}
	kindColour := map[string]string{}
	maxG := 1
	for _, c := range res.Costs {
		name := c.Kind
		if len(procs) > 1 {
			name = fmt.Sprintf("%s, GOMAXPROCS=%d", c.Kind, c.Procs)
		}
		if _, ok := kindColour[c.Kind]; !ok {
			kindColour[c.Kind] = chart.Colour(len(kindColour))
		}
		i, ok := index[name]
		if !ok {
			i = len(series)
			index[name] = i
			series = append(series, chart.Series{Name: name, Colour: kindColour[c.Kind], Dashed: c.Procs != maxProcs})
		}
		v := c.NsPerOp
		series[i].Points = append(series[i].Points, chart.Point{X: float64(c.Goroutines), Y: v.Value, Low: v.Low, High: v.High,
			Noisy: c.Noisy, Note: fmt.Sprintf("GOMAXPROCS=%d", c.Procs)})
		maxG = max(maxG, c.Goroutines)
	}
	sub := "one shared counter; each goroutine adds 1 in a loop"
	var warnings []string
	if res.Bench != nil {
		sub += "\n" + envLine(res.Bench.Env) + fmt.Sprintf(" · %d trials per point, medians with 95%% intervals", res.Bench.Trials)
		if res.Bench.Partial {
			warnings = append(warnings, partialWarning(res.Bench.Stopped))
		}
	}
	if len(procs) > 1 {
		sub += fmt.Sprintf(" · dashed: GOMAXPROCS < %d", maxProcs)
	}
	top := 1
	for top < maxG {
		top *= 2
	}
	return chart.Plot{
		Title: "Cost of one increment vs goroutines sharing the counter", Subtitle: sub, Warnings: warnings,
		Panels: []chart.Panel{{
			X:      chart.Axis{Name: "goroutines sharing one counter", Unit: "goroutines", Log: 2, Min: 1, Max: float64(max(top, 2))},
			Y:      chart.Axis{Name: "wall time per increment", Unit: "ns", Log: 10},
			Series: series,
		}},
	}.Figure()
}
