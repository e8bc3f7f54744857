package counter

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// Kind names a way of counting and makes fresh counters of that way.
type Kind struct {
	// Name is short and lower case ("mutex"), fit for a benchmark name or a chart legend.
	Name string
	// New returns a new counter at zero for the given number of workers (only Sharded uses it).
	// Counters that are io.Closers are closed by whoever called New.
	New func(workers int) Counter
}

// Kinds returns the four synchronised kinds: mutex, atomic, channel, sharded.
func Kinds() []Kind {
	return []Kind{
		{Name: "mutex", New: func(int) Counter { return new(Mutex) }},
		{Name: "atomic", New: func(int) Counter { return new(Atomic) }},
		{Name: "channel", New: func(int) Counter { return NewChannel() }},
		{Name: "sharded", New: func(w int) Counter {
			c, _ := NewSharded(min(w, maxShards)) // no error: 0 or less means GOMAXPROCS
			return c
		}},
	}
}

// Close closes c if it is an io.Closer (a Channel counter) and does nothing otherwise.
func Close(c Counter) error {
	if cl, ok := c.(io.Closer); ok {
		return cl.Close()
	}
	return nil
}

// Limits of Run and Measure, so a typo cannot start millions of goroutines or hours of work.
const (
	maxGoroutines = 10_000
	maxOps        = 1 << 32 // increments in one Run, or in one trial of Measure
)

// Run starts goroutines goroutines (1 … 10 000) that each call c.Add(1) each times (goroutines × each
// at most 2³²), waits for all of them, and returns c.Value(). A counter that implements [Worker] is used
// through its per-worker views. If the counter panics in some goroutine, Run still waits for the others
// and returns the first panic as an error. When ctx ends, the goroutines stop within a few thousand
// increments and Run returns ctx's error. Run returns only when every goroutine it started has ended,
// so a counter whose Add never returns (a Lock without its Unlock) makes Run wait for ever: Check
// reports that case with a timeout.
func Run(ctx context.Context, c Counter, goroutines, each int) (int64, error) {
	if err := validateRun(c, goroutines, each); err != nil {
		return 0, err
	}
	if err := run(ctx, c, goroutines, int64(goroutines)*int64(each)); err != nil {
		return 0, err
	}
	return value(c)
}

func validateRun(c Counter, goroutines, each int) error {
	switch {
	case c == nil:
		return errors.New("counter: the counter is nil; pass a counter such as &counter.Atomic{}")
	case goroutines <= 0 || goroutines > maxGoroutines:
		return fmt.Errorf("counter: goroutines is %d; want 1 to %d", goroutines, maxGoroutines)
	case each < 0:
		return fmt.Errorf("counter: each is %d increments per goroutine; want 0 or more", each)
	case int64(goroutines)*int64(each) > maxOps:
		return fmt.Errorf("counter: %d goroutines × %d increments each is %d in all; want at most %d",
			goroutines, each, int64(goroutines)*int64(each), int64(maxOps))
	}
	return nil
}

// chunkFor is how many increments each of goroutines goroutines makes between looks at ctx.Done():
// about 4096 increments by all of them together (at least 16 each), well under 10 ms even for the
// channel counter, whose increments are the dearest, and for goroutines that wait for each other.
func chunkFor(goroutines int) int64 { return int64(max(16, (1<<12)/goroutines)) }

// run splits total increments over goroutines (the first total%goroutines do one more) and waits. The
// goroutines start adding together, once all are running (a spin barrier that yields), so that they
// really contend instead of the first finishing before the last has started. When ctx ends, the
// goroutines stop within a chunk and run returns ctx's error. They look at ctx.Done() without
// blocking, which takes no lock (ctx.Err does, and they would contend for it).
func run(ctx context.Context, c Counter, goroutines int, total int64) error {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error // guarded by mu
	)
	per, extra := total/int64(goroutines), total%int64(goroutines)
	chunk := chunkFor(goroutines)
	done := ctx.Done()
	var ready atomic.Int64 // start barrier: goroutines begin adding once all are running
	for g := range goroutines {
		if isDone(done) {
			break // the barrier below lets the goroutines started so far go when ctx has ended
		}
		n := per
		if int64(g) < extra {
			n++
		}
		wg.Go(func() {
			ready.Add(1) // first, so that a panic below cannot leave the others waiting at the barrier
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("counter: the counter panicked in goroutine %d: %v", g, r)
					}
					mu.Unlock()
				}
			}()
			w := c
			if sh, ok := c.(Worker); ok {
				w = sh.Worker(g)
			}
			for ready.Load() < int64(goroutines) && !isDone(done) {
				runtime.Gosched()
			}
			for n > 0 && !isDone(done) {
				k := min(n, chunk)
				for range k {
					w.Add(1)
				}
				n -= k
			}
		})
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// value calls c.Value, turning a panic into an error.
func value(c Counter) (v int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("counter: Value panicked: %v", r)
		}
	}()
	return c.Value(), nil
}

// isDone reports whether done is closed, without blocking.
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
