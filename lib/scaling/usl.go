package scaling

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// MinUSLPoints is the number of distinct N below which a USL fit is under-determined: three parameters
// need at least three more points to show whether the curve fits at all (codahale/usl refuses fewer).
const MinUSLPoints = 6

// USLFit is the Universal Scalability Law fitted to measured throughputs.
type USLFit struct {
	USL                                  // the fitted σ, κ, λ
	SigmaSE, KappaSE, LambdaSE float64   // standard errors from the Jacobian at the optimum (only a guide when σ or κ sits at 0); +Inf when the data cannot give one
	R2                         float64   // coefficient of determination of the throughputs (NaN when they do not vary)
	Residuals                  []float64 // measured minus fitted throughput, one per point
	Points                     int       // distinct N measured
	MaxN                       int       // the largest measured N: predictions beyond it are extrapolations
	Evaluations                int       // evaluations of the sum of squares the search used
	Warning                    string    // why the result deserves doubt, in a sentence; empty when there is none
}

// Underdetermined reports whether fewer than MinUSLPoints distinct N were measured, so that three
// parameters are fitted to too few points to test the model.
func (f USLFit) Underdetermined() bool { return f.Points < MinUSLPoints }

// String reports the parameters with their standard errors, the peak, what limits scaling and the
// warning if there is one.
func (f USLFit) String() string {
	var b strings.Builder
	if math.IsInf(f.SigmaSE, 1) || math.IsInf(f.KappaSE, 1) || math.IsInf(f.LambdaSE, 1) {
		fmt.Fprintf(&b, "USL: σ = %.4g, κ = %.4g, λ = %.5g (no standard errors: too few points or parameters not separable), ",
			f.Sigma, f.Kappa, f.Lambda)
	} else {
		fmt.Fprintf(&b, "USL: σ = %.4g ± %.2g, κ = %.4g ± %.2g, λ = %.5g ± %.2g, ",
			f.Sigma, f.SigmaSE, f.Kappa, f.KappaSE, f.Lambda, f.LambdaSE)
	}
	fmt.Fprintf(&b, "R² = %.4f from %d points (N up to %d); ", f.R2, f.Points, f.MaxN)
	if p := f.Peak(); math.IsInf(p, 1) {
		b.WriteString("no peak (κ = 0)")
	} else {
		fmt.Fprintf(&b, "peak at N* = %g with X = %.5g", p, f.PeakX())
		if p > float64(f.MaxN) {
			b.WriteString(" (extrapolated beyond the measured N)")
		}
	}
	fmt.Fprintf(&b, "; limited by %s", f.Limit())
	if f.Warning != "" {
		b.WriteString("\nWarning: " + f.Warning)
	}
	return b.String()
}

// Budget of the search: starts × evaluations bounds the work whatever the data.
const (
	uslStarts      = 4
	uslEvaluations = 4000
)

