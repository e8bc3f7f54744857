package gotool

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into notebook 06's Parameters cell
// (benchCount) through Bench.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, v := range []int{-1, 0, 101, math.MaxInt, math.MinInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Bench/count=%d", v), Param: "count", Call: func(ctx context.Context) error {
			_, err := Bench(ctx, "./lib/granularity", "Granularity", v, "1x")
			return err
		}})
	}
	hostile.Run(t, cases)
}
