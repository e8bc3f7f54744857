package roofline

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRoofModel(t *testing.T) {
	r := Roof{Ops: bench.Interval{Value: 20}, Bandwidth: bench.Interval{Value: 10}}
	for _, tc := range []struct {
		ai, want float64
		bound    Bound
	}{{0.125, 1.25, MemoryBound}, {1, 10, MemoryBound}, {2, 20, ComputeBound}, {100, 20, ComputeBound}, {math.Inf(1), 20, ComputeBound}} {
		if got := r.Attainable(tc.ai); got != tc.want {
			t.Errorf("Attainable(%v) = %v; want %v", tc.ai, got, tc.want)
		}
		if got := r.Bound(tc.ai); got != tc.bound {
			t.Errorf("Bound(%v) = %v; want %v", tc.ai, got, tc.bound)
		}
	}
	if r.Ridge() != 2 {
		t.Errorf("Ridge() = %v; want 2", r.Ridge())
	}
	if b := (Roof{}).Bound(1); b != 0 || b.String() != "unknown" {
		t.Errorf("an unmeasured roof bounds %v", b)
	}
	if b := r.Bound(math.NaN()); b != 0 {
		t.Errorf("Bound(NaN) = %v", b)
	}
}

func TestComputeLoop(t *testing.T) {
	// Each chain converges to 1 (the fixed point of x = 0.999x + 0.001): the sum tends to 12.
	if got := computeLoop(1<<16, 0.999, 0.001); math.Abs(got-12) > 1e-6 {
		t.Errorf("computeLoop = %v; want 12 within 1e-6", got)
	}
}

func TestMeasureRoof(t *testing.T) {
	var calls int
	r, err := MeasureRoof(context.Background(), RoofConfig{Iterations: 1 << 16, TriadN: 1 << 16, Progress: func(bench.Progress) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if calls != 4*7 {
		t.Errorf("%d progress calls; want 4 × 7", calls)
	}
	for name, iv := range map[string]bench.Interval{"Ops": r.Ops, "OpsOne": r.OpsOne, "Bandwidth": r.Bandwidth, "BandwidthOne": r.BandwidthOne} {
		if !(iv.Value > 0) || !iv.Known() {
			t.Errorf("%s = %+v; want a positive rate with an interval", name, iv)
		}
	}
	if !(r.Ridge() > 0) || r.Partial {
		t.Errorf("roof %v; want a ridge and a complete result", r)
	}
}

func TestMeasureRoofCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(30 * time.Millisecond); cancel() }()
	start := time.Now()
	r, err := MeasureRoof(ctx, RoofConfig{Iterations: maxIterations, TriadN: 1 << 20, Trials: 100})
	if !errors.Is(err, context.Canceled) || !r.Partial {
		t.Errorf("cancelled: %v, partial %v; want context.Canceled, partial", err, r.Partial)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("cancelled MeasureRoof took %v", took)
	}
}

// TestPolyN: the polynomial's arrays outgrow the largest cache (4 ×, 2 × in quick mode) within a
// quarter of the memory. Sizes: this VM's 32 MiB L3, a laptop's 8 MiB, a server's 256 MiB.
func TestPolyN(t *testing.T) {
	for _, c := range []struct {
		llc   int64
		avail uint64
		quick bool
		want  int
	}{
		{32 << 20, 0, false, 1 << 23},        // 128 MiB = 4 × 32 MiB
		{32 << 20, 0, true, 1 << 22},         // 64 MiB = 2 × 32 MiB
		{8 << 20, 0, true, 1 << 20},          // 16 MiB already 2 × 8 MiB
		{8 << 20, 0, false, 1 << 22},         // 64 MiB ≥ 32 MiB: the start
		{0, 0, false, 1 << 22},               // no caches reported
		{256 << 20, 0, false, 1 << 26},       // 1 GiB = 4 × 256 MiB
		{2 << 30, 0, false, 1 << 27},         // capped at 2²⁷
		{256 << 20, 1 << 30, false, 1 << 24}, // a quarter of 1 GiB: 256 MiB of arrays
	} {
		if got := polyN(c.llc, c.avail, c.quick); got != c.want {
			t.Errorf("polyN(llc %d, avail %d, quick %v) = %d; want %d", c.llc, c.avail, c.quick, got, c.want)
		}
	}
}
