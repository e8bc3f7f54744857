package timeline

import (
	"testing"
	"time"
)

func TestTurns(t *testing.T) {
	const ms = time.Millisecond
	tasks := []Task{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}, {ID: 3, Name: "main"}, {ID: -1, Name: "GC"}}
	run := func(lane, task int, from, to time.Duration) Segment {
		return Segment{Lane: lane, Task: task, State: Running, Start: from * ms, End: to * ms}
	}
	wait := func(task int, from, to time.Duration) Segment {
		return Segment{Lane: -1, Task: task, State: Runnable, Start: from * ms, End: to * ms}
	}
	for _, c := range []struct {
		name       string
		segs       []Segment
		workers    int
		switches   int
		concurrent bool
		meanWork   time.Duration
		meanTurn   time.Duration // of the turns ended by a switch
	}{
		{"serial: a then b on one lane", []Segment{run(0, 0, 0, 10), run(0, 1, 10, 20)}, 2, 0, false, 10 * ms, 0},
		{"taking turns on one lane", []Segment{run(0, 0, 0, 10), wait(1, 0, 10), run(0, 1, 10, 20), wait(0, 10, 20), run(0, 0, 20, 30), run(0, 1, 30, 40)},
			2, 2, true, 20 * ms, 10 * ms},
		// a turn split in two stretches (a syscall, a trace event) is one turn: 8 + 12 ms, then 20 ms
		{"turns of 20 ms, one in two stretches", []Segment{run(0, 0, 0, 8), run(0, 0, 8, 20), run(0, 1, 20, 40), run(0, 0, 40, 45), run(0, 1, 45, 50)},
			2, 2, true, 25 * ms, 20 * ms},
		{"side by side on two lanes", []Segment{run(0, 0, 0, 10), run(1, 1, 0, 10)}, 2, 0, true, 10 * ms, 0},
		{"tiny main and GC are not workers", []Segment{run(0, 2, 0, 1), run(0, 0, 1, 11), run(0, 3, 11, 16), run(0, 1, 16, 26)}, 2, 0, false, 10 * ms, 0},
		{"one worker", []Segment{run(0, 0, 0, 10), run(0, 0, 10, 20)}, 1, 0, false, 20 * ms, 0},
		{"a main goroutine paused for 3 ms is not a worker next to 37 ms of work", []Segment{run(0, 2, 0, 3), run(0, 0, 3, 40), run(1, 1, 3, 40)},
			2, 0, true, 37 * ms, 0},
		{"empty", nil, 0, 0, false, 0, 0},
	} {
		tl := Timeline{Lanes: 2, Tasks: tasks, Segments: c.segs, Span: 50 * ms}
		if err := tl.Validate(); err != nil {
			t.Fatalf("%s: bad fixture: %v", c.name, err)
		}
		tr := tl.Turns()
		if len(tr.Workers) != c.workers || tr.Switches != c.switches || tr.Concurrent != c.concurrent || tr.MeanWork != c.meanWork || tr.MeanTurn != c.meanTurn {
			t.Errorf("%s: got %d workers, %d switches, concurrent %v, mean work %v, mean turn %v; want %d, %d, %v, %v, %v",
				c.name, len(tr.Workers), tr.Switches, tr.Concurrent, tr.MeanWork, tr.MeanTurn, c.workers, c.switches, c.concurrent, c.meanWork, c.meanTurn)
		}
	}
}

func TestTaskTimes(t *testing.T) {
	const ms = time.Millisecond
	tl := Timeline{Lanes: 1, Span: 30 * ms, Tasks: []Task{{ID: 1, Name: "a"}, {ID: 2, Name: "b"}},
		Segments: []Segment{
			{Lane: 0, Task: 0, State: Running, Start: 0, End: 5 * ms},
			{Lane: 0, Task: 0, State: Syscall, Start: 5 * ms, End: 8 * ms}, // touches: same slice
			{Lane: -1, Task: 1, State: Runnable, Start: 0, End: 8 * ms},
			{Lane: 0, Task: 1, State: Running, Start: 8 * ms, End: 18 * ms},
			{Lane: -1, Task: 0, State: Blocked, Start: 8 * ms, End: 12 * ms},
			{Lane: -1, Task: 0, State: Runnable, Start: 12 * ms, End: 18 * ms},
			{Lane: 0, Task: 0, State: Running, Start: 18 * ms, End: 30 * ms},
		}}
	got := tl.TaskTimes()
	want := []TaskTime{
		{Task: 0, Name: "a", OnLane: 20 * ms, Runnable: 6 * ms, Blocked: 4 * ms, LongestRunnable: 6 * ms, Slices: 2, First: 0, Last: 30 * ms},
		{Task: 1, Name: "b", OnLane: 10 * ms, Runnable: 8 * ms, LongestRunnable: 8 * ms, Slices: 1, First: 8 * ms, Last: 18 * ms},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("task %d: got %+v; want %+v", i, got[i], want[i])
		}
	}
}
