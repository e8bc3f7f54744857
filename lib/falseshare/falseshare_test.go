package falseshare

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	"github.com/parlab/parlab/lib/bench"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCountersLayout(t *testing.T) {
	for _, l := range Layouts() {
		for _, n := range []int{1, 2, 3, 16} {
			c := newCounters(n, l.Stride)
			if a := uintptr(unsafe.Pointer(c.at(0))); a%128 != 0 {
				t.Errorf("%s, %d counters: first at %#x; want a multiple of 128", l.Name, n, a)
			}
			for i := 1; i < n; i++ {
				if d := uintptr(unsafe.Pointer(c.at(i))) - uintptr(unsafe.Pointer(c.at(i-1))); int(d) != l.Stride {
					t.Errorf("%s: counters %d and %d are %d bytes apart; want %d", l.Name, i-1, i, d, l.Stride)
				}
			}
		}
	}
}

func TestTaskChecksum(t *testing.T) {
	for _, l := range Layouts() {
		tk := task{l, 100_003}
		for _, w := range []int{1, 2, 7} {
			if got, err := tk.Run(context.Background(), w); err != nil || got != 100_003 {
				t.Errorf("%s on %d workers = %d, %v; want 100003, nil", l.Name, w, got, err)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (task{Layouts()[0], 1 << 20}).Run(ctx, 2); err == nil {
		t.Error("Run with a cancelled context returned no error; want context.Canceled")
	}
}

func TestBadConfig(t *testing.T) {
	cases := []struct {
		cfg  Config
		want string
	}{
		{Config{Workers: 1}, "Workers is 1; want 2 to 1024"},
		{Config{Workers: -2}, "Workers is -2"},
		{Config{Workers: 2, Ops: 1}, "Ops is 1 increments per trial; want 2"},
		{Config{Ops: maxOps + 1}, "Ops is"},
		{Config{Trials: 3}, "Trials is 3; want 6 to 1000"},
	}
	for _, tc := range cases {
		if _, err := Measure(context.Background(), tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Measure(%+v) error = %v; want one containing %q", tc.cfg, err, tc.want)
		}
	}
}

func TestMeasureShape(t *testing.T) {
	res, err := Measure(context.Background(), Config{Workers: 2, Ops: 20_000, Trials: 6})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Bars) != 2*len(Layouts()) {
		t.Fatalf("got %d bars; want %d (every layout on 1 and 2 workers)", len(res.Bars), 2*len(Layouts()))
	}
	for i, b := range res.Bars {
		wantW := 1
		if i >= len(Layouts()) {
			wantW = 2
		}
		v := b.NsPerOp
		if b.Workers != wantW || b.Layout != Layouts()[i%len(Layouts())] || !(0 < v.Low && v.Low <= v.Value && v.Value <= v.High) {
			t.Errorf("bar %d = %+v; want layout %s on %d workers with 0 < low ≤ median ≤ high", i, b, Layouts()[i%len(Layouts())].Name, wantW)
		}
	}
	if r := res.Ratio; !(0 < r.Low && r.Low <= r.Value && r.Value <= r.High) {
		t.Errorf("ratio %+v; want 0 < low ≤ value ≤ high", r)
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Measure(ctx, Config{Ops: 1 << 20, Trials: 6}); err == nil {
		t.Error("Measure with a cancelled context returned no error")
	}
}

func TestConfigMeasureMethod(t *testing.T) {
	calls := 0
	res, err := Config{Workers: 2, Ops: 10_000, Trials: 6}.Measure(context.Background(), func(bench.Progress) { calls++ })
	if err != nil || len(res.Bars) != 6 || calls == 0 {
		t.Errorf("Config.Measure = %d bars, %d progress calls, %v; want 6 bars, some calls, nil", len(res.Bars), calls, err)
	}
}
