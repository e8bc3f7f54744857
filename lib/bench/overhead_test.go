package bench

import (
	"context"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

// nothing is a task that does no work: timing it measures the harness.
type nothing struct{}

func (nothing) Name() string                                         { return "nothing" }
func (nothing) Serial(context.Context) (uint64, error)               { return 0, nil }
func (nothing) Run(ctx context.Context, workers int) (uint64, error) { return 0, ctx.Err() }

// BenchmarkOverhead reports what the harness costs per trial of a task that does nothing:
// in-trial-ns is what it adds inside each timed sample, per-trial-ns everything it spends per run
// between the first and the last (runtime.GC before each trial included; the summary at the end is
// not per trial), and pct-of-10ms the latter against a 10 ms trial.
func BenchmarkOverhead(b *testing.B) {
	const trials = 100
	var inTrial, spent time.Duration
	runs := 0
	for b.Loop() {
		var first, last time.Time
		res, err := Run(context.Background(), Sweep{
			Tasks: []workload.Task{nothing{}}, Workers: []int{1}, Trials: trials,
			Progress: func(p Progress) {
				if p.Done == 1 {
					first = time.Now()
				}
				last = time.Now()
			},
		})
		if err != nil {
			b.Fatal(err)
		}
		inTrial = res.Points[0].Median
		spent += last.Sub(first)
		runs += trials + 1 // the warm-up and the trials
	}
	per := spent / time.Duration(runs)
	b.ReportMetric(float64(inTrial), "in-trial-ns")
	b.ReportMetric(float64(per), "per-trial-ns")
	b.ReportMetric(100*float64(per)/float64(10*time.Millisecond), "pct-of-10ms")
}
