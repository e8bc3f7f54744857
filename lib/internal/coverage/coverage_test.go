package coverage

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/scaling"
)

var update = flag.Bool("update", false, "write the measured coverages to data/coverage.md")

// draws is the number of simulated measurements per setting.
const draws = 1000

// minCoverage is the least coverage accepted for an interval labelled 95%: with 1000 draws a true 95%
// interval covers fewer than 930 with probability below 0.3% (binomial, z = −2.9).
const minCoverage = 0.93

// t1 is the one-worker time of every simulated task: 100 ms, within the 50–500 ms the method asks for.
const t1 = 100e6 // ns

// noise turns the time a configuration takes, t (ns), into one measured sample.
type noise struct {
	name   string
	sample func(r *rand.Rand, t float64) float64
	median func(t float64) float64 // the population median of the samples: the truth a median estimates
}

var (
	relative = noise{"relative: t·(1 + 3% Z)",
		func(r *rand.Rand, t float64) float64 { return t * (1 + 0.03*r.NormFloat64()) },
		func(t float64) float64 { return t }}
	// The same loop takes 2.7 ms or 5 ms on this VM: here 30% of samples run at the slow speed.
	bimodal = noise{"bimodal: t·(1 + 1% Z), 30% of samples ×5/2.7",
		func(r *rand.Rand, t float64) float64 {
			m := 1.0
			if r.Float64() < bimodalP {
				m = bimodalSlow
			}
			return t * m * (1 + 0.01*r.NormFloat64())
		},
		func(t float64) float64 { return t * bimodalMedian }}
	additive = noise{"additive: t + 3 ms·Z",
		func(r *rand.Rand, t float64) float64 { return math.Max(1e3, t+0.03*t1*r.NormFloat64()) },
		func(t float64) float64 { return t }}
	noises = []noise{relative, bimodal, additive}
)

const (
	bimodalP    = 0.3
	bimodalSlow = 5 / 2.7
)

// bimodalMedian is the median of the bimodal factor m·(1 + 1% Z): where its distribution function,
// a mixture of two normals, reaches ½ (bisection).
var bimodalMedian = func() float64 {
	phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	cdf := func(m float64) float64 {
		return (1-bimodalP)*phi((m-1)/0.01) + bimodalP*phi((m-bimodalSlow)/(0.01*bimodalSlow))
	}
	lo, hi := 0.5, 3.0
	for range 100 {
		if mid := (lo + hi) / 2; cdf(mid) < 0.5 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}()

func samples(r *rand.Rand, nz noise, t float64, n int) []time.Duration {
	xs := make([]time.Duration, n)
	for i := range xs {
		xs[i] = time.Duration(nz.sample(r, t))
	}
	return xs
}

// median is bench's median of a sample set, as a float (bench.Ratio's Value is a ratio of these).
func median(xs []time.Duration) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return (float64(s[n/2-1]) + float64(s[n/2])) / 2
}

// check is one estimate's interval and the truth it should hold.
type check struct {
	lo, hi, truth float64
}

func (c check) covered() bool { return c.lo <= c.truth && c.truth <= c.hi }

// row is one setting of the study: an interval parlab prints, a simulated experiment, and what each
// draw checks (one check per parameter named in params).
type row struct {
	interval string   // the interval, as parlab names it
	setting  string   // what was simulated
	noise    string   // the noise model
	trials   string   // samples per configuration
	params   []string // the parameters checked, one per check a draw returns
	draw     func(r *rand.Rand) ([]check, error)
}

