package granularity

import (
	"context"
	"fmt"
	"math/bits"
	"sync"
	"sync/atomic"

	"github.com/parlab/parlab/lib/workload"
)

// How is a way of running the tasks.
type How uint8

const (
	// Serial runs the tasks one after another in the calling goroutine.
	Serial How = iota
	// PerTask starts a goroutine for every task and waits for them all.
	PerTask
	// Pool starts workers goroutines that receive one task per channel operation.
	Pool
	// Batched starts the same pool, but each channel operation carries a batch of consecutive tasks
	// holding together at least BatchSquares squares.
	Batched
)

// Hows lists the ways in order.
func Hows() []How { return []How{Serial, PerTask, Pool, Batched} }

// String names the way for a legend.
func (h How) String() string {
	switch h {
	case Serial:
		return "serial loop"
	case PerTask:
		return "goroutine per task"
	case Pool:
		return "pool, one channel send per task"
	case Batched:
		return "pool, tasks sent in batches"
	}
	return fmt.Sprintf("How(%d)", uint8(h))
}

// Key is a one-word name, for benchmark names: serial, pertask, pool, batched.
func (h How) Key() string {
	switch h {
	case Serial:
		return "serial"
	case PerTask:
		return "pertask"
	case Pool:
		return "pool"
	case Batched:
		return "batched"
	}
	return fmt.Sprintf("how%d", uint8(h))
}

// Limits of Run.
const (
	MaxTotal = 1 << 30
	MaxTasks = 1 << 22
	// BatchSquares is the least work one message of the Batched pool carries: 2¹⁴ squares, a few µs.
	BatchSquares = 1 << 14
	// feedAhead is how many jobs the pools' feeder may send before a worker takes one.
	feedAhead = 1024
	// checkEvery is how many squares the serial loop, and a task larger than that, do between two looks
	// at the context: a few µs of work.
	checkEvery = 1 << 14
)

// validate checks Run's parameters and returns the number of tasks.
func validate(how How, total, size, workers int) (int, error) {
	if how > Batched {
		return 0, fmt.Errorf("granularity: how = %d is not a way to run tasks: want Serial, PerTask, Pool or Batched", uint8(how))
	}
	if total < 1 || total > MaxTotal {
		return 0, fmt.Errorf("granularity: total = %d is not allowed: want from 1 to %d squares", total, MaxTotal)
	}
	if size < 1 || size > total {
		return 0, fmt.Errorf("granularity: size = %d is not allowed: want from 1 to total = %d squares per task", size, total)
	}
	tasks := (total-1)/size + 1
	if tasks > MaxTasks {
		return 0, fmt.Errorf("granularity: size = %d cuts total = %d into %d tasks; want at most %d (a goroutine per task would take seconds): use a size of at least %d",
			size, total, tasks, MaxTasks, (total-1)/MaxTasks+1)
	}
	if workers < 1 || workers > workload.MaxWorkers {
		return 0, fmt.Errorf("granularity: workers = %d is not allowed: want from 1 to %d goroutines", workers, workload.MaxWorkers)
	}
	return tasks, nil
}

// span returns the squares of task i: lo to hi, both included.
func span(i, size, total int) (lo, hi uint64) {
	l := i*size + 1
	return uint64(l), uint64(min(l+size-1, total))
}

// sumTask returns the sum of task i's squares. A task of more than checkEvery squares is done in pieces
// of checkEvery, with a look at ctx before each: ok is false when ctx ended the task before its end (the
// sum is then partial). A smaller task is done at once — its feeding loop looks at ctx — so that the
// look costs nothing beside the fine tasks the sweep measures.
func sumTask(ctx context.Context, i, size, total int) (s uint64, ok bool) {
	lo, hi := span(i, size, total)
	if hi-lo < checkEvery {
		return workload.SumSquaresRange(lo, hi), true
	}
	for ; lo <= hi; lo += checkEvery {
		if ctx.Err() != nil {
			return s, false
		}
		s += workload.SumSquaresRange(lo, min(lo+checkEvery-1, hi))
	}
	return s, true
}

