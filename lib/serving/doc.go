// Package serving measures a client talking to a web service with latency, the situation of a
// server with many users: how many requests per second N goroutines get (throughput), how long
// each request takes (latency), why that pays even on one core — the waits overlap — and where the
// service's capacity stops it.
//
// The package is three groups of files, one idea each:
//
//   - experiment.go: [Overlap] and [Capacity] build notebook 02's first two sweeps, each with its
//     loopback server running (an [Experiment]: Measure it, then Close it); latency.go's client sends
//     the requests and times each one.
//   - measurement.go, levels.go and describe.go: the result. A [Measurement] is the sweep's
//     bench.Result with every request's latency; [Measurement.Curves] and [Measurement.Levels] give
//     throughput and latency (median, p99, mean) per concurrency level, for figure.ThroughputLatency;
//     [Throughputs] the points scaling.FitUSL takes; [DescribeOverlap] and [DescribeCapacity] say in
//     sentences what was measured.
//   - eventloop.go: the event-loop comparison. [EventLoop] and [PerRequest] are two ways of keeping
//     requests in flight — one goroutine running every callback (the model of Node.js) and one
//     goroutine per request — measured side by side by the [Models] experiment and described by
//     [DescribeLoop]. The same two models, simulated with one slow request, are sim.EventLoop.
//
// CheckFetchAll, CheckGoroutinesFor and CheckMaxUsers are the self-checks of notebook 02's
// exercises (exercise.go, with Get and the test server that counts the requests in flight), and
// CheckReport the check of its event-loop exercise (loop.go, with [Loop], a small event loop that
// counts the work each callback does), each returning a check.Result. CheckFetchCancel is notebook
// 05's errgroup exercise (cancel.go, with GetContext): the same server, with a URL that fails and
// requests held until their client cancels them.
//
// # Latency: measured, and derived
//
// Each request is timed on the client, from sending it to having handled its answer; a Level's
// Latency is the median request (with its 95% interval over the runs), P99 the 99th percentile and
// Mean the mean, from the timed runs only (bench's warm-up and serial reference run are not kept).
// Little's law, L = λW — requests in flight = throughput × time in the system — can then be checked
// with both sides measured. Without timed requests (Levels from a bench.Result alone), the mean is
// derived from it instead: a run of R requests on N goroutines that takes T keeps min(N, R) requests
// in flight for most of T, so W ≈ min(N, R)·T/R; such a level is marked Derived, because it restates
// the throughput and cannot test the law. It slightly overstates W when the last requests of a run
// leave goroutines idle (at most one request's time in T).
//
// # Limits
//
// Every experiment and task checks its sizes before a server starts: 1 … 10⁶ requests per run,
// 1 … 1000 goroutines (requests in flight; each holds a connection), at most 32 concurrency levels,
// 6 … 1000 trials. Latency and capacity are workload.NewServer's. A bad value is an error naming
// it. The tasks' Run stops when its context ends: requests in flight are cancelled.
//
// # Cost
//
// BenchmarkLoopback measures the requests per second of 1 and 16 goroutines against a 5 ms server,
// on one core and all, and of 8 and 32 goroutines against a server of capacity 8: what each request
// costs besides its wait (HTTP on both ends, since the server runs in the same program) is the gap
// to Little's bound.
//
// # Goroutines
//
// Every function that starts goroutines (the tasks' Run, the checks) waits for them before it
// returns, except when a learner's function under check never returns: the checks call it through
// check.Call, which gives up after 10 s and leaves it running (see check.Call).
package serving
