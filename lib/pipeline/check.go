package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/check"
)

// This file is the self-check of notebook 05's first exercise: a three-stage pipeline that stops when
// its context is cancelled.

// Limits of the check.
const (
	// stopWithin is how soon after the cancel every goroutine of a correct pipeline has returned.
	stopWithin = 100 * time.Millisecond
	// quietStop is the most the reference pipeline may take to stop for the check to call the machine
	// quiet enough to judge a slower one.
	quietStop = 20 * time.Millisecond
	// patience is how long the check waits for a value, for the output to close, or for the
	// goroutines to end: far longer than a correct pipeline needs on a busy machine.
	patience = 2 * time.Second
)

// maxDrain bounds what the check reads from the output after the goroutines ended (a buffer's worth).
const maxDrain = 1 << 16

// limits are the check's waits, shorter in tests.
type limits struct {
	call      time.Duration // one traced call
	patience  time.Duration // see patience
	reference func(context.Context) <-chan int
	// the yardstick pipeline; nil means reference
}

// runningSum is the k-th value the pipeline must send: 1² + 2² + … + k² = k(k+1)(2k+1)/6.
func runningSum(k int) int { return k * (k + 1) * (2*k + 1) / 6 }

// scenario is what the check saw in one call of the learner's pipeline.
type scenario struct {
	read     []int // values read before the cancel
	missing  int   // 1-based position of the value that did not arrive within patience (0: none)
	drained  []int // values read after the cancel, until the channel closed
	closed   bool  // the output closed within patience of the cancel
	nilOut   bool
	leftover int // goroutines more than before the call, patience after the cancel
}

// play calls pipeline, reads want values (fewer if one does not come), marks and cancels — and stops
// reading, as a consumer that is done walks away — then waits, at most patience, for the goroutines the
// call started to end, and reads what is left in the output, which must then be closed.
func play(pipeline func(context.Context) <-chan int, want int, patience time.Duration) scenario {
	var sc scenario
	base := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := pipeline(ctx)
	if out == nil {
		sc.nilOut = true
		return sc
	}
	timer := time.NewTimer(patience)
	defer timer.Stop()
	for len(sc.read) < want {
		timer.Reset(patience)
		select {
		case v, ok := <-out:
			if !ok {
				sc.closed = true
				sc.missing = len(sc.read) + 1
			} else {
				sc.read = append(sc.read, v)
				continue
			}
		case <-timer.C:
			sc.missing = len(sc.read) + 1
		}
		break
	}
	check.Mark("cancel")
	cancel()
	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > base && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	sc.leftover = max(0, runtime.NumGoroutine()-base)
	// What the stages left in a buffered output, then its close: both there already if they ended.
	for !sc.closed && len(sc.drained) < maxDrain {
		timer.Reset(10 * time.Millisecond)
		select {
		case v, ok := <-out:
			if !ok {
				sc.closed = true
			} else {
				sc.drained = append(sc.drained, v)
			}
			continue
		case <-timer.C:
		}
		break
	}
	return sc
}

// stopTime is the time from the cancel mark to the end of the last goroutine the call started, and
// whether every one of them ended.
func stopTime(gs check.Goroutines) (time.Duration, bool) {
	at, ok := gs.Mark("cancel")
	if !ok {
		return 0, false
	}
	var last time.Duration
	for _, g := range gs.Started {
		if g.Alive {
			return 0, false
		}
		last = max(last, g.Ended-at)
	}
	return last, true
}

// CheckPipeline is the self-check of the exercise "a three-stage pipeline with cancellation".
// pipeline(ctx) must return at once a channel on which its last stage sends the running sums of the
// squares of 1, 2, 3, … (1, 5, 14, 30, …) until ctx is cancelled, and then close it; each stage is
// a goroutine of its own. The check reads 10 values, then 1000, then none, cancelling after each and
// then reading no more (a consumer that is done walks away); it passes when every value is right, at
// least three goroutines ran, every goroutine the call started has returned within 100 ms of the
// cancel — counted by the execution tracer (check.Traced), so a busy machine changes when they end,
// not whether — and the output is then closed (what is left in it continuing the sequence). A pipeline
// whose goroutines take longer than 100 ms is run again three times, alternately with a reference
// pipeline cancelled the same way (a load spike during one run then slows both, not one): it fails only
// when, in at least two of those rounds, it took longer than 100 ms while the reference beside it stopped
// within 20 ms; it passes when it stopped within 100 ms in every round; otherwise the check says the
// machine is too busy to judge. One whose goroutines are still there 2 s after the cancel has leaked
// them: the hint reads their stacks. It takes about a second when right, 2.5 s when goroutines are
// stuck, a few seconds more when a slow stop sends it to the side-by-side rounds.
func CheckPipeline(pipeline func(ctx context.Context) <-chan int) check.Result {
	return checkPipeline(pipeline, limits{call: 15 * time.Second, patience: patience})
}

