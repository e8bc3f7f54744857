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
// # Measured
//
// BenchmarkFalseSharing (-count 6 -cpu 2 -benchtime 200ms, medians), two runs in quiet windows (CPUs
// ≥ 90% idle) of a 2-vCPU AMD EPYC VM (KVM), Debian 12, Go 1.26.8, ns per increment:
//
//	                 1 goroutine   2 goroutines
//	adjacent         2.35–2.42     4.36–5.01
//	padded 64 B      2.30–2.42     1.07–1.23
//	padded 128 B     2.12–2.34     1.04–1.13
//
// Two goroutines on one cache line took 3.9× and 4.8× as long as with their counters 128 B apart (3.5×
// and 4.7× against 64 B): slower than one goroutine doing all the work alone. Padding to 128 B instead
// of 64 B made no clear difference on this CPU. On one goroutine the layouts cost the same, as they
// must: nothing is shared. A busy machine (other processes on the other core) hides the effect, since
// the two goroutines then rarely run at the same instant: measured at load 3, the ratio was 1.3×.
package falseshare
