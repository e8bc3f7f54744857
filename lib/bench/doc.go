// Package bench measures how long tasks take on different numbers of workers and GOMAXPROCS, and
// says how sure it is: a number it prints should be one a performance engineer would trust.
//
// A [Sweep] lists tasks (from package workload), worker counts and GOMAXPROCS values; [Run] times
// every combination and returns a [Result]: the raw samples and, per configuration, the median
// with its 95% confidence interval, the speedup and efficiency against one worker with bootstrap
// intervals, and a noisy flag — together with the machine's [Env]. [Result.Describe],
// [Result.SpeedupAt] and [Result.Speedups] read it: in sentences, one point, or as the points the
// scaling fits take.
//
// # Method
//
//   - Each task runs once serially first; every later run must return the same checksum, or Run
//     fails: a fast wrong answer is not a speedup.
//   - Each configuration runs once untimed (warm-up: caches, page faults, goroutine stacks).
//   - Then Trials rounds (default 10, from 6 to 1000); each round runs every configuration once, in
//     a new shuffled order, so drift affects all configurations alike. runtime.GC runs before each
//     trial, outside the timed region.
//   - Median and its distribution-free interval [x₍ₖ₎, x₍ₙ₊₁₋ₖ₎], k the largest with
//     1 − 2·P(B ≤ k−1) ≥ 95%, B ~ Binomial(n, ½): with 10 trials [x₍₂₎, x₍₉₎] (97.9%), with 6
//     [min, max] (96.9%). This is the interval benchstat reports.
//   - Speedup S = T₁/T_N (medians), with the 2.5–97.5% percentiles of the bootstrap distribution
//     of the ratio of resampled medians, computed exactly rather than drawn (see [Ratio]);
//     efficiency E = S / min(N, GOMAXPROCS, NumCPU), the speedup per core the run could use
//     ([Env.CoresUsed]): N goroutines on fewer cores only take turns. T₁ is the one-worker run of the
//     same task, not the best serial program.
//   - A point with fewer than [MinTrials] samples (only in a partial result) has no interval:
//     Low = High = 0 ([Point.HasInterval], [Interval.Known] report it), for its median and for any
//     speedup it takes part in. It is drawn without whiskers and no sentence draws a conclusion
//     from it.
//   - Noisy: the interval's half-width exceeds 10% of the median, or there is no interval.
//   - Every interval labelled 95% was checked by simulation with known truth under relative,
//     bimodal and additive timing noise (lib/internal/coverage, table in data/coverage.md).
//   - The capacity probe ([Capacity]): in every round, in the shuffled order with the sweep's own
//     configurations, a perfectly parallel loop (ProbeSquares squares in registers) runs on one
//     goroutine and on min(GOMAXPROCS, logical CPUs) goroutines at once, for each GOMAXPROCS value
//     with at least two. Its speedup is what the machine gave a program with no serial part during
//     this run — below the CPU count when cores are shared, hyperthreads or a virtual machine's —
//     and Describe compares the program's speedup with it. It adds about two units' time per round.
//   - Env records Go version, logical CPUs (this process's and the whole machine's), GOMAXPROCS,
//     cgroup CPU quota, CPU model and the load average before and after, and whether the race
//     detector was on; [Env.Busy] warns in words when the load was above half the machine's CPUs
//     (the load average counts them all, even when the process is pinned to fewer), [Env.Race] when
//     the times were taken under -race.
//
// # Limits
//
// Workers from 1 to workload.MaxWorkers; GOMAXPROCS values from 1 to procs.Limit() (a few times
// the logical CPUs); Trials from [MinTrials] to [MaxTrials]; at most a million runs in a sweep,
// warm-ups included. Anything else is an error naming the field, before anything runs.
//
// # Goroutines, GOMAXPROCS and cancellation
//
// Run starts no goroutines of its own; the tasks it runs end theirs before returning. GOMAXPROCS
// is set with lib/procs and restored when Run returns — to the automatic default when it was the
// default — so two sweeps that set it must not run at once. A cancelled context stops Run as soon
// as the running task returns (the tasks of package workload check their context at least every
// 10 ms of work) and returns the partial result with the context's error; the interrupted trial is
// dropped.
//
// # Reports: results from any machine
//
// make bench (lib/cmd/parlab-bench) saves what it measured on a machine as a [Report] — its [Env],
// with the physical cores where Linux says, and its load, and the standard CPU and I/O sweeps — in
// a new file of data/bench named by [ReportName]: <CPU model>-<logical CPUs>cpu-<date>-<hash>.json,
// the hash the first 8 hex digits of the file's SHA-256. Host names identify nothing (every cloud
// VM may be "vm"), so they are not in the name; [SaveReport] never replaces a file. [Reports] reads
// every report in the folder: the folder is the index, so a file copied in (scp, git) needs no list
// updated, and two people adding results never edit the same line. ReadReport reads every format
// make bench has written (the sweeps and env have not changed; what else a file holds is left to the
// command).
//
// Measuring code never draws: charts of a Result are in lib/chart (Times, Speedup, Efficiency),
// notebook display, caching and Interrupt in lib/nb (Measure). Results are written and read as
// JSON with their environment ([Result.WriteFile], [ReadFile]) or written as CSV
// ([Result.WriteCSV]). What the harness costs per trial is measured by BenchmarkOverhead;
// data/numbers has the figures with the machine they came from.
package bench
