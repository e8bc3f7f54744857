package timeline

import (
	"fmt"
	"strings"
	"time"
)

// Check is a self-check's verdict for a notebook exercise: whether it passed, a message for the learner
// (with a hint when it did not pass), and the timeline it looked at, to draw.
type Check struct {
	Pass     bool
	Message  string
	Timeline Timeline
}

// CheckInterleaved is the self-check of the exercise "make this program concurrent" (notebook 01). It
// traces f on one P (GOMAXPROCS=1) and passes when at least two goroutines did real work (2 ms
// each on the P) and took turns: each was given the P before the other had finished. On one P that is
// concurrency without parallelism. f must wait for the goroutines it starts; the check says so when the
// trace shows it did not.
func CheckInterleaved(f func()) Check {
	tl, err := Trace(1, f)
	if err != nil {
		return Check{Message: fmt.Sprintf("The program could not be traced: %v.", err)}
	}
	c := Check{Timeline: tl}
	tr := tl.Turns()
	names := make([]string, len(tr.Workers))
	for i, w := range tr.Workers {
		names[i] = w.Name
	}
	switch {
	case len(tr.Workers) == 0:
		c.Message = fmt.Sprintf("Nothing did real work while the function ran (%v traced; no goroutine computed for %v). "+
			"If you start goroutines with go, wait for them (sync.WaitGroup: Add before go, Done when each ends, Wait "+
			"before returning): the trace ends when the function returns.", tl.Span.Round(10*time.Microsecond), workerMin)
	case len(tr.Workers) == 1:
		c.Message = fmt.Sprintf("Only one goroutine did the work (%s), so its pieces ran one after the other: a serial "+
			"structure. Start each piece in its own goroutine with go, and wait for both before returning.", names[0])
	case !tr.Concurrent:
		c.Message = fmt.Sprintf("%d goroutines did work (%s), but one after the other: each finished before the next "+
			"got the P. Start all of them first, then wait — and give each a few tens of milliseconds of work, "+
			"longer than Go's 10 ms time slice, so the scheduler has a reason to switch.",
			len(tr.Workers), strings.Join(names, ", "))
	default:
		c.Pass = true
		c.Message = fmt.Sprintf("%d goroutines (%s) were in progress at the same time on one P and took turns: the P "+
			"passed from one to another %s. That is concurrency without parallelism.",
			len(tr.Workers), strings.Join(names, ", "), times(tr.Switches))
	}
	return c
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}
