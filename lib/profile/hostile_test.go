package profile

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into notebook 06's Parameters cell
// (profileFor) through CPU.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, v := range []time.Duration{-1, 0, time.Millisecond, time.Hour, math.MaxInt64, math.MinInt64} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("CPU/least=%d", v), Param: "least", Call: func(ctx context.Context) error {
			_, err := CPU(ctx, v, func() {})
			return err
		}})
	}
	cases = append(cases, hostile.Case{Name: "CPU/least=1min, interrupted", Param: "least", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := CPU(ctx, time.Minute, func() { time.Sleep(time.Millisecond) })
			return err
		}})
	hostile.Run(t, cases)
}
