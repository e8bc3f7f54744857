package timeline

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/procs"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	nothing := func() {}

	// Trace: procs 0 (leave GOMAXPROCS) or 1 … procs.Limit(), and a function to run.
	for _, p := range []int{-1, math.MinInt, procs.Limit() + 1, 1 << 31, 1<<32 + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Trace/procs=%d", p), Param: "procs", Call: func(context.Context) error {
			_, err := Trace(p, nothing)
			return err
		}})
	}
	add(hostile.Case{Name: "Trace/f=nil", Param: "function", Call: func(context.Context) error {
		_, err := Trace(1, nil)
		return err
	}})
	for _, p := range []int{0, 1, procs.Limit()} {
		add(hostile.Case{Name: fmt.Sprintf("Trace/procs=%d (allowed)", p), Param: "procs", Accepts: true, Call: func(context.Context) error {
			tl, err := Trace(p, nothing)
			if err == nil && tl.Lanes < p {
				err = fmt.Errorf("procs: Trace(%d) has %d lanes, want at least %d", p, tl.Lanes, p)
			}
			return err
		}})
	}

	// TraceEach: 1 … 16 values, each 1 … procs.Limit(), all checked before the first run.
	huge := make([]int, 1<<20)
	for i := range huge {
		huge[i] = 1
	}
	for name, ps := range map[string][]int{
		"none":        nil,
		"17 values":   make([]int, 17),
		"2^20 values": huge,
		"a 0":         {1, 0},
		"a -1":        {1, -1},
		"2^31 last":   {1, 2, 1 << 31},
		"MaxInt":      {math.MaxInt},
	} {
		add(hostile.Case{Name: "TraceEach/procs=" + name, Param: "procs", Call: func(context.Context) error {
			ran := false
			_, err := TraceEach(func() { ran = true }, ps...)
			if ran {
				return fmt.Errorf("procs: f ran before the values were checked: %v", err)
			}
			return err
		}})
	}
	add(hostile.Case{Name: "TraceEach/f=nil", Param: "function", Call: func(context.Context) error {
		_, err := TraceEach(nil, 1)
		return err
	}})
	add(hostile.Case{Name: "TraceEach/procs=1,1 (duplicates allowed)", Param: "procs", Accepts: true, Call: func(context.Context) error {
		tls, err := TraceEach(nothing, 1, 1)
		if err == nil && len(tls) != 2 {
			err = fmt.Errorf("procs: %d timelines, want 2", len(tls))
		}
		return err
	}})

	// NewRecorder: 1 … 10 000 workers, one lane each.
	for _, w := range []int{0, -1, math.MinInt, maxWorkers + 1, 1 << 40, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("NewRecorder/workers=%d", w), Param: "workers", Call: func(context.Context) error {
			_, err := NewRecorder(w)
			return err
		}})
	}
	add(hostile.Case{Name: "NewRecorder/workers=10000 (the most)", Param: "workers", Accepts: true, Call: func(context.Context) error {
		r, err := NewRecorder(maxWorkers)
		if err != nil {
			return err
		}
		r.Begin(maxWorkers-1, "last")
		r.End(maxWorkers - 1)
		tl, err := r.Timeline("t")
		if err == nil && (tl.Lanes != maxWorkers || len(tl.Segments) != 1) {
			err = fmt.Errorf("workers: %d lanes, %d segments; want %d and 1", tl.Lanes, len(tl.Segments), maxWorkers)
		}
		return err
	}})

	// A Recorder's misuse comes back from Timeline, naming the worker; too many spans are dropped.
	for _, w := range []int{-1, 2, math.MaxInt, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("Recorder.Begin/worker=%d", w), Param: "worker", Call: func(context.Context) error {
			r, _ := NewRecorder(2)
			r.Begin(w, "x")
			r.End(w)
			_, err := r.Timeline("t")
			return err
		}})
	}
	add(hostile.Case{Name: "Recorder.End/without Begin", Param: "worker", Call: func(context.Context) error {
		r, _ := NewRecorder(1)
		r.End(0)
		_, err := r.Timeline("t")
		return err
	}})
	add(hostile.Case{Name: "Recorder/more than 2^20 spans", Param: "spans", Call: func(context.Context) error {
		r, _ := NewRecorder(1)
		for range maxSpans + 10 {
			r.Begin(0, "x")
			r.End(0)
		}
		tl, err := r.Timeline("t")
		if err != nil && tl.Lanes != 1 {
			return fmt.Errorf("spans: the timeline of what was kept is missing: %w", err)
		}
		return err
	}})
	add(hostile.Case{Name: "Recorder/nil", Param: "Recorder", Call: func(context.Context) error {
		var r *Recorder
		r.Begin(0, "x")
		r.End(0)
		_, err := r.Timeline("t")
		return err
	}})

	// Parse: a reader holding a Go execution trace.
	for name, r := range map[string]func() *bytes.Reader{
		"empty":   func() *bytes.Reader { return bytes.NewReader(nil) },
		"garbage": func() *bytes.Reader { return bytes.NewReader([]byte(strings.Repeat("not a trace ", 1000))) },
	} {
		add(hostile.Case{Name: "Parse/" + name, Param: "trace", Call: func(context.Context) error {
			_, err := Parse(r())
			return err
		}})
	}
	add(hostile.Case{Name: "Parse/nil reader", Param: "reader", Call: func(context.Context) error {
		_, err := Parse(nil)
		return err
	}})

	// Timeline values built by hand: Validate names what is wrong; the summaries allocate nothing
	// sized by a field they cannot trust.
	seg := func(lane, task int) Segment {
		return Segment{Lane: lane, Task: task, State: Running, Start: 0, End: time.Millisecond}
	}
	for _, c := range []struct {
		name, param string
		tl          Timeline
	}{
		{"Lanes=MaxInt", "Lanes", Timeline{Lanes: math.MaxInt}},
		{"Lanes=-1", "Lanes", Timeline{Lanes: -1}},
		{"Span=-1", "Span", Timeline{Span: -1}},
		{"segment lane=MaxInt", "lane", Timeline{Lanes: 1, Span: time.Millisecond, Tasks: []Task{{}}, Segments: []Segment{seg(math.MaxInt, 0)}}},
		{"segment task=MaxInt", "task", Timeline{Lanes: 1, Span: time.Millisecond, Tasks: []Task{{}}, Segments: []Segment{seg(0, math.MaxInt)}}},
		{"unsorted segments", "sorted", Timeline{Lanes: 2, Span: 3 * time.Millisecond, Tasks: []Task{{}},
			Segments: []Segment{{Lane: 0, Start: 2 * time.Millisecond, End: 3 * time.Millisecond}, {Lane: 1, End: time.Millisecond}}}},
	} {
		add(hostile.Case{Name: "Timeline.Validate/" + c.name, Param: c.param, Call: func(context.Context) error {
			return c.tl.Validate()
		}})
	}
	add(hostile.Case{Name: "Timeline/Lanes=MaxInt (no per-lane numbers)", Param: "Lanes", Accepts: true, Call: func(context.Context) error {
		tl := Timeline{Lanes: math.MaxInt, Span: time.Millisecond, Tasks: []Task{{}}, Segments: []Segment{seg(0, 0)}}
		if b, u, p := tl.Busy(), tl.Utilisation(), tl.Parallelism(); b != nil || u != nil || p != 0 {
			return fmt.Errorf("Lanes: Busy %v, Utilisation %v, Parallelism %v; want nil, nil, 0", b, u, p)
		}
		_ = tl.Summary()
		_ = tl.Turns()
		return nil
	}})
	add(hostile.Case{Name: "Finish/task=MaxInt", Param: "task", Accepts: true, Call: func(context.Context) error {
		got := Finish([]Segment{seg(0, math.MaxInt), {Lane: 0, Task: math.MaxInt, State: Running, Start: time.Millisecond, End: 2 * time.Millisecond}})
		if len(got) != 1 || got[0].End != 2*time.Millisecond {
			return fmt.Errorf("task: Finish = %v, want the two back-to-back segments joined", got)
		}
		return nil
	}})
	add(hostile.Case{Name: "Summary/zero Timeline", Param: "Timeline", Accepts: true, Call: func(context.Context) error {
		if s := (Timeline{}).Summary(); !strings.Contains(s, "no task") {
			return fmt.Errorf("Timeline: zero Summary = %q, want it to say no task did the work", s)
		}
		return nil
	}})

	hostile.Run(t, cases)
}
