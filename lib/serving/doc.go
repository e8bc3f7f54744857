// Package serving measures a client talking to a web service with latency, the situation of a
// server with many users: how many requests per second N goroutines get (throughput), how long
// each request takes (latency), why that pays even on one core — the waits overlap — and where the
// service's capacity stops it.
//
// Levels turns one curve of a lib/bench sweep of workload.HTTP into throughput and latency per
// concurrency level; Throughputs gives the points scaling.FitUSL and chart.USL take. EventLoop and
// PerRequest are two ways of keeping requests in flight, measured side by side: one goroutine running
// every callback (the model of Node.js) and one goroutine per request. Simulate shows the same two
// models on the lib/sim web server, with one slow request. CheckFetchAll and CheckGoroutinesFor are
// the self-checks of notebook 02's exercises.
//
// # Latency by Little's law
//
// A run of R requests on N goroutines that takes T keeps min(N, R) requests in flight for most of
// T, so the mean time one request takes is W ≈ min(N, R)·T/R — Little's law, L = X·W, with L the
// requests in flight and X = R/T the throughput. It slightly overstates W when the last requests
// of a run leave goroutines idle (at most one request's time in T).
//
// # Goroutines
//
// Every function that starts goroutines (the tasks' Run, the checks) waits for them before it
// returns, except when a learner's function under check never returns: CheckFetchAll gives up after
// a timeout and leaves it running.
package serving
