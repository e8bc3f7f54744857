package machines_test

import (
	"fmt"
	"path/filepath"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/machines"
	"github.com/parlab/parlab/lib/scaling"
)

// The repository's own report, a 2-core machine: Amdahl's s is solved from its one speedup with
// N > 1, and the USL cannot be fitted at all; the comparison says both.
func ExampleCompare() {
	rep, err := bench.ReadReport(filepath.Join("..", "..", "data", "bench", "amd-epyc-2cpu-20261122-36406086.json"))
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := machines.Compare("Mandelbrot", nil, []*bench.Report{rep})
	if err != nil {
		fmt.Println(err)
		return
	}
	m := c.Machines[0]
	fmt.Println(m.Label, "·", m.Task)
	fmt.Printf("best %.2f× at N = %d; fitted up to N = %d\n", m.Best().Value, m.Best().N, m.Cores)
	fmt.Printf("Amdahl from one point: %v; USL: %s\n", m.Amdahl.Underdetermined(), m.USLWhy[:48])
	// Output:
	// AMD EPYC, 2 CPUs, 2026-11-22 · Mandelbrot, 960x540 pixels, iter=256
	// best 2.00× at N = 2; fitted up to N = 2
	// Amdahl from one point: true; USL: FitUSL needs at least 3 distinct N to fit σ, κ
}

// A machine of 4 cores with two hardware threads each: perfectly parallel work speeds up by one core per
// worker up to 4, by a quarter of a core per worker up to 8, then not at all.
func ExampleModel_Capacity() {
	m := machines.Model{Cores: 4, Threads: 2, Yield: 0.25}
	for _, n := range []float64{1, 2, 4, 6, 8, 12} {
		fmt.Printf("%g workers: %g cores' worth\n", n, m.Capacity(n))
	}
	// Output:
	// 1 workers: 1 cores' worth
	// 2 workers: 2 cores' worth
	// 4 workers: 4 cores' worth
	// 6 workers: 4.5 cores' worth
	// 8 workers: 5 cores' worth
	// 12 workers: 5 cores' worth
}

// The worker counts of the learner's sweep: every N up to the logical CPUs, then doubling.
func ExampleWorkers() {
	fmt.Println(machines.Workers(2, 0))
	fmt.Println(machines.Workers(8, 64))
	// Output:
	// [1 2 4]
	// [1 2 3 4 5 6 7 8 16 32 64]
}

// A right answer to notebook 09's exercise: the last N before the slope of the speedup drops below
// one half.
func ExampleCheckKnee() {
	physicalCores := func(speedups []scaling.Point) int {
		for i := 1; i < len(speedups); i++ {
			if speedups[i].Value-speedups[i-1].Value < 0.5 {
				return speedups[i-1].N
			}
		}
		return speedups[len(speedups)-1].N
	}
	fmt.Println(machines.CheckKnee(physicalCores).Outcome)
	// Output:
	// passed
}

// The workers that get a core each: the physical cores, within GOMAXPROCS and any CPU quota.
func ExampleCores() {
	fmt.Println(machines.Cores(bench.Env{NumCPU: 16, PhysicalCores: 8}))
	fmt.Println(machines.Cores(bench.Env{NumCPU: 16, PhysicalCores: 8, CPUQuota: 2.5}))
	fmt.Println(machines.Cores(bench.Env{NumCPU: 4}))
	// Output:
	// 8
	// 2
	// 4
}
