package bench

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Level is the confidence level of every interval in this package.
const Level = 0.95

// MinTrials is the fewest trials a sweep allows: with 6 samples the widest order-statistic
// interval, [min, max], covers the median with probability 1 − 2·(1/2)⁶ ≈ 96.9%; with 5 it is
// 93.75%, less than [Level].
const MinTrials = 6

// MedianCI returns the median of xs and the distribution-free confidence interval for it: the
// k-th smallest and k-th largest samples, with k the largest for which the interval covers the true
// median with probability coverage = 1 − 2·P(B ≤ k−1) ≥ Level, B ~ Binomial(n, ½) (Lehmann,
// Nonparametrics, 1975, pp. 182–183; benchstat reports the same interval). With fewer than
// MinTrials samples no k reaches Level; then the interval is [min, max] and coverage says how
// much less it is. xs is not modified; when it is empty, all results are zero.
func MedianCI(xs []time.Duration) (median, lo, hi time.Duration, coverage float64) {
	if len(xs) == 0 {
		return 0, 0, 0, 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		median = s[n/2]
	} else {
		median = (s[n/2-1] + s[n/2]) / 2
	}
	k, cov := 1, 1-2*binomCDF(0, n)
	for k+1 <= (n+1)/2 {
		c := 1 - 2*binomCDF(k, n) // coverage of [x_(k+1), x_(n−k)]
		if c < Level {
			break
		}
		k, cov = k+1, c
	}
	return median, s[k-1], s[n-k], cov
}

// binomCDF returns P(B ≤ k) for B ~ Binomial(n, ½).
func binomCDF(k, n int) float64 {
	p, term := 0.0, math.Pow(0.5, float64(n)) // C(n, 0)/2ⁿ
	for i := 0; i <= k && i <= n; i++ {
		p += term
		term *= float64(n-i) / float64(i+1)
	}
	return p
}

// Interval is an estimate with its 95% confidence interval.
type Interval struct {
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
}

// resamples is the number of bootstrap resamples: with 2000 the 2.5% and 97.5% percentiles move by
// well under 1% between seeds for 10 samples (see TestBootstrapStable).
const resamples = 2000

// Ratio returns median(base)/median(xs) and its 95% bootstrap percentile interval: both sample
// sets resampled with replacement, independently, 2000 times. With base the one-worker times it is
// the speedup of xs; with base the times of one program and xs another's, it says how many times
// slower the first is. It is deterministic for a given seed. When either set is empty, or a
// median is zero, the result is zero.
func Ratio(base, xs []time.Duration, seed uint64) Interval {
	if len(base) == 0 || len(xs) == 0 || median(slices.Clone(base)) == 0 || median(slices.Clone(xs)) == 0 {
		return Interval{}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	ratios := make([]float64, resamples)
	bs, xsr := make([]time.Duration, len(base)), make([]time.Duration, len(xs))
	for r := range ratios {
		for i := range bs {
			bs[i] = base[rng.IntN(len(base))]
		}
		for i := range xsr {
			xsr[i] = xs[rng.IntN(len(xs))]
		}
		ratios[r] = float64(median(bs)) / float64(max(median(xsr), 1))
	}
	slices.Sort(ratios)
	return Interval{
		Value: float64(median(slices.Clone(base))) / float64(median(slices.Clone(xs))),
		Low:   quantile(ratios, (1-Level)/2),
		High:  quantile(ratios, 1-(1-Level)/2),
	}
}

// median sorts xs in place and returns its median.
func median(xs []time.Duration) time.Duration {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// quantile returns the q-quantile of sorted xs, interpolating linearly between order statistics.
func quantile(xs []float64, q float64) float64 {
	pos := q * float64(len(xs)-1)
	i := int(pos)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (pos-float64(i))*(xs[i+1]-xs[i])
}
