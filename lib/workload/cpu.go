package workload

import (
	"context"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// sumSquaresChunk is the number of squares in one chunk of the sum-of-squares tasks: small enough
// that a worker which starts late (waking a thread takes tens of µs) still gets its share, and
// large enough that taking a chunk (one atomic add) costs under 0.5% of it. BenchmarkChunkSize
// compares it with 2²⁰; BenchmarkChunk times one chunk (see data/numbers).
const sumSquaresChunk = 1 << 16

type sumSquares struct{ n int }

// SumSquares returns the task 1² + 2² + … + n², the classic multiprocessing example. The exact
// sum overflows 64 bits from n ≈ 3.8 million on (at n = 10⁷ it is about 3.3·10²⁰), so the checksum
// is defined as the sum modulo 2⁶⁴: what a uint64 accumulator holds after wrapping, the same in
// Go and in C. n must be from 1 to 2⁴⁰.
func SumSquares(n int) (Task, error) {
	const task = "sum of squares"
	if err := validateSquares(task, n); err != nil {
		return nil, err
	}
	return sumSquares{n}, nil
}

// validateSquares checks the number of squares of a sum-of-squares task.
func validateSquares(task string, n int) error {
	if n < 1 {
		return errSize(task, "n", n, "want at least 1 (the number of squares to add)")
	}
	if n > maxSquares {
		return tooMuch(task, "n", n, float64(n), "n", maxSquares, maxSquares, squareCost)
	}
	return nil
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
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k := chunksFor(t.n, sumSquaresChunk, workers)
	return parallelChunks(ctx, workers, k, t.chunk(k))
}

// SumSquaresRange returns lo² + (lo+1)² + … + hi² modulo 2⁶⁴: the kernel every sum-of-squares
// task runs, the same loop as the C peer in lib/cmd/parlab-bench/peers, one iteration per cycle
// on current x86 cores. It is 0 when lo > hi, and any bounds are allowed (hi = MaxUint64 included);
// the time is proportional to hi − lo, and the caller bounds it.
//
// It is never inlined, so every caller runs this one copy of the loop, which fits in one 32-byte
// block of code: an inlined copy can land across a 32-byte boundary, and then it ran at 2 cycles
// per iteration on the machine parlab was written on — twice the time, for a reason that has
// nothing to do with parallelism. A call per chunk of 2¹⁶ squares costs nothing measurable.
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
// is the count, π(n): π(10⁶) = 78498. n must be from 1 to 2³⁰ (about n^1.5 / (3 ln n) trial
// divisions).
func Primes(n int) (Task, error) {
	const task = "prime counting"
	if n < 1 {
		return nil, errSize(task, "n", n, "want at least 1 (count the primes up to n)")
	}
	if n > maxPrimesN {
		return nil, tooMuch(task, "n", n, primesDivisions(float64(n)), "n", maxPrimesN, primesDivisions(maxPrimesN), divisionCost)
	}
	return primes{n}, nil
}

// primesDivisions estimates the trial divisions of counting the primes up to n: each prime p costs
// √p/2 of them, and there are about n/ln n primes, so ∫ √x/(2 ln x) dx ≈ n^1.5 / (3 ln n).
func primesDivisions(n float64) float64 { return math.Pow(n, 1.5) / (3 * math.Log(max(n, 3))) }

func (t primes) Name() string { return fmt.Sprintf("prime counting, n=%d", t.n) }

const (
	primesChunk     = 8192    // numbers in one chunk
	divisionsBudget = 1 << 18 // trial divisions between two checks of the context
)

func (t primes) chunk(ctx context.Context, k int) func(c int) uint64 {
	return func(c int) uint64 {
		lo, hi := span(t.n, k, c)
		var count uint64
		budget := divisionsBudget
		for m := lo + 1; m <= hi; m++ {
			prime, divisions := trialDivide(m)
			if prime {
				count++
			}
			if budget -= divisions + 1; budget <= 0 {
				if ctx.Err() != nil {
					return 0 // the caller returns ctx's error
				}
				budget = divisionsBudget
			}
		}
		return count
	}
}

// trialDivide reports whether m is prime, by trial division by the odd numbers up to √m, and how
// many divisions that took. m must be below 2⁶² (d·d cannot overflow then).
func trialDivide(m int) (prime bool, divisions int) {
	if m < 2 {
		return false, 0
	}
	if m%2 == 0 {
		return m == 2, 1
	}
	for d := 3; d*d <= m; d += 2 {
		divisions++
		if m%d == 0 {
			return false, divisions
		}
	}
	return true, divisions
}

func (t primes) Serial(ctx context.Context) (uint64, error) {
	k := chunksFor(t.n, primesChunk, 1)
	return serialChunks(ctx, k, t.chunk(ctx, k))
}

func (t primes) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k := chunksFor(t.n, primesChunk, workers)
	return parallelChunks(ctx, workers, k, t.chunk(ctx, k))
}

