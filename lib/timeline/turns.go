package timeline

import (
	"cmp"
	"slices"
	"time"
)

// TaskTime is how one task spent a timeline.
type TaskTime struct {
	// Task indexes Timeline.Tasks; Name is its name.
	Task int
	Name string
	// OnLane is the time it occupied a lane (running, a syscall holding its P, GC work); Runnable the
	// time it was ready but waiting for a lane; Blocked the time it waited for anything else.
	OnLane, Runnable, Blocked time.Duration
	// LongestRunnable is its longest single wait for a lane.
	LongestRunnable time.Duration
	// Slices counts its separate stretches on a lane: how many pieces its work was cut into.
	Slices int
	// First is when it first occupied a lane and Last when it last left one (both zero if it never did).
	First, Last time.Duration
}

// TaskTimes returns how each task spent the timeline, in the order of Tasks.
func (t Timeline) TaskTimes() []TaskTime {
	out := make([]TaskTime, len(t.Tasks))
	for i, task := range t.Tasks {
		out[i] = TaskTime{Task: i, Name: task.Name}
	}
	// A slice is a maximal stretch on a lane: segments of one task that touch (running, then a syscall on
	// the same P, say) are one slice.
	end := make([]time.Duration, len(t.Tasks))
	for i := range end {
		end[i] = -1
	}
	for _, s := range t.Segments {
		if s.Task < 0 || s.Task >= len(out) {
			continue
		}
		tt := &out[s.Task]
		switch {
		case s.State.OnLane() && s.Lane >= 0:
			tt.OnLane += s.Duration()
			if tt.Slices == 0 || s.Start < tt.First {
				tt.First = s.Start
			}
			if s.Start != end[s.Task] {
				tt.Slices++
			}
			end[s.Task] = s.End
			tt.Last = max(tt.Last, s.End)
		case s.State == Runnable:
			tt.Runnable += s.Duration()
			tt.LongestRunnable = max(tt.LongestRunnable, s.Duration())
		default:
			tt.Blocked += s.Duration()
		}
	}
	return out
}

// Turns says how the tasks that did the work shared the lanes: whether they took turns (concurrency)
// and how often a lane passed from one to another.
type Turns struct {
	// Workers lists the tasks that did the work: the program's own tasks (not the runtime's GC or other
	// goroutines) that occupied a lane for at least 2 ms and at least a tenth as long as the busiest task
	// did.
	Workers []TaskTime
	// Switches counts the times a lane passed from one worker to another while the first still had
	// work to come (it ran again later): taking turns.
	Switches int
	// MeanTurn is how long, on average, a worker held a lane before one of those switches: the time
	// slice as it was run (0 when there was no switch). Go preempts a goroutine that has run 10 ms
	// once its monitor thread notices, which looks every 10 ms or so: turns of 10–20 ms, longer on a
	// busy machine or under the tracer.
	MeanTurn time.Duration
	// Concurrent is true when at least two workers were in progress at the same time: each got a lane
	// before the other had finished. On one lane that is only possible by taking turns.
	Concurrent bool
	// MeanWork is the workers' mean time on a lane.
	MeanWork time.Duration
}

// workerMin is how long a task must at least occupy a lane to count as a worker in Turns: starting
// goroutines and waiting for them takes microseconds, doing the work milliseconds. On a busy machine the
// operating system can pause a thread while its goroutine counts as running, so Turns also asks for a
// tenth of the busiest task's time.
const workerMin = 2 * time.Millisecond

// Turns finds the workers of the timeline and how they took turns. Runtime tasks — "GC" and "other
// goroutines" in a trace, whose IDs are negative — never count as workers.
func (t Timeline) Turns() Turns {
	var tr Turns
	isWorker := make([]bool, len(t.Tasks))
	times := t.TaskTimes()
	var busiest time.Duration
	for _, tt := range times {
		if t.Tasks[tt.Task].ID >= 0 {
			busiest = max(busiest, tt.OnLane)
		}
	}
	for _, tt := range times {
		if t.Tasks[tt.Task].ID >= 0 && tt.OnLane >= workerMin && tt.OnLane >= busiest/10 {
			tr.Workers = append(tr.Workers, tt)
			isWorker[tt.Task] = true
			tr.MeanWork += tt.OnLane
		}
	}
	if len(tr.Workers) == 0 {
		return tr
	}
	tr.MeanWork /= time.Duration(len(tr.Workers))
	last := make(map[int]time.Duration, len(tr.Workers))
	for _, w := range tr.Workers {
		last[w.Task] = w.Last
	}
	for i, a := range tr.Workers {
		for _, b := range tr.Workers[i+1:] {
			if a.First < b.Last && b.First < a.Last {
				tr.Concurrent = true
			}
		}
	}
	// Walk each lane's occupied stretches in time order and count hand-overs between workers.
	byLane := map[int][]Segment{}
	for _, s := range t.Segments {
		if s.Lane >= 0 && s.State.OnLane() && s.Task >= 0 && s.Task < len(isWorker) && isWorker[s.Task] {
			byLane[s.Lane] = append(byLane[s.Lane], s)
		}
	}
	// A turn is a worker's consecutive stretches on a lane; the ones ended by a switch give MeanTurn.
	var turned time.Duration
	for _, segs := range byLane {
		slices.SortFunc(segs, func(a, b Segment) int { return cmp.Compare(a.Start, b.Start) })
		turn := segs[0].Duration()
		for i := 1; i < len(segs); i++ {
			prev := segs[i-1]
			if segs[i].Task == prev.Task {
				turn += segs[i].Duration()
				continue
			}
			if last[prev.Task] > prev.End {
				tr.Switches++
				turned += turn
			}
			turn = segs[i].Duration()
		}
	}
	if tr.Switches > 0 {
		tr.MeanTurn = turned / time.Duration(tr.Switches)
	}
	return tr
}
