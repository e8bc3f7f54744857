package counter

import (
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/parlab/parlab/lib/check"
)

// ownedProbe sizes the traced part of CheckOwned: Adds before the Values, and Values, each a request
// the owner must answer.
const ownedAdds, ownedValues = 10, 10

// CheckOwned is the self-check of "share memory by communicating": newCounter (a learner's NewTally)
// must return a counter whose count is owned by one goroutine — started by newCounter, the only one to
// touch the count — while Add and Value send it messages. A counter guarded by a mutex or an atomic
// counts just as correctly, so correctness alone cannot tell; CheckOwned looks at who does the work,
// which no lock can imitate:
//
//  1. It calls newCounter, then Add(1) 10 times and Value() 10 times from one goroutine, traced at
//     GOMAXPROCS=1 (check.Traced). newCounter must start a goroutine that is still running when it
//     returns: the owner. Each Value must be answered by that goroutine: between the first and the last
//     Value the owner must have run at least once per Value — a caller waiting for a reply has to let
//     the owner run, whereas a Value that reads a locked or atomic count runs alone on its caller's
//     goroutine. The values must be 10 each time (the counter starts at zero).
//  2. It runs the counter under concurrency as [Check] does (lost updates, the race detector).
//
// Calls that never return are reported with where they wait and which step they were in: an Add that
// waits forever usually sends to a channel whose owner was never started. The counter's owner goroutine
// is left running when CheckOwned returns (Close is called if the counter has one); in a notebook it
// ends with the cell.
func CheckOwned[C Counter](newCounter func() C) check.Result {
	return checkOwned(newCounter, defaultCheckConfig()).WithRaceDetector()
}

// ownedRun is what the traced part of CheckOwned saw.
type ownedRun struct {
	c      Counter
	values []int64
}

func checkOwned[C Counter](newCounter func() C, cfg checkConfig) check.Result {
	if newCounter == nil {
		return check.NotYet("The function is nil.", "Pass your constructor, for example counter.CheckOwned(NewTally).")
	}
	var step atomic.Int32 // 0 in newCounter, 1 in an Add, 2 in a Value, 3 done
	run, gs, err := check.Traced(cfg.limit, 1, func() ownedRun {
		c := Counter(newCounter())
		step.Store(1)
		check.Mark("made")
		for range ownedAdds {
			c.Add(1)
		}
		step.Store(2)
		check.Mark("asking")
		out := ownedRun{c: c}
		for range ownedValues {
			out.values = append(out.values, c.Value())
		}
		check.Mark("asked")
		step.Store(3)
		return out
	})
	var leak *check.LeakError
	if errors.As(err, &leak) {
		err = nil // the owner goroutine is meant to keep running
	}
	if err != nil {
		return explainOwned(step.Load(), err)
	}
	if run.c == nil {
		return check.NotYet("NewTally returned nil.", "Return the Tally you made, with its owner goroutine started.")
	}
	defer Close(run.c)
	for i, v := range run.values {
		if v != ownedAdds {
			return check.NotYet(fmt.Sprintf("After %d calls of Add(1) on a new counter, call %d of Value() returned %d; want %d.",
				ownedAdds, i+1, v, ownedAdds),
				"The owner goroutine should add each delta it receives to its count, and Value should send the "+
					"request and return the count the owner sends back. Are the Adds reaching the owner before Value asks?")
		}
	}
	made, _ := gs.Mark("made")
	asking, _ := gs.Mark("asking")
	asked, _ := gs.Mark("asked")
	var owners []check.Goroutine
	answered, extra := 0, 0
	for _, g := range gs.Started {
		switch {
		case g.Created <= made && (g.Alive || g.Ended >= asked):
			owners = append(owners, g)
			answered += g.RunsBetween(asking, asked)
		case g.Created > made:
			extra++
		}
	}

	// Correct under concurrency first (and the race detector), then owned.
	if r := checkCounter(run.c, cfg, ownedHints); !r.Passed() {
		return r
	}
	switch {
	case len(owners) == 0:
		return check.NotYet("Every increment was counted, but NewTally started no goroutine that stayed running: the count "+
			"is shared memory that every caller touches — guarded by a lock or an atomic, or by nothing at all — not owned by one goroutine.",
			"Start the owner in NewTally with go func() {…}(): a loop that selects on two channels, adding what "+
				"arrives on one to its own count and sending the count back to whoever asks on the other. Add and Value "+
				"only send to it.")
	case answered < ownedValues:
		return check.NotYet(fmt.Sprintf("NewTally started %s, but %d calls of Value() did not wait for it: it ran %d %s while "+
			"they were answered. Value reads the count itself.", goroutines(len(owners)), ownedValues, answered, times(answered)),
			"Value should send a request to the owner (a reply channel, say) and return what the owner sends back; "+
				"only the owner goroutine may read or write the count.")
	}
	r := check.Pass(fmt.Sprintf("NewTally started an owner goroutine, which answered each of %d calls of Value(); every "+
		"increment was counted, %d rounds of %d goroutines × %d.", ownedValues, cfg.rounds, cfg.goroutines, cfg.each))
	if extra > 0 {
		r = r.WithAdvice(fmt.Sprintf("Add and Value started %d more %s: sending to the owner directly is enough.", extra, goroutines(extra)))
	}
	return r
}

var ownedHints = hints{
	none: "Does Add send delta to the owner, and does the owner add it to the count it returns?",
	fewer: "Two goroutines read the same old value and both wrote it back plus one: the count is not owned by " +
		"one goroutine. Let only the owner touch it: Add and Value send it messages on channels.",
	more:  "Does the owner add exactly the delta it receives, and does Value return the owner's count?",
	stuck: "A call is waiting for an owner that does not answer: is the owner goroutine started (go func() {…}()) and does it loop forever, receiving on every channel Add and Value send on?",
}

// explainOwned explains a call of the learner's code that did not finish, by the step it was in.
func explainOwned(step int32, err error) check.Result {
	what := [...]string{"NewTally()", "Add(1) on a new counter", "Value() after 10 Adds", "the check"}[min(int(step), 3)]
	r := check.Explain(what, err)
	var timeout *check.TimeoutError
	if errors.As(err, &timeout) {
		switch step {
		case 1:
			r.Hint = "Add sends to a channel that nobody receives from: is the owner goroutine started in NewTally " +
				"(go func() {…}()), and does it loop, receiving on that channel?"
		case 2:
			r.Hint = "Value is waiting for an answer that never comes: does the owner receive the request and send the " +
				"count back on the reply channel Value is waiting on?"
		}
		r.Hint += " The stacks below show where each goroutine was waiting."
	}
	return r
}

func goroutines(n int) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}

func times(n int) string {
	if n == 1 {
		return "time"
	}
	return "times"
}
