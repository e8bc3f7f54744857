package compare

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/parlab/parlab/lib/bench"
)

func TestMain(m *testing.M) {
	// The race detector sleeps a second as a process exits; the hostile table starts a process per
	// case, so without this it would spend minutes sleeping.
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	goleak.VerifyTestMain(m)
}

// fixed is an implementation that reports a fixed time, so medians and ratios are exact.
func fixed(name string, d time.Duration, runs *int) Impl {
	return Impl{Name: name, Time: func(context.Context) (time.Duration, error) { *runs++; return d, nil }}
}

func TestRunSummarises(t *testing.T) {
	var a, b int
	res, err := Run(context.Background(), "t", 6, 1, fixed("slow", 30*time.Millisecond, &a), fixed("fast", 10*time.Millisecond, &b))
	if err != nil {
		t.Fatal(err)
	}
	if a != 7 || b != 7 {
		t.Errorf("runs = %d, %d; want 7 each (1 warm-up + 6 trials)", a, b)
	}
	fast := res.Find("fast")
	if fast == nil || fast.Median != 10*time.Millisecond || len(fast.Samples) != 6 {
		t.Fatalf("fast = %+v, want median 10ms over 6 samples", fast)
	}
	// Every sample is the same, so the bootstrap ratio has no spread: exactly 30/10.
	if v := fast.VsFirst; v.Value != 3 || v.Low != 3 || v.High != 3 {
		t.Errorf("fast.VsFirst = %+v, want 3 (30 ms / 10 ms) with a zero-width interval", v)
	}
	if res.Partial {
		t.Error("a complete run is marked partial")
	}
}

func TestRunBadInput(t *testing.T) {
	var n int
	ok := fixed("a", time.Millisecond, &n)
	tests := []struct {
		name   string
		trials int
		impls  []Impl
		want   string
	}{
		{"one impl", 6, []Impl{ok}, "1 implementations given; want from 2 to 100"},
		{"few trials", 5, []Impl{ok, ok}, "trials = 5 is not allowed: want from 6"},
		{"many trials", 1001, []Impl{ok, ok}, "trials = 1001 is not allowed: want from 6, the fewest for a 95% interval of the median, to 1000"},
		{"zero time", 6, []Impl{ok, fixed("zero", 0, &n)}, "zero: its Time function reported 0s: want a positive duration of at most 24h0m0s"},
		{"negative time", 6, []Impl{ok, fixed("neg", -time.Second, &n)}, "neg: its Time function reported -1s: want a positive duration"},
		{"no func", 6, []Impl{ok, {Name: "x"}}, "implementation 2 needs a Name and a Run or Time function"},
	}
	for _, tt := range tests {
		_, err := Run(context.Background(), "t", tt.trials, 1, tt.impls...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestRunStopsOnErrorAndCancel(t *testing.T) {
	var n int
	boom := Impl{Name: "boom", Run: func(context.Context) error { return errors.New("checksum differs") }}
	if _, err := Run(context.Background(), "t", 6, 1, fixed("a", time.Millisecond, &n), boom); err == nil || !strings.Contains(err.Error(), "boom: checksum differs") {
		t.Errorf("err = %v, want the implementation's error named", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	stopper := Impl{Name: "stopper", Time: func(context.Context) (time.Duration, error) {
		calls++
		if calls == 4 { // warm-up, then 3 trials
			cancel()
		}
		return time.Millisecond, nil
	}}
	res, err := Run(ctx, "t", 6, 1, fixed("a", time.Millisecond, &n), stopper)
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
		t.Fatalf("after cancel: res = %+v, err = %v; want a partial result and context.Canceled", res, err)
	}
}

// TestRunInterruptedInWarmUp is issue 13's defect 8: a cancel during the warm-up gave an error with an
// empty cause; it must give a partial result carrying the context's error.
func TestRunInterruptedInWarmUp(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var n int
	killed := Impl{Name: "python", Time: func(ctx context.Context) (time.Duration, error) {
		cancel()                                        // the learner presses Interrupt while it runs …
		return 0, errors.New("python threads failed: ") // … and the killed program fails with no message
	}}
	res, err := Run(ctx, "t", 6, 1, fixed("a", time.Millisecond, &n), killed)
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial || len(res.Entries) != 2 {
		t.Fatalf("cancelled in the warm-up: %+v, %v; want a partial result with both entries and context.Canceled", res, err)
	}
}

// TestVsFirstPaired: round 2 ran while the machine was twice as slow; both sides slowed, the ratio
// of each round did not.
func TestVsFirstPaired(t *testing.T) {
	times := func(ds ...time.Duration) func(context.Context) (time.Duration, error) {
		i := 0
		return func(context.Context) (time.Duration, error) {
			d := ds[min(i, len(ds)-1)]
			i++
			return d, nil
		}
	}
	ms := time.Millisecond
	slow := Impl{Name: "slow", Time: times(30*ms, 30*ms, 60*ms, 31*ms, 30*ms, 29*ms, 30*ms)}
	fast := Impl{Name: "fast", Time: times(20*ms, 20*ms, 40*ms, 20*ms, 21*ms, 20*ms, 19*ms)}
	res, err := Run(context.Background(), "t", 6, 1, slow, fast)
	if err != nil {
		t.Fatal(err)
	}
	got := res.Find("fast").VsFirst
	if math.Abs(got.Value-1.5) > 0.03 || got.Low > got.Value || got.High < got.Value || got.Low == 0 {
		t.Errorf("fast.VsFirst = %+v; want 1.5 inside its 95%% interval", got)
	}
	if r, ok := res.Ratio("slow", "fast"); !ok || math.Abs(r.Value-1.5) > 0.03 {
		t.Errorf("Ratio(slow, fast) = %+v, %v; want 1.5", r, ok)
	}
	if _, ok := res.Ratio("slow", "nobody"); ok {
		t.Error("Ratio with a missing name gave a ratio")
	}
	if p := paired(nil, nil); p != (bench.Interval{}) {
		t.Errorf("paired of nothing = %+v; want zero", p)
	}
	if p := paired([]time.Duration{10, 20}, []time.Duration{5, 10}); p.Value != 2 || p.Low != 0 || p.High != 0 {
		t.Errorf("paired of 2 rounds = %+v; want 2 with no interval (too few rounds)", p)
	}
}

func ExampleRun() {
	// Two implementations that report their own (fixed) times, so the output is exact.
	slow := Impl{Name: "plain loop", Time: func(context.Context) (time.Duration, error) { return 8 * time.Millisecond, nil }}
	fast := Impl{Name: "SIMD", Time: func(context.Context) (time.Duration, error) { return 2 * time.Millisecond, nil }}
	res, err := Run(context.Background(), "dot product", 6, 1, slow, fast)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range res.Entries {
		fmt.Printf("%s: median %v, %.1f× the first\n", e.Name, e.Median, e.VsFirst.Value)
	}
	// Output:
	// plain loop: median 8ms, 1.0× the first
	// SIMD: median 2ms, 4.0× the first
}
