package counter_test

import (
	"context"
	"fmt"
	"sync"

	"github.com/parlab/parlab/lib/counter"
)

func ExampleRun() {
	for _, k := range counter.Kinds() {
		c := k.New(4)
		n, err := counter.Run(context.Background(), c, 4, 10_000)
		counter.Close(c)
		fmt.Println(k.Name, n, err)
	}
	// Output:
	// mutex 40000 <nil>
	// atomic 40000 <nil>
	// channel 40000 <nil>
	// sharded 40000 <nil>
}

// SafeCounter is what a learner might write to fix the racy counter.
type SafeCounter struct {
	mu sync.Mutex
	n  int64
}

func (c *SafeCounter) Add(delta int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += delta
}

func (c *SafeCounter) Value() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

func ExampleCheck() {
	r := counter.Check(&SafeCounter{})
	fmt.Println(r.Outcome)
	// Output: passed
}

func ExampleFuncs() {
	var mu sync.Mutex
	total := int64(0)
	add := func(d int64) { mu.Lock(); total += d; mu.Unlock() }
	get := func() int64 { mu.Lock(); defer mu.Unlock(); return total }
	fmt.Println(counter.Check(counter.Funcs(add, get)).Outcome)
	// Output: passed
}

// Times vary from machine to machine; the shape of the result does not. The defaults (no Ops, no
// Goroutines) measure 1, 2, 4 and 8 goroutines with trials of 2 million increments and take a few seconds.
func ExampleMeasure() {
	res, err := counter.Measure(context.Background(), counter.Sweep{Goroutines: []int{4}, Ops: 10_000, Trials: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Costs {
		fmt.Println(c.Kind, c.Goroutines, c.NsPerOp.Value > 0)
	}
	// Output:
	// mutex 1 true
	// mutex 4 true
	// atomic 1 true
	// atomic 4 true
	// channel 1 true
	// channel 4 true
	// sharded 1 true
	// sharded 4 true
}

// CountAll is what a learner might write when fixing a racy counting program.
func CountAll(goroutines, each int) int64 {
	var (
		mu    sync.Mutex
		count int64
		wg    sync.WaitGroup
	)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				mu.Lock()
				count++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return count
}

func ExampleCheckProgram() {
	fmt.Println(counter.CheckProgram(CountAll).Outcome)
	// Output: passed
}
