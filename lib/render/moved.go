package render

import (
	"strings"

	"github.com/parlab/parlab/lib/timeline"
)

// Moved reads a trace of a render (timeline.Trace around Render) and counts the goroutines the traced
// function started — the workers — and how many of them ran, at least for a while, on a P other than
// the one their creator was running on when it started them. Go's scheduler puts a new goroutine on its
// creator's P; another P that runs one has taken it from there (work stealing: an idle P takes half of a
// busy P's run queue) or from the global run queue (where preempted goroutines and a full local queue's
// overflow go). Tasks the trace could not attribute (the runtime's, GC) are left out.
func Moved(tl timeline.Timeline) (moved, started int) {
	if len(tl.Tasks) == 0 {
		return 0, 0
	}
	const creator = 0 // the traced function: timeline.Trace lists it first
	// where the creator ran, in order
	var runs []timeline.Segment
	for _, s := range tl.Segments {
		if s.Task == creator && s.State == timeline.Running && s.Lane >= 0 {
			runs = append(runs, s)
		}
	}
	laneAt := func(at int64) int {
		lane := -1
		for _, s := range runs {
			if int64(s.Start) > at {
				break
			}
			lane = s.Lane
		}
		return lane
	}
	for k, task := range tl.Tasks {
		if k == creator || task.Name == "GC" || strings.HasPrefix(task.Name, "other goroutines") {
			continue
		}
		first, from := int64(-1), -1
		other := false
		for _, s := range tl.Segments {
			if s.Task != k {
				continue
			}
			if first < 0 {
				first = int64(s.Start)
				from = laneAt(first)
			}
			if s.State == timeline.Running && s.Lane >= 0 && from >= 0 && s.Lane != from {
				other = true
			}
		}
		if first < 0 {
			continue
		}
		started++
		if other {
			moved++
		}
	}
	return moved, started
}
