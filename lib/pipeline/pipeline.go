package pipeline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Stage is one stage of a pipeline: Workers goroutines that each take an item from the previous stage,
// work on it for Cost, and pass it on. The first stage makes the items (it has no input).
type Stage struct {
	// Name is what charts call the stage: "parse".
	Name string
	// Workers is the number of goroutines of this stage, 1 … 64 (0 means 1). Several workers of one
	// stage share its input and output channels: a fan-out and a fan-in.
	Workers int
	// Cost is how long one item takes in this stage, 0 … 1 s. The stage waits that long (a timer), as
	// it would for a disk or a service: no CPU is used, so the shape does not depend on the cores.
	Cost time.Duration
	// Bursty makes the cost uneven with the same mean: items come in blocks of 8 that cost 2×Cost each,
	// then 8 that cost nothing. Neighbouring bursty stages are out of phase (one is slow while the next
	// is fast): the case a buffer helps.
	Bursty bool
}

// burst is the length of a bursty stage's blocks of slow and fast items.
const burst = 8

// cost returns the time item i takes in stage s (its position in the pipeline).
func (st Stage) cost(s, i int) time.Duration {
	if !st.Bursty {
		return st.Cost
	}
	if (i/burst+s)%2 == 0 {
		return 2 * st.Cost
	}
	return 0
}

// Stopping is how a stage watches its context.
type Stopping int

const (
	// Watching: every wait — for input, for the work, to send — is a select that also waits for
	// ctx.Done(): a cancel stops the stage at once.
	Watching Stopping = iota
	// BetweenItems: the work is a plain time.Sleep and ctx is checked only between items (sends and
	// receives still watch ctx, or a cancel would strand the stage): a cancel stops the stage after the
	// item in hand.
	BetweenItems
)

func (s Stopping) String() string {
	if s == BetweenItems {
		return "checks ctx between items"
	}
	return "watches ctx.Done() in every wait"
}

// Config is a pipeline to run. Zero fields take the defaults in brackets.
type Config struct {
	Stages []Stage // 1 … 8 stages [none: an error]
	Items  int     // items to push through, 1 … 100 000 [64]
	// Buffer is the capacity of every channel between stages, 0 … 10 000 [0: unbuffered, each send
	// waits for a receiver].
	Buffer int
	// Stopping says how the stages watch ctx [Watching].
	Stopping Stopping
}

// Limits of a Config.
const (
	maxStages       = 8
	maxStageWorkers = 64
	maxItems        = 100_000
	maxCost         = time.Second
	maxBuffer       = 10_000
	maxSpans        = 1 << 14 // per worker: a chart shows fewer anyway
)

func (c Config) withDefaults() (Config, error) {
	if c.Items == 0 {
		c.Items = 64
	}
	switch {
	case len(c.Stages) == 0 || len(c.Stages) > maxStages:
		return c, fmt.Errorf("pipeline: Stages has %d stages; want 1 to %d", len(c.Stages), maxStages)
	case c.Items < 0 || c.Items > maxItems:
		return c, fmt.Errorf("pipeline: Items = %d is not allowed: want 1 to %d (0 means 64)", c.Items, maxItems)
	case c.Buffer < 0 || c.Buffer > maxBuffer:
		return c, fmt.Errorf("pipeline: Buffer = %d is not allowed: want a channel capacity of 0 to %d", c.Buffer, maxBuffer)
	case c.Stopping != Watching && c.Stopping != BetweenItems:
		return c, fmt.Errorf("pipeline: Stopping = %d is not allowed: want pipeline.Watching or pipeline.BetweenItems", int(c.Stopping))
	}
	c.Stages = append([]Stage(nil), c.Stages...)
	for i := range c.Stages {
		st := &c.Stages[i]
		if st.Workers == 0 {
			st.Workers = 1
		}
		if st.Name == "" {
			st.Name = fmt.Sprintf("stage %d", i+1)
		}
		switch {
		case st.Workers < 0 || st.Workers > maxStageWorkers:
			return c, fmt.Errorf("pipeline: stage %q: Workers = %d is not allowed: want 1 to %d goroutines", st.Name, st.Workers, maxStageWorkers)
		case st.Cost < 0 || st.Cost > maxCost:
			return c, fmt.Errorf("pipeline: stage %q: Cost = %v is not allowed: want 0 to %v per item", st.Name, st.Cost, maxCost)
		}
	}
	return c, nil
}

