package scaling

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// MinUSLPoints is the number of distinct N below which a USL fit is under-determined: three parameters
// need at least three more points to show whether the curve fits at all (codahale/usl refuses fewer).
const MinUSLPoints = 6

// USLFit is the Universal Scalability Law fitted to measured throughputs.
type USLFit struct {
	USL                                  // the fitted σ, κ, λ
	SigmaSE, KappaSE, LambdaSE float64   // standard errors at the optimum (only a guide when σ or κ sits at 0); +Inf when the data cannot give one
	SigmaLower, SigmaUpper     float64   // 95% interval for σ, within [0, 1]; [0, 1] when the data cannot bound it
	KappaLower, KappaUpper     float64   // 95% interval for κ, within [0, 1]; [0, 1] when the data cannot bound it
	LambdaLower, LambdaUpper   float64   // 95% interval for λ; [0, +Inf] when the data cannot bound it
	R2                         float64   // coefficient of determination of the throughputs, in [0, 1]; NaN when they do not vary
	Residuals                  []float64 // measured minus fitted throughput, one per point
	Points                     int       // distinct N measured
	MaxN                       int       // the largest measured N: predictions beyond it are extrapolations
	Weighted                   bool      // every point had an interval, and the fit weighted the points by them
	Evaluations                int       // evaluations of the sum of squares the search used
	Warning                    string    // what the data cannot tell, in sentences; empty when there is nothing to say
}

// Underdetermined reports whether fewer than MinUSLPoints distinct N were measured, so that three
// parameters are fitted to too few points to test the model.
func (f USLFit) Underdetermined() bool { return f.Points < MinUSLPoints }

// LimitKnown reports whether the data tell what limits scaling: whether the 95% intervals of σ and κ
// do not overlap, so that one is larger whatever their true values within them (see USL.Limit).
func (f USLFit) LimitKnown() bool {
	return f.SigmaLower > f.KappaUpper || f.KappaLower > f.SigmaUpper
}

// PeakKnown reports whether the data show that throughput falls past a peak: whether κ's 95%
// interval excludes 0. When it does not, Peak is where the fitted curve peaks, not a measured fact.
func (f USLFit) PeakKnown() bool { return f.KappaLower > 0 }

// String reports the parameters with their 95% intervals, the peak, what limits scaling and the
// warning if there is one.
func (f USLFit) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "USL: σ = %.4g (95%% interval %.3g–%.3g), κ = %.4g (%.3g–%.3g), λ = %.5g (%.4g–%.4g), ",
		f.Sigma, f.SigmaLower, f.SigmaUpper, f.Kappa, f.KappaLower, f.KappaUpper, f.Lambda, f.LambdaLower, f.LambdaUpper)
	fmt.Fprintf(&b, "R² = %.4f from %d points (N up to %d); ", f.R2, f.Points, f.MaxN)
	if p := f.Peak(); math.IsInf(p, 1) {
		b.WriteString("no peak (κ = 0)")
		if f.KappaUpper > 0 {
			fmt.Fprintf(&b, ", though κ up to %.3g, a peak near N = %g, fits too", f.KappaUpper, USL{Sigma: f.Sigma, Kappa: f.KappaUpper}.Peak())
		}
	} else {
		fmt.Fprintf(&b, "peak at N* = %g with X = %.5g", p, f.PeakX())
		if p > float64(f.MaxN) {
			b.WriteString(" (extrapolated beyond the measured N)")
		}
		if !f.PeakKnown() {
			b.WriteString(" (not determined)")
		}
	}
	if f.LimitKnown() {
		fmt.Fprintf(&b, "; limited by %s", f.Limit())
	} else {
		fmt.Fprintf(&b, "; what limits scaling is not determined (the fit leans to %s)", f.Limit())
	}
	if f.Warning != "" {
		b.WriteString("\nWarning: " + f.Warning)
	}
	return b.String()
}

// uslStarts is the number of starting points of the search (see FitUSL); with lmIterations and
// lmTries it bounds the work whatever the data.
const uslStarts = 5

// z95 is the standard normal quantile of a two-sided 95% interval: a point's interval [Lower, Upper]
// is read as Value ± z95 standard errors.
const z95 = 1.959963984540054

