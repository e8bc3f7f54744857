package liveness

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs: what notebook 05's Parameters cell passes to each experiment.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	for _, d := range []time.Duration{0, -1, time.Millisecond, 2 * time.Minute, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Child/timeout=%d", d), Param: "timeout", Call: func(ctx context.Context) error {
			_, err := Child(ctx, SendAlone, d)
			return err
		}})
	}
	for _, p := range []Program{-1, 5, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Child/program=%d", p), Param: "program", Call: func(ctx context.Context) error {
			_, err := Child(ctx, p, time.Second)
			return err
		}})
	}
	add(hostile.Case{Name: "Child/a hanging program for a minute, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
		_, err := Child(ctx, SendWhileTimer, time.Minute)
		return err
	}})
	for _, d := range []time.Duration{0, -1, MaxTimeout + 1, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Deadlock/timeout=%d", d), Param: "timeout", Call: func(context.Context) error {
			_, err := Deadlock(Opposite, d)
			return err
		}})
	}
	add(hostile.Case{Name: "Deadlock/order=7", Param: "order", Call: func(context.Context) error { _, err := Deadlock(7, time.Second); return err }})
	live := func(l Livelock) func(context.Context) error {
		return func(ctx context.Context) error { _, err := l.Run(ctx); return err }
	}
	add(hostile.Case{Name: "Livelock/Politeness=9", Param: "Politeness", Call: live(Livelock{Politeness: 9})})
	for _, n := range []int{-1, 10_001, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Livelock/Rounds=%d", n), Param: "Rounds", Call: live(Livelock{Rounds: n})})
	}
	for _, d := range []time.Duration{-1, 1, time.Second, math.MaxInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Livelock/Step=%d", d), Param: "Step", Call: live(Livelock{Step: d})})
	}
	add(hostile.Case{Name: "Livelock/10000 rounds of 100ms, interrupted", Param: "ctx", Interrupt: 300 * time.Millisecond,
		Call: live(Livelock{Rounds: 10_000, Step: 100 * time.Millisecond})})
	starve := func(s Starvation) func(context.Context) error {
		return func(ctx context.Context) error { _, err := s.Run(ctx); return err }
	}
	add(hostile.Case{Name: "Starvation/Asking=5", Param: "Asking", Call: starve(Starvation{Asking: 5})})
	for _, d := range []time.Duration{-1, time.Millisecond, time.Minute, math.MaxInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Starvation/Duration=%d", d), Param: "Duration", Call: starve(Starvation{Duration: d})})
	}
	for _, d := range []time.Duration{-1, time.Microsecond, time.Second, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Starvation/Hold=%d", d), Param: "Hold", Call: starve(Starvation{Hold: d})})
		add(hostile.Case{Name: fmt.Sprintf("Starvation/Pause=%d", d), Param: "Pause", Call: starve(Starvation{Pause: d})})
	}
	for _, a := range []Asking{TryAndSleep, Lock} {
		add(hostile.Case{Name: fmt.Sprintf("Starvation/%d, 5s with 10ms holds, interrupted", a), Param: "ctx", Interrupt: 200 * time.Millisecond,
			Call: starve(Starvation{Asking: a, Duration: 5 * time.Second, Hold: 10 * time.Millisecond})})
	}
	hostile.Run(t, cases)
}
