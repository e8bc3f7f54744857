package roofline_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/roofline"
)

// A machine that computes 40 flops per ns and moves 20 bytes per ns: its ridge is at 2 flop per byte;
// the stream dot product (0.125 flop per byte) can reach at most 2.5 flops per ns there.
func ExampleRoof() {
	r := roofline.Roof{Ops: bench.Interval{Value: 40}, Bandwidth: bench.Interval{Value: 20}}
	fmt.Println(r.Ridge(), r.Attainable(0.125), r.Bound(0.125), r.Bound(roofline.PolyIntensity(64)))
	// Output: 2 2.5 memory-bound compute-bound
}
