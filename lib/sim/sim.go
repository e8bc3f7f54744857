package sim

import (
	"container/heap"
	"errors"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// Kind says whether a phase needs a core.
type Kind uint8

const (
	// CPU phases need a core for their whole duration.
	CPU Kind = iota
	// IO phases wait (a disk, a network, a kettle, a ball in the air) without a core.
	IO
	// Shared phases need one of Config.Shared units — an espresso machine, a printer, a database
	// connection — for their whole duration, without a core. A task that finds every unit taken waits in
	// line for one, first come, first served. Each unit is a worker of its own: while it runs, the cores
	// are free for other tasks, in parallel with it.
	Shared
)

// String returns "CPU", "I/O" or "shared".
func (k Kind) String() string {
	switch k {
	case IO:
		return "I/O"
	case Shared:
		return "shared"
	}
	return "CPU"
}

// Phase is one step of a task.
type Phase struct {
	Kind Kind
	// D is how long the phase takes: on a core for CPU, off any core for IO. Zero phases are skipped.
	D time.Duration
	// Name is shown in tooltips ("take order", "in the air"); empty means "CPU" or "I/O".
	Name string
}

// Compute returns a CPU phase.
func Compute(name string, d time.Duration) Phase { return Phase{Kind: CPU, D: d, Name: name} }

// Wait returns an IO phase.
func Wait(name string, d time.Duration) Phase { return Phase{Kind: IO, D: d, Name: name} }

// Use returns a Shared phase: d on one of the Config.Shared units.
func Use(name string, d time.Duration) Phase { return Phase{Kind: Shared, D: d, Name: name} }

func (p Phase) label() string {
	if p.Name != "" {
		return p.Name
	}
	return p.Kind.String()
}

// Task is a job to simulate: it arrives, then goes through its phases in order.
type Task struct {
	Name   string
	Arrive time.Duration
	Phases []Phase
}

// Config describes the machine.
type Config struct {
	// Cores is how many tasks can compute at once; at least 1.
	Cores int
	// Quantum is the time slice. Zero means run to completion: a task keeps its core until its CPU work
	// is done or it starts an IO phase. Above zero, a task that has computed for a quantum while others
	// wait goes to the back of the queue (Go's scheduler preempts after about 10 ms).
	Quantum time.Duration
	// LaneName is what a core is called in the timeline ("core" when empty; "juggler", "barista", …).
	LaneName string
	// Switch is what a core spends switching to a task other than the one it ran last: saving one
	// task's state and loading another's (a fraction of a microsecond between goroutines, more between
	// OS threads, a minute for a secretary to find her place again). Zero makes switches free. A core's first task
	// costs nothing. In the timeline the switch is the task "context switch" on that core.
	Switch time.Duration
	// Shared is how many units the Shared phases share (0 … 1024): espresso machines, say. It must be at
	// least 1 when a task has a Shared phase.
	Shared int
	// SharedName is what a unit is called ("unit" when empty; "machine", …): in the timeline of the
	// units (Result.Shared) and in "waiting for a machine".
	SharedName string
}

// Result is what a simulation produced.
type Result struct {
	// Timeline: one lane per core; every task's running, runnable (waiting for a core) and blocked (IO)
	// segments. Its Span is the makespan: when the last task finished.
	Timeline timeline.Timeline
	// Done[i] is when task i finished.
	Done []time.Duration
	// Shared is the timeline of the shared units, one lane each (no lanes when Config.Shared is 0): which
	// task used which unit, and when. Its tasks are Timeline's, so a chart gives them the same colours.
	// In Timeline, a task using a unit or waiting for one is blocked (it needs no core), with the phase's
	// name or "waiting for a <SharedName>" as the reason.
	Shared timeline.Timeline
}

// Limits of one simulation, checked before anything is allocated: a core per lane of the timeline, and
// a bound on its events (arrivals, phases and time slices) that keeps the timeline's memory in the
// hundreds of megabytes and Run within seconds. Every step of the simulation visits every core, so the
// events times the cores are bounded too.
const (
	maxCores  = 1024
	maxEvents = 2_000_000
	maxWork   = 1 << 27 // events × cores
)

// Run simulates the tasks on cfg.Cores cores and returns their schedule. It is deterministic: ties are
// broken by task order and core order, as follows. Cores are handed out lowest index first, to tasks in
// the order they became ready; tasks that become ready at the same instant (arriving or finishing IO)
// queue in task order, ahead of a task preempted at that instant.
//
// Run refuses, before simulating, more than 1024 cores, more than 2 million events (arrivals, phases,
// and the time slices a Quantum cuts CPU phases into) and more than 2²⁷ events × cores: a bounded amount
// of work, so it needs no context to be stopped.
func Run(cfg Config, tasks []Task) (Result, error) {
	if err := validate(cfg, tasks); err != nil {
		return Result{}, err
	}
	s := newState(cfg, tasks)
	if err := s.run(); err != nil {
		return Result{}, err
	}
	return s.result(), nil
}

func validate(cfg Config, tasks []Task) error {
	if cfg.Cores < 1 || cfg.Cores > maxCores {
		return fmt.Errorf("sim: Cores is %d; want 1 to %d (one lane each in the timeline)", cfg.Cores, maxCores)
	}
	if cfg.Quantum < 0 {
		return fmt.Errorf("sim: Quantum is %v; want 0 (run to completion) or a positive time slice", cfg.Quantum)
	}
	if cfg.Switch < 0 {
		return fmt.Errorf("sim: Switch is %v; want 0 (free) or the positive time a context switch takes", cfg.Switch)
	}
	if cfg.Shared < 0 || cfg.Shared > maxCores {
		return fmt.Errorf("sim: Shared is %d; want 0 to %d shared units (one lane each in their timeline)", cfg.Shared, maxCores)
	}
	if len(tasks) == 0 {
		return errors.New("sim: no tasks to run; want at least one")
	}
	if len(tasks) > maxEvents {
		return fmt.Errorf("sim: %d tasks is more than the %d events a simulation may have; want fewer tasks", len(tasks), maxEvents)
	}
	// Every finish time is at most the last arrival plus all the work: keep that within limit, and
	// count the events (arrivals, phases, and time slices beyond a phase's first).
	const limit, limitText = time.Duration(1) << 60, "2⁶⁰ ns (36 years)"
	var lastArrival, work time.Duration
	phases, slices := 0, 0.0
	for i, t := range tasks {
		if t.Arrive < 0 || t.Arrive > limit {
			return fmt.Errorf("sim: task %d (%q) arrives at %v; want 0 or later, and at most %s", i, t.Name, t.Arrive, limitText)
		}
		lastArrival = max(lastArrival, t.Arrive)
		if phases += len(t.Phases); phases > maxEvents {
			return fmt.Errorf("sim: the tasks have more than %d phases in all; want fewer tasks or phases", maxEvents)
		}
		for j, p := range t.Phases {
			if p.D < 0 || p.D > limit {
				return fmt.Errorf("sim: task %d (%q) phase %d (%s) lasts %v; want 0 or more, and at most %s", i, t.Name, j, p.label(), p.D, limitText)
			}
			if p.Kind != CPU && p.Kind != IO && p.Kind != Shared {
				return fmt.Errorf("sim: task %d (%q) phase %d has kind %d; want sim.CPU, sim.IO or sim.Shared", i, t.Name, j, p.Kind)
			}
			if p.Kind == Shared && p.D > 0 && cfg.Shared == 0 {
				return fmt.Errorf("sim: task %d (%q) phase %d (%s) needs a shared unit, but Config.Shared is 0; want at least 1", i, t.Name, j, p.label())
			}
			if p.Kind == CPU && cfg.Quantum > 0 {
				slices += float64(p.D / cfg.Quantum)
			}
			if work += p.D; work > limit {
				return fmt.Errorf("sim: the tasks' phases add up to more than %s; want less", limitText)
			}
		}
	}
	if lastArrival+work > limit {
		return fmt.Errorf("sim: the last arrival (%v) plus all the phases (%v) add up to more than %s; want less", lastArrival, work, limitText)
	}
	events := float64(len(tasks)+phases) + slices
	if cfg.Switch > 0 {
		events *= 2 // a core's switch ends in an event of its own
	}
	if events > maxEvents {
		return fmt.Errorf("sim: Quantum %v cuts the CPU phases into about %.0f events, more than the %d a simulation may have; use a larger Quantum or less work",
			cfg.Quantum, events, maxEvents)
	}
	if events*float64(cfg.Cores+cfg.Shared) > maxWork {
		return fmt.Errorf("sim: about %.0f events on %d Cores is more work than a simulation may do (events × cores at most %d); use fewer cores, tasks or time slices",
			events, cfg.Cores, maxWork)
	}
	return nil
}

type status uint8

const (
	waiting status = iota // not arrived, or in IO: in the timer heap
	ready
	running
	done
)

type taskState struct {
	status status
	phase  int           // current phase
	left   time.Duration // of the current phase
	core   int

	seg timeline.Segment // open segment, if open
	has bool

	unit int // the shared unit the task holds, -1 none
}

type core struct {
	task      int // -1: idle
	sliceEnd  time.Duration
	last      int  // task it ran last, -1 none
	switching bool // switching to task until switchEnd; the task has not started
	switchEnd time.Duration
}

type timer struct {
	at   time.Duration
	task int
}

type timers []timer

func (h timers) Len() int { return len(h) }
func (h timers) Less(i, j int) bool {
	if h[i].at != h[j].at {
		return h[i].at < h[j].at
	}
	return h[i].task < h[j].task
}
func (h timers) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timers) Push(x any)   { *h = append(*h, x.(timer)) }
func (h *timers) Pop() (x any) { old := *h; x = old[len(old)-1]; *h = old[:len(old)-1]; return x }
func (h timers) next() timer   { return h[0] }
func (h *timers) add(t timer)  { heap.Push(h, t) }
func (h *timers) take() timer  { return heap.Pop(h).(timer) }
func (h timers) empty() bool   { return len(h) == 0 }
func (h timers) peekAt() (time.Duration, bool) {
	if len(h) == 0 {
		return 0, false
	}
	return h[0].at, true
}

