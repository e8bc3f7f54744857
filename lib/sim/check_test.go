package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

// TestNeeded: ⌈service/arrival⌉ is the fewest workers that keep up — checked against the simulated
// coffee shop: with that many baristas (and enough machines) the slowest of 30 customers waits no
// longer than the slowest of the first 10; with one fewer, the line grows.
func TestNeeded(t *testing.T) {
	for _, c := range neededCases {
		want := Needed(c.arrival, c.service)
		keeps := func(b int) bool {
			var tasks []Task
			for i := range 30 {
				tasks = append(tasks, Task{Arrive: time.Duration(i) * c.arrival, Phases: []Phase{Compute("serve", c.service)}})
			}
			r, err := Run(Config{Cores: b}, tasks)
			if err != nil {
				t.Fatal(err)
			}
			var early, late time.Duration
			for i, d := range r.Done {
				wait := d - tasks[i].Arrive
				if i < 10 {
					early = max(early, wait)
				}
				late = max(late, wait)
			}
			return late <= early
		}
		if !keeps(want) || (want > 1 && keeps(want-1)) {
			t.Errorf("Needed(%v, %v) = %d: keeps up %v, one fewer keeps up %v; want exactly the fewest that keep up",
				c.arrival, c.service, want, keeps(want), want > 1 && keeps(want-1))
		}
	}
	if got := Needed(0, time.Minute); got != 0 {
		t.Errorf("Needed(0, 1m) = %d; want 0 for no arrivals", got)
	}
}

// TestCheckBaristasNeeded: the check passes the right function and fails each kind of wrong one with a
// hint that names the mistake, a hanging one and a panicking one (issue 12: exercises become functions
// checked on several inputs).
func TestCheckBaristasNeeded(t *testing.T) {
	release := make(chan struct{}) // lets the hanging answer end when the test does
	defer close(release)
	ceil := func(a, s time.Duration) int { return int(math.Ceil(float64(s) / float64(a))) }
	for _, c := range []struct {
		name string
		f    func(arrival, service time.Duration) int
		pass bool
		says string
	}{
		{"right", ceil, true, "3 baristas and 2 espresso machines"},
		{"right, integer arithmetic", func(a, s time.Duration) int { return int((s + a - 1) / a) }, true, "within 1m40s"},
		{"rounds down", func(a, s time.Duration) int { return max(1, int(s/a)) }, false, "round up"},
		{"one too many", func(a, s time.Duration) int { return int(s/a) + 1 }, false, "Round up only when the division is not exact"},
		{"upside down", func(a, s time.Duration) int { return int(a / s) }, false, "other way round"},
		{"always 3", func(time.Duration, time.Duration) int { return 3 }, false, "baristasNeeded(20s, 40s) = 3; want 2"},
		{"hangs", func(time.Duration, time.Duration) int { <-release; return 0 }, false, "did not return within"},
		{"panics", func(a, s time.Duration) int { panic(fmt.Sprintf("no baristas for %v", a)) }, false, "panicked"},
		{"nil", nil, false, "nil"},
	} {
		got, shop := checkBaristasNeeded(c.f, 300*time.Millisecond)
		if got.Passed() != c.pass || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("%s: got %v; want passed %v and %q", c.name, got, c.pass, c.says)
		}
		if !got.Passed() && got.Hint == "" {
			t.Errorf("%s: no hint in %q", c.name, got)
		}
		if c.pass && (len(shop.Timeline.Segments) == 0 || shop.Shared.Lanes != 2) {
			t.Errorf("%s: the shop to draw has %d segments and %d machines; want a simulation with 2", c.name, len(shop.Timeline.Segments), shop.Shared.Lanes)
		}
	}
}

