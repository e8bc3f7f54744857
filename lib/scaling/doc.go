// Package scaling holds the laws that say how much faster a program gets with more workers, and fits
// them to measurements.
//
// # Laws
//
// With N workers and a serial fraction s (the share of one-worker time that cannot run in parallel):
//
//	Amdahl (fixed problem):      S(N) = 1 / (s + (1−s)/N)          S ≤ 1/s for every N
//	Gustafson (scaled problem):  S(N) = s + (1−s)·N                 grows without bound
//	Karp–Flatt (from a measured speedup S at N):
//	                             e(N) = (1/S − 1/N) / (1 − 1/N)     = s when Amdahl holds
//	Universal Scalability Law (throughput X at concurrency N):
//	                             X(N) = λN / (1 + σ(N−1) + κN(N−1)) peak at N* = ⌊√((1−σ)/κ)⌋
//
// σ is contention (queueing for a shared resource, Amdahl's s), κ is coherency (the cost of keeping
// shared state consistent between workers, which makes throughput fall past N*), λ is the throughput
// of one worker.
//
// # Data
//
// Fits take a slice of [Point]: N (workers or concurrency level, strictly increasing), Value (a
// median speedup or throughput) and an optional interval [Lower, Upper]. The package depends
// on no other parlab package: a harness adapts its own result type in a few lines.
//
// # Honest fits
//
// [FitAmdahl] finds s by bounded least squares on the speedups (golden-section search on s ∈ [0, 1])
// with a 95% interval from the residuals (Student's t) widened to cover the fits to the measured
// interval ends. [FitUSL] finds σ, κ ∈ [0, 1] and λ > 0 by least squares: λ is solved in closed form
// for each (σ, κ), which gonum's Nelder–Mead searches from several starts, so the search is in two
// dimensions and always ends (at most 4 starts × 4000 evaluations). Standard errors come from the
// Jacobian at the optimum. It reproduces codahale/usl's 32-point reference (σ = 0.02671591,
// κ = 7.690945e-4, λ = 995.6486) with relative errors below 2e-6 (the test asks for 1e-5), and the
// 7-point load test of its README (σ = 0.0277299, κ = 0.000104343, λ = 89.9878, peak at N = 96).
//
// Three parameters need more than three points to be checked at all: with fewer than 6 distinct N the
// USL result carries a Warning (and Underdetermined reports true); with fewer than 3 it is an error.
// A 2-core machine gives two CPU speedups (N = 1, 2): Amdahl's s is then solved, not fitted, and the
// result says so. Fit the USL where N can go well past the cores: the throughput of an I/O-bound or
// contended workload over concurrency levels.
//
// # Cost
//
// Measured on the 2-core Debian 12 development machine (Go 1.26.8, go test -bench -count 5, with other
// engineers' tests running, load average 2–9): FitUSL on codahale/usl's 32 points takes 2.4–5.6 ms
// (about 2,100 evaluations of the sum of squares; gonum's optimizer hands each one over a channel), far
// under the 50 ms budget; FitAmdahl on 8 points with intervals takes 45–150 µs. optimize.Minimize starts goroutines and waits for them
// before it returns, so no fit leaves a goroutine behind.
package scaling
