package liveness

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Order is the order in which the two transfers of [Deadlock] lock accounts A and B.
type Order int

const (
	// Opposite: transfer 1 (A→B) locks A then B, transfer 2 (B→A) locks B then A — each locks its source
	// first. This deadlocks.
	Opposite Order = iota
	// Ordered: both lock A then B, one global order. This cannot deadlock.
	Ordered
)

func (o Order) String() string {
	switch o {
	case Opposite:
		return "opposite order"
	case Ordered:
		return "one global order"
	}
	return fmt.Sprintf("Order(%d)", int(o))
}

// MaxTimeout bounds Deadlock's timeout: the two transfers take microseconds, so a longer wait only keeps
// the caller (a notebook cell) busy.
const MaxTimeout = 10 * time.Second

// DeadlockError reports the deadlock [Deadlock] detected.
type DeadlockError struct {
	// Timeout is how long Deadlock waited for the transfers to finish.
	Timeout time.Duration
}

func (e *DeadlockError) Error() string {
	return fmt.Sprintf("deadlock: after %v neither transfer had finished: transfer 1 (A→B) holds A and "+
		"waits for B, while transfer 2 (B→A) holds B and waits for A. Lock accounts in one global order "+
		"(lower number first) and it cannot happen. (Both goroutines were released; none is left running.)", e.Timeout)
}

// How long a transfer reads its first account before it locks the second, and holds both while it moves
// the money: long enough to see on a timeline.
const (
	readFirst    = 5 * time.Millisecond
	transferWork = time.Millisecond
)

// Deadlock runs two transfers between accounts A and B at the same time, each guarded by a sync.Mutex
// per account, locking in the given order, and records what each did (Run's spans: holding its first
// lock, waiting for its second, working). With Opposite, both take their first lock before either tries
// its second (a barrier makes the unlucky timing certain), so they deadlock — a partial deadlock: the
// rest of the program runs on, so Go's runtime, which reports a deadlock only when every goroutine is
// blocked, says nothing. Deadlock notices when timeout has passed and returns a *DeadlockError. It then
// releases them by unlocking A on behalf of transfer 1, which gives up, so both goroutines have ended
// when Deadlock returns. With Ordered, both finish and the error is nil.
//
// timeout must be positive and at most 10 s; 100 ms is plenty (a transfer holds its first lock 5 ms
// before it takes the second, and both 1 ms).
// Deadlock returns within timeout plus the time the transfers take.
func Deadlock(order Order, timeout time.Duration) (*Run, error) {
	if timeout <= 0 || timeout > MaxTimeout {
		return nil, fmt.Errorf("liveness: timeout is %v; want more than 0 and at most %v", timeout, MaxTimeout)
	}
	if order != Opposite && order != Ordered {
		return nil, fmt.Errorf("liveness: order is %v; want liveness.Opposite or liveness.Ordered", order)
	}
	run := &Run{Title: "locks taken in " + order.String(), Goroutines: []string{"transfer 1 (A→B)", "transfer 2 (B→A)"}, Progress: make([]int, 2)}
	log := spans.New[Activity](2, 8)
	var (
		a, b     sync.Mutex
		holding  sync.WaitGroup // barrier: both hold their first lock (Opposite only)
		rescued  atomic.Bool    // transfer 1's lock on A was released for it
		wg       sync.WaitGroup
		finished = make(chan struct{})
	)
	if order == Opposite {
		holding.Add(2)
	}
	transfer := func(g int, first, second *sync.Mutex, rescuable bool) {
		defer log.Stop(g)
		log.Set(g, Waiting)
		first.Lock()
		log.Set(g, Holding)
		time.Sleep(readFirst) // reads the first account
		if order == Opposite {
			holding.Done()
			holding.Wait()
		}
		log.Set(g, Waiting)
		second.Lock()
		if rescuable && rescued.Load() {
			// Deadlock unlocked first for us and transfer 2 has used it: give up.
			second.Unlock()
			return
		}
		log.Set(g, Working) // the money would move here
		time.Sleep(transferWork)
		run.Progress[g]++
		second.Unlock()
		first.Unlock()
	}
	wg.Go(func() { transfer(0, &a, &b, true) })
	if order == Opposite {
		wg.Go(func() { transfer(1, &b, &a, false) })
	} else {
		wg.Go(func() { transfer(1, &a, &b, false) })
	}
	go func() { wg.Wait(); close(finished) }()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var err error
	select {
	case <-finished:
	case <-timer.C:
		if order == Ordered { // cannot deadlock: the machine is just slow
			<-finished
			break
		}
		holding.Wait() // both hold their first lock, so the deadlock is certain
		rescued.Store(true)
		a.Unlock() // on behalf of transfer 1; allowed: a Mutex is not tied to a goroutine
		<-finished
		err = &DeadlockError{Timeout: timeout}
	}
	run.Elapsed = log.Now()
	run.Spans, _ = log.Spans()
	return run, err
}
