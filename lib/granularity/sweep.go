package granularity

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/workload"
)

// Sweep times every way of running the tasks at every task size. The zero value is ready to use.
type Sweep struct {
	// Total is the work in squares; 0 means 2²¹ (2²⁰ in quick mode, workload.Quick).
	Total int
	// Sizes are the task sizes in squares, each from 1 to Total; empty means the powers of 4 from 16
	// (a few ns of work) up to Total.
	Sizes []int
	// Workers is the pools' number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Hows are the ways to time; empty means all four. Serial is always timed: speedups need it.
	Hows []How
	// Trials per configuration, from bench.MinTrials to bench.MaxTrials; 0 means bench.DefaultTrials
	// (bench.MinTrials in quick mode).
	Trials int
}

// Point is one way at one task size.
type Point struct {
	How  How
	Size int // squares per task
	// Tasks is how many tasks the total was cut into.
	Tasks int
	// TaskNs is the work of one task in ns: the serial loop's median time at this size divided by Tasks.
	TaskNs float64
	// Ms is the median time of one run in ms, with its 95% interval; Samples are every run's, in ms.
	Ms      bench.Interval
	Samples []float64
	// Speedup is the serial loop's time ÷ this way's, round by round: the median of the per-round
	// ratios with its 95% interval. 1 for the serial loop itself.
	Speedup bench.Interval
}

// Result is what a Sweep measured.
type Result struct {
	Total, Workers int
	Points         []Point // by size, then in the order of Hows
	Env            bench.Env
	// Partial is true when the sweep was stopped early (Stopped says why): points may then have fewer
	// samples than asked, no interval, or be missing.
	Partial bool
	Stopped string
}

// maxSizes bounds a sweep's sizes: each adds four configurations to every round.
const maxSizes = 32

func (s Sweep) resolve() (Sweep, error) {
	quick := workload.Quick()
	if s.Total == 0 {
		s.Total = 1 << 21
		if quick {
			s.Total = 1 << 20
		}
	}
	if s.Workers == 0 {
		s.Workers = runtime.GOMAXPROCS(0)
	}
	if s.Trials == 0 {
		s.Trials = bench.DefaultTrials
		if quick {
			s.Trials = bench.MinTrials
		}
	}
	if s.Trials < bench.MinTrials || s.Trials > bench.MaxTrials {
		return s, fmt.Errorf("granularity: Trials = %d is not allowed: want 0 (the default) or from %d to %d", s.Trials, bench.MinTrials, bench.MaxTrials)
	}
	if _, err := validate(Serial, s.Total, 1, s.Workers); err != nil && (s.Total < 1 || s.Total > MaxTotal || s.Workers < 1 || s.Workers > workload.MaxWorkers) {
		return s, err // Total or Workers; a size too small for Total is reported with Sizes below
	}
	if len(s.Sizes) == 0 {
		for n := 16; n <= s.Total; n *= 4 {
			s.Sizes = append(s.Sizes, n)
		}
		if len(s.Sizes) == 0 {
			s.Sizes = []int{s.Total}
		}
	}
	if len(s.Sizes) > maxSizes {
		return s, fmt.Errorf("granularity: Sizes has %d sizes; want at most %d", len(s.Sizes), maxSizes)
	}
	s.Sizes = slices.Clone(s.Sizes)
	slices.Sort(s.Sizes)
	s.Sizes = slices.Compact(s.Sizes)
	if len(s.Hows) == 0 {
		s.Hows = Hows()
	}
	hows := []How{Serial}
	for _, h := range s.Hows {
		if h > Batched {
			return s, fmt.Errorf("granularity: Hows has %d, which is not a way to run tasks: want Serial, PerTask, Pool or Batched", uint8(h))
		}
		if !slices.Contains(hows, h) {
			hows = append(hows, h)
		}
	}
	s.Hows = hows
	for _, size := range s.Sizes {
		for _, h := range s.Hows {
			if _, err := validate(h, s.Total, size, s.Workers); err != nil {
				return s, fmt.Errorf("%w (in Sizes)", err)
			}
		}
	}
	return s, nil
}

