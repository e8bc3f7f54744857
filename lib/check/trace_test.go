package check

import (
	"errors"
	"io"
	"runtime"
	rtrace "runtime/trace"
	"strings"
	"sync"
	"testing"
	"time"
)

func spin(n int) (s int) {
	for i := range n {
		s += i * i
	}
	return s
}

var spinSink int

// The structure of a program, counted: goroutines started together are alive together, goroutines
// started one after another (each waited for) never are — on a quiet machine or a busy one.
func TestTracedMostAlive(t *testing.T) {
	var mu sync.Mutex
	work := func() {
		s := spin(100_000)
		mu.Lock()
		spinSink += s
		mu.Unlock()
	}
	for _, tt := range []struct {
		name    string
		f       func()
		started int
		most    int
	}{
		{"no goroutines", func() { work(); work() }, 0, 0},
		{"four at once", func() {
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(work)
			}
			wg.Wait()
		}, 4, 4},
		{"four, each waited for", func() {
			for range 4 {
				var wg sync.WaitGroup
				wg.Go(work)
				wg.Wait()
			}
		}, 4, 1},
		{"two that start two each, all waiting together", func() {
			var started, wg sync.WaitGroup
			release := make(chan struct{})
			started.Add(4)
			for range 2 {
				wg.Go(func() {
					var inner sync.WaitGroup
					for range 2 {
						inner.Go(func() { started.Done(); <-release })
					}
					inner.Wait()
				})
			}
			started.Wait()
			close(release)
			wg.Wait()
		}, 6, 6},
	} {
		// At GOMAXPROCS=1 only: with more Ps, a goroutine that has just called wg.Done can still be
		// returning on one P while the goroutine it waited for starts the next on another.
		_, gs, err := Traced(5*time.Second, 1, func() struct{} { tt.f(); return struct{}{} })
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if len(gs.Started) != tt.started || gs.MostAlive() != tt.most {
			t.Errorf("%s: %d started, %d alive at once; want %d, %d", tt.name, len(gs.Started), gs.MostAlive(), tt.started, tt.most)
		}
		for i, g := range gs.Started {
			if g.Alive || g.Ended < g.Created || len(g.Runs) == 0 || g.Parent >= i {
				t.Errorf("%s: goroutine %d = %+v; want it created, run and ended, after its parent", tt.name, i, g)
			}
		}
	}
}

// An owner goroutine answers every request: it runs at least once per request, between the marks.
func TestTracedMarksAndRuns(t *testing.T) {
	const requests = 20
	_, gs, err := Traced(5*time.Second, 1, func() int {
		ask := make(chan chan int)
		go func() {
			n := 0
			for reply := range ask {
				n++
				reply <- n
			}
		}()
		Mark("asking")
		for range requests {
			reply := make(chan int)
			ask <- reply
			<-reply
		}
		Mark("asked")
		close(ask)
		return 0
	})
	if err != nil {
		t.Fatal(err)
	}
	from, ok1 := gs.Mark("asking")
	to, ok2 := gs.Mark("asked")
	if !ok1 || !ok2 || from > to || len(gs.Marks) != 2 {
		t.Fatalf("marks %+v; want asking then asked", gs.Marks)
	}
	if _, ok := gs.Mark("never"); ok {
		t.Errorf("Mark(never) found")
	}
	if len(gs.Started) != 1 {
		t.Fatalf("%d goroutines started; want the owner alone", len(gs.Started))
	}
	if got := gs.Started[0].RunsBetween(from, to); got < requests {
		t.Errorf("the owner ran %d times between the marks; want at least %d (once per request)", got, requests)
	}
}

func TestTracedTimeoutRestores(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	release := make(chan struct{})
	defer close(release)
	// The goroutine says it is about to block, and the function waits for that: the limit finds it
	// started (300 ms leaves a loaded machine time to run it).
	_, gs, err := Traced(300*time.Millisecond, 1, func() int {
		ready := make(chan struct{})
		go func() { close(ready); <-release }()
		<-ready
		<-release
		return 0
	})
	var te *TimeoutError
	if !errors.As(err, &te) || te.Goroutines != 2 {
		t.Errorf("err = %v; want a *TimeoutError with 2 goroutines", err)
	}
	if len(gs.Started) != 1 || !gs.Started[0].Alive {
		t.Errorf("goroutines %+v; want the one started, still alive", gs.Started)
	}
	if rtrace.IsEnabled() || runtime.GOMAXPROCS(0) != before {
		t.Errorf("after a timeout: tracing %v, GOMAXPROCS %d; want off and %d", rtrace.IsEnabled(), runtime.GOMAXPROCS(0), before)
	}
}

func TestTracedRefuses(t *testing.T) {
	if _, _, err := Traced[int](time.Second, 1, nil); err == nil || !strings.Contains(err.Error(), "nil function") {
		t.Errorf("nil: err = %v", err)
	}
	if _, _, err := Traced(time.Second, -1, func() int { return 0 }); err == nil || !strings.Contains(err.Error(), "gomaxprocs = -1") {
		t.Errorf("gomaxprocs -1: err = %v", err)
	}
	if err := rtrace.Start(io.Discard); err != nil {
		t.Fatal(err)
	}
	_, _, err := Traced(time.Second, 1, func() int { return 0 })
	rtrace.Stop()
	if err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("with a trace running: err = %v", err)
	}
}

func TestMostAlive(t *testing.T) {
	ms := time.Millisecond
	g := func(from, to time.Duration) Goroutine { return Goroutine{Created: from * ms, Ended: to * ms} }
	for _, tt := range []struct {
		name string
		gs   []Goroutine
		want int
	}{
		{"none", nil, 0},
		{"one after another, touching", []Goroutine{g(0, 5), g(5, 10), g(10, 15)}, 1},
		{"overlapping", []Goroutine{g(0, 5), g(4, 10), g(6, 15), g(7, 8)}, 3},
		{"one still alive", []Goroutine{g(0, 5), {Created: 3 * ms, Alive: true}}, 2},
	} {
		if got := (Goroutines{Started: tt.gs}).MostAlive(); got != tt.want {
			t.Errorf("%s: MostAlive() = %d; want %d", tt.name, got, tt.want)
		}
	}
}