// TestMaxBalls: 1 + ⌊flight/throw⌋ is the most balls that never wait, by the simulation of Jugglers.
func TestMaxBalls(t *testing.T) {
	for _, c := range ballCases {
		want := MaxBalls(c[0], c[1])
		ok, err := ballWaits(want, 6, c[0], c[1])
		more, err2 := ballWaits(want+1, 6, c[0], c[1])
		if err != nil || err2 != nil {
			t.Fatal(err, err2)
		}
		if ok || !more {
			t.Errorf("MaxBalls(%v, %v) = %d: a ball waits with %d: %v, with %d: %v; want none, then some", c[0], c[1], want, want, ok, want+1, more)
		}
	}
	if got := MaxBalls(0, time.Second); got != 0 {
		t.Errorf("MaxBalls(0, 1s) = %d; want 0", got)
	}
}

func TestCheckMaxBalls(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, c := range []struct {
		name string
		f    func(throw, flight time.Duration) int
		pass bool
		says string
	}{
		{"right", func(th, fl time.Duration) int { return 1 + int(fl/th) }, true, "keeps 4 balls going"},
		{"right, floats", func(th, fl time.Duration) int { return int(math.Floor(fl.Seconds()/th.Seconds()+1e-9)) + 1 }, true, "busy 89%"},
		{"forgets the ball in the air", func(th, fl time.Duration) int { return int(fl / th) }, false, "one more"},
		{"rounds up", func(th, fl time.Duration) int { return int(math.Ceil(float64(th+fl) / float64(th))) }, false, "rounds down"},
		{"always 4", func(time.Duration, time.Duration) int { return 4 }, false, "want 3"},
		{"hangs", func(time.Duration, time.Duration) int { <-release; return 0 }, false, "did not return within"},
		{"panics", func(th, fl time.Duration) int { return []int{}[int(fl/th)] }, false, "panicked"},
		{"nil", nil, false, "nil"},
	} {
		got, j := checkMaxBalls(c.f, 300*time.Millisecond)
		if got.Passed() != c.pass || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("%s: got %v; want passed %v and %q", c.name, got, c.pass, c.says)
		}
		if !got.Passed() && got.Hint == "" {
			t.Errorf("%s: no hint in %q", c.name, got)
		}
		if c.pass && len(j.Timeline.Segments) == 0 {
			t.Errorf("%s: no juggler to draw", c.name)
		}
	}
}

