package sim

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

const ms = time.Millisecond

// seg renders a segment compactly: "A run c0 0-10" (times in ms). Segments come sorted by start, then
// lane (-1, no lane, first), then task.
func seg(tl timeline.Timeline, s timeline.Segment) string {
	st := map[timeline.State]string{timeline.Running: "run", timeline.Runnable: "ready", timeline.Blocked: "io"}[s.State]
	lane := ""
	if s.Lane >= 0 {
		lane = fmt.Sprintf(" c%d", s.Lane)
	}
	return fmt.Sprintf("%s %s%s %g-%g", tl.Tasks[s.Task].Name, st, lane, float64(s.Start)/float64(ms), float64(s.End)/float64(ms))
}

func schedule(tl timeline.Timeline) string {
	var b []string
	for _, s := range tl.Segments {
		b = append(b, seg(tl, s))
	}
	return strings.Join(b, "; ")
}

func cpu(d time.Duration) []Phase { return []Phase{Compute("", d)} }

func TestExactSchedules(t *testing.T) {
	// Every want below is worked out by hand from the rules in Run's doc comment.
	tests := []struct {
		name  string
		cfg   Config
		tasks []Task
		want  string
		span  time.Duration
	}{
		{"one core, run to completion", Config{Cores: 1},
			[]Task{{Name: "A", Phases: cpu(10 * ms)}, {Name: "B", Phases: cpu(10 * ms)}},
			"B ready 0-10; A run c0 0-10; B run c0 10-20", 20 * ms},
		{"one core, quantum 3", Config{Cores: 1, Quantum: 3 * ms},
			[]Task{{Name: "A", Phases: cpu(10 * ms)}, {Name: "B", Phases: cpu(10 * ms)}},
			"B ready 0-3; A run c0 0-3; A ready 3-6; B run c0 3-6; B ready 6-9; A run c0 6-9; A ready 9-12; B run c0 9-12; " +
				"B ready 12-15; A run c0 12-15; A ready 15-18; B run c0 15-18; B ready 18-19; A run c0 18-19; B run c0 19-20", 20 * ms},
		{"two cores", Config{Cores: 2},
			[]Task{{Name: "A", Phases: cpu(10 * ms)}, {Name: "B", Phases: cpu(10 * ms)}},
			"A run c0 0-10; B run c1 0-10", 10 * ms},
		{"alone, quantum never bites", Config{Cores: 1, Quantum: 3 * ms},
			[]Task{{Name: "A", Phases: cpu(10 * ms)}},
			"A run c0 0-10", 10 * ms},
		{"I/O overlaps on one core", Config{Cores: 1},
			[]Task{
				{Name: "A", Phases: []Phase{Compute("", ms), Wait("", 5*ms), Compute("", ms)}},
				{Name: "B", Phases: []Phase{Compute("", ms), Wait("", 5*ms), Compute("", ms)}},
			},
			"B ready 0-1; A run c0 0-1; A io 1-6; B run c0 1-2; B io 2-7; A run c0 6-7; B run c0 7-8", 8 * ms},
		{"late arrival leaves the core idle", Config{Cores: 1},
			[]Task{{Name: "A", Phases: cpu(2 * ms)}, {Name: "B", Arrive: 5 * ms, Phases: cpu(2 * ms)}},
			"A run c0 0-2; B run c0 5-7", 7 * ms},
		{"preempted task queues behind new arrival", Config{Cores: 1, Quantum: 4 * ms},
			[]Task{{Name: "A", Phases: cpu(6 * ms)}, {Name: "B", Arrive: 4 * ms, Phases: cpu(2 * ms)}},
			"A run c0 0-4; A ready 4-6; B run c0 4-6; A run c0 6-8", 8 * ms},
		{"consecutive CPU phases keep the core", Config{Cores: 1},
			[]Task{{Name: "A", Phases: []Phase{Compute("x", ms), Compute("y", ms)}}, {Name: "B", Phases: cpu(ms)}},
			"B ready 0-2; A run c0 0-1; A run c0 1-2; B run c0 2-3", 3 * ms},
		{"context switches cost time", Config{Cores: 1, Quantum: 3 * ms, Switch: ms},
			[]Task{{Name: "A", Phases: cpu(5 * ms)}, {Name: "B", Phases: cpu(5 * ms)}},
			// A waits "preempted" 3-7, then "being switched in" 7-8; likewise B 7-10, 10-11.
			"B ready 0-3; A run c0 0-3; A ready 3-7; B ready 3-4; context switch run c0 3-4; B run c0 4-7; A ready 7-8; B ready 7-10; " +
				"context switch run c0 7-8; A run c0 8-10; B ready 10-11; context switch run c0 10-11; B run c0 11-13", 13 * ms},
		{"no switch back to the same task", Config{Cores: 1, Quantum: 3 * ms, Switch: ms},
			[]Task{{Name: "A", Phases: []Phase{Compute("", ms), Wait("", ms), Compute("", ms)}}},
			"A run c0 0-1; A io 1-2; A run c0 2-3", 3 * ms},
		{"zero-length phases are skipped", Config{Cores: 1},
			[]Task{{Name: "A", Phases: []Phase{Compute("", 0), Wait("", 0), Compute("", ms)}}, {Name: "E"}},
			"A run c0 0-1", ms},
	}
	for _, tt := range tests {
		res, err := Run(tt.cfg, tt.tasks)
		if err != nil {
			t.Errorf("%s: Run error: %v", tt.name, err)
			continue
		}
		tl := res.Timeline
		if got := schedule(tl); got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, got, tt.want)
		}
		if tl.Span != tt.span {
			t.Errorf("%s: makespan %v; want %v", tt.name, tl.Span, tt.span)
		}
		if err := tl.Validate(); err != nil {
			t.Errorf("%s: invalid timeline: %v", tt.name, err)
		}
	}
}

