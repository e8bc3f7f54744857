package compare

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Impl is one implementation to time. Run does the work once; a non-nil error stops the comparison.
// Time, when not nil, replaces the wall-clock time of Run: it runs the work once and returns the time
// the implementation measured itself (an external program reporting its own time, say).
type Impl struct {
	Name string
	Run  func(ctx context.Context) error
	Time func(ctx context.Context) (time.Duration, error)
}

// Entry is one implementation's measurements.
type Entry struct {
	Name    string          `json:"name"`
	Samples []time.Duration `json:"samples_ns"`
	Median  time.Duration   `json:"median_ns"`
	Low     time.Duration   `json:"low_ns"`  // 95% interval of the median
	High    time.Duration   `json:"high_ns"` //
	// VsFirst is median(first)/median(this) with a 95% bootstrap interval: above 1, this one is faster.
	VsFirst bench.Interval `json:"vs_first"`
}

// Result is a finished (or interrupted) comparison.
type Result struct {
	Title   string    `json:"title"`
	Entries []Entry   `json:"entries"`
	Env     bench.Env `json:"env"`
	Partial bool      `json:"partial"` // interrupted: fewer trials than asked
}

// Run times every implementation trials times (at least bench.MinTrials), interleaved and shuffled per
// round with the given seed, after one untimed warm-up each. When ctx is cancelled it returns what was
// measured, marked Partial, with ctx's error.
func Run(ctx context.Context, title string, trials int, seed uint64, impls ...Impl) (*Result, error) {
	if len(impls) < 2 {
		return nil, fmt.Errorf("compare: %d implementations given; want at least 2 to compare", len(impls))
	}
	if trials < bench.MinTrials {
		return nil, fmt.Errorf("compare: trials = %d is not allowed: want at least %d for a 95%% interval of the median", trials, bench.MinTrials)
	}
	for i, im := range impls {
		if im.Name == "" || (im.Run == nil && im.Time == nil) {
			return nil, fmt.Errorf("compare: implementation %d needs a Name and a Run or Time function", i+1)
		}
	}
	res := &Result{Title: title, Env: bench.CaptureEnv()}
	samples := make([][]time.Duration, len(impls))
	once := func(im Impl) (time.Duration, error) {
		if im.Time != nil {
			return im.Time(ctx)
		}
		start := time.Now()
		err := im.Run(ctx)
		return time.Since(start), err
	}
	var runErr error
	for _, im := range impls { // warm-up
		if _, err := once(im); err != nil {
			return nil, fmt.Errorf("compare: %s: %w", im.Name, err)
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(impls))
	for i := range order {
		order[i] = i
	}
rounds:
	for round := 0; round < trials; round++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if ctx.Err() != nil {
				runErr = ctx.Err()
				break rounds
			}
			runtime.GC()
			d, err := once(impls[i])
			if err != nil {
				if ctx.Err() != nil {
					runErr = ctx.Err()
					break rounds
				}
				return nil, fmt.Errorf("compare: %s: %w", impls[i].Name, err)
			}
			samples[i] = append(samples[i], d)
		}
	}
	for i, im := range impls {
		e := Entry{Name: im.Name, Samples: samples[i]}
		e.Median, e.Low, e.High, _ = bench.MedianCI(samples[i])
		e.VsFirst = bench.Ratio(samples[0], samples[i], seed)
		res.Entries = append(res.Entries, e)
		if len(samples[i]) < trials {
			res.Partial = true
		}
	}
	return res, runErr
}

// Find returns the entry with the given name, or nil.
func (r *Result) Find(name string) *Entry {
	for i := range r.Entries {
		if r.Entries[i].Name == name {
			return &r.Entries[i]
		}
	}
	return nil
}
