// Package gil runs the classic CPU-bound example — the sum of squares — in CPython, serially, on threads
// and on processes, next to Go's goroutines, so a learner sees on their own machine why Python needs
// processes for CPU parallelism and Go does not.
//
// CPython's global interpreter lock (GIL) lets one thread execute Python bytecode at a time, so threads
// take turns on computing work: concurrent, not parallel. Processes each have their own interpreter and
// lock, so they run in parallel, at the price of starting them and shipping data between them. Go has no
// such lock: GOMAXPROCS goroutines run Go code at the same instant in one process.
//
// The Python program is embedded (sumsq.py) and run with the first python3 that is found; every run's sum
// is checked against Go's. Python 3.13's optional free-threaded build has no GIL: there, threads do run in
// parallel, and the comparison says so by its numbers.
package gil

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/workload"
)

//go:embed sumsq.py
var program []byte

// Python returns the path of a python3 to use — Debian's /usr/bin/python3 first, then python3 on PATH — or
// an error saying that none was found.
func Python() (string, error) {
	if fi, err := os.Stat("/usr/bin/python3"); err == nil && !fi.IsDir() {
		return "/usr/bin/python3", nil
	}
	if p, err := exec.LookPath("python3"); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("gil: no python3 on this machine, so the Python side of the comparison is skipped (install Python 3 to see it)")
}

// Bounds of Compare: squares, and threads, processes or goroutines.
const (
	maxN       = 200_000_000
	maxWorkers = 256
)

// Compare times the sum of squares 0² + … + (n−1)² in Python serially, on workers threads and on workers
// processes, and in Go serially and on workers goroutines, trials times each, interleaved (package
// compare). Times include starting the threads, processes or goroutines. The first entry is Python's
// serial run, so VsFirst is the speedup over it. Each run's sum (mod 2⁶⁴) is checked against Go's.
// n must be from 1 to 2·10⁸, workers from 1 to 256, trials as compare.Run allows. A cancelled context
// kills the running Python program and returns the partial result with the context's error.
func Compare(ctx context.Context, n, workers, trials int) (*compare.Result, error) {
	if n < 1 || n > maxN {
		return nil, fmt.Errorf("gil: n = %d is not allowed: want 1 to %d squares (CPython takes tens of nanoseconds a square, so %d is seconds a run)", n, maxN, maxN)
	}
	if workers < 1 || workers > maxWorkers {
		return nil, fmt.Errorf("gil: workers = %d is not allowed: want 1 to %d (threads, processes and goroutines each)", workers, maxWorkers)
	}
	py, err := Python()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "parlab-gil-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	script := filepath.Join(dir, "sumsq.py")
	if err := os.WriteFile(script, program, 0o644); err != nil {
		return nil, err
	}
	want := workload.SumSquaresRange(0, uint64(n-1)) // inclusive: 0² + … + (n−1)²
	python := func(mode string) func(context.Context) (time.Duration, error) {
		return func(ctx context.Context) (time.Duration, error) {
			out, err := exec.CommandContext(ctx, py, script, mode, strconv.Itoa(n), strconv.Itoa(workers)).Output()
			if ctx.Err() != nil { // Interrupt killed it: that is the cause, not its exit status
				return 0, ctx.Err()
			}
			if err != nil {
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					why := lastLine(ee.Stderr)
					if why == "" {
						why = ee.String()
					}
					return 0, fmt.Errorf("python %s failed: %s", mode, why)
				}
				return 0, fmt.Errorf("gil: running python %s: %w", mode, err)
			}
			f := strings.Fields(string(out))
			if len(f) != 2 {
				return 0, fmt.Errorf("python %s printed %q, want \"<ns> <sum>\"", mode, bytes.TrimSpace(out))
			}
			ns, err1 := strconv.ParseInt(f[0], 10, 64)
			sum, err2 := strconv.ParseUint(f[1], 10, 64)
			if err1 != nil || err2 != nil {
				return 0, fmt.Errorf("python %s printed %q, want two integers", mode, bytes.TrimSpace(out))
			}
			if sum != want {
				return 0, fmt.Errorf("python %s computed %d, Go %d (mod 2⁶⁴): they must agree", mode, sum, want)
			}
			return time.Duration(ns), nil
		}
	}
	goRun := func(w int) func(context.Context) error {
		return func(ctx context.Context) error {
			got := goSum(n, w)
			if got != want {
				return fmt.Errorf("go on %d goroutines computed %d, want %d", w, got, want)
			}
			return nil
		}
	}
	plural := "s"
	if workers == 1 {
		plural = ""
	}
	return compare.Run(ctx, fmt.Sprintf("sum of squares of %d numbers", n), trials, 1,
		compare.Impl{Name: "Python, serial", Time: python("serial")},
		compare.Impl{Name: fmt.Sprintf("Python, %d thread%s", workers, plural), Time: python("threads")},
		compare.Impl{Name: fmt.Sprintf("Python, %d process%s", workers, map[bool]string{true: "", false: "es"}[workers == 1]), Time: python("processes")},
		compare.Impl{Name: "Go, serial", Run: goRun(1)},
		compare.Impl{Name: fmt.Sprintf("Go, %d goroutine%s", workers, plural), Run: goRun(workers)},
	)
}

