package ilp

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/workload"
)

// Limits on Config, so that a typo cannot start hours of work or allocate gigabytes.
const (
	minLength  = 8
	maxLength  = 1 << 20
	maxReps    = 1_000_000
	maxPerRun  = 1 << 32 // elements per trial: Length × Reps
	maxTrials  = bench.MaxTrials
	defaultLen = 2048 // 16 KiB per vector: both vectors of a dot product fit in a 32 KiB L1 cache
)

// Config says what [Measure] measures. Zero fields take the defaults in brackets.
type Config struct {
	// Length is the float64s in each vector, 8 to 2²⁰ [2048: 16 KiB, in the L1 cache].
	Length int
	// Reps is how many passes over the vectors one trial makes, 1 to 10⁶, with Length × Reps at most
	// 2³² [2000; 500 in quick mode, see workload.Quick].
	Reps int
	// Trials per kernel, bench.MinTrials to bench.MaxTrials [bench.DefaultTrials; bench.MinTrials in
	// quick mode].
	Trials int
	// Progress, when not nil, is called after each timed or warm-up run, in the calling goroutine.
	Progress func(bench.Progress)
}

// Kernel is one kernel's measurement.
type Kernel struct {
	Name   string // "sum, 4 accumulators"
	Family string // "sum" or "dot product"
	// Accumulators is the number of independent partial sums in the kernel's Go code (floats.Dot: 4,
	// two 2-lane registers, on amd64; 1 elsewhere).
	Accumulators int
	// SIMD is true for a kernel that runs several lanes per instruction on this machine.
	SIMD bool
	// OpsPerElement: 1 for a sum (an add), 2 for a dot product (a multiply and an add).
	OpsPerElement int
	// OpsPerNs is floating-point operations per nanosecond on one goroutine: the median with its 95%
	// interval (from the interval of the median time).
	OpsPerNs bench.Interval
	Noisy    bool
	// Gain is OpsPerNs.Value over its family's one-accumulator OpsPerNs.Value: the ratio of the two
	// bars of figure.ILP, 1 for the one-accumulator loop itself, 0 when that loop was not measured.
	Gain float64
	// VsPlain is how many times faster than its family's one-accumulator loop, round by round (the
	// median of per-round ratios and its interval); close to Gain when the machine did not drift
	// between kernels, and the better estimate with its interval when it did.
	VsPlain bench.Interval
}

// Result is what Measure found.
type Result struct {
	Config  Config // with defaults filled in
	Kernels []Kernel
	Arch    string // GOARCH
	DotKind string // what floats.Dot runs here, in words
	// Compare is the harness's result: raw samples and environment.
	Compare *compare.Result
}

func (c Config) withDefaults() (Config, error) {
	if c.Length == 0 {
		c.Length = defaultLen
	}
	if c.Reps == 0 {
		c.Reps = 2000
		if workload.Quick() {
			c.Reps = 500
		}
	}
	if c.Trials == 0 {
		c.Trials = bench.DefaultTrials
		if workload.Quick() {
			c.Trials = bench.MinTrials
		}
	}
	switch {
	case c.Length < minLength || c.Length > maxLength:
		return c, fmt.Errorf("ilp: Length is %d float64s per vector; want %d to %d (0 means %d)", c.Length, minLength, maxLength, defaultLen)
	case c.Reps < 1 || c.Reps > maxReps:
		return c, fmt.Errorf("ilp: Reps is %d passes per trial; want 1 to %d (0 means 2000)", c.Reps, maxReps)
	case uint64(c.Length)*uint64(c.Reps) > maxPerRun:
		return c, fmt.Errorf("ilp: Reps × Length is %d × %d elements per trial; want at most 2³² (%d)", c.Reps, c.Length, uint64(maxPerRun))
	case c.Trials < bench.MinTrials || c.Trials > maxTrials:
		return c, fmt.Errorf("ilp: Trials is %d; want %d to %d (0 means %d)", c.Trials, bench.MinTrials, maxTrials, bench.DefaultTrials)
	}
	return c, nil
}

// Vectors returns two deterministic vectors of length n, values in [0, 1).
func Vectors(n int) (a, b []float64) {
	a, b = make([]float64, n), make([]float64, n)
	for i := range a {
		a[i] = float64(i%97) / 97
		b[i] = float64((i*7)%89) / 89
	}
	return a, b
}

