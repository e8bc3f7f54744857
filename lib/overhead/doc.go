// Package overhead measures the price list of coordination on this machine: what starting and waiting
// for a goroutine, a channel hand-over, a lock, an atomic add and a WaitGroup cost, beside the size of
// a few units of real work (one square, one SHA-256 of 64 bytes, one read that misses the caches), so
// that a learner can see how much work a task needs before splitting it pays.
//
// # Method
//
// Each item is a loop of one operation. [Config.Measure] first calibrates, for each item, how many
// operations make one timed batch of about [Config.Batch] (2 ms by default), then times every item's
// batch in interleaved, shuffled rounds with package compare (a warm-up each, runtime.GC before every
// batch): the cost per operation is the batch's time divided by its operations, summarised as the
// median over rounds with its 95% order-statistic interval (bench.MedianCI). A busy machine widens the
// intervals; [Result.Warnings] says so.
//
// The items that need a partner goroutine (a channel round trip, a buffered channel between two
// goroutines, a contended mutex) start it inside each batch and wait for it before the batch ends, so
// its start is part of the batch (a few hundred ns in 2 ms). "Contended" means max(2, GOMAXPROCS)
// goroutines locking one mutex in a loop: with one P they take turns and rarely meet.
//
// # Limits, goroutines and cancellation
//
// Trials from bench.MinTrials to bench.MaxTrials; Batch from 100 µs to 1 s. Every goroutine an item
// starts has ended when its batch ends, so nothing is left running when Measure returns. A cancelled
// context stops Measure after the running batch (at most about Batch) and returns what was measured,
// marked Partial, with the context's error. Measure allocates a 64 MiB table for the cache-miss item,
// freed when it returns.
//
// The numbers are this machine's, now: data/numbers and the README have the development machine's,
// with its load; the notebook shows the learner's own.
package overhead
