package leak_test

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/leak"
)

// A "first answer wins" call whose answer channel has room for every answer leaves nothing behind.
func ExampleFind() {
	replicas, _ := leak.Replicas(0, time.Millisecond, 2*time.Millisecond)
	first := func() {
		answers := make(chan string, len(replicas)) // room for every answer: no sender waits
		for _, r := range replicas {
			go func() { answers <- r() }()
		}
		fmt.Println(<-answers)
	}
	r, _ := leak.Find(time.Second, first)
	fmt.Println("leaked:", r.Leaked)
	// Output:
	// replica 1
	// leaked: 0
}
