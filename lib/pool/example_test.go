package pool_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/pool"
)

// A pool of 4 workers squares 10 numbers; the results are added up.
func ExampleWorkers() {
	square := func(ctx context.Context, i int) uint64 { return uint64(i * i) }
	sum, err := pool.Workers(context.Background(), 10, 4, square)
	fmt.Println(sum, err)
	// Output: 285 <nil>
}

// The same with one goroutine per number.
func ExampleEach() {
	square := func(ctx context.Context, i int) uint64 { return uint64(i * i) }
	sum, err := pool.Each(context.Background(), 10, square)
	fmt.Println(sum, err)
	// Output: 285 <nil>
}

func ExampleSweep_Tasks() {
	tasks, _ := pool.Sweep{Items: 16, Wait: 2 * time.Millisecond, Squares: 1 << 19}.Tasks()
	for _, t := range tasks {
		fmt.Println(t.Name())
	}
	// Output:
	// I/O-bound batch: 16 items waiting 2ms
	// CPU-bound batch: 16 items of 524288 squares
}
