package granularity_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/granularity"
	"github.com/parlab/parlab/lib/scaling"
)

// Every way of running the tasks gives the same sum; only the time differs.
func ExampleRun() {
	for _, h := range granularity.Hows() {
		sum, err := granularity.Run(context.Background(), h, 1000, 10, 4)
		fmt.Println(h, sum, err)
	}
	// Output:
	// serial loop 333833500 <nil>
	// goroutine per task 333833500 <nil>
	// pool, one channel send per task 333833500 <nil>
	// pool, tasks sent in batches 333833500 <nil>
}

// Simulate gives the two shapes of the Karp–Flatt serial fraction: flat for a fixed serial part,
// growing for a cost paid per worker.
func ExampleSimulate() {
	progs, err := granularity.Simulate(8, 100*time.Millisecond, 0.05, time.Millisecond)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range progs {
		fmt.Printf("%s:", p.Name)
		for _, s := range p.Speedups[1:] {
			fmt.Printf(" e(%d)=%.3f", s.N, scaling.KarpFlatt(s.Value, float64(s.N)))
		}
		fmt.Println()
	}
	// Output:
	// fixed serial part (5%): e(2)=0.050 e(3)=0.050 e(4)=0.050 e(5)=0.050 e(6)=0.050 e(7)=0.050 e(8)=0.050
	// a cost per worker started (1ms): e(2)=0.030 e(3)=0.040 e(4)=0.050 e(5)=0.059 e(6)=0.069 e(7)=0.079 e(8)=0.089
}
