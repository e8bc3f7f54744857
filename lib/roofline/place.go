package roofline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// PlaceConfig says how [Place] measures. Zero fields take the defaults in brackets.
type PlaceConfig struct {
	// Workers are the goroutine counts to time each kernel on [1, 2, 4, … up to GOMAXPROCS, and
	// GOMAXPROCS]; 1 is always added (the baseline of speedup). The kernel is placed at the most.
	Workers []int
	// Trials per configuration, as bench.Sweep allows [bench.MinTrials].
	Trials int
	// Progress, when not nil, is called as the sweep goes (see bench.Sweep).
	Progress func(bench.Progress)
}

// Placed is a kernel on the roofline.
type Placed struct {
	Kernel
	// Workers is the goroutines it was placed with: the most measured.
	Workers int
	// OpsPerNs is Ops divided by the median time on Workers goroutines, with the interval from the
	// median's (operations per ns, in the kernel's OpsUnit).
	OpsPerNs bench.Interval
	// Speedup on Workers goroutines over one, from the sweep.
	Speedup bench.Interval
	// Bound is what the roof says limits a kernel of this intensity.
	Bound Bound
	// OfRoof is OpsPerNs as a fraction of Attainable(Intensity).
	OfRoof float64
}

// Placement is what Place measured.
type Placement struct {
	Roof    Roof
	Kernels []Placed
	// Bench is the sweep: every sample, the environment and the capacity probe.
	Bench *bench.Result
}

// defaultWorkers is 1, 2, 4, … below GOMAXPROCS, and GOMAXPROCS.
func defaultWorkers() []int {
	p := runtime.GOMAXPROCS(0)
	ws := []int{1}
	for w := 2; w < p; w *= 2 {
		ws = append(ws, w)
	}
	if p > 1 {
		ws = append(ws, p)
	}
	return ws
}

// Place times every kernel on each number of workers with bench.Run (warm-up, shuffled rounds, the
// capacity probe, checksums checked) and places it at its intensity and its throughput on the most
// workers. roof must be measured (both peaks positive). When ctx is cancelled it returns the kernels
// that have a measurement on the most workers, with ctx's error.
func Place(ctx context.Context, roof Roof, ks []Kernel, cfg PlaceConfig) (Placement, error) {
	if !(roof.Ops.Value > 0 && roof.Bandwidth.Value > 0) {
		return Placement{}, errors.New("roofline: Place needs a measured roof (both peaks positive): run MeasureRoof first")
	}
	if len(ks) == 0 {
		return Placement{}, errors.New("roofline: Place was given no kernels: use Course")
	}
	tasks := make([]workload.Task, len(ks))
	for i, k := range ks {
		if k.Task == nil || !(k.Ops > 0) || k.Bytes < 0 || math.IsInf(k.Ops, 0) || math.IsNaN(k.Bytes) {
			return Placement{}, fmt.Errorf("roofline: kernel %d (%q) needs a Task, Ops > 0 and Bytes ≥ 0", i, k.Label)
		}
		tasks[i] = k.Task
	}
	ws := cfg.Workers
	if len(ws) == 0 {
		ws = defaultWorkers()
	}
	trials := cfg.Trials
	if trials == 0 {
		trials = bench.MinTrials
	}
	res, err := bench.Run(ctx, bench.Sweep{Tasks: tasks, Workers: ws, Trials: trials, Progress: cfg.Progress})
	pl := Placement{Roof: roof, Bench: res}
	if res == nil {
		return pl, err
	}
	most := 0
	for _, p := range res.Points {
		most = max(most, p.Workers)
	}
	for _, k := range ks {
		for _, p := range res.Group(k.Task.Name(), 0) {
			if p.Workers != most || p.Median <= 0 {
				continue
			}
			pk := Placed{Kernel: k, Workers: most, Speedup: p.Speedup,
				OpsPerNs: bench.Interval{Value: k.Ops / float64(p.Median)}}
			if p.HasInterval() {
				pk.OpsPerNs.Low, pk.OpsPerNs.High = k.Ops/float64(p.High), k.Ops/float64(p.Low)
			}
			pk.Bound = roof.Bound(k.Intensity())
			if a := roof.Attainable(k.Intensity()); a > 0 {
				pk.OfRoof = pk.OpsPerNs.Value / a
			}
			pl.Kernels = append(pl.Kernels, pk)
		}
	}
	return pl, err
}

