package sim_test

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/sim"
)

// The self-check of notebook 01's barista exercise, with a function that rounds down and one that is
// right.
func ExampleCheckBaristasNeeded() {
	down := func(arrival, service time.Duration) int { return int(service / arrival) }
	up := func(arrival, service time.Duration) int { return int((service + arrival - 1) / arrival) }
	for _, f := range []func(arrival, service time.Duration) int{down, up} {
		r, _ := sim.CheckBaristasNeeded(f)
		fmt.Println(r.Outcome, "—", r.Message)
	}
	// Output:
	// not yet — baristasNeeded(45s, 1m0s) = 1; want 2.
	// passed — Right for all 9 questions. The coffee shop — a customer every 20s, 1m0s of a barista's work and 40s in a machine each — needs 3 baristas and 2 espresso machines (your function, asked for each): simulated, each of 12 customers has a drink within 1m40s, while with 2 baristas the last would wait 3m20s — the line grows by 10s with every customer.
}

func ExampleCheckMaxBalls() {
	r, _ := sim.CheckMaxBalls(func(throw, flight time.Duration) int { return 1 + int(flight/throw) })
	fmt.Println(r)
	// Output:
	// passed: Right for all 7 questions. With 0.1 s throws and 0.3 s flights one juggler keeps 4 balls going: the hands are busy 89% of the time (simulated below); one more, and a ball lands before the hands are free. Concurrency pays as long as there is waiting to overlap — the subject of the next notebook.
}

// The same program — four goroutines computing 30 ms each — on 1, 2 and 16 cores.
func ExampleRunGoroutines() {
	tls, err := sim.RunGoroutines(4, 30*time.Millisecond, 1, 2, 16)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, tl := range tls {
		fmt.Printf("%s: %v, %.1f cores busy on average\n", tl.Title, tl.Span, tl.Parallelism())
	}
	// Output:
	// 1 core, 4 goroutines: 120ms, 1.0 cores busy on average
	// 2 cores, 4 goroutines: 60ms, 2.0 cores busy on average
	// 16 cores, 4 goroutines: 30ms, 4.0 cores busy on average
}

// Run to completion keeps a ringing phone waiting until the book is done; a 1-minute slice bounds the wait.
func ExampleSecretariesSliced() {
	for _, q := range []time.Duration{0, time.Minute} {
		sc, err := sim.SecretariesSliced(1, q)
		if err != nil {
			fmt.Println(err)
			return
		}
		r, err := sc.Run()
		if err != nil {
			fmt.Println(err)
			return
		}
		tt := r.Timeline.TaskTimes()
		fmt.Printf("%s: phone waited up to %v, book in %d pieces\n", sc.Name, tt[0].LongestRunnable, tt[1].Slices)
	}
	// Output:
	// 1 secretary, run to completion: phone waited up to 9m0s, book in 1 pieces
	// 1 secretary, switching every 1m: phone waited up to 1m0s, book in 6 pieces
}

func ExampleScenario_Turnaround() {
	sc, _ := sim.Baristas(1, 1, 3)
	r, _ := sc.Run()
	fmt.Println(sc.Turnaround(r))
	// Output:
	// [2m20s 2m20s 2m20s]
}

func ExampleGoroutines() {
	sc, err := sim.Goroutines(2, 3, 20*time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := sc.Run()
	fmt.Println(sc.Name, r.Timeline.Span)
	// Output:
	// 2 cores, 3 goroutines 30ms
}
