package bounded

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/workload"
	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
)

// Tool is the way the tasks are bounded and cancelled.
type Tool int

const (
	// ErrGroup: g, ctx := errgroup.WithContext(ctx); g.SetLimit(limit); g.Go for each task; g.Wait().
	ErrGroup Tool = iota
	// Semaphore: semaphore.NewWeighted(limit); Acquire before starting each task's goroutine, Release
	// when it ends; the first error cancels a context.WithCancelCause of one's own.
	Semaphore
)

func (t Tool) String() string {
	if t == Semaphore {
		return "semaphore.Weighted"
	}
	return "errgroup with SetLimit"
}

// Config is a batch to run. Zero fields take the defaults in brackets (quick mode in parentheses).
type Config struct {
	Tool  Tool
	Tasks int           // tasks in the batch, 1 … 1000 [16]
	Limit int           // most tasks in flight, 1 … 1000 [4]
	Cost  time.Duration // each task's wait, 1 µs … 1 s [20 ms (10 ms)]
	// FailAt is the task (0 … Tasks−1) that fails, halfway through its wait; −1 for none [9].
	FailAt int
	// Ignore makes the tasks ignore their context: a plain time.Sleep instead of a select that also
	// waits for ctx.Done() [false: they watch it].
	Ignore bool
}

// Limits of a Config.
const (
	maxTasks = 1000
	maxCost  = time.Second
)

// ErrTask is the error of the failing task.
var ErrTask = errors.New("the task failed")

func (c Config) withDefaults() (Config, error) {
	if c.Tasks == 0 {
		c.Tasks = 16
	}
	if c.Limit == 0 {
		c.Limit = 4
	}
	if c.Cost == 0 {
		c.Cost = 20 * time.Millisecond
		if workload.Quick() {
			c.Cost = 10 * time.Millisecond
		}
	}
	if c.FailAt == 0 {
		c.FailAt = min(9, c.Tasks-1)
	}
	switch {
	case c.Tool != ErrGroup && c.Tool != Semaphore:
		return c, fmt.Errorf("bounded: Tool = %d is not allowed: want bounded.ErrGroup or bounded.Semaphore", int(c.Tool))
	case c.Tasks < 1 || c.Tasks > maxTasks:
		return c, fmt.Errorf("bounded: Tasks = %d is not allowed: want 1 to %d", c.Tasks, maxTasks)
	case c.Limit < 1 || c.Limit > maxTasks:
		return c, fmt.Errorf("bounded: Limit = %d is not allowed: want 1 to %d tasks in flight", c.Limit, maxTasks)
	case c.Cost < time.Microsecond || c.Cost > maxCost:
		return c, fmt.Errorf("bounded: Cost = %v is not allowed: want 1µs to %v per task", c.Cost, maxCost)
	case c.FailAt < -1 || c.FailAt >= c.Tasks:
		return c, fmt.Errorf("bounded: FailAt = %d is not allowed: want a task from 0 to %d, or -1 for none", c.FailAt, c.Tasks-1)
	}
	return c, nil
}

// Outcome is how a task ended.
type Outcome uint8

const (
	// NotRun: never started, because the batch was cancelled first.
	NotRun Outcome = iota
	// Done: did its whole wait (a task that ignores its context does, even after a cancel).
	Done
	// Failed: the failing task.
	Failed
	// Cancelled: stopped early because the group's context was cancelled (or started after the
	// cancel and returned at once).
	Cancelled
)

func (o Outcome) String() string {
	return [...]string{"never run", "done", "failed", "cancelled"}[o]
}

// Task is one task of a run; times are measured from the start of the run.
type Task struct {
	Outcome    Outcome
	Start, End time.Duration // zero for NotRun
	// AfterError: the task started after the first error, because the tool was already waiting to
	// start it (g.Go or Acquire blocked on a full limit) when the failing task's slot came free.
	AfterError bool
}

