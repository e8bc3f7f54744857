package exercise

import (
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// CheckAmdahl checks the learner's answers to "a program spends the fraction s of its one-core time in a
// part that cannot be parallelised: what is its best speedup on n cores, and on infinitely many?" — to
// within 1%.
func CheckAmdahl(s float64, n int, onN, onInfinity float64) check.Result {
	if !(s > 0 && s < 1) || n < 1 {
		return check.NotYet(fmt.Sprintf("The question needs 0 < s < 1 and n ≥ 1; got s = %g, n = %d.", s, n),
			"Pass the question's s and n, as in exercise.CheckAmdahl(0.1, 8, onEight, onInfinity).")
	}
	wantN, wantInf := scaling.Amdahl(s, float64(n)), 1/s
	okN := math.Abs(onN-wantN) <= 0.01*wantN
	okInf := math.Abs(onInfinity-wantInf) <= 0.01*wantInf
	switch {
	case okN && okInf:
		return check.Pass(fmt.Sprintf("S(%d) = 1/(s + (1−s)/%d) = %.3g, and as n grows (1−s)/n vanishes, leaving 1/s = %.3g: "+
			"with %.0f%% serial work, no number of cores gives more.", n, n, wantN, wantInf, 100*s))
	case !okN && onN > float64(n):
		return check.NotYet(fmt.Sprintf("%.3g on %d cores would be more than the number of cores: Amdahl's speedup is never above n.", onN, n),
			"Use S(n) = 1/(s + (1−s)/n).")
	case !okN:
		return check.NotYet(fmt.Sprintf("The speedup on %d cores is not %.3g.", n, onN),
			"The serial part takes s of the time whatever n is, the rest (1−s) is divided by n, so S(n) = 1/(s + (1−s)/n).")
	}
	return check.NotYet(fmt.Sprintf("S(%d) is right; the limit for infinitely many cores is not %.3g.", n, onInfinity),
		"For infinitely many cores the parallel part's time (1−s)/n goes to zero: what is left is s, so the limit is 1/s.")
}
