package overhead_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/overhead"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func bennyNs(v float64) bench.Interval { return bench.Interval{Value: v, Low: v * 0.9, High: v * 1.1} }

// TestMeasure checks what can be checked on any machine, busy or not: every item measured, every
// cost positive, and the orders of magnitude no machine breaks — starting a goroutine costs more than
// an uncontended atomic add (it does far more: allocate a stack, schedule, exit), and a miss costs
// more than a square.
func TestMeasure(t *testing.T) {
	var calls int
	res, err := overhead.Config{Trials: 6, Batch: 200 * time.Microsecond}.Measure(context.Background(), func(bench.Progress) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Costs), len(overhead.Names()); got != want {
		t.Fatalf("got %d costs, want %d", got, want)
	}
	for i, c := range res.Costs {
		if c.Name != overhead.Names()[i] {
			t.Errorf("cost %d is %q, want %q", i, c.Name, overhead.Names()[i])
		}
		if !(c.Ns.Value > 0) || !c.Ns.Known() || c.Ns.Low > c.Ns.Value || c.Ns.High < c.Ns.Value || c.Ops < 1 {
			t.Errorf("%s: got %+v (ops %d), want a positive median inside a known interval", c.Name, c.Ns, c.Ops)
		}
	}
	med := func(name string) float64 { c, _ := res.Get(name); return c.Ns.Value }
	if med(overhead.Spawn) <= med(overhead.Atomic) {
		t.Errorf("spawn %v ns ≤ atomic add %v ns", med(overhead.Spawn), med(overhead.Atomic))
	}
	if med(overhead.CacheMiss) <= med(overhead.Square) {
		t.Errorf("cache miss %v ns ≤ one square %v ns", med(overhead.CacheMiss), med(overhead.Square))
	}
	if want := len(res.Costs) * 8; calls != want {
		t.Errorf("progress was called %d times, want %d (calibration, warm-up, 6 trials per item)", calls, want)
	}
	if d := res.Describe(); !strings.Contains(d, "Starting a goroutine") || !strings.Contains(d, "squares") {
		t.Errorf("Describe() = %q; want the spawn cost in squares", d)
	}
}

func TestMeasureCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := overhead.Config{}.Measure(ctx, nil)
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
		t.Fatalf("got %+v, %v; want a partial result and context.Canceled", res, err)
	}
	if w := res.Warnings(); len(w) == 0 || !strings.Contains(strings.Join(w, " "), "stopped") {
		t.Errorf("Warnings() = %q; want a sentence saying it stopped", w)
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []struct {
		cfg  overhead.Config
		want string
	}{
		{overhead.Config{Trials: 5}, "Trials = 5"},
		{overhead.Config{Trials: -1}, "Trials = -1"},
		{overhead.Config{Trials: 1001}, "Trials = 1001"},
		{overhead.Config{Batch: time.Microsecond}, "Batch = 1µs"},
		{overhead.Config{Batch: time.Hour}, "Batch = 1h0m0s"},
	} {
		_, err := c.cfg.Measure(context.Background(), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want an error naming %q", c.cfg, err, c.want)
		}
	}
}

func TestBreakEven(t *testing.T) {
	res := &overhead.Result{Costs: []overhead.Cost{{Name: overhead.RoundTrip, Ns: bennyNs(300), Samples: []float64{300}}}}
	for _, c := range []struct {
		cores int
		want  string
	}{{1, "never"}, {2, "300 ns"}, {3, "150 ns"}, {7, "50 ns"}} {
		ns, ok := res.BreakEven(overhead.RoundTrip, c.cores)
		if got := overhead.Ns(ns); !ok || got != c.want {
			t.Errorf("BreakEven(round trip, %d) = %s, %v; want %s", c.cores, got, ok, c.want)
		}
	}
	if _, ok := res.BreakEven(overhead.Spawn, 2); ok {
		t.Error("BreakEven of an item not measured: got ok, want false")
	}
	var nilRes *overhead.Result
	if _, ok := nilRes.BreakEven(overhead.Spawn, 2); ok || nilRes.Warnings() != nil {
		t.Error("a nil Result must have no break-even and no warnings")
	}
	if d := nilRes.Describe(); !strings.Contains(d, "no measurement") {
		t.Errorf("nil Describe() = %q", d)
	}
}

func TestNs(t *testing.T) {
	for _, c := range []struct {
		ns   float64
		want string
	}{{0.7123, "0.712 ns"}, {331.4, "331 ns"}, {12_400, "12.4 µs"}, {3.2e6, "3.2 ms"}} {
		if got := overhead.Ns(c.ns); got != c.want {
			t.Errorf("Ns(%v) = %q, want %q", c.ns, got, c.want)
		}
	}
}

// TestDescribeBreakEven: on one core the break-even is +Inf and the sentence says splitting never
// pays, in words ("a task needs more than never" was the old template); on more cores it names the work.
func TestDescribeBreakEven(t *testing.T) {
	r := &overhead.Result{Costs: []overhead.Cost{{Name: overhead.Spawn, Ns: bench.Interval{Value: 300}, Samples: []float64{300}}}}
	for _, tt := range []struct {
		cores int
		want  string
	}{
		{1, "on one core: **never** — nothing runs in parallel"},
		{2, "on 2 cores: a task needs more than **300 ns** of work."},
		{16, "on 16 cores: a task needs more than **20 ns** of work."},
		{64, "on 64 cores: a task needs more than **4.76 ns** of work."},
	} {
		ns, ok := r.BreakEven(overhead.Spawn, tt.cores)
		if !ok {
			t.Fatalf("BreakEven(%q, %d) not ok", overhead.Spawn, tt.cores)
		}
		if got := overhead.DescribeBreakEven("goroutine per task", ns, tt.cores); !strings.Contains(got, tt.want) || strings.Contains(got, "than **never") {
			t.Errorf("%d cores: %q; want %q", tt.cores, got, tt.want)
		}
	}
}
