package granularity

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/workload"
)

// Scale times one way of running the tasks over several worker counts, at a few task sizes: the input
// of the Karp–Flatt serial fraction e(N). The zero value is ready to use.
type Scale struct {
	// How is the way timed; the zero value, Serial, means Pool (Serial has no workers).
	How How
	// Total is the work in squares; 0 means 2²¹ (2²⁰ in quick mode).
	Total int
	// Sizes are the task sizes to compare, in squares; empty means a fine one (16) and a coarse one
	// (Total/64, at least 16).
	Sizes []int
	// Workers are the worker counts, from 1; empty means 1 to max(4, 2 × GOMAXPROCS): past GOMAXPROCS
	// the extra goroutines have no core of their own.
	Workers []int
	// Trials per configuration; 0 means bench.DefaultTrials (bench.MinTrials in quick mode).
	Trials int
}

// Curve is one task size's speedups over worker counts: Speedups[i] is T(1 worker)/T(N workers), round
// by round, with its 95% interval, as package scaling takes them.
type Curve struct {
	Size     int
	TaskNs   float64 // the work of one task: the serial loop's median ÷ the number of tasks
	Speedups []scaling.Point
}

// ScaleResult is what a Scale measured.
type ScaleResult struct {
	How     How
	Total   int
	Procs   int // GOMAXPROCS during the measurement
	Curves  []Curve
	Env     bench.Env
	Partial bool
	Stopped string
}

// maxScaleWorkers bounds the worker counts of a Scale.
const maxScaleWorkers = 16

// Measure times every size at every worker count, interleaved (package compare). It fits nb.Run.
func (s Scale) Measure(ctx context.Context, progress func(bench.Progress)) (*ScaleResult, error) {
	quick := workload.Quick()
	if s.How == Serial {
		s.How = Pool
	}
	if s.Total == 0 {
		s.Total = 1 << 21
		if quick {
			s.Total = 1 << 20
		}
	}
	if len(s.Sizes) == 0 {
		s.Sizes = []int{min(16, s.Total), max(min(16, s.Total), s.Total/64)}
	}
	if len(s.Workers) == 0 {
		for n := 1; n <= max(4, 2*runtime.GOMAXPROCS(0)) && n <= maxScaleWorkers; n++ {
			s.Workers = append(s.Workers, n)
		}
	}
	if s.Trials == 0 {
		s.Trials = bench.DefaultTrials
		if quick {
			s.Trials = bench.MinTrials
		}
	}
	if s.Trials < bench.MinTrials || s.Trials > bench.MaxTrials {
		return nil, fmt.Errorf("granularity: Trials = %d is not allowed: want 0 (the default) or from %d to %d", s.Trials, bench.MinTrials, bench.MaxTrials)
	}
	if s.Total < 1 || s.Total > MaxTotal {
		return nil, fmt.Errorf("granularity: Total = %d is not allowed: want 0 (the default) or from 1 to %d squares", s.Total, MaxTotal)
	}
	if len(s.Sizes) > 4 {
		return nil, fmt.Errorf("granularity: Sizes has %d sizes; want at most 4", len(s.Sizes))
	}
	ws := slices.Clone(s.Workers)
	slices.Sort(ws)
	ws = slices.Compact(ws)
	if len(ws) < 2 || ws[0] != 1 || ws[len(ws)-1] > maxScaleWorkers {
		return nil, fmt.Errorf("granularity: Workers = %v is not allowed: want 1 and at least one more count, up to %d", s.Workers, maxScaleWorkers)
	}
	for _, size := range s.Sizes {
		if _, err := validate(s.How, s.Total, size, 1); err != nil {
			return nil, fmt.Errorf("%w (in Sizes)", err)
		}
	}
	want := Sum(s.Total)
	label := func(size, w int) string {
		if w == 0 {
			return fmt.Sprintf("%d squares per task, serial loop", size)
		}
		return fmt.Sprintf("%d squares per task, %d workers", size, w)
	}
	tick := ticker(len(s.Sizes)*(len(ws)+1)*(s.Trials+1), progress)
	var impls []compare.Impl
	for _, size := range s.Sizes {
		for _, w := range append([]int{0}, ws...) { // 0: the serial loop, for the work per task
			how := s.How
			if w == 0 {
				how = Serial
			}
			impls = append(impls, compare.Impl{Name: label(size, w), Run: func(ctx context.Context) error {
				got, err := Run(ctx, how, s.Total, size, max(1, w))
				tick(label(size, w))
				if err == nil && got != want {
					err = fmt.Errorf("granularity: %s gave the sum %d, want %d", label(size, w), got, want)
				}
				return err
			}})
		}
	}
	cmp, err := compare.Run(ctx, "scale", s.Trials, 1, impls...)
	if cmp == nil {
		return nil, err
	}
	res := &ScaleResult{How: s.How, Total: s.Total, Procs: runtime.GOMAXPROCS(0), Env: cmp.Env, Partial: cmp.Partial}
	res.Env.LoadAfter = bench.CaptureEnv().LoadBefore
	if err != nil {
		res.Stopped = err.Error()
	}
	for _, size := range s.Sizes {
		c := Curve{Size: size}
		one := cmp.Find(label(size, 1))
		if one == nil || len(one.Samples) == 0 {
			continue
		}
		if serial := cmp.Find(label(size, 0)); serial != nil && len(serial.Samples) > 0 {
			c.TaskNs = float64(serial.Median) / float64((s.Total-1)/size+1)
		}
		for _, w := range ws {
			e := cmp.Find(label(size, w))
			if e == nil || len(e.Samples) == 0 {
				continue
			}
			r, _ := cmp.Ratio(one.Name, e.Name)
			if r.Value <= 0 {
				continue
			}
			c.Speedups = append(c.Speedups, scaling.Point{N: w, Value: r.Value, Lower: r.Low, Upper: r.High})
		}
		res.Curves = append(res.Curves, c)
	}
	return res, err
}

