package liveness_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/liveness"
)

// Two transfers locking two accounts in opposite orders deadlock; Deadlock notices after the timeout
// and releases them. In one global order they both finish.
func ExampleDeadlock() {
	_, err := liveness.Deadlock(liveness.Opposite, 50*time.Millisecond)
	var de *liveness.DeadlockError
	fmt.Println(errors.As(err, &de))
	run, err := liveness.Deadlock(liveness.Ordered, 50*time.Millisecond)
	fmt.Println(run.Progress, err)
	// Output:
	// true
	// [1 1] <nil>
}

// Two transfers that politely let go when the other holds what they need, in step: busy, and no
// transfer is ever made.
func ExampleLivelock_Run() {
	run, _ := liveness.Livelock{Politeness: liveness.Mirror, Rounds: 5, Step: 100 * time.Microsecond}.Run(context.Background())
	fmt.Println("transfers made:", run.Progress)
	run, _ = liveness.Livelock{Politeness: liveness.RandomBackoff, Rounds: 40, Step: 100 * time.Microsecond}.Run(context.Background())
	fmt.Println("with random backoff:", run.Progress)
	// Output:
	// transfers made: [0 0]
	// with random backoff: [1 1]
}
