package chunk_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/chunk"
)

func ExampleBounds() {
	for i := range 3 {
		lo, hi := chunk.Bounds(10, 3, i)
		fmt.Printf("piece %d: [%d, %d)\n", i, lo, hi)
	}
	// Output:
	// piece 0: [0, 4)
	// piece 1: [4, 7)
	// piece 2: [7, 10)
}

func ExampleCheck() {
	chunks := func(n, k int) [][2]int { // forgets the remainder
		out := make([][2]int, k)
		for i := range out {
			out[i] = [2]int{i * (n / k), (i + 1) * (n / k)}
		}
		return out
	}
	fmt.Println(chunk.Check(chunks).Outcome)
	// Output: not yet
}