// Simulated is a program simulated on a machine with more cores than the learner's (package sim).
type Simulated struct {
	Name     string
	Cores    int
	Speedups []scaling.Point // N = 1 … Cores, exact (no interval: a simulation has no noise)
}

// Simulate runs two programs on a simulated machine of cores cores (2 to 64), N = 1 … cores workers
// each, and returns their speedups T(1)/T(N):
//
//   - "fixed serial part": a fraction serial of the work (0 to 1) runs on one core first, then the
//     rest is split evenly among the N workers — Amdahl's program, whose Karp–Flatt e(N) is flat;
//   - "a cost per worker": no serial part, but the main goroutine spends perWorker starting each
//     worker before that worker can begin its share of the work — overhead that grows with N, so e(N)
//     grows.
//
// work is the whole program's work on one core (1 µs to 1 h). The simulation (package sim) is exact
// and deterministic; it models no caches and no memory bandwidth.
func Simulate(cores int, work time.Duration, serial float64, perWorker time.Duration) ([]Simulated, error) {
	if cores < 2 || cores > 64 {
		return nil, fmt.Errorf("granularity: cores = %d is not allowed: want from 2 to 64 simulated cores", cores)
	}
	if work < time.Microsecond || work > time.Hour {
		return nil, fmt.Errorf("granularity: work = %v is not allowed: want from 1µs to 1h", work)
	}
	if !(serial >= 0 && serial < 1) {
		return nil, fmt.Errorf("granularity: serial = %v is not allowed: want a fraction from 0 to below 1", serial)
	}
	if perWorker < 0 || perWorker > work {
		return nil, fmt.Errorf("granularity: perWorker = %v is not allowed: want from 0 to work = %v", perWorker, work)
	}
	cfg := sim.Config{Cores: cores}
	makespan := func(tasks []sim.Task) (time.Duration, error) {
		r, err := sim.Run(cfg, tasks)
		if err != nil {
			return 0, err
		}
		return r.Timeline.Span, nil
	}
	fixed := func(n int) []sim.Task {
		head := time.Duration(serial * float64(work))
		tasks := []sim.Task{{Name: "serial part", Phases: []sim.Phase{sim.Compute("serial", head)}}}
		for i := range n {
			tasks = append(tasks, sim.Task{Name: fmt.Sprintf("worker %d", i+1), Arrive: head,
				Phases: []sim.Phase{sim.Compute("share", (work-head)/time.Duration(n))}})
		}
		return tasks
	}
	perCost := func(n int) []sim.Task {
		spawner := sim.Task{Name: "main"}
		var tasks []sim.Task
		for i := range n {
			spawner.Phases = append(spawner.Phases, sim.Compute("start a worker", perWorker))
			tasks = append(tasks, sim.Task{Name: fmt.Sprintf("worker %d", i+1), Arrive: time.Duration(i+1) * perWorker,
				Phases: []sim.Phase{sim.Compute("share", work/time.Duration(n))}})
		}
		return append([]sim.Task{spawner}, tasks...)
	}
	var out []Simulated
	for _, prog := range []struct {
		name  string
		tasks func(int) []sim.Task
	}{{fmt.Sprintf("fixed serial part (%.0f%%)", 100*serial), fixed}, {"a cost per worker started (" + perWorker.String() + ")", perCost}} {
		s := Simulated{Name: prog.name, Cores: cores}
		var t1 time.Duration
		for n := 1; n <= cores; n++ {
			t, err := makespan(prog.tasks(n))
			if err != nil {
				return nil, fmt.Errorf("granularity: simulating %s on %d workers: %w", prog.name, n, err)
			}
			if n == 1 {
				t1 = t
			}
			s.Speedups = append(s.Speedups, scaling.Point{N: n, Value: float64(t1) / float64(t)})
		}
		out = append(out, s)
	}
	return out, nil
}