// FitUSL fits the Universal Scalability Law to throughputs measured at distinct concurrency levels N by
// least squares on the throughputs, with σ, κ ∈ [0, 1] and λ > 0.
//
// The search is Levenberg–Marquardt inside the bounds (a parameter at a bound whose gradient points
// out is held there), from the linearised fit N/X = (1 + σ(N−1) + κN(N−1))/λ and four fixed starts;
// the best end point wins.
//
// Points without intervals count the same (unweighted, as codahale/usl fits). The 95% intervals
// then come from the residuals (Student's t with n − 3 degrees of freedom) and are widened to hold
// those of a fit weighted for relative noise (1/X²), so that they cover whether the noise is the
// same in absolute or in relative terms. When every point carries an interval, the point counts as
// Value ± (its half-width)/1.96 and the fit is weighted by that; the parameters' intervals come
// from those standard errors (normal quantile), scaled up by √(χ²/(n−3)) with Student's t when the
// points scatter more than their intervals say. Simulations of this machine's timing noise
// (data/coverage.md) give coverages of at least 93% for every parameter either way.
//
// With 3 to 5 distinct N the fit is returned with Warning set and Underdetermined true. Warning also
// says when σ or κ cannot be told from 0, when the peak or what limits scaling is not determined,
// and when throughput does not grow at all. Errors: fewer than 3 points, N < 1, N not strictly
// increasing, values not finite or not positive, an interval not finite or with Lower > Upper or
// Lower ≤ 0, or a search that found no finite optimum.
func FitUSL(throughputs []Point) (USLFit, error) {
	if err := check("FitUSL", throughputs); err != nil {
		return USLFit{}, err
	}
	n := len(throughputs)
	if n < 3 {
		advice := "fit Amdahl's law instead, or measure"
		if n == 1 && throughputs[0].N == 1 {
			advice = "at N = 1 alone no law can be fitted: measure" // Amdahl's law needs an N > 1 too
		}
		return USLFit{}, fmt.Errorf("scaling: FitUSL needs at least 3 distinct N to fit σ, κ and λ (and %d to check the fit); got %d (%s): %s throughput over more concurrency levels, which can go well past the cores for I/O-bound or contended work", MinUSLPoints, n, listN(throughputs), advice)
	}
	// Scale throughputs to order 1 so that tolerances do not depend on the unit.
	var scale float64
	weighted := true
	for _, p := range throughputs {
		scale = math.Max(scale, p.Value)
		weighted = weighted && p.HasInterval() && p.Upper > p.Lower
	}
	u := uslData{ns: make([]float64, n), ys: make([]float64, n), ws: make([]float64, n)}
	for i, p := range throughputs {
		u.ns[i], u.ys[i], u.ws[i] = float64(p.N), p.Value/scale, 1
		if weighted {
			se := (p.Upper - p.Lower) / 2 / z95 / scale
			u.ws[i] = 1 / (se * se)
		}
	}
	best, sse, evals := u.fit()
	fit := USLFit{
		USL:         USL{Sigma: best[0], Kappa: best[1], Lambda: best[2] * scale},
		Points:      n,
		MaxN:        throughputs[n-1].N,
		Weighted:    weighted,
		Evaluations: evals,
	}
	if !finite(sse) || !(fit.Lambda > 0) || !finite(fit.Lambda) {
		return USLFit{}, fmt.Errorf("scaling: FitUSL found no finite least-squares optimum with λ > 0 for %d points (N = %s); the throughputs do not fit the law", n, listN(throughputs))
	}
	fit.Residuals = make([]float64, n)
	for i, N := range u.ns {
		x, _ := uslModel(N, best)
		fit.Residuals[i] = (u.ys[i] - x) * scale
	}
	fit.R2 = rSquared(sse, u.ys, u.ws)

	var iv [3][2]float64
	var se [3]float64
	if weighted {
		iv, se = u.intervals(best, sse, true)
	} else {
		iv, se = u.intervals(best, sse, false)
		// Also a fit for relative noise: the union covers under either kind of noise.
		rel := uslData{ns: u.ns, ys: u.ys, ws: make([]float64, n)}
		for i, y := range u.ys {
			rel.ws[i] = 1 / (y * y)
		}
		rb, rsse, re := rel.fit()
		fit.Evaluations += re
		riv, _ := rel.intervals(rb, rsse, false)
		for j := range iv {
			iv[j] = [2]float64{math.Min(iv[j][0], riv[j][0]), math.Max(iv[j][1], riv[j][1])}
		}
	}
	fit.SigmaSE, fit.KappaSE, fit.LambdaSE = se[0], se[1], se[2]*scale
	fit.SigmaLower, fit.SigmaUpper = iv[0][0], iv[0][1]
	fit.KappaLower, fit.KappaUpper = iv[1][0], iv[1][1]
	fit.LambdaLower, fit.LambdaUpper = iv[2][0]*scale, iv[2][1]*scale
	fit.Warning = uslWarnings(fit, throughputs)
	return fit, nil
}

