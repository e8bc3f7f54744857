// Package pipeline runs pipelines — stages joined by channels, each stage one or more goroutines — and
// records what every goroutine did and when: working, waiting for input, or waiting to send. It is
// notebook 05's pipeline section: throughput is set by the slowest stage, a buffer decouples stages
// whose speed varies but cannot make the slowest one faster (backpressure), results fanned out to
// several workers come back out of order, and a cancelled pipeline stops as fast as its stages watch
// their context.
//
//   - [Run] runs a [Config] (stages with a cost per item and a number of workers, a channel capacity)
//     and returns a [Result]: throughput, each worker's spans (figure.Pipeline draws them), each
//     stage's share of time working, starved and blocked.
//   - [BufferSweep] builds a lib/bench sweep over channel capacities for steady and bursty stages;
//     [BufferSweep.Curves] reads its result as throughput against capacity.
//   - [StopSweep] cancels a running pipeline and measures the time until every goroutine has returned,
//     for stages that watch ctx.Done() in every wait and for stages that check ctx between items.
//   - [FanOut] fans items out to several workers and back in, and measures what putting the results
//     back in order costs (how long results wait, how many at once).
//   - [CheckPipeline] is the self-check of the exercise "a three-stage pipeline with cancellation".
//
// # Work, limits and cancellation
//
// A stage's work is a wait (a timer) of its Cost per item — standing for a disk, a network or a
// service — so the pictures do not depend on how many cores the machine has or how busy they are.
// Limits: 1 … 8 stages of 1 … 64 workers, 1 … 100 000 items, costs 0 … 1 s, channel capacities 0 …
// 10 000; a bad value is an error naming it. Every function waits for the goroutines it starts before
// it returns. When ctx ends, stages that watch it stop at once, stages that check it between items
// after the item in hand (at most one Cost), and the function returns what was measured with ctx's
// error.
//
// # Cost
//
// Recording a span costs two clock reads and an append; a worker keeps at most 2¹⁴ spans (more are
// counted as dropped). BenchmarkHandOff measures an item's trip through a stage with no work.
package pipeline