// Describe says in words, for each task size, the Karp–Flatt serial fraction e at 2 workers and at the
// most workers measured within GOMAXPROCS, and what the points beyond GOMAXPROCS show. It draws no
// conclusion from a point without an interval.
func (r *ScaleResult) Describe() string {
	if r == nil || len(r.Curves) == 0 {
		return "Nothing was measured."
	}
	var b strings.Builder
	for _, c := range r.Curves {
		kf, err := scaling.KarpFlattPoints(c.Speedups)
		if err != nil {
			continue
		}
		fmt.Fprintf(&b, "* **tasks of %s** (%d squares): ", nsText(c.TaskNs), c.Size)
		var within, beyond []scaling.Point
		for _, p := range kf {
			if p.N <= r.Procs {
				within = append(within, p)
			} else {
				beyond = append(beyond, p)
			}
		}
		switch {
		case len(within) == 0:
			b.WriteString("no point within GOMAXPROCS (one core: every extra goroutine only takes turns)")
		case len(within) == 1:
			p := within[0]
			fmt.Fprintf(&b, "e(%d) = %.2f (speedup %.2f×)", p.N, p.Value, c.Speedups[slices.IndexFunc(c.Speedups, func(q scaling.Point) bool { return q.N == p.N })].Value)
		default:
			a, z := within[0], within[len(within)-1]
			fmt.Fprintf(&b, "e went from %.2f at N = %d to %.2f at N = %d", a.Value, a.N, z.Value, z.N)
		}
		if len(beyond) > 0 {
			z := beyond[len(beyond)-1]
			fmt.Fprintf(&b, "; beyond GOMAXPROCS = %d it reached %.2f at N = %d — there the extra goroutines have no core, and e counts the missing cores as if they were serial work", r.Procs, z.Value, z.N)
		}
		b.WriteString(".\n")
	}
	if c := r.compareSizes(); c != "" {
		b.WriteString("\n" + c + "\n")
	}
	return b.String()
}