func name(h How, size int) string { return fmt.Sprintf("%s, %d squares per task", h, size) }

// Measure times the sweep: one untimed warm-up per configuration, then Trials rounds in which every
// configuration runs once in a shuffled order (package compare). Each run's sum is checked against
// the exact one. progress, when not nil, is called after every run. It fits nb.Run.
func (s Sweep) Measure(ctx context.Context, progress func(bench.Progress)) (*Result, error) {
	s, err := s.resolve()
	if err != nil {
		return nil, err
	}
	want := Sum(s.Total)
	total := len(s.Sizes) * len(s.Hows) * (s.Trials + 1)
	tick := ticker(total, progress)
	var impls []compare.Impl
	for _, size := range s.Sizes {
		for _, h := range s.Hows {
			impls = append(impls, compare.Impl{Name: name(h, size), Run: func(ctx context.Context) error {
				got, err := Run(ctx, h, s.Total, size, s.Workers)
				tick(name(h, size))
				if err == nil && got != want {
					err = fmt.Errorf("granularity: %s gave the sum %d, want %d", name(h, size), got, want)
				}
				return err
			}})
		}
	}
	cmp, err := compare.Run(ctx, "granularity", s.Trials, 1, impls...)
	if cmp == nil {
		return nil, err
	}
	res := &Result{Total: s.Total, Workers: s.Workers, Env: cmp.Env, Partial: cmp.Partial}
	res.Env.LoadAfter = bench.CaptureEnv().LoadBefore
	if err != nil {
		res.Stopped = err.Error()
	}
	for _, size := range s.Sizes {
		serial := cmp.Find(name(Serial, size))
		tasks := (s.Total-1)/size + 1
		for _, h := range s.Hows {
			e := cmp.Find(name(h, size))
			if e == nil || len(e.Samples) == 0 {
				continue
			}
			p := Point{How: h, Size: size, Tasks: tasks, Ms: msInterval(e)}
			for _, d := range e.Samples {
				p.Samples = append(p.Samples, float64(d)/1e6)
			}
			if serial != nil && len(serial.Samples) > 0 {
				p.TaskNs = float64(serial.Median) / float64(tasks)
				p.Speedup, _ = cmp.Ratio(serial.Name, e.Name)
			}
			res.Points = append(res.Points, p)
		}
	}
	return res, err
}

func msInterval(e *compare.Entry) bench.Interval {
	return bench.Interval{Value: float64(e.Median) / 1e6, Low: float64(e.Low) / 1e6, High: float64(e.High) / 1e6}
}

// ticker returns a function to call after each of total runs, which reports progress.
func ticker(total int, progress func(bench.Progress)) func(string) {
	start, done := time.Now(), 0
	return func(what string) {
		done++
		if progress == nil {
			return
		}
		el := time.Since(start)
		progress(bench.Progress{Done: min(done, total), Total: total, Elapsed: el,
			Left: time.Duration(float64(el) / float64(done) * float64(max(0, total-done))), Last: bench.Config{Task: what}})
	}
}

// Curve returns the points of one way, by increasing task size.
func (r *Result) Curve(h How) []Point {
	if r == nil {
		return nil
	}
	var out []Point
	for _, p := range r.Points {
		if p.How == h && p.TaskNs > 0 && p.Speedup.Value > 0 {
			out = append(out, p)
		}
	}
	return out
}

// Passing says how a way's speedup passes 1× over the sizes measured.
type Passing uint8

const (
	// NotMeasured: no points for the way (the zero Passing).
	NotMeasured Passing = iota
	// Crosses: clearly slower than the serial loop at the smallest sizes, at least as fast from some size on.
	Crosses
	// AlreadyFaster: not clearly slower even with the smallest tasks measured: the break-even is below
	// the sizes measured.
	AlreadyFaster
	// NeverFaster: clearly slower at some size, and below 1× at every larger size measured (that held
	// more than one task).
	NeverFaster
)

