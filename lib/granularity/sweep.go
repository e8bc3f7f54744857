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

// Crossing returns the work per task, in ns, where the way's speedup first climbs through 1×, going
// from small tasks to large: interpolated between the last point below 1× and the next at or above it,
// linearly in the speedup against the logarithm of the task size. ok is false when the curve never
// crosses 1× from below (always above, always below, or too few points).
func (r *Result) Crossing(h How) (ns float64, ok bool) {
	c := r.Curve(h)
	for i := 1; i < len(c); i++ {
		a, b := c[i-1], c[i]
		if a.Speedup.Value < 1 && b.Speedup.Value >= 1 {
			t := (1 - a.Speedup.Value) / (b.Speedup.Value - a.Speedup.Value)
			return math.Exp(math.Log(a.TaskNs) + t*(math.Log(b.TaskNs)-math.Log(a.TaskNs))), true
		}
	}
	return 0, false
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

// Describe says in words where each parallel way crossed 1× on this machine and how far below 1× the
// smallest tasks went. It is built from the measurements.
func (r *Result) Describe() string {
	if r == nil || len(r.Points) == 0 {
		return "Nothing was measured."
	}
	var b strings.Builder
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
		if ns, ok := r.Crossing(h); ok {
			fmt.Fprintf(&b, "faster than the serial loop once a task held about **%s** of work", nsText(ns))
		} else if first.Speedup.Value >= 1 {
			fmt.Fprintf(&b, "never slower than the serial loop, even with tasks of %s", nsText(first.TaskNs))
		} else {
			b.WriteString("slower than the serial loop at every size measured")
		}
		if first.Speedup.Value < 1 {
			fmt.Fprintf(&b, "; with tasks of %s it took **%.1f×** as long as the serial loop", nsText(first.TaskNs), 1/first.Speedup.Value)
		}
		fmt.Fprintf(&b, "; best %.2f× with tasks of %s.\n", best.Speedup.Value, nsText(best.TaskNs))
	}
	return b.String()
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
