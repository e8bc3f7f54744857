package pool

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/parlab/parlab/lib/workload"
)

// Item is one item's work: it returns the item's checksum, or stops early (its result is then ignored)
// when ctx is done.
type Item func(ctx context.Context, i int) uint64

// maxItems bounds a batch. One goroutine per item must stay cheap (a few KiB each) and under the race
// detector's limit of 8128 goroutines alive at once; a chart shows far fewer sizes anyway.
const maxItems = 4096

func validate(items, workers int, do Item) error {
	switch {
	case do == nil:
		return errors.New("pool: the item function is nil")
	case items < 1 || items > maxItems:
		return fmt.Errorf("pool: items = %d is not allowed: want 1 to %d", items, maxItems)
	case workers < 1 || workers > workload.MaxWorkers:
		return fmt.Errorf("pool: workers = %d is not allowed: want a pool of 1 to %d goroutines", workers, workload.MaxWorkers)
	}
	return nil
}

// Workers runs do for items 0 … items−1 on a pool of workers goroutines: every item number is queued
// on a buffered channel first, then each worker takes the next one as soon as it is free, and the
// checksums are added up. At most min(workers, items) items run at once, however many there are.
//
// The queue is filled before the workers start, not fed by the caller one send at a time: a feeder
// blocked on a send is woken by the worker that receives, and waits on that worker's core — behind
// the item the worker has just taken — while another core has no item to run. With as many workers as
// cores that idles a core for much of the batch (data/numbers has the measurement); a full queue has
// no feeder to wait for.
//
// Every goroutine has ended when it returns. Once ctx is done no new item starts; Workers returns
// ctx's error after the items running have stopped.
func Workers(ctx context.Context, items, workers int, do Item) (uint64, error) {
	if err := validate(items, workers, do); err != nil {
		return 0, err
	}
	jobs := make(chan int, items) // at most maxItems ints
	for i := range items {
		jobs <- i
	}
	close(jobs) // the workers' range loops end when the queue is empty
	var (
		total atomic.Uint64
		wg    sync.WaitGroup
	)
	for range min(workers, items) {
		wg.Go(func() {
			var sum uint64
			for i := range jobs {
				if ctx.Err() != nil {
					return // the items left in the queue are dropped with it
				}
				sum += do(ctx, i)
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

// Each runs do for items 0 … items−1, each in a goroutine of its own, all started at once, and adds
// up the checksums: as many items run at the same time as there are items.
//
// Every goroutine has ended when it returns. Once ctx is done no new goroutine starts; Each returns
// ctx's error after the items running have stopped.
func Each(ctx context.Context, items int, do Item) (uint64, error) {
	if err := validate(items, 1, do); err != nil {
		return 0, err
	}
	var (
		total atomic.Uint64
		wg    sync.WaitGroup
	)
	for i := range items {
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() { total.Add(do(ctx, i)) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return total.Load(), nil
}
