// Package logreport is a small, realistic program to profile: it reads a web server's access log
// (generated, deterministic), parses every line, aggregates the requests per route, and formats a
// report with each route's count, errors, traffic and latency percentiles.
//
// It is the "profile first" example of notebook 06. Its four parts are separate functions — [Read],
// [Parse], [Aggregate] and [Format] — so that a CPU profile shows each part's share, and each part
// also has a parallel version ([Parallel]) so that the speedup of parallelising one part can be
// measured and compared with what Amdahl's law, fed with that part's share of the profile, predicts.
// Every way of running the program gives the same report, byte for byte.
//
// # Limits and goroutines
//
// [Generate] makes from 1 to 2²² lines (about 160 bytes each). The serial functions start no
// goroutines; the parallel ones start workers goroutines (1 to workload.MaxWorkers) and wait for them.
// Nothing here takes a context: the program over 2²² lines runs for seconds; the notebook's sizes for
// a fraction of a second.
package logreport
