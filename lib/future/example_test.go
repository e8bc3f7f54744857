package future_test

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/future"
)

// Two lookups run at the same time; awaiting both takes as long as the slower.
func ExampleGo() {
	ctx := context.Background()
	lookup := func(name string, d time.Duration) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { time.Sleep(d); return name, nil }
	}
	a := future.Go(ctx, lookup("a", 20*time.Millisecond))
	b := future.Go(ctx, lookup("b", 10*time.Millisecond))
	va, _ := a.Await(ctx)
	vb, _ := b.Await(ctx)
	fmt.Println(va, vb)
	// Output: a b
}

// A deadline bounds the wait: the caller gets the context's error instead of the late result.
func ExampleFuture_Await() {
	slow := future.Go(context.Background(), func(context.Context) (int, error) { time.Sleep(50 * time.Millisecond); return 1, nil })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	_, err := slow.Await(ctx)
	fmt.Println(err)
	// Output: context deadline exceeded
}