func checkPipeline(pipeline func(ctx context.Context) <-chan int, lim limits) check.Result {
	if pipeline == nil {
		return check.NotYet("pipeline is nil.", "Define func pipeline(ctx context.Context) <-chan int and pass it.")
	}
	var (
		slowest  time.Duration
		slowWant int // the scenario that was slowest to stop
	)
	for _, want := range []int{10, 1000, 0} {
		what := fmt.Sprintf("pipeline(ctx), reading %d values, then cancelling", want)
		sc, gs, err := check.Traced(lim.call, 0, func() scenario { return play(pipeline, want, lim.patience) })
		var leak *check.LeakError
		if err != nil && !errors.As(err, &leak) {
			return explainPlay(what, err)
		}
		if r, failed := judgeValues(what, sc, lim.patience); failed {
			return r
		}
		if leak != nil {
			return explainPlay(what, leak)
		}
		if r, failed := judgeClosed(what, sc, lim.patience); failed {
			return r
		}
		if want == 10 && len(gs.Started) < 3 {
			return check.NotYet(fmt.Sprintf("%s: the values are right, but the call started %d %s.", what, len(gs.Started), plural(len(gs.Started), "goroutine", "goroutines")),
				"Give each of the three stages (generate, square, sum) a goroutine of its own, joined by channels.")
		}
		d, ended := stopTime(gs)
		if !ended || sc.leftover > 0 {
			return check.NotYet(fmt.Sprintf("%s: goroutines of your pipeline were still running %v after the cancel.", what, lim.patience),
				"Every blocking step must also wait for <-ctx.Done(): a select around each send (out <- v) and each receive. "+
					"Counted by the execution tracer.")
		}
		if d > slowest {
			slowest, slowWant = d, want
		}
	}
	if slowest > stopWithin {
		return judgeStop(slowest, stopRace(pipeline, slowWant, lim))
	}
	return check.Pass(fmt.Sprintf("Every value right; after each cancel the output closed and every goroutine returned, the last %v after the cancel "+
		"(counted by the execution tracer).", round.Duration(slowest)))
}

// stopRounds is how many times a pipeline that was slow to stop runs again beside the reference.
const stopRounds = 3

// stopRound is one side-by-side round: how long after the cancel the last goroutine of the learner's
// pipeline and of the reference returned; ok is false when that time is unknown (the call failed or a
// goroutine was still running when the trace ended).
type stopRound struct {
	yours, ref     time.Duration
	yoursOK, refOK bool
}

// stopRace runs the learner's pipeline and the reference alternately, stopRounds times each, reading
// want values before each cancel; which goes first alternates from round to round.
func stopRace(pipeline func(context.Context) <-chan int, want int, lim limits) []stopRound {
	ref := lim.reference
	if ref == nil {
		ref = reference
	}
	timeStop := func(p func(context.Context) <-chan int) (time.Duration, bool) {
		_, gs, err := check.Traced(lim.call, 0, func() scenario { return play(p, want, lim.patience) })
		if err != nil {
			return 0, false
		}
		return stopTime(gs)
	}
	rounds := make([]stopRound, stopRounds)
	for k := range rounds {
		r := &rounds[k]
		if k%2 == 0 {
			r.yours, r.yoursOK = timeStop(pipeline)
			r.ref, r.refOK = timeStop(ref)
		} else {
			r.ref, r.refOK = timeStop(ref)
			r.yours, r.yoursOK = timeStop(pipeline)
		}
	}
	return rounds
}

