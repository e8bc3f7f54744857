package gil

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts bad arguments through Compare, each in a child process (lib/internal/hostile),
// and interrupts a comparison while Python runs.
func TestHostileInputs(t *testing.T) {
	refused := func(n, workers, trials int) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Compare(ctx, n, workers, trials)
			if err == nil {
				return fmt.Errorf("accepted: %d entries", len(res.Entries))
			}
			return err
		}
	}
	var cases []hostile.Case
	for label, v := range map[string]int{"0": 0, "-1": -1, "MinInt": math.MinInt, "MaxInt": math.MaxInt} {
		cases = append(cases,
			hostile.Case{Name: "n=" + label, Param: "n", Call: refused(v, 2, 6)},
			hostile.Case{Name: "workers=" + label, Param: "workers", Call: refused(1000, v, 6)},
		)
	}
	if _, err := Python(); err == nil {
		cases = append(cases,
			hostile.Case{Name: "trials=MaxInt", Param: "trials", Call: refused(1000, 2, math.MaxInt)},
			// Issue 13, defect 8: Interrupt while Python runs gave "python threads failed: ".
			hostile.Case{Name: "interrupted", Param: "ctx", Interrupt: 500 * time.Millisecond, Call: func(ctx context.Context) error {
				res, err := Compare(ctx, maxN, 2, 6)
				if res == nil || !res.Partial || !errors.Is(err, context.Canceled) {
					return fmt.Errorf("interrupted: result %v, error %v; want a partial result with the context's error", res, err)
				}
				return err
			}},
		)
	}
	hostile.Run(t, cases)
}