type mandelbrot struct{ w, h, iter int }

// Mandelbrot returns the task of computing a w×h image of the Mandelbrot set over
// [-2.5, 1] × [-1, 1] with at most iter iterations per pixel, one row per chunk. Rows through the
// set cost far more than rows outside it, so workers take rows as they finish. The checksum is
// Σ iterations(p)·(p+1) over pixel indexes p (row-major), so a row computed in the wrong place
// changes it. w and h must be from 1 to 2¹⁶, iter from 1 to 2²⁴, and w·h·iter (the most
// iterations the image can take) at most 2⁴⁰.
func Mandelbrot(w, h, iter int) (Task, error) {
	const task = "Mandelbrot"
	switch {
	case w < 1 || w > maxSide:
		return nil, errSize(task, "width", w, fmt.Sprintf("want from 1 to %d pixels", maxSide))
	case h < 1 || h > maxSide:
		return nil, errSize(task, "height", h, fmt.Sprintf("want from 1 to %d pixels", maxSide))
	case iter < 1 || iter > maxIter:
		return nil, errSize(task, "iter", iter, fmt.Sprintf("want from 1 to %d iterations per pixel", maxIter))
	}
	if work := uint64(w) * uint64(h) * uint64(iter); work > maxMandelWork { // < 2⁵⁶: no overflow
		return nil, tooMuch(task, "width × height × iter", fmt.Sprintf("%d × %d × %d", w, h, iter),
			float64(work), "width × height × iter", maxMandelWork, maxMandelWork, iterationCost)
	}
	return mandelbrot{w, h, iter}, nil
}

func (t mandelbrot) Name() string {
	return fmt.Sprintf("Mandelbrot, %dx%d pixels, iter=%d", t.w, t.h, t.iter)
}

const (
	maxIter         = 1 << 24 // Mandelbrot's iterations per pixel
	iterationBudget = 1 << 20 // iterations between two checks of the context
)

// row returns the checksum of row y, or 0 when ctx is cancelled during it (checked every 2²⁰
// iterations, a millisecond or so, so that even one pixel of 2²⁴ iterations stops quickly).
func (t mandelbrot) row(ctx context.Context) func(y int) uint64 {
	return func(y int) uint64 { return t.rowSum(ctx, y) }
}

func (t mandelbrot) rowSum(ctx context.Context, y int) uint64 {
	var sum uint64
	ci := -1 + 2*float64(y)/float64(max(t.h-1, 1))
	budget := iterationBudget
	for x := range t.w {
		cr := -2.5 + 3.5*float64(x)/float64(max(t.w-1, 1))
		zr, zi, n := 0.0, 0.0, 0
		for {
			k := min(budget, t.iter-n)
			var steps int
			zr, zi, steps = escape(zr, zi, cr, ci, k)
			n += steps
			if budget -= steps + 1; budget <= 0 {
				if ctx.Err() != nil {
					return 0 // the caller returns ctx's error
				}
				budget = iterationBudget
			}
			if steps < k || n == t.iter { // escaped, or all iterations done
				break
			}
		}
		sum += uint64(n) * uint64(y*t.w+x+1)
	}
	return sum
}