// FitUSL fits the Universal Scalability Law to throughputs measured at distinct concurrency levels N by
// least squares on the throughputs (unweighted, as codahale/usl does), with σ, κ ∈ [0, 1] and λ > 0.
//
// For fixed σ and κ the best λ is linear least squares, λ = Σ yᵢgᵢ / Σ gᵢ² with gᵢ = Nᵢ/(1+σ(Nᵢ−1)+κNᵢ(Nᵢ−1)),
// so gonum's Nelder–Mead searches (σ, κ) only, from (0.1, 0.01) and three more starts, each restarted
// once from its best point; bounds are kept by evaluating at the nearest point inside them plus a
// penalty. Intervals on the points are not used (every point counts the same).
//
// With 3 to 5 distinct N the fit is returned with Warning set and Underdetermined true. Errors: fewer
// than 3 points, N < 1, N not strictly increasing, values not finite or not positive, an interval not
// finite or with Lower > Upper or Lower ≤ 0, or a search that found no finite optimum.
func FitUSL(throughputs []Point) (USLFit, error) {
	if err := check("FitUSL", throughputs); err != nil {
		return USLFit{}, err
	}
	n := len(throughputs)
	if n < 3 {
		return USLFit{}, fmt.Errorf("scaling: FitUSL needs at least 3 distinct N to fit σ, κ and λ (and %d to check the fit); got %d (%s): fit Amdahl's law instead, or measure throughput over more concurrency levels, which can go well past the cores for I/O-bound or contended work", MinUSLPoints, n, listN(throughputs))
	}
	ns, ys := make([]float64, n), make([]float64, n)
	// Scale throughputs to order 1 so that tolerances do not depend on the unit.
	var scale float64
	for i, p := range throughputs {
		ns[i], ys[i] = float64(p.N), p.Value
		scale = math.Max(scale, p.Value)
	}
	for i := range ys {
		ys[i] /= scale
	}

	evals := 0
	obj := func(x []float64) float64 {
		evals++
		s, k := clamp01(x[0]), clamp01(x[1])
		_, sse := bestLambda(ns, ys, s, k)
		ds, dk := x[0]-s, x[1]-k
		return sse + (ds*ds+dk*dk)*float64(n)
	}
	starts := [uslStarts][2]float64{{0.1, 0.01}, {0.01, 0.0001}, {0.5, 0.001}, {0.02, 0.1}}
	best := []float64{0.1, 0.01}
	bestF := math.Inf(1)
	for _, st := range starts {
		x := []float64{st[0], st[1]}
		for _, size := range []float64{0.5, 0.05} { // a restart from the best point re-opens a collapsed simplex
			init := [][]float64{
				{x[0], x[1]},
				{x[0] + size*math.Max(x[0], 0.01), x[1]},
				{x[0], x[1] + size*math.Max(x[1], 1e-4)},
			}
			res, err := optimize.Minimize(optimize.Problem{Func: obj}, x, &optimize.Settings{
				FuncEvaluations: uslEvaluations / 2,
				Converger:       &optimize.FunctionConverge{Absolute: 1e-18, Relative: 1e-15, Iterations: 60},
			}, &optimize.NelderMead{InitialVertices: init, InitialValues: []float64{obj(init[0]), obj(init[1]), obj(init[2])}})
			if res == nil || (err != nil && !finite(res.F)) {
				break
			}
			x = []float64{res.X[0], res.X[1]}
		}
		if f := obj(x); f < bestF {
			best, bestF = x, f
		}
	}
	if !finite(bestF) {
		return USLFit{}, fmt.Errorf("scaling: FitUSL found no finite least-squares optimum for %d points (N = %s)", n, listN(throughputs))
	}
	s, k := clamp01(best[0]), clamp01(best[1])
	lam, sse := bestLambda(ns, ys, s, k)
	fit := USLFit{
		USL:         USL{Sigma: s, Kappa: k, Lambda: lam * scale},
		Points:      n,
		MaxN:        throughputs[n-1].N,
		Evaluations: evals,
	}
	if !(fit.Lambda > 0) || !finite(fit.Lambda) {
		return USLFit{}, fmt.Errorf("scaling: FitUSL found λ = %v for points N = %s; the throughputs do not fit the law", fit.Lambda, listN(throughputs))
	}

	var mean, sst float64
	for _, y := range ys {
		mean += y / float64(n)
	}
	fit.Residuals = make([]float64, n)
	J := mat.NewDense(n, 3, nil)
	for i, N := range ns {
		d := 1 + s*(N-1) + k*N*(N-1)
		pred := lam * N / d
		fit.Residuals[i] = (ys[i] - pred) * scale
		sst += (ys[i] - mean) * (ys[i] - mean)
		J.Set(i, 0, -lam*N*(N-1)/(d*d))
		J.Set(i, 1, -lam*N*N*(N-1)/(d*d))
		J.Set(i, 2, N/d)
	}
	fit.R2 = math.NaN()
	if sst > 0 {
		fit.R2 = 1 - sse/sst
	}
	fit.SigmaSE, fit.KappaSE, fit.LambdaSE = math.Inf(1), math.Inf(1), math.Inf(1)
	if dof := n - 3; dof > 0 {
		var jtj mat.SymDense
		jtj.SymOuterK(1, J.T())
		var inv mat.Dense
		if err := inv.Inverse(&jtj); err == nil {
			v := sse / float64(dof)
			se := func(i int) float64 {
				if c := inv.At(i, i) * v; c >= 0 && finite(c) {
					return math.Sqrt(c)
				}
				return math.Inf(1)
			}
			fit.SigmaSE, fit.KappaSE, fit.LambdaSE = se(0), se(1), se(2)*scale
		}
	}

	var warn []string
	if n < MinUSLPoints {
		warn = append(warn, fmt.Sprintf("under-determined: only %d distinct N (%s) for 3 parameters; the USL needs at least %d to be tested, so this curve is one of many that fit", n, listN(throughputs), MinUSLPoints))
	}
	if s == 1 || k == 1 {
		warn = append(warn, "a parameter sits at its bound 1: the law does not describe these points well")
	}
	fit.Warning = strings.Join(warn, "; ")
	return fit, nil
}

// bestLambda returns the least-squares λ for fixed σ, κ and the sum of squared errors it leaves.
func bestLambda(ns, ys []float64, s, k float64) (lam, sse float64) {
	var gy, gg float64
	for i, n := range ns {
		g := n / (1 + s*(n-1) + k*n*(n-1))
		gy += g * ys[i]
		gg += g * g
	}
	lam = gy / gg
	for i, n := range ns {
		d := ys[i] - lam*n/(1+s*(n-1)+k*n*(n-1))
		sse += d * d
	}
	return lam, sse
}

func clamp01(x float64) float64 {
	if !(x > 0) { // also NaN
		return 0
	}
	return math.Min(x, 1)
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
