package logreport

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into notebook 06's Parameters cell (logLines,
// workers) through Generate and Parallel.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, v := range []int{-1, 0, MaxLines + 1, math.MaxInt, math.MinInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Generate/lines=%d", v), Param: "lines", Call: func(context.Context) error {
			_, err := Generate(v, 1)
			return err
		}})
	}
	for _, v := range []int{-1, 0, 10_001, math.MaxInt, math.MinInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Parallel/workers=%d", v), Param: "workers", Call: func(context.Context) error {
			_, err := Parallel(ParsePart, v)
			return err
		}})
	}
	cases = append(cases, hostile.Case{Name: "Parallel/10000 workers on 10 lines", Param: "workers", Accepts: true, Call: func(context.Context) error {
		log, err := Generate(10, 1)
		if err != nil {
			return err
		}
		for _, part := range Parts() {
			p, err := Parallel(part, 10_000)
			if err != nil {
				return err
			}
			if p.Run(log) != Report(log) {
				return fmt.Errorf("workers: %s on 10 000 workers gave another report", part)
			}
		}
		return nil
	}})
	hostile.Run(t, cases)
}