func rows() []row {
	var rs []row
	// bench: the median's order-statistic interval, and the speedup's bootstrap interval.
	for _, nz := range noises {
		for _, n := range []int{6, 10} {
			rs = append(rs, row{"bench.MedianCI", "median of one configuration's times", nz.name, fmt.Sprint(n), []string{"median"},
				func(r *rand.Rand) ([]check, error) {
					_, lo, hi, _ := bench.MedianCI(samples(r, nz, t1, n))
					return []check{{float64(lo), float64(hi), nz.median(t1)}}, nil
				}})
		}
	}
	speedup := func(nz noise, n int, s float64) row {
		return row{"bench.Ratio (speedup)", fmt.Sprintf("speedup T(1)/T(N) = %g", s), nz.name, fmt.Sprint(n), []string{"speedup"},
			func(r *rand.Rand) ([]check, error) {
				iv := bench.Ratio(samples(r, nz, t1, n), samples(r, nz, t1/s, n), 0)
				return []check{{iv.Low, iv.High, nz.median(t1) / nz.median(t1/s)}}, nil
			}}
	}
	for _, nz := range noises {
		for _, n := range []int{6, 10} {
			rs = append(rs, speedup(nz, n, 1.9))
		}
	}
	// Relative and bimodal noise scale with the time, so their coverage is the same at any speedup;
	// additive noise is a larger share of a shorter time.
	rs = append(rs, speedup(additive, 6, 7.5), speedup(additive, 10, 7.5))

	// FitAmdahl on speedups without intervals, noise on the speedups themselves (the hostile test
	// of issue 13 found 808 and 978 of 1000 here).
	ns16 := []int{1, 2, 3, 4, 6, 8, 12, 16}
	for _, c := range []struct {
		s     float64
		name  string
		noisy func(r *rand.Rand, v float64) float64
	}{
		{0.05, "relative: S·(1 + 2% Z)", func(r *rand.Rand, v float64) float64 { return v * (1 + 0.02*r.NormFloat64()) }},
		{0.2, "relative: S·(1 + 2% Z)", func(r *rand.Rand, v float64) float64 { return v * (1 + 0.02*r.NormFloat64()) }},
		{0.05, "additive: S + 0.05 Z", func(r *rand.Rand, v float64) float64 { return v + 0.05*r.NormFloat64() }},
		{0.2, "additive: S + 0.05 Z", func(r *rand.Rand, v float64) float64 { return v + 0.05*r.NormFloat64() }},
	} {
		rs = append(rs, row{"scaling.FitAmdahl (s)", fmt.Sprintf("speedups without intervals, N = 1…16 (8 points), s = %g", c.s), c.name, "—", []string{"s"},
			func(r *rand.Rand) ([]check, error) {
				var pts []scaling.Point
				for _, n := range ns16 {
					v := scaling.Amdahl(c.s, float64(n))
					if n > 1 {
						v = c.noisy(r, v)
					}
					pts = append(pts, scaling.Point{N: n, Value: v})
				}
				f, err := scaling.FitAmdahl(pts)
				return []check{{f.Lower, f.Upper, c.s}}, err
			}})
	}
	// FitAmdahl on a sweep's speedups: times T(N) = T(1)·(s + (1−s)/N), every speedup against the same
	// T(1) samples, with its bootstrap interval, as nb.Speedups hands them over. (The point N = 1 is
	// left without an interval: S(1) = 1 whatever s is, so it cannot change the fit.) Then the same
	// speedups without their intervals, which FitAmdahl fits another way.
	const sTrue = 0.1
	sweep := func(set []int, nz noise, n int, withIntervals bool) row {
		setting := fmt.Sprintf("a sweep's speedups with their intervals, N = %s, s = %g", joinInts(set), sTrue)
		if !withIntervals {
			setting = fmt.Sprintf("a sweep's speedups without intervals, N = %s, s = %g", joinInts(set), sTrue)
		}
		return row{"scaling.FitAmdahl (s)", setting, nz.name, fmt.Sprint(n), []string{"s"},
			func(r *rand.Rand) ([]check, error) {
				base := samples(r, nz, t1, n)
				pts := []scaling.Point{{N: 1, Value: 1}}
				for _, N := range set[1:] {
					xs := samples(r, nz, t1*(sTrue+(1-sTrue)/float64(N)), n)
					p := scaling.Point{N: N, Value: median(base) / median(xs)}
					if withIntervals {
						iv := bench.Ratio(base, xs, 0)
						p.Lower, p.Upper = iv.Low, iv.High
					}
					pts = append(pts, p)
				}
				f, err := scaling.FitAmdahl(pts)
				return []check{{f.Lower, f.Upper, sTrue}}, err
			}}
	}
	for _, set := range [][]int{{1, 2}, {1, 2, 3, 4}, {1, 2, 4, 8}} {
		for _, nz := range noises {
			for _, n := range []int{6, 10} {
				rs = append(rs, sweep(set, nz, n, true))
			}
		}
	}
	for _, set := range [][]int{{1, 2, 3, 4}, {1, 2, 4, 8}} {
		for _, nz := range noises {
			rs = append(rs, sweep(set, nz, 10, false))
		}
	}

	// FitUSL on throughputs without intervals (as codahale/usl takes them), noise on the throughputs.
	levels := []int{1, 2, 4, 8, 16, 24, 32} // notebook 02's default levels
	peak := scaling.USL{Sigma: 0.05, Kappa: 0.001, Lambda: 100}
	usl := []string{"σ", "κ", "λ"}
	uslChecks := func(f scaling.USLFit, truth scaling.USL) []check {
		return []check{{f.SigmaLower, f.SigmaUpper, truth.Sigma}, {f.KappaLower, f.KappaUpper, truth.Kappa},
			{f.LambdaLower, f.LambdaUpper, truth.Lambda}}
	}
	for _, c := range []struct {
		name  string
		noisy func(r *rand.Rand, v, top float64) float64
	}{
		{"relative: X·(1 + 2% Z)", func(r *rand.Rand, v, top float64) float64 { return v * (1 + 0.02*r.NormFloat64()) }},
		{"additive: X + 1% of max X·Z", func(r *rand.Rand, v, top float64) float64 { return v + 0.01*top*r.NormFloat64() }},
	} {
		rs = append(rs, row{"scaling.FitUSL (σ, κ, λ)", fmt.Sprintf("throughputs without intervals, N = %s, %v", joinInts(levels), peak), c.name, "—", usl,
			func(r *rand.Rand) ([]check, error) {
				top := peak.X(peak.Peak())
				var pts []scaling.Point
				for _, n := range levels {
					pts = append(pts, scaling.Point{N: n, Value: c.noisy(r, peak.X(float64(n)), top)})
				}
				f, err := scaling.FitUSL(pts)
				return uslChecks(f, peak), err
			}})
	}
	// FitUSL on a load test's throughputs: at each level R requests take time T(N) = R/X(N), timed n
	// times; throughput R/median with the interval from the median's (as serving.Levels gives them).
	loadTest := func(truth scaling.USL, lv []int, nz noise, n int) row {
		return row{"scaling.FitUSL (σ, κ, λ)", fmt.Sprintf("a load test's throughputs, N = %s, %v", joinInts(lv), truth), nz.name, fmt.Sprint(n), usl,
			func(r *rand.Rand) ([]check, error) {
				var pts []scaling.Point
				for _, N := range lv {
					// T(1) = t1: R = λ·t1 requests.
					t := t1 * truth.X(1) / truth.X(float64(N))
					med, lo, hi, _ := bench.MedianCI(samples(r, nz, t, n))
					x := func(d time.Duration) float64 { return truth.X(float64(N)) * t / float64(d) }
					pts = append(pts, scaling.Point{N: N, Value: x(med), Lower: x(hi), Upper: x(lo)})
				}
				f, err := scaling.FitUSL(pts)
				want := truth
				want.Lambda = truth.Lambda * t1 / nz.median(t1) // the median time is what a throughput measures
				return uslChecks(f, want), err
			}}
	}
	for _, nz := range noises {
		rs = append(rs, loadTest(peak, levels, nz, 6))
		rs = append(rs, loadTest(scaling.USL{Sigma: 0.1, Kappa: 0, Lambda: 100}, levels, nz, 6))
	}
	rs = append(rs, loadTest(peak, levels, relative, 10), loadTest(peak, []int{1, 2, 4, 8, 16, 32}, relative, 6))
	return rs
}

func joinInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprint(x))
	}
	return strings.Join(s, ", ")
}

// result is a row's coverage per parameter and mean interval width relative to the truth (NaN
// when the truth is 0).
type result struct {
	covered []int
	width   []float64
}

// TestCoverage runs every setting 1000 times, from a seed of its own, and fails when an interval
// labelled 95% held the truth in fewer than 93% of the draws. Settings run in parallel; each has its
// own random source, so the counts do not depend on scheduling.
func TestCoverage(t *testing.T) {
	start := time.Now()
	rs := rows()
	results := make([]result, len(rs))
	t.Run("settings", func(t *testing.T) {
		for i, rw := range rs {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				r := rand.New(rand.NewPCG(2026, uint64(i)))
				res := result{covered: make([]int, len(rw.params)), width: make([]float64, len(rw.params))}
				for range draws {
					cs, err := rw.draw(r)
					if err != nil {
						t.Fatalf("%s, %s: %v", rw.interval, rw.setting, err)
					}
					for j, c := range cs {
						if c.covered() {
							res.covered[j]++
						}
						res.width[j] += (c.hi - c.lo) / c.truth / draws
					}
				}
				results[i] = res
				for j, p := range rw.params {
					cov := float64(res.covered[j]) / draws
					t.Logf("%.1f%% %s for %s; %s; %s; %s trials", 100*cov, rw.interval, p, rw.setting, rw.noise, rw.trials)
					if cov < minCoverage {
						t.Errorf("%s for %s; %s; noise %s; %s trials: held the truth in %d of %d draws (%.1f%%); want at least %.0f%%",
							rw.interval, p, rw.setting, rw.noise, rw.trials, res.covered[j], draws, 100*cov, 100*minCoverage)
					}
				}
			})
		}
	})
	if *update && !t.Failed() {
		if err := writeTable(rs, results, time.Since(start)); err != nil {
			t.Fatal(err)
		}
	}
}

