// Package spans records, per goroutine, what each one was doing and when: typed activities ("working",
// "waiting to send", "holding the lock") on the monotonic clock, without the execution tracer. The
// pattern packages (pipeline, bounded, liveness) use it to draw who was busy and who waited.
//
// A Log has a fixed number of lanes, one per goroutine that records; each lane must be written by one
// goroutine at a time, and the spans read (Spans) only after those goroutines have finished or been
// waited for, which makes their writes visible. Recording costs two clock reads and an append per span.
// A lane keeps at most the maximum given to New; later spans are counted as dropped. Nothing here starts
// a goroutine.
package spans

import (
	"cmp"
	"slices"
	"time"
)

// Span is one stretch of time during which lane was doing Kind. Times are measured from the Log's start.
type Span[K any] struct {
	Lane       int
	Kind       K
	Start, End time.Duration
}

// Duration is End − Start.
func (s Span[K]) Duration() time.Duration { return s.End - s.Start }

// Log is the record of several lanes. Set, Stop and Mark on a nil Log do nothing.
type Log[K any] struct {
	start time.Time
	max   int
	lanes []*lane[K]
}

type lane[K any] struct {
	spans   []Span[K]
	open    bool
	kind    K
	since   time.Duration
	dropped int
	_       [64]byte // keep lanes written by different goroutines on separate cache lines
}

// New returns a Log of lanes lanes (at least 1) keeping at most maxPerLane spans each (at least 1); its
// clock starts now.
func New[K any](lanes, maxPerLane int) *Log[K] {
	l := &Log[K]{start: time.Now(), max: max(maxPerLane, 1), lanes: make([]*lane[K], max(lanes, 1))}
	for i := range l.lanes {
		l.lanes[i] = &lane[K]{}
	}
	return l
}

// Lanes returns the number of lanes.
func (l *Log[K]) Lanes() int { return len(l.lanes) }

// Now returns the time since the Log started.
func (l *Log[K]) Now() time.Duration { return time.Since(l.start) }

// Start returns the moment the Log started.
func (l *Log[K]) Start() time.Time { return l.start }

// Set ends the lane's current span, if any, and begins one of kind k. A lane outside the Log is ignored.
func (l *Log[K]) Set(lane int, k K) {
	if l == nil || lane < 0 || lane >= len(l.lanes) {
		return
	}
	now := time.Since(l.start)
	w := l.lanes[lane]
	if w.open {
		w.add(Span[K]{Lane: lane, Kind: w.kind, Start: w.since, End: now}, l.max)
	}
	w.open, w.kind, w.since = true, k, now
}

// Stop ends the lane's current span, if any.
func (l *Log[K]) Stop(lane int) {
	if l == nil || lane < 0 || lane >= len(l.lanes) {
		return
	}
	w := l.lanes[lane]
	if w.open {
		w.add(Span[K]{Lane: lane, Kind: w.kind, Start: w.since, End: time.Since(l.start)}, l.max)
		w.open = false
	}
}

// Add records a finished span on a lane directly (Start ≤ End, both from the Log's start).
func (l *Log[K]) Add(s Span[K]) {
	if l == nil || s.Lane < 0 || s.Lane >= len(l.lanes) || s.End < s.Start || s.Start < 0 {
		return
	}
	l.lanes[s.Lane].add(s, l.max)
}

func (w *lane[K]) add(s Span[K], most int) {
	if len(w.spans) >= most {
		w.dropped++
		return
	}
	w.spans = append(w.spans, s)
}

// Spans returns every lane's spans sorted by start (then lane), spans still open ended now, and how many
// spans were dropped because a lane was full. Call it once the lanes' goroutines have finished.
func (l *Log[K]) Spans() (all []Span[K], dropped int) {
	now := time.Since(l.start)
	for i, w := range l.lanes {
		all = append(all, w.spans...)
		if w.open {
			all = append(all, Span[K]{Lane: i, Kind: w.kind, Start: w.since, End: now})
		}
		dropped += w.dropped
	}
	slices.SortStableFunc(all, func(a, b Span[K]) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Lane, b.Lane)
	})
	return all, dropped
}
