// Package racy holds parlab's deliberately racy code — the unsynchronised counter ([Counter]) and bank
// ([Bank]) — and the experiments that show their races: [LostUpdates] runs the counter many times and
// returns how many increments each run lost (for a histogram, also with GOMAXPROCS=1), and
// [DetectorReport] builds a tiny racy program with -race and returns the race detector's report.
//
// # Isolation
//
// Running this code under the race detector makes it report (that is the point), so the package keeps
// `go test -race ./...` of the module clean: the tests and examples that execute racy code are built
// only without -race (build tag !race). Under -race, TestWithoutRaceDetector runs this package's tests
// again in a child `go test` without -race, so the module's race-enabled test run still checks them.
// In a notebook, call LostUpdates from a cell built without -race; build one cell with -race
// (GoNB: %goflags -race) to watch the detector catch Counter.
//
// # Why updates are lost, and why rarely on one core
//
// c.n += 1 is a read, an add and a write. With two goroutines running at the same instant on two cores,
// both read the same old value and both write it back plus one: one update is lost. On one core
// (GOMAXPROCS=1) goroutines take turns, so an update is lost only when the scheduler switches goroutines
// between the read and the write. Go asks a long-running goroutine to yield about every 10 ms, and the
// goroutine honours the request at its next function call if it makes one — between two updates, never
// inside one — or at any instruction, by a signal, if it doesn't. So on one core, runs shorter than 10 ms
// lose nothing, and longer runs lose updates only now and then, in big bursts: everything the other
// goroutine counted meanwhile is overwritten. Counter.Yield forces a switch at exactly the bad moment:
// then every run loses about half its updates.
//
// On two cores losses depend on both goroutines really running at the same time, which a busy machine
// (other processes on the other core) may not allow: LostUpdates keeps its goroutines spinning on a CPU
// between runs for that reason, and the Result says how many runs lost updates rather than assuming.
// When they do overlap, a run typically loses close to half its increments — nearly all of one
// goroutine's work, because each core mostly reads back its own last write rather than the other's.
// BenchmarkLostUpdates measures how often runs lose updates on this machine (metric lossy-runs-%) and
// how much (median-lost-%), on all cores and on one.
//
// # Limits and cancellation
//
// [Config] bounds every size (Runs, Goroutines, their product with Each, and GOMAXPROCS through
// package procs), and a bad value is an error naming the field. LostUpdates checks for cancellation
// every few thousand increments, so it stops within milliseconds of its context ending; every
// goroutine it starts has ended when it returns.
package racy
