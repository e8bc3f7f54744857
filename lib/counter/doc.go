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
// [Run] hammers any [Counter] with goroutines and returns the final value; [Check] is the self-check a
// notebook exercise calls on a learner's counter: it runs it under concurrency (with a timeout, so a
// forgotten Unlock is reported instead of hanging the cell) and says pass, or what went wrong and a hint.
//
// # Goroutine lifetimes
//
// A [Channel] counter starts its owner goroutine in [NewChannel]; it ends when Close is called. [Run]
// waits for every goroutine it starts. [Check] does too, except when the counter itself never returns
// (a deadlock in the learner's code): then the blocked goroutines stay blocked after Check has reported,
// until the cell's process ends.
//
// # Measured cost (ns per increment)
//
// See the numbers in the README section of this file's repository commit history and in doc comments
// below, measured with BenchmarkCounters.
package counter
