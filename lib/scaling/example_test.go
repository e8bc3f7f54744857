package scaling_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/scaling"
)

func ExampleAmdahl() {
	// 5% serial work: 16 workers give less than 10×, and no number of workers gives more than 20×.
	for _, n := range []float64{1, 2, 16, 1024} {
		fmt.Printf("N = %4g  Amdahl %5.2f×  Gustafson %7.2f×\n", n, scaling.Amdahl(0.05, n), scaling.Gustafson(0.05, n))
	}
	// Output:
	// N =    1  Amdahl  1.00×  Gustafson    1.00×
	// N =    2  Amdahl  1.90×  Gustafson    1.95×
	// N =   16  Amdahl  9.14×  Gustafson   15.25×
	// N = 1024  Amdahl 19.64×  Gustafson  972.85×
}

func ExampleKarpFlatt() {
	// A speedup of 3.2 on 4 workers means a serial fraction of 0.0833.
	fmt.Printf("%.4f\n", scaling.KarpFlatt(3.2, 4))
	// Output: 0.0833
}

func ExampleFitAmdahl() {
	speedups := []scaling.Point{
		{N: 1, Value: 1},
		{N: 2, Value: 1.82, Lower: 1.78, Upper: 1.86},
		{N: 4, Value: 3.05, Lower: 2.95, Upper: 3.12},
		{N: 8, Value: 4.70, Lower: 4.52, Upper: 4.85},
	}
	fit, err := scaling.FitAmdahl(speedups)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("s = %.3f (%.3f–%.3f); at N = 64: %.1f×\n", fit.Serial, fit.Lower, fit.Upper, fit.Speedup(64))
	// Output: s = 0.101 (0.093–0.111); at N = 64: 8.7×
}

func ExampleFitAmdahl_twoCores() {
	// All a 2-core machine can give: the result says that s is solved, not fitted.
	fit, err := scaling.FitAmdahl([]scaling.Point{{N: 1, Value: 1}, {N: 2, Value: 1.9}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("s = %.4f, underdetermined: %v\n", fit.Serial, fit.Underdetermined())
	// Output: s = 0.0526, underdetermined: true
}

func ExampleFitUSL() {
	// Throughput (requests/s) at 8 concurrency levels: past about 30 clients it falls.
	var pts []scaling.Point
	truth := scaling.USL{Sigma: 0.03, Kappa: 0.001, Lambda: 200}
	for _, n := range []int{1, 2, 4, 8, 16, 32, 64, 128} {
		pts = append(pts, scaling.Point{N: n, Value: truth.X(float64(n))})
	}
	fit, err := scaling.FitUSL(pts)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("σ = %.4f, κ = %.5f, λ = %.1f; peak at N = %g, %.0f requests/s; limited by %s\n",
		fit.Sigma, fit.Kappa, fit.Lambda, fit.Peak(), fit.PeakX(), fit.Limit())
	// Output: σ = 0.0300, κ = 0.00100, λ = 200.0; peak at N = 31, 2191 requests/s; limited by contention
}

func ExampleFitUSL_tooFewPoints() {
	_, err := scaling.FitUSL([]scaling.Point{{N: 1, Value: 100}, {N: 2, Value: 190}})
	fmt.Println(err)
	// Output: scaling: FitUSL needs at least 3 distinct N to fit σ, κ and λ (and 6 to check the fit); got 2 (1, 2): fit Amdahl's law instead, or measure throughput over more concurrency levels, which can go well past the cores for I/O-bound or contended work
}

func ExampleUSLFit_String() {
	// The load test in codahale/usl's README: clients and requests/s.
	fit, err := scaling.FitUSL([]scaling.Point{{N: 1, Value: 65}, {N: 18, Value: 996}, {N: 36, Value: 1652},
		{N: 72, Value: 1853}, {N: 108, Value: 1829}, {N: 144, Value: 1775}, {N: 216, Value: 1702}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fit)
	// Output:
	// USL: σ = 0.02773 (95% interval 0.00247–0.053), κ = 0.0001043 (4.93e-05–0.000177), λ = 89.987 (50.63–129.3), R² = 0.9896 from 7 points (N up to 216); peak at N* = 96 with X = 1883.8; limited by contention
}

func ExampleUSLFit_Underdetermined() {
	fit, err := scaling.FitUSL([]scaling.Point{{N: 1, Value: 100}, {N: 2, Value: 190}, {N: 4, Value: 330}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fit.Underdetermined())
	fmt.Println(fit.Warning)
	// Output:
	// true
	// under-determined: only 3 distinct N (1, 2, 4) for 3 parameters; the USL needs at least 6 to be tested, so this curve is one of many that fit
}

func ExampleAmdahlFit_String() {
	// A 2-core machine: what a notebook prints, warning included.
	fit, err := scaling.FitAmdahl([]scaling.Point{{N: 1, Value: 1}, {N: 2, Value: 1.9, Lower: 1.85, Upper: 1.95}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fit)
	// Output:
	// Amdahl: serial fraction s = 0.0526 (95% interval 0.0256–0.0811), max speedup 1/s = 19, from 1 speedup(s) with N > 1
	// Warning: only one speedup with N > 1 (N = 2): s is solved from it, not fitted, so nothing checks that Amdahl's law describes this program; measure more worker counts (even past the cores) to test it
}

func ExampleUSLFit_PeakKnown() {
	// Six levels close together, measured with a few percent of noise: the curve bends, but the data
	// cannot tell whether throughput ever falls, so the fitted peak is not a finding.
	fit, err := scaling.FitUSL([]scaling.Point{{N: 1, Value: 101}, {N: 2, Value: 188}, {N: 3, Value: 280},
		{N: 4, Value: 352}, {N: 5, Value: 431}, {N: 6, Value: 492}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("peak at N = %g, known: %v; what limits scaling known: %v\n", fit.Peak(), fit.PeakKnown(), fit.LimitKnown())
	// Output: peak at N = 23, known: false; what limits scaling known: false
}
