package check

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/says"
)

func TestCallReturns(t *testing.T) {
	got, err := Call(time.Second, func() int { return 42 })
	if got != 42 || err != nil {
		t.Errorf("Call = %d, %v; want 42, nil", got, err)
	}
	got, err = Call(0, func() int { return 7 }) // zero limit: DefaultLimit
	if got != 7 || err != nil {
		t.Errorf("Call with limit 0 = %d, %v; want 7, nil", got, err)
	}
	if _, err := Call[int](time.Second, nil); err == nil || !strings.Contains(err.Error(), "nil function") {
		t.Errorf("Call(nil) error = %v; want one about a nil function", err)
	}
}

func TestCallWaitedGoroutinesAreNotLeaks(t *testing.T) {
	// Goroutines that were waited for, and one that signals it is done a moment before it returns, do
	// not count as left running.
	_, err := Call(5*time.Second, func() int {
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				wg.Done()
				time.Sleep(5 * time.Millisecond) // still running when the function returns
			}()
		}
		wg.Wait()
		return 0
	})
	if err != nil {
		t.Errorf("Call = %v; want no error", err)
	}
}

func TestCallTimeout(t *testing.T) {
	// The goroutines say they are about to block, and the function waits for that before blocking
	// itself, so that the limit finds all three waiting on the channel (a goroutine not yet run shows
	// [runnable]); 300 ms leaves a loaded machine time to run them.
	const limit = 300 * time.Millisecond
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := Call(limit, func() int {
		var ready sync.WaitGroup
		for range 2 {
			ready.Add(1)
			go func() { ready.Done(); <-release }()
		}
		ready.Wait()
		<-release
		return 1
	})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("Call of a stuck function: err = %v; want a *TimeoutError", err)
	}
	if te.Limit != limit || te.Goroutines != 3 || strings.Count(te.Stacks, "[chan receive") != 2 || !strings.Contains(te.Stacks, "2 goroutines like this one:") {
		t.Errorf("TimeoutError = limit %v, %d goroutines, stacks:\n%s\nwant %v, 3 goroutines (the call's and the 2 it started, these shown once), each waiting on a channel",
			te.Limit, te.Goroutines, te.Stacks, limit)
	}
	if want := "the call did not return within 300ms, nor had 2 goroutines it started"; err.Error() != want {
		t.Errorf("Error() = %q; want %q", err.Error(), want)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Call took %v after a %v limit", took, limit) // a bound on hanging, not a timing
	}
}

func panicsHere() int {
	var m map[string]int
	//lint:ignore SA5000 the learner's mistake this test imitates: a write to a nil map panics
	m["x"]++
	return 0
}

func TestCallPanic(t *testing.T) {
	_, err := Call(time.Second, panicsHere)
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v; want a *PanicError", err)
	}
	if !strings.Contains(pe.Frame, "check.panicsHere (call_test.go:") || !strings.Contains(pe.Stack, "panicsHere") {
		t.Errorf("Frame = %q, stack:\n%s\nwant the frame of panicsHere in call_test.go", pe.Frame, pe.Stack)
	}
	if !strings.HasPrefix(err.Error(), "the call panicked: assignment to entry in nil map (in github.com/parlab/parlab/lib/check.panicsHere") {
		t.Errorf("Error() = %q", err.Error())
	}
	_, err = Call(time.Second, func() int { panic(io.EOF) })
	if !errors.Is(err, io.EOF) {
		t.Errorf("a panic with an error value: errors.Is(err, io.EOF) is false for %v", err)
	}
}

func TestCallGoexit(t *testing.T) {
	_, err := Call(time.Second, func() int { runtimeGoexit(); return 1 })
	if !errors.Is(err, ErrGoexit) {
		t.Errorf("err = %v; want ErrGoexit", err)
	}
}

func TestCallLeak(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	v, err := Call(time.Second, func() string {
		go func() { <-release }()
		go func() { // starts one that outlives it: the chain of creators breaks, and it still counts
			go func() { <-release }()
		}()
		return "done"
	})
	var le *LeakError
	if !errors.As(err, &le) || v != "done" {
		t.Fatalf("Call = %q, %v; want done and a *LeakError", v, err)
	}
	if le.Goroutines != 2 || strings.Count(le.Stacks, "goroutine ") < 2 {
		t.Errorf("LeakError = %d goroutines, stacks:\n%s\nwant 2", le.Goroutines, le.Stacks)
	}
	if want := "the call returned but left 2 goroutines it started running"; err.Error() != want {
		t.Errorf("Error() = %q; want %q", err.Error(), want)
	}
}

func TestCallIgnoresOtherGoroutines(t *testing.T) {
	// A server started before the call starts a goroutine for each request made during the call, and
	// keeps it: it is the check's, not the call's, so it does not count.
	requests := make(chan struct{})
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		var handlers []chan struct{}
		for {
			select {
			case <-requests:
				h := make(chan struct{})
				handlers = append(handlers, h)
				go func() { <-stop; close(h) }()
			case <-stop:
				for _, h := range handlers {
					<-h
				}
				return
			}
		}
	}()
	defer func() { close(stop); <-stopped }()
	_, err := Call(time.Second, func() int {
		requests <- struct{}{}
		return 0
	})
	if err != nil {
		t.Errorf("Call = %v; want no error: the goroutine belongs to the server", err)
	}
}

