package simd

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

func TestMain(m *testing.M) {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0") // the hostile table starts a process per case
	}
	os.Exit(m.Run())
}

// TestHostileInputs puts bad arguments through Compare, each in a child process (lib/internal/hostile).
func TestHostileInputs(t *testing.T) {
	refused := func(reps, trials int) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Compare(ctx, reps, trials)
			if err == nil {
				return fmt.Errorf("accepted: %d entries", len(res.Entries))
			}
			return err
		}
	}
	var cases []hostile.Case
	for label, v := range map[string]int{"0": 0, "-1": -1, "MinInt": math.MinInt, "MaxInt": math.MaxInt} {
		cases = append(cases,
			hostile.Case{Name: "reps=" + label, Param: "reps", Call: refused(v, 6)},
			hostile.Case{Name: "trials=" + label, Param: "trials", Call: refused(10, v)},
		)
	}
	cases = append(cases, hostile.Case{Name: "interrupted", Param: "ctx", Interrupt: 300 * time.Millisecond, Call: func(ctx context.Context) error {
		res, err := Compare(ctx, maxReps, 1000)
		if res == nil || !res.Partial || !errors.Is(err, context.Canceled) {
			return fmt.Errorf("interrupted: result %v, error %v; want a partial result with the context's error", res, err)
		}
		return err
	}})
	hostile.Run(t, cases)
}
