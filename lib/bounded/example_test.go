package bounded_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/bounded"
)

// Twelve tasks, four at a time with errgroup; task 5 fails, and the group's context cancels the tasks
// in flight; the rest never start.
func ExampleRun() {
	r, err := bounded.Run(context.Background(), bounded.Config{Tasks: 12, Limit: 4, Cost: 20 * time.Millisecond, FailAt: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Wait returned:", r.Err)
	fmt.Println("the failure's error:", errors.Is(r.Err, bounded.ErrTask))
	fmt.Println("at most 4 in flight:", r.MostInFlight <= 4)
	fmt.Println("task 11 ran:", r.Tasks[11].Outcome != bounded.NotRun)
	// Output:
	// Wait returned: task 5: the task failed
	// the failure's error: true
	// at most 4 in flight: true
	// task 11 ran: false
}
