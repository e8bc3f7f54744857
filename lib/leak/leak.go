package leak

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// Report is what Find saw.
type Report struct {
	// Before is runtime.NumGoroutine() just before the call, After just after Find's wait for the call's
	// goroutines to end: every goroutine of the program, the runtime's and the notebook's included.
	Before, After int
	// Leaked counts the goroutines the call started (directly or not) still running half a second after
	// it returned; Stacks are their stack traces.
	Leaked int
	Stacks string
	// Err is set when the call itself failed: it panicked, or did not return within the limit.
	Err error
}

// maxLimit bounds Find's limit: a call that runs longer is not a leak example.
const maxLimit = time.Minute

// Find calls f, at most for limit (1 ms … 1 min; 0 means 10 s), and reports the goroutines it left
// running. See the package comment for what it can and cannot do about them.
func Find(limit time.Duration, f func()) (Report, error) {
	switch {
	case f == nil:
		return Report{}, errors.New("leak: Find was given a nil function")
	case limit == 0:
		limit = check.DefaultLimit
	case limit < time.Millisecond || limit > maxLimit:
		return Report{}, fmt.Errorf("leak: limit = %v is not allowed: want 1ms to %v (0 means %v)", limit, maxLimit, check.DefaultLimit)
	}
	r := Report{Before: runtime.NumGoroutine()}
	_, err := check.Call(limit, func() struct{} { f(); return struct{}{} })
	r.After = runtime.NumGoroutine()
	var leak *check.LeakError
	switch {
	case errors.As(err, &leak):
		r.Leaked, r.Stacks = leak.Goroutines, leak.Stacks
	case err != nil:
		r.Err = err
	}
	return r, nil
}

// String says what Find saw, in a sentence.
func (r Report) String() string {
	if r.Err != nil {
		return fmt.Sprintf("The call failed: %v (goroutines before: %d, after: %d).", r.Err, r.Before, r.After)
	}
	s := fmt.Sprintf("Goroutines in the program before the call: %d; half a second after it returned: %d. ", r.Before, r.After)
	if r.Leaked == 0 {
		return s + "Every goroutine the call started had ended: no leak."
	}
	return s + fmt.Sprintf("%d %s the call started %s still running — leaked%s.", r.Leaked, plural(r.Leaked, "goroutine", "goroutines"),
		plural(r.Leaked, "is", "are"), where(r.Stacks))
}

// where says where the leaked goroutines wait, from their stacks' headers: ", blocked: 2 on chan send",
// or "" when the stacks say nothing.
func where(stacks string) string {
	if b := blocked(stacks); b != "" {
		return ", " + b
	}
	return ""
}

// blocked is where's text without the leading comma: "blocked: 2 on chan send", or "".
func blocked(stacks string) string {
	waits := check.Waits(stacks)
	if len(waits) == 0 {
		return ""
	}
	parts := make([]string, len(waits))
	for k, w := range waits {
		parts[k] = fmt.Sprintf("%d on %s", w.Goroutines, w.State)
	}
	return "blocked: " + strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Replicas returns one function per delay, each answering its name ("replica 1", …) after its delay
// (0 … 10 s each, at most 100 replicas): the replicas of a service for a "first answer wins" call.
func Replicas(delays ...time.Duration) ([]func() string, error) {
	if len(delays) == 0 || len(delays) > 100 {
		return nil, fmt.Errorf("leak: Replicas was given %d delays; want 1 to 100", len(delays))
	}
	out := make([]func() string, len(delays))
	for i, d := range delays {
		if d < 0 || d > 10*time.Second {
			return nil, fmt.Errorf("leak: delay %d = %v is not allowed: want 0 to 10s", i+1, d)
		}
		name := fmt.Sprintf("replica %d", i+1)
		out[i] = func() string { time.Sleep(d); return name }
	}
	return out, nil
}
