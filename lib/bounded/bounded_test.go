package bounded

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

func TestRun(t *testing.T) {
	for _, tool := range []Tool{ErrGroup, Semaphore} {
		for _, ignore := range []bool{false, true} {
			cfg := Config{Tool: tool, Tasks: 20, Limit: 3, Cost: 4 * time.Millisecond, FailAt: 7, Ignore: ignore}
			r, err := Run(context.Background(), cfg)
			name := tool.String()
			if ignore {
				name += ", ignoring ctx"
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !errors.Is(r.Err, ErrTask) {
				t.Errorf("%s: Wait's error %v; want one wrapping ErrTask", name, r.Err)
			}
			if r.MostInFlight < 1 || r.MostInFlight > 3 {
				t.Errorf("%s: %d tasks in flight at once; want 1 to 3", name, r.MostInFlight)
			}
			if r.Tasks[7].Outcome != Failed || r.Count(Failed) != 1 {
				t.Errorf("%s: task 7 %v, %d failed; want task 7 alone failed", name, r.Tasks[7].Outcome, r.Count(Failed))
			}
			// Tasks 0 … 7 started before the failure: with a limit of 3 the failure is seen before task 11 can
			// start, and nothing starts after a cancel but what a blocked Go or Acquire was already waiting for.
			if n := r.Count(NotRun); n < 20-12 {
				t.Errorf("%s: %d tasks never ran; want at least 8 (tasks 12 … 19)", name, n)
			}
			if sum := r.Count(NotRun) + r.Count(Done) + r.Count(Failed) + r.Count(Cancelled); sum != 20 {
				t.Errorf("%s: outcomes add up to %d; want 20", name, sum)
			}
			if !ignore && r.Count(Cancelled) == 0 {
				t.Errorf("%s: no task was cancelled; the ones in flight at the failure should be", name)
			}
			if ignore && r.Count(Cancelled) != 0 {
				t.Errorf("%s: %d tasks cancelled; tasks that ignore ctx finish their wait", name, r.Count(Cancelled))
			}
			if r.AllStopped < r.FirstError || r.FirstError == 0 || r.StopLatency() < 0 {
				t.Errorf("%s: first error %v, all stopped %v", name, r.FirstError, r.AllStopped)
			}
			for i, task := range r.Tasks {
				if task.Outcome != NotRun && task.End < task.Start {
					t.Errorf("%s: task %d ends at %v before it starts at %v", name, i, task.End, task.Start)
				}
			}
			if d := r.Describe(); !strings.Contains(d, "Task 7 failed") || !strings.Contains(d, "after the error") {
				t.Errorf("%s: Describe() = %q", name, d)
			}
		}
	}
}

func TestRunNoFailure(t *testing.T) {
	r, err := Run(context.Background(), Config{Tasks: 6, Limit: 2, Cost: time.Millisecond, FailAt: -1})
	if err != nil || r.Err != nil || r.Count(Done) != 6 || r.StopLatency() != 0 {
		t.Errorf("no failure: %v, %v, %d done, stop %v; want 6 done and no error", err, r.Err, r.Count(Done), r.StopLatency())
	}
	if d := r.Describe(); !strings.Contains(d, "No task failed") {
		t.Errorf("Describe() = %q", d)
	}
}

func TestRunCancelled(t *testing.T) {
	for _, tool := range []Tool{ErrGroup, Semaphore} {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
		r, err := Run(ctx, Config{Tool: tool, Tasks: 1000, Limit: 2, Cost: time.Second, FailAt: -1})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || r.Count(NotRun) < 990 {
			t.Errorf("%v: %v, %d not run; want the deadline's error and almost nothing run", tool, err, r.Count(NotRun))
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Tool: 5}, "Tool"}, {Config{Tasks: -1}, "Tasks"}, {Config{Tasks: maxTasks + 1}, "Tasks"},
		{Config{Limit: -1}, "Limit"}, {Config{Cost: -1}, "Cost"}, {Config{Cost: math.MaxInt64}, "Cost"},
		{Config{FailAt: 16}, "FailAt"}, {Config{FailAt: -2}, "FailAt"},
	} {
		if _, err := Run(context.Background(), c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Run(%+v) = %v; want an error naming %s", c.cfg, err, c.want)
		}
	}
}

func TestRepeat(t *testing.T) {
	s, last, err := Repeat(context.Background(), Config{Tasks: 8, Limit: 2, Cost: time.Millisecond, FailAt: 3}, 3)
	if err != nil || s.Runs != 3 || last == nil || s.Highest < s.Median {
		t.Errorf("Repeat = %+v, %v; want 3 runs", s, err)
	}
	if _, _, err := Repeat(context.Background(), Config{FailAt: -1}, 3); err == nil || !strings.Contains(err.Error(), "FailAt") {
		t.Errorf("Repeat without a failure: %v; want an error naming FailAt", err)
	}
	if _, _, err := Repeat(context.Background(), Config{}, 0); err == nil || !strings.Contains(err.Error(), "runs") {
		t.Errorf("Repeat 0 runs: %v; want an error naming runs", err)
	}
}

// TestDescribeCountsEveryTask reads made-up runs shaped like notebook 05's (16 tasks, limit 4, task 9
// failing): every task is counted once, and a task that started after the error is not among those
// "running beside" the failing one.
func TestDescribeCountsEveryTask(t *testing.T) {
	ms := time.Millisecond
	run := func(ignore bool) *Result {
		r := &Result{Config: Config{Tool: ErrGroup, Tasks: 16, Limit: 4, FailAt: 9, Ignore: ignore}, MostInFlight: 4,
			FirstError: 25 * ms, AllStopped: 25*ms + 16*time.Microsecond, Tasks: make([]Task, 16)}
		for i := range 8 { // two rounds of four, done by 20 ms
			r.Tasks[i] = Task{Outcome: Done, Start: time.Duration(i/4) * 10 * ms, End: time.Duration(i/4+1) * 10 * ms}
		}
		r.Tasks[9] = Task{Outcome: Failed, Start: 20 * ms, End: 25 * ms}
		beside, late := Cancelled, Cancelled
		if ignore {
			beside, late = Done, Done
		}
		end := 25 * ms // cancelled with the error, or (ignoring it) at the end of their wait
		if ignore {
			end = 30 * ms
		}
		for _, i := range []int{8, 10, 11} {
			r.Tasks[i] = Task{Outcome: beside, Start: 20 * ms, End: end}
		}
		r.Tasks[12] = Task{Outcome: late, Start: 25 * ms, End: end, AfterError: true}
		return r
	}
	for _, tt := range []struct {
		ignore bool
		want   []string
	}{
		{false, []string{"Task 9 failed at 25ms, after 8 tasks had finished; the 3 tasks running beside it were cancelled.",
			"1 task started after the error — the loop was already waiting to start it when the failing task's slot came free — and returned at once, cancelled",
			"The other 3 tasks never started.", "**16µs** after the error"}},
		{true, []string{"the 3 tasks running beside it ignored the cancel and finished their wait.",
			"and ran its whole wait anyway, ignoring the context."}},
	} {
		d := run(tt.ignore).Describe()
		for _, w := range tt.want {
			if !strings.Contains(d, w) {
				t.Errorf("ignore %v: Describe() = %q; want it to say %q", tt.ignore, d, w)
			}
		}
	}
}