// fit searches from every start and returns the best optimum, its sum of squares and the
// evaluations used.
func (u *uslData) fit() ([3]float64, float64, int) {
	evals := 0
	best, bestF := [3]float64{}, math.Inf(1)
	for _, st := range uslStartPoints(u) {
		th, f, e := u.lm(st, [3]bool{})
		evals += e
		if f < bestF {
			best, bestF = th, f
		}
	}
	// A parameter within a hair of a bound sits on it when that fits as well (to rounding): a search
	// approaching κ = 0 stops at 1e-18 or so, which would put a peak at N = 10⁹.
	var floor float64
	for i, y := range u.ys {
		floor += 1e-24 * u.ws[i] * y * y
	}
	for j := range 2 {
		for _, bound := range []float64{0, 1} {
			if math.Abs(best[j]-bound) > 1e-6 || best[j] == bound {
				continue
			}
			th := best
			th[j] = bound
			th[2] = bestLambda(u, th[0], th[1])
			f := u.sse(th)
			evals++
			if f <= bestF*(1+1e-9)+floor {
				best, bestF = th, f
			}
		}
	}
	return best, bestF, evals
}

// intervals returns 95% intervals for σ, κ, λ (λ in scaled units) and their standard errors from
// the curvature JᵀWJ at the optimum θ. With known = false the weights are relative and the variance
// comes from the residuals: t with n − 3 degrees of freedom. With known = true the weights are
// 1/variance: the normal quantile, unless the residuals say the variances are too small (χ²/dof > 1),
// then those variances are scaled up by χ²/dof and t is used. Intervals are clipped to the bounds;
// where there are no degrees of freedom to judge by (or the curvature is singular) an interval is
// the whole range and its standard error +Inf.
func (u *uslData) intervals(th [3]float64, sse float64, known bool) (iv [3][2]float64, se [3]float64) {
	for j := range 3 {
		iv[j] = [2]float64{uslLow[j], uslHigh[j]}
		se[j] = math.Inf(1)
	}
	dof := len(u.ns) - 3
	if dof < 1 && !known {
		return iv, se
	}
	q, v := z95, 1.0
	if dof >= 1 {
		t := t975(dof)
		switch chi := sse / float64(dof); {
		case !known:
			q, v = t, chi
		case chi > 1:
			q, v = t, chi
		}
	}
	h, _ := u.normal(th)
	var inv mat.Dense
	if err := inv.Inverse(mat.NewSymDense(3, []float64{
		h[0][0], h[0][1], h[0][2], h[1][0], h[1][1], h[1][2], h[2][0], h[2][1], h[2][2]})); err != nil {
		return iv, se
	}
	for j := range 3 {
		c := inv.At(j, j) * v
		if !(c >= 0) || !finite(c) {
			continue
		}
		se[j] = math.Sqrt(c)
		iv[j] = [2]float64{math.Max(uslLow[j], th[j]-q*se[j]), math.Min(uslHigh[j], th[j]+q*se[j])}
	}
	return iv, se
}

