// Package compare times several implementations of the same work side by side, in one run, and says how
// many times faster or slower each is than the first.
//
// Trials are interleaved — round 1 runs every implementation once in a shuffled order, then round 2, … —
// so drift (a busy neighbour, a CPU clocking down) hits all of them alike, and each implementation gets
// one untimed warm-up first. The summary of each is its median with the 95% order-statistic interval
// (bench.MedianCI) and its ratio to the first implementation: the median of the per-round ratios, with
// the order-statistic interval of that median, so that a machine whose speed changes between rounds
// (this course's VMs do) moves both sides of every ratio alike.
//
// Use it where a sweep over workers does not fit: Go vs C vs Python, a SIMD dot product vs a plain loop,
// Python threads vs processes, a learner's code vs a reference in a self-check. Run starts no goroutines
// of its own; Interrupt (a cancelled context) stops it as soon as the running implementation returns,
// with a partial result.
package compare
