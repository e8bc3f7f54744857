package check_test

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// A check of a learner's function: call it guarded, explain a failure, judge the answer.
func Example() {
	square := func(x int) int { return x * x } // the learner's code
	got, err := check.Call(time.Second, func() int { return square(12) })
	var r check.Result
	switch {
	case err != nil:
		r = check.Explain("square(12)", err)
	case got != 144:
		r = check.NotYet(fmt.Sprintf("square(12) = %d; want 144.", got), "Multiply x by itself.")
	default:
		r = check.Pass("square(12) = 144.")
	}
	fmt.Println(r)
	// Output: passed: square(12) = 144.
}

func ExampleCall_panic() {
	_, err := check.Call(time.Second, func() []int {
		xs := make([]int, 3)
		i := 3
		return xs[:i+1] // out of range
	})
	var pe *check.PanicError
	fmt.Println(errors.As(err, &pe), pe.Value)
	r := check.Explain("chunk(xs, 3)", err)
	fmt.Println(r.Outcome, r.Detail.Title)
	// Output:
	// true runtime error: slice bounds out of range [:4] with capacity 3
	// not yet the stack of the panic
}

func ExampleCall_timeout() {
	results := make(chan int) // nobody sends on it
	defer close(results)      // only so that this example leaves no goroutine behind
	_, err := check.Call(20*time.Millisecond, func() int {
		return <-results
	})
	fmt.Println(err)
	// Output: the call did not return within 20ms
}

func ExampleResult_String() {
	r := check.NotYet("48 requests, but at most 1 in flight at once.", "Start each request in its own goroutine.").
		WithAdvice("One at a time took 490ms.")
	fmt.Println(r)
	fmt.Println(check.TooBusy("Correct; the rounds disagreed (0.8–1.9×)."))
	// Output:
	// not yet: 48 requests, but at most 1 in flight at once. Hint: Start each request in its own goroutine. One at a time took 490ms.
	// too busy to judge: Correct; the rounds disagreed (0.8–1.9×).
}

// Counting what ran at once, which a busy machine cannot change: four goroutines started before any is
// waited for are alive together; started and waited for one by one, never more than one.
func ExampleTraced() {
	work := func() {}
	together := func() int {
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(work)
		}
		wg.Wait()
		return 0
	}
	oneByOne := func() int {
		for range 4 {
			var wg sync.WaitGroup
			wg.Go(work)
			wg.Wait()
		}
		return 0
	}
	for _, f := range []func() int{together, oneByOne} {
		_, gs, err := check.Traced(time.Second, 1, f)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%d started, at most %d alive at once\n", len(gs.Started), gs.MostAlive())
	}
	// Output:
	// 4 started, at most 4 alive at once
	// 4 started, at most 1 alive at once
}

// Judging speed from interleaved rounds: the verdict needs every round to agree. (These times are made
// up; check.Time measures them.)
func ExampleTiming_Ratio() {
	ms := time.Millisecond
	t := check.Timing{Names: []string{"one goroutine", "yours"}, Times: [][]time.Duration{
		{20 * ms, 21 * ms, 20 * ms, 35 * ms, 20 * ms, 22 * ms},
		{11 * ms, 10 * ms, 30 * ms, 18 * ms, 10 * ms, 12 * ms},
	}}
	speedup := t.Ratio(0, 1)
	fmt.Println(speedup)
	switch {
	case speedup.Above(1):
		fmt.Println("faster than one goroutine")
	case speedup.Below(1):
		fmt.Println("slower than one goroutine")
	default:
		fmt.Println("too busy to judge")
	}
	// Output:
	// 1.89× (0.67–2.10× over 6 rounds)
	// too busy to judge
}
