package nb_test

import (
	"errors"
	"fmt"

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

func ExampleGoNBVersion() {
	// In a test binary GoNB is a dependency of the module, so its pinned version is known.
	fmt.Println(nb.GoNBVersion())
	// Output: v0.11.4
}
