package timeline_test

import (
	"fmt"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

func spin(n int) (s int) {
	for i := range n {
		s += i * i
	}
	return s
}

// Two CPU-bound goroutines on one P can only take turns; on two Ps they run side by side.
func ExampleTrace() {
	work := func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); _ = spin(60_000_000) }() // ≈ 20 ms
		}
		wg.Wait()
	}
	for _, procs := range []int{1, 2} {
		tl, err := timeline.Trace(procs, work)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: %d lanes, ran in parallel: %v\n", tl.Title, tl.Lanes, tl.Overlap() > 0)
	}
	// Output:
	// GOMAXPROCS=1: 1 lanes, ran in parallel: false
	// GOMAXPROCS=2: 2 lanes, ran in parallel: true
}

func ExampleTimeline_Utilisation() {
	const ms = time.Millisecond
	tl := timeline.Timeline{
		LaneName: "core", Lanes: 2, Span: 10 * ms,
		Tasks: []timeline.Task{{ID: 0, Name: "a"}, {ID: 1, Name: "b"}},
		Segments: []timeline.Segment{
			{Lane: 0, Task: 0, State: timeline.Running, Start: 0, End: 8 * ms},
			{Lane: 1, Task: 1, State: timeline.Running, Start: 4 * ms, End: 9 * ms},
		},
	}
	fmt.Println("utilisation:", tl.Utilisation())
	fmt.Println("side by side for:", tl.Overlap())
	fmt.Printf("average busy cores: %.1f\n", tl.Parallelism())
	// Output:
	// utilisation: [0.8 0.5]
	// side by side for: 4ms
	// average busy cores: 1.3
}

func ExampleRecorder() {
	rec, err := timeline.NewRecorder(2)
	if err != nil {
		fmt.Println(err)
		return
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 3 {
				rec.Begin(w, fmt.Sprintf("w%d job %d", w, i))
				_ = spin(10_000)
				rec.End(w)
			}
		}()
	}
	wg.Wait()
	tl, err := rec.Timeline("a pool of two")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d workers, %d tasks, %d segments, valid: %v\n", tl.Lanes, len(tl.Tasks), len(tl.Segments), tl.Validate() == nil)
	// Output:
	// 2 workers, 6 tasks, 6 segments, valid: true
}
