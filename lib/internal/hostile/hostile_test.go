package hostile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

var sink []byte

// fakes are entry points that misbehave in each way the harness must catch, and some that behave.
func fakes() []struct {
	c    Case
	want string // substring of the problem; "" means no problem
} {
	return []struct {
		c    Case
		want string
	}{
		{Case{Name: "refuses", Param: "n", Call: func(context.Context) error {
			return errors.New("n = -1 is not allowed: want at least 1")
		}}, ""},
		{Case{Name: "accepts documented", Param: "n", Accepts: true, Call: func(context.Context) error { return nil }}, ""},
		{Case{Name: "accepts silently", Param: "n", Call: func(context.Context) error { return nil }}, "accepted the input silently"},
		{Case{Name: "wrong param", Param: "workers", Call: func(context.Context) error {
			return errors.New("n = -1 is not allowed")
		}}, `does not name the parameter "workers"`},
		{Case{Name: "panics", Param: "n", Call: func(context.Context) error {
			var xs []int
			_ = xs[5]
			return nil
		}}, "panicked: runtime error: index out of range"},
		{Case{Name: "fatal", Param: "n", Call: func(context.Context) error {
			var m = map[int]int{}
			done := make(chan bool)
			for range 2 { // concurrent map writes: a fatal error no recover catches
				go func() {
					for i := range 1 << 22 {
						m[i] = i
					}
					done <- true
				}()
			}
			<-done
			<-done
			return nil
		}}, "the process died"},
		{Case{Name: "allocates", Param: "n", MaxHeap: 64 << 20, Call: func(context.Context) error {
			for range 64 {
				sink = append(sink, make([]byte, 8<<20)...)
			}
			return errors.New("n: done")
		}}, "over its cap"},
		{Case{Name: "leaks", Param: "n", Call: func(context.Context) error {
			ch := make(chan int)
			go func() { ch <- 1 }() // nobody receives
			return errors.New("n = 0 is not allowed")
		}}, "left goroutines running"},
		{Case{Name: "stops", Param: "n", Interrupt: 50 * time.Millisecond, Call: func(ctx context.Context) error {
			<-ctx.Done()
			return fmt.Errorf("stopped: %w", ctx.Err())
		}}, ""},
		{Case{Name: "ignores cancel", Param: "n", Interrupt: 50 * time.Millisecond, Call: func(ctx context.Context) error {
			<-ctx.Done()
			time.Sleep(StopWithin + 500*time.Millisecond)
			return ctx.Err()
		}}, "after its context was cancelled"},
	}
}

// TestJudge starts each fake in a child process and checks that the harness names what went wrong.
func TestJudge(t *testing.T) {
	fs := fakes()
	if _, ok := os.LookupEnv(envCase); ok {
		var cases []Case
		for _, f := range fs {
			cases = append(cases, f.c)
		}
		Run(t, cases) // in the child: runs the one case named and exits
	}
	if testing.Short() {
		t.Skip("starts a child process per case")
	}
	for _, f := range fs {
		t.Run(f.c.Name, func(t *testing.T) {
			t.Parallel()
			got := judge(f.c, "TestJudge")
			switch {
			case f.want == "" && got != "":
				t.Errorf("judge = %q, want no problem", got)
			case f.want != "" && !strings.Contains(got, f.want):
				t.Errorf("judge = %q, want a problem containing %q", got, f.want)
			}
		})
	}
}