// judgeStop is the verdict on a pipeline whose slowest stop in the first runs took first (more than
// stopWithin), from the side-by-side rounds: not yet when it was slow beside a quiet reference in most
// rounds, passed when it stopped in time in every round, too busy to judge otherwise.
func judgeStop(first time.Duration, rounds []stopRound) check.Result {
	var convicted, fast, refTimed int
	var slowestRerun time.Duration
	for _, r := range rounds {
		slow := !r.yoursOK || r.yours > stopWithin
		if slow && r.refOK && r.ref <= quietStop {
			convicted++
		}
		if !slow {
			fast++
			slowestRerun = max(slowestRerun, r.yours)
		}
		if r.refOK {
			refTimed++
		}
	}
	side := sideBySide(rounds)
	switch {
	case convicted*2 > len(rounds):
		return check.NotYet(fmt.Sprintf("Every value was right, but the last goroutine of your pipeline returned %v after the cancel; "+
			"run again %d times alternately with a reference pipeline cancelled the same way, it was slower than %v beside a reference "+
			"that stopped within %v in %d of the %d rounds (%s).", first.Round(time.Millisecond), len(rounds), stopWithin, quietStop,
			convicted, len(rounds), side),
			"Something keeps a stage busy without watching ctx: a time.Sleep, or a long loop that checks ctx.Err() rarely. "+
				"Wait in a select that also has case <-ctx.Done().")
	case fast == len(rounds):
		return check.Pass(fmt.Sprintf("Every value right; after each cancel the output closed and every goroutine returned. "+
			"One run's last goroutine took %v — a busy moment: run again %d times beside a reference pipeline, yours stopped within %v "+
			"every time (%s; counted by the execution tracer).", first.Round(time.Millisecond), len(rounds), round.Duration(slowestRerun), side))
	case refTimed == 0:
		return check.TooBusy(fmt.Sprintf("Every value was right and every goroutine ended after the cancel, but the last one took %v, "+
			"and a reference pipeline cancelled the same way could not be timed in any of %d rounds: the machine is too busy to say "+
			"whether yours stops within %v. Run the check again when it is quieter.", first.Round(time.Millisecond), len(rounds), stopWithin))
	}
	return check.TooBusy(fmt.Sprintf("Every value was right and every goroutine ended after the cancel, but the last one took %v; "+
		"run again %d times alternately with a reference pipeline cancelled the same way (%s), yours was not slow beside a quiet "+
		"reference often enough to judge, so the machine is too busy to say whether it stops within %v. Run the check again when it "+
		"is quieter.", first.Round(time.Millisecond), len(rounds), side, stopWithin))
}

// sideBySide lists the rounds' stop times: "yours 152 ms, the reference 1 ms; yours 3 ms, the reference
// not timed".
func sideBySide(rounds []stopRound) string {
	show := func(d time.Duration, ok bool) string {
		if !ok {
			return "not timed"
		}
		return round.Duration(d).String()
	}
	parts := make([]string, len(rounds))
	for k, r := range rounds {
		parts[k] = "yours " + show(r.yours, r.yoursOK) + ", the reference " + show(r.ref, r.refOK)
	}
	return strings.Join(parts, "; ")
}

// explainPlay turns a failed traced call into a Result, with hints from where the goroutines waited.
func explainPlay(what string, err error) check.Result {
	var (
		leak    *check.LeakError
		timeout *check.TimeoutError
	)
	switch {
	case errors.As(err, &leak):
		return check.NotYet(fmt.Sprintf("%s: %d %s of your pipeline never returned after the cancel (%s).", what, leak.Goroutines,
			plural(leak.Goroutines, "goroutine", "goroutines"), waiting(leak.Stacks)),
			hintFor(leak.Stacks)).WithDetail("where the goroutines left running were", leak.Stacks)
	case errors.As(err, &timeout):
		return check.NotYet(fmt.Sprintf("%s did not return within %v.", what, timeout.Limit),
			"pipeline(ctx) must return its output channel at once: start each stage's loop in a goroutine (go func() {…}()) "+
				"and return the channel.").WithDetail("where each goroutine was waiting", timeout.Stacks)
	}
	if strings.Contains(err.Error(), "execution tracer") {
		return check.NotYet("The check could not run: "+err.Error()+".", "Run the check on its own, not beside another trace.")
	}
	return check.Explain(what, err)
}

