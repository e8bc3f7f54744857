// Package counter holds one idea: a count that many goroutines increment at once, done four ways behind
// one small interface, so their cost under contention can be compared and a learner's own counter can
// be checked.
//
//	Mutex    a sync.Mutex around an int64
//	Atomic   a sync/atomic.Int64 (one LOCK XADD instruction on amd64)
//	Channel  one goroutine owns the count and receives messages ("share memory by communicating")
//	Sharded  one cache-line-padded slot per worker, summed when read
//
// The unsynchronised counter lives in package racy, so that `go test -race ./...` of this module stays
// clean.
//
// [Run] hammers any [Counter] with goroutines and returns the final value. The self-checks return a
// check.Result: [Check] for a learner's counter, [CheckProgram] for a whole counting program (its hint
// tells "no lock" from "a mutex per goroutine"), [CheckOwned] for a counter owned by one goroutine (it
// tells an owner goroutine from a lock by who answers Value, in an execution trace). They call the
// learner's code through check.Call, so a forgotten Unlock or an owner never started is reported
// instead of hanging the cell. [Funcs] turns two functions into a Counter.
//
// # Goroutine lifetimes
//
// A [Channel] counter starts its owner goroutine in [NewChannel]; it ends when Close is called. [Run]
// waits for every goroutine it starts. The checks do too, except when the counter itself never returns
// (a deadlock in the learner's code): then the blocked goroutines stay blocked after the check has
// reported, until the cell's process ends. [CheckOwned] leaves the learner's owner goroutine running
// (it closes the counter if it has a Close).
//
// # Measuring
//
// [Measure] times every kind under increasing goroutines and GOMAXPROCS with package bench (medians with
// 95% intervals, every trial checked to count exactly); BenchmarkCounters compares the same kinds with
// `go test -bench Counters` as sub-benchmarks named kind-goroutines ("mutex-4", "atomic-4", …).
//
// # Limits and cancellation
//
// [Run] takes 1 … 10 000 goroutines and at most 2³² increments, [NewSharded] at most 4096 shards,
// [Measure] the same per trial and the GOMAXPROCS values package procs allows; a bad value is an error
// naming it, before anything runs. Run and Measure check their context every few thousand increments
// per goroutine.
//
// # Cost
//
// BenchmarkCounters measures the wall time per increment of every kind with g goroutines sharing one
// counter (with two cores busy, one goroutine's Add takes up to twice that); run it with -cpu 1,2 to
// compare one core with two. What it shows on a multi-core machine: on one core contention costs
// nothing, since goroutines take turns and almost never find the lock taken; on several, the mutex
// gets dearer once goroutines queue for it, the atomic too (the cache line bounces between cores),
// the owner goroutine stays a channel rendezvous away (far dearer than an atomic), and the sharded
// counter is the only one that gets faster with more cores.
package counter