type state struct {
	cfg   Config
	tasks []Task
	ts    []taskState
	cores []core
	queue []int // ready tasks, FIFO
	tm    timers
	now   time.Duration
	done  int
	fin   []time.Duration
	segs  []timeline.Segment
	// switches counts context switches that cost time.
	switches int

	units     []int // shared units: the task using each, -1 free
	unitQueue []int // tasks waiting for a unit, FIFO
	unitSegs  []timeline.Segment
}

func newState(cfg Config, tasks []Task) *state {
	s := &state{cfg: cfg, tasks: tasks, ts: make([]taskState, len(tasks)), cores: make([]core, cfg.Cores), fin: make([]time.Duration, len(tasks)),
		units: make([]int, cfg.Shared)}
	for i := range s.cores {
		s.cores[i].task, s.cores[i].last = -1, -1
	}
	for u := range s.units {
		s.units[u] = -1
	}
	for i, t := range tasks {
		s.tm.add(timer{t.Arrive, i})
		s.ts[i].phase = -1 // arriving: the first phase starts when the timer fires
		s.ts[i].unit = -1
	}
	return s
}

// set closes task i's open segment and opens one in the given state (none when done).
func (s *state) set(i int, st timeline.State, lane int, reason string, open bool) {
	t := &s.ts[i]
	if t.has {
		if open && t.seg.State == st && t.seg.Lane == lane && t.seg.Reason == reason {
			return
		}
		t.seg.End = s.now
		s.segs = append(s.segs, t.seg)
		t.has = false
	}
	if open {
		t.seg = timeline.Segment{Lane: lane, Task: i, State: st, Start: s.now, Reason: reason}
		t.has = true
	}
}

