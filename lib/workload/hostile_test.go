package workload

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// interrupted is how long after the start an interrupted case cancels its context: long enough
// for the run to be well under way (goroutines started, chunks taken).
const interrupted = 200 * time.Millisecond

// runs returns a Call that makes a task and runs it on workers goroutines (0: Serial), for a case
// that is cancelled while it runs and must return the context's error.
func runs(make func() (Task, error), workers int) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		task, err := make()
		if err != nil {
			return fmt.Errorf("making the task: %w", err)
		}
		if workers == 0 {
			_, err = task.Serial(ctx)
		} else {
			_, err = task.Run(ctx, workers)
		}
		if err == nil {
			return errors.New("the run finished before it was cancelled: want a size that cannot")
		}
		return err
	}
}

// runsAgain returns a Call that makes the task once and runs it again and again until a run returns an
// error, which must be the context's: for a task whose largest size may finish, on a fast machine,
// before the case's interrupt comes. The harness bounds the whole call (hostile.Limit).
func runsAgain(make func() (Task, error), workers int) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		task, err := make()
		if err != nil {
			return fmt.Errorf("making the task: %w", err)
		}
		for {
			if _, err := task.Run(ctx, workers); err != nil {
				return err
			}
		}
	}
}

// refuses returns a Call that only makes the task: the case expects an error naming the parameter.
func refuses(make func() (Task, error)) func(context.Context) error {
	return func(context.Context) error {
		task, err := make()
		if err == nil {
			return fmt.Errorf("accepted: made %q", task.Name())
		}
		return err
	}
}

