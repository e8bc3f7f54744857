//go:build !race

package racy

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkLostUpdates runs the default experiment (2 goroutines × 100 000 increments per run) on all
// cores and on one core, b.N runs each: ns/op is the time of one run; lossy-runs-% is the share of runs
// that lost at least one update and median-lost-% the median share of increments a run lost. Both depend
// on how often the goroutines really ran at the same instant, so on how busy the machine was.
func BenchmarkLostUpdates(b *testing.B) {
	for _, procs := range []int{0, 1} {
		name := "procs=all"
		if procs != 0 {
			name = fmt.Sprintf("procs=%d", procs)
		}
		b.Run(name, func(b *testing.B) {
			var res Result
			for left := b.N; left > 0; left -= maxRuns {
				r, err := LostUpdates(context.Background(), Config{Runs: min(left, maxRuns), Procs: procs})
				if err != nil {
					b.Fatal(err)
				}
				res.Config, res.Lost = r.Config, append(res.Lost, r.Lost...)
			}
			b.ReportMetric(100*float64(res.RunsWithLoss())/float64(len(res.Lost)), "lossy-runs-%")
			b.ReportMetric(100*float64(res.MedianLost())/float64(res.Want()), "median-lost-%")
		})
	}
}