// Result is what Run measured.
type Result struct {
	Config Config // with its defaults
	Tasks  []Task
	// Err is what the group's Wait returned (nil when nothing failed).
	Err error
	// FirstError is when the failing task returned its error; AllStopped when the last goroutine of the
	// run had returned (Wait returned). Both from the start of the run.
	FirstError, AllStopped time.Duration
	// MostInFlight is the most tasks running at once, counted as they started and ended.
	MostInFlight int
	// StartedAfterError counts the tasks that started after the first error (and returned at once).
	StartedAfterError int
}

// StopLatency is AllStopped − FirstError: how long after the first error every goroutine had stopped;
// zero when nothing failed.
func (r *Result) StopLatency() time.Duration {
	if r == nil || r.FirstError == 0 {
		return 0
	}
	return r.AllStopped - r.FirstError
}

// Count returns how many tasks ended with o.
func (r *Result) Count(o Outcome) int {
	n := 0
	for _, t := range r.Tasks {
		if t.Outcome == o {
			n++
		}
	}
	return n
}

// Run runs the batch with the Config's tool and returns what every task did. Every goroutine it starts
// has ended when it returns. A cancelled ctx cancels the tasks as a failure would; Run then returns the
// result with ctx's error.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	r := &Result{Config: cfg, Tasks: make([]Task, cfg.Tasks)}
	start := time.Now()
	var (
		inFlight, most, late atomic.Int64
		failedAt             atomic.Int64 // ns since start, 0: none yet
	)
	// task is the work of task i, run in the goroutine the tool starts for it.
	task := func(ctx context.Context, i int) error {
		t := &r.Tasks[i] // written by this goroutine only; read after Wait
		t.Start = time.Since(start)
		if failedAt.Load() != 0 {
			t.AfterError = true
			late.Add(1)
		}
		n := inFlight.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		defer inFlight.Add(-1)
		wait := cfg.Cost
		if i == cfg.FailAt {
			wait /= 2
		}
		ok := sleep(ctx, wait, cfg.Ignore)
		t.End = time.Since(start)
		switch {
		case i == cfg.FailAt && ok:
			t.Outcome = Failed
			failedAt.CompareAndSwap(0, int64(t.End))
			return fmt.Errorf("task %d: %w", i, ErrTask)
		case !ok:
			t.Outcome = Cancelled
			return ctx.Err()
		}
		t.Outcome = Done
		return nil
	}
	if cfg.Tool == Semaphore {
		r.Err = withSemaphore(ctx, cfg, task)
	} else {
		r.Err = withErrGroup(ctx, cfg, task)
	}
	r.AllStopped = time.Since(start)
	r.FirstError = time.Duration(failedAt.Load())
	r.MostInFlight = int(most.Load())
	r.StartedAfterError = int(late.Load())
	if err := ctx.Err(); err != nil {
		return r, err
	}
	return r, nil
}