// TestSharedMachine: the espresso machine is a shared resource (issue 12, item 12): two baristas
// with one machine make shots faster than it brews them, so drinks wait in line for it, and the
// machine's timeline shows it busy; with two machines nobody waits for one.
func TestSharedMachine(t *testing.T) {
	waitedForMachine := func(r Result) bool {
		for _, s := range r.Timeline.Segments {
			if s.Reason == "waiting for a machine" && s.Duration() > 0 {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		baristas, machines int
		wait               bool
	}{{1, 1, false}, {2, 1, true}, {3, 1, true}, {3, 2, false}} {
		sc, err := Baristas(c.baristas, c.machines, 12)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sc.Run()
		if err != nil {
			t.Fatal(err)
		}
		if got := waitedForMachine(r); got != c.wait {
			t.Errorf("%s: a drink waited for a machine: %v; want %v", sc.Name, got, c.wait)
		}
		if total, longest := r.SharedWait(); (total > 0) != c.wait || longest > total {
			t.Errorf("%s: SharedWait = %v, %v; want a wait exactly when drinks waited (%v)", sc.Name, total, longest, c.wait)
		}
		if err := r.Shared.Validate(); err != nil || r.Shared.Lanes != c.machines {
			t.Errorf("%s: machines' timeline %d lanes, %v; want %d valid lanes", sc.Name, r.Shared.Lanes, err, c.machines)
		}
		// Every drink spends 40 s in a machine, one at a time per machine.
		if busy := r.Shared.Busy(); len(busy) > 0 {
			var total time.Duration
			for _, b := range busy {
				total += b
			}
			if total != 12*MachineTime {
				t.Errorf("%s: machines busy %v in all; want 12 × %v", sc.Name, total, MachineTime)
			}
		}
	}
	if _, err := Run(Config{Cores: 1}, []Task{{Phases: []Phase{Use("machine", time.Second)}}}); err == nil || !strings.Contains(err.Error(), "Config.Shared is 0") {
		t.Errorf("a Shared phase without units: error %v; want one naming Config.Shared", err)
	}
}

func TestTurnaround(t *testing.T) {
	sc, err := Baristas(1, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	got := sc.Turnaround(r)
	// By hand: the barista takes the next order while a drink is in the machine, so each finished drink
	// waits for the order in progress: 20 s order + 20 s shot + 40 s machine + 40 s queued + 20 s hand-over.
	want := []time.Duration{140 * time.Second, 140 * time.Second, 140 * time.Second}
	if len(got) != len(want) {
		t.Fatalf("got %v; want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("got %v; want %v", got, want)
			break
		}
	}
}

func TestGoroutines(t *testing.T) {
	const ms = time.Millisecond
	for _, c := range []struct {
		cores, goroutines int
		work              time.Duration
		span              time.Duration
		parallelism       float64
	}{
		{1, 4, 30 * ms, 120 * ms, 1},
		{2, 4, 30 * ms, 60 * ms, 2},
		{16, 4, 30 * ms, 30 * ms, 4},
		{16, 16, 30 * ms, 30 * ms, 16},
	} {
		sc, err := Goroutines(c.cores, c.goroutines, c.work)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sc.Run()
		if err != nil {
			t.Fatal(err)
		}
		if tl := r.Timeline; tl.Span != c.span || tl.Parallelism() < c.parallelism-1e-9 || tl.Parallelism() > c.parallelism+1e-9 {
			t.Errorf("%s: got span %v, %.3f busy cores; want %v, %.3f", sc.Name, tl.Span, tl.Parallelism(), c.span, c.parallelism)
		}
	}
	for _, bad := range []struct {
		cores, goroutines int
		work              time.Duration
		says              string
	}{
		{0, 4, ms, "cores is 0"},
		{1, 0, ms, "goroutines is 0"},
		{1, 1, 0, "work is 0s"},
		{1, 1, 2 * time.Minute, "want 1µs…1m0s"},
	} {
		if _, err := Goroutines(bad.cores, bad.goroutines, bad.work); err == nil || !strings.Contains(err.Error(), bad.says) {
			t.Errorf("Goroutines(%d, %d, %v): got error %v; want one containing %q", bad.cores, bad.goroutines, bad.work, err, bad.says)
		}
	}
}

func TestRunGoroutines(t *testing.T) {
	tls, err := RunGoroutines(4, 30*time.Millisecond, 1, 2, 16)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tl := range tls {
		got = append(got, tl.Title+" "+tl.Span.String())
	}
	want := "1 core, 4 goroutines 120ms|2 cores, 4 goroutines 60ms|16 cores, 4 goroutines 30ms"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q; want %q", strings.Join(got, "|"), want)
	}
	if _, err := RunGoroutines(4, time.Millisecond, 1, 0); err == nil {
		t.Errorf("RunGoroutines with 0 cores: got no error; want one")
	}
}

func TestSecretariesSliced(t *testing.T) {
	for _, c := range []struct {
		quantum   time.Duration
		name      string
		phoneWait time.Duration // the longest the phone waited for the secretary
	}{
		{0, "1 secretary, run to completion", 9 * time.Minute},
		{time.Minute, "1 secretary, switching every 1m", time.Minute},
		{30 * time.Second, "1 secretary, switching every 30s", 30 * time.Second},
		{90 * time.Second, "1 secretary, switching every 1m30s", 90 * time.Second}, // preempted mid-call at 1m30s, back at 3m
	} {
		sc, err := SecretariesSliced(1, c.quantum)
		if err != nil {
			t.Fatal(err)
		}
		r, err := sc.Run()
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Timeline.TaskTimes()[0].LongestRunnable; sc.Name != c.name || got != c.phoneWait {
			t.Errorf("quantum %v: got %q, phone waited up to %v; want %q, %v", c.quantum, sc.Name, got, c.name, c.phoneWait)
		}
	}
	if _, err := SecretariesSliced(1, time.Millisecond); err == nil {
		t.Errorf("quantum 1ms: got no error; want one")
	}
}
