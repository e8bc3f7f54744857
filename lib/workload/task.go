package workload

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Task is one piece of work, at one size, that can run serially or on any number of workers and
// says what it computed as a checksum. A Task is safe to run again and again; the tasks of this
// package are also safe to run from several goroutines at once.
type Task interface {
	// Name says what the work is and every parameter of its size, e.g. "sum of squares, n=10000000".
	// Two tasks with the same Name do the same work.
	Name() string
	// Serial does the work in the calling goroutine and returns its checksum. It is the reference
	// a parallel run is checked against.
	Serial(ctx context.Context) (uint64, error)
	// Run does the same work on the given number of worker goroutines (1 to MaxWorkers) and
	// returns the same checksum as Serial. Every goroutine it starts has ended when it returns.
	// When ctx is cancelled it stops within a few milliseconds and returns ctx's error.
	Run(ctx context.Context, workers int) (uint64, error)
}

// MaxWorkers is the most worker goroutines a task of this package runs at once. Each costs at least
// a few KiB of stack, and far more goroutines than chunks of work only wait: ten thousand is more
// than any I/O experiment here needs and stays well under 100 MiB.
const MaxWorkers = 10_000

// quickEnv is the environment variable that turns on quick mode (see Quick).
const quickEnv = "PARLAB_QUICK"

// Quick reports whether quick mode is on: PARLAB_QUICK=1 (or true, yes, on) in the environment, or,
// when PARLAB_QUICK is unset, CI=true, so continuous integration runs small sizes. It reads the
// environment on every call. In quick mode [DefaultSizes] are ten times smaller, and harnesses use
// the fewest trials they allow.
func Quick() bool {
	v, ok := os.LookupEnv(quickEnv)
	if !ok {
		return strings.EqualFold(os.Getenv("CI"), "true")
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// errSize is the error for a size parameter outside what is allowed.
func errSize(task, param string, got any, allowed string) error {
	return fmt.Errorf("workload: %s: %s = %v is not allowed: %s", task, param, got, allowed)
}

// validateWorkers is the common check of Run's workers argument.
func validateWorkers(task string, workers int) error {
	if workers < 1 || workers > MaxWorkers {
		return errSize(task, "workers", workers, fmt.Sprintf("want from 1 to %d worker goroutines", MaxWorkers))
	}
	return nil
}

// span returns the half-open range [lo, hi) of chunk i when n items are cut into chunks pieces
// whose sizes differ by at most one. It needs 0 ≤ i < chunks ≤ n (or n = 0); nothing in it
// overflows: i·q ≤ n.
func span(n, chunks, i int) (lo, hi int) {
	q, r := n/chunks, n%chunks
	lo = i*q + min(i, r)
	hi = lo + q
	if i < r {
		hi++
	}
	return lo, hi
}

// chunksFor returns how many chunks to cut n ≥ 0 items into: enough that one chunk holds at most
// per ≥ 1 items (so cancellation is quick), at least 4 per worker, never more than n, and at least
// 1. It cannot overflow for any n and for workers up to MaxWorkers.
func chunksFor(n, per, workers int) int {
	c := n / per
	if n%per != 0 {
		c++
	}
	c = max(c, 4*min(max(workers, 1), MaxWorkers))
	return max(min(c, n), 1)
}

// serialChunks runs body(0) … body(chunks-1) in order in the calling goroutine and adds their
// checksums, checking ctx between chunks. A body may stop early when ctx is cancelled; its
// checksum is then ignored and ctx's error returned.
func serialChunks(ctx context.Context, chunks int, body func(i int) uint64) (uint64, error) {
	var sum uint64
	for i := range chunks {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		sum += body(i)
	}
	if err := ctx.Err(); err != nil { // cancelled during the last chunk
		return 0, err
	}
	return sum, nil
}

// parallelChunks runs body(0) … body(chunks-1) on workers goroutines, which take the next chunk
// from a shared counter as they finish one (so uneven chunks balance), and adds the checksums.
// Addition modulo 2^64 does not depend on order, so the result equals serialChunks'. It starts at
// most min(workers, chunks) goroutines and stops starting them once ctx is cancelled; all have
// ended when it returns. After ctx is cancelled no new chunk starts.
func parallelChunks(ctx context.Context, workers, chunks int, body func(i int) uint64) (uint64, error) {
	var (
		next  atomic.Int64
		total atomic.Uint64
		wg    sync.WaitGroup
	)
	for range min(workers, chunks) {
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			var sum uint64
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= int64(chunks) {
					break
				}
				sum += body(int(i))
			}
			total.Add(sum)
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return total.Load(), nil
}
