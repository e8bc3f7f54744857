package pipeline

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/workload"
)

// FanOut is notebook 05's ordering experiment: Items items fanned out to Workers goroutines, whose
// results are fanned back in on one channel, in the order they finish; a reorder stage then releases
// them in item order. Most items cost Cost; every SlowEvery-th costs SlowCost. Zero fields take the
// defaults in brackets (quick mode in parentheses).
type FanOut struct {
	Items     int           // 1 … 10 000 [48 (32)]
	Workers   int           // 1 … 64 [4]
	Cost      time.Duration // 0 … 1 s [2 ms (1 ms)]
	SlowEvery int           // 0 (none) … Items [12]
	SlowCost  time.Duration // 0 … 1 s [10 × Cost, at most 1 s]
}

// Arrival is one item of a FanOut run. Times are measured from the start of the run.
type Arrival struct {
	Item int
	// Finished is when its result came in on the fan-in channel: the order without ordering.
	Finished time.Duration
	// Emitted is when the reorder stage released it: after every lower-numbered item.
	Emitted time.Duration
}

// FanOutResult is what a FanOut run measured.
type FanOutResult struct {
	Config FanOut // with defaults
	// Arrivals in the order the results came in.
	Arrivals []Arrival
	Elapsed  time.Duration
	// OutOfOrder counts the results that came in before some lower-numbered item.
	OutOfOrder int
	// MeanDelay and MaxDelay are how long the reorder stage held a result (Emitted − Finished).
	MeanDelay, MaxDelay time.Duration
	// MostHeld is the most results the reorder stage held at once, waiting for an earlier item.
	MostHeld int
}

func (f FanOut) withDefaults() (FanOut, error) {
	quick := workload.Quick()
	if f.Items == 0 {
		f.Items = 48
		if quick {
			f.Items = 32
		}
	}
	if f.Workers == 0 {
		f.Workers = 4
	}
	if f.Cost == 0 {
		f.Cost = 2 * time.Millisecond
		if quick {
			f.Cost = time.Millisecond
		}
	}
	if f.SlowEvery == 0 {
		f.SlowEvery = 12
	}
	if f.SlowCost == 0 {
		f.SlowCost = min(10*f.Cost, maxCost)
	}
	switch {
	case f.Items < 1 || f.Items > 10_000:
		return f, fmt.Errorf("pipeline: FanOut: Items = %d is not allowed: want 1 to 10000", f.Items)
	case f.Workers < 1 || f.Workers > maxStageWorkers:
		return f, fmt.Errorf("pipeline: FanOut: Workers = %d is not allowed: want 1 to %d", f.Workers, maxStageWorkers)
	case f.Cost < 0 || f.Cost > maxCost:
		return f, fmt.Errorf("pipeline: FanOut: Cost = %v is not allowed: want 0 to %v", f.Cost, maxCost)
	case f.SlowCost < 0 || f.SlowCost > maxCost:
		return f, fmt.Errorf("pipeline: FanOut: SlowCost = %v is not allowed: want 0 to %v", f.SlowCost, maxCost)
	case f.SlowEvery < 0:
		return f, fmt.Errorf("pipeline: FanOut: SlowEvery = %d is not allowed: want 0 (no slow items) or more", f.SlowEvery)
	}
	return f, nil
}

func (f FanOut) cost(i int) time.Duration {
	if f.SlowEvery > 0 && i%f.SlowEvery == f.SlowEvery/2 {
		return f.SlowCost
	}
	return f.Cost
}

// Run runs the fan-out once. Every goroutine has ended when it returns; when ctx ends first it returns
// what came in so far with ctx's error.
func (f FanOut) Run(ctx context.Context) (*FanOutResult, error) {
	f, err := f.withDefaults()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup
	for range f.Workers {
		wg.Go(func() {
			for i := range jobs {
				if !work(ctx, Watching, f.cost(i)) {
					return
				}
				select {
				case results <- i:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	wg.Go(func() {
		defer close(jobs)
		for i := range f.Items {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	go func() { wg.Wait(); close(results) }()

	res := &FanOutResult{Config: f}
	index := make([]int, f.Items) // item → position in Arrivals
	held := map[int]bool{}
	next := 0
	var sum time.Duration
	for i := range results {
		now := time.Since(start)
		index[i] = len(res.Arrivals)
		if i > next {
			res.OutOfOrder++
		}
		res.Arrivals = append(res.Arrivals, Arrival{Item: i, Finished: now})
		held[i] = true
		for held[next] { // release every result that is next in order
			delete(held, next)
			a := &res.Arrivals[index[next]]
			a.Emitted = now
			d := a.Emitted - a.Finished
			sum += d
			res.MaxDelay = max(res.MaxDelay, d)
			next++
		}
		res.MostHeld = max(res.MostHeld, len(held))
	}
	res.Elapsed = time.Since(start)
	if n := len(res.Arrivals); n > 0 {
		res.MeanDelay = sum / time.Duration(n)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, nil
}

// Describe says what the run shows.
func (r *FanOutResult) Describe() string {
	if r == nil || len(r.Arrivals) == 0 {
		return "Nothing came in."
	}
	c := r.Config
	slow := "all items cost the same"
	if c.SlowEvery > 0 {
		slow = fmt.Sprintf("one item in %d costs %v instead of %v", c.SlowEvery, c.SlowCost, c.Cost)
	}
	return fmt.Sprintf("%d items on %d workers (%s): **%d of %d** results came in before an "+
		"earlier item. Putting them back in order held a result **%v** on average (at most %v), and up to **%d** results at once "+
		"waited in the reorder buffer for a slower one.",
		c.Items, c.Workers, slow, r.OutOfOrder, len(r.Arrivals), round.Duration(r.MeanDelay),
		round.Duration(r.MaxDelay), r.MostHeld)
}