// BreakEven is where a way stops being slower than the serial loop, read from a sweep.
type BreakEven struct {
	Passing Passing
	// Ns is the break-even work per task (Crosses only): interpolated, linearly in the speedup against
	// the logarithm of the task size, between Below and Above.
	Ns float64
	// Below and Above are the measured points the break-even lies between (Crosses only): the last
	// point clearly below 1×, and the next one at or above 1×.
	Below, Above Point
	// Odd are the points on the other side of 1× than the verdict says — for AlreadyFaster the points
	// clearly below it, for Crosses the points at or above it below the break-even, for NeverFaster the
	// points at or above it — noise or load, since more work per task does not cost more coordination.
	Odd []Point
}

// clearlySlower reports whether p's speedup is below 1× — its whole 95% interval, when it has one.
func clearlySlower(p Point) bool {
	return p.Speedup.Value < 1 && (!p.Speedup.Known() || p.Speedup.High < 1)
}

// BreakEven finds where the way h stops being slower than the serial loop, robustly to a noisy point:
// from the last point whose speedup is clearly below 1× (its whole interval) — not the first — to the
// next one at or above 1×. A single task (it cannot run in parallel) does not count. A way not clearly
// slower at its smallest size is AlreadyFaster, whatever dips follow; one clearly slower at its largest
// multi-task size is NeverFaster.
func (r *Result) BreakEven(h How) BreakEven {
	var c []Point
	for _, p := range r.Curve(h) {
		if p.Tasks != 1 {
			c = append(c, p)
		}
	}
	if len(c) == 0 {
		return BreakEven{Passing: NotMeasured}
	}
	last := -1
	for i, p := range c {
		if clearlySlower(p) {
			last = i
		}
	}
	var b BreakEven
	if !clearlySlower(c[0]) {
		b.Passing = AlreadyFaster
		for _, p := range c {
			if clearlySlower(p) {
				b.Odd = append(b.Odd, p)
			}
		}
		return b
	}
	for j := last + 1; j < len(c) && b.Passing != Crosses; j++ {
		if c[j].Speedup.Value >= 1 {
			a, z := c[last], c[j]
			t := (1 - a.Speedup.Value) / (z.Speedup.Value - a.Speedup.Value)
			b = BreakEven{Passing: Crosses, Ns: math.Exp(math.Log(a.TaskNs) + t*(math.Log(z.TaskNs)-math.Log(a.TaskNs))), Below: a, Above: z}
		}
	}
	if b.Passing != Crosses {
		b.Passing = NeverFaster
	}
	before := c
	if b.Passing == Crosses {
		before = c[:last]
	}
	for _, p := range before {
		if p.Speedup.Value >= 1 {
			b.Odd = append(b.Odd, p)
		}
	}
	return b
}

// Crossing returns the work per task, in ns, where the way's speedup climbs through 1× for good (see
// [Result.BreakEven]); ok is false when there is no such point among the sizes measured: faster
// already at the smallest, slower still at the largest, or nothing measured.
func (r *Result) Crossing(h How) (ns float64, ok bool) {
	b := r.BreakEven(h)
	return b.Ns, b.Passing == Crosses
}

// Warnings says what makes the result less trustworthy; it makes Result an nb.Warner.
func (r *Result) Warnings() []string {
	if r == nil {
		return nil
	}
	var w []string
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	noisy := 0
	for _, p := range r.Points {
		if !p.Ms.Known() || p.Ms.High-p.Ms.Low > 2*bench.NoisyFraction*p.Ms.Value {
			noisy++
		}
	}
	if noisy > 0 {
		w = append(w, fmt.Sprintf("%d of %d points have an interval wider than ±%.0f%% of their median: read them as rough.",
			noisy, len(r.Points), 100*bench.NoisyFraction))
	}
	if r.Partial {
		w = append(w, "The sweep was stopped early ("+r.Stopped+"): some points have fewer trials, or none.")
	}
	return w
}