func TestDone(t *testing.T) {
	res, err := Run(Config{Cores: 1}, []Task{{Phases: cpu(3 * ms)}, {Phases: cpu(2 * ms)}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Done, []time.Duration{3 * ms, 5 * ms}; got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Done = %v; want %v", got, want)
	}
	if got, want := res.Timeline.Tasks[1].Name, "task 1"; got != want {
		t.Errorf("unnamed task is called %q; want %q", got, want)
	}
}

func TestBadInput(t *testing.T) {
	ok := []Task{{Name: "A", Phases: cpu(ms)}}
	tests := []struct {
		name  string
		cfg   Config
		tasks []Task
		want  string
	}{
		{"zero cores", Config{}, ok, "Cores is 0; want 1 to 1024"},
		{"negative quantum", Config{Cores: 1, Quantum: -1}, ok, "Quantum is -1ns"},
		{"negative switch", Config{Cores: 1, Switch: -1}, ok, "Switch is -1ns"},
		{"no tasks", Config{Cores: 1}, nil, "no tasks"},
		{"negative duration", Config{Cores: 1}, []Task{{Name: "A", Phases: []Phase{Compute("boil", -ms)}}}, `task 0 ("A") phase 0 (boil) lasts -1ms; want 0 or more`},
		{"negative arrival", Config{Cores: 1}, []Task{{Name: "A", Arrive: -ms}}, "arrives at -1ms"},
		{"bad kind", Config{Cores: 1}, []Task{{Name: "A", Phases: []Phase{{Kind: 7, D: ms}}}}, "kind 7"},
		{"tiny quantum", Config{Cores: 1, Quantum: 1}, []Task{{Phases: cpu(time.Hour)}}, "larger Quantum"},
		{"too long", Config{Cores: 1}, []Task{{Phases: cpu(1 << 62)}}, "at most 2⁶⁰ ns"},
		{"overflow", Config{Cores: 1}, []Task{{Phases: cpu(1 << 59)}, {Phases: cpu(1 << 59)}, {Phases: cpu(1 << 59)}}, "add up to more"},
	}
	for _, tt := range tests {
		_, err := Run(tt.cfg, tt.tasks)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Run error = %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}
