package sim

import (
	"strings"
	"testing"
	"time"
)

// The numbers follow from Baristas: a customer every 20 s, 1 min of a barista's work and 40 s in the
// machine each, so 3 baristas keep up (every drink in the minimum 1 min 40 s) and 2 fall behind.
func TestCheckBaristas(t *testing.T) {
	for _, c := range []struct {
		baristas, customers int
		within              time.Duration
		pass                bool
		says                string
	}{
		{1, 12, 2 * time.Minute, false, "slowest of 12 customers waits 8m20s"},
		{2, 12, 2 * time.Minute, false, "waits 3m20s"},
		{3, 12, 2 * time.Minute, true, "with one fewer, someone would wait 3m20s"},
		{4, 12, 2 * time.Minute, false, "3 baristas would do that too"},
		{3, 12, time.Minute, false, "No number of baristas"},
		{1, 1, 2 * time.Minute, true, "1 barista hand"},
		{0, 12, 2 * time.Minute, false, "baristas is 0; want 1…64"},
	} {
		got, shop := CheckBaristas(c.baristas, c.customers, c.within)
		if got.Passed() != c.pass || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("CheckBaristas(%d, %d, %v): got %v, %q; want passed %v and %q",
				c.baristas, c.customers, c.within, got.Outcome, got, c.pass, c.says)
		}
		if !got.Passed() && got.Hint == "" {
			t.Errorf("CheckBaristas(%d, %d, %v): no hint in %q", c.baristas, c.customers, c.within, got)
		}
		if c.baristas > 0 && len(shop.Timeline.Segments) == 0 {
			t.Errorf("CheckBaristas(%d, %d, %v): no simulation to draw", c.baristas, c.customers, c.within)
		}
	}
}

// A throw is 0.1 s and a flight 0.3 s: four balls fill one juggler's hands, a fifth waits.
func TestCheckJuggler(t *testing.T) {
	for _, c := range []struct {
		balls int
		pass  bool
		says  string
	}{
		{1, false, "idle"},
		{3, false, "more fit"},
		{4, true, "4 balls is the most"},
		{5, false, "too many"},
		{0, false, "balls is 0"},
	} {
		got, juggler := CheckJuggler(c.balls, 6)
		if got.Passed() != c.pass || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("CheckJuggler(%d, 6): got %v; want passed %v and %q", c.balls, got, c.pass, c.says)
		}
		if !got.Passed() && got.Hint == "" {
			t.Errorf("CheckJuggler(%d, 6): no hint in %q", c.balls, got)
		}
		if c.balls > 0 && len(juggler.Timeline.Segments) == 0 {
			t.Errorf("CheckJuggler(%d, 6): no simulation to draw", c.balls)
		}
	}
}

func TestTurnaround(t *testing.T) {
	sc, err := Baristas(1, 3)
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
