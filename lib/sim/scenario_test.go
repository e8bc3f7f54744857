package sim

import (
	"strings"
	"testing"
	"time"
)

func TestScenarios(t *testing.T) {
	// Makespans worked out by hand from the scenarios' durations (see each constructor's doc comment):
	//   jugglers 1×3×1: throws at 0, 0.1, 0.2 s, the last lands at 0.2+0.1+0.3 = 0.6 s.
	//   secretaries: 1 has 6 min of calls + 12 min of book = 18 min of work and is never idle; 2 finish
	//     when the book does, at 12 min.
	//   baristas 1×3: 3 customers × 60 s of work, the barista never idle after the first order: 180 s;
	//     3×3: each customer takes 100 s from arrival, the last arrives at 40 s: 140 s.
	//   web server, 2 cores × 10 requests: the last arrives at 18 ms and, unhindered, takes 11.5 ms: 29.5 ms.
	tests := []struct {
		name     string
		make     func() (Scenario, error)
		makespan time.Duration
		parallel bool // whether two lanes were ever busy at once
	}{
		{"1 juggler", func() (Scenario, error) { return Jugglers(1, 3, 1) }, 600 * time.Millisecond, false},
		{"2 jugglers", func() (Scenario, error) { return Jugglers(2, 6, 1) }, 600 * time.Millisecond, true},
		{"1 secretary", func() (Scenario, error) { return Secretaries(1) }, 18 * time.Minute, false},
		{"2 secretaries", func() (Scenario, error) { return Secretaries(2) }, 12 * time.Minute, true},
		{"1 barista", func() (Scenario, error) { return Baristas(1, 1, 3) }, 180 * time.Second, false},
		{"3 baristas", func() (Scenario, error) { return Baristas(3, 3, 3) }, 140 * time.Second, true},
		{"web server", func() (Scenario, error) { return WebServer(2, 10) }, 29500 * time.Microsecond, false},
	}
	for _, tt := range tests {
		sc, err := tt.make()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		res, err := sc.Run()
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		tl := res.Timeline
		if err := tl.Validate(); err != nil {
			t.Errorf("%s: invalid timeline: %v", tt.name, err)
		}
		if tl.Span != tt.makespan {
			t.Errorf("%s: makespan %v; want %v", tt.name, tl.Span, tt.makespan)
		}
		if got := tl.Overlap() > 0; got != tt.parallel {
			t.Errorf("%s: lanes busy at once: %v (overlap %v); want %v", tt.name, got, tl.Overlap(), tt.parallel)
		}
		if tl.Title != sc.Name || sc.About == "" {
			t.Errorf("%s: title %q, about %q; want the scenario's name and a description", tt.name, tl.Title, sc.About)
		}
	}
}

func TestOneJugglerStaysBusy(t *testing.T) {
	// 4 balls × 0.1 s of hands per 0.4 s cycle fill one juggler's hands once all balls are up.
	sc, _ := Jugglers(1, 4, 10)
	res, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	// Ball k (0-based) is first thrown at k×0.1 s; from then on each ball is thrown every 0.4 s, so the
	// last ball lands at 0.3 + 9×0.4 + 0.1 + 0.3 = 4.3 s, and the hands were busy 40 × 0.1 = 4 s of it.
	if got, want := res.Timeline.Span, 4300*time.Millisecond; got != want {
		t.Errorf("makespan %v; want %v", got, want)
	}
	if got, want := res.Timeline.Busy()[0], 4*time.Second; got != want {
		t.Errorf("hands busy %v; want %v", got, want)
	}
}

func TestScenarioBadInput(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"no jugglers", second(Jugglers(0, 3, 1)), "jugglers is 0; want 1…64"},
		{"no balls", second(Jugglers(1, 0, 1)), "balls is 0"},
		{"no throws", second(Jugglers(1, 1, 0)), "throws is 0"},
		{"no secretaries", second(Secretaries(0)), "secretaries is 0"},
		{"no baristas", second(Baristas(0, 1, 1)), "baristas is 0"},
		{"no machines", second(Baristas(1, 0, 1)), "machines is 0"},
		{"no customers", second(Baristas(1, 1, 0)), "customers is 0"},
		{"no cores", second(WebServer(0, 1)), "cores is 0"},
		{"too many requests", second(WebServer(1, 1_000_000)), "requests is 1000000"},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.want)
		}
	}
	bad := Scenario{Name: "broken"}
	if _, err := bad.Run(); err == nil || !strings.HasPrefix(err.Error(), "broken: ") {
		t.Errorf("Run of a scenario without cores: error %v; want one starting with its name", err)
	}
}

func second(_ Scenario, err error) error { return err }

func TestBoundHelpers(t *testing.T) {
	const ms = time.Millisecond
	// Expected makespans by hand: 4 × 10 ms of computing on 1 core is 40 ms, on 2 cores 20 ms. 4 tasks
	// of 3 × (1 ms compute + 9 ms wait) on 1 core: each round the four computations queue one behind the
	// other, so task 4 computes at 3, 13 and 23 ms and finishes its last wait at 24 + 9 = 33 ms — not
	// 4 × 30 = 120 ms, because the waits overlap.
	must := func(tasks []Task, err error) []Task {
		if err != nil {
			t.Fatal(err)
		}
		return tasks
	}
	tests := []struct {
		name  string
		cores int
		tasks []Task
		want  time.Duration
	}{
		{"cpu-bound on 1 core", 1, must(CPUBound(4, 10*ms)), 40 * ms},
		{"cpu-bound on 2 cores", 2, must(CPUBound(4, 10*ms)), 20 * ms},
		{"io-bound on 1 core", 1, must(IOBound(4, 3, ms, 9*ms)), 33 * ms},
	}
	for _, tt := range tests {
		res, err := Run(Config{Cores: tt.cores}, tt.tasks)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := res.Timeline.Span; got != tt.want {
			t.Errorf("%s: makespan %v; want %v", tt.name, got, tt.want)
		}
	}
	if got, err := CPUBound(-1, ms); err == nil || !strings.Contains(err.Error(), "n is -1") {
		t.Errorf("CPUBound(-1) = %d tasks, %v; want an error naming n", len(got), err)
	}
}
