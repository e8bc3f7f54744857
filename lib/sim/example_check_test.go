package sim_test

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/sim"
)

// Twelve customers, one every 20 s, each served within 2 minutes: the self-check of notebook 01.
func ExampleCheckBaristas() {
	for _, b := range []int{2, 3, 4} {
		r, _ := sim.CheckBaristas(b, 12, 2*time.Minute)
		fmt.Println(b, r)
	}
	// Output:
	// 2 not yet: With 2 baristas, the slowest of 12 customers waits 3m20s for a drink; the goal is 2m0s. Hint: A customer arrives every 20 s and needs 1 min of a barista's time — how many baristas does it take to keep up?
	// 3 passed: 3 baristas hand every drink over within 2m0s (the slowest customer waits 1m40s); with one fewer, someone would wait 3m20s.
	// 4 not yet: Every drink is ready within 1m40s — but 3 baristas would do that too (slowest: 1m40s). Hint: Baristas beyond what the work can keep busy stand idle: more parallelism than there is work at once does not help. Try fewer.
}

func ExampleCheckJuggler() {
	r, _ := sim.CheckJuggler(4, 6)
	fmt.Println(r)
	// Output:
	// passed: 4 balls is the most one juggler keeps going without a ball waiting: the hands are busy 89% of the time. One more, and balls queue for the hands. Concurrency pays while there is waiting to overlap — the idea of the next notebook.
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
	sc, _ := sim.Baristas(1, 3)
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
