package spans

import (
	"testing"
	"time"
)

func TestLog(t *testing.T) {
	l := New[string](2, 3)
	l.Set(0, "a")
	l.Set(1, "x")
	l.Set(0, "b")
	l.Stop(0)
	l.Stop(0) // nothing open: ignored
	l.Set(5, "out of range")
	l.Add(Span[string]{Lane: 1, Kind: "bad", Start: 5, End: 4}) // ends before it starts: ignored
	spans, dropped := l.Spans()
	if dropped != 0 {
		t.Errorf("dropped = %d; want 0", dropped)
	}
	var kinds []string
	for _, s := range spans {
		kinds = append(kinds, s.Kind)
		if s.End < s.Start {
			t.Errorf("span %+v ends before it starts", s)
		}
	}
	if len(kinds) != 3 || kinds[0] != "a" {
		t.Errorf("kinds = %v; want a first, then x and b (x still open, ended now)", kinds)
	}
	for i := 1; i < len(spans); i++ {
		if spans[i].Start < spans[i-1].Start {
			t.Errorf("spans not sorted by start: %v", spans)
		}
	}
}

func TestLogFull(t *testing.T) {
	l := New[int](1, 2)
	for i := range 5 {
		l.Set(0, i)
	}
	l.Stop(0)
	spans, dropped := l.Spans()
	if len(spans) != 2 || dropped != 3 {
		t.Errorf("got %d spans and %d dropped; want 2 and 3", len(spans), dropped)
	}
}

func TestNilLog(t *testing.T) {
	var l *Log[int]
	l.Set(0, 1)
	l.Stop(0)
	l.Add(Span[int]{})
}

func TestNow(t *testing.T) {
	l := New[int](0, 0) // at least one lane, one span
	if l.Lanes() != 1 {
		t.Errorf("Lanes() = %d; want 1", l.Lanes())
	}
	time.Sleep(time.Millisecond)
	if l.Now() < time.Millisecond {
		t.Errorf("Now() = %v after sleeping 1ms", l.Now())
	}
}
