package liveness

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Asking is how the polite goroutine of [Starvation] asks for the lock.
type Asking int

const (
	// TryAndSleep: mu.TryLock(), and when the lock is taken, sleep a little and try again. TryLock never
	// queues, so the runtime cannot hand the lock to a goroutine that asks this way.
	TryAndSleep Asking = iota
	// Lock: mu.Lock(), which queues. sync.Mutex switches to starvation mode when a waiter has waited more
	// than 1 ms: from then on Unlock hands the lock straight to the longest waiter instead of letting the
	// running goroutine take it again.
	Lock
)

func (a Asking) String() string {
	if a == Lock {
		return "mu.Lock() (queues; starvation mode after 1 ms)"
	}
	return "mu.TryLock(), sleep, try again"
}

// Starvation is notebook 05's starvation: a greedy goroutine takes a sync.Mutex, holds it for Hold,
// lets go and takes it again at once, for Duration; a polite goroutine needs the same lock now and then
// (every Pause, for a moment) and asks for it as Asking says. Zero fields take the defaults in brackets.
type Starvation struct {
	Asking   Asking
	Duration time.Duration // how long the greedy goroutine runs, 10 ms … 5 s [100 ms]
	Hold     time.Duration // how long it holds the lock each time, 10 µs … 10 ms [200 µs]
	Pause    time.Duration // how long the polite goroutine waits between its needs, 10 µs … 100 ms [2 ms]
}

// StarvationRun is a Run with the polite goroutine's waits.
type StarvationRun struct {
	Run
	// Asked counts the times the polite goroutine needed the lock, Got the times it got it (Progress[1]).
	Asked, Got int
	// LongestWait is the polite goroutine's longest wait for the lock, up to the end of the run when it
	// never got it.
	LongestWait time.Duration
}

// Run runs the two goroutines for Duration and records when each held the lock and when the polite one
// waited. Every goroutine has ended when it returns: the polite one gives up waiting when the run ends.
// When ctx ends, the run ends early and returns with ctx's error.
func (s Starvation) Run(ctx context.Context) (*StarvationRun, error) {
	if s.Duration == 0 {
		s.Duration = 100 * time.Millisecond
	}
	if s.Hold == 0 {
		s.Hold = 200 * time.Microsecond
	}
	if s.Pause == 0 {
		s.Pause = 2 * time.Millisecond
	}
	switch {
	case s.Asking != TryAndSleep && s.Asking != Lock:
		return nil, fmt.Errorf("liveness: Asking = %d is not allowed: want liveness.TryAndSleep or liveness.Lock", int(s.Asking))
	case s.Duration < 10*time.Millisecond || s.Duration > 5*time.Second:
		return nil, fmt.Errorf("liveness: Duration = %v is not allowed: want 10ms to 5s", s.Duration)
	case s.Hold < 10*time.Microsecond || s.Hold > 10*time.Millisecond:
		return nil, fmt.Errorf("liveness: Hold = %v is not allowed: want 10µs to 10ms", s.Hold)
	case s.Pause < 10*time.Microsecond || s.Pause > 100*time.Millisecond:
		return nil, fmt.Errorf("liveness: Pause = %v is not allowed: want 10µs to 100ms", s.Pause)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, s.Duration)
	defer cancel()
	res := &StarvationRun{Run: Run{Title: s.Asking.String(), Goroutines: []string{"greedy", "polite"}, Progress: make([]int, 2)}}
	most := int(s.Duration/s.Hold) + 4
	log := spans.New[Activity](2, min(2*most, 1<<16))
	var (
		mu     sync.Mutex
		over   atomic.Bool // the run has ended
		wg     sync.WaitGroup
		polite = &res.Progress[1]
	)
	wg.Go(func() { // greedy: take the lock, hold it, let go, take it again at once
		defer log.Stop(0)
		for ctx.Err() == nil {
			mu.Lock()
			log.Set(0, Working)
			time.Sleep(s.Hold)
			res.Progress[0]++
			log.Stop(0)
			mu.Unlock()
		}
		over.Store(true)
	})
	wg.Go(func() { // polite: now and then it needs the lock for a moment
		defer log.Stop(1)
		for ctx.Err() == nil {
			res.Asked++
			asked := log.Now()
			log.Set(1, Waiting)
			got := false
			switch s.Asking {
			case Lock:
				mu.Lock() // the greedy goroutine stops taking it once the run is over, so this returns
				got = !over.Load()
			default:
				for !got && ctx.Err() == nil {
					if got = mu.TryLock(); !got {
						time.Sleep(s.Hold / 4)
					}
				}
			}
			wait := log.Now() - asked
			res.LongestWait = max(res.LongestWait, wait)
			if got {
				log.Set(1, Working)
				time.Sleep(10 * time.Microsecond)
				*polite++
				res.Got++
			}
			log.Stop(1)
			if got || s.Asking == Lock {
				mu.Unlock()
			}
			if !got {
				return
			}
			sleepCtx(ctx, s.Pause)
		}
	})
	wg.Wait()
	res.Elapsed = log.Now()
	res.Spans, _ = log.Spans()
	return res, parent.Err()
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// Describe says what the polite goroutine got.
func (r *StarvationRun) Describe() string {
	if r == nil {
		return ""
	}
	s := fmt.Sprintf("**%s**: the greedy goroutine took the lock %s; the polite one needed it %s and got it %s",
		r.Title, times(r.Progress[0]), times(r.Asked), times(r.Got))
	if r.Got == 0 {
		return s + fmt.Sprintf(" — never, though it kept asking for %v: **starved**.", r.LongestWait.Round(time.Millisecond))
	}
	return s + fmt.Sprintf("; its longest wait was **%v**.", round.Duration(r.LongestWait))
}

// times says how many times: "once", "5 times".
func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
