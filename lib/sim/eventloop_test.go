package sim

import (
	"testing"
	"time"
)

func TestEventLoop(t *testing.T) {
	s, err := EventLoop(12, 30*time.Millisecond, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 3 || len(s.Timelines()) != 3 {
		t.Fatalf("got %d runs; want 3", len(s.Runs))
	}
	for _, r := range s.Runs {
		if err := r.Timeline.Validate(); err != nil {
			t.Errorf("%s: %v", r.Model, err)
		}
		if len(r.Response) != 12 {
			t.Errorf("%s: %d response times; want 12", r.Model, len(r.Response))
		}
	}
	worst := func(r ModelRun) time.Duration {
		var w time.Duration
		for i, d := range r.Response {
			if i != s.Slow {
				w = max(w, d)
			}
		}
		return w
	}
	// The report blocks the loop for 30 ms, so some request waits at least that long; on two
	// cores the others go on beside it.
	if w := worst(s.Runs[0]); w < 30*time.Millisecond {
		t.Errorf("event loop: worst other response %v; want at least the report's 30ms", w)
	}
	if w0, w2 := worst(s.Runs[0]), worst(s.Runs[2]); w2 >= w0 {
		t.Errorf("worst other response on 2 cores %v, event loop %v; want the 2 cores faster", w2, w0)
	}
	if h, rows := s.Table(); len(rows) != 3 || len(rows[0]) != len(h) {
		t.Errorf("Table: %d rows for a header of %d", len(rows), len(h))
	}
	if _, rows := (Models{}).Table(); len(rows) != 0 {
		t.Errorf("Table of zero Models: %d rows; want none", len(rows))
	}
	for _, bad := range []struct {
		n     int
		slow  time.Duration
		cores int
	}{{1, 0, 2}, {10, -1, 2}, {10, 0, 1}} {
		if _, err := EventLoop(bad.n, bad.slow, bad.cores); err == nil {
			t.Errorf("EventLoop(%d, %v, %d) returned no error", bad.n, bad.slow, bad.cores)
		}
	}
}
