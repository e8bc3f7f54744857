package timeline

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"time"
)

// State is what a task was doing during a segment.
type State uint8

const (
	// Running: executing on a lane (a P, a core, a worker).
	Running State = iota
	// Runnable: ready to run, waiting for a free lane.
	Runnable
	// Blocked: waiting for something other than a lane — a channel, a mutex, a sleep, I/O.
	Blocked
	// Syscall: inside a system call; in a trace the goroutine keeps its P until the runtime takes it back.
	Syscall
	// GC: garbage-collector work (the runtime's mark workers) occupying a lane.
	GC
)

var stateNames = [...]string{"running", "runnable", "blocked", "syscall", "GC"}

// String returns the state's name in lower case ("running", "runnable", …).
func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", s)
}

// OnLane reports whether a task in this state occupies a lane: running, syscall (while its P is held) and GC.
func (s State) OnLane() bool { return s == Running || s == Syscall || s == GC }

// Source says where a timeline came from; a chart shows it, because the three differ in what their
// durations mean.
type Source uint8

const (
	// Traced: a real run under runtime/trace. Tracing slows the program (channel-heavy code several
	// times over), so its durations show the shape of the schedule, not timings.
	Traced Source = iota + 1
	// Recorded: task spans recorded by the program's own workers with the monotonic clock (see Recorder).
	Recorded
	// Simulated: produced by a model (package sim), not measured.
	Simulated
)

// String describes the source in a few words, fit for a chart's subtitle.
func (s Source) String() string {
	switch s {
	case Traced:
		return "traced run (runtime/trace slows the program: shape, not timings)"
	case Recorded:
		return "recorded task spans (wall clock)"
	case Simulated:
		return "simulated (a model, not a measurement)"
	}
	return "unknown source"
}

// Task is one thing that runs: a goroutine, a task handed to a pool, a simulated job.
type Task struct {
	// ID is the goroutine id (traces), or the task's position (spans, simulations).
	ID int64
	// Name is what a chart shows, e.g. "G21 main.spin" or "ball 2".
	Name string
}

// Segment is one stretch of time during which a task was in one state.
type Segment struct {
	// Lane is the P, core or worker the task occupied, or -1 when it occupied none (runnable, blocked).
	Lane int
	// Task indexes Timeline.Tasks.
	Task int
	// State is what the task was doing.
	State State
	// Start and End are measured from the start of the timeline; End ≥ Start.
	Start, End time.Duration
	// Reason says why, when known: "chan receive", "sleep", "preempted", "I/O", a phase name.
	Reason string
}

// Duration is End − Start.
func (s Segment) Duration() time.Duration { return s.End - s.Start }

// Timeline is what ran where and when, from a trace, recorded spans or a simulation. Segments are sorted
// by Start, then Lane. The zero Timeline is empty and valid.
type Timeline struct {
	// Title names the run, e.g. "two spinners, GOMAXPROCS=1".
	Title string
	// Source says whether this was traced, recorded or simulated.
	Source Source
	// LaneName is what a lane is: "P" (a logical core in the Go scheduler), "core" or "worker".
	LaneName string
	// Lanes is the number of lanes, at most 2¹⁶; Segment.Lane < Lanes.
	Lanes int
	// Tasks lists the tasks; Segment.Task indexes it.
	Tasks []Task
	// Segments, sorted by Start, then Lane.
	Segments []Segment
	// Span is the length of the timeline: every segment ends by Span.
	Span time.Duration
	// Events is the number of trace events read (traces only).
	Events int
	// Notes are sentences a chart should show: what was left out, what the numbers mean.
	Notes []string
}

// maxLanes bounds Timeline.Lanes: the methods keep a number per lane, and no chart shows more.
const maxLanes = 1 << 16

// Validate reports the first inconsistency: Lanes outside 0 … 2¹⁶, a segment outside [0, Span], ending
// before it starts, on a lane or task that does not exist, or two segments on one lane at the same time.
func (t Timeline) Validate() error {
	if t.Lanes < 0 || t.Lanes > maxLanes {
		return fmt.Errorf("timeline: Lanes is %d; want 0 to %d", t.Lanes, maxLanes)
	}
	if t.Span < 0 {
		return fmt.Errorf("timeline: Span is %v; want 0 or more", t.Span)
	}
	lastEnd := make([]time.Duration, t.Lanes)
	for i, s := range t.Segments {
		switch {
		case s.Start < 0 || s.End < s.Start || s.End > t.Span:
			return fmt.Errorf("timeline: segment %d runs from %v to %v; want 0 ≤ start ≤ end ≤ span %v", i, s.Start, s.End, t.Span)
		case s.Lane < -1 || s.Lane >= t.Lanes:
			return fmt.Errorf("timeline: segment %d is on lane %d; want -1 (no lane) or 0…%d", i, s.Lane, t.Lanes-1)
		case s.Task < 0 || s.Task >= len(t.Tasks):
			return fmt.Errorf("timeline: segment %d belongs to task %d; want 0…%d", i, s.Task, len(t.Tasks)-1)
		case i > 0 && s.Start < t.Segments[i-1].Start:
			return fmt.Errorf("timeline: segment %d starts at %v, before segment %d (%v); want segments sorted by start", i, s.Start, i-1, t.Segments[i-1].Start)
		}
		if s.Lane >= 0 && s.State.OnLane() {
			if s.Start < lastEnd[s.Lane] {
				return fmt.Errorf("timeline: segment %d starts at %v on %s %d, which is busy until %v", i, s.Start, t.LaneName, s.Lane, lastEnd[s.Lane])
			}
			lastEnd[s.Lane] = s.End
		}
	}
	return nil
}