// coarseBusyE is the Karp–Flatt e above which coarse tasks say the cores were not the workers' own: a
// coarse task's hand-out is a few hundred ns beside tens of µs of work, so on idle cores its e is near
// 0; e ≥ 0.3 on 2 workers is a speedup of 1.54× or less.
const coarseBusyE = 0.3

// compareSizes says whether the finest and the coarsest task size differ in e the way overhead
// predicts (fine tasks larger), at the most workers measured within GOMAXPROCS, reading the intervals:
// it names the direction measured, never the one expected.
func (r *ScaleResult) compareSizes() string {
	if len(r.Curves) < 2 {
		return ""
	}
	fine, coarse := r.Curves[0], r.Curves[0]
	for _, c := range r.Curves {
		if c.Size < fine.Size {
			fine = c
		}
		if c.Size > coarse.Size {
			coarse = c
		}
	}
	if r.Procs < 2 {
		return fmt.Sprintf("With GOMAXPROCS = %d there is no second core to share the work: every e above counts goroutines taking "+
			"turns on one core, for fine and coarse tasks alike, so this machine cannot tell overhead from a serial part — the "+
			"simulated panel shows what more cores do.", r.Procs)
	}
	ef, errF := scaling.KarpFlattPoints(fine.Speedups)
	ec, errC := scaling.KarpFlattPoints(coarse.Speedups)
	if errF != nil || errC != nil {
		return ""
	}
	// The most workers within GOMAXPROCS measured for both sizes.
	var f, c scaling.Point
	found := false
	for _, p := range ef {
		if p.N > r.Procs {
			continue
		}
		if i := slices.IndexFunc(ec, func(q scaling.Point) bool { return q.N == p.N }); i >= 0 {
			f, c, found = p, ec[i], true
		}
	}
	if !found {
		return ""
	}
	var b strings.Builder
	tasks := (r.Total-1)/coarse.Size + 1
	switch {
	case f.HasInterval() && c.HasInterval() && f.Lower > c.Upper:
		fmt.Fprintf(&b, "At N = %d, fine tasks gave the larger e (%.2f against %.2f for coarse ones; the intervals do not overlap): "+
			"handing out many small tasks costs the workers more, as overhead predicts.", f.N, f.Value, c.Value)
	case f.HasInterval() && c.HasInterval() && c.Lower > f.Upper:
		fmt.Fprintf(&b, "At N = %d, **coarse** tasks gave the larger e (%.2f against %.2f for fine ones; the intervals do not overlap) — "+
			"the opposite of what overhead predicts: overhead alone cannot do that, since the coarse tasks were handed out only "+
			"%d times.", c.N, c.Value, f.Value, tasks)
	case f.HasInterval() && c.HasInterval():
		fmt.Fprintf(&b, "At N = %d, fine and coarse tasks gave e = %.2f and %.2f, within each other's intervals: this run shows no "+
			"difference between them.", f.N, f.Value, c.Value)
	default:
		fmt.Fprintf(&b, "At N = %d, fine and coarse tasks gave e = %.2f and %.2f, without intervals: too few rounds to compare them.",
			f.N, f.Value, c.Value)
	}
	if c.Value >= coarseBusyE {
		load := ""
		if e := r.Env; len(e.LoadBefore) > 0 && e.NumCPU > 0 {
			load = fmt.Sprintf(" (load average %.2f on %d logical CPUs when it started", e.LoadBefore[0], e.NumCPU)
			if len(e.LoadAfter) > 0 {
				load += fmt.Sprintf(", %.2f when it ended", e.LoadAfter[0])
			}
			load += "; a one-minute average can miss a burst)"
		}
		fmt.Fprintf(&b, " An e of %.2f for coarse tasks means the extra workers barely helped even where handing out costs "+
			"nothing beside the work: other programs most likely held cores during the measurement%s, and the workers waited "+
			"for cores, not for each other. Read both sizes as noise, and run the cell again when the machine is quieter.", c.Value, load)
	}
	return b.String()
}
