package scaling

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// AmdahlFit is Amdahl's law fitted to measured speedups.
type AmdahlFit struct {
	Serial       float64   // s, the fitted serial fraction, in [0, 1]
	Lower, Upper float64   // 95% interval for s (see FitAmdahl)
	SE           float64   // standard error of s from the residuals; +Inf when there are none to judge by
	R2           float64   // coefficient of determination of the speedups (1 is a perfect fit; NaN when they do not vary)
	Residuals    []float64 // measured minus fitted speedup, one per point
	MaxN         int       // the largest measured N: predictions beyond it are extrapolations
	Informative  int       // points with N > 1 (S(1) = 1 whatever s is, so N = 1 tells nothing about s)
	Warning      string    // why the result deserves doubt, in a sentence; empty when there is none
}

// Speedup returns the speedup the fitted law predicts at n workers.
func (f AmdahlFit) Speedup(n float64) float64 { return Amdahl(f.Serial, n) }

// MaxSpeedup returns 1/s, the speedup no number of workers can exceed (+Inf when s = 0).
func (f AmdahlFit) MaxSpeedup() float64 { return 1 / f.Serial }

// Underdetermined reports whether s was solved from a single speedup rather than fitted to several.
func (f AmdahlFit) Underdetermined() bool { return f.Informative < 2 }

// String reports s with its interval, the ceiling 1/s, and the warning if there is one.
func (f AmdahlFit) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Amdahl: serial fraction s = %.4f (95%% interval %.4f–%.4f), max speedup 1/s = %.3g, from %d speedup(s) with N > 1",
		f.Serial, f.Lower, f.Upper, f.MaxSpeedup(), f.Informative)
	if f.Warning != "" {
		b.WriteString("\nWarning: " + f.Warning)
	}
	return b.String()
}

// FitAmdahl fits Amdahl's law to measured speedups (Value = T(1)/T(N)) by least squares on the
// speedups, with s bounded to [0, 1].
//
// The 95% interval for s is s ± t·SE (Student's t with one degree of freedom less than the points with
// N > 1), widened to include the fits to the measured interval ends (all Upper, all Lower) when the
// points carry intervals. With a single point N > 1 there are no residuals: s is solved exactly, the
// interval comes from that point's interval alone, and Warning says so. Speedups above N (superlinear)
// would need s < 0: s is clamped to 0 and Warning says so.
//
// Errors: no points, N < 1, N not strictly increasing, values not finite or not positive, an interval
// not finite or with Lower > Upper or Lower ≤ 0, or no point with N > 1.
func FitAmdahl(speedups []Point) (AmdahlFit, error) {
	if err := check("FitAmdahl", speedups); err != nil {
		return AmdahlFit{}, err
	}
	var ns, ys []float64
	for _, p := range speedups {
		ns = append(ns, float64(p.N))
		ys = append(ys, p.Value)
	}
	f := AmdahlFit{MaxN: speedups[len(speedups)-1].N}
	for _, p := range speedups {
		if p.N > 1 {
			f.Informative++
		}
	}
	if f.Informative == 0 {
		return AmdahlFit{}, fmt.Errorf("scaling: FitAmdahl needs a speedup at N > 1; got only N = 1, where every s gives S = 1")
	}
	f.Serial = fitSerial(ns, ys)

	// Residuals, R², standard error from the Jacobian dS/ds = −(1 − 1/N)·S².
	var sse, jj, mean, sst float64
	for _, y := range ys {
		mean += y / float64(len(ys))
	}
	f.Residuals = make([]float64, len(ys))
	for i, n := range ns {
		fit := Amdahl(f.Serial, n)
		f.Residuals[i] = ys[i] - fit
		sse += f.Residuals[i] * f.Residuals[i]
		sst += (ys[i] - mean) * (ys[i] - mean)
		d := (1 - 1/n) * fit * fit
		jj += d * d
	}
	f.R2 = math.NaN()
	if sst > 0 {
		f.R2 = 1 - sse/sst
	}
	f.SE = math.Inf(1)
	f.Lower, f.Upper = f.Serial, f.Serial
	if dof := f.Informative - 1; dof > 0 && jj > 0 {
		f.SE = math.Sqrt(sse / float64(dof) / jj)
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(dof)}.Quantile(0.975)
		f.Lower, f.Upper = f.Serial-t*f.SE, f.Serial+t*f.SE
	}
	hasInterval := false
	for _, p := range speedups {
		hasInterval = hasInterval || p.HasInterval()
	}
	if hasInterval {
		lo, hi := make([]float64, len(ys)), make([]float64, len(ys))
		for i, p := range speedups {
			lo[i], hi[i] = p.Value, p.Value
			if p.HasInterval() {
				lo[i], hi[i] = p.Lower, p.Upper
			}
		}
		// A higher speedup means a smaller serial fraction.
		f.Lower = math.Min(f.Lower, fitSerial(ns, hi))
		f.Upper = math.Max(f.Upper, fitSerial(ns, lo))
	}
	f.Lower, f.Upper = math.Max(0, f.Lower), math.Min(1, f.Upper)

	var warn []string
	if f.Informative == 1 {
		warn = append(warn, fmt.Sprintf("only one speedup with N > 1 (N = %d): s is solved from it, not fitted, so nothing checks that Amdahl's law describes this program; measure more worker counts (even past the cores) to test it", f.MaxN))
		if !hasInterval {
			warn = append(warn, "and without a measured interval s has no interval either")
		}
	}
	for _, p := range speedups {
		if float64(p.N) > 1 && p.Value > float64(p.N) {
			warn = append(warn, fmt.Sprintf("speedup %.3g at N = %d is above N (superlinear, e.g. from caches): Amdahl's law cannot explain it, s is pulled towards 0", p.Value, p.N))
			break
		}
	}
	f.Warning = strings.Join(warn, "; ")
	return f, nil
}

// fitSerial minimises the sum of squared speedup errors over s ∈ [0, 1]: a grid of 201 values finds the
// basin, golden-section search refines it to 1e-12. Bounded: about 260 evaluations of the sum.
func fitSerial(ns, ys []float64) float64 {
	sse := func(s float64) float64 {
		var sum float64
		for i, n := range ns {
			d := ys[i] - Amdahl(s, n)
			sum += d * d
		}
		return sum
	}
	const grid = 200
	best, bestF := 0.0, math.Inf(1)
	for i := 0; i <= grid; i++ {
		s := float64(i) / grid
		if v := sse(s); v < bestF {
			best, bestF = s, v
		}
	}
	a, b := math.Max(0, best-1.0/grid), math.Min(1, best+1.0/grid)
	const invPhi = 0.6180339887498949
	c, d := b-invPhi*(b-a), a+invPhi*(b-a)
	fc, fd := sse(c), sse(d)
	for i := 0; i < 100 && b-a > 1e-12; i++ {
		if fc < fd {
			b, d, fd = d, c, fc
			c = b - invPhi*(b-a)
			fc = sse(c)
		} else {
			a, c, fc = c, d, fd
			d = a + invPhi*(b-a)
			fd = sse(d)
		}
	}
	s := (a + b) / 2
	if bestF < sse(s) { // a grid point at a bound can beat the interior
		s = best
	}
	return s
}