// uslWarnings says what the data cannot tell.
func uslWarnings(f USLFit, pts []Point) string {
	var warn []string
	if f.Underdetermined() {
		warn = append(warn, fmt.Sprintf("under-determined: only %d distinct N (%s) for 3 parameters; the USL needs at least %d to be tested, so this curve is one of many that fit", f.Points, listN(pts), MinUSLPoints))
	}
	switch {
	case f.Sigma == 1 && f.Kappa == 0:
		warn = append(warn, "throughput does not grow with N at all (σ = 1: each unit of work waits for the one before, or the first level already saturated the resource)")
	case f.Sigma == 1 || f.Kappa == 1:
		warn = append(warn, "a parameter sits at its bound 1: the law does not describe these points well")
	}
	if f.Underdetermined() || f.Sigma == 1 || f.Kappa == 1 {
		return strings.Join(warn, "; ")
	}
	var cannot []string
	sigma0 := f.Sigma > 0 && f.SigmaLower == 0
	// κ = 0 draws no peak and claims none, so only a fitted peak needs the warning.
	kappa0 := f.Kappa > 0 && !f.PeakKnown()
	if sigma0 {
		cannot = append(cannot, fmt.Sprintf("whether there is contention at all (σ's 95%% interval %.3g–%.3g reaches 0)", f.SigmaLower, f.SigmaUpper))
	}
	if kappa0 {
		cannot = append(cannot, fmt.Sprintf("whether throughput ever falls (κ's 95%% interval %.3g–%.3g reaches 0), so the peak N* = %g is where the fitted curve turns, not something measured", f.KappaLower, f.KappaUpper, f.Peak()))
	}
	if !(sigma0 && kappa0) && (f.Sigma > 0 || f.Kappa > 0) && !f.LimitKnown() {
		cannot = append(cannot, fmt.Sprintf("whether contention or coherency limits scaling (the 95%% intervals of σ, %.3g–%.3g, and κ, %.3g–%.3g, overlap)", f.SigmaLower, f.SigmaUpper, f.KappaLower, f.KappaUpper))
	}
	if len(cannot) > 0 {
		warn = append(warn, "the data cannot tell "+strings.Join(cannot, ", nor "))
	}
	return strings.Join(warn, "; ")
}

// uslStartPoints returns where the search starts: the weighted linear least-squares fit of
// N/X = a + b(N−1) + c·N(N−1) (a = 1/λ, b = σ/λ, c = κ/λ) when it gives a usable point, and four
// fixed (σ, κ) spread over the plausible range, each with its best λ.
func uslStartPoints(u *uslData) [][3]float64 {
	var starts [][3]float64
	var a [3][3]float64
	var b [3]float64
	for i, n := range u.ns {
		z := n / u.ys[i]
		// Var(z) ≈ z²·Var(y)/y², so the weight of z is w·y²/z².
		w := u.ws[i] * u.ys[i] * u.ys[i] / (z * z)
		row := [3]float64{1, n - 1, n * (n - 1)}
		for p := range 3 {
			for q := range 3 {
				a[p][q] += w * row[p] * row[q]
			}
			b[p] += w * row[p] * z
		}
	}
	if c, ok := solveSmall(&a, &b, 3); ok && c[0] > 0 {
		starts = append(starts, clampTheta([3]float64{c[1] / c[0], c[2] / c[0], 1 / c[0]}))
	}
	for _, sk := range [][2]float64{{0.1, 0.01}, {0.01, 0.0001}, {0.5, 0.001}, {0.02, 0.1}} {
		starts = append(starts, [3]float64{sk[0], sk[1], bestLambda(u, sk[0], sk[1])})
	}
	return starts
}

// bestLambda returns the weighted least-squares λ for fixed σ and κ.
func bestLambda(u *uslData, s, k float64) float64 {
	var gy, gg float64
	for i, n := range u.ns {
		g := n / (1 + s*(n-1) + k*n*(n-1))
		gy += u.ws[i] * g * u.ys[i]
		gg += u.ws[i] * g * g
	}
	return gy / gg
}

// rSquared returns 1 − sse/sst with sst the weighted sum of squares about the weighted mean, or NaN
// when the values do not vary (sst is rounding noise next to the values themselves). The best USL
// fit is never worse than a constant (σ = 1, κ = 0 is one), so otherwise it lies in [0, 1].
func rSquared(sse float64, ys, ws []float64) float64 {
	var sw, swy, ss float64
	for i, y := range ys {
		sw += ws[i]
		swy += ws[i] * y
		ss += ws[i] * y * y
	}
	mean := swy / sw
	var sst float64
	for i, y := range ys {
		sst += ws[i] * (y - mean) * (y - mean)
	}
	if !(sst > 1e-20*ss) {
		return math.NaN()
	}
	return math.Max(0, 1-sse/sst)
}

func listN(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == 8 && len(pts) > 9 {
			fmt.Fprintf(&b, "… %d", pts[len(pts)-1].N)
			break
		}
		fmt.Fprint(&b, p.N)
	}
	return b.String()
}
