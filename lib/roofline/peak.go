package roofline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/cache"
	"github.com/parlab/parlab/lib/workload"
)

// chains is the number of independent x = x·a + b chains of the compute loop: enough to cover an FMA's
// latency (4–5 cycles) on two or more FMA units, few enough for amd64's 15 free float registers.
const chains = 12

// OpsPerIteration is the floating-point operations of one iteration of the compute loop.
const OpsPerIteration = 2 * chains

// Limits on RoofConfig.
const (
	maxIterations = 1 << 30
	minTriadN     = 1 << 10
	maxTriadN     = 1 << 28
	maxPasses     = 100
	block         = 1 << 16 // iterations or elements between two looks at the context
)

// RoofConfig says what [MeasureRoof] measures. Zero fields take the defaults in brackets.
type RoofConfig struct {
	// Iterations of the compute loop per goroutine per trial, 2¹⁶ to 2³⁰ [2²²; 2²⁰ in quick mode].
	Iterations int
	// TriadN is the float64s in each of the triad's three arrays, 2¹⁰ to 2²⁸, the three together at most
	// half the available memory [the power of two that makes them at least 4 × the largest
	// cache, at least 2²² (96 MiB), which quick mode keeps].
	TriadN int
	// Passes over the arrays per triad trial, 1 to 100 [2; 1 in quick mode].
	Passes int
	// Trials per measurement, bench.MinTrials to bench.MaxTrials [bench.MinTrials].
	Trials int
	// Progress, when not nil, is called after each run, in the calling goroutine.
	Progress func(bench.Progress)
}

func (c RoofConfig) withDefaults() (RoofConfig, error) {
	quick := workload.Quick()
	if c.Iterations == 0 {
		c.Iterations = 1 << 22
		if quick {
			c.Iterations = 1 << 20
		}
	}
	if c.TriadN == 0 {
		c.TriadN = 1 << 22
		if ls := cache.Levels(); len(ls) > 0 {
			for int64(24*c.TriadN) < 4*ls[len(ls)-1].Bytes && c.TriadN < maxTriadN {
				c.TriadN *= 2
			}
		}
		if quick {
			c.TriadN = 1 << 22
		}
		if avail, ok := cache.AvailableBytes(); ok {
			for c.TriadN > minTriadN && uint64(24*c.TriadN) > avail/4 {
				c.TriadN /= 2
			}
		}
	}
	if c.Passes == 0 {
		c.Passes = 2
		if quick {
			c.Passes = 1
		}
	}
	if c.Trials == 0 {
		c.Trials = bench.MinTrials
	}
	switch {
	case c.Iterations < block || c.Iterations > maxIterations:
		return c, fmt.Errorf("roofline: Iterations is %d per goroutine; want %d to %d", c.Iterations, block, maxIterations)
	case c.TriadN < minTriadN || c.TriadN > maxTriadN:
		return c, fmt.Errorf("roofline: TriadN is %d float64s per array; want %d to %d", c.TriadN, minTriadN, maxTriadN)
	case c.Passes < 1 || c.Passes > maxPasses:
		return c, fmt.Errorf("roofline: Passes is %d; want 1 to %d", c.Passes, maxPasses)
	case c.Trials < bench.MinTrials || c.Trials > bench.MaxTrials:
		return c, fmt.Errorf("roofline: Trials is %d; want %d to %d", c.Trials, bench.MinTrials, bench.MaxTrials)
	}
	if avail, ok := cache.AvailableBytes(); ok && uint64(24*c.TriadN) > avail/2 {
		return c, fmt.Errorf("roofline: TriadN = %d makes three arrays of %s together, more than half the memory available (%s)",
			c.TriadN, cache.Size(int64(24*c.TriadN)), cache.Size(int64(avail)))
	}
	return c, nil
}

// computeLoop runs n iterations of twelve independent chains x = x·a + b and returns their sum, so the
// compiler keeps the work. With a = 0.999 and b = 0.001 every chain converges towards 1: no overflow,
// no subnormal numbers.
//
//go:noinline
func computeLoop(n int, a, b float64) float64 {
	x0, x1, x2, x3, x4, x5 := 1.0, 1.1, 1.2, 1.3, 1.4, 1.5
	x6, x7, x8, x9, x10, x11 := 1.6, 1.7, 1.8, 1.9, 2.0, 2.1
	for range n {
		x0 = x0*a + b
		x1 = x1*a + b
		x2 = x2*a + b
		x3 = x3*a + b
		x4 = x4*a + b
		x5 = x5*a + b
		x6 = x6*a + b
		x7 = x7*a + b
		x8 = x8*a + b
		x9 = x9*a + b
		x10 = x10*a + b
		x11 = x11*a + b
	}
	return ((x0 + x1) + (x2 + x3)) + ((x4 + x5) + (x6 + x7)) + ((x8 + x9) + (x10 + x11))
}

// triadScale is the s of aᵢ = bᵢ + s·cᵢ.
const triadScale = 3.0

// triadRange does aᵢ = bᵢ + s·cᵢ for i in [lo, hi).
func triadRange(a, b, c []float64, lo, hi int) {
	a, b, c = a[lo:hi], b[lo:hi:hi], c[lo:hi:hi]
	for i := range a {
		a[i] = b[i] + triadScale*c[i]
	}
}

