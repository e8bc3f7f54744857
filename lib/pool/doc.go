// Package pool runs a batch of independent items two ways — a fixed pool of worker goroutines that take
// items from a channel ([Workers]), and one goroutine per item ([Each]) — and measures the batch's
// throughput against the pool's size, for items that wait (I/O-bound) and items that compute
// (CPU-bound). It is notebook 05's worker-pool experiment: a pool of GOMAXPROCS is right for computing
// items and far too small for waiting ones.
//
// # The batches
//
// [IOBatch] is items waits of a fixed duration (a stand-in for a request to a slow service: waiting uses
// no CPU); [CPUBatch] is items sums of squares of a fixed length. Both are workload.Task values whose
// Run(ctx, workers) runs the batch on a pool of that many workers, or one goroutine per item when
// workers ≥ items, so a lib/bench sweep over workers is a sweep over pool sizes. [Sweep] builds that
// sweep for both batches; [Sweep.Curves] reads its result as items per second against pool size.
//
// # Limits, goroutines and cancellation
//
// 1 … 4096 items, waits of 0 … 1 s, 1 … 2²⁴ squares per item, pool sizes 1 … workload.MaxWorkers; a bad
// value is an error naming it. Workers and Each start their goroutines and wait for all of them before
// they return. They check ctx before each item and a wait ends as soon as ctx is done, so they return
// within one computing item (2²⁴ squares: about 15 ms on a current core) of a cancel, with ctx's error.
//
// # Cost
//
// BenchmarkOverhead measures what the pool adds per item (a channel hand-off) and what a goroutine per
// item adds (a goroutine start), with empty items; data/numbers holds the measured values.
package pool
