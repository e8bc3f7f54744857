package counter

import (
	"context"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

func TestMeasureShape(t *testing.T) {
	res, err := Measure(context.Background(), Sweep{Goroutines: []int{3}, Procs: []int{1, 2}, Ops: 3000, Trials: 6})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Costs), 4*2*2; got != want {
		t.Fatalf("got %d costs; want %d (4 kinds × goroutines 1, 3 × GOMAXPROCS 1, 2)", got, want)
	}
	for _, c := range res.Costs {
		v := c.NsPerOp
		if c.Ops != 3000 || !(0 < v.Low && v.Low <= v.Value && v.Value <= v.High) {
			t.Errorf("cost %+v; want 3000 ops and 0 < low ≤ median ≤ high", c)
		}
	}
	if _, ok := res.Cost("channel", 3, 2); !ok {
		t.Error(`Cost("channel", 3, 2) not found`)
	}
	if md := res.Markdown(); !strings.Contains(md, "| sharded | 3 | 2 |") {
		t.Errorf("Markdown lacks the sharded row:\n%s", md)
	}
}

func TestMeasureRejectsLostUpdates(t *testing.T) {
	k := Kind{Name: "lossy", New: func(int) Counter { return new(lossy) }}
	_, err := Measure(context.Background(), Sweep{Kinds: []Kind{k}, Goroutines: []int{2}, Ops: 1000, Trials: 6})
	if err == nil {
		t.Error("Measure of a counter that loses updates returned no error")
	}
}

func TestMeasureBadInput(t *testing.T) {
	cases := []struct {
		s    Sweep
		want string
	}{
		{Sweep{Ops: -1}, "Ops is -1"},
		{Sweep{Goroutines: []int{2, 0}}, "a Goroutines value is 0"},
		{Sweep{Kinds: []Kind{{Name: "x"}}}, "needs both a Name and a New"},
		{Sweep{Kinds: []Kind{Kinds()[0], Kinds()[0]}}, "appears twice"},
		{Sweep{Ops: 100, Trials: 2}, "Trials is 2; want 6 to 1000"},
		{Sweep{Procs: []int{1 << 31}}, "Procs (GOMAXPROCS) value = 2147483648 is not allowed"},
		{Sweep{Goroutines: make([]int, 33)}, "Goroutines has 33 values"},
	}
	for _, tc := range cases {
		if _, err := Measure(context.Background(), tc.s); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Measure(%+v) error = %v; want one containing %q", tc.s, err, tc.want)
		}
	}
}

func TestMeasureCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Measure(ctx, Sweep{Ops: 1 << 20}); err == nil {
		t.Error("Measure with a cancelled context returned no error")
	}
}

func TestSweepMeasureMethod(t *testing.T) {
	calls := 0
	res, err := Sweep{Kinds: Kinds()[1:2], Goroutines: []int{2}, Ops: 1000, Trials: 6}.Measure(context.Background(),
		func(bench.Progress) { calls++ })
	if err != nil || len(res.Costs) != 2 || calls == 0 {
		t.Errorf("Sweep.Measure = %d costs, %d progress calls, %v; want 2 costs, some calls, nil", len(res.Costs), calls, err)
	}
}
