package timeline_test

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// Two tasks taking turns on one core, then side by side on two.
func ExampleTimeline_Turns() {
	const ms = time.Millisecond
	tasks := []timeline.Task{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}}
	run := func(lane, task int, from, to time.Duration) timeline.Segment {
		return timeline.Segment{Lane: lane, Task: task, State: timeline.Running, Start: from * ms, End: to * ms}
	}
	turns := timeline.Timeline{Title: "one core", LaneName: "core", Lanes: 1, Span: 40 * ms, Tasks: tasks,
		Segments: []timeline.Segment{run(0, 0, 0, 10), run(0, 1, 10, 20), run(0, 0, 20, 30), run(0, 1, 30, 40)}}
	side := timeline.Timeline{Title: "two cores", LaneName: "core", Lanes: 2, Span: 20 * ms, Tasks: tasks,
		Segments: []timeline.Segment{run(0, 0, 0, 20), run(1, 1, 0, 20)}}
	for _, tl := range []timeline.Timeline{turns, side} {
		tr := tl.Turns()
		fmt.Printf("%s: %d workers, concurrent %v, %d switches\n", tl.Title, len(tr.Workers), tr.Concurrent, tr.Switches)
		fmt.Println(tl.Summary())
	}
	// Output:
	// one core: 2 workers, concurrent true, 2 switches
	// **one core**: 2 tasks did the work on one core, taking turns — it passed from one to another 2 times, each time after a turn of 10ms on average; on average 1.00 core busy, never two tasks at the same instant.
	// two cores: 2 workers, concurrent true, 0 switches
	// **two cores**: 2 tasks did the work; at least two cores were busy at the same instant for 20ms of the 20ms run (100%); on average 2.00 of 2 cores busy.
}
