// Package nb holds the notebook side of parlab: what a cell shows besides charts. Sentences that adapt to
// the machine (Markdownf), a learner's prediction next to the measurement (Predict), a self-check verdict
// (Verdict), tables (Table), errors as sentences instead of stack traces (Err), and the live progress of a
// running experiment.
//
// Everything here writes to the GoNB notebook through gonbui. Run outside a notebook (go test, go run), the
// same functions print plain text to standard output, so library code and examples can call them freely.
package nb
