package leak

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// CheckFirst is the self-check of the exercise "find and fix the leak": first(replicas) must call every
// replica concurrently and return the first answer, leaving no goroutine behind. The check gives it
// three replicas of which only the second answers at once; the other two answer only once first has
// returned — so a first that waits for every replica never returns (caught by a time limit, 3 s) —
// then counts, through check.Call, the goroutines first started that are still running half a second
// later: each is a leak. It passes when the answer is "replica 2" and nothing leaked, in each of three
// calls. It takes a few milliseconds when right, half a second or three when not.
func CheckFirst(first func(replicas []func() string) string) check.Result {
	return checkFirst(first, 3*time.Second)
}

func checkFirst(first func(replicas []func() string) string, limit time.Duration) check.Result {
	if first == nil {
		return check.NotYet("first is nil.", "Define func first(replicas []func() string) string and pass it.")
	}
	for round := range 3 {
		gate := make(chan struct{}) // the slow replicas answer once it is closed
		var once sync.Once
		open := func() { once.Do(func() { close(gate) }) }
		slow := func(name string) func() string {
			return func() string { <-gate; return name }
		}
		replicas := []func() string{slow("replica 1"), func() string { return "replica 2" }, slow("replica 3")}
		got, err := check.Call(limit, func() string {
			v := first(replicas)
			open() // now the slow replicas answer: where does their answer go?
			return v
		})
		var (
			leak    *check.LeakError
			timeout *check.TimeoutError
		)
		switch {
		case errors.As(err, &leak):
			return check.NotYet(fmt.Sprintf("first returned %q, but %d %s it started %s still running half a second later: leaked (%s).",
				got, leak.Goroutines, plural(leak.Goroutines, "goroutine", "goroutines"), plural(leak.Goroutines, "was", "were"), blocked(leak.Stacks)),
				"The slower replicas' goroutines try to send their answers, but nobody receives any more. Give the channel room for "+
					"every answer (make(chan string, len(replicas))), so each send completes without a receiver.").
				WithDetail("where the leaked goroutines are stuck", leak.Stacks)
		case errors.As(err, &timeout):
			open() // let the stuck call end
			return check.NotYet(fmt.Sprintf("first did not return within %v. Two of the three replicas answer only after first has returned "+
				"(as a dead server never answers): first must not wait for them.", limit),
				"Return the first answer that arrives (one receive from the channel); don't wait for every goroutine (no wg.Wait before returning).").
				WithDetail("where each goroutine was waiting", timeout.Stacks)
		case err != nil:
			return check.Explain("first(replicas)", err)
		case got != "replica 2":
			return check.NotYet(fmt.Sprintf("first returned %q; want %q, the only replica that answers at once (round %d).", got, "replica 2", round+1),
				"Start every replica in its own goroutine, each sending its answer on one channel, and return the first answer received.")
		}
	}
	return check.Pass("first returned the fastest replica's answer each time, and every goroutine it started ended (counted by check.Call).")
}
