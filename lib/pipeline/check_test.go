package pipeline

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

var testLimits = limits{call: 5 * time.Second, patience: 300 * time.Millisecond}

// stages builds a three-stage pipeline from its pieces, for the wrong answers below: send is how each
// stage sends (it reports false to stop), closeLast whether the last stage closes its output.
func stages(send func(ctx context.Context, out chan<- int, v int) bool, closeLast bool, sq, sum func(int) int) func(context.Context) <-chan int {
	return func(ctx context.Context) <-chan int {
		gen := make(chan int)
		go func() {
			defer close(gen)
			for i := 1; ; i++ {
				if !send(ctx, gen, i) {
					return
				}
			}
		}()
		n := 0
		stage := func(in <-chan int, f func(int) int) <-chan int {
			n++
			last := n == 2
			out := make(chan int)
			go func() {
				if closeLast || !last {
					defer close(out)
				}
				for v := range in {
					if !send(ctx, out, f(v)) {
						return
					}
				}
			}()
			return out
		}
		return stage(stage(gen, sq), sum)
	}
}

func watching(ctx context.Context, out chan<- int, v int) bool {
	select {
	case out <- v:
		return true
	case <-ctx.Done():
		return false
	}
}

func square(v int) int { return v * v }

func summer() func(int) int {
	total := 0
	return func(v int) int { total += v; return total }
}

func TestCheckPipelineRight(t *testing.T) {
	for name, p := range map[string]func(context.Context) <-chan int{
		"reference": reference,
		"stages": func(ctx context.Context) <-chan int {
			return stages(watching, true, square, summer())(ctx)
		},
	} {
		r := checkPipeline(p, testLimits)
		if r.Outcome == check.NotPassed {
			t.Errorf("%s: %v; want passed (or too busy to judge)", name, r)
		}
	}
}

func TestCheckPipelineWrong(t *testing.T) {
	release := make(chan struct{})
	defer close(release) // ends the goroutines the leaky answers left blocked
	// The exercise's starting point: sends that ignore ctx (here they give up only when the test ends).
	ignoring := func(ctx context.Context, out chan<- int, v int) bool {
		select {
		case out <- v:
			return true
		case <-release:
			return false
		}
	}
	oneGoroutine := func(ctx context.Context) <-chan int {
		out := make(chan int)
		go func() {
			defer close(out)
			total := 0
			for i := 1; ; i++ {
				total += i * i
				if !watching(ctx, out, total) {
					return
				}
			}
		}()
		return out
	}
	slowToStop := func(ctx context.Context) <-chan int {
		out := stages(watching, true, square, summer())(ctx)
		go func() { <-ctx.Done(); time.Sleep(200 * time.Millisecond) }() // a goroutine that ignores the cancel for a while
		return out
	}
	verySlow := func(ctx context.Context) <-chan int { // a goroutine that stops 400 ms after the cancel: past patience, within grace
		out := stages(watching, true, square, summer())(ctx)
		go func() { <-ctx.Done(); time.Sleep(400 * time.Millisecond) }()
		return out
	}
	for _, c := range []struct {
		name     string
		p        func(context.Context) <-chan int
		msg      string
		hint     string
		orBusy   bool
		nilCheck bool
	}{
		{name: "starting point", p: stages(ignoring, true, square, summer()), msg: "never returned after the cancel", hint: "select"},
		{name: "very slow to stop", p: verySlow, msg: "still running", hint: "select"},
		{name: "squares only", p: stages(watching, true, square, func(v int) int { return v }), msg: "value 2 is 4; want 5", hint: "running sum"},
		{name: "no square", p: stages(watching, true, func(v int) int { return v }, summer()), msg: "value 2 is 3", hint: "square each number"},
		{name: "last stage never closes", p: stages(watching, false, square, summer()), msg: "was not closed", hint: "defer close(out)"},
		{name: "one goroutine", p: oneGoroutine, msg: "started 1 goroutine", hint: "goroutine of its own"},
		{name: "slow to stop", p: slowToStop, msg: "after the cancel", hint: "without watching ctx", orBusy: true},
		{name: "hangs", p: func(ctx context.Context) <-chan int { <-release; return nil }, msg: "did not return within", hint: "at once"},
		{name: "panics", p: func(ctx context.Context) <-chan int { panic("no pipeline yet") }, msg: "panicked", hint: "panic's message"},
		{name: "nil channel", p: func(ctx context.Context) <-chan int { return nil }, msg: "nil channel", hint: "make"},
		{name: "nil function", p: nil, msg: "nil", hint: "Define"},
	} {
		lim := testLimits
		if c.name == "hangs" {
			lim.call = 500 * time.Millisecond
		}
		r := checkPipeline(c.p, lim)
		if c.orBusy && r.Outcome == check.Undecided {
			continue
		}
		if r.Outcome != check.NotPassed || !strings.Contains(r.Message, c.msg) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: %v\nwant not yet, a message with %q and a hint with %q", c.name, r, c.msg, c.hint)
		}
	}
}

