package roofline

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/parlab/parlab/lib/cache"
	"github.com/parlab/parlab/lib/workload"
)

// Kernel is a task placed on the roofline: a workload.Task with the operations and the compulsory
// bytes of one run.
type Kernel struct {
	Task workload.Task `json:"-"` // not kept in JSON: a cached placement is for drawing
	// Label is the kernel's short name on the chart: "stream", "Mandelbrot".
	Label string
	// Ops is the arithmetic operations of one run, in OpsUnit.
	Ops float64
	// OpsUnit says what was counted: "flop" (floating-point operations), "integer op", "division".
	OpsUnit string
	// Bytes is the compulsory memory traffic of one run: every input read once, every output written
	// once (0: everything lives in registers).
	Bytes float64
	// Note says how Ops and Bytes were counted.
	Note string
}

// Intensity is Ops/Bytes in operations per byte; +Inf when the kernel moves no data.
func (k Kernel) Intensity() float64 {
	if k.Bytes == 0 {
		return math.Inf(1)
	}
	return k.Ops / k.Bytes
}

// Sizes of the course's kernels, chosen so that each run takes 10–100 ms on one current core, and
// those that stream data move at least 4 × the largest cache; ten times less work in quick mode.
type Sizes struct {
	SumSquaresN                  int
	MandelW, MandelH, MandelIter int
	PrimesN                      int
	MatMulN                      int
	StreamN, StreamPasses        int
	BlurW, BlurH                 int
}

// DefaultSizes returns the sizes Course uses when given zero Sizes.
func DefaultSizes() Sizes {
	s := Sizes{SumSquaresN: 30_000_000, MandelW: 480, MandelH: 270, MandelIter: 256, PrimesN: 600_000, MatMulN: 384,
		StreamN: 1 << 23, StreamPasses: 1, BlurW: 2048, BlurH: 2048}
	if ls := cache.Levels(); len(ls) > 0 {
		llc := ls[len(ls)-1].Bytes
		for int64(16*s.StreamN) < 4*llc && s.StreamN < 1<<27 {
			s.StreamN *= 2
		}
		for int64(8*s.BlurW*s.BlurH) < 4*llc && s.BlurH < 1<<15 {
			s.BlurH *= 2
		}
	}
	if workload.Quick() {
		s = Sizes{SumSquaresN: 3_000_000, MandelW: 160, MandelH: 90, MandelIter: 256, PrimesN: 100_000, MatMulN: 192,
			StreamN: 1 << 21, StreamPasses: 1, BlurW: 1024, BlurH: 1024}
	}
	return s
}

