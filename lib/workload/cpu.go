package workload

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Default sizes of the CPU-bound tasks: each takes 30–100 ms serially on one core of the 2-core
// machine parlab was written on (see doc.go), and ten times less in quick mode.
var (
	DefaultSumSquaresN = scaled(100_000_000, 1000)
	DefaultPrimesN     = scaled(2_000_000, 1000)
	DefaultMandelW     = scaled(960, 32)
	DefaultMandelH     = 540
	DefaultMandelIter  = 256
	DefaultMatMulN     = scaled(512, 128)
)

// sumSquaresChunk is the number of squares in one chunk: about 18 µs of work. Small enough that a
// worker which starts late (waking a thread takes tens of µs) still gets its share — 10⁷ squares
// on 2 workers, median of 60: 2.12 ms with 2²⁰ squares per chunk, 1.45 ms with 2¹⁶, OpenMP
// 1.44 ms — and large enough that taking a chunk (one atomic add) costs under 0.5%.
const sumSquaresChunk = 1 << 16

type sumSquares struct{ n int }

// SumSquares returns the task 1² + 2² + … + n², the classic multiprocessing example. The exact
// sum overflows 64 bits from n ≈ 3.8 million on (at n = 10⁷ it is about 3.3·10²⁰), so the checksum
// is defined as the sum modulo 2⁶⁴: what a uint64 accumulator holds after wrapping, the same in
// Go and in C. n must be at least 1.
func SumSquares(n int) (Task, error) {
	if n < 1 {
		return nil, errSize("sum of squares", "n", n, "want at least 1 (the number of squares to add)")
	}
	return sumSquares{n}, nil
}

func (t sumSquares) Name() string { return fmt.Sprintf("sum of squares, n=%d", t.n) }

// chunk returns the sum of i² for i in chunk c of k chunks over 1..n.
func (t sumSquares) chunk(k int) func(c int) uint64 {
	return func(c int) uint64 {
		lo, hi := span(t.n, k, c)
		return SumSquaresRange(uint64(lo)+1, uint64(hi))
	}
}

func (t sumSquares) Serial(ctx context.Context) (uint64, error) {
	k := chunksFor(t.n, sumSquaresChunk, 1)
	return serialChunks(ctx, k, t.chunk(k))
}

func (t sumSquares) Run(ctx context.Context, workers int) (uint64, error) {
	if err := checkWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k := chunksFor(t.n, sumSquaresChunk, workers)
	return parallelChunks(ctx, workers, k, t.chunk(k))
}

// SumSquaresRange returns lo² + (lo+1)² + … + hi² modulo 2⁶⁴: the kernel every sum-of-squares
// task runs, the same loop as the C peer in lib/cmd/parlab-bench/peers. Its loop is 6
// instructions, one iteration per cycle (0.28 ns per square on the machine of doc.go).
//
// It is never inlined, so every caller runs this one copy of the loop, which fits in one 32-byte
// block of code: an inlined copy can land across a 32-byte boundary, and then it ran at 2 cycles
// per iteration on that machine — twice the time, for a reason that has nothing to do with
// parallelism. A call per chunk of 2¹⁶ squares costs nothing measurable.
//
//go:noinline
func SumSquaresRange(lo, hi uint64) uint64 {
	if lo > hi {
		return 0
	}
	var s uint64
	for i := lo; i < hi; i++ { // < rather than ≤, so that hi = MaxUint64 cannot loop forever
		s += i * i
	}
	return s + hi*hi
}

type primes struct{ n int }

// Primes returns the task of counting the primes ≤ n by trial division. Larger numbers cost
// more, so equal chunks take unequal time and workers take chunks as they finish. The checksum
// is the count, π(n): π(10⁶) = 78498. n must be at least 1.
func Primes(n int) (Task, error) {
	if n < 1 {
		return nil, errSize("prime counting", "n", n, "want at least 1 (count the primes up to n)")
	}
	return primes{n}, nil
}

func (t primes) Name() string { return fmt.Sprintf("prime counting, n=%d", t.n) }

const primesChunk = 8192

func (t primes) chunk(k int) func(c int) uint64 {
	return func(c int) uint64 {
		lo, hi := span(t.n, k, c)
		var count uint64
		for m := lo + 1; m <= hi; m++ {
			if isPrime(m) {
				count++
			}
		}
		return count
	}
}

func isPrime(m int) bool {
	if m < 2 {
		return false
	}
	if m%2 == 0 {
		return m == 2
	}
	for d := 3; d*d <= m; d += 2 {
		if m%d == 0 {
			return false
		}
	}
	return true
}

func (t primes) Serial(ctx context.Context) (uint64, error) {
	k := chunksFor(t.n, primesChunk, 1)
	return serialChunks(ctx, k, t.chunk(k))
}

func (t primes) Run(ctx context.Context, workers int) (uint64, error) {
	if err := checkWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k := chunksFor(t.n, primesChunk, workers)
	return parallelChunks(ctx, workers, k, t.chunk(k))
}

type mandelbrot struct{ w, h, iter int }

