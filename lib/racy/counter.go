package racy

import "runtime"

// Counter is the unsynchronised counter: Add is c.n += delta, a read, an add and a write that another
// goroutine can interleave with, losing updates. Its zero value is a counter at zero.
//
// With Yield set, Add calls runtime.Gosched between reading and writing: it makes the scheduler switch
// right in the middle of the update, the moment a preemption would have to hit to lose an update on one
// core.
type Counter struct {
	Yield bool
	n     int64 // deliberately unguarded
}

// Add adds delta without synchronisation.
func (c *Counter) Add(delta int64) {
	v := c.n
	if c.Yield {
		runtime.Gosched()
	}
	c.n = v + delta
}

// Value returns the count without synchronisation.
func (c *Counter) Value() int64 { return c.n }
