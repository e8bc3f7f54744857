package bank_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/bank"
)

// A learner's lock order that cannot deadlock: the lower-numbered account first.
func ExampleCheckLockOrder() {
	r := bank.CheckLockOrder(func(from, to int) (first, second int) {
		return min(from, to), max(from, to)
	})
	fmt.Println(r.Outcome)
	// Output: passed
}
