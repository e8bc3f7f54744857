package scaling

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"gonum.org/v1/gonum/stat/distuv"
)

// AmdahlFit is Amdahl's law fitted to measured speedups.
type AmdahlFit struct {
	Serial       float64   // s, the fitted serial fraction, in [0, 1]
	Lower, Upper float64   // 95% interval for s (see FitAmdahl), within [0, 1]; the whole [0, 1] when the data cannot bound s
	SE           float64   // standard error of s from the residuals; +Inf when there are none to judge by
	R2           float64   // coefficient of determination of the speedups: 1 is a perfect fit, below 0 a fit worse than their mean (e.g. a slowdown); NaN when they do not vary
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

// Speedups FitAmdahl accepts: ratios of two times of the same work.
const minSpeedup, maxSpeedup = 1e-6, 1e6

// FitAmdahl fits Amdahl's law to measured speedups (Value = T(1)/T(N), all against the same T(1)),
// with s bounded to [0, 1]. How depends on what the points carry; in simulations of this machine's
// timing noise (relative, bimodal and additive; data/coverage.md) each way's 95% interval held the
// true s in at least 94% of draws.
//
// Every point with N > 1 has an interval (a bench sweep's speedups): s is the least-squares fit to
// the speedups, and its interval runs from the fit through every point's Upper to the fit through
// every point's Lower (a higher speedup means a smaller s), widened if need be to s ± t·SE from the
// residuals (Student's t, one degree of freedom less than the points with N > 1). Moving all points
// together is what an error in their common T(1) does, and it dominates: with 3 speedups N > 1
// these intervals held s in 98–100% of draws while being the narrowest of the methods tried.
//
// Some point has no interval: Amdahl's law is a straight line in the time per unit of one-worker
// time, 1/S(N) = s + (1−s)/N, and the fit is weighted least squares of 1/S on 1/N with a free
// intercept A and slope B, the point N = 1 included (added as 1/S = 1 when missing), weights S²
// (timing noise is mostly relative: the same share of the time at every N), and s = A/(A+B). Fitting
// the line to the times keeps the errors of different N independent although every speedup divides
// by the same T(1); a free A + B lets T(1) be measured with noise like any other time. The 95%
// interval is Fieller's for the ratio A/(A+B), Student's t with (points − 2) degrees of freedom from
// the residuals, widened to hold the same interval of the unweighted fit (right when the noise is
// the same absolute amount at every N).
//
// With a single point N > 1 (a 2-core machine) s is solved from it, not fitted: the interval is
// that point's interval mapped through Karp–Flatt, or the whole [0, 1] when it has none, and
// Warning says so. Intervals are clipped to [0, 1]; [0, 1] means the data cannot bound s. Warning
// also says when speedups are superlinear (s < 0 would be needed: s is clamped to 0), when more
// workers made the program slower (s is clamped to 1), when the speedup falls as N grows (overhead
// Amdahl's law does not model) and when the data hardly bound s.
//
// Errors: no points, N < 1, N not strictly increasing, values not finite or not positive, an interval
// not finite or with Lower > Upper or Lower ≤ 0, no point with N > 1, or speedups so extreme that no
// finite fit exists, and a speedup outside [1e-6, 1e6] (not a ratio of two times of the same work).
func FitAmdahl(speedups []Point) (AmdahlFit, error) {
	if err := check("FitAmdahl", speedups); err != nil {
		return AmdahlFit{}, err
	}
	for i, p := range speedups {
		// A speedup is a ratio of two times of the same work: far outside [1e-6, 1e6] it is a unit
		// mistake (times passed for speedups), and its squares underflow or overflow the fit.
		if p.Value < minSpeedup || p.Value > maxSpeedup {
			return AmdahlFit{}, fmt.Errorf("scaling: FitAmdahl: point %d (N = %d) has speedup %g; want %g to %g — a speedup is T(1)/T(N), a ratio of two times of the same work (were times passed instead?)",
				i, p.N, p.Value, minSpeedup, maxSpeedup)
		}
	}
	f := AmdahlFit{MaxN: speedups[len(speedups)-1].N}
	var single Point
	intervals := true
	for _, p := range speedups {
		if p.N > 1 {
			f.Informative++
			single = p
			intervals = intervals && p.HasInterval()
		}
	}
	if f.Informative == 0 {
		return AmdahlFit{}, fmt.Errorf("scaling: FitAmdahl needs a speedup at N > 1; got only N = 1, where every s gives S = 1")
	}
	var raw float64 // s before clamping to [0, 1]; every case below sets it
	f.Lower, f.Upper, f.SE = 0, 1, math.Inf(1)
	switch {
	case f.Informative == 1:
		raw = KarpFlatt(single.Value, float64(single.N))
		if single.HasInterval() {
			// A higher speedup means a smaller serial fraction.
			f.Lower, f.Upper = KarpFlatt(single.Upper, float64(single.N)), KarpFlatt(single.Lower, float64(single.N))
		}
	case intervals:
		raw, f.Lower, f.Upper, f.SE = fitThroughEnds(speedups)
	default:
		raw, f.Lower, f.Upper, f.SE = fitTimeLine(speedups, true)
		// The same line fitted for noise of the same absolute size at every N: the union of the
		// two intervals covers under either kind.
		_, lo, hi, _ := fitTimeLine(speedups, false)
		f.Lower, f.Upper = math.Min(f.Lower, lo), math.Max(f.Upper, hi)
	}
	if !finite(raw) || math.IsNaN(f.Lower) || math.IsNaN(f.Upper) {
		lo, hi := math.Inf(1), 0.0
		for _, p := range speedups {
			lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
		}
		return AmdahlFit{}, fmt.Errorf("scaling: FitAmdahl found no finite fit for speedups from %g to %g; speedups are ratios of times, near 1 to N", lo, hi)
	}
	f.Serial = math.Min(1, math.Max(0, raw))
	// Clipped to [0, 1] and holding s (Fieller's ends can miss it by a rounding error).
	f.Lower = math.Min(f.Serial, math.Max(0, f.Lower))
	f.Upper = math.Max(f.Serial, math.Min(1, f.Upper))

	// Residuals and R² of the speedups.
	var mean, sse, sst, ss float64
	for _, p := range speedups {
		mean += p.Value / float64(len(speedups))
	}
	f.Residuals = make([]float64, len(speedups))
	for i, p := range speedups {
		f.Residuals[i] = p.Value - Amdahl(f.Serial, float64(p.N))
		sse += f.Residuals[i] * f.Residuals[i]
		sst += (p.Value - mean) * (p.Value - mean)
		ss += p.Value * p.Value
	}
	f.R2 = math.NaN()
	if r2 := 1 - sse/sst; sst > 1e-20*ss && !math.IsInf(r2, 0) { // speedups near 1e-300 underflow sst to a denormal: no R²
		f.R2 = r2
	}
	f.Warning = amdahlWarnings(f, speedups, raw)
	return f, nil
}

// fitThroughEnds fits s by least squares on the speedups (every point carries an interval; at least
// two have N > 1) and returns it with the interval from the fits through all Upper and all Lower
// ends, widened to s ± t·SE, and SE from the residuals (Jacobian dS/ds = −(1 − 1/N)·S²). raw is
// not clamped: a fit at the bound 0 or 1 whose unbounded optimum lies beyond is reported by a
// derivative test (see boundPull).
func fitThroughEnds(speedups []Point) (raw, lo, hi, se float64) {
	ns, ys, los, his := make([]float64, len(speedups)), make([]float64, len(speedups)), make([]float64, len(speedups)), make([]float64, len(speedups))
	for i, p := range speedups {
		ns[i], ys[i], los[i], his[i] = float64(p.N), p.Value, p.Value, p.Value
		if p.HasInterval() {
			los[i], his[i] = p.Lower, p.Upper
		}
	}
	s := fitSerial(ns, ys)
	var sse, jj float64
	informative := 0
	for i, n := range ns {
		fit := Amdahl(s, n)
		r := ys[i] - fit
		sse += r * r
		d := (1 - 1/n) * fit * fit
		jj += d * d
		if n > 1 {
			informative++
		}
	}
	lo, hi, se = s, s, math.Inf(1)
	if dof := informative - 1; dof > 0 && jj > 0 {
		se = math.Sqrt(sse / float64(dof) / jj)
		t := t975(dof)
		lo, hi = s-t*se, s+t*se
	}
	lo = math.Min(lo, fitSerial(ns, his))
	hi = math.Max(hi, fitSerial(ns, los))
	return s + boundPull(ns, ys, s), lo, hi, se
}

// boundPull tells a fit stuck at a bound from one inside: at s = 0 or 1 it returns a small step
// beyond the bound (−1e-9 or +1e-9) when the sum of squares still falls that way, so that the
// caller can say the data ask for s < 0 or s > 1; otherwise 0.
func boundPull(ns, ys []float64, s float64) float64 {
	sse := func(s float64) float64 {
		var sum float64
		for i, n := range ns {
			d := ys[i] - 1/(s+(1-s)/n) // Amdahl without its range check
			sum += d * d
		}
		return sum
	}
	const h = 1e-6
	switch {
	case s <= 0 && sse(-h) < sse(0):
		return -1e-9
	case s >= 1 && sse(1+h) < sse(1):
		return 1e-9
	}
	return 0
}

// fitTimeLine fits 1/S = A + B/N by least squares (the point N = 1 added when missing), weighted by
// S² for relative noise or unweighted, and returns s = A/(A+B), Fieller's 95% interval for it
// (unclipped; [0, 1] when the data cannot bound it) and its standard error by the delta method.
func fitTimeLine(speedups []Point, relative bool) (s, lo, hi, se float64) {
	var sw, su, sy, suu, suy, top float64
	for _, p := range speedups {
		top = math.Max(top, p.Value)
	}
	top = math.Max(top, 1)
	weight := func(speedup float64) float64 {
		if !relative {
			return 1
		}
		return (speedup / top) * (speedup / top) // S², scaled to at most 1
	}
	add := func(n, speedup float64) {
		u, y, w := 1/n, 1/speedup, weight(speedup)
		sw += w
		su += w * u
		sy += w * y
		suu += w * u * u
		suy += w * u * y
	}
	if speedups[0].N != 1 {
		add(1, 1)
	}
	for _, p := range speedups {
		add(float64(p.N), p.Value)
	}
	rows := len(speedups)
	if speedups[0].N != 1 {
		rows++
	}
	det := sw*suu - su*su
	a := (suu*sy - su*suy) / det
	b := (sw*suy - su*sy) / det
	c := a + b
	s = a / c
	var chi2 float64
	chi := func(n, speedup float64) {
		d := 1/speedup - a - b/n
		chi2 += weight(speedup) * d * d
	}
	if speedups[0].N != 1 {
		chi(1, 1)
	}
	for _, p := range speedups {
		chi(float64(p.N), p.Value)
	}
	dof := rows - 2
	v := chi2 / float64(dof)
	// Covariance of (A, B) and of (A, C = A + B).
	vaa, vbb, vab := v*suu/det, v*sw/det, -v*su/det
	vcc, vac := vaa+vbb+2*vab, vaa+vab
	se = math.Sqrt(math.Max(0, vaa-2*s*vac+s*s*vcc)) / math.Abs(c)
	if !finite(se) {
		se = math.Inf(1)
	}
	// Fieller: the s with (A − sC)² ≤ t²·Var(A − sC), a quadratic in s.
	t := t975(dof)
	qa := c*c - t*t*vcc
	qb := -2 * (a*c - t*t*vac)
	qc := a*a - t*t*vaa
	disc := qb*qb - 4*qa*qc
	if !(qa > 0) || !(disc >= 0) || !finite(s) {
		return s, 0, 1, se
	}
	r := math.Sqrt(disc)
	return s, (-qb - r) / (2 * qa), (-qb + r) / (2 * qa), se
}

// amdahlWarnings says what the data cannot tell; raw is s before clamping.
func amdahlWarnings(f AmdahlFit, speedups []Point, raw float64) string {
	var warn []string
	if f.Informative == 1 {
		w := fmt.Sprintf("only one speedup with N > 1 (N = %d): s is solved from it, not fitted, so nothing checks that Amdahl's law describes this program; measure more worker counts (even past the cores) to test it", f.MaxN)
		if f.Lower == 0 && f.Upper == 1 {
			w += "; and without a measured interval s has no interval either (shown as 0–1)"
		}
		warn = append(warn, w)
	}
	for _, p := range speedups {
		if float64(p.N) > 1 && p.Value > float64(p.N) {
			warn = append(warn, fmt.Sprintf("speedup %.3g at N = %d is above N (superlinear, e.g. from caches): Amdahl's law cannot explain it, s is pulled towards 0", p.Value, p.N))
			break
		}
	}
	slower := false
	for _, p := range speedups {
		if p.N > 1 && p.Value < 1 && (!p.HasInterval() || p.Upper < 1) {
			warn = append(warn, fmt.Sprintf("speedup %.3g at N = %d is below 1: more workers made the program slower, which Amdahl's law cannot describe (its speedup never falls below 1); s is set to the bound 1", p.Value, p.N))
			slower = true
			break
		}
	}
	if !slower && raw > 1 {
		warn = append(warn, "the speedups call for s > 1 (a slowdown), which Amdahl's law cannot describe; s is set to the bound 1")
	}
	for i, p := range speedups {
		for _, q := range speedups[i+1:] {
			if p.N > 1 && fallsBelow(q, p) && !slower {
				warn = append(warn, fmt.Sprintf("the speedup falls from %.3g at N = %d to %.3g at N = %d: overhead that grows with N, which Amdahl's law does not model (see the Karp–Flatt metric)", p.Value, p.N, q.Value, q.N))
				slower = true // one sentence is enough
			}
		}
	}
	if f.Informative > 1 && f.Upper-f.Lower > 0.5 {
		warn = append(warn, fmt.Sprintf("the data hardly bound s: its 95%% interval %.3g–%.3g spans most of [0, 1]", f.Lower, f.Upper))
	}
	return strings.Join(warn, "; ")
}

// fallsBelow reports whether later is clearly below earlier: their intervals do not overlap, or,
// without intervals, it is more than 5% lower.
func fallsBelow(later, earlier Point) bool {
	if later.HasInterval() && earlier.HasInterval() {
		return later.Upper < earlier.Lower
	}
	return later.Value < 0.95*earlier.Value
}

// t975 returns the 97.5% quantile of Student's t with dof degrees of freedom, the factor of a
// two-sided 95% interval; the first 64 are computed once, as gonum computes each by inverting the
// incomplete beta function.
func t975(dof int) float64 {
	if dof <= len(t975Table()) {
		return t975Table()[dof-1]
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(dof)}.Quantile(0.975)
}

var t975Table = sync.OnceValue(func() []float64 {
	t := make([]float64, 64)
	for i := range t {
		t[i] = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(i + 1)}.Quantile(0.975)
	}
	return t
})

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