// Activity is what a worker was doing.
type Activity uint8

const (
	// Working on an item.
	Working Activity = iota
	// WaitingInput: waiting for the previous stage to hand over an item (starved).
	WaitingInput
	// WaitingOutput: holding a finished item, waiting for the next stage to take it (blocked).
	WaitingOutput
)

func (a Activity) String() string {
	return [...]string{"working", "waiting for input", "waiting to send"}[a]
}

// Worker is one goroutine of a pipeline.
type Worker struct {
	Stage int // index into Result.Config.Stages
	Index int // its number within the stage, from 0
}

// Span is what one worker did from Start to End (measured from the start of the run).
type Span = spans.Span[Activity]

// StageStats is how a stage's workers spent the run, as fractions of (workers × elapsed time).
type StageStats struct {
	Busy, Starved, Blocked float64 // working, waiting for input, waiting to send
	// Capacity is the most items per second the stage could pass on: Workers ÷ mean Cost (0 when the
	// cost is 0: no limit).
	Capacity float64
}

// Result is what Run measured.
type Result struct {
	Config  Config // with its defaults
	Done    int    // items that came out of the last stage
	Elapsed time.Duration
	// Throughput is Done ÷ Elapsed, in items per second.
	Throughput float64
	Workers    []Worker // Spans' Lane indexes this
	Spans      []Span
	Stages     []StageStats
	Dropped    int  // spans left out because a worker had more than 2¹⁴
	Partial    bool // ctx ended the run before every item came out
	// Stopped is, when Partial, the time from ctx's end to the moment every goroutine of the run had
	// returned.
	Stopped time.Duration
}

// Run runs the pipeline on cfg.Items items and returns what each worker did and when. The first stage
// makes the items 0 … Items−1; the caller's goroutine takes them from the last stage and checks that
// each came out exactly once.
//
// Every goroutine has ended when Run returns. When ctx ends first, the stages stop (at once, or after
// the item in hand with BetweenItems) and Run returns the partial result with ctx's error.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return run(ctx, cfg)
}

func run(ctx context.Context, cfg Config) (*Result, error) {
	res := &Result{Config: cfg}
	for s, st := range cfg.Stages {
		for i := range st.Workers {
			res.Workers = append(res.Workers, Worker{Stage: s, Index: i})
		}
	}
	log := spans.New[Activity](len(res.Workers), min(maxSpans, 3*cfg.Items+4))
	var (
		wg      sync.WaitGroup
		last    chan int // the output of the stage built last
		lane    int
		next    int
		nextMu  sync.Mutex // guards next: the first stage's workers share the item numbers
		stopped time.Time
	)
	take := func() (int, bool) {
		nextMu.Lock()
		defer nextMu.Unlock()
		if next >= cfg.Items {
			return 0, false
		}
		next++
		return next - 1, true
	}
	for s, st := range cfg.Stages {
		in, out := last, make(chan int, cfg.Buffer) // this stage's input is the previous stage's output
		var stageWG sync.WaitGroup
		for range st.Workers {
			w := lane
			lane++
			stageWG.Add(1)
			wg.Go(func() {
				defer stageWG.Done()
				defer log.Stop(w)
				worker(ctx, cfg.Stopping, log, w, s, st, in, out, take)
			})
		}
		wg.Go(func() { stageWG.Wait(); close(out) }) // the last worker of a stage closes its output
		last = out
	}
	in := last
	seen := make([]bool, cfg.Items)
	var dup error
loop:
	for {
		select {
		case it, ok := <-in:
			if !ok {
				break loop
			}
			if it < 0 || it >= cfg.Items || seen[it] {
				dup = fmt.Errorf("pipeline: item %d came out twice or out of range: a bug in the pipeline", it)
				continue
			}
			seen[it] = true
			res.Done++
		case <-ctx.Done():
			stopped = time.Now()
			break loop
		}
	}
	wg.Wait()
	res.Elapsed = log.Now()
	if !stopped.IsZero() {
		res.Partial = true
		res.Stopped = time.Since(stopped)
	}
	if res.Elapsed > 0 {
		res.Throughput = float64(res.Done) / res.Elapsed.Seconds()
	}
	res.Spans, res.Dropped = log.Spans()
	res.Stages = stats(cfg, res)
	switch {
	case dup != nil:
		return res, dup
	case res.Partial:
		return res, ctx.Err()
	case res.Done != cfg.Items:
		return res, fmt.Errorf("pipeline: %d of %d items came out: a bug in the pipeline", res.Done, cfg.Items)
	}
	return res, nil
}