// judgeValues checks what was read before and after the cancel.
func judgeValues(what string, sc scenario, patience time.Duration) (check.Result, bool) {
	if sc.nilOut {
		return check.NotYet(what+" returned a nil channel.", "Make the output channel (make(chan int)) and return it."), true
	}
	for k, v := range sc.read {
		if w := runningSum(k + 1); v != w {
			return check.NotYet(fmt.Sprintf("%s: value %d is %d; want %d (1² + … + %d²).", what, k+1, v, w, k+1), valueHint(sc.read)), true
		}
	}
	if sc.missing > 0 {
		if sc.closed {
			return check.NotYet(fmt.Sprintf("%s: the output closed after %d values, before the cancel.", what, len(sc.read)),
				"The numbers must not run out: generate 1, 2, 3, … for as long as ctx is not cancelled."), true
		}
		return check.NotYet(fmt.Sprintf("%s: value %d did not arrive within %v.", what, sc.missing, patience),
			"Is a stage waiting for something that never comes? Each stage reads the previous stage's output and sends on its own."), true
	}
	for j, v := range sc.drained {
		if w := runningSum(len(sc.read) + j + 1); v != w {
			return check.NotYet(fmt.Sprintf("%s: after the cancel, the output held %d; the next value should have been %d.", what, v, w),
				"After a cancel a stage may stop at once, but what it still sends must be right: never skip or repeat a value."), true
		}
	}
	return check.Result{}, false
}

// judgeClosed checks that the output closed after the cancel.
func judgeClosed(what string, sc scenario, patience time.Duration) (check.Result, bool) {
	if !sc.closed {
		return check.NotYet(fmt.Sprintf("%s: every goroutine ended after the cancel, but the output channel was not closed.", what),
			"When its loop ends, each stage must close its output (defer close(out) at the top of its goroutine): "+
				"a reader ranging over the channel waits until it is closed."), true
	}
	return check.Result{}, false
}

// valueHint guesses the mistake from the values read.
func valueHint(vs []int) string {
	if len(vs) >= 2 && vs[0] == 1 && vs[1] == 4 {
		return "These are the squares, not their running sum: the third stage adds each square to a total and sends the total."
	}
	if len(vs) >= 2 && vs[0] == 1 && vs[1] == 3 {
		return "These are running sums of 1, 2, 3, … — square each number before adding it."
	}
	if len(vs) >= 1 && vs[0] == 0 {
		return "The numbers start at 1, not 0."
	}
	return "Stage 1 sends 1, 2, 3, …; stage 2 sends each number squared; stage 3 sends the running total of what it receives."
}

// waiting says how many goroutines wait in each state of a check stacks text, sorted: "waiting: 1 on
// select, 3 on chan send", or "see where below" when it names none.
func waiting(stacks string) string {
	var parts []string
	for _, w := range check.Waits(stacks) {
		parts = append(parts, fmt.Sprintf("%d on %s", w.Goroutines, w.State))
	}
	sort.Strings(parts)
	if len(parts) == 0 {
		return "see where below"
	}
	return "waiting: " + strings.Join(parts, ", ")
}

// hintFor says what to change for the states in the stacks.
func hintFor(stacks string) string {
	switch {
	case strings.Contains(stacks, "[chan send"):
		return "A stage is stuck sending to a stage that has stopped reading. Send in a select: " +
			"select { case out <- v: case <-ctx.Done(): return }."
	case strings.Contains(stacks, "[chan receive"):
		return "A stage is stuck receiving from a channel nobody will send on or close. Let each stage close its output when " +
			"it returns (defer close(out)), and receive in a select with case <-ctx.Done()."
	case strings.Contains(stacks, "[select"):
		return "A goroutine waits in a select that has no case <-ctx.Done()."
	}
	return "Every loop must end when ctx is cancelled: check <-ctx.Done() in every blocking step."
}

// reference is a correct pipeline: the check's yardstick for a busy machine, and the exercise's solution.
func reference(ctx context.Context) <-chan int {
	gen := func() <-chan int {
		out := make(chan int)
		go func() {
			defer close(out)
			for i := 1; ; i++ {
				select {
				case out <- i:
				case <-ctx.Done():
					return
				}
			}
		}()
		return out
	}
	stage := func(in <-chan int, f func(int) int) <-chan int {
		out := make(chan int)
		go func() {
			defer close(out)
			for v := range in {
				select {
				case out <- f(v):
				case <-ctx.Done():
					return
				}
			}
		}()
		return out
	}
	total := 0
	return stage(stage(gen(), func(v int) int { return v * v }), func(v int) int { total += v; return total })
}
