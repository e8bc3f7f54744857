package check

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	rtrace "runtime/trace"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/procs"
	"golang.org/x/exp/trace"
)

// Trace log categories: the first event of the traced call's goroutine, and the marks.
const (
	rootCategory = "parlab/check.root"
	markCategory = "parlab/check.mark"
)

// Goroutines is what a call traced by [Traced] did with goroutines: every goroutine it started, when
// each was created and ended and when it ran — counted by the runtime's execution tracer, so a busy
// machine changes the times but not who started whom or what was alive at the same time.
type Goroutines struct {
	// Started lists the goroutines the function started, directly or started by those, in the order
	// they were created.
	Started []Goroutine
	// Marks are the [Mark]s recorded while the call ran, in order.
	Marks []MarkAt
	// Span is how long the trace ran, from the moment the function began.
	Span time.Duration
}

// Goroutine is one goroutine of a traced call. Times are measured from the moment the function began.
type Goroutine struct {
	// Parent is the index in Started of the goroutine that started this one, or -1 for the function's
	// own goroutine.
	Parent int
	// Created and Ended say when it was started and when it ended; a goroutine still running when the
	// trace stopped has Alive set and Ended equal to the Span.
	Created, Ended time.Duration
	Alive          bool
	// Runs are the moments it was given a P (began or resumed running), in order.
	Runs []time.Duration
}

// MarkAt is a [Mark] as the trace recorded it.
type MarkAt struct {
	Name string
	At   time.Duration
}

// Mark records name in the execution trace of the call [Traced] is running, so the check can tell
// what happened before and after it (Goroutines.Marks). Outside a traced call it does nothing.
func Mark(name string) { rtrace.Log(context.Background(), markCategory, name) }

// Traced is [Call] under the execution tracer with GOMAXPROCS set to gomaxprocs (0 leaves it as it is;
// lib/procs bounds it and puts it back afterwards), and returns also what the call did with goroutines.
// It is for checks that judge the structure of concurrent code by counting, not timing: how many
// goroutines were alive at once ([Goroutines.MostAlive]), which goroutine answered a request
// ([Goroutine.RunsBetween] with [Mark]s).
//
// The trace stops when the call returns or its limit passes; the Goroutines of a call that timed out
// cover what happened until then. Only one execution trace can run in a program at a time: Traced
// fails when one is already running, and GOMAXPROCS is the whole program's, so nothing else should
// measure beside it. Tracing slows the traced code: never time it. The trace is held in memory
// (tens of bytes per event); keep traced calls small.
func Traced[T any](limit time.Duration, gomaxprocs int, f func() T) (T, Goroutines, error) {
	var zero T
	if f == nil {
		return zero, Goroutines{}, errors.New("check: Traced was given a nil function")
	}
	if rtrace.IsEnabled() {
		return zero, Goroutines{}, errors.New("check: the execution tracer is already running (another trace, or go test -trace); Traced needs it to itself")
	}
	restore, err := procs.Set("gomaxprocs", gomaxprocs)
	if err != nil {
		return zero, Goroutines{}, fmt.Errorf("check: %w", err)
	}
	defer restore()
	var buf bytes.Buffer
	if err := rtrace.Start(&buf); err != nil {
		return zero, Goroutines{}, fmt.Errorf("check: could not start the execution tracer: %w", err)
	}
	v, callErr := call(limit, f, true, func() { rtrace.Log(context.Background(), rootCategory, "") })
	rtrace.Stop()
	gs, err := readGoroutines(&buf)
	if err != nil {
		return v, gs, err
	}
	return v, gs, callErr
}

// MostAlive returns the most goroutines of Started that were alive at the same instant. A goroutine
// that ended at the very instant another was created does not count as alive beside it.
//
// Trace at GOMAXPROCS=1 to count structure: there, a goroutine that calls wg.Done runs on to its end
// before the goroutine it wakes gets the P, so goroutines started one after another, each waited for,
// are not alive together however busy the machine (only a preemption in the instant between the Done
// and the return could overlap them). With more Ps, the woken goroutine can start the next one on
// another P while the first is still returning, so they briefly overlap.
func (g Goroutines) MostAlive() int {
	type edge struct {
		at    time.Duration
		delta int
	}
	var edges []edge
	for _, s := range g.Started {
		edges = append(edges, edge{s.Created, +1})
		if !s.Alive {
			edges = append(edges, edge{s.Ended, -1})
		}
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.delta, b.delta) // an end before a start at the same instant
	})
	most, now := 0, 0
	for _, e := range edges {
		now += e.delta
		most = max(most, now)
	}
	return most
}

