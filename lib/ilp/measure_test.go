package ilp

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestKernelsAgree: every kernel adds the same numbers, in another order, so they agree to rounding
// (values in [0, 1): relative 1e-12 is far above n·2⁻⁵³ for n ≤ 4099), tails included.
func TestKernelsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 17, 4099} {
		a, b := Vectors(n)
		s, d := Sum1(a), Dot1(a, b)
		for _, k := range kernels() {
			got, want := 0.0, s
			if k.sum != nil {
				got = k.sum(a)
			} else {
				got, want = k.dot(a, b), d
			}
			if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("n=%d: %s = %v; want %v to rounding", n, k.name, got, want)
			}
		}
	}
}

func TestMeasure(t *testing.T) {
	var calls int
	res, err := Measure(context.Background(), Config{Length: 64, Reps: 10, Trials: 6, Progress: func(bench.Progress) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Kernels) != 7 || calls != 7*7 {
		t.Fatalf("%d kernels, %d progress calls; want 7 and 7 × (1 + 6)", len(res.Kernels), calls)
	}
	for _, k := range res.Kernels {
		if !(k.OpsPerNs.Value > 0) || !k.OpsPerNs.Known() || k.VsPlain.Value <= 0 {
			t.Errorf("%s: ops/ns %+v, vs plain %+v; want positive, with an interval", k.Name, k.OpsPerNs, k.VsPlain)
		}
		if p, _ := res.Find(map[string]string{"sum": "sum, 1 accumulator", "dot product": "dot, plain loop"}[k.Family]); math.Abs(k.Gain-k.OpsPerNs.Value/p.OpsPerNs.Value) > 1e-9*k.Gain {
			t.Errorf("%s: Gain %v; want the ratio of the bars, %v / %v", k.Name, k.Gain, k.OpsPerNs.Value, p.OpsPerNs.Value)
		}
		if (k.Accumulators == 1 && !k.SIMD && strings.Contains(k.Name, "1 acc")) && !(k.VsPlain.Low <= 1 && 1 <= k.VsPlain.High) {
			t.Errorf("%s against itself: %+v; want an interval holding 1", k.Name, k.VsPlain)
		}
	}
	if d := res.Describe(); !strings.Contains(d, "one accumulator") || !strings.Contains(d, "floats.Dot") {
		t.Errorf("Describe() = %q; want the sum and floats.Dot described", d)
	}
	if g, ok := res.Find("dot, gonum floats.Dot"); !ok || g.SIMD != DotAssembly() {
		t.Errorf("floats.Dot kernel %+v; want SIMD = %v on %s", g, DotAssembly(), res.Arch)
	}
}

func TestMeasureCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := Measure(ctx, Config{Length: maxLength, Reps: 4000, Trials: 6})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Measure: error %v; want context.Canceled", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("cancelled Measure took %v to return", took)
	}
}

func TestConfigRefused(t *testing.T) {
	for _, tc := range []struct {
		cfg   Config
		field string
	}{
		{Config{Length: 7}, "Length"}, {Config{Length: maxLength + 1}, "Length"}, {Config{Length: -1}, "Length"},
		{Config{Reps: -1}, "Reps"}, {Config{Reps: maxReps + 1}, "Reps"},
		{Config{Length: maxLength, Reps: 5000}, "Reps × Length"},
		{Config{Trials: 5}, "Trials"}, {Config{Trials: 1001}, "Trials"},
	} {
		_, err := Measure(context.Background(), tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("Measure(%+v) = %v; want an error naming %s", tc.cfg, err, tc.field)
		}
	}
}

func BenchmarkKernels(b *testing.B) {
	x, y := Vectors(defaultLen)
	for _, k := range kernels() {
		b.Run(strings.NewReplacer(", ", "-", " ", "-", "(", "", ")", "").Replace(k.name), func(b *testing.B) {
			for b.Loop() {
				if k.sum != nil {
					k.sum(x)
				} else {
					k.dot(x, y)
				}
			}
		})
	}
}

// TestDescribeGain: the sentence's headline gain is the ratio of the bars the chart draws (8.53 / 2.15,
// from a 2-core VM's run), and the round-by-round median comes with its interval, named as such.
func TestDescribeGain(t *testing.T) {
	iv := func(v, lo, hi float64) bench.Interval { return bench.Interval{Value: v, Low: lo, High: hi} }
	r := Result{Kernels: []Kernel{
		{Name: "sum, 1 accumulator", Family: "sum", Accumulators: 1, OpsPerNs: iv(2.15, 2, 2.3), Gain: 1, VsPlain: iv(1, 0.9, 1.1)},
		{Name: "sum, 8 accumulators", Family: "sum", Accumulators: 8, OpsPerNs: iv(8.53, 8, 9), Gain: 8.53 / 2.15, VsPlain: iv(3.8, 2.5, 4.4)},
	}}
	d := r.Describe()
	for _, w := range []string{"**8.53** — **4.0×** as many", "compared round by round, 3.8×, 95% interval 2.5–4.4×"} {
		if !strings.Contains(d, w) {
			t.Errorf("Describe() = %q; want it to contain %q", d, w)
		}
	}
}
