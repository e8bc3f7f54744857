package future

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs: what notebook 05's Parameters cell passes to the demo.
func TestHostileInputs(t *testing.T) {
	run := func(d Demo) func(context.Context) error {
		return func(ctx context.Context) error { _, err := d.Run(ctx); return err }
	}
	hostile.Run(t, []hostile.Case{
		{Name: "Demo/lookup -1", Param: "Lookups", Call: run(Demo{Lookups: []time.Duration{-1}})},
		{Name: "Demo/lookup MaxInt64", Param: "Lookups", Call: run(Demo{Lookups: []time.Duration{math.MaxInt64}})},
		{Name: "Demo/100 lookups", Param: "Lookups", Call: run(Demo{Lookups: make([]time.Duration, 100)})},
		{Name: "Demo/Deadline=-1", Param: "Deadline", Call: run(Demo{Deadline: -1})},
		{Name: "Demo/Deadline=MinInt64", Param: "Deadline", Call: run(Demo{Deadline: math.MinInt64})},
		{Name: "Demo/Deadline=1h", Param: "Deadline", Call: run(Demo{Deadline: time.Hour})},
		{Name: "Demo/8 lookups of 2s, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
			Call: run(Demo{Lookups: []time.Duration{2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second, 2 * time.Second}, Deadline: 2 * time.Second})},
	})
}
