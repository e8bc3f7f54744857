package scaling

import "math"

// uslData is a weighted least-squares problem for the USL: throughputs ys measured at concurrency
// levels ns, each residual weighted by ws.
type uslData struct{ ns, ys, ws []float64 }

// θ = (σ, κ, λ) lives in [0, 1] × [0, 1] × [0, ∞).
var (
	uslLow  = [3]float64{0, 0, 0}
	uslHigh = [3]float64{1, 1, math.Inf(1)}
)

func clampTheta(th [3]float64) [3]float64 {
	for j := range th {
		if !(th[j] >= uslLow[j]) { // also NaN
			th[j] = uslLow[j]
		}
		th[j] = math.Min(th[j], uslHigh[j])
	}
	return th
}

// uslModel returns X(n) for θ and its derivatives with respect to σ, κ and λ.
func uslModel(n float64, th [3]float64) (x float64, d [3]float64) {
	den := 1 + th[0]*(n-1) + th[1]*n*(n-1)
	x = th[2] * n / den
	d[0] = -x * (n - 1) / den
	d[1] = -x * n * (n - 1) / den
	d[2] = n / den
	return x, d
}

// sse returns the weighted sum of squared residuals at θ.
func (u *uslData) sse(th [3]float64) float64 {
	var s float64
	for i, n := range u.ns {
		x, _ := uslModel(n, th)
		r := u.ys[i] - x
		s += u.ws[i] * r * r
	}
	return s
}

// normal returns JᵀWJ and JᵀWr at θ (J the Jacobian of the model, r the residuals).
func (u *uslData) normal(th [3]float64) (h [3][3]float64, g [3]float64) {
	for i, n := range u.ns {
		x, d := uslModel(n, th)
		r, w := u.ys[i]-x, u.ws[i]
		for a := range 3 {
			g[a] += w * d[a] * r
			for b := range 3 {
				h[a][b] += w * d[a] * d[b]
			}
		}
	}
	return h, g
}

// lmIterations bounds one Levenberg–Marquardt run; each iteration evaluates the sum of squares at
// most lmTries times.
const (
	lmIterations = 200
	lmTries      = 30
)

// lm minimises the weighted sum of squares from θ by Levenberg–Marquardt (Marquardt's scaling by
// the diagonal) inside the bounds. A parameter at a bound whose gradient points out of the box is
// held there for the step (an active set); parameters marked fixed are never moved, which gives
// profiles. It returns the optimum, its sum of squares and the number of evaluations of the sum.
func (u *uslData) lm(th [3]float64, fixed [3]bool) ([3]float64, float64, int) {
	th = clampTheta(th)
	cur, evals := u.sse(th), 1
	var floor float64 // below this the residuals are rounding noise
	for i, y := range u.ys {
		floor += 1e-28 * u.ws[i] * y * y
	}
	mu := 1e-3
	for range lmIterations {
		if cur <= floor || !finite(cur) {
			break
		}
		h, g := u.normal(th)
		var free [3]int
		m := 0
		for j := range 3 {
			switch {
			case fixed[j]:
			case th[j] <= uslLow[j] && g[j] <= 0:
			case th[j] >= uslHigh[j] && g[j] >= 0:
			default:
				free[m] = j
				m++
			}
		}
		if m == 0 {
			break
		}
		accepted, converged := false, false
		for range lmTries {
			var a [3][3]float64
			var b [3]float64
			for p, jp := range free[:m] {
				for q, jq := range free[:m] {
					a[p][q] = h[jp][jq]
				}
				a[p][p] += mu * math.Max(h[jp][jp], 1e-300)
				b[p] = g[jp]
			}
			step, ok := solveSmall(&a, &b, m)
			if !ok {
				mu *= 4
				continue
			}
			next := th
			for p, j := range free[:m] {
				next[j] += step[p]
			}
			next = clampTheta(next)
			v := u.sse(next)
			evals++
			if v < cur {
				moved := 0.0
				for j := range 3 {
					moved = math.Max(moved, math.Abs(next[j]-th[j])/(math.Abs(th[j])+1e-12))
				}
				converged = (cur-v <= 1e-14*cur && mu < 1) || moved < 1e-12
				th, cur = next, v
				mu = math.Max(mu/3, 1e-12)
				accepted = true
				break
			}
			mu *= 4
		}
		if !accepted || converged {
			break
		}
	}
	return th, cur, evals
}

// solveSmall solves the m×m system a·x = b (m ≤ 3) by Gaussian elimination with partial pivoting,
// overwriting a and b.
func solveSmall(a *[3][3]float64, b *[3]float64, m int) ([3]float64, bool) {
	var x [3]float64
	for c := range m {
		p := c
		for r := c + 1; r < m; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		if a[p][c] == 0 || !finite(a[p][c]) {
			return x, false
		}
		a[c], a[p] = a[p], a[c]
		b[c], b[p] = b[p], b[c]
		for r := c + 1; r < m; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k < m; k++ {
				a[r][k] -= f * a[c][k]
			}
			b[r] -= f * b[c]
		}
	}
	for c := m - 1; c >= 0; c-- {
		s := b[c]
		for k := c + 1; k < m; k++ {
			s -= a[c][k] * x[k]
		}
		x[c] = s / a[c][c]
		if !finite(x[c]) {
			return x, false
		}
	}
	return x, true
}
