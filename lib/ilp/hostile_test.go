package ilp

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
	for _, v := range []int{-1, 1, 7, maxLength + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Length=%d", v), "Length", Config{Length: v})
	}
	for _, v := range []int{-1, maxReps + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Reps=%d", v), "Reps", Config{Reps: v})
	}
	measure("Length=2^20, Reps=10^6", "Reps", Config{Length: maxLength, Reps: maxReps})
	for _, v := range []int{-1, 1, 5, maxTrials + 1, math.MaxInt, math.MinInt} {
		measure(fmt.Sprintf("Trials=%d", v), "Trials", Config{Trials: v})
	}
	cases = append(cases, hostile.Case{Name: "Measure/the smallest", Param: "Length", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Measure(ctx, Config{Length: minLength, Reps: 1, Trials: 6})
		if err == nil && len(res.Kernels) != 7 {
			err = fmt.Errorf("Length: %d kernels, want 7", len(res.Kernels))
		}
		return err
	}})
	cases = append(cases, hostile.Case{Name: "Measure/2^32 elements per trial, interrupted", Param: "Reps", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Measure(ctx, Config{Length: maxLength, Reps: maxPerRun / maxLength, Trials: 6})
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("Reps: interrupted Measure = %w, want ctx's error", err)
			}
			return err
		}})
	hostile.Run(t, cases)
}