// Mandelbrot returns the task of computing a w×h image of the Mandelbrot set over
// [-2.5, 1] × [-1, 1] with at most iter iterations per pixel, one row per chunk. Rows through the
// set cost far more than rows outside it, so workers take rows as they finish. The checksum is
// Σ iterations(p)·(p+1) over pixel indexes p (row-major), so a row computed in the wrong place
// changes it. w and h must be at least 1, iter from 1 to 2²⁴.
func Mandelbrot(w, h, iter int) (Task, error) {
	const task = "Mandelbrot"
	switch {
	case w < 1:
		return nil, errSize(task, "width", w, "want at least 1 pixel")
	case h < 1:
		return nil, errSize(task, "height", h, "want at least 1 pixel")
	case iter < 1 || iter > maxIter:
		return nil, errSize(task, "iter", iter, fmt.Sprintf("want from 1 to %d iterations per pixel", maxIter))
	}
	return mandelbrot{w, h, iter}, nil
}

func (t mandelbrot) Name() string {
	return fmt.Sprintf("Mandelbrot, %dx%d pixels, iter=%d", t.w, t.h, t.iter)
}

// maxIter bounds Mandelbrot's iterations per pixel, so that one pixel takes at most about 20 ms.
const maxIter = 1 << 24

// row returns the checksum of row y, or 0 when ctx is cancelled during it (checked after every
// 2²⁰ iterations, about a millisecond, so that even a very wide row stops quickly).
func (t mandelbrot) row(ctx context.Context) func(y int) uint64 {
	return func(y int) uint64 { return t.rowSum(ctx, y) }
}

func (t mandelbrot) rowSum(ctx context.Context, y int) uint64 {
	var sum uint64
	ci := -1 + 2*float64(y)/float64(max(t.h-1, 1))
	budget := 1 << 20
	for x := range t.w {
		if budget <= 0 {
			if ctx.Err() != nil {
				return 0
			}
			budget = 1 << 20
		}
		cr := -2.5 + 3.5*float64(x)/float64(max(t.w-1, 1))
		zr, zi, n := 0.0, 0.0, 0
		for ; n < t.iter && zr*zr+zi*zi <= 4; n++ {
			zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
		}
		budget -= n + 1
		sum += uint64(n) * uint64(y*t.w+x+1)
	}
	return sum
}

func (t mandelbrot) Serial(ctx context.Context) (uint64, error) {
	return serialChunks(ctx, t.h, t.row(ctx))
}

func (t mandelbrot) Run(ctx context.Context, workers int) (uint64, error) {
	if err := checkWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	return parallelChunks(ctx, workers, t.h, t.row(ctx))
}

// tile is the side of the square blocks of C that MatMul's workers take one at a time. gonum's
// Dgemm works serially below 4 blocks of 64×64, so each tile is one serial gonum call and the only
// parallelism is ours.
const tile = 64

type matMul struct {
	n    int
	a, b *mat.Dense
}

// MatMul returns the task C = A·B for dense n×n matrices with gonum, computed in 64×64 tiles of C
// handed out to workers. A and B are fixed (aᵢⱼ = ((i+2j) mod 7 − 3)/4, bᵢⱼ = ((3i+j) mod 5 − 2)/2),
// so every product is exact in float64 and the checksum, Σ bits(cᵢⱼ) modulo 2⁶⁴, is the same
// whatever the order. n must be at least 1; the three matrices must fit in half the available
// memory.
func MatMul(n int) (Task, error) {
	const task = "matrix multiply"
	if n < 1 {
		return nil, errSize(task, "n", n, "want at least 1 (the matrices are n×n)")
	}
	if err := checkMemory(task, "n", n, func(v int) uint64 { return mulSat(24, mulSat(uint64(v), uint64(v))) }); err != nil {
		return nil, err
	}
	a, b := mat.NewDense(n, n, nil), mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			a.Set(i, j, float64((i+2*j)%7-3)/4)
			b.Set(i, j, float64((3*i+j)%5-2)/2)
		}
	}
	return matMul{n, a, b}, nil
}

func (t matMul) Name() string { return fmt.Sprintf("matrix multiply (gonum), n=%d", t.n) }

// tiles returns the work of one run: a chunk function writing into a fresh C.
func (t matMul) tiles() (int, func(c int) uint64) {
	per := (t.n + tile - 1) / tile
	c := mat.NewDense(t.n, t.n, nil)
	return per * per, func(k int) uint64 {
		i0, j0 := (k/per)*tile, (k%per)*tile
		i1, j1 := min(i0+tile, t.n), min(j0+tile, t.n)
		dst := c.Slice(i0, i1, j0, j1).(*mat.Dense)
		dst.Mul(t.a.Slice(i0, i1, 0, t.n), t.b.Slice(0, t.n, j0, j1))
		var sum uint64
		for i := range i1 - i0 {
			for j := range j1 - j0 {
				sum += math.Float64bits(dst.At(i, j))
			}
		}
		return sum
	}
}

func (t matMul) Serial(ctx context.Context) (uint64, error) {
	k, body := t.tiles()
	return serialChunks(ctx, k, body)
}

func (t matMul) Run(ctx context.Context, workers int) (uint64, error) {
	if err := checkWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k, body := t.tiles()
	return parallelChunks(ctx, workers, k, body)
}
