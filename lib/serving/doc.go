// Package serving measures a client talking to a web service with latency, the situation of a
// server with many users: how many requests per second N goroutines get (throughput), how long
// each request takes (latency), why that pays even on one core — the waits overlap — and where the
// service's capacity stops it.
//
// Overlap, Capacity and Models build the notebook's three sweeps, each with its server running
// (an Experiment: measure its Sweep, then Close it). Levels turns one curve of a lib/bench sweep of workload.HTTP into throughput and latency per
// concurrency level (Curves: every curve of a sweep, for chart.ThroughputLatency); Throughputs gives
// the points scaling.FitUSL and chart.USL take. EventLoop and PerRequest are two ways of keeping
// requests in flight, measured side by side: one goroutine running every callback (the model of
// Node.js) and one goroutine per request. Simulate shows the same two models on a simulated web
// server (lib/sim) with one slow request. DescribeOverlap, DescribeCapacity and DescribeLoop say
// in sentences what was measured; CheckFetchAll, CheckGoroutinesFor and CheckMaxUsers are the
// self-checks of notebook 02's exercises (exercise.go, with Get and the test server that counts the
// requests in flight), returning a check.Result.
//
// # Measured
//
// On the 2-core development machine (AMD EPYC VM, Go 1.26.8, load average 4–10 from other test
// runs), one goroutine sending requests one after another to a workload.Server with 5 ms latency
// got 166–187 requests/s: about 0.4–1 ms per request besides the wait goes to HTTP on both ends
// (the server runs in the same program) and to the load. 16 goroutines under GOMAXPROCS=1 got
// 1,450–2,300 requests/s, the same as under GOMAXPROCS=2 within the noise. A server with capacity 8
// and 5 ms latency (ceiling 1,600 requests/s) gave 1,250–1,370 requests/s from 8 goroutines on,
// falling to about 1,030 at 32 goroutines (each goroutine opens its own connection).
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
// returns, except when a learner's function under check never returns: the checks call it through
// check.Call, which gives up after 10 s and leaves it running (see check.Call).
package serving
