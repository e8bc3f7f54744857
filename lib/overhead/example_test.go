package overhead_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/overhead"
)

// The price list, measured: every item has a cost per operation with its interval. The numbers
// depend on the machine, so the example prints what was measured, not how much.
func ExampleConfig_Measure() {
	res, err := overhead.Config{Trials: 6, Batch: 200 * time.Microsecond}.Measure(context.Background(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Costs {
		fmt.Printf("%s (%s): %d samples, has an interval: %v\n", c.Name, c.Kind, len(c.Samples), c.Ns.Known())
	}
	// Output:
	// goroutine start + wait (coordination): 6 samples, has an interval: true
	// unbuffered channel round trip (coordination): 6 samples, has an interval: true
	// buffered channel send, to another goroutine (coordination): 6 samples, has an interval: true
	// mutex lock + unlock, uncontended (coordination): 6 samples, has an interval: true
	// mutex lock + unlock, contended (coordination): 6 samples, has an interval: true
	// atomic add (coordination): 6 samples, has an interval: true
	// WaitGroup Add + Done (coordination): 6 samples, has an interval: true
	// one square (i·i added to a sum) (work): 6 samples, has an interval: true
	// one SHA-256 of 64 bytes (work): 6 samples, has an interval: true
	// one read that misses the caches (work): 6 samples, has an interval: true
}

// BreakEven turns a price into the smallest task worth paying it for, in the simplest model.
func ExampleResult_BreakEven() {
	res := &overhead.Result{Costs: []overhead.Cost{{Name: overhead.Spawn, Ns: bennyNs(330), Samples: []float64{330}}}}
	for _, cores := range []int{1, 2, 4} {
		ns, _ := res.BreakEven(overhead.Spawn, cores)
		fmt.Printf("%d cores: a task needs more than %s of work\n", cores, overhead.Ns(ns))
	}
	// Output:
	// 1 cores: a task needs more than never of work
	// 2 cores: a task needs more than 330 ns of work
	// 4 cores: a task needs more than 110 ns of work
}
