package pool

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

// BenchmarkOverhead: what running an empty item costs on a pool (a channel hand-off to a worker) and
// on a goroutine of its own (a goroutine start), per item.
func BenchmarkOverhead(b *testing.B) {
	empty := func(context.Context, int) uint64 { return 1 }
	const items = 1024
	b.Run("pool-4", func(b *testing.B) {
		for b.Loop() {
			Workers(context.Background(), items, 4, empty)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
	b.Run("per-item", func(b *testing.B) {
		for b.Loop() {
			Each(context.Background(), items, empty)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*items), "ns/item")
	})
}

// fedOneByOne is Workers as it was first written, for BenchmarkFeeder: the caller feeds the item numbers
// on an unbuffered channel, one send per item, while the workers run.
func fedOneByOne(items, workers int, do Item) uint64 {
	jobs := make(chan int)
	var (
		total atomic.Uint64
		wg    sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			var sum uint64
			for i := range jobs {
				sum += do(context.Background(), i)
			}
			total.Add(sum)
		})
	}
	for i := range items {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return total.Load()
}

// BenchmarkFeeder: 32 CPU-bound items (2¹⁸ squares each) on a pool of GOMAXPROCS workers, with the
// queue filled first (Workers) and fed by the caller one send at a time, per batch. The second leaves a
// core idle while the woken feeder waits behind a busy worker (see Workers).
func BenchmarkFeeder(b *testing.B) {
	task, err := CPUBatch(32, 1<<18)
	if err != nil {
		b.Fatal(err)
	}
	do := task.(batch).item
	procs := runtime.GOMAXPROCS(0)
	b.Run("queued", func(b *testing.B) {
		for b.Loop() {
			Workers(context.Background(), 32, procs, do)
		}
	})
	b.Run("fed", func(b *testing.B) {
		for b.Loop() {
			fedOneByOne(32, procs, do)
		}
	})
}
