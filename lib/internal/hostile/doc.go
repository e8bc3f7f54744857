// Package hostile puts bad inputs through parlab's public entry points — the values a learner can type into a
// Parameters cell — and says what went wrong when one of them is not answered with a sentence.
//
// Each [Case] runs in a child process (the test binary, started again for that case alone), so a case that
// kills its process — a fatal "out of memory", a runtime "procresize: invalid arg", a thread limit — fails
// one case instead of the whole test binary. A case passes when the entry point either
//
//   - returns an error whose text names the parameter ([Case.Param]), or
//   - returns nil and the case says that is a documented correct result ([Case.Accepts]; the case's Call
//     then checks the value itself and returns an error for nonsense), or
//   - returns the context's error after the case cancelled it ([Case.Interrupt]), within [StopWithin].
//
// It fails on a panic, a dead process, a call that does not return within [Limit], a heap above the case's
// cap (checked every few milliseconds inside the child, and the child's peak RSS afterwards), goroutines
// left running after the call returned (goleak), a nil error that was not declared acceptable, and an error
// that does not name the parameter.
//
// Use it from a test of the package under attack:
//
//	func TestHostileInputs(t *testing.T) {
//		hostile.Run(t, []hostile.Case{
//			{Name: "SumSquares/n=MaxInt", Param: "n", Call: func(ctx context.Context) error {
//				_, err := workload.SumSquares(math.MaxInt)
//				return err
//			}},
//		})
//	}
//
// Run starts the test binary again for each case with -test.run naming the calling test, so the calling
// test must call Run once, with the same cases in every process (build them deterministically).
package hostile
