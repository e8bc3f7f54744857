package timeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	rtrace "runtime/trace"
	"sort"
	"strings"

	"golang.org/x/exp/trace"

	"github.com/parlab/parlab/lib/procs"
)

// regionName marks the traced function in the trace, so Parse knows which goroutine ran it and when.
const regionName = "parlab/timeline.Trace"

// Trace runs f under runtime/trace with GOMAXPROCS set to procs, and returns which goroutine ran on which
// P (logical core) and when, from the moment f starts until it returns. procs 0 leaves GOMAXPROCS as it
// is; otherwise it is from 1 to procs.Limit() (a few times the logical CPUs), and anything else is an
// error before anything runs. The trace is kept in memory and parsed in-process; it is always stopped
// before Trace returns, also when f panics (the panic comes back as an error).
//
// f must wait for the goroutines it starts: those still running when f returns are cut off. Trace
// cannot interrupt f: it returns when f does. Afterwards GOMAXPROCS is restored with procs.Set's
// restore (do not run another experiment that sets GOMAXPROCS at the same time).
//
// Tracing slows the program, channel-heavy code several times over (BenchmarkTraceOverhead): use the
// timeline for the shape of the schedule, never for timing numbers.
func Trace(procs int, f func()) (Timeline, error) {
	if f == nil {
		return Timeline{}, errors.New("timeline: Trace was given a nil function: there is nothing to run")
	}
	if err := validProcs(procs); err != nil {
		return Timeline{}, err
	}
	if rtrace.IsEnabled() {
		return Timeline{}, errors.New("timeline: a runtime/trace is already running (trace.Start elsewhere, or go test -trace); only one can run at a time, so stop it first")
	}
	restore, err := setProcs(procs)
	if err != nil {
		return Timeline{}, err
	}
	defer restore()
	nprocs := runtime.GOMAXPROCS(0)

	var buf bytes.Buffer
	if err := rtrace.Start(&buf); err != nil {
		return Timeline{}, fmt.Errorf("timeline: could not start the trace: %w", err)
	}
	p, exited := runTraced(f)
	if exited {
		// f called runtime.Goexit (t.FailNow does): this goroutine is ending and nobody reads the result.
		return Timeline{}, errors.New("timeline: the traced function called runtime.Goexit")
	}
	if p != nil {
		return Timeline{}, fmt.Errorf("timeline: the traced function panicked: %v (the trace was stopped)", p)
	}
	tl, err := Parse(&buf)
	if err != nil {
		return Timeline{}, err
	}
	if tl.Lanes < nprocs {
		tl.Lanes = nprocs
	}
	tl.Title = fmt.Sprintf("GOMAXPROCS=%d", nprocs)
	return tl, nil
}

// runTraced calls f inside the marker region and always stops the trace, also when f panics (the
// value is returned) or calls runtime.Goexit (exited is true; the caller's goroutine then ends).
func runTraced(f func()) (panicked any, exited bool) {
	returned := false
	defer func() {
		if !returned {
			panicked = recover()
			exited = panicked == nil
		}
		rtrace.Stop()
	}()
	region := rtrace.StartRegion(context.Background(), regionName)
	defer region.End()
	f()
	returned = true
	return nil, false
}

// maxEach bounds how many runs TraceEach traces: a stack of timelines taller than that cannot be read.
const maxEach = 16

// TraceEach traces f once for each GOMAXPROCS value in procs, in order: TraceEach(f, 1, runtime.NumCPU())
// gives the same program on one P and on every core, ready for figure.GanttStack. procs holds 1 to 16
// values, each from 1 to procs.Limit(); they are all checked before the first run.
func TraceEach(f func(), procs ...int) ([]Timeline, error) {
	if len(procs) == 0 || len(procs) > maxEach {
		return nil, fmt.Errorf("timeline: TraceEach was given %d GOMAXPROCS values (procs); want 1 to %d, e.g. 1 and runtime.NumCPU()", len(procs), maxEach)
	}
	if f == nil {
		return nil, errors.New("timeline: TraceEach was given a nil function: there is nothing to run")
	}
	for _, p := range procs {
		if p == 0 {
			return nil, errors.New("timeline: TraceEach was given GOMAXPROCS 0 (procs); want 1 or more for every run")
		}
		if err := validProcs(p); err != nil {
			return nil, err
		}
	}
	out := make([]Timeline, 0, len(procs))
	for _, p := range procs {
		tl, err := Trace(p, f)
		if err != nil {
			return nil, err
		}
		out = append(out, tl)
	}
	return out, nil
}

