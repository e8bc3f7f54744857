package pipeline_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/pipeline"
)

// Three stages; the middle one is the slowest by design, so it sets the throughput.
func ExampleRun() {
	res, err := pipeline.Run(context.Background(), pipeline.Config{Items: 20, Stages: []pipeline.Stage{
		{Name: "read", Cost: 100 * time.Microsecond},
		{Name: "parse", Cost: time.Millisecond},
		{Name: "write", Cost: 100 * time.Microsecond},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	slow := res.Config.Stages[res.Slowest()]
	fmt.Printf("%d items; the slowest stage is %s, at most %.0f items/s\n", res.Done, slow.Name, res.Stages[res.Slowest()].Capacity)
	// Output: 20 items; the slowest stage is parse, at most 1000 items/s
}

// Results fanned out to four workers come back in the order they finish, not in item order.
func ExampleFanOut_Run() {
	res, err := pipeline.FanOut{Items: 12, Workers: 4, Cost: 200 * time.Microsecond, SlowEvery: 12, SlowCost: 20 * time.Millisecond}.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(res.Arrivals), "results; came in out of order:", res.OutOfOrder > 0)
	// Output: 12 results; came in out of order: true
}