// TestHostileInputs puts every bad value a Parameters cell can pass through every entry point of
// the package, each in a child process (lib/internal/hostile): each must be refused with a sentence
// naming the parameter, and the largest sizes allowed must stop within a second of Interrupt.
func TestHostileInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	var cases []hostile.Case
	add := func(name, param string, call func(context.Context) error) {
		cases = append(cases, hostile.Case{Name: name, Param: param, Call: call})
	}
	interrupt := func(name string, call func(context.Context) error) {
		cases = append(cases, hostile.Case{Name: name, Param: "ctx", Interrupt: interrupted, Call: call})
	}
	ints := map[string]int{"0": 0, "-1": -1, "MinInt": math.MinInt, "MaxInt": math.MaxInt}
	for label, v := range ints {
		add("SumSquares/n="+label, "n", refuses(func() (Task, error) { return SumSquares(v) }))
		add("Primes/n="+label, "n", refuses(func() (Task, error) { return Primes(v) }))
		add("SerialFraction/n="+label, "n", refuses(func() (Task, error) { return SerialFraction(v, 1) }))
		add("Mandelbrot/width="+label, "width", refuses(func() (Task, error) { return Mandelbrot(v, 10, 10) }))
		add("Mandelbrot/height="+label, "height", refuses(func() (Task, error) { return Mandelbrot(10, v, 10) }))
		add("Mandelbrot/iter="+label, "iter", refuses(func() (Task, error) { return Mandelbrot(10, 10, v) }))
		add("MatMul/n="+label, "n", refuses(func() (Task, error) { return MatMul(v) }))
		add("Stream/n="+label, "n", refuses(func() (Task, error) { return Stream(v, 1) }))
		add("Stream/passes="+label, "passes", refuses(func() (Task, error) { return Stream(10, v) }))
		add("Sleep/tasks="+label, "tasks", refuses(func() (Task, error) { return Sleep(v, 0) }))
		add("Mixed/tasks="+label, "tasks", refuses(func() (Task, error) { return Mixed(v, 1, 0) }))
		add("Mixed/work="+label, "work", refuses(func() (Task, error) { return Mixed(1, v, 0) }))
		add("NewServer/capacity="+label, "capacity", func(context.Context) error {
			srv, err := NewServer(0, v)
			if err == nil {
				srv.Close()
				return errors.New("accepted")
			}
			return err
		})
		add("HTTP/requests="+label, "requests", func(context.Context) error {
			srv, err := NewServer(0, 1)
			if err != nil {
				return err
			}
			defer srv.Close()
			_, err = HTTP(srv, v)
			return err
		})
		add("Run/workers="+label, "workers", func(ctx context.Context) error {
			task, err := SumSquares(maxSquares)
			if err != nil {
				return err
			}
			_, err = task.Run(ctx, v)
			return err
		})
	}
	for label, d := range map[string]time.Duration{"-1ns": -1, "MinInt": math.MinInt64, "MaxInt": math.MaxInt64, "1h": time.Hour} {
		add("Sleep/wait="+label, "wait", refuses(func() (Task, error) { return Sleep(1, d) }))
		add("Mixed/wait="+label, "wait", refuses(func() (Task, error) { return Mixed(1, 1, d) }))
		add("NewServer/latency="+label, "latency", func(context.Context) error {
			srv, err := NewServer(d, 1)
			if err == nil {
				srv.Close()
				return errors.New("accepted")
			}
			return err
		})
	}
	for label, s := range map[string]float64{"NaN": nan, "+Inf": inf, "-Inf": -inf, "-1": -1, "2": 2} {
		add("SerialFraction/s="+label, "s", refuses(func() (Task, error) { return SerialFraction(10, s) }))
	}
	// Products of sizes that each pass on their own.
	add("Mandelbrot/width×height×iter=max", "width × height × iter", refuses(func() (Task, error) { return Mandelbrot(maxSide, maxSide, maxIter) }))
	add("Mixed/tasks×work=max", "tasks × work", refuses(func() (Task, error) { return Mixed(maxTasks, maxSquares, 0) }))
	add("HTTP/server=nil", "server", refuses(func() (Task, error) { return HTTP(nil, 1) }))
	add("Run/workers=2^30 on 2^40 squares", "workers", func(ctx context.Context) error { // issue 13, defect 3
		task, err := SumSquares(maxSquares)
		if err != nil {
			return err
		}
		_, err = task.Run(ctx, 1<<30)
		return err
	})

	// The largest sizes allowed run for minutes: Interrupt must stop them within a second.
	interrupt("SumSquares/n=max/Serial", runs(func() (Task, error) { return SumSquares(maxSquares) }, 0))
	interrupt("SumSquares/n=max/workers=max", runs(func() (Task, error) { return SumSquares(maxSquares) }, MaxWorkers))
	interrupt("SerialFraction/n=max,s=1", runs(func() (Task, error) { return SerialFraction(maxSquares, 1) }, 2))
	interrupt("SerialFraction/n=max,s=0", runs(func() (Task, error) { return SerialFraction(maxSquares, 0) }, 2))
	interrupt("Primes/n=max", runs(func() (Task, error) { return Primes(maxPrimesN) }, 2))
	interrupt("Mandelbrot/max work", runs(func() (Task, error) { return Mandelbrot(maxSide, maxSide, maxMandelWork/maxSide/maxSide) }, 2))
	interrupt("Mandelbrot/iter=max", runs(func() (Task, error) { return Mandelbrot(64, 64, maxIter) }, 0))
	// MatMul's constructor takes no context: its matrices are filled (a fraction of a second) before
	// the runs the case interrupts; on a quiet machine one run may end before the interrupt, so it runs
	// again until one is stopped.
	cases = append(cases, hostile.Case{Name: "MatMul/n=max", Param: "ctx", Interrupt: 3 * time.Second,
		Call: runsAgain(func() (Task, error) { return MatMul(maxMatMulN) }, 2)})
	interrupt("Mixed/minutes of work", runs(func() (Task, error) { return Mixed(1<<10, maxSquares>>10, time.Minute) }, 2))
	interrupt("Sleep/tasks=max,wait=1m", runs(func() (Task, error) { return Sleep(maxTasks, time.Minute) }, MaxWorkers))
	interrupt("HTTP/requests=max", func(ctx context.Context) error {
		srv, err := NewServer(time.Minute, 1)
		if err != nil {
			return err
		}
		defer srv.Close()
		return runs(func() (Task, error) { return HTTP(srv, maxTasks) }, 64)(ctx)
	})

	// Documented results at the edges.
	cases = append(cases,
		hostile.Case{Name: "SumSquaresRange/lo>hi", Param: "lo", Accepts: true, Call: func(context.Context) error {
			if got := SumSquaresRange(math.MaxUint64, 0); got != 0 {
				return fmt.Errorf("lo > hi gave %d; want 0", got)
			}
			return nil
		}},
		hostile.Case{Name: "SumSquaresRange/hi=MaxUint64", Param: "hi", Accepts: true, Call: func(context.Context) error {
			if got := SumSquaresRange(math.MaxUint64, math.MaxUint64); got != 1 {
				return fmt.Errorf("(2⁶⁴−1)² mod 2⁶⁴ gave %d; want 1", got)
			}
			return nil
		}},
		hostile.Case{Name: "SumSquares/n=1", Param: "n", Accepts: true, Call: func(ctx context.Context) error {
			task, err := SumSquares(1)
			if err != nil {
				return err
			}
			got, err := task.Run(ctx, MaxWorkers) // far more workers than squares
			if err != nil || got != 1 {
				return fmt.Errorf("1 square on %d workers: %d, %v; want 1", MaxWorkers, got, err)
			}
			return nil
		}},
	)
	hostile.Run(t, cases)
}