// Busy returns, for each lane, how long it was occupied (running, syscall holding it, or GC). It
// returns nil when Lanes is outside 0 … 2¹⁶ (see Validate).
func (t Timeline) Busy() []time.Duration {
	if t.Lanes < 0 || t.Lanes > maxLanes {
		return nil
	}
	busy := make([]time.Duration, t.Lanes)
	for _, s := range t.Segments {
		if s.Lane >= 0 && s.Lane < t.Lanes && s.State.OnLane() {
			busy[s.Lane] += s.Duration()
		}
	}
	return busy
}

// Utilisation returns, for each lane, the fraction of Span it was occupied, between 0 and 1. An empty
// timeline (Span 0) has utilisation 0; Lanes outside 0 … 2¹⁶ give nil, as for Busy.
func (t Timeline) Utilisation() []float64 {
	busy := t.Busy()
	if busy == nil {
		return nil
	}
	u := make([]float64, len(busy))
	if t.Span <= 0 {
		return u
	}
	for i, b := range busy {
		u[i] = float64(b) / float64(t.Span)
	}
	return u
}

// Parallelism returns how many lanes were occupied on average: total busy time / Span. One core doing
// everything gives at most 1; two cores busy side by side give close to 2.
func (t Timeline) Parallelism() float64 {
	if t.Span <= 0 {
		return 0
	}
	var total time.Duration
	for _, b := range t.Busy() {
		total += b
	}
	return float64(total) / float64(t.Span)
}

// Overlap returns how long at least two lanes were occupied at the same instant: zero means the tasks took
// turns (concurrency without parallelism); more means some ran in parallel.
func (t Timeline) Overlap() time.Duration {
	type edge struct {
		at    time.Duration
		delta int
	}
	var edges []edge
	for _, s := range t.Segments {
		if s.Lane >= 0 && s.State.OnLane() && s.End > s.Start {
			edges = append(edges, edge{s.Start, +1}, edge{s.End, -1})
		}
	}
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].at != edges[j].at {
			return edges[i].at < edges[j].at
		}
		return edges[i].delta < edges[j].delta // ends before starts: touching segments do not overlap
	})
	var over time.Duration
	n := 0
	for i, e := range edges {
		if n >= 2 && i > 0 {
			over += e.at - edges[i-1].at
		}
		n += e.delta
	}
	return over
}

// sortSegments orders segments by Start, then Lane, then Task, then End.
func sortSegments(segs []Segment) {
	slices.SortFunc(segs, func(a, b Segment) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Lane, b.Lane); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Task, b.Task); c != 0 {
			return c
		}
		return cmp.Compare(a.End, b.End)
	})
}

// Finish sorts segments by start and lane, joins back-to-back segments of one task in the same state,
// lane and reason, and drops empty ones. Builders of timelines (package sim, Recorder) call it last. It
// reuses segs' storage: the caller must use the result, not segs, afterwards.
func Finish(segs []Segment) []Segment {
	out := segs[:0]
	maxTask := -1
	for _, s := range segs {
		if s.End > s.Start {
			out = append(out, s)
			maxTask = max(maxTask, s.Task)
		}
	}
	sortSegments(out)
	// last[t] is the index in joined of task t's latest segment, plus one (0: none yet): a slice when
	// task numbers are dense (as builders make them), a map when one is far larger than the segments.
	var lastOf func(task int) *int
	if maxTask < 2*len(out)+1024 {
		last := make([]int, maxTask+1)
		lastOf = func(task int) *int { return &last[task] }
	} else {
		last := map[int]*int{}
		lastOf = func(task int) *int {
			p := last[task]
			if p == nil {
				p = new(int)
				last[task] = p
			}
			return p
		}
	}
	joined := out[:0]
	for _, s := range out {
		if s.Task < 0 {
			joined = append(joined, s)
			continue
		}
		last := lastOf(s.Task)
		if i := *last - 1; i >= 0 {
			p := &joined[i]
			if p.End == s.Start && p.Lane == s.Lane && p.State == s.State && p.Reason == s.Reason {
				p.End = s.End
				continue
			}
		}
		joined = append(joined, s)
		*last = len(joined)
	}
	return joined
}
