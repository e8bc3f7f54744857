package bank

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
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

// maxTimeout bounds Deadlock's timeout: the two transfers take microseconds, so a longer wait only
// keeps the caller (a notebook cell) busy.
const maxTimeout = 10 * time.Second

// DeadlockError reports the deadlock [Deadlock] detected.
type DeadlockError struct {
	// Timeout is how long Deadlock waited for the transfers to finish.
	Timeout time.Duration
}

func (e *DeadlockError) Error() string {
	return fmt.Sprintf("bank: deadlock: after %v neither transfer had finished: transfer 1 (A→B) holds A and "+
		"waits for B, while transfer 2 (B→A) holds B and waits for A. Lock accounts in one global order "+
		"(lower number first) and it cannot happen. (Both goroutines were released; none is left running.)", e.Timeout)
}

// Deadlock runs two transfers between accounts A and B at the same time, each guarded by a sync.Mutex
// per account, locking in the given order. With Opposite, both take their first lock before either
// tries its second (a barrier makes the unlucky timing certain), so they deadlock: Deadlock notices when
// timeout has passed and returns a *DeadlockError. It then releases them by unlocking A on behalf of
// transfer 1, which gives up, so both goroutines have ended when Deadlock returns. With Ordered, both
// finish and Deadlock returns nil.
//
// timeout must be positive and at most 10 s; 100 ms is plenty (two uncontended transfers take
// microseconds). Deadlock returns within timeout plus the time the transfers take.
func Deadlock(order Order, timeout time.Duration) error {
	if timeout <= 0 || timeout > maxTimeout {
		return fmt.Errorf("bank: timeout is %v; want more than 0 and at most %v", timeout, maxTimeout)
	}
	if order != Opposite && order != Ordered {
		return fmt.Errorf("bank: order is %v; want bank.Opposite or bank.Ordered", order)
	}
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
	transfer := func(first, second *sync.Mutex, rescuable bool) {
		first.Lock()
		if order == Opposite {
			holding.Done()
			holding.Wait()
		}
		second.Lock()
		if rescuable && rescued.Load() {
			// Deadlock unlocked first for us and transfer 2 has used it: give up.
			second.Unlock()
			return
		}
		// The money would move here.
		second.Unlock()
		first.Unlock()
	}
	wg.Go(func() { transfer(&a, &b, true) })
	if order == Opposite {
		wg.Go(func() { transfer(&b, &a, false) })
	} else {
		wg.Go(func() { transfer(&a, &b, false) })
	}
	go func() { wg.Wait(); close(finished) }()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case <-finished:
		return nil
	case <-timer.C:
	}
	if order == Ordered { // cannot deadlock: the machine is just slow
		<-finished
		return nil
	}
	holding.Wait() // both hold their first lock, so the deadlock is certain
	rescued.Store(true)
	a.Unlock() // on behalf of transfer 1; allowed: a Mutex is not tied to a goroutine
	<-finished
	return &DeadlockError{Timeout: timeout}
}
