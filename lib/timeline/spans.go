package timeline

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

// Recorder records which task each worker of a pool or pipeline ran, and when, with the monotonic clock
// and without the tracer, so it costs little enough to leave on: two clock reads and an append per
// span (BenchmarkRecorderBeginEnd). Each worker writes only its own log; a worker index must be used by
// one goroutine at a time.
//
// Call order: NewRecorder, then any number of Begin/End pairs per worker (at most 2²⁰ spans each; later
// ones are dropped and reported), then Timeline once every worker has finished (after the pool's Wait,
// which makes their writes visible). Begin and End on a nil Recorder do nothing.
type Recorder struct {
	start   time.Time
	workers []*workerLog

	mu    sync.Mutex // guards first
	first error      // first misuse (bad worker index, End without Begin, …)
}

type workerLog struct {
	spans   []span
	open    bool
	task    string
	since   time.Duration
	dropped int      // spans beyond maxSpans
	_       [64]byte // keep workers' logs on separate cache lines
}

// add appends a span unless the log is full.
func (w *workerLog) add(s span) {
	if len(w.spans) >= maxSpans {
		w.dropped++
		return
	}
	w.spans = append(w.spans, s)
}

type span struct {
	task       string
	start, end time.Duration
}

// Limits of a Recorder: a lane per worker, and a chart cannot show more lanes or marks than this anyway.
const (
	maxWorkers = 10_000
	maxSpans   = 1 << 20 // per worker
)

// NewRecorder returns a Recorder for workers workers (numbered 0…workers−1, at most 10 000: one lane
// each in the timeline); its clock starts now.
func NewRecorder(workers int) (*Recorder, error) {
	if workers <= 0 || workers > maxWorkers {
		return nil, fmt.Errorf("timeline: NewRecorder: workers = %d is not allowed: want 1 to %d, one lane each", workers, maxWorkers)
	}
	r := &Recorder{start: time.Now(), workers: make([]*workerLog, workers)}
	for i := range r.workers {
		r.workers[i] = &workerLog{}
	}
	return r, nil
}

func (r *Recorder) misuse(format string, args ...any) {
	r.mu.Lock()
	if r.first == nil {
		r.first = fmt.Errorf("timeline: "+format, args...)
	}
	r.mu.Unlock()
}

// Begin records that worker started running task (a name; spans with the same name are one task).
// Misuse — a worker outside 0…workers−1, or Begin twice without End — is reported by Timeline.
func (r *Recorder) Begin(worker int, task string) {
	if r == nil {
		return
	}
	now := time.Since(r.start)
	if worker < 0 || worker >= len(r.workers) {
		r.misuse("Begin was called for worker %d; want 0…%d", worker, len(r.workers)-1)
		return
	}
	w := r.workers[worker]
	if w.open {
		r.misuse("worker %d began task %q while task %q was still running; call End first", worker, task, w.task)
		w.add(span{w.task, w.since, now})
	}
	w.open, w.task, w.since = true, task, now
}

// End records that worker finished the task it began last.
func (r *Recorder) End(worker int) {
	if r == nil {
		return
	}
	now := time.Since(r.start)
	if worker < 0 || worker >= len(r.workers) {
		r.misuse("End was called for worker %d; want 0…%d", worker, len(r.workers)-1)
		return
	}
	w := r.workers[worker]
	if !w.open {
		r.misuse("worker %d called End without Begin", worker)
		return
	}
	w.add(span{w.task, w.since, now})
	w.open = false
}

// Timeline returns the recorded spans as a timeline with one lane per worker; tasks are numbered in the
// order they first began. Spans still open are closed now and said so in Notes. The first misuse, if any,
// comes back as the error (with the timeline of what was recorded).
func (r *Recorder) Timeline(title string) (Timeline, error) {
	if r == nil {
		return Timeline{}, errors.New("timeline: Timeline was called on a nil Recorder; make one with NewRecorder")
	}
	now := time.Since(r.start)
	tl := Timeline{Title: title, Source: Recorded, LaneName: "worker", Lanes: len(r.workers)}
	type laneSpan struct {
		lane int
		span
	}
	var all []laneSpan
	open, dropped := 0, 0
	for i, w := range r.workers {
		dropped += w.dropped
		for _, s := range w.spans {
			all = append(all, laneSpan{i, s})
		}
		if w.open {
			all = append(all, laneSpan{i, span{w.task, w.since, now}})
			open++
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].start < all[j].start })
	index := map[string]int{}
	segs := make([]Segment, 0, len(all))
	for _, s := range all {
		t, ok := index[s.task]
		if !ok {
			t = len(tl.Tasks)
			index[s.task] = t
			tl.Tasks = append(tl.Tasks, Task{ID: int64(t), Name: s.task})
		}
		segs = append(segs, Segment{Lane: s.lane, Task: t, State: Running, Start: s.start, End: s.end})
		tl.Span = max(tl.Span, s.end)
	}
	tl.Segments = Finish(segs)
	if open > 0 {
		tl.Notes = append(tl.Notes, fmt.Sprintf("%d spans had not ended when the timeline was taken; they end at %v", open, now.Round(time.Microsecond)))
	}
	r.mu.Lock()
	err := r.first
	r.mu.Unlock()
	if err == nil && dropped > 0 {
		err = fmt.Errorf("timeline: %d spans were dropped: a worker may record at most %d; record fewer, longer tasks", dropped, maxSpans)
	}
	return tl, err
}
