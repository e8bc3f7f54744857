package leak

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// firstWith returns a "first answer wins" function whose answer channel has the given capacity; its
// goroutines give up when release is closed (so that the tests leave nothing behind), and a waitAll
// version waits for every replica before it returns.
func firstWith(capacity int, waitAll bool, release chan struct{}) func([]func() string) string {
	return func(replicas []func() string) string {
		ch := make(chan string, capacity)
		var wg sync.WaitGroup
		for _, r := range replicas {
			wg.Go(func() {
				select {
				case ch <- r():
				case <-release:
				}
			})
		}
		if waitAll {
			wg.Wait()
		}
		return <-ch
	}
}

func TestFind(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	reps, err := Replicas(0, 5*time.Millisecond, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Find(time.Second, func() { firstWith(0, false, release)(reps) })
	if err != nil || r.Err != nil {
		t.Fatal(err, r.Err)
	}
	if r.Leaked != 2 || !strings.Contains(r.Stacks, "chan send") && !strings.Contains(r.Stacks, "[select]") {
		t.Errorf("Find on the leaky first: %d leaked, stacks:\n%s\nwant 2 stuck sending", r.Leaked, r.Stacks)
	}
	// Before and After count every goroutine of the program: one of the runtime's or the test runner's may
	// end during the call (CI saw 3 before, 4 after, with the 2 leaked), so only Leaked is exact.
	if r.Before < 1 || r.After < r.Leaked {
		t.Errorf("goroutines before %d, after %d; want both counted, after at least the %d leaked", r.Before, r.After, r.Leaked)
	}
	if s := r.String(); !strings.Contains(s, "2 goroutines the call started are still running") {
		t.Errorf("String() = %q", s)
	}
	fixed, err := Find(time.Second, func() { firstWith(len(reps), false, release)(reps) })
	if err != nil || fixed.Leaked != 0 || !strings.Contains(fixed.String(), "no leak") {
		t.Errorf("Find on the fixed first: %+v, %v; want no leak", fixed, err)
	}
	failed, err := Find(50*time.Millisecond, func() { <-release })
	if err != nil || failed.Err == nil || !strings.Contains(failed.String(), "did not return") {
		t.Errorf("Find on a hanging call: %+v, %v; want its timeout in Err", failed, err)
	}
	if _, err := Find(time.Second, nil); err == nil {
		t.Error("Find(nil) gave no error")
	}
	if _, err := Find(-1, func() {}); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("Find(-1): %v; want an error naming limit", err)
	}
}

func TestReplicas(t *testing.T) {
	reps, err := Replicas(0, time.Millisecond)
	if err != nil || len(reps) != 2 || reps[1]() != "replica 2" {
		t.Errorf("Replicas: %v, %v", reps, err)
	}
	for _, d := range [][]time.Duration{nil, {-1}, {11 * time.Second}, make([]time.Duration, 101)} {
		if _, err := Replicas(d...); err == nil {
			t.Errorf("Replicas(%v) gave no error", d)
		}
	}
}

func TestCheckFirst(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	done := func(replicas []func() string) string { // right, without a buffer: gives up when first returns
		ch := make(chan string)
		quit := make(chan struct{})
		defer close(quit)
		for _, r := range replicas {
			go func() {
				select {
				case ch <- r():
				case <-quit:
				}
			}()
		}
		return <-ch
	}
	for _, c := range []struct {
		name       string
		first      func([]func() string) string
		passed     bool
		msg, hint  string
		shortLimit bool
	}{
		{name: "buffered", first: firstWith(3, false, release), passed: true},
		{name: "quit channel", first: done, passed: true},
		{name: "unbuffered (the starting point)", first: firstWith(0, false, release), msg: "leaked", hint: "len(replicas)"},
		{name: "waits for all", first: firstWith(3, true, release), msg: "did not return", hint: "wg.Wait", shortLimit: true},
		{name: "serial", first: func(rs []func() string) string { return rs[0]() }, msg: "did not return", hint: "first answer", shortLimit: true},
		{name: "last replica", first: func(rs []func() string) string { return "replica 3" }, msg: `want "replica 2"`, hint: "own goroutine"},
		{name: "panics", first: func(rs []func() string) string { return rs[5]() }, msg: "panicked", hint: "index out of range"},
		{name: "nil", first: nil, msg: "nil", hint: "Define"},
	} {
		limit := 3 * time.Second
		if c.shortLimit {
			limit = 300 * time.Millisecond
		}
		r := checkFirst(c.first, limit)
		if c.passed {
			if r.Outcome != check.Passed {
				t.Errorf("%s: %v; want passed", c.name, r)
			}
			continue
		}
		if r.Outcome != check.NotPassed || !strings.Contains(r.Message, c.msg) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: %v\nwant not yet, a message with %q and a hint with %q", c.name, r, c.msg, c.hint)
		}
	}
}

func TestBlocked(t *testing.T) {
	// check.Call shows goroutines waiting in one place once, after "N goroutines like this one:".
	for _, tt := range []struct{ stacks, want string }{
		{"goroutine 7 [chan send]:\nmain.f()\n\ngoroutine 8 [chan send, 2 minutes]:\nmain.f()", "blocked: 2 on chan send"},
		{"3 goroutines like this one:\ngoroutine 7 [chan send]:\nmain.f()\n\ngoroutine 9 [select]:\nmain.g()", "blocked: 3 on chan send, 1 on select"},
		{"", ""},
	} {
		if got := blocked(tt.stacks); got != tt.want {
			t.Errorf("blocked(%q) = %q; want %q", tt.stacks, got, tt.want)
		}
	}
}