// advance moves task i to its next non-empty phase and puts it where that phase belongs: the ready
// queue (CPU; unless keep, when it stays on its core), the timer heap (IO), or done.
func (s *state) advance(i int, keep bool) {
	t := &s.ts[i]
	phases := s.tasks[i].Phases
	t.phase++
	for t.phase < len(phases) && phases[t.phase].D == 0 {
		t.phase++
	}
	if t.phase >= len(phases) {
		t.status = done
		s.done++
		s.fin[i] = s.now
		s.set(i, 0, 0, "", false)
		return
	}
	p := phases[t.phase]
	t.left = p.D
	switch {
	case p.Kind == IO:
		t.status = waiting
		s.tm.add(timer{s.now + p.D, i})
		s.set(i, timeline.Blocked, -1, p.label(), true)
	case p.Kind == Shared:
		t.status = waiting
		s.unitQueue = append(s.unitQueue, i)
		s.set(i, timeline.Blocked, -1, "waiting for a "+s.sharedName(), true)
		s.grant()
	case keep:
		s.set(i, timeline.Running, t.core, p.label(), true)
	default:
		t.status = ready
		s.queue = append(s.queue, i)
		s.set(i, timeline.Runnable, -1, "waiting for a "+s.laneName(), true)
	}
}

// grant hands free shared units, lowest first, to the tasks waiting for one, longest-waiting first;
// each holds its unit for its phase, off any core.
func (s *state) grant() {
	for u := range s.units {
		if len(s.unitQueue) == 0 {
			return
		}
		if s.units[u] >= 0 {
			continue
		}
		i := s.unitQueue[0]
		s.unitQueue = s.unitQueue[1:]
		s.units[u], s.ts[i].unit = i, u
		p := s.tasks[i].Phases[s.ts[i].phase]
		s.tm.add(timer{s.now + p.D, i})
		s.set(i, timeline.Blocked, -1, p.label(), true)
		s.unitSegs = append(s.unitSegs, timeline.Segment{Lane: u, Task: i, State: timeline.Running, Start: s.now, End: s.now + p.D, Reason: p.label()})
	}
}

