package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// StopSweep is notebook 05's cancellation experiment: a three-stage pipeline (read → transform →
// write, each Cost per item, two workers in the middle) is cancelled After it started, Trials times for
// each way of stopping, and the time from the cancel to every goroutine returned is measured. Zero
// fields take the defaults in brackets (quick mode in parentheses).
type StopSweep struct {
	Cost   time.Duration // each stage's cost per item, 1 µs … 500 ms [20 ms (10 ms)]
	After  time.Duration // how long the pipeline runs before the cancel, 1 µs … 10 s [2.5 × Cost]
	Trials int           // cancels per way of stopping, 1 … 100 [5 (3)]
}

// maxStopCost bounds StopSweep.Cost: a stage that checks ctx between items stops up to one Cost after
// an Interrupt, and an Interrupt must stop the experiment within a second.
const maxStopCost = 500 * time.Millisecond

// Stop is what the cancels of one way of stopping measured.
type Stop struct {
	Stopping Stopping
	// Samples are the times from each cancel to every goroutine of the pipeline returned.
	Samples []time.Duration
	Median  time.Duration
	Max     time.Duration
	// Goroutines counts runtime.NumGoroutine() just before the last run started, just before its
	// cancel, and just after it returned: the pipeline's goroutines come and go.
	Before, During, After int
	// Last is the last run, for its timeline.
	Last *Result
}

// StopResult holds one Stop per way of stopping: Watching, then BetweenItems.
type StopResult struct {
	Cost, After time.Duration
	Stops       []Stop
	Partial     bool // interrupted: fewer trials than asked
}

func (s StopSweep) withDefaults() (StopSweep, error) {
	quick := workload.Quick()
	if s.Cost == 0 {
		s.Cost = 20 * time.Millisecond
		if quick {
			s.Cost = 10 * time.Millisecond
		}
	}
	if s.After == 0 && s.Cost > 0 && s.Cost <= maxStopCost {
		// Two and a half items in: a cancel that lands where the sleeps end (a whole number of items)
		// would catch every stage between two items, and hide what a sleeping stage costs.
		s.After = s.Cost * 5 / 2
	}
	if s.Trials == 0 {
		s.Trials = 5
		if quick {
			s.Trials = 3
		}
	}
	switch {
	case s.Cost < time.Microsecond || s.Cost > maxStopCost:
		return s, fmt.Errorf("pipeline: Cost = %v is not allowed: want 1µs to %v per item", s.Cost, maxStopCost)
	case s.After < time.Microsecond || s.After > 10*time.Second:
		return s, fmt.Errorf("pipeline: After = %v is not allowed: want 1µs to 10s before the cancel", s.After)
	case s.Trials < 1 || s.Trials > 100:
		return s, fmt.Errorf("pipeline: Trials = %d is not allowed: want 1 to 100 cancels per way of stopping", s.Trials)
	}
	return s, nil
}

// Measure runs the experiment, alternating the two ways of stopping, and calls progress (when not nil)
// after each run; the shape nb.Run takes. When ctx ends it returns what was measured (Partial) with
// ctx's error. Every goroutine it starts has ended when it returns.
func (s StopSweep) Measure(ctx context.Context, progress func(bench.Progress)) (*StopResult, error) {
	s, err := s.withDefaults()
	if err != nil {
		return nil, err
	}
	out := &StopResult{Cost: s.Cost, After: s.After, Stops: []Stop{{Stopping: Watching}, {Stopping: BetweenItems}}}
	start := time.Now()
	total := 2 * s.Trials
	for k := range total {
		st := &out.Stops[k%2]
		cfg, _ := Config{Items: maxItems, Stopping: st.Stopping, Stages: []Stage{
			{Name: "read", Cost: s.Cost}, {Name: "transform", Cost: s.Cost, Workers: 2}, {Name: "write", Cost: s.Cost},
		}}.withDefaults()
		runCtx, cancel := context.WithCancel(ctx)
		before := runtime.NumGoroutine()
		timer := time.AfterFunc(s.After, func() {
			st.During = runtime.NumGoroutine()
			cancel()
		})
		res, err := run(runCtx, cfg)
		timer.Stop()
		cancel()
		st.After = runtime.NumGoroutine()
		st.Before = before
		if ctx.Err() != nil {
			out.Partial = true
			out.finish()
			return out, ctx.Err()
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
		st.Samples = append(st.Samples, res.Stopped)
		st.Last = res
		if progress != nil {
			el := time.Since(start)
			progress(bench.Progress{Done: k + 1, Total: total, Elapsed: el, Left: el / time.Duration(k+1) * time.Duration(total-k-1)})
		}
	}
	out.finish()
	return out, nil
}

func (r *StopResult) finish() {
	for i := range r.Stops {
		st := &r.Stops[i]
		if len(st.Samples) == 0 {
			continue
		}
		s := slices.Clone(st.Samples)
		slices.Sort(s)
		st.Median, st.Max = s[len(s)/2], s[len(s)-1]
	}
}

// Describe says what was measured. A stage that checks ctx between items finishes the item in hand,
// and the cancel lands part-way through it: that stage stops within one item's cost, which the
// sentence compares with the slowest stop (and, past it, blames on a busy machine's late wake-ups).
func (r *StopResult) Describe() string {
	if r == nil || len(r.Stops) < 2 || len(r.Stops[0].Samples) == 0 || len(r.Stops[1].Samples) == 0 {
		return "Nothing was measured."
	}
	w, b := r.Stops[0], r.Stops[1]
	between := fmt.Sprintf("at most one item's cost (%v), as expected: the cancel came part-way through the item each stage "+
		"had in hand, and each finished that item first", r.Cost)
	if b.Max > r.Cost {
		between = fmt.Sprintf("more than one item's cost (%v): each stage finished the item in hand, and the machine "+
			"was slow to wake the goroutines after it", r.Cost)
	}
	return fmt.Sprintf("Cancelled %v after it started, the pipeline whose stages **watch ctx.Done() in every wait** stopped in "+
		"**%v** (median; at most %v); the one that **checks ctx between items** took **%v** (at most %v) — %s. "+
		"Goroutines: %d before the run, %d while it ran, %d after it returned.",
		r.After, round.Duration(w.Median), round.Duration(w.Max), round.Duration(b.Median), round.Duration(b.Max), between, w.Before, w.During, w.After)
}