type kernelDef struct {
	name, family string
	acc          int
	simd         bool
	ops          int
	sum          func([]float64) float64
	dot          func(a, b []float64) float64
}

func kernels() []kernelDef {
	dotAcc := 1
	if DotAssembly() {
		dotAcc = 4
	}
	return []kernelDef{
		{name: "sum, 1 accumulator", family: "sum", acc: 1, ops: 1, sum: Sum1},
		{name: "sum, 2 accumulators", family: "sum", acc: 2, ops: 1, sum: Sum2},
		{name: "sum, 4 accumulators", family: "sum", acc: 4, ops: 1, sum: Sum4},
		{name: "sum, 8 accumulators", family: "sum", acc: 8, ops: 1, sum: Sum8},
		{name: "dot, plain loop", family: "dot product", acc: 1, ops: 2, dot: Dot1},
		{name: "dot, 4 accumulators (Go)", family: "dot product", acc: 4, ops: 2, dot: Dot4},
		{name: "dot, gonum floats.Dot", family: "dot product", acc: dotAcc, simd: DotAssembly(), ops: 2, dot: DotGonum},
	}
}

// Measure times every kernel on one goroutine, Trials times each, interleaved in shuffled rounds after
// a warm-up (package compare), after checking that all kernels of a family agree to rounding. When ctx
// is cancelled it returns what was measured with ctx's error; it looks at ctx between passes.
func Measure(ctx context.Context, cfg Config) (Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	a, b := Vectors(cfg.Length)
	defs := kernels()
	wantSum, wantDot := Sum1(a), Dot1(a, b)
	for _, k := range defs {
		got, want := 0.0, wantSum
		if k.sum != nil {
			got = k.sum(a)
		} else {
			got, want = k.dot(a, b), wantDot
		}
		if math.Abs(got-want) > 1e-9*math.Abs(want) {
			return Result{}, fmt.Errorf("ilp: %s gave %v, want %v to rounding", k.name, got, want)
		}
	}
	total := len(defs) * (1 + cfg.Trials)
	done, start := 0, time.Now()
	impls := make([]compare.Impl, len(defs))
	for i, k := range defs {
		impls[i] = compare.Impl{Name: k.name, Run: func(ctx context.Context) error {
			var s float64 // used below, so the compiler cannot drop the work
			for r := range cfg.Reps {
				if r%64 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				if k.sum != nil {
					s += k.sum(a)
				} else {
					s += k.dot(a, b)
				}
			}
			if math.IsNaN(s) {
				return fmt.Errorf("ilp: %s added up to NaN", k.name)
			}
			done++
			if cfg.Progress != nil {
				el := time.Since(start)
				cfg.Progress(bench.Progress{Done: done, Total: total, Elapsed: el, Left: el / time.Duration(done) * time.Duration(total-done),
					Last: bench.Config{Task: k.name, Workers: 1, Procs: 0}})
			}
			return nil
		}}
	}
	cmp, err := compare.Run(ctx, fmt.Sprintf("%d passes over vectors of %d float64s, one goroutine", cfg.Reps, cfg.Length), cfg.Trials, 1, impls...)
	res := Result{Config: cfg, Arch: runtime.GOARCH, DotKind: DotKind(), Compare: cmp}
	if cmp == nil {
		return res, err
	}
	plain := map[string]int{} // family → index of its first kernel
	for i, k := range defs {
		if _, ok := plain[k.family]; !ok {
			plain[k.family] = i
		}
	}
	for i, k := range defs {
		e := cmp.Entries[i]
		if len(e.Samples) == 0 {
			continue
		}
		ops := float64(k.ops) * float64(cfg.Length) * float64(cfg.Reps)
		kr := Kernel{Name: k.name, Family: k.family, Accumulators: k.acc, SIMD: k.simd, OpsPerElement: k.ops,
			OpsPerNs: bench.Interval{Value: ops / float64(e.Median)}}
		if e.Low > 0 && e.High > 0 {
			kr.OpsPerNs.Low, kr.OpsPerNs.High = ops/float64(e.High), ops/float64(e.Low)
		}
		kr.Noisy = !kr.OpsPerNs.Known() || float64(e.High-e.Low)/2 > bench.NoisyFraction*float64(e.Median)
		p := cmp.Entries[plain[k.family]]
		kr.VsPlain = pairedRatio(p.Samples, e.Samples)
		if len(p.Samples) > 0 && p.Median > 0 {
			kr.Gain = float64(p.Median) / float64(e.Median)
		}
		res.Kernels = append(res.Kernels, kr)
	}
	return res, err
}

