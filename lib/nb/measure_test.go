package nb

import (
	"context"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// counted is a task that counts its runs and takes a fixed time per run.
type counted struct {
	name string
	work time.Duration
	runs atomic.Int64
}

func (c *counted) Name() string                               { return c.name }
func (c *counted) Serial(ctx context.Context) (uint64, error) { return 1, nil }
func (c *counted) Run(ctx context.Context, workers int) (uint64, error) {
	c.runs.Add(1)
	select {
	case <-time.After(c.work):
		return 1, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func TestMeasureCaches(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	task := &counted{name: "c", work: 100 * time.Microsecond}
	sweep := bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}, Trials: 10}
	first, err := Measure(sweep)
	if err != nil {
		t.Fatal(err)
	}
	runs := task.runs.Load()
	if runs != 2*11 {
		t.Fatalf("first Measure ran the task %d times; want 2 configurations × (1 warm-up + 10 trials) = 22", runs)
	}
	again, err := Measure(sweep)
	if err != nil {
		t.Fatal(err)
	}
	if task.runs.Load() != runs || again.Markdown() != first.Markdown() {
		t.Errorf("second Measure with the same parameters ran the task %d more times; want 0 and the cached result", task.runs.Load()-runs)
	}
	sweep.Workers = []int{1, 3}
	if _, err := Measure(sweep); err != nil {
		t.Fatal(err)
	}
	if task.runs.Load() == runs {
		t.Error("Measure with different workers did not measure again")
	}
	if err := ClearCache(); err != nil {
		t.Fatal(err)
	}
	runs = task.runs.Load()
	if _, err := Measure(sweep); err != nil || task.runs.Load() == runs {
		t.Errorf("after ClearCache, Measure ran %d times (error %v); want it to measure again", task.runs.Load()-runs, err)
	}
}

// TestMeasureInterrupt sends this process SIGINT, as Kernel → Interrupt does, in the middle of a
// sweep that would take minutes.
func TestMeasureInterrupt(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	task := &counted{name: "slow", work: 200 * time.Millisecond}
	sweep := bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2, 3, 4}, Trials: 100}
	var sent time.Time
	sweep.Progress = func(p bench.Progress) {
		if p.Done == 8 {
			sent = time.Now()
			syscall.Kill(os.Getpid(), syscall.SIGINT)
		}
	}
	res, err := Measure(sweep)
	took := time.Since(sent)
	if err != nil || res == nil || !res.Partial || len(res.Points) == 0 {
		t.Fatalf("interrupted Measure = %+v, %v; want a partial result with points and no error", res, err)
	}
	if took > time.Second {
		t.Errorf("Measure returned %v after SIGINT; want within 1s", took)
	}
	entries, _ := os.ReadDir(os.Getenv(cacheEnv))
	if len(entries) != 0 {
		t.Errorf("the partial result was cached (%d files); want nothing cached", len(entries))
	}
}

func TestMeasureBadInput(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	task := &counted{name: "c"}
	for _, tt := range []struct {
		sweep bench.Sweep
		want  string
	}{
		{bench.Sweep{}, "no tasks"},
		{bench.Sweep{Tasks: []workload.Task{task}, Workers: []int{0}}, "workers = 0"},
		{bench.Sweep{Tasks: []workload.Task{task}, Trials: 2}, "trials = 2"},
	} {
		res, err := Measure(tt.sweep)
		if err == nil || res != nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Measure(%+v) = %v, %v; want an error containing %q", tt.sweep, res, err, tt.want)
		}
	}
}

func TestProgressHTML(t *testing.T) {
	h := progressHTML(bench.Progress{Done: 30, Total: 120, Elapsed: 3 * time.Second, Left: 9 * time.Second,
		Last: bench.Config{Task: "t", Workers: 2, Procs: 2}})
	for _, want := range []string{"width:25.0%", "30 of 120 runs", "3.0 s elapsed", "about 9.0 s left", "workers=2, GOMAXPROCS=2", "Interrupt"} {
		if !strings.Contains(h, want) {
			t.Errorf("progress HTML %q; want it to contain %q", h, want)
		}
	}
}
