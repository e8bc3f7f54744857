// Package bench measures how long tasks take on different numbers of workers and GOMAXPROCS, and
// says how sure it is: a number it prints should be one a performance engineer would trust.
//
// A [Sweep] lists tasks (from package workload), worker counts and GOMAXPROCS values; [Run] times
// every combination and returns a [Result]: the raw samples and, per configuration, the median
// with its 95% confidence interval, the speedup and efficiency against one worker with bootstrap
// intervals, and a noisy flag — together with the machine's [Env].
//
// # Method
//
//   - Each task runs once serially first; every later run must return the same checksum, or Run
//     fails: a fast wrong answer is not a speedup.
//   - Each configuration runs once untimed (warm-up: caches, page faults, goroutine stacks).
//   - Then Trials rounds (default 10, at least 6); each round runs every configuration once, in a
//     new shuffled order, so drift affects all configurations alike. runtime.GC runs before each
//     trial, outside the timed region.
//   - Median and its distribution-free interval [x₍ₖ₎, x₍ₙ₊₁₋ₖ₎], k the largest with
//     1 − 2·P(B ≤ k−1) ≥ 95%, B ~ Binomial(n, ½): with 10 trials [x₍₂₎, x₍₉₎] (97.9%), with 6
//     [min, max] (96.9%). This is the interval benchstat reports.
//   - Speedup S = T₁/T_N (medians), with the 2.5–97.5% percentiles of the bootstrap distribution
//     of the ratio of resampled medians, computed exactly rather than drawn (see [Ratio]);
//     efficiency E = S/N.
//   - A point with fewer than [MinTrials] samples (only in a partial result) has no interval:
//     Low = High = 0 ([Point.HasInterval], [Interval.Known] report it), for its median and for any
//     speedup it takes part in. It is drawn without whiskers and no sentence draws a conclusion
//     from it.
//   - Noisy: the interval's half-width exceeds 10% of the median, or there is no interval.
//   - Every interval labelled 95% was checked by simulation with known truth under relative,
//     bimodal and additive timing noise (lib/internal/coverage, table in data/coverage.md).
//   - Env records Go version, logical CPUs, GOMAXPROCS, cgroup CPU quota, CPU model and the load
//     average before and after; [Env.Busy] warns in words when the load was above half the CPUs.
//
// GOMAXPROCS is restored when Run returns — to the automatic default (runtime.SetDefaultGOMAXPROCS)
// when it was the default. All goroutines Run starts have ended when it returns. A cancelled
// context stops Run within one chunk of work (milliseconds) and returns the partial result.
//
// Measuring code never draws: charts of a Result are in lib/chart (Times, Speedup, Efficiency),
// notebook display, caching and Interrupt in lib/nb (Measure). Results are saved and loaded as
// JSON with their environment ([Result.Save], [Load]) or written as CSV ([Result.WriteCSV]).
//
// # Measured
//
// On the 2-core AMD EPYC VM parlab was written on (Go 1.26.8, load 0.55 before the run;
// data/bench/vm.json, made by `make bench`): speedup at 2 workers 2.00 (95% interval 1.91–2.04)
// for Mandelbrot, 1.98 (1.97–2.01) for prime counting, 2.04 (1.84–2.71) for the sum of squares
// (flagged noisy: the VM's speed changed during the run, which the interval shows); 40 waits of
// 5 ms on 16 goroutines 13.2× faster than on one, on 2 cores. The harness adds 0.2–0.5 µs to each
// timed trial (0.005% of a 10 ms trial) and spends 0.2–0.5 ms between trials, nearly all of it in
// runtime.GC (about 0.14 ms alone on this machine when quiet): 2–5% of a 10 ms trial in wall time,
// none of it inside the samples. BenchmarkOverhead measures both.
package bench
