package serving_test

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/serving"
)

// Levels turns run times into throughput and, by Little's law, the mean latency of one request.
func ExampleLevels() {
	ms := time.Millisecond
	points := []bench.Point{ // 32 requests per run, to a server answering after 5 ms
		{Config: bench.Config{Workers: 1}, Median: 176 * ms, Low: 170 * ms, High: 180 * ms},
		{Config: bench.Config{Workers: 16}, Median: 12 * ms, Low: 11 * ms, High: 14 * ms},
	}
	levels, err := serving.Levels(points, 32)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range levels {
		fmt.Printf("%2d goroutines: %4.0f requests/s, %.1f ms per request\n", l.N, l.Throughput.Value, 1000*l.Latency.Value)
	}
	// Output:
	//  1 goroutines:  182 requests/s, 5.5 ms per request
	// 16 goroutines: 2667 requests/s, 6.0 ms per request
}

// The self-check of notebook 02's event-loop exercise, given the starting point: the whole report in
// one callback, blocking every other request.
func ExampleCheckReport() {
	oneCallback := func(loop *serving.Loop, n, piece int, done func(sum uint64)) {
		done(loop.Squares(1, uint64(n)))
	}
	r := serving.CheckReport(oneCallback)
	fmt.Println(r.Outcome, "—", r.Message)
	// Output:
	// not yet — report(loop, n = 1000000, piece = 50000): one callback computed 1000000 squares — the loop could run nothing else meanwhile; want at most 50000 per callback.
}
