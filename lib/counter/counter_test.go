package counter

import (
	"context"
	"strings"
	"testing"

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
			got, err := Run(context.Background(), c, tc.goroutines, tc.each)
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
	c, err := NewSharded(2)
	if err != nil {
		t.Fatal(err)
	}
	c.Worker(0).Add(1)
	c.Worker(1).Add(10)
	c.Worker(2).Add(100) // shares slot 0
	c.Worker(-1).Add(1000)
	if got := c.Worker(1).Value(); got != 1111 {
		t.Errorf("Value() through a view = %d; want 1111", got)
	}
	if c, err := NewSharded(0); err != nil || len(c.slots) < 1 {
		t.Errorf("NewSharded(0) = %v; want GOMAXPROCS slots (≥ 1)", err)
	}
	if _, err := NewSharded(maxShards + 1); err == nil || !strings.Contains(err.Error(), "shards = 4097 is not allowed") {
		t.Errorf("NewSharded(4097) error = %v; want one naming shards", err)
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
		{"zero goroutines", new(Atomic), 0, 10, "goroutines is 0; want 1 to 10000"},
		{"too many goroutines", new(Atomic), 1 << 20, 0, "goroutines is 1048576; want 1 to 10000"},
		{"negative goroutines", new(Atomic), -3, 10, "goroutines is -3"},
		{"negative each", new(Atomic), 2, -1, "each is -1"},
		{"too many", new(Atomic), 1 << 10, 1 << 30, "want at most"},
	}
	for _, tc := range cases {
		got, err := Run(context.Background(), tc.c, tc.goroutines, tc.each)
		if err == nil || !strings.Contains(err.Error(), tc.wantInErr) {
			t.Errorf("%s: Run = %d, %v; want an error containing %q", tc.name, got, err, tc.wantInErr)
		}
	}
}

func TestRunReportsPanic(t *testing.T) {
	_, err := Run(context.Background(), Funcs(func(int64) { panic("boom") }, func() int64 { return 0 }), 3, 1)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Errorf("Run with a panicking Add: err = %v; want an error mentioning boom", err)
	}
}
