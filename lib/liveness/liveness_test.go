package liveness

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestChild runs each program in a child process. Only the program with nothing else alive is
// reported by the runtime; the others hang until the timeout. (The one-hour timer would be reported an
// hour late: the timeout comes first.) The first call builds the programs: the first timeout is long.
func TestChild(t *testing.T) {
	for _, p := range Programs() {
		timeout := 5 * time.Second
		if p != SendAlone {
			timeout = 300 * time.Millisecond
		}
		r, err := Child(context.Background(), p, timeout)
		if err != nil {
			t.Fatalf("%v: %v", p, err)
		}
		if r.Skipped != "" {
			t.Logf("%v skipped: %s", p, r.Skipped)
			continue
		}
		if want := p == SendAlone; r.Detected != want {
			t.Errorf("%v: detected = %v; want %v (report %q)", p, r.Detected, want, r.Report)
		}
		if p == SendAlone && (!strings.Contains(r.Report, "goroutine 1 [chan send]") || !strings.Contains(r.Report, "main.main")) {
			t.Errorf("%v: report %q; want the main goroutine stuck sending in main.main", p, r.Report)
		}
		if !r.Detected && r.After != timeout {
			t.Errorf("%v: after %v; want the timeout %v", p, r.After, timeout)
		}
	}
	if _, err := Child(context.Background(), Program(9), time.Second); err == nil || !strings.Contains(err.Error(), "program") {
		t.Errorf("Program(9): %v; want an error naming program", err)
	}
	if _, err := Child(context.Background(), SendAlone, time.Hour); err == nil || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("timeout 1h: %v; want an error naming timeout", err)
	}
}

func TestGoroutines(t *testing.T) {
	release := make(chan struct{})
	go func() { <-release }()
	defer close(release)
	waiting := func(gs []G) bool {
		for _, g := range gs {
			if g.State == "chan receive" && strings.Contains(g.Function, "TestGoroutines.func1") && strings.Contains(g.CreatedBy, "TestGoroutines") {
				return true
			}
		}
		return false
	}
	// The goroutine blocks on <-release when the scheduler gets to it: look until it is seen there, for
	// as long as a loaded machine may take (a deadline, not a timed assertion).
	gs := Goroutines()
	for deadline := time.Now().Add(10 * time.Second); !waiting(gs) && time.Now().Before(deadline); gs = Goroutines() {
		time.Sleep(time.Millisecond)
	}
	if len(gs) < 2 || gs[0].State != "running" || !strings.Contains(gs[0].Function, "TestGoroutines") {
		t.Fatalf("Goroutines() = %+v; want the caller first, running in TestGoroutines", gs)
	}
	if !waiting(gs) {
		t.Errorf("Goroutines() = %+v; want the goroutine waiting on release (looked for 10 s)", gs)
	}
}

func TestDeadlock(t *testing.T) {
	for range 5 { // the barrier makes it certain every time
		r, err := Deadlock(Opposite, 20*time.Millisecond)
		var de *DeadlockError
		if !errors.As(err, &de) || de.Timeout != 20*time.Millisecond {
			t.Fatalf("Deadlock(Opposite) = %v; want a *DeadlockError after 20ms", err)
		}
		// Transfer 2 finishes once released; transfer 1 gives up.
		if r.Progress[0] != 0 || r.Progress[1] != 1 {
			t.Errorf("progress %v; want transfer 2 alone to finish after the release", r.Progress)
		}
		stuck := time.Duration(0) // holding its first lock, then waiting for the second
		for _, s := range r.Spans {
			if s.Lane == 0 && (s.Kind == Waiting || s.Kind == Holding) {
				stuck += s.Duration()
			}
		}
		if stuck < 20*time.Millisecond {
			t.Errorf("transfer 1 held and waited %v in all; it is stuck at least until the timeout, 20ms", stuck)
		}
	}
	r, err := Deadlock(Ordered, time.Second)
	if err != nil || r.Progress[0] != 1 || r.Progress[1] != 1 {
		t.Errorf("Deadlock(Ordered) = %v, progress %v; want both transfers made", err, r.Progress)
	}
	for _, d := range []time.Duration{0, -1, MaxTimeout + 1} {
		if _, err := Deadlock(Opposite, d); err == nil || !strings.Contains(err.Error(), "timeout") {
			t.Errorf("Deadlock(timeout %v) = %v; want an error naming timeout", d, err)
		}
	}
	if _, err := Deadlock(Order(7), time.Second); err == nil || !strings.Contains(err.Error(), "Order(7)") {
		t.Errorf("Deadlock(Order(7)) = %v", err)
	}
}

