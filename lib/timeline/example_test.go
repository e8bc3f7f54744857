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

// Two CPU-bound goroutines on one P can only take turns. (On two Ps they also run side by side — unless
// the operating system is too busy to run the second P's thread, so that part is not checked here.)
func ExampleTrace() {
	tl, err := timeline.Trace(1, func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); _ = spin(30_000_000) }() // ≈ 10 ms
		}
		wg.Wait()
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %d %s, ran side by side for %v\n", tl.Title, tl.Lanes, tl.LaneName, tl.Overlap())
	// Output:
	// GOMAXPROCS=1: 1 P, ran side by side for 0s
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
