// Package gotool runs, from a notebook cell, the tools Go engineers use to measure outside a notebook:
// `go test -bench` on a package of this checkout ([Bench]), `go tool benchstat` on its output
// ([Benchstat], golang.org/x/perf, pinned as a tool in go.mod), and `go tool trace` on an execution
// trace — its web viewer started on 127.0.0.1, asked for its list of views and stopped ([TraceViews]),
// or its profiles written with -pprof ([TraceProfile]). [Samples] reads benchmark output with x/perf's
// benchfmt, so that parlab's own statistics (bench.MedianCI) can be set beside benchstat's.
//
// # Processes
//
// Every command runs in the checkout's root (found as package datadir does), with the go command on
// PATH, in a process group of its own, bounded by its context and by a limit (2 min for Bench, 30 s
// for the others): when either runs out the whole group is killed (the go command's test binaries and
// the trace viewer included) and the function returns only after it has exited. No process outlives
// the call: TraceViews stops its server before it returns, whatever happened.
package gotool