func TestLivelock(t *testing.T) {
	r, err := Livelock{Politeness: Mirror, Rounds: 10, Step: 100 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Progress[0] != 0 || r.Progress[1] != 0 {
		t.Errorf("mirror: progress %v; want none (the barrier keeps them in step)", r.Progress)
	}
	retries := 0
	for _, s := range r.Spans {
		if s.Kind == Retrying {
			retries++
		}
	}
	if retries != 20 {
		t.Errorf("mirror: %d retries; want 10 rounds × 2 goroutines = 20", retries)
	}
	r, err = Livelock{Politeness: RandomBackoff, Rounds: 40, Step: 100 * time.Microsecond, Seed: 3}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Progress[0] != 1 || r.Progress[1] != 1 {
		t.Errorf("random backoff: progress %v; want both transfers made within 40 rounds", r.Progress)
	}
	for _, bad := range []Livelock{{Politeness: 5}, {Rounds: -1}, {Step: time.Hour}, {Step: 1}} {
		if _, err := bad.Run(context.Background()); err == nil {
			t.Errorf("Livelock %+v: no error", bad)
		}
	}
}

func TestStarvation(t *testing.T) {
	r, err := Starvation{Asking: TryAndSleep, Duration: 30 * time.Millisecond, Hold: 500 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Asked < 1 || r.Progress[0] < 1 {
		t.Errorf("try and sleep: asked %d, greedy %d; want both to have run", r.Asked, r.Progress[0])
	}
	// The polite goroutine can only win the instant between the greedy one's Unlock and Lock: it usually
	// never does. (Not asserted: it is a matter of timing.)
	r, err = Starvation{Asking: Lock, Duration: 30 * time.Millisecond, Hold: 500 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Got < 1 || r.Got != r.Progress[1] {
		t.Errorf("Lock: got %d of %d; want the lock at least once (starvation mode hands it over)", r.Got, r.Asked)
	}
	if d := r.Describe(); !strings.Contains(d, "longest wait") {
		t.Errorf("Describe() = %q", d)
	}
	for _, bad := range []Starvation{{Asking: 3}, {Duration: time.Millisecond}, {Hold: time.Second}, {Pause: -1}} {
		if _, err := bad.Run(context.Background()); err == nil {
			t.Errorf("Starvation %+v: no error", bad)
		}
	}
}

func TestRunDescribe(t *testing.T) {
	names := []string{"transfer 1 (A→B)", "transfer 2 (B→A)"}
	for _, tt := range []struct {
		progress []int
		want     string
	}{
		{[]int{0, 0}, "**polite**: neither transfer was made, in 87ms of trying."},
		{[]int{1, 1}, "**polite**: both transfers were made, in 87ms."},
		{[]int{1, 0}, "**polite**: transfer 1 (A→B) made, transfer 2 (B→A) not, in 87ms."},
	} {
		r := &Run{Title: "polite", Goroutines: names, Progress: tt.progress, Elapsed: 87*time.Millisecond + 300*time.Microsecond}
		if got := r.Describe(); got != tt.want {
			t.Errorf("progress %v: Describe() = %q; want %q", tt.progress, got, tt.want)
		}
	}
	if got := (*Run)(nil).Describe(); got != "" {
		t.Errorf("nil run: Describe() = %q; want nothing", got)
	}
}