// sleep waits d and reports whether it did; watching ctx unless ignore is set.
func sleep(ctx context.Context, d time.Duration, ignore bool) bool {
	if ignore {
		time.Sleep(d)
		return true
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

// withErrGroup is the errgroup way: at most Limit goroutines, the first error cancels ctx, and no new
// task starts once it is cancelled.
func withErrGroup(ctx context.Context, cfg Config, task func(context.Context, int) error) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(cfg.Limit)
	for i := range cfg.Tasks {
		if ctx.Err() != nil {
			break // cancelled: start nothing more
		}
		g.Go(func() error { return task(ctx, i) }) // blocks while Limit tasks are running
	}
	return g.Wait()
}

// withSemaphore is the same with a weighted semaphore of Limit units, one per task, and a context
// cancelled by the first error.
func withSemaphore(ctx context.Context, cfg Config, task func(context.Context, int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	sem := semaphore.NewWeighted(int64(cfg.Limit))
	var wg sync.WaitGroup
	for i := range cfg.Tasks {
		if err := sem.Acquire(ctx, 1); err != nil {
			break // cancelled while waiting for a unit: start nothing more
		}
		wg.Go(func() {
			defer sem.Release(1)
			if err := task(ctx, i); err != nil {
				cancel(err) // only the first cause is kept
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}

// Summary is the stop latency over several runs.
type Summary struct {
	Config          Config
	Runs            int
	Median, Highest time.Duration
}

// Repeat runs cfg n times (1 … 100) and returns the median and the highest stop latency, and the last
// run (to draw). cfg must have a failing task. When ctx ends it returns what it has with ctx's error.
func Repeat(ctx context.Context, cfg Config, n int) (Summary, *Result, error) {
	if n < 1 || n > 100 {
		return Summary{}, nil, fmt.Errorf("bounded: runs = %d is not allowed: want 1 to 100", n)
	}
	c, err := cfg.withDefaults()
	if err != nil {
		return Summary{}, nil, err
	}
	if c.FailAt < 0 {
		return Summary{}, nil, errors.New("bounded: FailAt is -1: Repeat measures the stop after a failure, so one task must fail")
	}
	var lat []time.Duration
	var last *Result
	for range n {
		r, err := Run(ctx, c)
		if err != nil {
			break
		}
		last = r
		lat = append(lat, r.StopLatency())
	}
	s := Summary{Config: c, Runs: len(lat)}
	if len(lat) > 0 {
		slices.Sort(lat)
		s.Median, s.Highest = lat[len(lat)/2], lat[len(lat)-1]
	}
	return s, last, ctx.Err()
}

// Describe says in sentences what the run shows: every task once — finished before the error, the
// failing one, running beside it (cancelled, or finishing its wait when it ignores its context),
// started after the error, never started.
func (r *Result) Describe() string {
	if r == nil {
		return ""
	}
	c := r.Config
	s := fmt.Sprintf("%s, limit %d: at most **%d** tasks were in flight at once.", c.Tool, c.Limit, r.MostInFlight)
	if r.FirstError == 0 {
		return s + fmt.Sprintf(" No task failed: all %d ran.", r.Count(Done))
	}
	var before, besideCancelled, besideDone, late, lateCancelled int
	for i, t := range r.Tasks {
		switch {
		case t.Outcome == NotRun || i == c.FailAt:
		case t.AfterError:
			late++
			if t.Outcome == Cancelled {
				lateCancelled++
			}
		case t.Outcome == Done && t.End <= r.FirstError:
			before++
		case t.Outcome == Cancelled:
			besideCancelled++
		default:
			besideDone++
		}
	}
	s += fmt.Sprintf(" Task %d failed at %v", c.FailAt, r.FirstError.Round(100*time.Microsecond))
	if before > 0 {
		s += fmt.Sprintf(", after %s had finished", tasks(before))
	}
	switch beside := besideCancelled + besideDone; {
	case beside == 0:
		s += "; no other task was running."
	case besideDone == 0:
		s += fmt.Sprintf("; the %s running beside it %s cancelled.", tasks(beside), were(beside))
	case besideCancelled == 0:
		s += fmt.Sprintf("; the %s running beside it ignored the cancel and finished %s wait.", tasks(beside), their(beside))
	default:
		s += fmt.Sprintf("; of the %s running beside it, %d %s cancelled and %d finished %s wait.", tasks(beside),
			besideCancelled, were(besideCancelled), besideDone, their(besideDone))
	}
	if late > 0 {
		s += fmt.Sprintf(" %s started after the error — the loop was already waiting to start %s when the failing task's "+
			"slot came free — and ", tasks(late), them(late))
		switch {
		case lateCancelled == late:
			s += "returned at once, cancelled: the context was already done."
		case lateCancelled == 0:
			s += fmt.Sprintf("ran %s whole wait anyway, ignoring the context.", their(late))
		default:
			s += fmt.Sprintf("%d returned at once, cancelled.", lateCancelled)
		}
	}
	if n := r.Count(NotRun); n > 0 {
		s += fmt.Sprintf(" The other %s never started.", tasks(n))
	}
	return s + fmt.Sprintf(" Every goroutine had returned **%v** after the error.", round.Duration(r.StopLatency()))
}

func tasks(n int) string {
	if n == 1 {
		return "1 task"
	}
	return fmt.Sprintf("%d tasks", n)
}

func were(n int) string  { return map[bool]string{true: "was", false: "were"}[n == 1] }
func their(n int) string { return map[bool]string{true: "its", false: "their"}[n == 1] }
func them(n int) string  { return map[bool]string{true: "it", false: "them"}[n == 1] }
