package exercise

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/parlab/parlab/lib/compare"
)

// SumFunc is the learner's parallel sum: add up xs using workers goroutines.
type SumFunc func(xs []float64, workers int) float64

// sumCase is one correctness case of CheckParallelSum.
type sumCase struct {
	n, workers int
}

// vector returns n deterministic values whose exact sum is known: 1, 2, …, n scaled by 1/1024 (exact in
// float64 for the sizes used), so any correct order of addition gives exactly n(n+1)/2048.
func vector(n int) ([]float64, float64) {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i+1) / 1024
	}
	return xs, float64(n) * float64(n+1) / 2048
}

// callSum runs fn, turning a panic into an error and a call that takes longer than limit into a "stuck"
// error (the stuck goroutine is left running: the learner's code, not ours, would have to end it).
func callSum(fn SumFunc, xs []float64, workers int, limit time.Duration) (float64, error) {
	type answer struct {
		v   float64
		err error
	}
	done := make(chan answer, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- answer{err: fmt.Errorf("it panicked: %v", r)}
			}
		}()
		done <- answer{v: fn(xs, workers)}
	}()
	select {
	case a := <-done:
		return a.v, a.err
	case <-time.After(limit):
		return 0, fmt.Errorf("it did not return within %v — is a goroutine waiting for something that never comes (a WaitGroup never Done, a channel never sent to)?", limit)
	}
}

// CheckParallelSum checks a learner's parallel sum: the exact total for several lengths and worker counts
// (including more workers than values, and an empty slice), then — on a machine with at least 2 CPUs — a
// speedup of at least 1.3× over one worker with all GOMAXPROCS workers on 4 Mi values, timed
// side by side (package compare, medians of 6 interleaved trials).
func CheckParallelSum(fn SumFunc) (pass bool, message string) {
	if fn == nil {
		return false, "the function is nil: pass your parallelSum, e.g. exercise.CheckParallelSum(parallelSum)."
	}
	cases := []sumCase{{1000, 1}, {1000, 2}, {1000, 3}, {1001, 4}, {7, 16}, {0, 2}, {100_000, runtime.GOMAXPROCS(0)}}
	for _, c := range cases {
		xs, want := vector(c.n)
		got, err := callSum(fn, xs, c.workers, 10*time.Second)
		if err != nil {
			return false, fmt.Sprintf("with %d values and %d workers %v", c.n, c.workers, err)
		}
		if got != want {
			hint := "each goroutine should add its own contiguous chunk into its own variable (or slice element), and the main goroutine should add the partial sums after wg.Wait()."
			switch {
			case got == 0 && want != 0:
				hint = "did you read the partial sums before the goroutines finished? Wait for them (sync.WaitGroup) before adding up."
			case c.n < c.workers:
				hint = "with more workers than values, some chunks are empty: make sure the chunk bounds never go past len(xs)."
			case math.Abs(got) < math.Abs(want):
				hint = "some values were left out (or updates were lost): check that the chunks cover every index exactly once, including the remainder when len(xs) is not a multiple of workers, and that goroutines do not add into one shared variable without synchronisation."
			case math.Abs(got) > math.Abs(want):
				hint = "some values were added twice: check that the chunks do not overlap."
			}
			return false, fmt.Sprintf("with %d values and %d workers the sum is %g, want %g: %s", c.n, c.workers, got, want, hint)
		}
	}
	procs := runtime.GOMAXPROCS(0)
	if procs < 2 {
		return true, fmt.Sprintf("correct for all %d cases. This machine lets Go run only %d goroutine at a time (GOMAXPROCS = %d), so no speedup can be measured here; on a multi-core machine the check also times it.", len(cases), procs, procs)
	}
	xs, _ := vector(4 << 20)
	var sink float64
	res, err := compare.Run(context.Background(), "parallel sum", 6, 1,
		compare.Impl{Name: "1 worker", Run: func(context.Context) error { sink += fn(xs, 1); return nil }},
		compare.Impl{Name: fmt.Sprintf("%d workers", procs), Run: func(context.Context) error { sink += fn(xs, procs); return nil }},
	)
	_ = sink
	if err != nil {
		return false, "the timing failed: " + err.Error()
	}
	s := res.Entries[1].VsFirst.Value
	if s < 1.3 {
		return false, fmt.Sprintf("correct, but with %d workers it ran only %.2f× as fast as with 1 (want at least 1.3×): does your code really start goroutines that run at the same time? Starting them one after another and waiting for each before starting the next is concurrent code that runs serially.", procs, s)
	}
	return true, fmt.Sprintf("correct for all %d cases, and %.2f× as fast with %d workers as with 1 on this machine (median of 6 interleaved runs).", len(cases), s, procs)
}
