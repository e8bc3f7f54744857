package cache

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through Measure.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	measure := func(name, param string, cfg Config) {
		cases = append(cases, hostile.Case{Name: "Measure/" + name, Param: param, Call: func(ctx context.Context) error {
			_, err := Measure(ctx, cfg)
			return err
		}})
	}
	for _, v := range []int64{-1, 1, minBytes - 1, maxBytes + 1, math.MaxInt64, math.MinInt64} {
		measure(fmt.Sprintf("MinBytes=%d", v), "MinBytes", Config{MinBytes: v})
	}
	for _, v := range []int64{-1, 1, maxBytes + 1, math.MaxInt64, math.MinInt64} {
		measure(fmt.Sprintf("MaxBytes=%d", v), "MaxBytes", Config{MaxBytes: v})
	}
	measure("MaxBytes below MinBytes", "MaxBytes", Config{MinBytes: 1 << 20, MaxBytes: 64 << 10})
	for _, v := range []int{-1, 1, minSteps - 1, maxSteps + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Steps=%d", v), "Steps", Config{Steps: v})
	}
	for _, v := range []int{-1, 1, 5, 1001, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Trials=%d", v), "Trials", Config{Trials: v})
	}
	cases = append(cases, hostile.Case{Name: "Measure/the smallest", Param: "MaxBytes", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Measure(ctx, Config{MinBytes: minBytes, MaxBytes: minBytes, Steps: minSteps})
		if err == nil && len(res.Points) != 1 {
			err = fmt.Errorf("MaxBytes: %d points, want 1", len(res.Points))
		}
		return err
	}})
	cases = append(cases, hostile.Case{Name: "Measure/2^26 steps per chase, interrupted", Param: "Steps", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Measure(ctx, Config{MaxBytes: 8 << 20, Steps: maxSteps, Trials: 1000})
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("Steps: interrupted Measure = %w, want ctx's error", err)
			}
			return err
		}})
	hostile.Run(t, cases)
}