// pairedRatio is the median over rounds of base[r]/xs[r] with its 95% interval: how many times faster
// xs was than base in the same rounds.
func pairedRatio(base, xs []time.Duration) bench.Interval {
	n := min(len(base), len(xs))
	var rs []time.Duration
	for r := range n {
		if xs[r] > 0 {
			rs = append(rs, time.Duration(float64(base[r])/float64(xs[r])*1e9))
		}
	}
	if len(rs) == 0 {
		return bench.Interval{}
	}
	m, lo, hi, _ := bench.MedianCI(rs)
	return bench.Interval{Value: float64(m) / 1e9, Low: float64(lo) / 1e9, High: float64(hi) / 1e9}
}

// Find returns the kernel with the given name, and whether it was measured.
func (r Result) Find(name string) (Kernel, bool) {
	for _, k := range r.Kernels {
		if k.Name == name {
			return k, true
		}
	}
	return Kernel{}, false
}

// Describe says in sentences what was measured: the gain of more accumulators, and what floats.Dot
// did here against the four-accumulator Go loop.
func (r Result) Describe() string {
	if len(r.Kernels) == 0 {
		return "Nothing was measured."
	}
	var s string
	one, ok1 := r.Find("sum, 1 accumulator")
	best := one
	for _, k := range r.Kernels {
		if k.Family == "sum" && k.OpsPerNs.Value > best.OpsPerNs.Value {
			best = k
		}
	}
	if ok1 && best.Name != one.Name {
		s = fmt.Sprintf("On one goroutine, the sum with one accumulator did **%.2f additions per ns**; with %d accumulators, **%.2f** — **%.1f×** as many (compared round by round, %.1f×, 95%% interval %.1f–%.1f×), the same additions on the same core, only no longer waiting for each other.",
			one.OpsPerNs.Value, best.Accumulators, best.OpsPerNs.Value, best.Gain, best.VsPlain.Value, best.VsPlain.Low, best.VsPlain.High)
	} else if ok1 {
		s = fmt.Sprintf("On one goroutine, the sum with one accumulator did %.2f additions per ns, and more accumulators did not beat it in this run.", one.OpsPerNs.Value)
	}
	d4, ok4 := r.Find("dot, 4 accumulators (Go)")
	dg, okg := r.Find("dot, gonum floats.Dot")
	if ok4 && okg {
		s += fmt.Sprintf(" floats.Dot here is %s; it ran %.1f× the plain loop, and the plain Go loop with four accumulators %.1f×.", r.DotKind, dg.Gain, d4.Gain)
		if DotAssembly() {
			s += " What the four-accumulator Go loop gained is ILP alone; most of what floats.Dot gained beyond it is SIMD."
		}
	}
	return s
}

// Warnings returns the harness's warnings: a busy machine, noisy kernels.
func (r Result) Warnings() []string {
	var w []string
	if r.Compare != nil {
		if b := r.Compare.Env.Busy(); b != "" {
			w = append(w, b)
		}
	}
	noisy := 0
	for _, k := range r.Kernels {
		if k.Noisy {
			noisy++
		}
	}
	if noisy > 0 {
		w = append(w, fmt.Sprintf("%d of %d kernels are noisy: the 95%% interval of their median is wider than ±%.0f%% of it. Re-run on a quieter machine or with more trials.",
			noisy, len(r.Kernels), 100*bench.NoisyFraction))
	}
	return w
}

// Measure is the package's Measure(ctx, c) with c.Progress set to progress: the shape nb.Run takes.
func (c Config) Measure(ctx context.Context, progress func(bench.Progress)) (Result, error) {
	if progress != nil {
		c.Progress = progress
	}
	return Measure(ctx, c)
}
