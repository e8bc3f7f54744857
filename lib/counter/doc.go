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
// # Measured cost (ns per increment)
//
// BenchmarkCounters, wall time per increment with g goroutines sharing one counter (so with two cores
// busy, one goroutine's Add takes up to twice this). Medians of 6 runs (-count 6 -benchtime 200ms), two
// runs in quiet windows (CPUs ≥ 90% idle) of a 2-vCPU AMD EPYC VM (KVM), Debian 12, Go 1.26.8; a range
// spans the two runs:
//
//	         GOMAXPROCS=1                    GOMAXPROCS=2
//	kind     g=1      g=2      g=8        g=1      g=2      g=4      g=8
//	mutex    4.7–5.3  4.6      4.7        4.6–4.8  6.8      19       16–21
//	atomic   2.2      2.2      2.2        2.2      4.6–4.8  4.1–4.8  4.8–4.9
//	channel  260–270  260–310  270–360    310–360  290–350  310–330  380–420
//	sharded  2.2–2.3  2.2–2.3  2.1–2.2    2.4      1.4      1.1–1.7  1.1–1.2
//
// On one core contention costs nothing: goroutines take turns and almost never find the lock taken. On two,
// the mutex gets four times dearer once goroutines queue for it, the atomic twice (the cache line
// bounces between the cores), the owner goroutine stays a channel rendezvous away (≈ 100× an atomic),
// and the sharded counter is the only one that gets faster with more cores.
package counter