// release frees the shared unit task i holds, if any; grant hands it on.
func (s *state) release(i int) {
	if u := s.ts[i].unit; u >= 0 {
		s.units[u], s.ts[i].unit = -1, -1
	}
}

func (s *state) sharedName() string {
	if s.cfg.SharedName == "" {
		return "unit"
	}
	return s.cfg.SharedName
}

func (s *state) laneName() string {
	if s.cfg.LaneName == "" {
		return "core"
	}
	return s.cfg.LaneName
}

func (s *state) run() error {
	steps := 0
	for s.done < len(s.tasks) {
		if steps++; steps > 4*maxEvents {
			return fmt.Errorf("sim: gave up after %d steps at %v; the tasks need too many events", steps, s.now)
		}
		// 1. The next instant something happens.
		next, ok := s.tm.peekAt()
		for c := range s.cores {
			i := s.cores[c].task
			if i < 0 {
				continue
			}
			end := s.cores[c].switchEnd
			if !s.cores[c].switching {
				end = s.now + s.ts[i].left
				if s.cfg.Quantum > 0 {
					end = min(end, s.cores[c].sliceEnd)
				}
			}
			if !ok || end < next {
				next, ok = end, true
			}
		}
		if !ok {
			return fmt.Errorf("sim: stuck at %v with %d of %d tasks done (internal error)", s.now, s.done, len(s.tasks))
		}
		for c := range s.cores {
			if i := s.cores[c].task; i >= 0 && !s.cores[c].switching {
				s.ts[i].left -= next - s.now
			}
		}
		s.now = next

		// 2. Cores done switching start their task; cores whose task finished its CPU phase move it on,
		// keeping the core if it computes again.
		for c := range s.cores {
			co := &s.cores[c]
			i := co.task
			if i < 0 {
				continue
			}
			if co.switching && co.switchEnd == s.now {
				co.switching = false
				co.sliceEnd = s.now + s.cfg.Quantum
				s.set(i, timeline.Running, c, s.tasks[i].Phases[s.ts[i].phase].label(), true)
				continue
			}
			if co.switching || s.ts[i].left > 0 {
				continue
			}
			s.advance(i, true)
			if s.ts[i].status != running {
				co.task = -1
			}
		}
		// 3. Arrivals, IO and shared-unit completions at this instant, in task order; units freed here
		// go to the tasks waiting for one.
		for !s.tm.empty() && s.tm.next().at == s.now {
			i := s.tm.take().task
			s.release(i)
			s.advance(i, false)
		}
		s.grant()
		// 4. Quanta that ran out: preempt when someone waits, else start a new slice.
		if s.cfg.Quantum > 0 {
			for c := range s.cores {
				i := s.cores[c].task
				if i < 0 || s.cores[c].switching || s.cores[c].sliceEnd > s.now {
					continue
				}
				if len(s.queue) == 0 {
					s.cores[c].sliceEnd = s.now + s.cfg.Quantum
					continue
				}
				s.cores[c].task = -1
				s.ts[i].status = ready
				s.queue = append(s.queue, i)
				s.set(i, timeline.Runnable, -1, "preempted", true)
			}
		}
		// 5. Idle cores take the longest-waiting ready tasks, switching first if they ran another.
		for c := range s.cores {
			if len(s.queue) == 0 {
				break
			}
			co := &s.cores[c]
			if co.task >= 0 {
				continue
			}
			i := s.queue[0]
			s.queue = s.queue[1:]
			t := &s.ts[i]
			t.status, t.core = running, c
			co.task = i
			if s.cfg.Switch > 0 && co.last >= 0 && co.last != i {
				co.switching, co.switchEnd = true, s.now+s.cfg.Switch
				s.segs = append(s.segs, timeline.Segment{Lane: c, Task: len(s.tasks), State: timeline.Running,
					Start: s.now, End: co.switchEnd, Reason: "context switch"})
				s.switches++
				s.set(i, timeline.Runnable, -1, "being switched in", true)
			} else {
				co.sliceEnd = s.now + s.cfg.Quantum
				s.set(i, timeline.Running, c, s.tasks[i].Phases[t.phase].label(), true)
			}
			co.last = i
		}
	}
	return nil
}

