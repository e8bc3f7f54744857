package blur_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/blur"
)

// Blur a test image on one and on four goroutines: the same pixels either way.
func ExampleBox() {
	src, err := blur.Pattern(320, 180)
	if err != nil {
		fmt.Println(err)
		return
	}
	one, _ := blur.Box(context.Background(), src, 3, 1)
	four, err := blur.Box(context.Background(), src, 3, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(four.Bounds(), string(one.Pix) == string(four.Pix))
	// Output:
	// (0,0)-(320,180) true
}
