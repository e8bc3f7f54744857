package figure

import (
	"errors"
	"fmt"
	"html"
	"time"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/compare"
)

// Compare draws a side-by-side comparison (package compare) as horizontal bars: each implementation's
// median time, a whisker for its 95% interval, and a label with how many times faster or slower it is
// than the first. When the slowest median is more than 30 times the fastest, the time axis is
// logarithmic, and its title says so.
func Compare(res *compare.Result) (chart.Figure, error) {
	if res == nil || len(res.Entries) == 0 {
		return chart.Figure{}, errors.New("figure: the comparison is empty: run it first (for example simd.Compare or gil.Compare)")
	}
	var top, bottom time.Duration
	for i, e := range res.Entries {
		if e.Median <= 0 {
			return chart.Figure{}, fmt.Errorf("figure: %q has no measurements: the comparison was stopped before its first trial", e.Name)
		}
		if i == 0 || e.Median < bottom {
			bottom = e.Median
		}
		top = max(top, e.High, e.Median)
	}
	logAxis := float64(top)/float64(bottom) > 30
	unit, per := chart.TimeUnit(top)
	if logAxis {
		// Bars on a log axis grow from 1: pick the unit that puts the fastest median at 1 or more.
		unit, per = chart.TimeUnit(bottom)
	}
	scale := func(d time.Duration) float64 { return float64(d) / float64(per) }
	names := make([]string, len(res.Entries))
	s := chart.BarSeries{Name: "median time"}
	for i, e := range res.Entries {
		names[i] = e.Name
		v := scale(e.Median)
		label := chart.WithUnit(v, unit)
		if i > 0 && e.VsFirst.Value > 0 {
			if e.VsFirst.Value >= 1 {
				label += " — " + times(e.VsFirst.Value) + " faster"
			} else {
				label += " — " + times(1/e.VsFirst.Value) + " slower"
			}
		}
		s.Bars = append(s.Bars, chart.Bar{Value: v, Low: scale(e.Low), High: scale(e.High), Label: label,
			Note: fmt.Sprintf("%d trials", len(e.Samples))})
	}
	value := chart.Axis{Name: "median time", Unit: unit}
	if logAxis {
		value.Log, value.Min = 10, 1
	}
	sub := envLine(res.Env) + fmt.Sprintf(" · %d trials each, interleaved", len(res.Entries[0].Samples))
	sub += "\nfaster / slower: compared with " + res.Entries[0].Name
	var warnings []string
	if res.Partial {
		warnings = append(warnings, "Partial result: interrupted, with fewer trials than asked.")
	}
	title := html.UnescapeString(res.Title)
	return chart.Bars{Title: title, Subtitle: sub, Warnings: warnings, Categories: names,
		Value: value, Series: []chart.BarSeries{s}, Horizontal: true}.Figure()
}

// times formats a ratio for a label: 1.9×, 12×, 340×.
func times(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.2g×", r)
}
