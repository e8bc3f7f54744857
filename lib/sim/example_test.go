package sim_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/sim"
)

// One juggler keeps three balls going by alternating throws; two jugglers throw at the same moment.
func ExampleJugglers() {
	for _, jugglers := range []int{1, 2} {
		sc, err := sim.Jugglers(jugglers, 3*jugglers, 5)
		if err != nil {
			fmt.Println(err)
			return
		}
		res, err := sc.Run()
		if err != nil {
			fmt.Println(err)
			return
		}
		tl := res.Timeline
		fmt.Printf("%s: %v, hands busy %.0f%%, side by side for %v\n", sc.Name, tl.Span, 100*tl.Utilisation()[0], tl.Overlap())
	}
	// Output:
	// 1 juggler, 3 balls: 2.2s, hands busy 68%, side by side for 0s
	// 2 jugglers, 6 balls: 2.2s, hands busy 68%, side by side for 1.5s
}

func ExampleRun() {
	// Two tasks that each compute 10 ms, on one core sliced every 3 ms.
	tasks := []sim.Task{
		{Name: "A", Phases: []sim.Phase{sim.Compute("work", 10*time.Millisecond)}},
		{Name: "B", Phases: []sim.Phase{sim.Compute("work", 10*time.Millisecond)}},
	}
	res, err := sim.Run(sim.Config{Cores: 1, Quantum: 3 * time.Millisecond}, tasks)
	if err != nil {
		fmt.Println(err)
		return
	}
	var turns []string
	for _, s := range res.Timeline.Segments {
		if s.Lane >= 0 {
			turns = append(turns, fmt.Sprintf("%s %v–%v", res.Timeline.Tasks[s.Task].Name, s.Start, s.End))
		}
	}
	fmt.Println(strings.Join(turns, ", "))
	fmt.Println("done at", res.Done)
	// Output:
	// A 0s–3ms, B 3ms–6ms, A 6ms–9ms, B 9ms–12ms, A 12ms–15ms, B 15ms–18ms, A 18ms–19ms, B 19ms–20ms
	// done at [19ms 20ms]
}

func ExampleRun_badInput() {
	_, err := sim.Run(sim.Config{Cores: 0}, []sim.Task{{Name: "A"}})
	fmt.Println(err)
	// Output:
	// sim: Cores is 0; want 1 to 1024 (one lane each in the timeline)
}

// EventLoop compares an event loop with goroutines when one request computes for long.
func ExampleEventLoop() {
	s, err := sim.EventLoop(16, 30*time.Millisecond, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	_, rows := s.Table()
	for _, r := range rows {
		fmt.Printf("%s: median %s ms, worst %s ms\n", r[0], r[1], r[2])
	}
	// Output:
	// event loop: one thread, callbacks run to completion: median 38.5 ms, worst 40.0 ms
	// goroutines, GOMAXPROCS=1 (preempted after 10 ms): median 19.5 ms, worst 32.5 ms
	// goroutines, GOMAXPROCS=2: median 11.5 ms, worst 11.5 ms
}
