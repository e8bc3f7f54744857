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
package falseshare
