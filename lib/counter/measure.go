package counter

import (
	"context"
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/workload"
)

// Sweep says what [Measure] measures: every kind, shared by every number of goroutines, under every
// GOMAXPROCS. Zero fields take the defaults in brackets.
type Sweep struct {
	Kinds      []Kind // at most 16, with distinct names [Kinds()]
	Goroutines []int  // goroutines sharing one counter, each 1 … 10 000, at most 32 values; 1 is always added [1, 2, 4, 8]
	Procs      []int  // GOMAXPROCS values, each 1 … procs.Limit(), at most 16 [leave GOMAXPROCS as it is]
	// Ops is the number of increments per trial, split over the goroutines, at most 2³² [per kind:
	// 2 000 000, 100 000 for channel, whose increments cost about 100 times more; ten times fewer in
	// quick mode, see workload.Quick].
	Ops      int
	Trials   int                  // timed trials per configuration, 0 or bench.MinTrials … 1000 [bench.DefaultTrials; bench.MinTrials in quick mode]
	Seed     uint64               // the harness's shuffling seed
	Progress func(bench.Progress) // called as the sweep goes, see bench.Sweep
}

// Cost is one kind of counter shared by some goroutines under some GOMAXPROCS.
type Cost struct {
	Kind       string
	Goroutines int
	Procs      int // GOMAXPROCS
	Ops        int // increments per trial
	// NsPerOp is the wall time of a trial divided by its increments, in nanoseconds: the median with
	// its 95% interval. With g goroutines in parallel, one goroutine's Add takes up to g times this.
	NsPerOp bench.Interval
	// Noisy is the harness's flag: the interval is wider than ±10% of the median.
	Noisy bool
}

// Contention is what Measure found.
type Contention struct {
	// Costs are ordered by kind (as in the sweep), then GOMAXPROCS, then goroutines.
	Costs []Cost
	// Bench is the harness's result: raw samples, environment (Env), Warnings.
	Bench *bench.Result
}

// Limits on a Sweep's lists, besides the limits on each value: a chart cannot show more.
const (
	maxKinds     = 16
	maxGoCounts  = 32
	maxProcsList = 16
	maxTrials    = 1000
)

// Measure times each kind of counter with package bench: per configuration one untimed warm-up, then
// Trials rounds in shuffled order, every trial checked to count exactly Ops (a counter that loses
// updates is an error, not a fast result). The defaults measure 4 kinds × 4 goroutine counts under
// the current GOMAXPROCS. Every value is checked before anything runs. When ctx is cancelled it
// returns the partial result with ctx's error; each trial stops within a few thousand increments.
// GOMAXPROCS is restored (package procs: do not run another experiment that sets it at the same time)
// and every goroutine it started has ended when it returns.
func Measure(ctx context.Context, s Sweep) (*Contention, error) {
	if len(s.Kinds) == 0 {
		s.Kinds = Kinds()
	}
	if len(s.Goroutines) == 0 {
		s.Goroutines = []int{1, 2, 4, 8}
	}
	if s.Trials == 0 && workload.Quick() {
		s.Trials = bench.MinTrials
	}
	switch {
	case s.Ops < 0 || s.Ops > maxOps:
		return nil, fmt.Errorf("counter: Ops is %d increments per trial; want 1 to %d, or 0 for the defaults", s.Ops, int64(maxOps))
	case len(s.Kinds) > maxKinds:
		return nil, fmt.Errorf("counter: Kinds has %d kinds; want at most %d", len(s.Kinds), maxKinds)
	case len(s.Goroutines) > maxGoCounts:
		return nil, fmt.Errorf("counter: Goroutines has %d values; want at most %d", len(s.Goroutines), maxGoCounts)
	case len(s.Procs) > maxProcsList:
		return nil, fmt.Errorf("counter: Procs has %d GOMAXPROCS values; want at most %d", len(s.Procs), maxProcsList)
	case s.Trials != 0 && (s.Trials < bench.MinTrials || s.Trials > maxTrials):
		return nil, fmt.Errorf("counter: Trials is %d; want %d to %d, or 0 for the default", s.Trials, bench.MinTrials, maxTrials)
	}
	for _, g := range s.Goroutines {
		if g < 1 || g > maxGoroutines {
			return nil, fmt.Errorf("counter: a Goroutines value is %d; want 1 to %d", g, maxGoroutines)
		}
	}
	for _, p := range s.Procs {
		if err := procs.Validate("a Procs (GOMAXPROCS) value", p); err != nil {
			return nil, fmt.Errorf("counter: %w", err)
		}
	}
	tasks := make([]workload.Task, len(s.Kinds))
	seen := map[string]bool{}
	for i, k := range s.Kinds {
		if k.New == nil || k.Name == "" {
			return nil, fmt.Errorf("counter: kind %d (%q) needs both a Name and a New function", i, k.Name)
		}
		if seen[k.Name] {
			return nil, fmt.Errorf("counter: the kind %q appears twice in the sweep; give each kind its own name", k.Name)
		}
		seen[k.Name] = true
		ops := s.Ops
		if ops == 0 {
			ops = defaultOps(k.Name)
		}
		tasks[i] = task{k, ops}
	}
	br, err := bench.Run(ctx, bench.Sweep{
		Tasks: tasks, Workers: s.Goroutines, Procs: s.Procs, Trials: s.Trials, Seed: s.Seed, Progress: s.Progress,
	})
	if br == nil {
		return nil, err
	}
	res := &Contention{Bench: br}
	for _, p := range br.Points {
		for _, t := range tasks {
			t := t.(task)
			if t.Name() != p.Task {
				continue
			}
			n := float64(t.ops)
			res.Costs = append(res.Costs, Cost{
				Kind: t.kind.Name, Goroutines: p.Workers, Procs: p.Procs, Ops: t.ops, Noisy: p.Noisy,
				NsPerOp: bench.Interval{Value: float64(p.Median) / n, Low: float64(p.Low) / n, High: float64(p.High) / n},
			})
		}
	}
	return res, err
}

