package check

import (
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
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
	release := make(chan struct{})
	defer close(release)
	start := time.Now()
	_, err := Call(50*time.Millisecond, func() int {
		for range 2 {
			go func() { <-release }()
		}
		<-release
		return 1
	})
	var te *TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("Call of a stuck function: err = %v; want a *TimeoutError", err)
	}
	if te.Limit != 50*time.Millisecond || te.Goroutines != 3 || strings.Count(te.Stacks, "[chan receive") != 3 {
		t.Errorf("TimeoutError = limit %v, %d goroutines, stacks:\n%s\nwant 50ms, 3 goroutines (the call's and the 2 it started), each waiting on a channel",
			te.Limit, te.Goroutines, te.Stacks)
	}
	if want := "the call did not return within 50ms, nor had 2 goroutines it started"; err.Error() != want {
		t.Errorf("Error() = %q; want %q", err.Error(), want)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Call took %v after a 50ms limit", took) // a bound on hanging, not a timing
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
