package pool

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

// Limits of the batches.
const (
	maxWait    = time.Second
	maxSquares = 1 << 24
)

// Kind says what an item of a batch does.
type Kind int

const (
	// Waits: each item waits (I/O-bound).
	Waits Kind = iota
	// Computes: each item computes (CPU-bound).
	Computes
)

func (k Kind) String() string {
	if k == Computes {
		return "CPU-bound"
	}
	return "I/O-bound"
}

// batch is a workload.Task: items items of one kind, on a pool of workers or a goroutine each.
type batch struct {
	kind    Kind
	items   int
	wait    time.Duration // Waits
	squares int           // Computes
}

// IOBatch returns the batch of items waits of wait each (1 … 4096 items, 0 … 1 s). Its checksum is
// Σ (i+1)² over the items.
func IOBatch(items int, wait time.Duration) (workload.Task, error) {
	switch {
	case items < 1 || items > maxItems:
		return nil, fmt.Errorf("pool: IOBatch: items = %d is not allowed: want 1 to %d", items, maxItems)
	case wait < 0 || wait > maxWait:
		return nil, fmt.Errorf("pool: IOBatch: wait = %v is not allowed: want 0 to %v per item", wait, maxWait)
	}
	return batch{kind: Waits, items: items, wait: wait}, nil
}

// CPUBatch returns the batch of items sums of squares of squares numbers each (1 … 4096 items, 1 … 2²⁴
// squares; 2¹⁸ squares take about 0.2 ms on a current core). Item i adds the squares of
// i·squares+1 … (i+1)·squares, so the checksum is the sum of the squares of 1 … items·squares, modulo 2⁶⁴.
func CPUBatch(items, squares int) (workload.Task, error) {
	switch {
	case items < 1 || items > maxItems:
		return nil, fmt.Errorf("pool: CPUBatch: items = %d is not allowed: want 1 to %d", items, maxItems)
	case squares < 1 || squares > maxSquares:
		return nil, fmt.Errorf("pool: CPUBatch: squares = %d is not allowed: want 1 to %d per item", squares, maxSquares)
	}
	return batch{kind: Computes, items: items, squares: squares}, nil
}

func (b batch) Name() string {
	if b.kind == Computes {
		return fmt.Sprintf("CPU-bound batch: %d items of %d squares", b.items, b.squares)
	}
	return fmt.Sprintf("I/O-bound batch: %d items waiting %v", b.items, b.wait)
}

func (b batch) item(ctx context.Context, i int) uint64 {
	if b.kind == Computes {
		lo := uint64(i)*uint64(b.squares) + 1
		return workload.SumSquaresRange(lo, lo+uint64(b.squares)-1)
	}
	if b.wait > 0 {
		t := time.NewTimer(b.wait)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return 0
		}
	}
	return uint64(i+1) * uint64(i+1)
}

func (b batch) Serial(ctx context.Context) (uint64, error) {
	var sum uint64
	for i := range b.items {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		sum += b.item(ctx, i)
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum, nil
}

// Run runs the batch on a pool of workers goroutines, or one goroutine per item when workers ≥ items.
func (b batch) Run(ctx context.Context, workers int) (uint64, error) {
	if workers < 1 || workers > workload.MaxWorkers {
		return 0, fmt.Errorf("pool: %s: workers = %d is not allowed: want 1 to %d", b.Name(), workers, workload.MaxWorkers)
	}
	if workers >= b.items {
		return Each(ctx, b.items, b.item)
	}
	return Workers(ctx, b.items, workers, b.item)
}
