package bounded

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts what a learner can type into notebook 05's Parameters cell through Run and
// Repeat.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	run := func(cfg Config) func(context.Context) error {
		return func(ctx context.Context) error { _, err := Run(ctx, cfg); return err }
	}
	for _, n := range []int{-1, maxTasks + 1, math.MaxInt, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Tasks=%d", n), Param: "Tasks", Call: run(Config{Tasks: n})})
		add(hostile.Case{Name: fmt.Sprintf("Run/Limit=%d", n), Param: "Limit", Call: run(Config{Limit: n})})
	}
	for _, n := range []int{-2, 16, math.MaxInt, math.MinInt} { // -1 means none; 16 is one past the default 16 tasks
		add(hostile.Case{Name: fmt.Sprintf("Run/FailAt=%d", n), Param: "FailAt", Call: run(Config{FailAt: n})})
	}
	for _, d := range []time.Duration{-1, maxCost + 1, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Cost=%d", d), Param: "Cost", Call: run(Config{Cost: d})})
	}
	add(hostile.Case{Name: "Run/Tool=7", Param: "Tool", Call: run(Config{Tool: 7})})
	for _, tool := range []Tool{ErrGroup, Semaphore} {
		add(hostile.Case{Name: fmt.Sprintf("Run/%v, 1000 tasks of 1s, none failing, interrupted", tool), Param: "ctx", Interrupt: 200 * time.Millisecond,
			Call: run(Config{Tool: tool, Tasks: maxTasks, Limit: maxTasks, Cost: maxCost, FailAt: -1})})
	}
	for _, n := range []int{0, -1, 101, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Repeat/runs=%d", n), Param: "runs", Call: func(ctx context.Context) error {
			_, _, err := Repeat(ctx, Config{}, n)
			return err
		}})
	}
	add(hostile.Case{Name: "Repeat/100 runs of 1000 tasks of 1s, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
		_, _, err := Repeat(ctx, Config{Tasks: maxTasks, Limit: 1, Cost: maxCost, FailAt: maxTasks - 1}, 100)
		return err
	}})
	hostile.Run(t, cases)
}