// validProcs returns an error naming procs when n is not 0 (leave GOMAXPROCS as it is) or a value
// procs.Validate accepts.
func validProcs(n int) error {
	if n < 0 {
		return fmt.Errorf("timeline: procs = %d is not allowed: want 0 (leave GOMAXPROCS as it is) or 1 to %d Ps", n, procs.Limit())
	}
	if n == 0 {
		return nil
	}
	if err := procs.Validate("procs", n); err != nil {
		return fmt.Errorf("timeline: %w", err)
	}
	return nil
}

// setProcs sets GOMAXPROCS to n (unless 0) and returns a function that restores it.
func setProcs(n int) (restore func(), err error) {
	restore, err = procs.Set("procs", n)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	return restore, nil
}

type gkind uint8

const (
	kindOther gkind = iota // runtime and pre-existing goroutines
	kindUser               // the traced function's goroutine and the goroutines it started
	kindGC                 // garbage-collector mark workers
	kindMaybe              // started before any marker region: user if the trace turns out to have none
)

// gstate is what the parser knows about one goroutine.
type gstate struct {
	kind   gkind
	name   string // start function
	open   bool   // segs[slot] is open (its end not yet known)
	slot   int
	state  State
	lane   int
	reason string
}

// rawSeg is a segment as read, before clipping; kept small (32 bytes) because a busy trace has millions.
// Segments are appended when they open, so they come in order of start time without sorting.
type rawSeg struct {
	g          trace.GoID
	start, end trace.Time
	lane       int32
	reason     uint16 // index into the parser's reasons
	state      State
}

// goroutines maps goroutine ids to their state: a slice for the usual small ids, a map for the rest.
type goroutines struct {
	small []*gstate
	big   map[trace.GoID]*gstate
}

const smallGoID = 1 << 20

func (gs *goroutines) lookup(id trace.GoID) *gstate {
	if id >= 0 && id < smallGoID {
		if int(id) < len(gs.small) {
			return gs.small[id]
		}
		return nil
	}
	return gs.big[id]
}

func (gs *goroutines) get(id trace.GoID) *gstate {
	if g := gs.lookup(id); g != nil {
		return g
	}
	g := &gstate{kind: kindOther}
	if id >= 0 && id < smallGoID {
		if int(id) >= len(gs.small) {
			gs.small = append(gs.small, make([]*gstate, int(id)+1-len(gs.small))...)
		}
		gs.small[id] = g
		return g
	}
	if gs.big == nil {
		gs.big = map[trace.GoID]*gstate{}
	}
	gs.big[id] = g
	return g
}

// all iterates over the known goroutines, small ids in order, then the others.
func (gs *goroutines) all() iter.Seq2[trace.GoID, *gstate] {
	return func(yield func(trace.GoID, *gstate) bool) {
		for id, g := range gs.small {
			if g != nil && !yield(trace.GoID(id), g) {
				return
			}
		}
		for id, g := range gs.big {
			if !yield(id, g) {
				return
			}
		}
	}
}

// rawSegs stores segments in fixed chunks, so a million of them are never copied to grow a slice.
type rawSegs struct {
	chunks [][]rawSeg
	n      int
}

const rawChunk = 1 << 16

func (r *rawSegs) add(s rawSeg) {
	if r.n%rawChunk == 0 {
		r.chunks = append(r.chunks, make([]rawSeg, 0, rawChunk))
	}
	c := &r.chunks[len(r.chunks)-1]
	*c = append(*c, s)
	r.n++
}

func (r *rawSegs) at(i int) *rawSeg { return &r.chunks[i/rawChunk][i%rawChunk] }

// all iterates over the segments in the order they were added.
func (r *rawSegs) all() iter.Seq2[int, rawSeg] {
	return func(yield func(int, rawSeg) bool) {
		i := 0
		for _, c := range r.chunks {
			for _, s := range c {
				if !yield(i, s) {
					return
				}
				i++
			}
		}
	}
}

// Parse reads an execution trace (as written by runtime/trace, Go 1.22 or later) and returns its
// timeline. When the trace came from Trace, the timeline covers the traced function only and its tasks
// are the goroutines it started; for any other trace, it covers the whole trace and every goroutine
// not started by the runtime is a task. Running segments of the garbage collector's workers become the
// task "GC"; other runtime goroutines are shown on their P as the task "other goroutines".
//
// Parse holds about a hundred bytes per event while it works (BenchmarkParse) and cannot be
// interrupted: parse long traces outside a notebook cell, or cut them short when recording.
func Parse(r io.Reader) (Timeline, error) {
	if r == nil {
		return Timeline{}, errors.New("timeline: Parse was given a nil reader; pass an open trace file or a bytes.Reader")
	}
	rd, err := trace.NewReader(r)
	if err != nil {
		return Timeline{}, fmt.Errorf("timeline: not a Go execution trace: %w", err)
	}
	return parse(rd)
}

