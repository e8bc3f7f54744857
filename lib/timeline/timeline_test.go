package timeline

import (
	"strings"
	"testing"
	"time"
)

const ms = time.Millisecond

// twoLanes: task 0 on lane 0 for [0,10) ms, task 1 on lane 1 for [5,15) ms, task 1 runnable [0,5) ms.
func twoLanes() Timeline {
	return Timeline{
		LaneName: "core", Lanes: 2, Span: 20 * ms,
		Tasks: []Task{{0, "a"}, {1, "b"}},
		Segments: []Segment{
			{Lane: 0, Task: 0, State: Running, Start: 0, End: 10 * ms},
			{Lane: -1, Task: 1, State: Runnable, Start: 0, End: 5 * ms},
			{Lane: 1, Task: 1, State: Running, Start: 5 * ms, End: 15 * ms},
		},
	}
}

func TestMeasures(t *testing.T) {
	// Expected values worked out by hand from twoLanes' segments.
	tl := twoLanes()
	if err := tl.Validate(); err != nil {
		t.Fatalf("Validate() = %v; want nil", err)
	}
	if got, want := tl.Overlap(), 5*ms; got != want {
		t.Errorf("Overlap() = %v; want %v", got, want)
	}
	if got, want := tl.Utilisation(), []float64{0.5, 0.5}; got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Utilisation() = %v; want %v", got, want)
	}
	if got, want := tl.Parallelism(), 1.0; got != want {
		t.Errorf("Parallelism() = %v; want %v", got, want)
	}
	// Touching segments on two lanes do not overlap.
	tl.Segments[2].Start = 10 * ms
	if got := tl.Overlap(); got != 0 {
		t.Errorf("Overlap() of back-to-back segments = %v; want 0", got)
	}
	var empty Timeline
	if empty.Validate() != nil || empty.Parallelism() != 0 || empty.Overlap() != 0 || len(empty.Utilisation()) != 0 {
		t.Errorf("zero Timeline: want valid and empty")
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Timeline)
		want string // substring of the error
	}{
		{"end before start", func(tl *Timeline) { tl.Segments[0].End = -1 }, "want 0 ≤ start ≤ end"},
		{"past span", func(tl *Timeline) { tl.Segments[2].End = 21 * ms }, "span"},
		{"no such lane", func(tl *Timeline) { tl.Segments[2].Lane = 2 }, "lane 2"},
		{"no such task", func(tl *Timeline) { tl.Segments[0].Task = 7 }, "task 7"},
		{"unsorted", func(tl *Timeline) { tl.Segments[0].Start = 6 * ms }, "sorted"},
		{"lane double-booked", func(tl *Timeline) { tl.Segments[2].Lane = 0 }, "busy until"},
		{"negative lanes", func(tl *Timeline) { tl.Lanes = -1 }, "Lanes is -1"},
	}
	for _, tt := range tests {
		tl := twoLanes()
		tl.Segments = append([]Segment(nil), tl.Segments...)
		tt.edit(&tl)
		err := tl.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestFinishJoins(t *testing.T) {
	got := Finish([]Segment{
		{Lane: 0, Task: 0, State: Running, Start: 5 * ms, End: 8 * ms},
		{Lane: 0, Task: 0, State: Running, Start: 0, End: 5 * ms},
		{Lane: 0, Task: 1, State: Running, Start: 8 * ms, End: 8 * ms}, // empty: dropped
		{Lane: 1, Task: 0, State: Running, Start: 8 * ms, End: 9 * ms}, // other lane: kept apart
	})
	want := []Segment{
		{Lane: 0, Task: 0, State: Running, Start: 0, End: 8 * ms},
		{Lane: 1, Task: 0, State: Running, Start: 8 * ms, End: 9 * ms},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Finish = %+v; want %+v", got, want)
	}
}

func TestStateNames(t *testing.T) {
	for s, want := range map[State]string{Running: "running", Runnable: "runnable", Blocked: "blocked", Syscall: "syscall", GC: "GC", 9: "State(9)"} {
		if got := s.String(); got != want {
			t.Errorf("State(%d).String() = %q; want %q", s, got, want)
		}
	}
}
