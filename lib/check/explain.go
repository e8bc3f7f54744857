package check

import (
	"errors"
	"fmt"
)

// Explain turns an error of [Call] into a Result that did not pass, for a learner: what names the call
// as the learner knows it ("fetchAll(48 URLs, k = 4)"), and the hint says what usually causes that kind
// of error. The stacks of a stuck or leaking call, or the stack of a panic, become the Detail. A check
// that knows more about its exercise replaces the hint. err nil gives a zero Result (not passed,
// nothing to say): call Explain only with an error.
func Explain(what string, err error) Result {
	var (
		timeout *TimeoutError
		panicE  *PanicError
		leak    *LeakError
	)
	switch {
	case err == nil:
		return Result{}
	case errors.As(err, &timeout):
		msg := fmt.Sprintf("%s did not return within %v.", what, timeout.Limit)
		if n := timeout.Goroutines - 1; n > 0 {
			msg = fmt.Sprintf("%s did not return within %v, and %d %s it started had not ended either.", what, timeout.Limit, n, plural(n, "goroutine", "goroutines"))
		}
		hint := "Is a goroutine waiting for something that never happens — a channel nobody sends on " +
			"(or receives from), a WaitGroup whose Done is missing, a Lock without its Unlock?"
		if timeout.Stacks == "" { // a timed run (Time) takes no stacks
			return NotYet(msg, hint)
		}
		return NotYet(msg, hint+" The stacks below show where each goroutine was waiting.").
			WithDetail("where each goroutine was waiting", timeout.Stacks)
	case errors.As(err, &panicE):
		where := ""
		if panicE.Frame != "" {
			where = " in " + panicE.Frame
		}
		return NotYet(fmt.Sprintf("%s panicked%s: %v.", what, where, panicE.Value),
			"Read the panic's message and the line it names: a nil map or pointer, an index out of range "+
				"(check the bounds of every slice you cut), a closed channel?").WithDetail("the stack of the panic", panicE.Stack)
	case errors.As(err, &leak):
		return NotYet(fmt.Sprintf("%s returned while %d %s it started %s still running.", what, leak.Goroutines,
			plural(leak.Goroutines, "goroutine", "goroutines"), plural(leak.Goroutines, "was", "were")),
			"Wait for every goroutine you start before returning (sync.WaitGroup: Add before go, Done when each "+
				"ends, Wait before return), or make sure it ends (close the channel it reads, cancel its context).").
			WithDetail("where the goroutines left running were", leak.Stacks)
	case errors.Is(err, ErrGoexit):
		return NotYet(fmt.Sprintf("%s ended its goroutine with runtime.Goexit instead of returning.", what),
			"Return normally; runtime.Goexit (and t.FailNow, which calls it) ends the goroutine that calls it.")
	default:
		return NotYet(fmt.Sprintf("%s failed: %v.", what, err), "")
	}
}
