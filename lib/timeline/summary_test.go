package timeline

import (
	"testing"
	"time"
)

func TestSummary(t *testing.T) {
	const ms = time.Millisecond
	tasks := []Task{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}}
	run := func(lane, task int, from, to time.Duration) Segment {
		return Segment{Lane: lane, Task: task, State: Running, Start: from * ms, End: to * ms}
	}
	for _, c := range []struct {
		tl   Timeline
		want string
	}{
		{Timeline{Title: "GOMAXPROCS=1", LaneName: "P", Lanes: 1, Span: 40 * ms, Tasks: tasks,
			Segments: []Segment{run(0, 0, 0, 10), run(0, 1, 10, 20), run(0, 0, 20, 30), run(0, 1, 30, 40)}},
			"**GOMAXPROCS=1**: 2 tasks did the work on one P, taking turns — it passed from one to another 2 times, each time after a turn of 10ms on average; on average 1.00 P busy, never two tasks at the same instant."},
		{Timeline{Title: "GOMAXPROCS=2", LaneName: "P", Lanes: 2, Span: 20 * ms, Tasks: tasks,
			Segments: []Segment{run(0, 0, 0, 20), run(1, 1, 5, 20)}},
			"**GOMAXPROCS=2**: 2 tasks did the work; at least two Ps were busy at the same instant for 15ms of the 20ms run (75%); on average 1.75 of 2 Ps busy."},
		{Timeline{Title: "GOMAXPROCS=2", LaneName: "P", Lanes: 2, Span: 1000 * ms, Tasks: tasks,
			Segments: []Segment{run(0, 0, 0, 1000), run(1, 1, 999, 1000)}},
			"**GOMAXPROCS=2**: one task did all the work; at least two Ps were busy at the same instant for 1ms of the 1s run (under 1%); on average 1.00 of 2 Ps busy."},
		{Timeline{LaneName: "core", Lanes: 2, Span: 20 * ms, Tasks: tasks, Segments: []Segment{run(0, 0, 0, 20)}},
			"**This run**: one task did all the work; with 2 cores, no two were ever busy at the same instant; on average 1.00 of 2 cores busy."},
	} {
		if got := c.tl.Summary(); got != c.want {
			t.Errorf("got  %s\nwant %s", got, c.want)
		}
	}
}
