package scaling

import (
	"fmt"
	"math"
)

// Amdahl returns the speedup of a fixed-size problem on n workers when a fraction s of the one-worker
// time is serial: the serial part caps the speedup at 1/s however many workers there are.
//
//	S(n) = 1 / (s + (1−s)/n)
//
// It returns NaN when s is outside [0, 1] or n < 1.
func Amdahl(s, n float64) float64 {
	if !(s >= 0 && s <= 1) || !(n >= 1) {
		return math.NaN()
	}
	return 1 / (s + (1-s)/n)
}

// Gustafson returns the scaled speedup on n workers when the problem grows with n and a fraction s of the
// n-worker time is serial: bigger problems keep the workers busy, so the speedup grows without bound.
//
//	S(n) = s + (1−s)·n
//
// It returns NaN when s is outside [0, 1] or n < 1.
func Gustafson(s, n float64) float64 {
	if !(s >= 0 && s <= 1) || !(n >= 1) {
		return math.NaN()
	}
	return s + (1-s)*n
}

// GustafsonToAmdahl converts Gustafson's serial fraction into Amdahl's for the same run. Gustafson's s
// is the serial share of the time on n workers, of a problem grown n-fold; Amdahl's s is the serial
// share of the time on one worker. Run on one worker, the grown problem takes s + (1−s)·n, of which s
// is serial:
//
//	s_A = s / (s + (1−s)·n)
//
// Amdahl's law with s_A gives Gustafson's speedup, Amdahl(s_A, n) = Gustafson(s, n): the two laws
// agree; they describe different problems. It returns NaN when s is outside [0, 1] or n < 1.
func GustafsonToAmdahl(s, n float64) float64 {
	if !(s >= 0 && s <= 1) || !(n >= 1) || math.IsInf(n, 1) {
		return math.NaN()
	}
	if s == 0 {
		return 0
	}
	return s / (s + (1-s)*n)
}

// KarpFlatt returns the experimentally determined serial fraction of a measured speedup on n workers:
// the s that Amdahl's law needs to explain it; if it grows with n, overhead grows with n.
//
//	e = (1/speedup − 1/n) / (1 − 1/n)
//
// It returns NaN when n ≤ 1 (the fraction is undefined at one worker) or speedup is not positive.
func KarpFlatt(speedup, n float64) float64 {
	if !(n > 1) || !(speedup > 0) || math.IsInf(speedup, 0) || math.IsInf(n, 0) {
		return math.NaN()
	}
	return (1/speedup - 1/n) / (1 - 1/n)
}

// Efficiency returns speedup/n, the share of n cores' capacity that does useful work (1 is perfect).
// n is the cores the run could use — min(workers, GOMAXPROCS, logical CPUs) — not the goroutines:
// goroutines beyond the cores only take turns. It returns NaN when n < 1.
func Efficiency(speedup, n float64) float64 {
	if !(n >= 1) {
		return math.NaN()
	}
	return speedup / n
}

// USL is the Universal Scalability Law: throughput at concurrency N falls short of λN by contention
// (σ) and, past a peak, falls by coherency (κ).
//
//	X(N) = λN / (1 + σ(N−1) + κN(N−1))
//
// The zero value has λ = 0 and predicts no throughput.
type USL struct {
	Sigma  float64 // σ, contention: the share of work serialised on a shared resource, in [0, 1]
	Kappa  float64 // κ, coherency: the cost of each pair of workers keeping shared state in step, in [0, 1]
	Lambda float64 // λ, the throughput of one worker in the measured unit (> 0)
}

// X returns the throughput the model predicts at concurrency n (n ≥ 1; NaN otherwise).
func (m USL) X(n float64) float64 {
	if !(n >= 1) {
		return math.NaN()
	}
	return m.Lambda * n / (1 + m.Sigma*(n-1) + m.Kappa*n*(n-1))
}

// Speedup returns X(n)/X(1), the speedup the model predicts at concurrency n.
func (m USL) Speedup(n float64) float64 {
	return m.X(n) / m.X(1)
}

// Peak returns the concurrency of greatest throughput, N* = ⌊√((1−σ)/κ)⌋, at least 1. Without coherency
// cost (κ = 0) throughput never falls and Peak returns +Inf.
func (m USL) Peak() float64 {
	if !(m.Kappa > 0) {
		return math.Inf(1)
	}
	return math.Max(1, math.Floor(math.Sqrt(math.Max(0, 1-m.Sigma)/m.Kappa)))
}

// PeakX returns the throughput at Peak, or the limit λ/σ when κ = 0 (+Inf when σ = 0 too).
func (m USL) PeakX() float64 {
	if p := m.Peak(); !math.IsInf(p, 1) {
		return m.X(p)
	}
	if m.Sigma > 0 {
		return m.Lambda / m.Sigma
	}
	return math.Inf(1)
}

// Limit says what limits scaling, following codahale/usl: "contention" when σ > κ (queueing flattens the
// curve), "coherency" when κ > σ (crosstalk bends it down), "none" when both are zero (linear scaling)
// and "balanced" when they are equal and positive.
func (m USL) Limit() string {
	switch {
	case m.Sigma == 0 && m.Kappa == 0:
		return "none"
	case m.Sigma > m.Kappa:
		return "contention"
	case m.Kappa > m.Sigma:
		return "coherency"
	default:
		return "balanced"
	}
}

// String formats the model as USL{σ=…, κ=…, λ=…} with 4 significant digits.
func (m USL) String() string {
	return fmt.Sprintf("USL{σ=%.4g, κ=%.4g, λ=%.4g}", m.Sigma, m.Kappa, m.Lambda)
}
