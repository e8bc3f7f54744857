package figure

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/racy"
)

// LostUpdates draws a histogram of the racy counter's lost updates: for each result (GOMAXPROCS=2,
// GOMAXPROCS=1, with or without a switch mid-update…), how many runs lost how many of their increments,
// in percent. Runs that lost nothing have their own bar, "none", so a result where no update was lost
// shows as one tall bar there.
func LostUpdates(results ...racy.Result) (chart.Figure, error) {
	if len(results) == 0 {
		return chart.Figure{}, errors.New("figure: LostUpdates needs at least one result from racy.LostUpdates")
	}
	maxFrac := 0.0
	for i, r := range results {
		if len(r.Lost) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: result %d has no runs: run racy.LostUpdates with Runs ≥ 1", i+1)
		}
		if r.Want() <= 0 {
			return chart.Figure{}, fmt.Errorf("figure: result %d counts no increments (Goroutines × Each = 0)", i+1)
		}
		for _, l := range r.Lost {
			maxFrac = max(maxFrac, 100*float64(l)/float64(r.Want()))
		}
	}
	// Bin width: the smallest of these (in %) that needs at most 20 bins.
	width := 10.0
	for _, w := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		if maxFrac/w <= 20 {
			width = w
			break
		}
	}
	bins := max(1, int(math.Ceil(maxFrac/width)))
	categories := []string{"none"}
	for b := range bins {
		categories = append(categories, trimFloat(float64(b)*width)+"–"+trimFloat(float64(b+1)*width)+"%")
	}
	sameShape := true
	for _, r := range results {
		sameShape = sameShape && r.Config.Goroutines == results[0].Config.Goroutines && r.Config.Each == results[0].Config.Each
	}
	var series []chart.BarSeries
	seen := map[string]int{}
	for _, r := range results {
		counts := make([]int, len(categories))
		for _, l := range r.Lost {
			if l <= 0 {
				counts[0]++
				continue
			}
			b := int(math.Ceil(100*float64(l)/float64(r.Want())/width)) - 1
			counts[1+min(max(b, 0), bins-1)]++
		}
		name := fmt.Sprintf("GOMAXPROCS=%d", r.Config.Procs)
		if r.Config.Yield {
			name += ", switch mid-update"
		}
		if !sameShape {
			name += fmt.Sprintf(", %d×%d", r.Config.Goroutines, r.Config.Each)
		}
		name += fmt.Sprintf(" (%d runs)", len(r.Lost))
		if seen[name]++; seen[name] > 1 {
			name += fmt.Sprintf(" #%d", seen[name])
		}
		s := chart.BarSeries{Name: name}
		for _, n := range counts {
			s.Bars = append(s.Bars, chart.Bar{Value: float64(n)})
		}
		series = append(series, s)
	}
	sub := "each run: goroutines add 1 to an unsynchronised counter; lost = expected − final count"
	if sameShape {
		sub = fmt.Sprintf("each run: %d goroutines × %d increments of an unsynchronised counter; lost = %d − final count",
			results[0].Config.Goroutines, results[0].Config.Each, results[0].Want())
	}
	for _, r := range results {
		if r.RaceDetector {
			sub += "\nbuilt with -race: the detector slows and reorders the runs, so fewer updates are lost"
			break
		}
	}
	var warnings []string
	for _, r := range results {
		if r.Partial {
			warnings = append(warnings, "Partial result: stopped early; the bars count only the runs that finished.")
			break
		}
	}
	return chart.Bars{
		Title: "Lost updates per run of the racy counter", Subtitle: sub, Warnings: warnings,
		Categories: categories, CategoryAxis: "updates lost in one run (% of its increments)",
		Value:  chart.Axis{Name: "runs", Unit: "runs", Integer: true},
		Series: series, RotateLabels: 30,
	}.Figure()
}

// trimFloat writes a bin edge with at most one decimal: 0.3, 2, 10.
func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(strconv.FormatFloat(v, 'f', 1, 64), "0"), ".")
}
