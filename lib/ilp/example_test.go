package ilp_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/ilp"
)

// The same sum with one and with four accumulators: the same answer to rounding, in another order.
func ExampleSum4() {
	xs, _ := ilp.Vectors(1000)
	fmt.Printf("%.6f %.6f\n", ilp.Sum1(xs), ilp.Sum4(xs))
	// Output: 484.484536 484.484536
}

// The self-check of the exercise refuses a sum that forgets the tail of the slice.
func ExampleCheckSum() {
	noTail := func(xs []float64) float64 {
		var s0, s1, s2, s3 float64
		for i := 0; i+4 <= len(xs); i += 4 {
			s0, s1, s2, s3 = s0+xs[i], s1+xs[i+1], s2+xs[i+2], s3+xs[i+3]
		}
		return s0 + s1 + s2 + s3
	}
	r := ilp.CheckSum(noTail)
	fmt.Println(r.Outcome)
	// Output: not yet
}