// Describe says in words where each parallel way passed 1× for good on this machine ([Result.BreakEven]),
// which points disagreed, and how far below 1× the smallest tasks went. It is built from the measurements.
func (r *Result) Describe() string {
	if r == nil || len(r.Points) == 0 {
		return "Nothing was measured."
	}
	var b strings.Builder
	if r.oneCore() {
		fmt.Fprintf(&b, "**One core** (GOMAXPROCS = %d, %d logical CPU%s): the tasks can only take turns, so no way of splitting "+
			"can beat the serial loop — the curves show what the coordination costs, and a point at or just above 1× is noise. "+
			"On a machine with more cores the same sweep finds the break-even.\n",
			r.Env.GOMAXPROCS, r.Env.NumCPU, plural(r.Env.NumCPU))
		for _, h := range []How{PerTask, Pool, Batched} {
			c := r.Curve(h)
			if len(c) == 0 {
				continue
			}
			first, last := c[0], c[len(c)-1]
			fmt.Fprintf(&b, "* **%s**: %.2f× with tasks of %s, %.2f× with tasks of %s",
				h, first.Speedup.Value, nsText(first.TaskNs), last.Speedup.Value, nsText(last.TaskNs))
			if first.Speedup.Value > 1.05 || last.Speedup.Value > 1.05 {
				b.WriteString(" — above 1× on one core is not parallelism: the serial loop's own cost per task, or load (see the warnings)")
			}
			b.WriteString(".\n")
		}
		return b.String()
	}
	for _, h := range []How{PerTask, Pool, Batched} {
		c := r.Curve(h)
		if len(c) == 0 {
			continue
		}
		first, best := c[0], c[0]
		for _, p := range c {
			if p.Speedup.Value > best.Speedup.Value {
				best = p
			}
		}
		fmt.Fprintf(&b, "* **%s**: ", h)
		be := r.BreakEven(h)
		switch be.Passing {
		case Crosses:
			fmt.Fprintf(&b, "faster than the serial loop for good once a task held about **%s** of work (between %s, %.2f×, and %s, %.2f×)",
				nsText(be.Ns), nsText(be.Below.TaskNs), be.Below.Speedup.Value, nsText(be.Above.TaskNs), be.Above.Speedup.Value)
		case AlreadyFaster:
			fmt.Fprintf(&b, "never clearly slower than the serial loop, even with tasks of %s: its break-even is below the sizes measured", nsText(first.TaskNs))
		case NeverFaster:
			if len(be.Odd) == 0 {
				b.WriteString("slower than the serial loop at every size measured")
			} else {
				b.WriteString("never faster than the serial loop for good: below 1× again at the largest sizes measured")
			}
		}
		if len(be.Odd) > 0 {
			var odd []string
			for _, p := range be.Odd {
				odd = append(odd, fmt.Sprintf("%.2f× at %s", p.Speedup.Value, nsText(p.TaskNs)))
			}
			side := "above"
			if be.Passing == AlreadyFaster {
				side = "below"
			}
			fmt.Fprintf(&b, " (%s 1× out of turn: %s — noise or load, see the warnings)", side, strings.Join(odd, ", "))
		}
		if first.Speedup.Value < 1 {
			fmt.Fprintf(&b, "; with tasks of %s it took **%.1f×** as long as the serial loop", nsText(first.TaskNs), 1/first.Speedup.Value)
		}
		fmt.Fprintf(&b, "; best %.2f× with tasks of %s.\n", best.Speedup.Value, nsText(best.TaskNs))
	}
	return b.String()
}

// oneCore reports whether the sweep ran where only one goroutine could run at a time: GOMAXPROCS 1
// or one logical CPU.
func (r *Result) oneCore() bool {
	return r.Env.GOMAXPROCS == 1 || r.Env.NumCPU == 1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// nsText formats ns with a unit: "3.1 ns", "12 µs", "1.3 ms".
func nsText(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}
