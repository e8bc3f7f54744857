package liveness

import (
	"fmt"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/internal/spans"
)

// Activity is what a goroutine of a liveness experiment was doing.
type Activity uint8

const (
	// Working: it holds what it needs and makes progress (a transfer, its work under the lock).
	Working Activity = iota
	// Holding: it holds one lock and has not got the other yet: no progress.
	Holding
	// Waiting: blocked, waiting for a lock another goroutine holds.
	Waiting
	// Retrying: it failed to get its second lock, let go of its first and steps back, to try again.
	Retrying
	// BackingOff: it waits a random time before trying again, so two polite goroutines stop mirroring
	// each other.
	BackingOff
)

var activityNames = [...]string{"working (holds what it needs)", "holds one lock", "waiting for a lock",
	"let go and retries", "backs off (random)"}

func (a Activity) String() string {
	if int(a) < len(activityNames) {
		return activityNames[a]
	}
	return fmt.Sprintf("Activity(%d)", a)
}

// Span is what goroutine Lane did from Start to End, measured from the start of the run.
type Span = spans.Span[Activity]

// Run is one run of a liveness experiment: what each goroutine did and whether they made progress.
type Run struct {
	// Title names the run: "opposite lock order", "polite, no randomness".
	Title string
	// Goroutines names the goroutines (a lane each): "transfer 1 (A→B)", "greedy".
	Goroutines []string
	Spans      []Span
	Elapsed    time.Duration
	// Progress counts, per goroutine, the times it got what it needed (a transfer made, the lock taken).
	Progress []int
}

// WorkingTime returns how long goroutine g spent Working.
func (r *Run) WorkingTime(g int) time.Duration {
	var d time.Duration
	for _, s := range r.Spans {
		if s.Lane == g && s.Kind == Working {
			d += s.Duration()
		}
	}
	return d
}

// Describe says in words which transfers a transfer run (Deadlock, Livelock: one transfer per
// goroutine) made, and in how long: "**polite, both alike**: neither transfer was made, in 87ms of trying."
func (r *Run) Describe() string {
	if r == nil || len(r.Goroutines) == 0 {
		return ""
	}
	var made, not []string
	for g, name := range r.Goroutines {
		if g < len(r.Progress) && r.Progress[g] > 0 {
			made = append(made, name)
		} else {
			not = append(not, name)
		}
	}
	took := r.Elapsed.Round(time.Millisecond)
	switch {
	case len(made) == 0 && len(not) == 2:
		return fmt.Sprintf("**%s**: neither transfer was made, in %v of trying.", r.Title, took)
	case len(made) == 0:
		return fmt.Sprintf("**%s**: no transfer was made, in %v of trying.", r.Title, took)
	case len(not) == 0 && len(made) == 2:
		return fmt.Sprintf("**%s**: both transfers were made, in %v.", r.Title, took)
	case len(not) == 0:
		return fmt.Sprintf("**%s**: all %d transfers were made, in %v.", r.Title, len(made), took)
	}
	return fmt.Sprintf("**%s**: %s made, %s not, in %v.", r.Title, strings.Join(made, " and "), strings.Join(not, " and "), took)
}
