package granularity

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into notebook 06's Parameters cell (total,
// workers, trials) through every entry point of the package.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	sweep := func(name, param string, s Sweep) {
		add(hostile.Case{Name: "Sweep/" + name, Param: param, Call: func(ctx context.Context) error {
			_, err := s.Measure(ctx, nil)
			return err
		}})
	}
	for _, v := range []int{-1, MaxTotal + 1, math.MaxInt, math.MinInt} {
		sweep(fmt.Sprintf("Total=%d", v), "total", Sweep{Total: v})
	}
	for _, v := range []int{-1, 10_001, math.MaxInt, math.MinInt} {
		sweep(fmt.Sprintf("Workers=%d", v), "workers", Sweep{Workers: v})
	}
	for _, v := range []int{-1, 1, 1001, math.MaxInt, math.MinInt} {
		sweep(fmt.Sprintf("Trials=%d", v), "Trials", Sweep{Trials: v})
	}
	sweep("Total=2^30 (default sizes: too many tasks)", "size", Sweep{Total: MaxTotal})
	sweep("Sizes=[0]", "size", Sweep{Sizes: []int{0}})
	sweep("Sizes=[MaxInt]", "size", Sweep{Sizes: []int{math.MaxInt}})
	add(hostile.Case{Name: "Sweep/Total=2^30, sizes 2^8 and 2^20, interrupted", Param: "Total", Interrupt: 300 * time.Millisecond,
		Call: func(ctx context.Context) error {
			res, err := Sweep{Total: MaxTotal, Sizes: []int{1 << 8, 1 << 20}, Trials: 6}.Measure(ctx, nil)
			if res == nil || !res.Partial {
				return fmt.Errorf("Total: interrupted, got %v, %v; want a partial result", res, err)
			}
			return err
		}})
	add(hostile.Case{Name: "Sweep/the smallest", Param: "Total", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Sweep{Total: 1, Trials: 6}.Measure(ctx, nil)
		if err == nil && len(res.Points) != 4 {
			err = fmt.Errorf("Total: %d points, want 4", len(res.Points))
		}
		return err
	}})
	scale := func(name, param string, s Scale) {
		add(hostile.Case{Name: "Scale/" + name, Param: param, Call: func(ctx context.Context) error {
			_, err := s.Measure(ctx, nil)
			return err
		}})
	}
	for _, v := range []int{-1, MaxTotal + 1, math.MinInt} {
		scale(fmt.Sprintf("Total=%d", v), "Total", Scale{Total: v})
	}
	for _, v := range []int{-1, 1, math.MaxInt} {
		scale(fmt.Sprintf("Trials=%d", v), "Trials", Scale{Trials: v})
	}
	scale("Workers=[1, MaxInt]", "Workers", Scale{Workers: []int{1, math.MaxInt}})
	add(hostile.Case{Name: "Scale/Total=2^30, interrupted", Param: "Total", Interrupt: 300 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Scale{Total: MaxTotal, Sizes: []int{1 << 20}, Workers: []int{1, 2}, Trials: 6}.Measure(ctx, nil)
			return err
		}})
	for _, c := range []struct {
		name                 string
		total, size, workers int
		param                string
	}{
		{"total=MaxInt", math.MaxInt, 1 << 20, 1, "total"},
		{"size=-1", 100, -1, 1, "size"},
		{"workers=MaxInt", 100, 10, math.MaxInt, "workers"},
	} {
		add(hostile.Case{Name: "Run/" + c.name, Param: c.param, Call: func(ctx context.Context) error {
			_, err := Run(ctx, Pool, c.total, c.size, c.workers)
			return err
		}})
	}
	add(hostile.Case{Name: "Run/per task, 2^22 tasks, interrupted", Param: "size", Interrupt: 100 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := Run(ctx, PerTask, MaxTotal, MaxTotal/MaxTasks, 1)
			if err == nil {
				return errors.New("size: the interrupted run returned no error")
			}
			return err
		}})
	add(hostile.Case{Name: "Simulate/cores=MaxInt", Param: "cores", Call: func(context.Context) error {
		_, err := Simulate(math.MaxInt, time.Second, 0.1, time.Millisecond)
		return err
	}})
	hostile.Run(t, cases)
}
