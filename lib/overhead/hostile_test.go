package overhead

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into notebook 06's Parameters cell (trials)
// and the Config's other field through Measure.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, v := range []int{-1, 1, 5, 1001, math.MaxInt, math.MinInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Measure/Trials=%d", v), Param: "Trials", Call: func(ctx context.Context) error {
			_, err := Config{Trials: v}.Measure(ctx, nil)
			return err
		}})
	}
	for _, v := range []time.Duration{-1, 1, time.Hour, math.MaxInt64, math.MinInt64} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Measure/Batch=%d", v), Param: "Batch", Call: func(ctx context.Context) error {
			_, err := Config{Batch: v}.Measure(ctx, nil)
			return err
		}})
	}
	cases = append(cases, hostile.Case{Name: "Measure/Batch=1s, 1000 trials, interrupted", Param: "Batch", Interrupt: 200 * time.Millisecond,
		MaxHeap: 512 << 20, // the 64 MiB table of the cache-miss item
		Call: func(ctx context.Context) error {
			res, err := Config{Batch: 100 * time.Millisecond, Trials: 1000}.Measure(ctx, nil)
			if err == nil || res == nil || !res.Partial {
				return errors.New("Batch: interrupted, want a partial result and the context's error")
			}
			return err
		}})
	hostile.Run(t, cases)
}
