package roofline

import (
	"fmt"
	"math"
	"strings"

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
	return fmt.Sprintf("peak %.1f GFLOP/s (%.2f on one goroutine), peak %.1f GB/s (%.1f on one goroutine), on %s: ridge at %.2f flop/byte",
		r.Ops.Value, r.OpsOne.Value, r.Bandwidth.Value, r.BandwidthOne.Value, goroutines(r.Threads), r.Ridge())
}

// goroutines is "1 goroutine" or "n goroutines".
func goroutines(n int) string {
	if n == 1 {
		return "1 goroutine"
	}
	return fmt.Sprintf("%d goroutines", n)
}

// Describe says in sentences what the roof means: how much of the bandwidth and of the arithmetic
// of all Threads goroutines one goroutine reached, and so whether more cores add more of one than of
// the other. On one goroutine the all-cores peaks are one core's, and it says so.
func (r Roof) Describe() string {
	if !(r.Ops.Value > 0 && r.Bandwidth.Value > 0) {
		return "The roof was not measured."
	}
	if r.Threads <= 1 {
		return fmt.Sprintf("Measured here: %s. This process may use only one CPU, so the roof's all-cores peaks are one core's: "+
			"nothing below can scale, and every speedup is 1×. On a machine with more cores the arithmetic peak grows "+
			"with each core while the bandwidth stops growing after a few, so the ridge moves right (a model, not measured here).", r)
	}
	bw, ops := r.BandwidthOne.Value/r.Bandwidth.Value, r.OpsOne.Value/r.Ops.Value
	var b strings.Builder
	fmt.Fprintf(&b, "Measured here: %s. One goroutine reached **%.0f%%** of the bandwidth of all %d and **%.0f%%** of their arithmetic.",
		r, 100*bw, r.Threads, 100*ops)
	if bw > ops+0.1 {
		b.WriteString(" One core alone already takes a larger share of the memory bandwidth than of the arithmetic: the arithmetic grows with every core, the bandwidth much less.")
	} else {
		b.WriteString(" Here one goroutine's share of the bandwidth is not clearly larger than its share of the arithmetic: with few cores one core cannot fill the memory bus. On a machine with more cores the bandwidth stops growing long before the arithmetic does — the stream kernel below shows where it stands here.")
	}
	return b.String()
}
