package gpu

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

func TestDivergence(t *testing.T) {
	w, err := Divergence([]int{4, 4, 4, 4, 1, 1, 1, 9}, 4)
	if err != nil {
		t.Fatal(err)
	}
	// Warp 1: 4 lanes × 4 steps, all useful. Warp 2: 4 × 9 issued, 12 useful.
	if w.Warps != 2 || w.Useful != 28 || w.Issued != 52 || w.Steps[1] != 9 {
		t.Errorf("warps %+v; want 2 warps, 28 useful of 52 issued lane-steps", w)
	}
	if e := w.Efficiency(); math.Abs(e-28.0/52) > 1e-12 {
		t.Errorf("efficiency %v; want 28/52", e)
	}
	w, _ = Divergence([]int{5, 5, 5}, 4) // a partial last warp: its idle lane counts as issued
	if w.Issued != 20 || w.Useful != 15 {
		t.Errorf("partial warp %+v; want 15 of 20", w)
	}
	for _, bad := range [][]int{nil, {-1}, {1 << 31}} {
		if _, err := Divergence(bad, 32); err == nil {
			t.Errorf("Divergence(%v) accepted", bad)
		}
	}
	if _, err := Divergence([]int{1}, 0); err == nil || !strings.Contains(err.Error(), "warpSize") {
		t.Errorf("warp size 0: %v", err)
	}
}

func TestBranchWarps(t *testing.T) {
	alt, _ := BranchWarps(64, 32, 10, 10, func(i int) bool { return i%2 == 0 })
	same, _ := BranchWarps(64, 32, 10, 10, func(i int) bool { return i < 32 })
	if alt.Efficiency() != 0.5 || same.Efficiency() != 1 {
		t.Errorf("alternating lanes %v, whole warps %v; want 0.5 (both paths run) and 1", alt.Efficiency(), same.Efficiency())
	}
	if _, err := BranchWarps(64, 32, 1, 1, nil); err == nil {
		t.Error("nil taken accepted")
	}
}

func TestMandelbrotWork(t *testing.T) {
	w, err := MandelbrotWork(64, 36, 256)
	if err != nil || len(w) != 64*36 {
		t.Fatalf("%d pixels, %v", len(w), err)
	}
	rows, _ := Divergence(w, 32)
	shuf, _ := Divergence(Shuffled(w), 32)
	if rows.Useful != shuf.Useful || !(shuf.Efficiency() < rows.Efficiency()) {
		t.Errorf("row order %.2f, shuffled %.2f (useful %d vs %d); want the same work and less efficiency shuffled",
			rows.Efficiency(), shuf.Efficiency(), rows.Useful, shuf.Useful)
	}
	if _, err := MandelbrotWork(1<<13, 1<<12, 10); err == nil {
		t.Error("2^25 pixels accepted")
	}
}

func TestBreakEven(t *testing.T) {
	for i, o := range checkJobs(Offload{}) {
		n, err := o.BreakEven()
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			if o.GPUNs(MaxElements) < o.CPUNs(MaxElements) {
				t.Errorf("job %d: never, but the GPU is faster at MaxElements", i)
			}
			if !strings.Contains(o.Describe(), "never pays") {
				t.Errorf("job %d: %q", i, o.Describe())
			}
			continue
		}
		if !(o.GPUNs(float64(n)) < o.CPUNs(float64(n))) || (n > 1 && o.GPUNs(float64(n-1)) < o.CPUNs(float64(n-1))) {
			t.Errorf("job %d: break-even %d is not the first n where the GPU is faster", i, n)
		}
		if !strings.Contains(o.Describe(), "pays from") {
			t.Errorf("job %d: %q", i, o.Describe())
		}
	}
	// A worked case: CPU 30 ops/ns, 1000 ops and 8 bytes per element: 33.3 ns per element; GPU: 8/25 +
	// 1000/4608 = 0.537 ns; launch 10 µs: n > 10000/32.80 = 304.9, so 305.
	o := checkJobs(Offload{})[0]
	if n, _ := o.BreakEven(); n != 305 {
		t.Errorf("worked case: %d; want 305", n)
	}
	bad := o
	bad.Device.Lanes = 0
	if _, err := bad.BreakEven(); err == nil || !strings.Contains(err.Error(), "Lanes") {
		t.Errorf("Lanes = 0: %v", err)
	}
}

func TestCheckBreakEven(t *testing.T) {
	mine := Offload{Device: DefaultDevice(), CPUOps: 20, CPUGBps: 30, OpsPerElement: 200, BytesPerElement: 8}
	right := func(o Offload) int64 { n, _ := o.BreakEven(); return n }
	search := func(o Offload) int64 { // doubling and bisection, as a learner might write it
		per := o.GPUNs(1) - float64(o.Device.Launch)
		if per >= o.CPUNs(1) {
			return 0
		}
		hi := int64(1)
		for !(o.GPUNs(float64(hi)) < o.CPUNs(float64(hi))) {
			hi *= 2
		}
		lo := hi / 2
		for lo+1 < hi {
			mid := (lo + hi) / 2
			if o.GPUNs(float64(mid)) < o.CPUNs(float64(mid)) {
				hi = mid
			} else {
				lo = mid
			}
		}
		if hi == 1 || !(o.GPUNs(float64(hi-1)) < o.CPUNs(float64(hi-1))) {
			return hi
		}
		return hi - 1
	}
	for name, f := range map[string]func(Offload) int64{"BreakEven": right, "bisection": search} {
		if r := checkBreakEven(f, mine, time.Second); !r.Passed() {
			t.Errorf("%s: %v", name, r)
		}
	}
	release := make(chan struct{})
	defer func() { close(release); time.Sleep(50 * time.Millisecond) }()
	for _, tc := range []struct {
		name string
		f    func(Offload) int64
		word string
	}{
		{"nil", nil, "nil"},
		{"off by one", func(o Offload) int64 { return right(o) + 1 }, "off by one"},
		{"never zero", func(o Offload) int64 {
			n := right(o)
			if n == 0 {
				return MaxElements
			}
			return n
		}, "never pays"},
		{"always zero", func(Offload) int64 { return 0 }, "returned 0"},
		{"ignores the bus", func(o Offload) int64 {
			o.BytesPerElement = 0
			return right(o)
		}, "smallest n"},
		{"counting up forever", func(o Offload) int64 {
			for n := int64(1); ; n++ {
				if o.GPUNs(float64(n)) < o.CPUNs(float64(n)) {
					return n
				}
				select {
				case <-release:
					return 0
				default:
				}
			}
		}, "never pays"},
		{"panics", func(o Offload) int64 { var p *Offload; return int64(p.CPUOps) }, "panic"},
	} {
		r := checkBreakEven(tc.f, mine, 300*time.Millisecond)
		if r.Outcome != check.NotPassed || !strings.Contains(r.Message+" "+r.Hint, tc.word) {
			t.Errorf("%s: %v; want not yet, mentioning %q", tc.name, r, tc.word)
		}
	}
}
