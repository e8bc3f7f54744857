package exercise

import (
	"fmt"
	"math"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// coresCases are the questions of CheckCoresUsed: goroutines, GOMAXPROCS, logical CPUs.
var coresCases = [][3]int{
	{8, 4, 4}, {2, 4, 4}, {8, 1, 4}, {8, 8, 4}, {3, 2, 8}, {1, 1, 1}, {16, 16, 64}, {4, 6, 2},
}

// CheckCoresUsed is the self-check of notebook 03's GOMAXPROCS exercise: coresUsed(goroutines,
// gomaxprocs, cpus) must return how many cores a CPU-bound run of that many goroutines can keep busy at
// once: min(goroutines, GOMAXPROCS, CPUs) (bench.Env.CoresUsed) — the cores efficiency divides by.
// GOMAXPROCS bounds the threads executing Go code at once; the operating system runs at most one thread
// per logical CPU at once; and goroutines beyond those only take turns. It asks several questions
// through check.Call (a hang or a panic becomes a hint) and says which bound a wrong answer forgot.
func CheckCoresUsed(coresUsed func(goroutines, gomaxprocs, cpus int) int) check.Result {
	return checkCoresUsed(coresUsed, 10*time.Second)
}

func checkCoresUsed(f func(goroutines, gomaxprocs, cpus int) int, limit time.Duration) check.Result {
	if f == nil {
		return check.NotYet("coresUsed is nil.", "Define func coresUsed(goroutines, gomaxprocs, cpus int) int and pass it.")
	}
	for _, c := range coresCases {
		g, p, n := c[0], c[1], c[2]
		what := fmt.Sprintf("coresUsed(%d goroutines, GOMAXPROCS %d, %d CPUs)", g, p, n)
		got, err := check.Call(limit, func() int { return f(g, p, n) })
		if err != nil {
			return check.Explain(what, err)
		}
		want := bench.Env{NumCPU: n}.CoresUsed(g, p)
		if got == want {
			continue
		}
		hint := "Three things bound it: the goroutines (there is nothing else to run), GOMAXPROCS (threads executing Go code at " +
			"once) and the logical CPUs (threads the operating system runs at once). Which is the smallest?"
		switch {
		case got == min(g, p) && p > n:
			hint = fmt.Sprintf("GOMAXPROCS = %d lets %d threads execute Go code, but this machine has %d logical CPUs: the operating "+
				"system runs at most %d threads at once, so the others take turns.", p, p, n, n)
		case got == g:
			hint = fmt.Sprintf("That counts the goroutines: with GOMAXPROCS = %d, at most %d of them execute Go code at once — "+
				"the others are in progress but take turns.", p, p)
		case got == min(p, n) && g < min(p, n):
			hint = fmt.Sprintf("With %d goroutines there are only %d things to run: the other Ps and CPUs stay idle.", g, g)
		case got == min(g, n) && p < min(g, n):
			hint = fmt.Sprintf("GOMAXPROCS = %d caps the threads executing Go code at %d, however many CPUs the machine has.", p, p)
		}
		return check.NotYet(fmt.Sprintf("%s = %d; want %d.", what, got, want), hint)
	}
	return check.Pass(fmt.Sprintf("Right for all %d questions: a CPU-bound run keeps min(goroutines, GOMAXPROCS, CPUs) cores busy. "+
		"That is what efficiency divides the speedup by: goroutines beyond it only take turns.", len(coresCases)))
}

// serialCases are the questions of CheckSerialShare: a speedup and its workers, built from known serial
// fractions where possible (the Karp–Flatt metric then gives them back exactly), a perfect speedup (0),
// no speedup at all (1) and two measured-looking ones.
var serialCases = [][2]float64{
	{scaling.Amdahl(0.1, 4), 4}, {scaling.Amdahl(0.3, 2), 2}, {2, 2}, {1, 8},
	{scaling.Amdahl(0.05, 16), 16}, {1.5, 4}, {3.2, 4},
}

// CheckSerialShare is the self-check of notebook 03's "fit your own program" exercise: serialShare(speedup,
// workers) must return the serial fraction that Amdahl's law needs to explain a measured speedup on
// workers ≥ 2 workers — the Karp–Flatt metric, e = (1/S − 1/N) / (1 − 1/N), solved from S = 1/(e + (1−e)/N)
// (scaling.KarpFlatt). It asks several questions (to within 10⁻⁶) through check.Call and says what a wrong
// answer did: 1/S, 1 − S/N, a missing division, NaN.
func CheckSerialShare(serialShare func(speedup float64, workers int) float64) check.Result {
	return checkSerialShare(serialShare, 10*time.Second)
}

func checkSerialShare(f func(speedup float64, workers int) float64, limit time.Duration) check.Result {
	if f == nil {
		return check.NotYet("serialShare is nil.", "Define func serialShare(speedup float64, workers int) float64 and pass it.")
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-6 }
	for _, c := range serialCases {
		s, n := c[0], int(c[1])
		what := fmt.Sprintf("serialShare(%.4g, %d)", s, n)
		got, err := check.Call(limit, func() float64 { return f(s, n) })
		if err != nil {
			return check.Explain(what, err)
		}
		want := scaling.KarpFlatt(s, float64(n))
		if near(got, want) {
			continue
		}
		N := float64(n)
		hint := fmt.Sprintf("Start from Amdahl's law, S = 1/(e + (1−e)/N), and solve it for e: 1/S = e + (1−e)/N, so "+
			"1/S − 1/N = e·(1 − 1/N). Check with S = %.4g, N = %d: e should be %.4g.", s, n, want)
		switch {
		case math.IsNaN(got) || math.IsInf(got, 0):
			hint = "The answer is not a number: is something divided by zero? N ≥ 2 here, so 1 − 1/N is never 0. " + hint
		case near(got, 1/s):
			hint = "1/S is the time left on N workers, as a share of the one-worker time — but the parallel part is in it too, as " +
				"(1−e)/N. Take it out. " + hint
		case near(got, 1-s/N):
			hint = "1 − S/N is the share of the workers' capacity that was lost (1 − efficiency), not the serial fraction. " + hint
		case near(got, 1/s-1/N):
			hint = "Nearly: 1/S − 1/N is e·(1 − 1/N). Divide by (1 − 1/N)."
		}
		return check.NotYet(fmt.Sprintf("%s = %.6g; want %.6g.", what, got, want), hint)
	}
	return check.Pass(fmt.Sprintf("Right for all %d questions: e = (1/S − 1/N)/(1 − 1/N), the Karp–Flatt metric — the serial "+
		"fraction that would explain a measured speedup. Flat across N, it is a fixed serial part; growing with N, it is "+
		"overhead that grows with the workers (coordination, contention), which Amdahl's law does not model.", len(serialCases)))
}
