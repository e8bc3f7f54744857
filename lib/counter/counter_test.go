package counter

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestKindsCountExactly: every synchronised kind counts every increment, for more and fewer goroutines
// than shards and for zero increments.
func TestKindsCountExactly(t *testing.T) {
	cases := []struct{ goroutines, each int }{{1, 0}, {1, 1000}, {2, 5000}, {8, 3000}, {33, 101}}
	for _, k := range Kinds() {
		for _, tc := range cases {
			c := k.New(4)
			got, err := Run(c, tc.goroutines, tc.each)
			if cerr := Close(c); cerr != nil {
				t.Errorf("%s: Close: %v", k.Name, cerr)
			}
			want := int64(tc.goroutines * tc.each)
			if err != nil || got != want {
				t.Errorf("%s: Run(%d goroutines, %d each) = %d, %v; want %d, nil", k.Name, tc.goroutines, tc.each, got, err, want)
			}
		}
	}
}

func TestZeroValues(t *testing.T) {
	for name, c := range map[string]Counter{"Mutex": new(Mutex), "Atomic": new(Atomic), "Sharded": new(Sharded)} {
		c.Add(3)
		c.Add(-1)
		if got := c.Value(); got != 2 {
			t.Errorf("zero %s after Add(3), Add(-1): Value() = %d; want 2", name, got)
		}
	}
	var ch Channel // zero Channel: no owner, does nothing
	ch.Add(1)
	if got := ch.Value(); got != 0 {
		t.Errorf("zero Channel: Value() = %d; want 0", got)
	}
	if err := ch.Close(); err != nil {
		t.Errorf("zero Channel: Close() = %v; want nil", err)
	}
}

func TestChannelCloseTwiceAndAfterClose(t *testing.T) {
	c := NewChannel()
	c.Add(5)
	if got := c.Value(); got != 5 {
		t.Errorf("Value() = %d; want 5", got)
	}
	_ = c.Close()
	_ = c.Close()
	c.Add(1) // must not block
	if got := c.Value(); got != 0 {
		t.Errorf("Value() after Close = %d; want 0", got)
	}
}

func TestShardedWorkerViews(t *testing.T) {
	c := NewSharded(2)
	c.Worker(0).Add(1)
	c.Worker(1).Add(10)
	c.Worker(2).Add(100) // shares slot 0
	c.Worker(-1).Add(1000)
	if got := c.Worker(1).Value(); got != 1111 {
		t.Errorf("Value() through a view = %d; want 1111", got)
	}
	if got := len(NewSharded(0).slots); got < 1 {
		t.Errorf("NewSharded(0) has %d slots; want GOMAXPROCS (≥ 1)", got)
	}
}

func TestRunBadInput(t *testing.T) {
	cases := []struct {
		name       string
		c          Counter
		goroutines int
		each       int
		wantInErr  string
	}{
		{"nil counter", nil, 2, 10, "counter is nil"},
		{"zero goroutines", new(Atomic), 0, 10, "goroutines is 0; want at least 1"},
		{"negative goroutines", new(Atomic), -3, 10, "goroutines is -3"},
		{"negative each", new(Atomic), 2, -1, "each is -1"},
		{"too many", new(Atomic), 1 << 20, 1 << 20, "want at most"},
	}
	for _, tc := range cases {
		got, err := Run(tc.c, tc.goroutines, tc.each)
		if err == nil || !strings.Contains(err.Error(), tc.wantInErr) {
			t.Errorf("%s: Run = %d, %v; want an error containing %q", tc.name, got, err, tc.wantInErr)
		}
	}
}

func TestRunReportsPanic(t *testing.T) {
	_, err := Run(Funcs(func(int64) { panic("boom") }, func() int64 { return 0 }), 3, 1)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Run with a panicking Add: err = %v; want an error mentioning boom", err)
	}
}

func TestKindNamed(t *testing.T) {
	if k, err := KindNamed("atomic"); err != nil || k.Name != "atomic" {
		t.Errorf("KindNamed(atomic) = %q, %v; want atomic, nil", k.Name, err)
	}
	if _, err := KindNamed("spinlock"); err == nil || !strings.Contains(err.Error(), `"sharded"`) {
		t.Errorf("KindNamed(spinlock) error = %v; want one listing the kinds", err)
	}
}

// lossy drops every 10th Add without a data race, so Check's lost-update path is tested deterministically.
type lossy struct{ calls, n atomic.Int64 }

func (c *lossy) Add(d int64) {
	if c.calls.Add(1)%10 != 0 {
		c.n.Add(d)
	}
}
func (c *lossy) Value() int64 { return c.n.Load() }

