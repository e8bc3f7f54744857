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

// maxDegree bounds Poly's degree: 2¹² multiply-adds per element.
const maxDegree = 1 << 12

// PolyIntensity is the arithmetic intensity of Poly: a degree-d polynomial by Horner's rule is d
// multiplies and d adds (2d flops) per element, which reads one float64 and writes one (16 bytes):
// 2d/16 = d/8 flop per byte.
func PolyIntensity(degree int) float64 { return float64(2*degree) / 16 }

// PolyN returns an element count for Poly of the given degree under roof. Where roof makes that degree
// memory-bound, the two arrays (16 bytes per element) are at least 4 × the largest cache the system
// reports — 2 × in quick mode — so that the kernel streams from memory and its goroutines share the
// memory bus, as the roof's triad does: from 2²² elements (2²⁰ in quick mode), doubled up to 2²⁷ and
// within a quarter of the available memory. A compute-bound degree, whose time is arithmetic, gets the
// starting size, which keeps its runs short. Without reported caches it returns the start.
func PolyN(roof Roof, degree int) int {
	var llc int64
	if ls := cache.Levels(); len(ls) > 0 && roof.Bound(PolyIntensity(degree)) == MemoryBound {
		llc = ls[len(ls)-1].Bytes
	}
	avail, ok := cache.AvailableBytes()
	if !ok {
		avail = 0
	}
	return polyN(llc, avail, workload.Quick())
}

// polyN is PolyN for a largest cache of llc bytes (0: none reported, or a compute-bound degree) and
// avail bytes of memory (0: unknown).
func polyN(llc int64, avail uint64, quick bool) int {
	n, times := 1<<22, int64(4)
	if quick {
		n, times = 1<<20, 2
	}
	for int64(16*n) < times*llc && n < 1<<27 {
		n *= 2
	}
	for avail > 0 && n > 1<<10 && uint64(16*n) > avail/4 {
		n /= 2
	}
	return n
}

type poly struct {
	degree int
	x      []float64
}

// Poly returns the kernel y[i] = p(x[i]) over n float64s, p of the given degree evaluated by Horner's
// rule (p = p·x + c, degree times), as a Kernel with Ops = 2·degree·n flops and Bytes = 16·n: low
// degrees are memory-bound, high degrees compute-bound, on any machine. n is 2¹⁰ to 2²⁷ (the two arrays
// within a quarter of the available memory), degree 1 to 4096.
func Poly(n, degree int) (Kernel, error) {
	if n < 1<<10 || n > 1<<27 {
		return Kernel{}, fmt.Errorf("roofline: Poly n is %d float64s; want %d to %d", n, 1<<10, 1<<27)
	}
	if degree < 1 || degree > maxDegree {
		return Kernel{}, fmt.Errorf("roofline: Poly degree is %d; want 1 to %d", degree, maxDegree)
	}
	if avail, ok := cache.AvailableBytes(); ok && uint64(16*n) > avail/4 {
		return Kernel{}, fmt.Errorf("roofline: Poly n = %d needs %s for its two arrays, more than a quarter of the memory available", n, cache.Size(int64(16*n)))
	}
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i%1000) / 1000
	}
	return Kernel{Task: &poly{degree, x}, Label: fmt.Sprintf("polynomial, degree %d", degree),
		Ops: float64(2*degree) * float64(n), OpsUnit: "flop", Bytes: 16 * float64(n),
		Note: "Horner's rule: a multiply and an add per degree per element; one float64 read and one written per element"}, nil
}

func (p *poly) Name() string {
	return fmt.Sprintf("polynomial of degree %d over %d float64s", p.degree, len(p.x))
}

func (p *poly) Serial(ctx context.Context) (uint64, error) { return p.Run(ctx, 1) }

// Run evaluates the polynomial on workers goroutines (1 to 4096), chunks of 2¹⁶ elements taken from a
// shared counter; it looks at ctx between chunks.
func (p *poly) Run(ctx context.Context, workers int) (uint64, error) {
	if workers < 1 || workers > 4096 {
		return 0, fmt.Errorf("roofline: %s: workers = %d; want 1 to 4096", p.Name(), workers)
	}
	const chunk = 1 << 16
	y := make([]float64, len(p.x))
	chunks := (len(p.x) + chunk - 1) / chunk
	var next atomic.Int64
	var sum atomic.Uint64
	var wg sync.WaitGroup
	for range min(workers, chunks) {
		wg.Go(func() {
			for ctx.Err() == nil {
				c := int(next.Add(1) - 1)
				if c >= chunks {
					return
				}
				lo, hi := c*chunk, min((c+1)*chunk, len(p.x))
				var s uint64
				for i, x := range p.x[lo:hi] {
					v := 0.5
					for range p.degree {
						v = v*x + 0.5
					}
					y[lo+i] = v
					s += math.Float64bits(v)
				}
				sum.Add(s)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum.Load(), nil
}

// ensure poly is a task.
var _ workload.Task = (*poly)(nil)