func TestRunningSum(t *testing.T) {
	// 1, 5, 14, 30, 55: OEIS A000330.
	for k, want := range []int{0, 1, 5, 14, 30, 55} {
		if got := runningSum(k); got != want {
			t.Errorf("runningSum(%d) = %d; want %d", k, got, want)
		}
	}
}

func TestWaiting(t *testing.T) {
	// check.Call shows goroutines waiting in one place once, after "N goroutines like this one:".
	for _, tt := range []struct{ stacks, want string }{
		{"goroutine 7 [chan send]:\nmain.f()\n\ngoroutine 8 [chan send, 2 minutes]:\nmain.f()", "waiting: 2 on chan send"},
		{"3 goroutines like this one:\ngoroutine 7 [chan send]:\nmain.f()\n\ngoroutine 9 [select]:\nmain.g()", "waiting: 1 on select, 3 on chan send"},
		{"", "see where below"},
	} {
		if got := waiting(tt.stacks); got != tt.want {
			t.Errorf("waiting(%q) = %q; want %q", tt.stacks, got, tt.want)
		}
	}
}

// TestCheckPipelineSlowOnce: a correct pipeline whose first runs were slow to stop — as under a load
// spike — and the reference quiet after them is not told "not yet": the check runs both again side by
// side and judges those rounds.
func TestCheckPipelineSlowOnce(t *testing.T) {
	var calls atomic.Int32
	spiky := func(ctx context.Context) <-chan int {
		out := stages(watching, true, square, summer())(ctx)
		if calls.Add(1) <= 3 { // the three first runs: a goroutine that ignores the cancel for a while
			go func() { <-ctx.Done(); time.Sleep(150 * time.Millisecond) }()
		}
		return out
	}
	r := checkPipeline(spiky, testLimits)
	if r.Outcome == check.NotPassed {
		t.Errorf("%v\nwant passed (or too busy to judge): the pipeline was slow only in its first runs", r)
	}
	if got := calls.Load(); got != 3+stopRounds {
		t.Errorf("the pipeline ran %d times; want %d (3, then %d beside the reference)", got, 3+stopRounds, stopRounds)
	}
}

// TestCheckPipelineReferenceUntimed: when the reference cannot be timed, the check says the machine is
// too busy, never that the reference took 0s.
func TestCheckPipelineReferenceUntimed(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	lim := testLimits
	lim.reference = func(ctx context.Context) <-chan int { // a goroutine still running when the trace ends
		out := reference(ctx)
		go func() { <-release }()
		return out
	}
	slowToStop := func(ctx context.Context) <-chan int {
		out := stages(watching, true, square, summer())(ctx)
		go func() { <-ctx.Done(); time.Sleep(150 * time.Millisecond) }()
		return out
	}
	r := checkPipeline(slowToStop, lim)
	if r.Outcome != check.Undecided || strings.Contains(r.Message, " 0s") || !strings.Contains(r.Message, "could not be timed") {
		t.Errorf("%v\nwant too busy to judge, saying the reference could not be timed (and no 0s)", r)
	}
}

// TestJudgeStop: the verdict from the side-by-side rounds.
func TestJudgeStop(t *testing.T) {
	ms := time.Millisecond
	slow, quick := stopRound{yours: 150 * ms, yoursOK: true, ref: ms, refOK: true}, stopRound{yours: 2 * ms, yoursOK: true, ref: ms, refOK: true}
	busy := stopRound{yours: 150 * ms, yoursOK: true, ref: 60 * ms, refOK: true}
	untimed := stopRound{yours: 150 * ms, yoursOK: true}
	for _, c := range []struct {
		name   string
		rounds []stopRound
		want   check.Outcome
		msg    string
	}{
		{"slow beside a quiet reference", []stopRound{slow, slow, slow}, check.NotPassed, "in 3 of the 3 rounds"},
		{"slow in two rounds", []stopRound{slow, quick, slow}, check.NotPassed, "in 2 of the 3 rounds"},
		{"slow once", []stopRound{slow, quick, quick}, check.Undecided, "too busy"},
		{"quick every round", []stopRound{quick, quick, quick}, check.Passed, "a busy moment"},
		{"slow beside a busy reference", []stopRound{busy, busy, slow}, check.Undecided, "too busy"},
		{"reference never timed", []stopRound{untimed, untimed, untimed}, check.Undecided, "could not be timed"},
	} {
		r := judgeStop(300*ms, c.rounds)
		if r.Outcome != c.want || !strings.Contains(r.Message, c.msg) || strings.Contains(r.Message, " 0s") {
			t.Errorf("%s: %v\nwant %v, a message with %q and no 0s", c.name, r, c.want, c.msg)
		}
	}
}