// byValue has value receivers: Add changes a copy.
//
//lint:ignore U1000 the field is the learner's mistake this case imitates: a count that Add never reaches
type byValue struct{ n *int64 }

func (c byValue) Add(d int64)  {}
func (c byValue) Value() int64 { return 0 }

type doubling struct{ Atomic }

func (c *doubling) Add(d int64) { c.Atomic.Add(2 * d) }

// blocking blocks in Add until release is closed: a stand-in for a forgotten Unlock that the test can
// release afterwards, so nothing leaks.
type blocking struct {
	release chan struct{}
	Atomic
}

func (c *blocking) Add(d int64) { <-c.release; c.Atomic.Add(d) }

func TestCheck(t *testing.T) {
	small := checkConfig{goroutines: 4, each: 1000, rounds: 2, timeout: 5 * time.Second}
	for _, k := range Kinds() {
		c := k.New(4)
		v := check(c, small)
		_ = Close(c)
		if !v.Pass || !strings.HasPrefix(v.Message, "pass") {
			t.Errorf("check(%s) = %q; want a pass", k.Name, v.Message)
		}
	}
	warm := new(Atomic)
	warm.Add(41)
	if v := check(warm, small); !v.Pass {
		t.Errorf("check of a counter starting at 41 = %q; want a pass", v.Message)
	}
	fails := []struct {
		name string
		c    Counter
		want string
	}{
		{"nil", nil, "counter is nil"},
		{"lossy", new(lossy), "400 updates (10.0%) were lost"},
		{"value receiver", byValue{}, "pointer receiver"},
		{"too many", new(doubling), "more than was added"},
		//lint:ignore SA5000 the case is a counter whose Add panics
		{"panics", Funcs(func(int64) { var m map[int]int; m[0]++ }, func() int64 { return 0 }), "panicked"},
		{"nil func", Funcs(nil, func() int64 { return 0 }), "one of them is nil"},
	}
	for _, tc := range fails {
		v := check(tc.c, small)
		if v.Pass || !strings.HasPrefix(v.Message, "not yet: ") || !strings.Contains(v.Message, tc.want) {
			t.Errorf("check(%s) = %q; want a failure containing %q", tc.name, v.Message, tc.want)
		}
	}
}

func TestCheckStuckCounterDoesNotHang(t *testing.T) {
	c := &blocking{release: make(chan struct{})}
	v := check(c, checkConfig{goroutines: 3, each: 10, rounds: 1, timeout: 50 * time.Millisecond})
	close(c.release) // let the stuck goroutines finish so goleak finds none
	if v.Pass || !strings.Contains(v.Message, "mu.Unlock()") {
		t.Errorf("check(stuck counter) = %q; want a failure with a hint about Unlock", v.Message)
	}
}

func TestCheckDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full self-check")
	}
	if v := Check(new(Mutex)); !v.Pass {
		t.Errorf("Check(new(Mutex)) = %q; want a pass", v)
	}
}

// countAll is a correct learner program: goroutines share an atomic count.
func countAll(goroutines, each int) int64 {
	var n atomic.Int64
	var wg sync.WaitGroup
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	return n.Load()
}

func TestCheckProgram(t *testing.T) {
	small := checkConfig{goroutines: 4, each: 1000, rounds: 2, timeout: 5 * time.Second}
	if v := checkProgram(countAll, small); !v.Pass {
		t.Errorf("checkProgram(countAll) = %q; want a pass", v)
	}
	release := make(chan struct{})
	fails := []struct {
		name string
		f    func(int, int) int64
		want string
	}{
		{"nil", nil, "function is nil"},
		{"loses 7", func(g, e int) int64 { return int64(g*e) - 7 }, "7 updates (0.2%) were lost"},
		{"returns 0", func(int, int) int64 { return 0 }, "wg.Wait()"},
		{"too many", func(g, e int) int64 { return int64(g*e) + 1 }, "more than was added"},
		{"panics", func(int, int) int64 { panic("oops") }, "your function panicked: oops"},
		{"stuck", func(int, int) int64 { <-release; return 0 }, "did not finish"},
	}
	for _, tc := range fails {
		cfg := small
		if tc.name == "stuck" {
			cfg.timeout = 50 * time.Millisecond
		}
		v := checkProgram(tc.f, cfg)
		if v.Pass || !strings.Contains(v.Message, tc.want) {
			t.Errorf("checkProgram(%s) = %q; want a failure containing %q", tc.name, v.Message, tc.want)
		}
	}
	close(release)
}