// worker is one goroutine of stage s: take an item (from in, or make one in the first stage), work,
// send it on out; until the input closes, the items run out or ctx ends.
func worker(ctx context.Context, stop Stopping, log *spans.Log[Activity], w, s int, st Stage, in <-chan int, out chan<- int, take func() (int, bool)) {
	for {
		var it int
		if in == nil {
			if ctx.Err() != nil {
				return
			}
			var ok bool
			if it, ok = take(); !ok {
				return
			}
		} else {
			log.Set(w, WaitingInput)
			select {
			case v, ok := <-in:
				if !ok {
					return
				}
				it = v
			case <-ctx.Done():
				return
			}
		}
		log.Set(w, Working)
		if !work(ctx, stop, st.cost(s, it)) {
			return
		}
		log.Set(w, WaitingOutput)
		select {
		case out <- it:
		case <-ctx.Done():
			return
		}
	}
}

// work waits d, as the stopping mode says, and reports whether ctx is still live.
func work(ctx context.Context, stop Stopping, d time.Duration) bool {
	if stop == BetweenItems {
		time.Sleep(d)
		return ctx.Err() == nil
	}
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// stats sums each stage's spans.
func stats(cfg Config, res *Result) []StageStats {
	out := make([]StageStats, len(cfg.Stages))
	if res.Elapsed <= 0 {
		return out
	}
	for _, sp := range res.Spans {
		s := res.Workers[sp.Lane].Stage
		f := sp.Duration().Seconds() / (res.Elapsed.Seconds() * float64(cfg.Stages[s].Workers))
		switch sp.Kind {
		case Working:
			out[s].Busy += f
		case WaitingInput:
			out[s].Starved += f
		case WaitingOutput:
			out[s].Blocked += f
		}
	}
	for s, st := range cfg.Stages {
		if st.Cost > 0 {
			out[s].Capacity = float64(st.Workers) / st.Cost.Seconds() // a bursty stage's mean cost is Cost too
		}
	}
	return out
}

// Slowest returns the index of the stage with the least capacity (the bottleneck by design), or -1
// when no stage has a cost.
func (r *Result) Slowest() int {
	slowest := -1
	for s, st := range r.Stages {
		if st.Capacity > 0 && (slowest < 0 || st.Capacity < r.Stages[slowest].Capacity) {
			slowest = s
		}
	}
	return slowest
}

// Label names worker w for a chart: "parse #2", or the stage's name when it has one worker.
func (r *Result) Label(w int) string {
	if w < 0 || w >= len(r.Workers) {
		return ""
	}
	st := r.Config.Stages[r.Workers[w].Stage]
	if st.Workers == 1 {
		return st.Name
	}
	return fmt.Sprintf("%s #%d", st.Name, r.Workers[w].Index+1)
}

// Describe says in sentences what the run shows: the throughput, the stage that limits it and how busy
// each stage was.
func (r *Result) Describe() string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d items in %v: **%.0f items/s**.", r.Done, r.Elapsed.Round(time.Millisecond), r.Throughput)
	if s := r.Slowest(); s >= 0 {
		st := r.Config.Stages[s]
		fmt.Fprintf(&b, " The slowest stage by design is **%s** (%v per item on %d %s: at most %.0f items/s); it was working %.0f%% of the time.",
			st.Name, st.Cost, st.Workers, plural(st.Workers, "worker", "workers"), r.Stages[s].Capacity, 100*r.Stages[s].Busy)
	}
	var waits []string
	for s, st := range r.Stages {
		name := r.Config.Stages[s].Name
		waits = append(waits, fmt.Sprintf("%s %.0f%% working, %.0f%% waiting for input, %.0f%% waiting to send", name, 100*st.Busy, 100*st.Starved, 100*st.Blocked))
	}
	fmt.Fprintf(&b, " Per stage: %s.", strings.Join(waits, "; "))
	if r.Dropped > 0 {
		fmt.Fprintf(&b, " (%d spans were not recorded: a worker handled more than %d.)", r.Dropped, maxSpans/3)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
