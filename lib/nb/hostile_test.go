package nb

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/workload"
)

// TestHostileInputs puts the values a Parameters cell can give nb's entry points through them, each
// in a child process (lib/internal/hostile).
func TestHostileInputs(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	var cases []hostile.Case
	// Predict must never print a percentage of nonsense (issue 13, defect 10).
	for _, c := range []struct {
		label           string
		guess, measured float64
	}{
		{"guess=-3", -3, 1.5}, {"guess=+Inf", inf, 1.5}, {"guess=-Inf", -inf, 1.5}, {"guess=MaxFloat", math.MaxFloat64, 1.5},
		{"measured=0", 2, 0}, {"measured=NaN", 2, nan}, {"measured=+Inf", 2, inf}, {"measured=-1", 2, -1},
		{"guess=NaN,measured=NaN", nan, nan}, {"guess=tiny", math.SmallestNonzeroFloat64, 1.5},
	} {
		cases = append(cases, hostile.Case{Name: "Predict/" + c.label, Param: "guess", Accepts: true, Call: func(context.Context) error {
			out := captureStdout(t, func() { Predict("speedup", c.guess, c.measured, "×") })
			if bad := nonsensePercent.FindString(out); bad != "" {
				return fmt.Errorf("printed %q, with %q in it", out, bad)
			}
			return nil
		}})
	}
	// Measure refuses bad sweeps with bench's sentence, before anything runs.
	for label, s := range map[string]bench.Sweep{
		"Workers=MaxInt": {Tasks: []workload.Task{mustTask(workload.SumSquares(10))}, Workers: []int{math.MaxInt}},
		"Procs=2^31":     {Tasks: []workload.Task{mustTask(workload.SumSquares(10))}, Procs: []int{1 << 31}},
		"Trials=MaxInt":  {Tasks: []workload.Task{mustTask(workload.SumSquares(10))}, Trials: math.MaxInt},
	} {
		param := strings.ToLower(strings.SplitN(label, "=", 2)[0])
		if param == "procs" {
			param = "GOMAXPROCS"
		}
		cases = append(cases, hostile.Case{Name: "Measure/" + label, Param: param, Call: func(context.Context) error {
			os.Setenv(cacheEnv, os.TempDir()+"/parlab-hostile-cache")
			res, err := Measure(s)
			if err == nil {
				return fmt.Errorf("accepted: %d points", len(res.Points))
			}
			return err
		}})
	}
	// Kernel → Interrupt during a sweep of the largest size allowed: Measure returns within a second
	// with a partial result and no error, and the kernel lives on.
	cases = append(cases, hostile.Case{Name: "Measure/interrupted", Param: "ctx", Accepts: true, Interrupt: 300 * time.Millisecond,
		Call: func(ctx context.Context) error {
			os.Setenv(cacheEnv, os.TempDir()+"/parlab-hostile-cache")
			task, err := workload.SumSquares(1 << 40)
			if err != nil {
				return err
			}
			res, err := interruptWhenDone(ctx, func() (*bench.Result, error) {
				return Measure(bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}})
			})
			if err != nil || res == nil || !res.Partial {
				return fmt.Errorf("interrupted Measure = %v, %v; want a partial result and no error", res, err)
			}
			return nil
		}})
	cases = append(cases,
		hostile.Case{Name: "Run/nil", Param: "nil function", Call: func(context.Context) error {
			_, err := Run[int](nil)
			return err
		}},
		hostile.Case{Name: "Cached/nil", Param: "nil function", Call: func(context.Context) error {
			_, err := Cached[int]("k", nil)
			return err
		}},
		// A key is any text; it becomes a file name inside the cache folder, never a path out of it.
		hostile.Case{Name: "Cached/key with a path", Param: "key", Accepts: true, Call: func(context.Context) error {
			dir, err := os.MkdirTemp("", "parlab-hostile-cache-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			os.Setenv(cacheEnv, filepath.Join(dir, "cache"))
			if _, err := Cached("../../passwd", func(context.Context, func(bench.Progress)) (int, error) { return 1, nil }); err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(dir, "passwd")); err == nil {
				return errors.New("the key wrote a file outside the cache folder")
			}
			files, _ := filepath.Glob(filepath.Join(dir, "cache", "experiment-*.json"))
			if len(files) != 1 {
				return fmt.Errorf("the cache folder holds %d results; want the one just cached", len(files))
			}
			return nil
		}},
		hostile.Case{Name: "Table/ragged", Param: "rows", Accepts: true, Call: func(context.Context) error {
			captureStdout(t, func() { Table(nil, [][]string{{"a", "b"}, nil, {"c"}}) })
			return nil
		}},
	)
	hostile.Run(t, cases)
}

// nonsensePercent matches a percentage no verdict should print: NaN, infinite, negative, or huge.
var nonsensePercent = regexp.MustCompile(`(NaN|Inf|-[0-9.]+|[0-9.]+e\+[0-9]+|[0-9]{5,}) ?%`)

// interruptWhenDone runs f and sends this process SIGINT, as Kernel → Interrupt does, when ctx is
// done before f returns. It returns once f has, and sends nothing after.
func interruptWhenDone[T any](ctx context.Context, f func() (T, error)) (T, error) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		select {
		case <-ctx.Done():
			syscall.Kill(os.Getpid(), syscall.SIGINT)
		case <-done:
		}
	})
	res, err := f()
	close(done)
	wg.Wait()
	return res, err
}

func mustTask(t workload.Task, err error) workload.Task {
	if err != nil {
		panic(err)
	}
	return t
}