// Mark returns the time of the first mark called name, and whether there was one.
func (g Goroutines) Mark(name string) (time.Duration, bool) {
	for _, m := range g.Marks {
		if m.Name == name {
			return m.At, true
		}
	}
	return 0, false
}

// RunsBetween counts the times the goroutine was given a P in [from, to].
func (g Goroutine) RunsBetween(from, to time.Duration) int {
	n := 0
	for _, r := range g.Runs {
		if r >= from && r <= to {
			n++
		}
	}
	return n
}

// readGoroutines parses the trace of one traced call.
func readGoroutines(r io.Reader) (Goroutines, error) {
	rd, err := trace.NewReader(r)
	if err != nil {
		return Goroutines{}, fmt.Errorf("check: reading the execution trace: %w", err)
	}
	type info struct {
		parent         trace.GoID
		created, ended trace.Time
		born, dead     bool
		runs           []trace.Time
	}
	all := map[trace.GoID]*info{}
	get := func(id trace.GoID) *info {
		g := all[id]
		if g == nil {
			g = &info{parent: trace.NoGoroutine}
			all[id] = g
		}
		return g
	}
	root := trace.NoGoroutine
	var t0, last trace.Time
	type mark struct {
		name string
		at   trace.Time
	}
	var marks []mark
	for {
		ev, err := rd.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Goroutines{}, fmt.Errorf("check: reading the execution trace: %w", err)
		}
		last = ev.Time()
		switch ev.Kind() {
		case trace.EventLog:
			switch l := ev.Log(); l.Category {
			case rootCategory:
				if root == trace.NoGoroutine {
					root, t0 = ev.Goroutine(), ev.Time()
				}
			case markCategory:
				marks = append(marks, mark{l.Message, ev.Time()})
			}
		case trace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind != trace.ResourceGoroutine {
				continue
			}
			g := get(st.Resource.Goroutine())
			from, to := st.Goroutine()
			switch {
			case from == trace.GoNotExist && to != trace.GoNotExist:
				g.parent, g.created, g.born = ev.Goroutine(), ev.Time(), true
			case to == trace.GoNotExist:
				g.ended, g.dead = ev.Time(), true
			}
			if to == trace.GoRunning {
				g.runs = append(g.runs, ev.Time())
			}
		}
	}
	if root == trace.NoGoroutine {
		return Goroutines{}, errors.New("check: the execution trace holds no sign of the traced call")
	}
	out := Goroutines{Span: last.Sub(t0)}
	for _, m := range marks {
		out.Marks = append(out.Marks, MarkAt{m.name, m.at.Sub(t0)})
	}
	// The call's goroutines: born in the trace, with a chain of creators that reaches root.
	var ids []trace.GoID
	for id, g := range all {
		for p, hops := g, 0; p != nil && p.born && hops < len(all); hops++ {
			if p.parent == root {
				ids = append(ids, id)
				break
			}
			p = all[p.parent]
		}
	}
	slices.SortFunc(ids, func(a, b trace.GoID) int {
		if c := cmp.Compare(all[a].created, all[b].created); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	index := map[trace.GoID]int{}
	for i, id := range ids {
		index[id] = i
	}
	for _, id := range ids {
		g := all[id]
		s := Goroutine{Parent: -1, Created: g.created.Sub(t0), Ended: out.Span, Alive: !g.dead}
		if i, ok := index[g.parent]; ok {
			s.Parent = i
		}
		if g.dead {
			s.Ended = g.ended.Sub(t0)
		}
		for _, r := range g.runs {
			s.Runs = append(s.Runs, r.Sub(t0))
		}
		out.Started = append(out.Started, s)
	}
	return out, nil
}
