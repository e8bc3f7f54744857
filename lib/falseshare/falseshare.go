package falseshare

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Layout is how far apart the workers' counters are.
type Layout struct {
	Name   string // "adjacent", "padded 64 B", "padded 128 B"
	Stride int    // bytes from one counter to the next
}

// Layouts returns the layouts Measure compares, adjacent first (a fresh slice each call).
func Layouts() []Layout {
	return []Layout{{"adjacent", 8}, {"padded 64 B", 64}, {"padded 128 B", 128}}
}

// Config says what [Measure] measures. Zero fields take the defaults in brackets.
type Config struct {
	// Workers is the number of goroutines sharing (or not) a cache line, 2 … 1024 [GOMAXPROCS, at
	// least 2]. One worker is always measured too, as the control.
	Workers int
	// Ops is the number of increments per trial, split evenly over the workers, from one per worker
	// to 2³⁴ [20 000 000; 2 000 000 in quick mode, see workload.Quick].
	Ops int
	// Trials per configuration, bench.MinTrials … 1000 [bench.DefaultTrials; bench.MinTrials in quick
	// mode].
	Trials int
	// Progress, when not nil, is called as the measurement goes (see bench.Sweep).
	Progress func(bench.Progress)
}

// Limits on Config, so that a typo cannot start hours of work or allocate gigabytes of counters.
const (
	maxWorkers = 1024
	maxOps     = 1 << 34
	maxTrials  = 1000
)

// Bar is one layout on one number of workers.
type Bar struct {
	Layout  Layout
	Workers int
	// NsPerOp is the wall time of a trial divided by its increments (all workers together), in
	// nanoseconds: the median with its 95% interval.
	NsPerOp bench.Interval
	Noisy   bool
}

// Result is what Measure found.
type Result struct {
	Config Config // with defaults filled in
	// Bars: every layout on 1 worker, then on Config.Workers workers, in the order of Layouts.
	Bars []Bar
	// Ratio is ns per increment of adjacent ÷ padded 128 B counters on Config.Workers workers: how many
	// times slower false sharing makes them. Its Low and High divide the ends of the two medians'
	// intervals (adjacent low ÷ padded high, adjacent high ÷ padded low), so they are conservative.
	Ratio bench.Interval
	// Bench is the harness's result: raw samples, environment (Env), warnings.
	Bench *bench.Result
}

// String gives the ratio in a sentence.
func (r Result) String() string {
	return fmt.Sprintf("%d goroutines incrementing counters on one cache line took %.2f× as long as with the counters 128 B apart (95%% interval %.2f–%.2f×)",
		r.Config.Workers, r.Ratio.Value, r.Ratio.Low, r.Ratio.High)
}

func (c Config) withDefaults() (Config, error) {
	if c.Workers == 0 {
		c.Workers = max(2, runtime.GOMAXPROCS(0))
	}
	if c.Ops == 0 {
		c.Ops = 20_000_000
		if workload.Quick() {
			c.Ops = 2_000_000
		}
	}
	if c.Trials == 0 {
		c.Trials = bench.DefaultTrials
		if workload.Quick() {
			c.Trials = bench.MinTrials
		}
	}
	switch {
	case c.Workers < 2 || c.Workers > maxWorkers:
		return c, fmt.Errorf("falseshare: Workers is %d; want 2 to %d (0 means GOMAXPROCS, at least 2)", c.Workers, maxWorkers)
	case c.Ops < c.Workers || c.Ops > maxOps:
		return c, fmt.Errorf("falseshare: Ops is %d increments per trial; want %d (one per worker) to %d", c.Ops, c.Workers, int64(maxOps))
	case c.Trials < bench.MinTrials || c.Trials > maxTrials:
		return c, fmt.Errorf("falseshare: Trials is %d; want %d to %d (0 means %d)", c.Trials, bench.MinTrials, maxTrials, bench.DefaultTrials)
	}
	return c, nil
}

