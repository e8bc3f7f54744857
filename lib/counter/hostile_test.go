package counter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/procs"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }

	// Run: a counter, 1 … 10 000 goroutines, each ≥ 0, goroutines × each ≤ 2³².
	runCase := func(name, param string, c func() Counter, goroutines, each int) {
		add(hostile.Case{Name: "Run/" + name, Param: param, Call: func(ctx context.Context) error {
			_, err := Run(ctx, c(), goroutines, each)
			return err
		}})
	}
	atomic := func() Counter { return new(Atomic) }
	runCase("counter=nil", "counter", func() Counter { return nil }, 2, 10)
	for _, g := range []int{0, -1, math.MinInt, maxGoroutines + 1, math.MaxInt} {
		runCase(fmt.Sprintf("goroutines=%d", g), "goroutines", atomic, g, 0)
	}
	for _, e := range []int{-1, math.MinInt} {
		runCase(fmt.Sprintf("each=%d", e), "each", atomic, 2, e)
	}
	runCase("each=MaxInt", "increments", atomic, 1, math.MaxInt)
	runCase("goroutines × each = 2^33", "increments", atomic, 2, 1<<32)
	add(hostile.Case{Name: "Run/each=0 (counts nothing)", Param: "each", Accepts: true, Call: func(ctx context.Context) error {
		if got, err := Run(ctx, new(Mutex), maxGoroutines, 0); err != nil || got != 0 {
			return fmt.Errorf("each: Run(10000 goroutines, 0 each) = %d, %v; want 0, nil", got, err)
		}
		return nil
	}})
	add(hostile.Case{Name: "Run/a panicking counter", Param: "counter", Accepts: true, Call: func(ctx context.Context) error {
		boom := Funcs(func(int64) { panic("boom") }, func() int64 { return 0 })
		if _, err := Run(ctx, boom, 4, 10); err == nil || !strings.Contains(err.Error(), "panicked") {
			return fmt.Errorf("counter: Run(panicking counter) = %v, want an error saying it panicked", err)
		}
		return nil
	}})
	for _, k := range Kinds() {
		add(hostile.Case{Name: "Run/2^32 increments on " + k.Name + ", interrupted", Param: "each", Interrupt: 100 * time.Millisecond,
			Call: func(ctx context.Context) error {
				c := k.New(4)
				defer Close(c)
				_, err := Run(ctx, c, 4, maxOps/4)
				return err
			}})
	}

	add(hostile.Case{Name: "Run/10000 goroutines on one mutex, interrupted", Param: "goroutines", Interrupt: 100 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Run(ctx, new(Mutex), maxGoroutines, maxOps/maxGoroutines)
			return err
		}})

	// NewSharded: 0 or less means GOMAXPROCS, at most 4096 shards; Kind "sharded" clamps to that.
	for _, s := range []int{maxShards + 1, 1 << 40, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("NewSharded/shards=%d", s), Param: "shards", Call: func(context.Context) error {
			_, err := NewSharded(s)
			return err
		}})
	}
	for _, s := range []int{-1, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("NewSharded/shards=%d (GOMAXPROCS)", s), Param: "shards", Accepts: true, Call: func(context.Context) error {
			c, err := NewSharded(s)
			if err == nil && len(c.slots) < 1 {
				err = fmt.Errorf("shards: %d slots, want GOMAXPROCS", len(c.slots))
			}
			return err
		}})
	}
	add(hostile.Case{Name: "Kinds/sharded New(2^40) shares 4096 slots", Param: "workers", Accepts: true, Call: func(ctx context.Context) error {
		c := Kinds()[3].New(1 << 40)
		if got, err := Run(ctx, c, 8, 1000); err != nil || got != 8000 {
			return fmt.Errorf("workers: sharded counter made for 2^40 workers counted %d, %v; want 8000", got, err)
		}
		return nil
	}})
	add(hostile.Case{Name: "Close/nil", Param: "counter", Accepts: true, Call: func(context.Context) error { return Close(nil) }})

	// Measure: every list and value checked before anything runs.
	measure := func(name, param string, s Sweep) {
		add(hostile.Case{Name: "Measure/" + name, Param: param, Call: func(ctx context.Context) error {
			res, err := Measure(ctx, s)
			if err != nil && res != nil {
				return fmt.Errorf("%s: refused with a result: %w", param, err)
			}
			return err
		}})
	}
	for _, o := range []int{-1, math.MinInt, math.MaxInt, maxOps + 1} {
		measure(fmt.Sprintf("Ops=%d", o), "Ops", Sweep{Ops: o})
	}
	for _, g := range []int{0, -1, math.MaxInt, maxGoroutines + 1} {
		measure(fmt.Sprintf("Goroutines=[%d]", g), "Goroutines", Sweep{Goroutines: []int{2, g}})
	}
	measure("Goroutines=2^20 values", "Goroutines", Sweep{Goroutines: make([]int, 1<<20)})
	for _, p := range []int{0, -1, procs.Limit() + 1, 1 << 31, 1<<32 + 1, math.MaxInt} {
		measure(fmt.Sprintf("Procs=[%d]", p), "Procs", Sweep{Procs: []int{1, p}})
	}
	measure("Procs=2^20 values", "Procs", Sweep{Procs: make([]int, 1<<20)})
	for _, tr := range []int{-1, 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Trials=%d", tr), "Trials", Sweep{Trials: tr})
	}
	measure("Kinds=a kind twice", "kind", Sweep{Kinds: []Kind{Kinds()[0], Kinds()[0]}})
	measure("Kinds=a kind without New", "kind", Sweep{Kinds: []Kind{{Name: "x"}}})
	measure("Kinds=a kind without a name", "kind", Sweep{Kinds: []Kind{{New: Kinds()[0].New}}})
	measure("Kinds=17 kinds", "Kinds", Sweep{Kinds: make([]Kind, maxKinds+1)})
	add(hostile.Case{Name: "Measure/a kind that makes a nil counter", Param: "kind", Call: func(ctx context.Context) error {
		_, err := Measure(ctx, Sweep{Kinds: []Kind{{Name: "nil", New: func(int) Counter { return nil }}}, Goroutines: []int{2}, Ops: 100, Trials: 6})
		return err
	}})
	add(hostile.Case{Name: "Measure/duplicate, unsorted Goroutines", Param: "Goroutines", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Measure(ctx, Sweep{Kinds: Kinds()[:1], Goroutines: []int{4, 2, 4}, Ops: 1000, Trials: 6})
		if err == nil && len(res.Costs) != 3 {
			err = fmt.Errorf("Goroutines: %d costs, want 3 (goroutines 1, 2 and 4)", len(res.Costs))
		}
		return err
	}})
	add(hostile.Case{Name: "Measure/2^32 increments per trial, interrupted", Param: "Ops", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Measure(ctx, Sweep{Ops: maxOps, Trials: 6})
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("Ops: interrupted Measure = %w, want ctx's error", err)
			}
			return err
		}})

	hostile.Run(t, cases)
}
