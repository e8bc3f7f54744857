package future

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAwait(t *testing.T) {
	release := make(chan struct{})
	f := Go(context.Background(), func(context.Context) (int, error) { <-release; return 42, nil })
	if f.Ready() {
		t.Error("Ready before the result")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	if _, err := f.Await(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Await before the result, with a deadline: %v; want DeadlineExceeded", err)
	}
	cancel()
	close(release)
	var wg sync.WaitGroup
	for range 4 { // several awaiters get the same result
		wg.Go(func() {
			if v, err := f.Await(context.Background()); v != 42 || err != nil {
				t.Errorf("Await = %d, %v; want 42", v, err)
			}
		})
	}
	wg.Wait()
	if !f.Ready() {
		t.Error("not Ready after the result")
	}
	if _, err := Go[int](context.Background(), nil).Await(context.Background()); err == nil {
		t.Error("a nil function's future has no error")
	}
}

// A future nobody awaits does not leak: its goroutine's send never waits (goleak checks at the end).
func TestUnawaited(t *testing.T) {
	Go(context.Background(), func(context.Context) (int, error) { return 1, nil })
	time.Sleep(10 * time.Millisecond)
}

func TestAll(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	fast := Go(ctx, func(context.Context) (string, error) { return "fast", nil })
	slow := Go(ctx, func(ctx context.Context) (string, error) { <-ctx.Done(); return "", ctx.Err() })
	vs, errs := All(ctx, fast, slow, nil)
	if vs[0] != "fast" || errs[0] != nil || errs[1] == nil || errs[2] == nil {
		t.Errorf("All = %q, %v; want fast, then two errors", vs, errs)
	}
}

func TestDemo(t *testing.T) {
	res, err := Demo{Lookups: []time.Duration{2 * time.Millisecond, 4 * time.Millisecond, 30 * time.Millisecond}, Deadline: 10 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 3 {
		t.Fatalf("%d runs; want 3", len(res.Runs))
	}
	// Every way gets the two fast answers; only the deadline way gives up on the slow one.
	for _, r := range res.Runs {
		if r.Answers[0] != "answer 1" || r.Answers[1] != "answer 2" {
			t.Errorf("%v: answers %q", r.Way, r.Answers)
		}
		late := r.Errs[2] != nil
		if late != (r.Way == WithDeadline) {
			t.Errorf("%v: the slow lookup's error %v", r.Way, r.Errs[2])
		}
		lanes := map[int]bool{}
		for _, s := range r.Spans {
			lanes[s.Lane] = true
			if s.End < s.Start {
				t.Errorf("%v: span %+v ends before it starts", r.Way, s)
			}
		}
		if len(lanes) != 4 {
			t.Errorf("%v: spans on %d lanes; want the caller and 3 lookups", r.Way, len(lanes))
		}
	}
	// One after another takes at least the sum of the lookups (36 ms): a lower bound, not a timing.
	if e := res.Runs[0].Elapsed; e < 36*time.Millisecond {
		t.Errorf("one after another took %v; it cannot take less than the sum, 36ms", e)
	}
	if d := res.Describe(); !strings.Contains(d, "2 of 3 answers in time") {
		t.Errorf("Describe() = %q", d)
	}
	for _, bad := range []Demo{{Lookups: make([]time.Duration, 9)}, {Lookups: []time.Duration{-1}}, {Deadline: -1}, {Deadline: time.Hour}} {
		if _, err := bad.Run(context.Background()); err == nil {
			t.Errorf("Demo %+v: no error", bad)
		}
	}
}

// TestPanic: a panic in f is the Future's error, not the end of the program; so is runtime.Goexit.
func TestPanic(t *testing.T) {
	boom := errors.New("boom")
	for _, c := range []struct {
		name  string
		f     func(context.Context) (int, error)
		value any
		msg   string
	}{
		{"panic(string)", func(context.Context) (int, error) { panic("no value yet") }, "no value yet", "panicked: no value yet"},
		{"panic(error)", func(context.Context) (int, error) { panic(boom) }, boom, "panicked: boom"},
		{"Goexit", func(context.Context) (int, error) { runtime.Goexit(); return 1, nil }, nil, "runtime.Goexit"},
	} {
		v, err := Go(context.Background(), c.f).Await(context.Background())
		var pe *PanicError
		if v != 0 || !errors.As(err, &pe) || pe.Value != c.value || !strings.Contains(err.Error(), c.msg) || !strings.Contains(pe.Stack, "future_test.go") {
			t.Errorf("%s: Await = %d, %v; want 0 and a *PanicError saying %q, with the stack", c.name, v, err, c.msg)
		}
	}
	if _, err := Go(context.Background(), func(context.Context) (int, error) { panic(boom) }).Await(context.Background()); !errors.Is(err, boom) {
		t.Errorf("panic(boom): errors.Is(%v, boom) is false; want the panic's error unwrapped", err)
	}
}
