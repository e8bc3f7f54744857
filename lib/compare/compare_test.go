package compare

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

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
		{"one impl", 6, []Impl{ok}, "1 implementations given; want at least 2"},
		{"few trials", 5, []Impl{ok, ok}, "trials = 5 is not allowed: want at least 6"},
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
