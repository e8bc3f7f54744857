package bank

import (
	"time"

	"github.com/parlab/parlab/lib/liveness"
)

// The deadlock demonstration moved to package liveness (notebook 05: liveness.Deadlock records it on a
// timeline). These names forward to it until notebook 04 no longer calls them.

// Order is liveness.Order.
//
// Deprecated: use liveness.Order.
type Order = liveness.Order

// The two orders.
//
// Deprecated: use liveness.Opposite and liveness.Ordered.
const (
	Opposite = liveness.Opposite
	Ordered  = liveness.Ordered
)

// DeadlockError is liveness.DeadlockError.
//
// Deprecated: use liveness.DeadlockError.
type DeadlockError = liveness.DeadlockError

// maxTimeout bounds Deadlock's timeout, as liveness.MaxTimeout.
const maxTimeout = liveness.MaxTimeout

// Deadlock is liveness.Deadlock without its timeline: two transfers locking accounts A and B in the given
// order; a *DeadlockError after timeout (positive, at most 10 s) when they deadlock, and nil when both
// finish. Both goroutines have ended when it returns.
//
// Deprecated: use liveness.Deadlock, which also returns what each transfer did and when.
func Deadlock(order Order, timeout time.Duration) error {
	_, err := liveness.Deadlock(order, timeout)
	return err
}
