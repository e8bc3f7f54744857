package machines

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// kneeCase is a simulated machine of the exercise: Model's capacity, with a serial fraction s, measured
// at N = 1 … 2 × its logical CPUs with a little noise.
type kneeCase struct {
	m Model
	s float64
}

// kneeCases are the simulated machines CheckKnee asks about: with and without hardware threads,
// small and large, with the serial fractions and SMT gains real programs show. Every one has a knee:
// below it each worker adds at least 0.7 of a core's speedup, above it at most 0.35.
var kneeCases = []kneeCase{
	{Model{Cores: 4, Threads: 2, Yield: 0.3}, 0},
	{Model{Cores: 8, Threads: 2, Yield: 0.2}, 0.005},
	{Model{Cores: 6, Threads: 2, Yield: 0.35}, 0.01},
	{Model{Cores: 16, Threads: 1}, 0.003},
	{Model{Cores: 12, Threads: 2, Yield: 0.15}, 0.002},
	{Model{Cores: 2, Threads: 2, Yield: 0.3}, 0},
	{Model{Cores: 24, Threads: 2, Yield: 0.25}, 0.001},
}

// speedups simulates the case's sweep: S(N) = 1/(s + (1−s)/Capacity(N)) at N = 1 … 2 × logical CPUs,
// each value off by up to ±0.03 (deterministic noise, small against the slopes: 1 before the knee,
// at most 0.35 after), with a ±2% interval.
func (k kneeCase) speedups(seed uint64) []scaling.Point {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var pts []scaling.Point
	for n := 1; n <= 2*k.m.Logical(); n++ {
		s := 1 / (k.s + (1-k.s)/k.m.Capacity(float64(n)))
		if n > 1 {
			s += 0.06 * (rng.Float64() - 0.5)
		}
		pts = append(pts, scaling.Point{N: n, Value: s, Lower: 0.98 * s, Upper: 1.02 * s})
	}
	return pts
}

// CheckKnee checks the learner's function that reads a machine's physical cores from its speedup
// curve. It shows the function the speedups of simulated machines (N = 1, 2, … up to twice their
// logical CPUs, each off by up to ±0.03, from [Model]'s capacity with a small serial fraction), and
// passes when it returns every machine's physical cores: the last N before the curve's slope drops
// from about one more core per worker to a hardware thread's share of one, or to nothing.
func CheckKnee(physicalCores func(speedups []scaling.Point) int) check.Result {
	return checkKnee(physicalCores, 10*time.Second)
}

func checkKnee(f func([]scaling.Point) int, limit time.Duration) check.Result {
	if f == nil {
		return check.NotYet("The function is nil.", "Pass your function: machines.CheckKnee(physicalCores).")
	}
	var right []string
	for i, k := range kneeCases {
		pts := k.speedups(uint64(i + 1))
		got, err := check.Call(limit, func() int { return f(slices.Clone(pts)) })
		what := fmt.Sprintf("physicalCores(the speedups of a simulated machine with %s)", k.m)
		if err != nil {
			return check.Explain(what, err)
		}
		if got == k.m.Cores {
			right = append(right, fmt.Sprintf("%d×%d", k.m.Cores, k.m.Threads))
			continue
		}
		return check.NotYet(fmt.Sprintf("For a simulated machine with %s, measured at N = 1 … %d, your function said %d; it has %d physical cores.",
			k.m, len(pts), got, k.m.Cores), kneeHint(k, pts, got)).WithDetail("the speedups it was given", table(pts))
	}
	return check.Pass(fmt.Sprintf("Right for all %d simulated machines (cores × threads: %s): the slope of the speedup drops at the physical cores, "+
		"where each extra worker stops getting a core of its own and gets only a busy core's next hardware thread — or, without "+
		"hardware threads, nothing.", len(kneeCases), strings.Join(right, ", ")))
}

// kneeHint diagnoses a wrong answer got for the case k, whose points are pts.
func kneeHint(k kneeCase, pts []scaling.Point, got int) string {
	last := pts[len(pts)-1].N
	switch {
	case got == last:
		return "That is the largest N measured — where the sweep stopped, not where the cores end. Walk along the points and compare each speedup with the one before: up to the physical cores it grows by about 1 per worker."
	case got == k.m.Logical() && k.m.Threads > 1:
		return fmt.Sprintf("%d is the number of logical CPUs (hardware threads): from %d to %d workers the speedup still grows, but by only about %.2f per worker, because each extra worker shares a busy core. The physical cores end where the slope first drops.",
			got, k.m.Cores, got, k.m.Yield)
	case got == k.m.Cores+1:
		return fmt.Sprintf("One too many: the speedup from N = %d to %d already grew by much less than 1. Return the last N before the drop, not the first after it.", k.m.Cores, k.m.Cores+1)
	case got == k.m.Cores-1:
		return fmt.Sprintf("One too few: the step from N = %d to %d still adds about a whole core. Return the last N whose step still did.", k.m.Cores-1, k.m.Cores)
	case got < 1 || got > last:
		return fmt.Sprintf("%d is not one of the N measured (1 … %d): return the N of the point where the slope drops.", got, last)
	case got == best(pts):
		return "That is where the speedup is largest; past the logical CPUs the curve is flat, so the largest value falls anywhere on the flat part, by noise. Look for where the slope drops, not for the top."
	}
	return "Compute the slope between neighbouring points, speedup(N) − speedup(N−1): about 1 (a whole core) up to the physical cores, clearly less after. Return the last N before it drops below, say, one half."
}

// best returns the N of the largest value.
func best(pts []scaling.Point) int {
	b := pts[0]
	for _, p := range pts {
		if p.Value > b.Value {
			b = p
		}
	}
	return b.N
}

// table shows points as "N  speedup" lines.
func table(pts []scaling.Point) string {
	var b strings.Builder
	b.WriteString("   N  speedup\n")
	for _, p := range pts {
		fmt.Fprintf(&b, "%4d  %7.3f\n", p.N, p.Value)
	}
	return b.String()
}