func parse(rd *trace.Reader) (Timeline, error) {
	var (
		gs           goroutines
		segs         rawSegs
		sysOn        = map[trace.ProcID]trace.GoID{} // P held by a goroutine in a syscall
		first, last  trace.Time
		t0, t1       trace.Time
		inRegion     bool
		sawRegion    bool
		maxProc      = trace.ProcID(-1)
		events       int
		foundRegionG trace.GoID = trace.NoGoroutine
	)
	get := func(id trace.GoID) *gstate {
		return gs.get(id)
	}
	reasons := []string{""}
	reasonIdx := map[string]uint16{"": 0}
	openSeg := func(id trace.GoID, g *gstate, at trace.Time) {
		ri, ok := reasonIdx[g.reason]
		if !ok && len(reasons) < 1<<16 {
			ri = uint16(len(reasons))
			reasonIdx[g.reason] = ri
			reasons = append(reasons, g.reason)
		}
		g.open, g.slot = true, segs.n
		segs.add(rawSeg{g: id, start: at, end: at, lane: int32(g.lane), reason: ri, state: g.state})
	}
	closeSeg := func(g *gstate, at trace.Time) {
		if g.open {
			segs.at(g.slot).end = at
			g.open = false
		}
	}
	for {
		ev, err := rd.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Timeline{}, fmt.Errorf("timeline: reading trace event %d: %w", events+1, err)
		}
		events++
		now := ev.Time()
		if events == 1 {
			first = now
		}
		last = now
		switch ev.Kind() {
		case trace.EventRegionBegin:
			if ev.Region().Type == regionName && !sawRegion {
				sawRegion, inRegion = true, true
				t0 = now
				foundRegionG = ev.Goroutine()
				g := get(foundRegionG)
				g.kind, g.name = kindUser, "traced function"
			}
		case trace.EventRegionEnd:
			if ev.Region().Type == regionName && inRegion {
				inRegion = false
				t1 = now
			}
		case trace.EventLabel:
			l := ev.Label()
			if l.Resource.Kind == trace.ResourceGoroutine && strings.HasPrefix(l.Label, "GC (") {
				id := l.Resource.Goroutine()
				g := get(id)
				if g.kind != kindGC {
					g.kind = kindGC
					if g.open && g.state == Running {
						g.state = GC
						segs.at(g.slot).state = GC
					}
				}
			}
		case trace.EventStateTransition:
			st := ev.StateTransition()
			switch st.Resource.Kind {
			case trace.ResourceProc:
				p := st.Resource.Proc()
				if p > maxProc {
					maxProc = p
				}
				if _, to := st.Proc(); !to.Executing() {
					if id, ok := sysOn[p]; ok {
						// The runtime took the P from a goroutine blocked in a syscall: it goes on without a lane.
						delete(sysOn, p)
						if g := gs.lookup(id); g != nil && g.open && g.state == Syscall {
							closeSeg(g, now)
							g.lane = -1
							openSeg(id, g, now)
						}
					}
				}
			case trace.ResourceGoroutine:
				id := st.Resource.Goroutine()
				from, to := st.Goroutine()
				g := get(id)
				if from == trace.GoNotExist && to == trace.GoRunnable {
					g.name = startFunc(st.Stack)
					creator := gs.lookup(ev.Goroutine())
					switch {
					case g.name == "runtime.gcBgMarkWorker":
						g.kind = kindGC
					case strings.HasPrefix(g.name, "runtime."), strings.HasPrefix(g.name, "runtime/trace."):
						g.kind = kindOther
					case !sawRegion:
						g.kind = kindMaybe
					case inRegion && creator != nil && creator.kind == kindUser:
						g.kind = kindUser
					}
				}
				closeSeg(g, now)
				if g.state == Syscall {
					for p, sid := range sysOn {
						if sid == id {
							delete(sysOn, p)
						}
					}
				}
				proc := ev.Proc()
				if proc > maxProc {
					maxProc = proc
				}
				open := true
				g.lane, g.reason = -1, st.Reason
				if to.Executing() && proc != trace.NoProc {
					// Whoever still held this P in a syscall has lost it (in case the steal left no P event).
					if sid, ok := sysOn[proc]; ok && sid != id {
						delete(sysOn, proc)
						if sg := gs.lookup(sid); sg != nil && sg.open && sg.state == Syscall && sg.lane == int(proc) {
							closeSeg(sg, now)
							sg.lane = -1
							openSeg(sid, sg, now)
						}
					}
				}
				switch to {
				case trace.GoRunning:
					g.state, g.lane, g.reason = Running, int(proc), ""
					if g.kind == kindGC {
						g.state = GC
					}
				case trace.GoSyscall:
					g.state, g.lane = Syscall, int(proc)
					if proc != trace.NoProc {
						sysOn[proc] = id
					}
				case trace.GoRunnable:
					g.state = Runnable
				case trace.GoWaiting:
					g.state = Blocked
				default: // NotExist, Undetermined
					open = false
				}
				if open && g.lane < 0 && g.state.OnLane() {
					open = false // on-lane state with no P known: nothing to draw
				}
				if open {
					openSeg(id, g, now)
				}
			}
		}
	}
	if events == 0 {
		return Timeline{}, errors.New("timeline: the trace holds no events")
	}
	for _, g := range gs.all() {
		closeSeg(g, last)
	}
	if !sawRegion {
		t0, t1 = first, last
	} else if inRegion {
		t1 = last
	}
	for _, g := range gs.all() {
		if g.kind == kindMaybe {
			g.kind = kindOther
			if !sawRegion {
				g.kind = kindUser
			}
		}
	}
	return build(&gs, segs, reasons, t0, t1, int(maxProc)+1, events, sawRegion), nil
}

