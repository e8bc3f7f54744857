package future

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Demo is notebook 05's futures experiment: lookups that take the given times (a stand-in for requests
// to services), made three ways. Zero fields take the defaults in brackets.
type Demo struct {
	Lookups []time.Duration // 1 … 8 lookups of 0 … 2 s each [30, 50, 80 ms]
	// Deadline is the third way's deadline, 1 ms … 2 s [60 ms: shorter than the slowest lookup].
	Deadline time.Duration
}

// Way is how the caller makes the lookups.
type Way int

const (
	// OneAfterAnother: v := lookup(); then the next — the total is the sum.
	OneAfterAnother Way = iota
	// Together: start every lookup as a future, then await each — the total is the longest.
	Together
	// WithDeadline: the same, awaited under a context with a deadline: late lookups are given up on
	// (and cancelled, since they watch the same context).
	WithDeadline
)

func (w Way) String() string {
	return [...]string{"one after another", "futures, awaited together", "futures, awaited with a deadline"}[w]
}

// Activity is what a lane of the demo was doing.
type Activity uint8

const (
	// Looking: a lookup running.
	Looking Activity = iota
	// Cancelled: a lookup stopped early by its context (the bar ends when it stopped).
	Cancelled
	// Awaiting: the caller waiting for a result.
	Awaiting
)

func (a Activity) String() string {
	return [...]string{"lookup running", "lookup cancelled", "caller waiting"}[a]
}

// Span is what a lane did from Start to End. Lane 0 is the caller, lane i the i-th lookup.
type Span = spans.Span[Activity]

// DemoRun is one way's run.
type DemoRun struct {
	Way     Way
	Elapsed time.Duration // from the first call to the caller having every answer (or giving up)
	Answers []string      // per lookup: its answer, or "" when it was given up on
	Errs    []error       // per lookup: nil, or why there is no answer
	Spans   []Span
}

// DemoResult holds the three runs, in the order of Way.
type DemoResult struct {
	Demo Demo // with its defaults
	Runs []DemoRun
}

func (d Demo) withDefaults() (Demo, error) {
	if len(d.Lookups) == 0 {
		d.Lookups = []time.Duration{30 * time.Millisecond, 50 * time.Millisecond, 80 * time.Millisecond}
	}
	if d.Deadline == 0 {
		d.Deadline = 60 * time.Millisecond
	}
	if len(d.Lookups) > 8 {
		return d, fmt.Errorf("future: Lookups has %d lookups; want 1 to 8", len(d.Lookups))
	}
	for i, l := range d.Lookups {
		if l < 0 || l > 2*time.Second {
			return d, fmt.Errorf("future: lookup %d takes %v; want 0 to 2s (Lookups)", i+1, l)
		}
	}
	if d.Deadline < time.Millisecond || d.Deadline > 2*time.Second {
		return d, fmt.Errorf("future: Deadline = %v is not allowed: want 1ms to 2s", d.Deadline)
	}
	d.Lookups = append([]time.Duration(nil), d.Lookups...)
	return d, nil
}

// Run makes the lookups the three ways, one way after the other, and records every lookup and the
// caller's waits. When ctx ends it returns the runs so far with ctx's error.
func (d Demo) Run(ctx context.Context) (*DemoResult, error) {
	d, err := d.withDefaults()
	if err != nil {
		return nil, err
	}
	res := &DemoResult{Demo: d}
	for _, w := range []Way{OneAfterAnother, Together, WithDeadline} {
		r := d.run(ctx, w)
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		res.Runs = append(res.Runs, r)
	}
	return res, nil
}

func (d Demo) run(ctx context.Context, w Way) DemoRun {
	n := len(d.Lookups)
	log := spans.New[Activity](n+1, 4)
	lookup := func(ctx context.Context, i int) (string, error) {
		start := log.Now()
		t := time.NewTimer(d.Lookups[i])
		defer t.Stop()
		select {
		case <-t.C:
			log.Add(Span{Lane: i + 1, Kind: Looking, Start: start, End: log.Now()})
			return fmt.Sprintf("answer %d", i+1), nil
		case <-ctx.Done():
			log.Add(Span{Lane: i + 1, Kind: Cancelled, Start: start, End: log.Now()})
			return "", ctx.Err()
		}
	}
	r := DemoRun{Way: w, Answers: make([]string, n), Errs: make([]error, n)}
	switch w {
	case OneAfterAnother:
		for i := range n {
			log.Set(0, Awaiting)
			r.Answers[i], r.Errs[i] = lookup(ctx, i)
			log.Stop(0)
		}
	default:
		actx, cancel := ctx, func() {}
		if w == WithDeadline {
			actx, cancel = context.WithTimeout(ctx, d.Deadline)
		}
		fs := make([]*Future[string], n)
		for i := range n {
			fs[i] = Go(actx, func(ctx context.Context) (string, error) { return lookup(ctx, i) })
		}
		log.Set(0, Awaiting)
		r.Answers, r.Errs = All(actx, fs...)
		log.Stop(0)
		cancel()
		for _, f := range fs { // the cancelled lookups end at once: wait, so nothing outlives Run
			f.Await(context.Background())
		}
	}
	r.Elapsed = log.Now()
	r.Spans, _ = log.Spans()
	return r
}

// Describe says what the three runs took.
func (r *DemoResult) Describe() string {
	if r == nil || len(r.Runs) == 0 {
		return ""
	}
	var sum, longest time.Duration
	for _, l := range r.Demo.Lookups {
		sum += l
		longest = max(longest, l)
	}
	var parts []string
	for _, run := range r.Runs {
		s := fmt.Sprintf("**%s**: %v", run.Way, run.Elapsed.Round(time.Millisecond))
		switch run.Way {
		case OneAfterAnother:
			s += fmt.Sprintf(" (the lookups add up to %v)", sum)
		case Together:
			s += fmt.Sprintf(" (the longest lookup takes %v)", longest)
		case WithDeadline:
			late := 0
			for _, e := range run.Errs {
				if e != nil {
					late++
				}
			}
			s += fmt.Sprintf(" (deadline %v: %d of %d answers in time, the rest given up on and cancelled)", r.Demo.Deadline, len(run.Errs)-late, len(run.Errs))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ") + "."
}
