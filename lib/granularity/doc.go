// Package granularity measures what the size of a task does to a parallel program: a fixed amount of
// work — the squares 1² … total², summed modulo 2⁶⁴ — cut into tasks of size squares each and run
// serially, with a goroutine per task, on a pool of workers fed one task per channel send, and on the
// same pool fed batches of tasks. Tiny tasks make the coordination cost more than the work, and the
// parallel versions slower than the serial loop; the task size from which a curve stays at or above 1×
// is the break-even point.
//
// [Run] does the work once, one way, and returns the checksum. [Sweep] times every way at every task
// size, interleaved and shuffled round by round (package compare), and returns time and speedup
// against the serial loop with 95% intervals; [Result.BreakEven] and [Result.Crossing] find where each
// curve passes 1× for good: after its last point clearly (the whole interval) below 1×.
// [Scale] times the pool over worker counts at a fine and a coarse task size, for the Karp–Flatt
// serial fraction; [Simulate] shows the same metric on a simulated machine with more cores (package
// sim). [CheckChunk] and [CheckBatches] are the self-checks of notebook 06's exercises.
//
// # Limits, goroutines and cancellation
//
// total from 1 to 2³⁰ squares, at most 2²² tasks (a goroutine each costs a few hundred ns: 2²² of them
// about a second), workers from 1 to workload.MaxWorkers. Bad values are errors naming the parameter.
// Every goroutine Run starts has ended when it returns. A cancelled context stops Run within about a
// millisecond (the serial loop and the feeding loops check it every 2¹⁴ squares or 256 tasks, whichever
// comes first, and a task of more than 2¹⁴ squares checks it every 2¹⁴ squares) and returns 0 with the
// context's error; Sweep and Scale then return what they measured,
// marked Partial.
package granularity
