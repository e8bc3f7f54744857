package pool

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts what a learner can type into notebook 05's Parameters cell through the
// sweep (pool.Sweep → Bench → bench.Run) and the pool functions.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	sweep := func(s Sweep) func(context.Context) error {
		return func(ctx context.Context) error {
			b, err := s.Bench()
			if err != nil {
				return err
			}
			_, err = bench.Run(ctx, b)
			return err
		}
	}
	for _, n := range []int{-1, maxItems + 1, math.MaxInt, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("Sweep/Items=%d", n), Param: "items", Call: sweep(Sweep{Items: n})})
	}
	for _, d := range []time.Duration{-1, time.Hour, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Sweep/Wait=%d", d), Param: "wait", Call: sweep(Sweep{Wait: d})})
	}
	for _, n := range []int{-1, maxSquares + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Sweep/Squares=%d", n), Param: "squares", Call: sweep(Sweep{Squares: n})})
	}
	for _, sizes := range [][]int{{0}, {-5}, {math.MaxInt}, {1, 1 << 40}} {
		add(hostile.Case{Name: fmt.Sprintf("Sweep/Sizes=%v", sizes), Param: "Sizes", Call: sweep(Sweep{Sizes: sizes})})
	}
	for _, n := range []int{-1, 1, bench.MaxTrials + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Sweep/Trials=%d", n), Param: "trials", Call: sweep(Sweep{Items: 2, Wait: 1, Squares: 1, Sizes: []int{1}, Trials: n})})
	}
	// The largest batches run until interrupted, and stop.
	add(hostile.Case{Name: "Sweep/4096 items waiting 1s, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
		Call: sweep(Sweep{Items: maxItems, Wait: time.Second, Squares: 1, Sizes: []int{1, 64}})})
	add(hostile.Case{Name: "Sweep/4096 items of 2^24 squares, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
		Call: sweep(Sweep{Items: maxItems, Wait: 1, Squares: maxSquares, Sizes: []int{2}})})
	add(hostile.Case{Name: "Each/4096 goroutines waiting, interrupted", Param: "ctx", Interrupt: 300 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Each(ctx, maxItems, func(ctx context.Context, i int) uint64 { <-ctx.Done(); return 0 })
			return err
		}})
	for _, w := range []int{0, -1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Workers/workers=%d", w), Param: "workers", Call: func(ctx context.Context) error {
			_, err := Workers(ctx, 4, w, func(context.Context, int) uint64 { return 0 })
			return err
		}})
	}
	hostile.Run(t, cases)
}