// Course returns the course's workloads and a blur as kernels, at the given sizes (zero: DefaultSizes).
// It counts the operations of Mandelbrot and of prime counting by running their loops once (in
// parallel on GOMAXPROCS goroutines), so it takes about as long as one run of each; it looks at ctx
// between rows and numbers.
func Course(ctx context.Context, s Sizes) ([]Kernel, error) {
	if s == (Sizes{}) {
		s = DefaultSizes()
	}
	var ks []Kernel
	add := func(t workload.Task, err error, k Kernel) error {
		if err != nil {
			return err
		}
		k.Task = t
		ks = append(ks, k)
		return nil
	}
	n := float64(s.SumSquaresN)
	t, err := workload.SumSquares(s.SumSquaresN)
	if err := add(t, err, Kernel{Label: "sum of squares", Ops: 2 * n, OpsUnit: "integer op", Bytes: 0,
		Note: "a multiply and an add per square; the loop keeps everything in registers: no memory traffic"}); err != nil {
		return nil, err
	}
	t, err = workload.Mandelbrot(s.MandelW, s.MandelH, s.MandelIter)
	if err != nil {
		return nil, err
	}
	iters, _, err := mandelIterations(ctx, s.MandelW, s.MandelH, s.MandelIter)
	if err != nil {
		return nil, err
	}
	add(t, nil, Kernel{Label: "Mandelbrot", Ops: 8 * float64(iters), OpsUnit: "flop", Bytes: 8 * float64(s.MandelW*s.MandelH),
		Note: fmt.Sprintf("%d iterations counted, 8 flops each (zr², zi², their sum, the new zr and zi); one 8-byte result per pixel", iters)})
	t, err = workload.Primes(s.PrimesN)
	if err != nil {
		return nil, err
	}
	divs, _, err := primeDivisions(ctx, s.PrimesN)
	if err != nil {
		return nil, err
	}
	add(t, nil, Kernel{Label: "prime counting", Ops: float64(divs), OpsUnit: "division", Bytes: 0,
		Note: fmt.Sprintf("%d trial divisions counted; each is one integer division, 20–40 cycles, not an FMA: far below the roof however many cores", divs)})
	m := float64(s.MatMulN)
	t, err = workload.MatMul(s.MatMulN)
	if err := add(t, err, Kernel{Label: "matrix multiply (gonum)", Ops: 2 * m * m * m, OpsUnit: "flop", Bytes: 24 * m * m,
		Note: "2n³ flops; A and B read once, C written once (24n² bytes): the caches reuse every element n times"}); err != nil {
		return nil, err
	}
	sn := float64(s.StreamN) * float64(s.StreamPasses)
	t, err = workload.Stream(s.StreamN, s.StreamPasses)
	if err := add(t, err, Kernel{Label: "stream (dot product)", Ops: 2 * sn, OpsUnit: "flop", Bytes: 16 * sn,
		Note: "a multiply and an add per element; two float64s (16 bytes) read per element, every pass"}); err != nil {
		return nil, err
	}
	t, err = Blur(s.BlurW, s.BlurH)
	px := float64(s.BlurW) * float64(s.BlurH)
	if err := add(t, err, Kernel{Label: "3×3 blur", Ops: 9 * px, OpsUnit: "flop", Bytes: 8 * px,
		Note: "8 adds and a multiply per pixel; a float32 read and a float32 written per pixel (its neighbours come from the cache)"}); err != nil {
		return nil, err
	}
	return ks, nil
}

// mandelIterations counts the iterations of workload.Mandelbrot's loop over the whole image: the
// same loop (escape at |z| > 2, at most iter per pixel), rows shared among GOMAXPROCS goroutines. It
// also returns the task's checksum, Σ iterations(p)·(p+1), which the tests compare with the task's own.
func mandelIterations(ctx context.Context, w, h, iter int) (iterations, checksum uint64, err error) {
	var total, weighted atomic.Uint64
	err = eachRow(ctx, h, func(y int) {
		ci := -1 + 2*float64(y)/float64(max(h-1, 1))
		var sum, ws uint64
		for x := range w {
			cr := -2.5 + 3.5*float64(x)/float64(max(w-1, 1))
			zr, zi, n := 0.0, 0.0, 0
			for ; n < iter && zr*zr+zi*zi <= 4; n++ {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
			}
			sum += uint64(n)
			ws += uint64(n) * uint64(y*w+x+1)
		}
		total.Add(sum)
		weighted.Add(ws)
	})
	return total.Load(), weighted.Load(), err
}

// primeDivisions counts the trial divisions workload.Primes makes for the numbers up to n: 1 for an
// even number, and one per odd divisor tried up to √m for an odd m, stopping at the first that divides.
// It also returns the primes found, the task's checksum.
func primeDivisions(ctx context.Context, n int) (divisions, primes uint64, err error) {
	const rows = 4096
	var total, count atomic.Uint64
	chunks := (n + rows - 1) / rows
	err = eachRow(ctx, chunks, func(c int) {
		var sum, ps uint64
		for m := c*rows + 1; m <= min((c+1)*rows, n); m++ {
			switch {
			case m < 2:
			case m%2 == 0:
				sum++
				if m == 2 {
					ps++
				}
			default:
				prime := true
				for d := 3; d*d <= m; d += 2 {
					sum++
					if m%d == 0 {
						prime = false
						break
					}
				}
				if prime {
					ps++
				}
			}
		}
		total.Add(sum)
		count.Add(ps)
	})
	return total.Load(), count.Load(), err
}

// eachRow calls f(0 … rows−1) on GOMAXPROCS goroutines, which take rows from a shared counter and
// stop taking them once ctx is cancelled.
func eachRow(ctx context.Context, rows int, f func(int)) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(rows, maxProcs()) {
		wg.Go(func() {
			for ctx.Err() == nil {
				r := int(next.Add(1) - 1)
				if r >= rows {
					return
				}
				f(r)
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}
