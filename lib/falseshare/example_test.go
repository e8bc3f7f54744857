package falseshare_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/falseshare"
)

// Times vary from machine to machine; the shape of the result does not. The default Config measures
// 20 million increments per trial and takes a few seconds.
func ExampleMeasure() {
	res, err := falseshare.Measure(context.Background(), falseshare.Config{Workers: 2, Ops: 100_000, Trials: 6})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range res.Bars {
		fmt.Println(b.Workers, b.Layout.Name)
	}
	fmt.Println(res.Ratio.Value > 0)
	// Output:
	// 1 adjacent
	// 1 padded 64 B
	// 1 padded 128 B
	// 2 adjacent
	// 2 padded 64 B
	// 2 padded 128 B
	// true
}