// parallel runs body(w) on each of threads goroutines at once and returns the wall time; false when
// ctx was cancelled (body must return soon after).
func parallel(ctx context.Context, threads int, body func(w int)) (time.Duration, bool) {
	var wg sync.WaitGroup
	t0 := time.Now()
	for w := range threads {
		wg.Go(func() { body(w) })
	}
	wg.Wait()
	return time.Since(t0), ctx.Err() == nil
}

// MeasureRoof measures peak operations per ns with the compute loop and peak bandwidth with the
// triad, each on one goroutine and on GOMAXPROCS goroutines, in Trials rounds after one untimed
// warm-up, the four measurements in a new shuffled order each round. When ctx is cancelled it returns
// what it measured, Partial, with ctx's error, within a few milliseconds.
func MeasureRoof(ctx context.Context, cfg RoofConfig) (Roof, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Roof{}, err
	}
	threads := runtime.GOMAXPROCS(0)
	roof := Roof{Threads: threads, TriadBytes: int64(24 * cfg.TriadN), Env: bench.CaptureEnv()}
	n := cfg.TriadN
	a, b, c := make([]float64, n), make([]float64, n), make([]float64, n)
	part := func(w, of int) (int, int) { return n * w / of, n * (w + 1) / of }
	parallel(ctx, threads, func(w int) { // first touch by the goroutine that uses the part (NUMA)
		lo, hi := part(w, threads)
		for i := lo; i < hi; i++ {
			b[i], c[i] = float64(i%1000), float64(i%7)
		}
	})
	sink := make([]float64, threads)
	compute := func(g int) func(w int) {
		return func(w int) {
			for done := 0; done < cfg.Iterations && ctx.Err() == nil; done += block {
				sink[w] += computeLoop(min(block, cfg.Iterations-done), 0.999, 0.001)
			}
		}
	}
	triad := func(g int) func(w int) {
		return func(w int) {
			lo, hi := part(w, g)
			for range cfg.Passes {
				for i := lo; i < hi && ctx.Err() == nil; i += block {
					triadRange(a, b, c, i, min(i+block, hi))
				}
			}
		}
	}
	type run struct {
		name    string
		g       int
		body    func(w int)
		work    float64 // ops or bytes
		samples []time.Duration
	}
	runs := []*run{
		{"compute, 1 goroutine", 1, compute(1), float64(OpsPerIteration) * float64(cfg.Iterations), nil},
		{"compute, all", threads, compute(threads), float64(OpsPerIteration) * float64(cfg.Iterations) * float64(threads), nil},
		{"triad, 1 goroutine", 1, triad(1), 24 * float64(n) * float64(cfg.Passes), nil},
		{"triad, all", threads, triad(threads), 24 * float64(n) * float64(cfg.Passes), nil},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	total, done, start := len(runs)*(1+cfg.Trials), 0, time.Now()
	rate := func(r *run) bench.Interval {
		m, lo, hi, _ := bench.MedianCI(r.samples)
		if m <= 0 {
			return bench.Interval{}
		}
		iv := bench.Interval{Value: r.work / float64(m)}
		if lo > 0 && hi > 0 {
			iv.Low, iv.High = r.work/float64(hi), r.work/float64(lo)
		}
		return iv
	}
	finish := func(err error) (Roof, error) {
		roof.OpsOne, roof.Ops, roof.BandwidthOne, roof.Bandwidth = rate(runs[0]), rate(runs[1]), rate(runs[2]), rate(runs[3])
		roof.Env.LoadAfter = bench.CaptureEnv().LoadBefore
		roof.Partial = err != nil
		runtime.KeepAlive(sink)
		return roof, err
	}
	order := []int{0, 1, 2, 3}
	for round := -1; round < cfg.Trials; round++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			r := runs[k]
			runtime.GC()
			d, ok := parallel(ctx, r.g, r.body)
			if !ok {
				return finish(ctx.Err())
			}
			if round >= 0 {
				r.samples = append(r.samples, d)
			}
			done++
			if cfg.Progress != nil {
				el := time.Since(start)
				cfg.Progress(bench.Progress{Done: done, Total: total, Elapsed: el, Left: el / time.Duration(done) * time.Duration(total-done),
					Last: bench.Config{Task: r.name, Workers: r.g, Procs: threads}})
			}
		}
	}
	if a[n-1] != b[n-1]+triadScale*c[n-1] {
		return finish(fmt.Errorf("roofline: the triad left a[%d] = %v, want %v", n-1, a[n-1], b[n-1]+triadScale*c[n-1])) // impossible
	}
	return finish(nil)
}

// Measure is MeasureRoof(ctx, c) with c.Progress set to progress: the shape nb.Run takes.
func (c RoofConfig) Measure(ctx context.Context, progress func(bench.Progress)) (Roof, error) {
	if progress != nil {
		c.Progress = progress
	}
	return MeasureRoof(ctx, c)
}

// Warnings returns what a reader should know: a busy machine, a triad that fits in the cache.
func (r Roof) Warnings() []string {
	var w []string
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	if ls := cache.Levels(); len(ls) > 0 && r.TriadBytes < 2*ls[len(ls)-1].Bytes {
		w = append(w, fmt.Sprintf("The triad's arrays (%s) are less than twice the largest cache (%s): part of the bandwidth measured is the cache's, not main memory's. Raise TriadN.",
			cache.Size(r.TriadBytes), cache.Size(ls[len(ls)-1].Bytes)))
	}
	return w
}
