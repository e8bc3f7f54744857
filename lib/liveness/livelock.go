package liveness

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Politeness is what a transfer of [Livelock] does when its second lock is taken.
type Politeness int

const (
	// Mirror: let go of the first lock, step back for one round and try again — exactly what the other
	// does. Two such goroutines in step never get anywhere: a livelock.
	Mirror Politeness = iota
	// RandomBackoff: let go, then wait a random number of rounds (0 or 1, then 0 … 3, doubling: the
	// exponential backoff of Ethernet and of lock managers) before trying again. The two soon fall out
	// of step and one gets both locks.
	RandomBackoff
)

func (p Politeness) String() string {
	if p == RandomBackoff {
		return "polite with random backoff"
	}
	return "polite, both alike"
}

// Livelock is notebook 05's livelock: two transfers (A→B and B→A), each locking its source and then
// trying its destination with TryLock; on failure a transfer is polite — it lets go of its source and
// tries again. Zero fields take the defaults in brackets.
type Livelock struct {
	Politeness Politeness
	// Rounds is how many tries each transfer makes before the run gives up, 1 … 10 000 [40].
	Rounds int
	// Step is how long one step of a round takes — holding a lock before trying the other, stepping
	// back — 10 µs … 100 ms [1 ms].
	Step time.Duration
	// Seed chooses the random backoffs [1].
	Seed uint64
}

// The two steps of a round are kept in step by a barrier: both transfers take their first lock, then
// both try their second. On a real machine the timing that keeps two polite goroutines mirroring each
// other is a matter of bad luck; the barrier makes the bad luck certain, as Deadlock's does.

// Run runs the two transfers until both have made their transfer or Rounds rounds have passed, and
// records every step. A Mirror run makes no progress at all; a RandomBackoff run usually finishes in a
// few rounds. Every goroutine has ended when it returns; when ctx ends it stops after the round in
// progress and returns the run so far with ctx's error.
func (l Livelock) Run(ctx context.Context) (*Run, error) {
	if l.Rounds == 0 {
		l.Rounds = 40
	}
	if l.Step == 0 {
		l.Step = time.Millisecond
	}
	if l.Seed == 0 {
		l.Seed = 1
	}
	switch {
	case l.Politeness != Mirror && l.Politeness != RandomBackoff:
		return nil, fmt.Errorf("liveness: Politeness = %d is not allowed: want liveness.Mirror or liveness.RandomBackoff", int(l.Politeness))
	case l.Rounds < 1 || l.Rounds > 10_000:
		return nil, fmt.Errorf("liveness: Rounds = %d is not allowed: want 1 to 10000", l.Rounds)
	case l.Step < 10*time.Microsecond || l.Step > 100*time.Millisecond:
		return nil, fmt.Errorf("liveness: Step = %v is not allowed: want 10µs to 100ms", l.Step)
	}
	run := &Run{Title: l.Politeness.String(), Goroutines: []string{"transfer 1 (A→B)", "transfer 2 (B→A)"}, Progress: make([]int, 2)}
	log := spans.New[Activity](2, 4*l.Rounds+4)
	var a, b sync.Mutex
	bar := newBarrier(2)
	var wg sync.WaitGroup
	for g := range 2 {
		first, second := &a, &b
		if g == 1 {
			first, second = &b, &a
		}
		rng := rand.New(rand.NewPCG(l.Seed, uint64(g)))
		wg.Go(func() {
			defer log.Stop(g)
			left := false
			leave := func() {
				if !left {
					left = true
					bar.leave()
				}
			}
			defer leave()
			wait, window := 0, 2 // rounds to back off, and the range it is drawn from
			for range l.Rounds {
				if ctx.Err() != nil {
					return
				}
				if wait > 0 { // back off this round: take nothing
					wait--
					log.Set(g, BackingOff)
					bar.wait() // as the other takes its first lock
					time.Sleep(l.Step)
					bar.wait() // as it tries its second
					time.Sleep(l.Step)
					continue
				}
				first.Lock()
				log.Set(g, Holding)
				bar.wait() // both hold their first lock (unless the other backs off)
				time.Sleep(l.Step)
				ok := second.TryLock()
				bar.wait() // both have tried their second while holding their first
				if ok {
					log.Set(g, Working)
					time.Sleep(l.Step)
					run.Progress[g]++
					second.Unlock()
					first.Unlock()
					return
				}
				first.Unlock() // polite: let go
				log.Set(g, Retrying)
				time.Sleep(l.Step)
				if l.Politeness == RandomBackoff {
					wait = rng.IntN(window)
					window = min(2*window, 64)
				}
			}
		})
	}
	wg.Wait()
	run.Elapsed = log.Now()
	run.Spans, _ = log.Spans()
	return run, ctx.Err()
}

// barrier makes its parties wait for each other; a party that leaves no longer counts, and waits
// after leaving return at once.
type barrier struct {
	mu      sync.Mutex // guards the fields below
	parties int
	arrived int
	release chan struct{}
}

func newBarrier(parties int) *barrier {
	return &barrier{parties: parties, release: make(chan struct{})}
}

// wait blocks until every party still in has called wait (for this phase).
func (b *barrier) wait() {
	b.mu.Lock()
	if b.parties <= 1 {
		b.mu.Unlock()
		return
	}
	b.arrived++
	ch := b.release
	if b.arrived >= b.parties {
		b.arrived = 0
		close(b.release)
		b.release = make(chan struct{})
		b.mu.Unlock()
		return
	}
	b.mu.Unlock()
	<-ch
}

// leave takes the caller out of the barrier (at most once per party), releasing the others if they
// were waiting only for it.
func (b *barrier) leave() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.parties == 0 {
		return
	}
	b.parties--
	if b.arrived > 0 && b.arrived >= b.parties {
		b.arrived = 0
		close(b.release)
		b.release = make(chan struct{})
	}
}
