// Package compare times several implementations of the same work side by side, in one run, and says how
// many times faster or slower each is than the first.
//
// Trials are interleaved — round 1 runs every implementation once in a shuffled order, then round 2, … —
// so drift (a busy neighbour, a CPU clocking down) hits all of them alike, and each implementation gets
// one untimed warm-up first. The summary of each is its median with the 95% order-statistic interval
// (bench.MedianCI) and its ratio to the first implementation with a bootstrap interval (bench.Ratio).
//
// Use it where a sweep over workers does not fit: Go vs C vs Python, a SIMD dot product vs a plain loop,
// Python threads vs processes. Run starts no goroutines of its own.
package compare