func TestCallLeakManyIsBounded(t *testing.T) {
	// 3000 goroutines left waiting in the same place: the count is exact, the stacks are shown once
	// (unbounded, they were some 400 KB).
	release := make(chan struct{})
	defer close(release)
	const n = 3000
	_, err := Call(5*time.Second, func() int {
		var started sync.WaitGroup
		for i := range n {
			started.Add(1)
			go func() { started.Done(); <-release; _ = i }()
		}
		started.Wait()
		return 0
	})
	var le *LeakError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v; want a *LeakError", err)
	}
	if le.Goroutines != n || len(le.Stacks) > maxStacksText+16<<10 || !strings.Contains(le.Stacks, "goroutines like this one:") {
		t.Errorf("LeakError = %d goroutines, %d bytes of stacks:\n%.2000s\nwant %d goroutines, at most %d bytes, grouped",
			le.Goroutines, len(le.Stacks), le.Stacks, n, maxStacksText+16<<10)
	}
}

func TestStacks(t *testing.T) {
	// g returns a goroutine's trace as runtime.Stack writes it; where names the function it waits in.
	g := func(id int, state, where string, arg int) gstack {
		return gstack{id: int64(id), text: fmt.Sprintf("goroutine %d [%s]:\nmain.%s(0x%x)\n\t/tmp/main.go:12 +0x1d\n"+
			"created by main.run in goroutine %d\n\t/tmp/main.go:9 +0x2f", id, state, where, arg, 100+id)}
	}
	many := func(n int, where string) []gstack {
		out := make([]gstack, n)
		for i := range out {
			out[i] = g(1000+i, "chan receive", where, i)
		}
		return out
	}
	var places []gstack // 30 different places, one goroutine each
	for i := range 30 {
		places = append(places, g(10+i, "select", fmt.Sprintf("worker%d", i), 0))
	}
	for _, tt := range []struct {
		name    string
		gs      []gstack
		has     []string
		hasNot  []string
		maxSize int
	}{
		{"one", []gstack{g(7, "chan send", "produce", 1)}, []string{"goroutine 7 [chan send]:\nmain.produce(0x1)"}, []string{"like this", "more"}, 200},
		{"same place, other arguments and creators, other waits", append(many(3, "consume"), g(5, "chan receive, 2 minutes", "consume", 9)),
			[]string{"4 goroutines like this one:\ngoroutine 1000 [chan receive]:"}, []string{"goroutine 1001", "more"}, 300},
		{"largest group first", append([]gstack{g(7, "chan send", "produce", 1)}, many(2, "consume")...),
			[]string{"2 goroutines like this one:\ngoroutine 1000 [chan receive]:\nmain.consume(0x0)\n\t/tmp/main.go:12 +0x1d\ncreated by main.run in goroutine 1100\n\t/tmp/main.go:9 +0x2f\n\ngoroutine 7 [chan send]:"}, nil, 500},
		{"other states are other places", []gstack{g(7, "chan send", "produce", 1), g(8, "chan receive", "produce", 1)},
			[]string{"goroutine 7 [chan send]", "goroutine 8 [chan receive]"}, []string{"like this"}, 500},
		{"100 000 in one place", many(100_000, "consume"), []string{"100000 goroutines like this one:"}, []string{"goroutine 1001 ", "more"}, 300},
		{"30 places", places, []string{"goroutine 29 [select]", "… and 10 more goroutines, in 10 other places."}, []string{"goroutine 30 "}, 20*140 + 100},
	} {
		got := stacks(tt.gs)
		says.Check(t, tt.name, got, tt.has, tt.hasNot)
		if len(got) > tt.maxSize {
			t.Errorf("%s: stacks are %d bytes; want at most %d", tt.name, len(got), tt.maxSize)
		}
	}
}

func TestParseStacks(t *testing.T) {
	const two = "goroutine 1 [running]:\nmain.main()\n\t/tmp/main.go:5 +0x1d\n\n" +
		"goroutine 7 [chan receive]:\nmain.f()\n\t/tmp/main.go:9 +0x1d\ncreated by main.main in goroutine 1\n\t/tmp/main.go:6 +0x2f\n"
	for _, tt := range []struct {
		name string
		buf  string
		full bool
		ids  []int64
	}{
		{"all", two, false, []int64{1, 7}},
		{"a full buffer: the last may be cut short", two[:len(two)-20], true, []int64{1}},
		{"empty", "", false, nil},
	} {
		gs := parseStacks([]byte(tt.buf), tt.full)
		var ids []int64
		for _, g := range gs {
			ids = append(ids, g.id)
		}
		if !slices.Equal(ids, tt.ids) {
			t.Errorf("%s: goroutines %v; want %v", tt.name, ids, tt.ids)
		}
		if len(gs) == 2 && gs[1].parent != 1 {
			t.Errorf("%s: parent of goroutine 7 = %d; want 1", tt.name, gs[1].parent)
		}
	}
}

func TestWaits(t *testing.T) {
	for _, tt := range []struct {
		stacks string
		want   []Wait
	}{
		{"goroutine 7 [chan send]:\nmain.f()\n\ngoroutine 8 [chan send, 2 minutes]:\nmain.f()", []Wait{{"chan send", 2}}},
		{"3 goroutines like this one:\ngoroutine 7 [chan send]:\nmain.f()\n\ngoroutine 9 [select]:\nmain.g()",
			[]Wait{{"chan send", 3}, {"select", 1}}},
		{"goroutine 9 [select]:\n\n2 goroutines like this one:\ngoroutine 7 [chan receive]:\n\ngoroutine 10 [select, 1 minutes]:",
			[]Wait{{"select", 2}, {"chan receive", 2}}},
		{"", nil},
		{"no stacks here", nil},
	} {
		if got := Waits(tt.stacks); !slices.Equal(got, tt.want) {
			t.Errorf("Waits(%q) = %v; want %v", tt.stacks, got, tt.want)
		}
	}
}