func defaultOps(kind string) int {
	ops := 2_000_000
	if kind == "channel" {
		ops = 100_000
	}
	if workload.Quick() {
		ops /= 10
	}
	return ops
}

// Cost returns the cost of kind with goroutines goroutines under GOMAXPROCS procs, if measured.
func (c *Contention) Cost(kind string, goroutines, procs int) (Cost, bool) {
	for _, x := range c.Costs {
		if x.Kind == kind && x.Goroutines == goroutines && x.Procs == procs {
			return x, true
		}
	}
	return Cost{}, false
}

// Warnings returns the harness's warnings (a busy machine, noisy points), which nb.Run shows.
func (c *Contention) Warnings() []string {
	if c == nil {
		return nil
	}
	return c.Bench.Warnings()
}

// Markdown returns the costs as a Markdown table, with the harness's warnings below it.
func (c *Contention) Markdown() string {
	var b strings.Builder
	b.WriteString("| kind | goroutines | GOMAXPROCS | ns/op | 95% interval |\n|---|---:|---:|---:|---|\n")
	for _, x := range c.Costs {
		noisy := ""
		if x.Noisy {
			noisy = " (noisy)"
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %.2f | %.2f – %.2f%s |\n", x.Kind, x.Goroutines, x.Procs, x.NsPerOp.Value, x.NsPerOp.Low, x.NsPerOp.High, noisy)
	}
	if c.Bench != nil {
		for _, w := range c.Bench.Warnings() {
			b.WriteString("\n" + w + "\n")
		}
	}
	return b.String()
}

// task is one kind as a workload.Task: goroutines share one fresh counter and add 1 ops times in all;
// the checksum is the final count, which must be ops.
type task struct {
	kind Kind
	ops  int
}

func (t task) Name() string { return fmt.Sprintf("counter %s, %d increments", t.kind.Name, t.ops) }

func (t task) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t task) Run(ctx context.Context, workers int) (uint64, error) {
	c := t.kind.New(workers)
	if c == nil {
		return 0, fmt.Errorf("counter: kind %q made a nil counter", t.kind.Name)
	}
	defer Close(c)
	if err := run(ctx, c, workers, int64(t.ops)); err != nil {
		return 0, err
	}
	v, err := value(c)
	if err == nil && v != int64(t.ops) {
		err = fmt.Errorf("counter: the %s counter counted %d of %d increments on %d goroutines; a counter that loses updates cannot be timed", t.kind.Name, v, t.ops, workers)
	}
	return uint64(v), err
}

// Measure is the package's Measure(ctx, s) with s.Progress set to progress: the shape nb.Run takes, so
// a notebook cell measures with a progress bar and Interrupt in one line:
//
//	res, err := nb.Run(counter.Sweep{Procs: []int{1, 2}}.Measure)
func (s Sweep) Measure(ctx context.Context, progress func(bench.Progress)) (*Contention, error) {
	if progress != nil {
		s.Progress = progress
	}
	return Measure(ctx, s)
}