func (s *state) result() Result {
	tl := timeline.Timeline{
		Source:   timeline.Simulated,
		LaneName: s.laneName(),
		Lanes:    s.cfg.Cores,
		Span:     s.now,
		Segments: timeline.Finish(s.segs),
	}
	for i, t := range s.tasks {
		name := t.Name
		if name == "" {
			name = fmt.Sprintf("task %d", i)
		}
		tl.Tasks = append(tl.Tasks, timeline.Task{ID: int64(i), Name: name})
	}
	if s.cfg.Switch > 0 {
		tl.Tasks = append(tl.Tasks, timeline.Task{ID: -1, Name: "context switch"})
		tl.Notes = append(tl.Notes, fmt.Sprintf("%d context switches of %v each: %v in all", s.switches, s.cfg.Switch, time.Duration(s.switches)*s.cfg.Switch))
	}
	if s.cfg.Quantum > 0 {
		tl.Notes = append(tl.Notes, fmt.Sprintf("time slicing: a %s is handed to the next waiting task after %v", s.laneName(), s.cfg.Quantum))
	} else {
		tl.Notes = append(tl.Notes, fmt.Sprintf("run to completion: a task keeps its %s until it finishes computing or starts waiting", s.laneName()))
	}
	res := Result{Timeline: tl, Done: s.fin}
	if s.cfg.Shared > 0 {
		res.Shared = timeline.Timeline{
			Source:   timeline.Simulated,
			LaneName: s.sharedName(),
			Lanes:    s.cfg.Shared,
			Span:     s.now,
			Tasks:    tl.Tasks,
			Segments: timeline.Finish(s.unitSegs),
			Notes:    []string{"a task waits in line, first come first served, for one of " + plural(s.cfg.Shared, s.sharedName(), s.sharedName()+"s")},
		}
	}
	return res
}
