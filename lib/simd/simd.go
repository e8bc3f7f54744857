// Package simd shows hardware parallelism inside one core: the same dot product as a plain Go loop, one
// multiply-add at a time, and through gonum's floats.Dot, whose amd64 assembly (gonum v0.17.0 has none
// for other architectures: see Kernel and Vectorised) works on two float64 lanes per instruction (SSE2)
// and keeps independent partial sums, so the core can overlap additions that the plain loop must do one
// after another. Both use a single goroutine: any speedup comes from within the core, not from more
// cores. Go's compiler does not vectorise the plain loop by itself. Package ilp separates the
// two effects (notebook 08).
//
// BenchmarkDot times both; data/numbers has the times measured, with the machine they came from.
//
// The vectors are small enough (4096 float64 each, 64 KiB for both) to stay in the L2 cache, so the loop
// is limited by arithmetic rather than memory bandwidth.
package simd

import (
	"context"
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/compare"
	"gonum.org/v1/gonum/floats"
)

// vectorLen is the length of the vectors Compare multiplies: 64 KiB for both, which stay in the L2 cache.
const vectorLen = 4096

// maxReps bounds the dot products of one trial: 10⁶ plain loops of 4096 elements are seconds.
const maxReps = 1_000_000

// dotLoop is the plain loop: one multiply and one add per element, each add waiting for the previous one.
func dotLoop(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// dotSIMD is gonum's floats.Dot: vectorised assembly where gonum has it (amd64), a Go loop elsewhere.
func dotSIMD(a, b []float64) float64 { return floats.Dot(a, b) }

// vectors returns two deterministic vectors of length n.
func vectors(n int) (a, b []float64) {
	a, b = make([]float64, n), make([]float64, n)
	for i := range a {
		a[i] = float64(i%97) / 97
		b[i] = float64((i*7)%89) / 89
	}
	return a, b
}

// Compare times reps dot products of two 4096-element vectors with a plain loop and with gonum's floats.Dot,
// trials times each, interleaved (see package compare), after checking that both give the same sum (to within
// rounding: the SIMD version adds in another order). reps must be from 1 to 10⁶, trials as
// compare.Run allows. A trial checks its context every 1024 dot products (a few milliseconds), so a
// cancelled context stops it quickly, with the partial result.
func Compare(ctx context.Context, reps, trials int) (*compare.Result, error) {
	if reps < 1 || reps > maxReps {
		return nil, fmt.Errorf("simd: reps = %d is not allowed: want 1 to 1000000 dot products per trial", reps)
	}
	a, b := vectors(vectorLen)
	loop, vec := dotLoop(a, b), dotSIMD(a, b)
	if math.Abs(loop-vec) > 1e-9*math.Abs(loop) {
		return nil, fmt.Errorf("simd: the plain loop gave %v and floats.Dot %v: they should agree to rounding", loop, vec)
	}
	run := func(dot func(a, b []float64) float64) func(context.Context) error {
		return func(ctx context.Context) error {
			var sum float64 // used below, so the compiler cannot drop the work
			for r := 0; r < reps; r++ {
				if r%1024 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				sum += dot(a, b)
			}
			if math.IsNaN(sum) {
				return fmt.Errorf("simd: the dot products added up to NaN")
			}
			return nil
		}
	}
	name := "gonum floats.Dot (SSE2 assembly)"
	if !Vectorised() {
		name = "gonum floats.Dot (a Go loop on this build)"
	}
	res, err := compare.Run(ctx, fmt.Sprintf("dot product of two %d-element vectors, %d times, one goroutine", vectorLen, reps), trials, 1,
		compare.Impl{Name: "plain loop", Run: run(dotLoop)},
		compare.Impl{Name: name, Run: run(dotSIMD)},
	)
	return res, err
}