// Run sums the squares 1² … total² modulo 2⁶⁴, cut into tasks of size squares, the way how says, on
// workers goroutines (the pools; Serial and PerTask ignore it), and returns the sum. Every way gives
// the same sum. Every goroutine it starts has ended when it returns; a cancelled ctx stops it within
// about a millisecond (the feeding loops look at ctx every 256 tasks or 2¹⁴ squares, and a task larger
// than 2¹⁴ squares looks at it every 2¹⁴ squares) and it returns 0 with ctx's error.
func Run(ctx context.Context, how How, total, size, workers int) (uint64, error) {
	tasks, err := validate(how, total, size, workers)
	if err != nil {
		return 0, err
	}
	// The feeding loops look at ctx every `every` tasks: 256 tasks, or fewer when they are large.
	every := max(1, min(256, checkEvery/size))
	switch how {
	case Serial:
		var s uint64
		for i := range tasks {
			if i%every == 0 && ctx.Err() != nil {
				return 0, ctx.Err()
			}
			x, ok := sumTask(ctx, i, size, total)
			if !ok {
				return 0, ctx.Err()
			}
			s += x
		}
		return s, nil
	case PerTask:
		return perTask(ctx, tasks, size, total, every)
	}
	batch := 1
	if how == Batched {
		batch, every = max(1, BatchSquares/size), 1 // a batch is at least BatchSquares of work
	}
	return pool(ctx, tasks, size, total, workers, batch, every)
}

// perTask starts one goroutine per task; each writes its own slot.
func perTask(ctx context.Context, tasks, size, total, every int) (uint64, error) {
	sums := make([]uint64, tasks)
	var (
		wg  sync.WaitGroup
		cut atomic.Bool // a task was ended by ctx
	)
	for i := range tasks {
		if i%every == 0 && ctx.Err() != nil {
			wg.Wait()
			return 0, ctx.Err()
		}
		wg.Add(1)
		go func() {
			x, ok := sumTask(ctx, i, size, total)
			sums[i] = x
			if !ok {
				cut.Store(true)
			}
			wg.Done()
		}()
	}
	wg.Wait()
	if cut.Load() {
		return 0, ctx.Err()
	}
	var s uint64
	for _, x := range sums {
		s += x
	}
	return s, nil
}

// pool feeds workers goroutines batches of batch consecutive tasks, one channel send per batch; each
// worker keeps its own sum. A worker whose task was ended by ctx takes the jobs left without doing them.
func pool(ctx context.Context, tasks, size, total, workers, batch, every int) (uint64, error) {
	type job struct{ first, end int } // tasks first … end−1
	// The feeder runs ahead of the workers by up to feedAhead jobs. With a buffer of only a few, it
	// blocks on almost every send and is woken by the worker that received — onto that worker's busy
	// core, while the other cores wait for it (pool.Workers explains it; pool.BenchmarkFeeder measures
	// it). A long buffer keeps every worker fed and still costs one send and one receive per job.
	jobs := make(chan job, min((tasks-1)/batch+1, feedAhead))
	sums := make([]uint64, workers)
	var (
		wg  sync.WaitGroup
		cut atomic.Bool // a task was ended by ctx
	)
	for w := range workers {
		wg.Go(func() {
			var s uint64
			stopped := false
			for j := range jobs {
				for i := j.first; i < j.end && !stopped; i++ {
					x, ok := sumTask(ctx, i, size, total)
					s += x
					stopped = !ok
				}
			}
			sums[w] = s
			if stopped {
				cut.Store(true)
			}
		})
	}
	var err error
	for first := 0; first < tasks; first += batch {
		if (first/batch)%every == 0 && ctx.Err() != nil {
			err = ctx.Err()
			break
		}
		jobs <- job{first, min(first+batch, tasks)}
	}
	close(jobs)
	wg.Wait()
	if err == nil && cut.Load() {
		err = ctx.Err()
	}
	if err != nil {
		return 0, err
	}
	var s uint64
	for _, x := range sums {
		s += x
	}
	return s, nil
}

// Sum returns 1² + 2² + … + total² modulo 2⁶⁴ — what Run returns — in closed form, n(n+1)(2n+1)/6,
// computed in 128 bits, so that checking a run costs nothing (total up to MaxTotal).
func Sum(total int) uint64 {
	if total < 1 || total > MaxTotal {
		return 0
	}
	n := uint64(total)
	hi, lo := bits.Mul64(n*(n+1), 2*n+1) // n(n+1) < 2⁶², 2n+1 < 2³²: the product fits in 128 bits
	qLo, _ := bits.Div64(hi%6, lo, 6)
	return qLo
}
