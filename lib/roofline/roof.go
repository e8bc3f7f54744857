package roofline

import (
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/bench"
)

// Bound says what limits a kernel under the roofline.
type Bound int

const (
	// MemoryBound: the kernel's intensity is below the ridge; bandwidth limits it.
	MemoryBound Bound = iota + 1
	// ComputeBound: at or above the ridge; arithmetic limits it.
	ComputeBound
)

func (b Bound) String() string {
	switch b {
	case MemoryBound:
		return "memory-bound"
	case ComputeBound:
		return "compute-bound"
	}
	return "unknown"
}

// Roof is a machine's two ceilings on all its cores.
type Roof struct {
	// Ops is peak floating-point operations per ns on Threads goroutines (the FMA loop), median and
	// 95% interval; 1 op/ns = 1 GFLOP/s.
	Ops bench.Interval
	// Bandwidth is peak bytes per ns (= GB/s) of the STREAM triad on Threads goroutines, median and
	// 95% interval.
	Bandwidth bench.Interval
	// OpsOne and BandwidthOne are the same on one goroutine: how much of each one core reaches.
	OpsOne, BandwidthOne bench.Interval
	Threads              int // goroutines: GOMAXPROCS
	// TriadBytes is the size of the triad's three arrays together.
	TriadBytes int64
	Env        bench.Env
	Partial    bool // interrupted: some of the above are missing
}

// Ridge is the intensity, in operations per byte, where the two roofs meet: P/B.
func (r Roof) Ridge() float64 {
	if r.Bandwidth.Value <= 0 {
		return math.NaN()
	}
	return r.Ops.Value / r.Bandwidth.Value
}

// Attainable is min(P, I·B): the most operations per ns a kernel of intensity I (ops per byte) can
// reach on this machine's cores.
func (r Roof) Attainable(intensity float64) float64 {
	return math.Min(r.Ops.Value, intensity*r.Bandwidth.Value)
}

// Bound is MemoryBound below the ridge, ComputeBound at or above it; 0 when the roof is not measured
// or intensity is not a positive number (+Inf, no memory traffic at all, is compute-bound).
func (r Roof) Bound(intensity float64) Bound {
	if !(r.Ops.Value > 0 && r.Bandwidth.Value > 0) || !(intensity > 0) {
		return 0
	}
	if intensity < r.Ridge() {
		return MemoryBound
	}
	return ComputeBound
}

// String gives the roof in one line.
func (r Roof) String() string {
	return fmt.Sprintf("peak %.1f GFLOP/s (%.2f on one goroutine), peak %.1f GB/s (%.1f on one goroutine), on %d goroutines: ridge at %.2f flop/byte",
		r.Ops.Value, r.OpsOne.Value, r.Bandwidth.Value, r.BandwidthOne.Value, r.Threads, r.Ridge())
}
