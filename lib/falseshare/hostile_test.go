package falseshare

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	measure := func(name, param string, cfg Config) {
		add(hostile.Case{Name: "Measure/" + name, Param: param, Call: func(ctx context.Context) error {
			res, err := Measure(ctx, cfg)
			if err != nil && res.Bench != nil {
				return fmt.Errorf("%s: refused after measuring: %w", param, err)
			}
			return err
		}})
	}

	// Measure: Workers 2 … 1024 (0: GOMAXPROCS), Ops from one per worker to 2³⁴, Trials 6 … 1000.
	for _, w := range []int{-1, 1, maxWorkers + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Workers=%d", w), "Workers", Config{Workers: w})
	}
	for _, o := range []int{-1, 1, math.MaxInt, math.MinInt, maxOps + 1} {
		measure(fmt.Sprintf("Ops=%d", o), "Ops", Config{Workers: 2, Ops: o})
	}
	for _, tr := range []int{-1, 1, maxTrials + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Trials=%d", tr), "Trials", Config{Trials: tr})
	}
	add(hostile.Case{Name: "Measure/the smallest", Param: "Ops", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Measure(ctx, Config{Workers: 2, Ops: 2, Trials: 6})
		if err == nil && len(res.Bars) != 2*len(Layouts()) {
			err = fmt.Errorf("Ops: %d bars, want %d", len(res.Bars), 2*len(Layouts()))
		}
		return err
	}})
	add(hostile.Case{Name: "Measure/Workers=1024 (the most)", Param: "Workers", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Measure(ctx, Config{Workers: maxWorkers, Ops: 1 << 14, Trials: 6})
		if err == nil && len(res.Bars) != 2*len(Layouts()) {
			err = fmt.Errorf("Workers: %d bars, want %d", len(res.Bars), 2*len(Layouts()))
		}
		return err
	}})
	// (64 workers below, not 1024: with a thousand goroutines spinning on atomics under -race, the
	// goroutine that cancels the context waits seconds for its turn on a core.)
	add(hostile.Case{Name: "Measure/Workers=64, 2^34 increments per trial, interrupted", Param: "Ops", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Measure(ctx, Config{Workers: 64, Ops: maxOps, Trials: 6})
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("Ops: interrupted Measure = %w, want ctx's error", err)
			}
			return err
		}})
	for _, l := range Layouts() {
		add(hostile.Case{Name: "task.Run/64 workers, " + l.Name + ", 2^34 increments, interrupted", Param: "Ops", Interrupt: 100 * time.Millisecond,
			Call: func(ctx context.Context) error {
				_, err := task{l, maxOps}.Run(ctx, 64)
				return err
			}})
	}
	add(hostile.Case{Name: "Layouts/changing the result changes nothing", Param: "Layouts", Accepts: true, Call: func(context.Context) error {
		l := Layouts()
		l[0].Stride = -1
		if Layouts()[0].Stride != 8 {
			return fmt.Errorf("Layouts: a change to one result showed in the next")
		}
		return nil
	}})

	hostile.Run(t, cases)
}
