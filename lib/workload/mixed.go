package workload

import (
	"context"
	"fmt"
	"time"
)

type mixed struct {
	tasks, work int
	wait        time.Duration
}

// Mixed returns the task of tasks steps, each computing work squares (CPU) and then waiting
// (I/O). More workers than cores still help, by overlapping the waits, until the CPU part fills
// the cores. The checksum is the sum of squares of 1..tasks·work modulo 2⁶⁴, as [SumSquares]
// gives. tasks must be from 1 to 2²⁰, work at least 1, tasks × work at most 2⁴⁰, and wait from
// 0 to one minute.
func Mixed(tasks, work int, wait time.Duration) (Task, error) {
	const task = "mixed"
	if err := validateWait(task, tasks, wait); err != nil {
		return nil, err
	}
	if work < 1 {
		return nil, errSize(task, "work", work, "want at least 1 square per task")
	}
	if squares := mulSat(uint64(tasks), uint64(work)); squares > maxSquares {
		return nil, tooMuch(task, "tasks × work", fmt.Sprintf("%d × %d", tasks, work), float64(tasks)*float64(work),
			"tasks × work", maxSquares, maxSquares, squareCost)
	}
	return mixed{tasks, work, wait}, nil
}

func (t mixed) Name() string {
	return fmt.Sprintf("mixed, %d tasks × (%d squares + %v wait)", t.tasks, t.work, t.wait)
}

func (t mixed) task(ctx context.Context) func(i int) uint64 {
	return func(i int) uint64 {
		lo, hi := uint64(i)*uint64(t.work)+1, uint64(i+1)*uint64(t.work)
		var s uint64
		for a := lo; a <= hi; a += sumSquaresChunk { // in pieces, so that cancelling is quick
			if ctx.Err() != nil {
				return 0
			}
			s += SumSquaresRange(a, min(a+sumSquaresChunk-1, hi))
		}
		if !wait(ctx, t.wait) {
			return 0
		}
		return s
	}
}

func (t mixed) Serial(ctx context.Context) (uint64, error) {
	return serialChunks(ctx, t.tasks, t.task(ctx))
}

func (t mixed) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	return parallelChunks(ctx, workers, t.tasks, t.task(ctx))
}

type serialFraction struct {
	n      int
	s      float64
	serial int // the first serial squares are added by one goroutine
}

// SerialFraction returns the sum of squares of 1..n where the fraction s of the squares (the
// first ⌊s·n⌋) is added by the calling goroutine before the workers start on the rest: Amdahl's
// law in a task, whose speedup on N workers is at most 1/(s + (1−s)/N). The checksum is the same
// as [SumSquares](n). n must be from 1 to 2⁴⁰ and s from 0 to 1.
func SerialFraction(n int, s float64) (Task, error) {
	const task = "serial fraction"
	if err := validateSquares(task, n); err != nil {
		return nil, err
	}
	if !(s >= 0 && s <= 1) { // also catches NaN
		return nil, errSize(task, "s", s, "want a fraction from 0 to 1")
	}
	return serialFraction{n, s, int(s * float64(n))}, nil
}

func (t serialFraction) Name() string {
	return fmt.Sprintf("sum of squares with serial fraction s=%g, n=%d", t.s, t.n)
}

func (t serialFraction) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t serialFraction) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	first := sumSquares{t.serial}
	var sum uint64
	if t.serial > 0 {
		k := chunksFor(t.serial, sumSquaresChunk, 1)
		s, err := serialChunks(ctx, k, first.chunk(k))
		if err != nil {
			return 0, err
		}
		sum = s
	}
	rest := t.n - t.serial
	if rest == 0 {
		return sum, nil
	}
	k := chunksFor(rest, sumSquaresChunk, workers)
	s, err := parallelChunks(ctx, workers, k, func(c int) uint64 {
		lo, hi := span(rest, k, c)
		return SumSquaresRange(uint64(t.serial+lo)+1, uint64(t.serial+hi))
	})
	return sum + s, err
}

type stream struct {
	a, b   []float64
	passes int
}

// Stream returns the memory-bound task Σ aᵢ·bᵢ over two arrays of n float64s (16·n bytes), done
// passes times: each element is used once per pass, so the time goes to moving data from memory
// and more cores help only until the memory bus is full. aᵢ = i mod 1000 and bᵢ = i mod 7, so the
// sum is an exact integer whatever the order; the checksum is passes times it. n must be from 1 to
// 2²⁸ and the arrays must fit in half the available memory; passes from 1 to 1000.
func Stream(n, passes int) (Task, error) {
	const task = "stream"
	if n < 1 || n > maxStreamN {
		return nil, errSize(task, "n", n, fmt.Sprintf("want from 1 to %d elements per array (%s for the two)", maxStreamN, bytesString(16*maxStreamN)))
	}
	if passes < 1 || passes > 1000 {
		return nil, errSize(task, "passes", passes, "want from 1 to 1000 passes over the arrays")
	}
	if err := validateMemory(task, "n", n, func(v int) uint64 { return mulSat(16, uint64(v)) }); err != nil {
		return nil, err
	}
	t := stream{make([]float64, n), make([]float64, n), passes}
	for i := range n {
		t.a[i], t.b[i] = float64(i%1000), float64(i%7)
	}
	return t, nil
}

func (t stream) Name() string {
	return fmt.Sprintf("stream (dot product), n=%d, passes=%d", len(t.a), t.passes)
}

const streamChunk = 1 << 16 // 1 MiB of data per chunk

// chunk returns the work of chunk c of k per pass: pass c/k, piece c%k.
func (t stream) chunk(k int) func(c int) uint64 {
	return func(c int) uint64 {
		lo, hi := span(len(t.a), k, c%k)
		a, b := t.a[lo:hi], t.b[lo:hi:hi]
		var s0, s1 float64
		for i := 0; i+1 < len(a); i += 2 {
			s0 += a[i] * b[i]
			s1 += a[i+1] * b[i+1]
		}
		if len(a)%2 == 1 {
			s0 += a[len(a)-1] * b[len(a)-1]
		}
		return uint64(s0 + s1)
	}
}

func (t stream) Serial(ctx context.Context) (uint64, error) {
	k := chunksFor(len(t.a), streamChunk, 1)
	return serialChunks(ctx, k*t.passes, t.chunk(k))
}

func (t stream) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k := chunksFor(len(t.a), streamChunk, workers)
	return parallelChunks(ctx, workers, k*t.passes, t.chunk(k))
}
