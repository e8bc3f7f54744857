package nb_test

import (
	"errors"
	"math"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/nb"
)

func ExamplePredict() {
	nb.Predict("speedup with 2 goroutines", 2, 1.96, "×")
	nb.Predict("speedup with 4 goroutines", 4, 1.9, "×")
	nb.Predict("speedup with 8 goroutines", 0, 1.9, "×")
	// Output:
	// speedup with 2 goroutines: predicted 2 ×, measured 1.96 ×. Within 10%: your model of this machine is good.
	// speedup with 4 goroutines: predicted 4 ×, measured 1.9 ×. You expected 111% more than the machine delivered: something costs more than you assumed.
	// speedup with 8 goroutines: predicted no prediction, measured 1.9 ×. You made no prediction — set it in the Parameters cell and re-run to test your intuition.
}

// Guesses and measurements that cannot be compared are said to be so, with no percentage.
func ExamplePredict_nonsense() {
	nb.Predict("speedup", -3, 1.5, "×")
	nb.Predict("speedup", math.Inf(1), 1.5, "×")
	nb.Predict("speedup", 2, 0, "×")
	// Output:
	// speedup: predicted -3 ×, measured 1.5 ×. Your prediction is negative, and what was measured is positive: set a positive number in the Parameters cell and re-run.
	// speedup: predicted +Inf ×, measured 1.5 ×. Your prediction is not a finite number: set a positive number in the Parameters cell and re-run.
	// speedup: predicted 2 ×, measured nothing usable. The measurement (0) is not a positive number, so there is nothing to compare your prediction with: re-run the measurement.
}

// A count of runs: zero is an answer, -1 is no prediction.
func ExamplePredictCount() {
	nb.PredictCount("runs of 100 that lost updates", 0, 0, 100)
	nb.PredictCount("runs of 100 that lost updates", 10, 0, 100)
	nb.PredictCount("runs of 100 that lost updates", 90, 97, 100)
	nb.PredictCount("runs of 100 that lost updates", 20, 97, 100)
	nb.PredictCount("runs of 100 that lost updates", -1, 0, 100)
	nb.PredictCount("runs of 100 that lost updates", 200, 97, 100)
	// Output:
	// runs of 100 that lost updates: predicted 0, measured 0 of 100. Exactly right: your model of this machine is good.
	// runs of 100 that lost updates: predicted 10, measured 0 of 100. Close: off by 10 runs of 100.
	// runs of 100 that lost updates: predicted 90, measured 97 of 100. Close: off by 7 runs of 100.
	// runs of 100 that lost updates: predicted 20, measured 97 of 100. The machine showed 77 runs more than you expected.
	// runs of 100 that lost updates: predicted no prediction, measured 0 of 100. You made no prediction — set it in the Parameters cell (0 or more) and re-run to test your intuition.
	// runs of 100 that lost updates: predicted 200, measured 97 of 100. Your prediction is more than the 100 runs there were: set 0 to 100 in the Parameters cell and re-run.
}

func ExampleVerdict() {
	nb.Verdict(check.Pass("5 rounds of 4 goroutines × 100000 increments, every one counted."))
	nb.Verdict(check.NotYet("1234 of 400000 updates were lost.", "Protect count++ with a sync.Mutex shared by all goroutines."))
	nb.Verdict(check.TooBusy("Correct, and its 2 goroutines ran at once; the rounds disagreed on its speed (0.8–1.9×)."))
	// Output:
	// ✓ passed: 5 rounds of 4 goroutines × 100000 increments, every one counted.
	// ✗ not yet: 1234 of 400000 updates were lost. Hint: Protect count++ with a sync.Mutex shared by all goroutines.
	// ~ too busy to judge: Correct, and its 2 goroutines ran at once; the rounds disagreed on its speed (0.8–1.9×).
}

func ExampleErr() {
	if nb.Err(errors.New("bench: workers = 0 is not allowed: want at least 1")) {
		// A cell returns here instead of going on with a bad value.
	}
	nb.Err(nil)
	// Output:
	// error: bench: workers = 0 is not allowed: want at least 1
}

func ExampleTable() {
	nb.Table([]string{"what", "value"}, [][]string{{"logical CPUs", "2"}, {"GOMAXPROCS", "2"}})
	// Output:
	// what | value
	// logical CPUs | 2
	// GOMAXPROCS | 2
}