// MandelbrotIterations returns the value Mandelbrot's checksum gives the point c = cr + ci·i: how many
// iterations of z ← z² + c, starting from z = 0, keep |z| ≤ 2, at most iter (iter itself for a point
// that stays: in the set, as far as iter iterations can tell). Package render colours its Mandelbrot
// pixels by it. It takes no context: its time is proportional to the count it returns, at most iter.
func MandelbrotIterations(cr, ci float64, iter int) int {
	_, _, n := escape(0, 0, cr, ci, iter)
	return n
}

// escape iterates z ← z² + c from z for at most k steps, stopping once |z| > 2, and returns the
// last z and the number of steps taken.
func escape(zr, zi, cr, ci float64, k int) (float64, float64, int) {
	n := 0
	for ; n < k && zr*zr+zi*zi <= 4; n++ {
		zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
	}
	return zr, zi, n
}

func (t mandelbrot) Serial(ctx context.Context) (uint64, error) {
	return serialChunks(ctx, t.h, t.row(ctx))
}

func (t mandelbrot) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	return parallelChunks(ctx, workers, t.h, t.row(ctx))
}

// tile is the side of the square blocks of C that MatMul's workers take one at a time. gonum's
// Dgemm works serially below 4 blocks of 64×64, so each tile is one serial gonum call and the only
// parallelism is ours. A tile is 64·64·n multiply-adds: at most 2²³ for n = 2048.
const tile = 64

type matMul struct {
	n    int
	a, b *mat.Dense
}

// MatMul returns the task C = A·B for dense n×n matrices with gonum, computed in 64×64 tiles of C
// handed out to workers. A and B are fixed (aᵢⱼ = ((i+2j) mod 7 − 3)/4, bᵢⱼ = ((3i+j) mod 5 − 2)/2),
// so every product is exact in float64 and the checksum, Σ bits(cᵢⱼ) modulo 2⁶⁴, is the same
// whatever the order. n must be from 1 to 2048 (n³ multiply-adds), and the three matrices
// (24·n² bytes) must fit in half the available memory.
func MatMul(n int) (Task, error) {
	const task = "matrix multiply"
	if n < 1 {
		return nil, errSize(task, "n", n, "want at least 1 (the matrices are n×n)")
	}
	if n > maxMatMulN {
		cube := func(v float64) float64 { return v * v * v }
		return nil, tooMuch(task, "n", n, cube(float64(n)), "n", maxMatMulN, cube(maxMatMulN), multiplyAddCost)
	}
	if err := validateMemory(task, "n", n, func(v int) uint64 { return mulSat(24, mulSat(uint64(v), uint64(v))) }); err != nil {
		return nil, err
	}
	// Row-major, as mat.NewDense takes them. The residues step through small tables instead of
	// dividing: filling 2·2048² entries takes a fraction of a second even under the race detector.
	var as [7]float64
	var bs [5]float64
	for k := range as {
		as[k] = float64(k-3) / 4
	}
	for k := range bs {
		bs[k] = float64(k-2) / 2
	}
	a, b := make([]float64, n*n), make([]float64, n*n)
	for i := range n {
		ka, kb := i%7, (3*i)%5 // (i + 2j) mod 7 and (3i + j) mod 5 at j = 0
		row := n * i
		for j := range n {
			a[row+j], b[row+j] = as[ka], bs[kb]
			if ka += 2; ka >= 7 {
				ka -= 7
			}
			if kb++; kb == 5 {
				kb = 0
			}
		}
	}
	return matMul{n, mat.NewDense(n, n, a), mat.NewDense(n, n, b)}, nil
}

// multiplyAddCost times one 64×64 tile of a matrix product with gonum.
var multiplyAddCost = &cost{unit: "multiply-add", per: tile * tile * tile, run: func() int64 {
	a := mat.NewDense(tile, tile, nil)
	a.Set(1, 2, 3)
	var c mat.Dense
	c.Mul(a, a)
	return int64(c.At(0, 0))
}}

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
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	k, body := t.tiles()
	return parallelChunks(ctx, workers, k, body)
}
