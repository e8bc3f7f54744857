package granularity

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// KarpFlattFunc is the learner's Karp–Flatt metric: the serial fraction that explains a speedup on n
// workers.
type KarpFlattFunc func(speedup float64, n int) float64

// KarpFlattPrograms are the two programs of the exercise, measured (in the exercise's story) on a
// 16-core server: their speedups on 2, 4, 8 and 16 workers. A follows Amdahl's law with a 5% serial
// part; B has no serial part but costs 0.6% of the one-worker time per extra worker (T(N) = 1/N +
// 0.006·(N − 1)): faster than A up to 8 workers, slower at 16.
var KarpFlattPrograms = map[string][]scaling.Point{
	"A": speedups(func(n float64) float64 { return 0.05 + 0.95/n }),
	"B": speedups(func(n float64) float64 { return 1/n + 0.006*(n-1) }),
}

func speedups(t func(n float64) float64) []scaling.Point {
	var pts []scaling.Point
	for _, n := range []int{2, 4, 8, 16} {
		pts = append(pts, scaling.Point{N: n, Value: math.Round(1000/t(float64(n))) / 1000}) // 3 decimals, as measured
	}
	return pts
}

// CheckKarpFlatt is the self-check of the exercise "Karp–Flatt by hand": karpFlatt must give e = (1/S −
// 1/N)/(1 − 1/N) for every speedup of programs A and B (within 10⁻⁶; NaN and ±Inf fail), and growing must name the program
// whose e grows with N ("B"). The hints tell a formula without its division by (1 − 1/N), or with S
// and 1/S swapped, from a wrong program.
func CheckKarpFlatt(karpFlatt KarpFlattFunc, growing string) check.Result {
	if karpFlatt == nil {
		return check.NotYet("The function is nil.", "Pass your function: granularity.CheckKarpFlatt(karpFlatt, growing).")
	}
	var table strings.Builder
	table.WriteString("program   N   speedup   your e   e\n")
	for _, name := range []string{"A", "B"} {
		for _, p := range KarpFlattPrograms[name] {
			want := scaling.KarpFlatt(p.Value, float64(p.N))
			got, err := check.Call(time.Second, func() float64 { return karpFlatt(p.Value, p.N) })
			if err != nil {
				return check.Explain(fmt.Sprintf("karpFlatt(%.3f, %d)", p.Value, p.N), err)
			}
			fmt.Fprintf(&table, "%7s %3d %9.3f %8.4f %6.4f\n", name, p.N, p.Value, got, want)
			if !(math.Abs(got-want) <= 1e-6) { // NaN and ±Inf fail too
				hint := "e = (1/S − 1/N) / (1 − 1/N): one over the speedup, minus one over N, divided by one minus one over N."
				switch n := float64(p.N); {
				case math.IsNaN(got) || math.IsInf(got, 0):
					hint = "Your e is not a number: is something divided by zero? N ≥ 2 and S > 0 here, so neither S nor 1 − 1/N is 0. " + hint
				case math.Abs(got-(1/p.Value-1/n)) < 1e-6:
					hint = "Almost: divide (1/S − 1/N) by (1 − 1/N) too."
				case math.Abs(got-(p.Value-n)/(1-n)) < 1e-6 || math.Abs(got-(p.Value-1/n)/(1-1/n)) < 1e-6:
					hint = "Use 1/S, one over the speedup, not S itself."
				}
				return check.NotYet(fmt.Sprintf("karpFlatt(%.3f, %d) = %.4g; want %.4g (program %s on %d workers).", p.Value, p.N, got, want, name, p.N), hint).
					WithDetail("Both programs", table.String())
			}
		}
	}
	switch strings.ToUpper(strings.TrimSpace(growing)) {
	case "B":
		return check.Pass("Your e matches on every point. A's e stays at 0.05: a serial part of 5%, which caps it at 20×. B's e doubles with every doubling of N: a cost that grows with the workers — B wins up to 8 workers and loses at 16, and more cores would make it slower still.").
			WithDetail("Both programs", table.String())
	case "A":
		return check.NotYet("Your e is right; A is not the one whose e grows.", "Read your e column: A's stays at 0.05 whatever N is — a fixed serial part.").
			WithDetail("Both programs", table.String())
	case "":
		return check.NotYet("Your e is right on every point; growing is empty.", "Set growing to \"A\" or \"B\": the program whose e grows with N.").
			WithDetail("Both programs", table.String())
	}
	return check.NotYet(fmt.Sprintf("growing = %q is neither \"A\" nor \"B\".", growing), "Set growing to \"A\" or \"B\".").WithDetail("Both programs", table.String())
}
