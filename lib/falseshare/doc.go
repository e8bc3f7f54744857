// Package falseshare measures false sharing: goroutines that each update their own counter still slow
// each other down when the counters sit on the same cache line, because a core must own a whole line
// (64 bytes on x86-64 and most arm64) to write any byte of it, and the line bounces between cores.
//
// [Measure] times worker goroutines that each add 1 atomically to their own int64 counter, with the
// counters laid out three ways — adjacent (8 bytes apart, one line), padded to 64 bytes (one line each)
// and padded to 128 bytes (x86 cores also prefetch the neighbouring line) — on one worker (the control:
// nothing is shared) and on as many workers as GOMAXPROCS (at least two). It uses package bench for the
// method (warm-up, shuffled rounds, medians with 95% intervals) and returns the nanoseconds per increment
// of each layout and the ratio adjacent ÷ padded.
//
// # Limits and cancellation
//
// Workers is 2 … 1024, Ops at most 2³⁴ increments per trial and Trials at most 1000; a bad value is an
// error naming the field, before anything runs. A trial stops within some ten thousand
// increments of its context ending, counted over all workers.
//
// # Cost
//
// BenchmarkFalseSharing measures ns per increment for each layout on 1 worker and on max(2, GOMAXPROCS)
// workers ("adjacent-2", "padded128B-2", …). What to expect on a multi-core machine: on one worker the
// layouts cost the same, as they must, since nothing is shared; on two cores the adjacent counters are
// several times slower than padded ones — slower than one goroutine doing all the work alone. Whether
// 128 B beats 64 B depends on the CPU's prefetching. A busy machine (other processes on the other core)
// hides the effect, since the two goroutines then rarely run at the same instant.
package falseshare
