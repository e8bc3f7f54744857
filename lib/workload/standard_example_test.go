package workload_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/workload"
)

// A task's kind is its name without its sizes: the same kind on a laptop in quick mode and on a server
// at full size.
func ExampleKind() {
	fmt.Println(workload.Kind("sum of squares, n=100000000"))
	fmt.Println(workload.Kind("stream (dot product), n=8388608, passes=8"))
	fmt.Println(workload.StandardKinds()[:2])
	// Output:
	// sum of squares
	// stream (dot product)
	// [sum of squares Mandelbrot]
}
