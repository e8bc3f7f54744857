package counter

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Counter is a count that several goroutines may change at once.
//
// Add adds delta to the count. Value returns the count including every Add that returned before Value
// was called.
type Counter interface {
	Add(delta int64)
	Value() int64
}

// Worker is implemented by counters that give each worker its own part of the count ([Sharded]). [Run]
// and the benchmarks call Worker(i) once in worker i and then use the returned view for every Add.
type Worker interface {
	Counter
	Worker(i int) Counter
}

// Mutex is a counter guarded by a sync.Mutex. Its zero value is a counter at zero, ready to use.
type Mutex struct {
	mu sync.Mutex
	n  int64 // guarded by mu
}

// Add adds delta while holding the lock.
func (c *Mutex) Add(delta int64) {
	c.mu.Lock()
	c.n += delta
	c.mu.Unlock()
}

// Value returns the count, read while holding the lock.
func (c *Mutex) Value() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// Atomic is a counter updated with one atomic read-modify-write instruction. Its zero value is a counter
// at zero, ready to use.
type Atomic struct {
	n atomic.Int64
}

// Add adds delta atomically.
func (c *Atomic) Add(delta int64) { c.n.Add(delta) }

// Value returns the count.
func (c *Atomic) Value() int64 { return c.n.Load() }

// cacheLine is the padding unit of a Sharded slot: 128 bytes, two 64-byte lines, because x86 cores
// prefetch cache lines in adjacent pairs (Go's runtime pads its per-P data the same way on amd64).
const cacheLine = 128

type slot struct {
	n atomic.Int64
	_ [cacheLine - 8]byte
}

// Sharded is a counter split into padded slots, one per worker, so workers never write the same cache
// line; Value sums the slots. Adds through the counter itself go to slot 0; [Sharded.Worker] gives worker
// i a view that adds to its own slot. Make one with [NewSharded]; the zero value has no slots and counts
// in an internal fallback slot.
type Sharded struct {
	slots []slot
	spare slot // used when slots is empty (zero value)
}

// maxShards bounds NewSharded: a slot helps only a worker running on a core of its own, so more slots
// than any machine has cores only cost memory (128 bytes each). Workers beyond the slots share them.
const maxShards = 4096

// NewSharded returns a counter with one slot per shard, 1 … 4096; shards ≤ 0 means
// runtime.GOMAXPROCS(0).
func NewSharded(shards int) (*Sharded, error) {
	if shards <= 0 {
		shards = min(runtime.GOMAXPROCS(0), maxShards)
	}
	if shards > maxShards {
		return nil, fmt.Errorf("counter: NewSharded: shards = %d is not allowed: want 1 to %d (0 means GOMAXPROCS); more slots than cores only cost memory, and workers share slots correctly", shards, maxShards)
	}
	return &Sharded{slots: make([]slot, shards)}, nil
}

func (c *Sharded) slot(i int) *atomic.Int64 {
	if len(c.slots) == 0 {
		return &c.spare.n
	}
	if i < 0 {
		i = -i
	}
	return &c.slots[i%len(c.slots)].n
}

// Add adds delta to slot 0.
func (c *Sharded) Add(delta int64) { c.slot(0).Add(delta) }

// Value returns the sum of all slots. It is exact once the Adds it must include have returned; while
// Adds are running it is some value between the counts before and after them.
func (c *Sharded) Value() int64 {
	sum := c.spare.n.Load()
	for i := range c.slots {
		sum += c.slots[i].n.Load()
	}
	return sum
}

// Worker returns a view of the counter whose Add writes only slot i (modulo the number of shards, so
// more workers than shards share slots, still correctly). Its Value is the whole counter's.
func (c *Sharded) Worker(i int) Counter { return shardView{c, c.slot(i)} }

type shardView struct {
	c *Sharded
	n *atomic.Int64
}

func (v shardView) Add(delta int64) { v.n.Add(delta) }
func (v shardView) Value() int64    { return v.c.Value() }
