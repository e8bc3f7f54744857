package leak

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs: the values a notebook cell passes to Find and Replicas.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, d := range []time.Duration{-1, time.Microsecond, maxLimit + 1, math.MaxInt64, math.MinInt64} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Find/limit=%d", d), Param: "limit", Call: func(context.Context) error {
			_, err := Find(d, func() {})
			return err
		}})
	}
	for _, d := range []time.Duration{-1, 11 * time.Second, math.MaxInt64, math.MinInt64} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Replicas/delay=%d", d), Param: "delay", Call: func(context.Context) error {
			_, err := Replicas(time.Millisecond, d)
			return err
		}})
	}
	cases = append(cases, hostile.Case{Name: "Replicas/no delays", Param: "delays", Call: func(context.Context) error {
		_, err := Replicas()
		return err
	}}, hostile.Case{Name: "Replicas/1000 delays", Param: "delays", Call: func(context.Context) error {
		_, err := Replicas(make([]time.Duration, 1000)...)
		return err
	}})
	hostile.Run(t, cases)
}
