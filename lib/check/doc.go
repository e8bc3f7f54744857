// Package check is the self-check protocol of parlab's exercises: one result type for every check in
// every notebook, one guarded way to call a learner's code, and the two ways a check may judge
// concurrent code besides its answers — by counting (who started whom, what was alive at once) and, for
// an exercise whose point is speed, by timing it against a reference in the same check.
//
// # The contract of a check
//
// A check never passes a wrong answer and never fails a right one because the machine is busy:
//
//   - Correctness first, judged by exact answers, repeated where a race could hide, with the race
//     detector's reports when the cell was built with it ([Result.WithRaceDetector]).
//   - Structure by counting: [Traced] tells how many goroutines a call had alive at once and which
//     goroutine ran when, from the runtime's execution tracer; a busy machine changes when things
//     happen, not who started whom.
//   - Speed only where the exercise is about speed, and never by a wall-clock threshold: [Time] runs the
//     learner's code and references in interleaved rounds, and a verdict needs the rounds to agree — the
//     95% interval of the per-round ratios entirely on one side ([Ratio.Above], [Ratio.Below]); when it
//     is not, the outcome is [Undecided] — "too busy to judge", never a false pass or fail. Elsewhere a
//     measured speed is [Result.Advice], beside the verdict.
//   - Hints diagnose what the code actually did (lost updates that vary between runs are a race; a
//     deterministic shortfall is a chunking mistake), and say so specifically.
//   - The learner's code runs only through [Call] (or Traced, or Time): a hang becomes a
//     [*TimeoutError] with the stuck goroutines' stacks, a panic a [*PanicError] naming where, goroutines
//     left running a [*LeakError]; [Explain] turns each into a Result a learner can act on.
//
// A check returns a [Result]; a check that also produces something to draw (a timeline, a simulation)
// returns it beside the Result: (check.Result, sim.Result). Checks take the learner's functions, not
// values computed from them, so that they can call them as they need.
//
// # Results
//
// A Result has an [Outcome] (Passed, NotPassed — shown as "not yet" — or Undecided), a Message saying
// what the check saw, a Hint when it did not pass, optional Advice and an optional Detail (long text,
// shown folded). nb.Verdict shows one in a notebook; String gives plain text. The zero Result is a
// NotPassed with nothing to say, so a check that forgets to decide never passes.
//
// # Goroutines
//
// Call runs the learner's function in a goroutine of its own and waits for it, at most for its limit.
// A goroutine cannot be stopped from outside: one that never returns stays blocked (or keeps computing)
// until the program ends — in a notebook, at the end of the cell. Apart from those, nothing in this
// package leaves a goroutine running when it returns. Traced and Time set nothing that outlives them:
// the tracer is stopped and GOMAXPROCS put back before they return, also after a timeout. Traced and
// Time must not run beside another measurement: the tracer and GOMAXPROCS are the whole program's.
//
// # Costs
//
// Call takes two snapshots of every goroutine's stack (each a brief stop of the program), more while
// the goroutines the function started are ending, for at most half a second. Time adds a goroutine
// start to each timed run. Traced holds the trace in memory.
//
// # Writing a check
//
//	func CheckX(f func(…) …) check.Result {
//		if f == nil { return check.NotYet("The function is nil.", "Pass your function: pkg.CheckX(x).") }
//		got, err := check.Call(10*time.Second, func() T { return f(…) })
//		if err != nil { return check.Explain("x(…)", err) } // or a hint of your own
//		if got != want { return check.NotYet("x(…) = …; want ….", "what to change, from what it did") }
//		return check.Pass("what was right.").WithRaceDetector() // for shared-memory code
//	}
//
// Test it with right answers, each kind of wrong answer its hints name, a hanging answer and a panicking
// one, asserting the Outcome and words of the Message and Hint; keep the limit a parameter so the
// hanging case takes a second, not ten.
package check
