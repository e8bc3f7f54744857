package ilp

import (
	"fmt"
	"math"
	"math/big"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// checkLimit is how long one call of the learner's sum may take before the check calls it hung.
const checkLimit = 10 * time.Second

// MinGain is how many times faster than the one-accumulator sum a rewritten sum must be, by the
// interval of its per-round ratios, to pass CheckSum: well below the 2–4× that 2–8 accumulators give
// on current x86 and arm64 cores, well above the noise of an unchanged loop (whose ratio is 1).
const MinGain = 1.3

// checkLengths are the lengths CheckSum tries: empty, shorter than any unrolling, every remainder
// modulo 8, and long.
var checkLengths = []int{0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 1000, 4099}

// checkVector returns a deterministic vector of length n with values of both signs and magnitudes
// from 2⁻¹⁰ to 2¹⁰, so that the order of the additions changes the rounding but not the answer beyond
// the tolerance.
func checkVector(n int) []float64 {
	xs := make([]float64, n)
	u := uint64(0x9e3779b97f4a7c15)
	for i := range xs {
		u ^= u << 13
		u ^= u >> 7
		u ^= u << 17
		m := float64(u>>11) / (1 << 53) // [0, 1)
		e := float64(int(u%21) - 10)    // −10 … 10
		xs[i] = (2*m - 1) * math.Pow(2, e)
	}
	return xs
}

// exactSum returns Σ xs correctly rounded, and Σ |xs|: exact in big.Float arithmetic.
func exactSum(xs []float64) (sum, abs float64) {
	s := new(big.Float).SetPrec(2048)
	for _, x := range xs {
		s.Add(s, big.NewFloat(x))
		abs += math.Abs(x)
	}
	sum, _ = s.Float64()
	return sum, abs
}

// tolerance is the error any order of n float64 additions stays within: n·2⁻⁵³·Σ|xᵢ| (Higham,
// Accuracy and Stability of Numerical Algorithms, 2002, §4.2: the bound for recursive summation in
// any order), doubled for the final combination of the partial sums.
func tolerance(n int, abs float64) float64 { return 2 * float64(n) * 0x1p-53 * abs }

// CheckSum is the self-check of the exercise "rewrite a reduction with independent accumulators".
// sum must add up its slice on one goroutine with a shorter dependency chain than Sum1:
//
//   - its answer must equal the exact sum within n·2⁻⁵³·Σ|xᵢ|·2 (any order of additions stays inside
//     that), for lengths 0 to 4099 — every remainder modulo 8, so a forgotten tail shows;
//   - it must start no goroutine (counted with the execution tracer): the exercise is about one core;
//   - it must be faster than the one-accumulator Sum1 by more than MinGain×, judged by the 95% interval
//     of per-round ratios measured interleaved in the check (check.Time), or the check says "too busy
//     to judge".
func CheckSum(sum func([]float64) float64) check.Result { return checkSum(sum, checkLimit) }

func checkSum(sum func([]float64) float64, limit time.Duration) check.Result {
	if sum == nil {
		return check.NotYet("The function is nil.", "Pass your function: ilp.CheckSum(sumFast).")
	}
	for _, n := range checkLengths {
		xs := checkVector(n)
		got, err := check.Call(limit, func() float64 { return sum(xs) })
		if err != nil {
			return check.Explain(fmt.Sprintf("sumFast of %d numbers", n), err)
		}
		want, abs := exactSum(xs)
		if tol := tolerance(n, abs); math.IsNaN(got) || math.Abs(got-want) > tol {
			hint := "Check that every element is added exactly once, and that the partial sums are added together at the end."
			if n%2 == 1 || n%4 != 0 || n%8 != 0 {
				hint = fmt.Sprintf("Lengths that are not a multiple of your unrolling leave a tail: after the unrolled loop, add the last elements (here %d %% 4 = %d, %d %% 8 = %d) one by one.", n, n%4, n, n%8)
			}
			return check.NotYet(fmt.Sprintf("For %d numbers your sum gave %v; the exact sum is %v (tolerance ±%.3g, what any order of additions stays within).", n, got, want, tol), hint)
		}
	}
	long := checkVector(4096)
	_, gs, err := check.Traced(limit, 0, func() float64 { return sum(long) })
	if err != nil {
		return check.Explain("sumFast (traced)", err)
	}
	// Any goroutine started counts, alive together or not: two short ones, each done before the next
	// is created, are still not one goroutine (and MostAlive would see one).
	if started := len(gs.Started); started > 0 {
		what := fmt.Sprintf("%d more goroutines", started)
		if started == 1 {
			what = "1 more goroutine"
		}
		return check.NotYet(fmt.Sprintf("Your sum started %s besides the one that called it (%d alive at once at most).", what, gs.MostAlive()),
			"This exercise is about parallelism inside ONE core: keep one goroutine and give it several independent accumulators (s0, s1, s2, s3), added together at the end.")
	}
	if check.RaceDetector() {
		return check.TooBusy("Right for every length and on one goroutine. Its speed cannot be judged in a program built with the race detector, which slows every memory access far more than a chain of additions: run the check without -race.")
	}
	xs := checkVector(4096)
	const reps = 400 // about 0.5–2 ms per run for the one-accumulator sum
	var sink float64
	timing, err := check.Time(10, limit,
		check.Timed{Name: "one accumulator (Sum1)", Run: func() {
			for range reps {
				sink += Sum1(xs)
			}
		}},
		check.Timed{Name: "yours", Run: func() {
			for range reps {
				sink += sum(xs)
			}
		}})
	if err != nil {
		return check.Explain("sumFast (timed)", err)
	}
	_ = sink
	r := timing.Ratio(0, 1)
	switch {
	case r.Above(MinGain):
		return check.Pass(fmt.Sprintf("Right for every length (within the rounding of any order of additions), on one goroutine, and %s as fast as the one-accumulator loop: the additions no longer wait for each other.", r))
	case r.Below(MinGain):
		return check.NotYet(fmt.Sprintf("Right for every length, but only %s as fast as the one-accumulator loop, measured in the same rounds.", r),
			"The additions still wait for each other: a single variable that every addition updates is one long chain. Keep 4 (or 8) separate variables, each adding every 4th element, and add them together after the loop.")
	}
	return check.TooBusy(fmt.Sprintf("Right for every length and on one goroutine. Its speed against the one-accumulator loop, %s, was too uneven from round to round to judge whether it beats %.1f×: the machine is busy. Run the check again when it is quieter.", r, MinGain))
}
