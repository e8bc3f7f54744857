package compare

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts bad arguments through Run, each in a child process (lib/internal/hostile).
func TestHostileInputs(t *testing.T) {
	quick := func(name string) Impl {
		return Impl{Name: name, Run: func(context.Context) error { return nil }}
	}
	reports := func(d time.Duration) Impl {
		return Impl{Name: "reports", Time: func(context.Context) (time.Duration, error) { return d, nil }}
	}
	refused := func(trials int, impls ...Impl) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Run(ctx, "t", trials, 1, impls...)
			if err == nil {
				return fmt.Errorf("accepted: %d entries", len(res.Entries))
			}
			return err
		}
	}
	var cases []hostile.Case
	for label, v := range map[string]int{"0": 0, "-1": -1, "MinInt": math.MinInt, "MaxInt": math.MaxInt, "5": 5} {
		cases = append(cases, hostile.Case{Name: "trials=" + label, Param: "trials", Call: refused(v, quick("a"), quick("b"))})
	}
	for label, d := range map[string]time.Duration{"0": 0, "-1ns": -1, "MinInt": math.MinInt64, "MaxInt": math.MaxInt64} {
		cases = append(cases, hostile.Case{Name: "Time=" + label, Param: "Time", Call: refused(6, quick("a"), reports(d))})
	}
	many := make([]Impl, 1<<16)
	for i := range many {
		many[i] = quick(fmt.Sprint(i))
	}
	cases = append(cases,
		hostile.Case{Name: "impls=nil", Param: "implementations", Call: refused(6)},
		hostile.Case{Name: "impls=one", Param: "implementations", Call: refused(6, quick("a"))},
		hostile.Case{Name: "impls=huge", Param: "implementations", Call: refused(6, many...)},
		hostile.Case{Name: "impl without functions", Param: "implementation 2", Call: refused(6, quick("a"), Impl{Name: "b"})},
		hostile.Case{Name: "impl without name", Param: "implementation 1", Call: refused(6, Impl{Run: quick("").Run}, quick("b"))},
		hostile.Case{Name: "duplicate names", Param: "implementations", Accepts: true, Call: func(ctx context.Context) error {
			res, err := Run(ctx, "t", 6, 1, quick("a"), quick("a"))
			if err != nil || len(res.Entries) != 2 {
				return fmt.Errorf("two implementations named alike: %v, %v; want both timed", res, err)
			}
			return nil
		}},
		// An implementation that runs until cancelled: the warm-up is interrupted (issue 13, defect 8).
		hostile.Case{Name: "interrupted in the warm-up", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
			forever := Impl{Name: "forever", Run: func(ctx context.Context) error { <-ctx.Done(); return fmt.Errorf("killed") }}
			res, err := Run(ctx, "t", 6, 1, quick("a"), forever)
			if res == nil || !res.Partial {
				return fmt.Errorf("interrupted: result %v, error %v; want a partial result", res, err)
			}
			return err
		}},
		hostile.Case{Name: "interrupted in the trials", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
			slow := Impl{Name: "slow", Run: func(ctx context.Context) error {
				select {
				case <-time.After(10 * time.Millisecond):
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			}}
			res, err := Run(ctx, "t", 1000, 1, quick("a"), slow)
			if res == nil || !res.Partial {
				return fmt.Errorf("interrupted: result %v, error %v; want a partial result", res, err)
			}
			return err
		}},
	)
	hostile.Run(t, cases)
}