// goSum adds the squares of 0 … n−1 (mod 2⁶⁴) on w goroutines, the same split as the Python program.
// Every goroutine has ended when it returns.
func goSum(n, w int) uint64 {
	parts := make([]uint64, w)
	var wg sync.WaitGroup
	q, r := n/w, n%w
	lo := 0
	for i := 0; i < w; i++ {
		hi := lo + q
		if i < r {
			hi++
		}
		wg.Add(1)
		go func(i, lo, hi int) {
			defer wg.Done()
			if hi > lo {
				parts[i] = workload.SumSquaresRange(uint64(lo), uint64(hi-1)) // inclusive bounds
			}
		}(i, lo, hi)
		lo = hi
	}
	wg.Wait()
	var s uint64
	for _, p := range parts {
		s += p
	}
	return s
}

func lastLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.LastIndexByte(s, '\n'); i >= 0 { // Python's traceback ends with the error itself
		s = s[i+1:]
	}
	return s
}

// Describe says in Markdown what a [Compare] result shows: how much faster than serial Python the
// threads, the processes and Go's goroutines were, and, when the processes did not beat the threads,
// why — the cost of starting them at this size, or, on a machine with one logical CPU (r.Env.NumCPU),
// that nothing can run in parallel there, so no size would let them pull ahead. "" when r is not a
// Compare result (fewer than five entries).
func Describe(r *compare.Result) string {
	if r == nil || len(r.Entries) < 5 {
		return ""
	}
	threads, procs, goPar := r.Entries[1], r.Entries[2], r.Entries[4]
	s := fmt.Sprintf("On this machine, %s ran the sum **%.2f×** as fast as serial Python, %s **%.2f×**, and %s **%.0f×**.",
		threads.Name, threads.VsFirst.Value, procs.Name, procs.VsFirst.Value, goPar.Name, goPar.VsFirst.Value)
	oneCore := r.Env.NumCPU == 1 || r.Env.CPUQuota > 0 && r.Env.CPUQuota <= 1
	switch {
	case oneCore:
		s += " This machine has **one core**, so nothing here ran in parallel: Python's threads and processes both take " +
			"turns on it, and the processes also pay for starting, so they cannot pull ahead of the threads however large " +
			"`pythonSquares` is. Go's goroutines took turns too: their lead over Python is Go's speed on one core, not " +
			"parallelism. On two cores or more, the processes and the goroutines run at the same instant."
	case procs.VsFirst.Value <= threads.VsFirst.Value:
		s += " Here the processes were no faster than the threads: at this size, starting the Python processes costs " +
			"about as much as the work they share. Raise `pythonSquares` (say to 20 000 000) and re-run to see them pull ahead."
	}
	return s
}
