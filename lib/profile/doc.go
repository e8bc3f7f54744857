// Package profile takes a CPU profile of a function with the runtime's profiler (runtime/pprof) and
// reads it with the pprof tool's own parser (github.com/google/pprof/profile) into what a notebook
// shows: each function's flat time (spent in its own code) and cumulative time (in it and everything
// it called), and the call tree below a chosen function, for a tree map.
//
// [CPU] profiles a function, running it again and again until the program has used the CPU time asked
// (at most five times that in wall time, on a busy machine): the profiler samples 100 times per second
// of CPU time, so 1 s gives about 100 samples, and a share of 50% is known to about ±5 points. [Parse] reads any profile in pprof's format (what `go test
// -cpuprofile` or `go tool trace -pprof=sched` write), taking its last sample type (CPU nanoseconds for
// a CPU profile, delay for the trace's profiles).
//
// [Thumbnails] is a fixed profile, made with the same package for notebook 06's exercise, and
// [CheckHotSpot] its self-check: which loop to parallelise, and the speedup Amdahl's law allows.
//
// # Goroutines and limits
//
// CPU runs the function in the calling goroutine and starts none; the runtime's profiler is the whole
// program's, so CPU returns an error while another CPU profile is running. It stops the profiler before
// returning, also when the function panics. A cancelled context stops it after the running call of the
// function. Profiles of more than 2²⁰ samples or call stacks deeper than 512 frames are refused.
package profile