// Warnings returns the sweep's warnings.
func (p Placement) Warnings() []string { return p.Bench.Warnings() }

// Describe says in sentences where each kernel sits and what its speedup did.
func (p Placement) Describe() string {
	if len(p.Kernels) == 0 {
		return "Nothing was placed."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The roof: %s. ", p.Roof)
	w := p.Kernels[0].Workers
	var mem, comp []string
	for _, k := range p.Kernels {
		in := fmt.Sprintf("%.3g %s/byte", k.Intensity(), k.OpsUnit)
		if math.IsInf(k.Intensity(), 1) {
			in = "no memory traffic"
		}
		what := fmt.Sprintf("%s (%s, %.2f×)", k.Label, in, k.Speedup.Value)
		if w <= 1 {
			what = fmt.Sprintf("%s (%s)", k.Label, in)
		}
		if k.Bound == MemoryBound {
			mem = append(mem, what)
		} else {
			comp = append(comp, what)
		}
	}
	if w <= 1 {
		if len(mem) > 0 {
			fmt.Fprintf(&b, "Below the ridge, memory-bound: %s. ", strings.Join(mem, ", "))
		}
		if len(comp) > 0 {
			fmt.Fprintf(&b, "At or above it, compute-bound: %s. ", strings.Join(comp, ", "))
		}
		b.WriteString("Each was timed on one goroutine only: with one CPU the all-cores roof is one core's, so nothing here can scale. " +
			"On a machine with more cores the compute-bound kernels would scale with the cores and the memory-bound ones would stop once their goroutines fill the shared memory bus (a model, not measured here).")
		return b.String()
	}
	if len(mem) > 0 {
		fmt.Fprintf(&b, "Below the ridge, memory-bound: %s — speedups on %s in brackets; their goroutines share one memory bus. ", strings.Join(mem, ", "), goroutines(w))
	}
	if len(comp) > 0 {
		fmt.Fprintf(&b, "At or above it, compute-bound: %s — they can scale with the cores the machine gives.", strings.Join(comp, ", "))
	}
	if c, ok := p.Bench.CapacityAt(0); ok && c.Known() {
		fmt.Fprintf(&b, " In the same rounds, %s", c)
		if c.Speedup.High < 1.5 {
			b.WriteString(": the machine gave about one core's worth during this run, so no kernel could scale here — re-run when it is quieter to see the memory-bound kernel fall behind the others.")
		} else {
			b.WriteString(".")
		}
	}
	return b.String()
}

// DescribeSpeedups says what the speedup chart of the sweep can show: on one goroutine only its
// 1× points, and what a machine with more cores would show instead; "" when kernels ran on more.
func (p Placement) DescribeSpeedups() string {
	if len(p.Kernels) == 0 || p.Kernels[0].Workers > 1 {
		return ""
	}
	return "With one CPU every kernel ran on one goroutine only, so the chart has only its 1× points and no line can flatten or climb. " +
		"On a machine with more cores the stream line would flatten once its goroutines fill the memory bus, while the compute-bound kernels " +
		"follow the capacity probe: the paragraph below describes that picture (a model, not measured here)."
}

// Measure is Place(ctx, roof, ks, c) with c.Progress set to progress, for nb.Run:
//
//	pl, err := nb.Run(roofline.PlaceConfig{}.Measure(roof, kernels))
func (c PlaceConfig) Measure(roof Roof, ks []Kernel) func(ctx context.Context, progress func(bench.Progress)) (Placement, error) {
	return func(ctx context.Context, progress func(bench.Progress)) (Placement, error) {
		if progress != nil {
			c.Progress = progress
		}
		return Place(ctx, roof, ks, c)
	}
}