// Measure runs the comparison with the bench harness and returns the bars and the ratio: 3 layouts on
// 1 and on Workers workers, each one untimed warm-up and Trials trials of Ops increments. Every field
// is checked before anything runs. When ctx is cancelled it returns what was measured, with ctx's
// error; a trial stops within some ten thousand increments, counted over all workers. All
// goroutines it starts have ended when it returns.
func Measure(ctx context.Context, cfg Config) (Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	layouts := Layouts()
	tasks := make([]workload.Task, len(layouts))
	for i, l := range layouts {
		tasks[i] = task{l, cfg.Ops}
	}
	br, err := bench.Run(ctx, bench.Sweep{Tasks: tasks, Workers: []int{1, cfg.Workers}, Trials: cfg.Trials, Progress: cfg.Progress})
	res := Result{Config: cfg, Bench: br}
	if br == nil {
		return res, err
	}
	byKey := map[[2]int]Bar{}
	for _, p := range br.Points {
		for i, t := range tasks {
			if t.Name() == p.Task {
				n := float64(cfg.Ops)
				byKey[[2]int{i, p.Workers}] = Bar{layouts[i], p.Workers,
					bench.Interval{Value: float64(p.Median) / n, Low: float64(p.Low) / n, High: float64(p.High) / n}, p.Noisy}
			}
		}
	}
	for _, w := range []int{1, cfg.Workers} {
		for i := range layouts {
			if b, ok := byKey[[2]int{i, w}]; ok {
				res.Bars = append(res.Bars, b)
			}
		}
	}
	adj, okA := byKey[[2]int{0, cfg.Workers}]
	pad, okP := byKey[[2]int{len(layouts) - 1, cfg.Workers}]
	if okA && okP && pad.NsPerOp.Value > 0 && pad.NsPerOp.Low > 0 {
		res.Ratio = bench.Interval{
			Value: adj.NsPerOp.Value / pad.NsPerOp.Value,
			Low:   adj.NsPerOp.Low / pad.NsPerOp.High,
			High:  adj.NsPerOp.High / pad.NsPerOp.Low,
		}
	}
	return res, err
}

// task is one layout as a workload.Task: workers goroutines each add 1 to their own counter, ops in all;
// the checksum is the sum of the counters, ops.
type task struct {
	layout Layout
	ops    int
}

func (t task) Name() string {
	return fmt.Sprintf("own counters, %s, %d increments", t.layout.Name, t.ops)
}

func (t task) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

// chunkFor is how many increments each of workers workers makes between looks at the stop flag:
// about 2¹⁴ increments by all of them together (at least 16 each), well under 10 ms even when every
// increment bounces a cache line between cores.
func chunkFor(workers int) int { return max(16, (1<<14)/workers) }

func (t task) Run(ctx context.Context, workers int) (uint64, error) {
	counters := newCounters(workers, t.layout.Stride)
	var wg sync.WaitGroup
	per, extra := t.ops/workers, t.ops%workers
	chunk := chunkFor(workers)
	done := ctx.Done() // a receive that does not block, on a closed channel, takes no lock
	for w := range workers {
		n := per
		if w < extra {
			n++
		}
		p := counters.at(w)
		wg.Go(func() {
			for n > 0 && !isDone(done) {
				k := min(n, chunk)
				for range k {
					atomic.AddInt64(p, 1)
				}
				n -= k
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	var sum uint64
	for w := range workers {
		sum += uint64(atomic.LoadInt64(counters.at(w)))
	}
	return sum, nil
}

// counters are int64s stride bytes apart, the first at the start of a 128-byte block (so two adjacent
// counters share one 64-byte line). Go's heap does not move objects, so the alignment found at
// allocation holds.
type counters struct {
	buf    []int64
	first  int // index of the first counter in buf
	stride int // in int64s
}

func newCounters(n, strideBytes int) counters {
	stride := strideBytes / 8
	buf := make([]int64, n*stride+16)
	first := 0
	for uintptr(unsafe.Pointer(&buf[first]))%128 != 0 {
		first++
	}
	return counters{buf, first, stride}
}

func (c counters) at(i int) *int64 { return &c.buf[c.first+i*c.stride] }

// Warnings returns the harness's warnings (a busy machine, noisy points), which nb.Run shows.
func (r Result) Warnings() []string { return r.Bench.Warnings() }

// Measure is the package's Measure(ctx, c) with c.Progress set to progress: the shape nb.Run takes, so a
// notebook cell measures with a progress bar and Interrupt in one line:
//
//	res, err := nb.Run(falseshare.Config{}.Measure)
func (c Config) Measure(ctx context.Context, progress func(bench.Progress)) (Result, error) {
	if progress != nil {
		c.Progress = progress
	}
	return Measure(ctx, c)
}

// isDone reports whether done is closed, without blocking.
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