// build clips the raw segments to [t0, t1] and turns goroutines into tasks.
func build(gs *goroutines, segs rawSegs, reasons []string, t0, t1 trace.Time, lanes, events int, fromTrace bool) Timeline {
	tl := Timeline{Source: Traced, LaneName: "P", Lanes: lanes, Span: t1.Sub(t0), Events: events}
	var users []trace.GoID
	for id, g := range gs.all() {
		if g.kind == kindUser {
			users = append(users, id)
		}
	}
	sort.Slice(users, func(i, j int) bool { return users[i] < users[j] })
	index := make(map[trace.GoID]int, len(users))
	for i, id := range users {
		index[id] = i
		tl.Tasks = append(tl.Tasks, Task{ID: int64(id), Name: fmt.Sprintf("G%d %s", id, shortFunc(gs.lookup(id).name))})
	}
	pseudo := map[gkind]int{}
	pseudoTask := func(k gkind) int {
		if i, ok := pseudo[k]; ok {
			return i
		}
		name := "other goroutines (runtime, tracer)"
		if k == kindGC {
			name = "GC"
		}
		tl.Tasks = append(tl.Tasks, Task{ID: -1 - int64(k), Name: name})
		pseudo[k] = len(tl.Tasks) - 1
		return pseudo[k]
	}
	out := make([]Segment, 0, segs.n)
	dropped := 0
	for _, s := range segs.all() {
		if s.end <= t0 || s.start >= t1 {
			continue
		}
		start, end := max(s.start, t0), min(s.end, t1)
		seg := Segment{Lane: int(s.lane), State: s.state, Start: start.Sub(t0), End: end.Sub(t0), Reason: reasons[s.reason]}
		// The goroutine's kind may have been learnt after the segment (a GC label); use what we know now.
		k := gs.lookup(s.g).kind
		switch k {
		case kindUser:
			seg.Task = index[s.g]
		default:
			if !s.state.OnLane() {
				continue // waiting runtime goroutines are noise
			}
			if k == kindGC {
				seg.State = GC
			}
			seg.Task = pseudoTask(k)
		}
		if seg.Lane >= lanes {
			dropped++
			continue
		}
		out = append(out, seg)
	}
	tl.Segments = Finish(out)
	if n := trimOverlaps(tl.Segments, lanes); n > 0 {
		tl.Notes = append(tl.Notes, fmt.Sprintf("%d segments overlapped another on the same P and were cut short", n))
	}
	if !fromTrace {
		tl.Notes = append(tl.Notes, "the trace has no parlab region: it covers the whole trace and every non-runtime goroutine")
	}
	if dropped > 0 {
		tl.Notes = append(tl.Notes, fmt.Sprintf("%d segments on unknown Ps were left out", dropped))
	}
	return tl
}

// startFunc is the function a goroutine started in, from its creation stack.
func startFunc(s trace.Stack) string {
	name := ""
	for f := range s.Frames() {
		name = f.Func // the last frame is the goroutine's entry function
	}
	return name
}

// shortFunc drops the import path: "github.com/a/b.work.func1" → "b.work.func1".
func shortFunc(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return "?"
	}
	return name
}

// trimOverlaps is a safety net: should the trace ever show two goroutines on one P at once, the earlier
// segment ends where the later begins, so each lane holds one task at a time. It returns how many it cut.
func trimOverlaps(segs []Segment, lanes int) int {
	last := make([]int, lanes) // index+1 of the lane's latest on-lane segment
	cut := 0
	for i, s := range segs {
		if s.Lane < 0 || !s.State.OnLane() {
			continue
		}
		if j := last[s.Lane] - 1; j >= 0 && segs[j].End > s.Start {
			segs[j].End = s.Start
			cut++
		}
		last[s.Lane] = i + 1
	}
	return cut
}