// writeTable writes the coverages as a Markdown table to data/coverage.md, with the machine and
// the date.
func writeTable(rs []row, results []result, took time.Duration) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Coverage of parlab's 95%% intervals\n\n")
	fmt.Fprintf(&b, "How often each interval parlab labels \"95%%\" held the true value in %d simulated measurements per setting, "+
		"with known truth (lib/internal/coverage). A 95%% interval should hold it about 950 times; the test fails below %.0f%%. "+
		"The counts come from a fixed seed and do not depend on the machine; \"width\" is the mean interval width divided by the true value "+
		"(— when the truth is 0).\n\n", draws, 100*minCoverage)
	env := bench.CaptureEnv()
	fmt.Fprintf(&b, "Written by `go test ./lib/internal/coverage -run TestCoverage -update` on %s: %s, %d logical CPUs, %s/%s, %s; "+
		"the study took %.1f s with the load average at %v before.\n\n",
		env.Time.Format("2006-01-02"), env.CPUModel, env.NumCPU, env.OS, env.Arch, env.GoVersion, took.Seconds(), env.LoadBefore)
	b.WriteString("| interval | setting | noise | trials | parameter | coverage | width |\n|---|---|---|--:|---|--:|--:|\n")
	for i, rw := range rs {
		for j, p := range rw.params {
			w := "—"
			if v := results[i].width[j]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				w = fmt.Sprintf("%.3g", v)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %.1f%% (%d/%d) | %s |\n", rw.interval, rw.setting, rw.noise, rw.trials, p,
				100*float64(results[i].covered[j])/draws, results[i].covered[j], draws, w)
		}
	}
	path := filepath.Join("..", "..", "..", "data", "coverage.md")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
