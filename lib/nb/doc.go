// Package nb holds the notebook side of parlab: what a cell shows besides charts.
//
//   - Experiments: Measure runs a bench.Sweep, Run any experiment that takes a context, with a live
//     progress bar and an estimate of the time left; Kernel → Interrupt stops them within a second
//     and the partial result comes back marked as such (the README's numbers give the time measured
//     through the real kernel). Complete results are cached under the sweep's key (PARLAB_CACHE, by
//     default ~/.cache/parlab/sweeps), so re-running a drawing cell does not measure again;
//     Keep and Recall pass a value from one cell to a later one; ClearCache forgets all of these.
//   - Talking to the learner: Machine (the environment report), Markdownf (sentences that adapt to the
//     machine), Predict (a guess next to the measurement), Verdict (a self-check's check.Result: passed,
//     not yet with its hint, or too busy to judge), Table, and Err (an error as a sentence in a red box
//     instead of a stack trace).
//
// Reading a result is bench's: Result.Describe, Result.SpeedupAt, Result.Speedups.
//
// Everything here writes to the GoNB notebook through gonbui, and waits (at most 3 s) for GoNB to take the
// last output before the cell's program exits. Run outside a notebook (go test, go run), the same
// functions print plain text, so library code and examples can call them freely.
package nb
