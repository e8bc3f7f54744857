package figure

import (
	"errors"
	"fmt"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/falseshare"
)

// FalseSharing draws the cost of one increment for each counter layout (adjacent on one cache line,
// padded to 64 or 128 bytes), on one goroutine (the control: nothing shared) and on several, as bars
// with whiskers for the 95% intervals, one colour per layout. The subtitle gives the measured ratio
// adjacent ÷ padded.
func FalseSharing(res falseshare.Result) (chart.Figure, error) {
	if len(res.Bars) == 0 {
		return chart.Figure{}, errors.New("figure: the false-sharing result has no bars: measure first with falseshare.Measure")
	}
	var categories []string
	var series []chart.BarSeries
	layout := map[string]int{}
	for _, b := range res.Bars {
		if _, ok := layout[b.Layout.Name]; !ok {
			layout[b.Layout.Name] = len(series)
			series = append(series, chart.BarSeries{Name: b.Layout.Name})
		}
	}
	for _, b := range res.Bars {
		categories = append(categories, fmt.Sprintf("%s\n%d goroutine%s", b.Layout.Name, b.Workers, plural(b.Workers)))
		for i := range series {
			if i != layout[b.Layout.Name] {
				series[i].Bars = append(series[i].Bars, chart.Bar{Skip: true})
				continue
			}
			v := b.NsPerOp
			bar := chart.Bar{Value: v.Value, Low: v.Low, High: v.High,
				Note: fmt.Sprintf("%d goroutine%s, counters %d B apart", b.Workers, plural(b.Workers), b.Layout.Stride)}
			if b.Noisy {
				bar.Note += " · noisy: wide interval"
			}
			series[i].Bars = append(series[i].Bars, bar)
		}
	}
	sub := "each goroutine adds 1 atomically to its own counter"
	if res.Ratio.Value > 0 {
		sub = fmt.Sprintf("%d goroutines, own counters on one cache line: %.2f× the time of counters 128 B apart (interval %.2f–%.2f×)",
			res.Config.Workers, res.Ratio.Value, res.Ratio.Low, res.Ratio.High)
	}
	var warnings []string
	if res.Bench != nil {
		sub += "\n" + envLine(res.Bench.Env) + fmt.Sprintf(" · %d trials per point, medians with 95%% intervals", res.Bench.Trials)
		if res.Bench.Partial {
			warnings = append(warnings, partialWarning(res.Bench.Stopped))
		}
	}
	return chart.Bars{
		Title: "False sharing: counters on one cache line vs padded", Subtitle: sub, Warnings: warnings,
		Categories: categories, CategoryAxis: "counter layout and goroutines",
		Value:  chart.Axis{Name: "wall time per increment", Unit: "ns"},
		Series: series, Overlay: true,
	}.Figure()
}
