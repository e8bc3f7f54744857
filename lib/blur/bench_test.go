package blur

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkBox blurs a 3840×2160 pattern (33 MB per copy, past a 32 MB L3) with radius 2 on 1 and 2
// workers.
func BenchmarkBox(b *testing.B) {
	src, err := Pattern(3840, 2160)
	if err != nil {
		b.Fatal(err)
	}
	for _, w := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers-%d", w), func(b *testing.B) {
			for b.Loop() {
				if _, err := Box(context.Background(), src, 2, w); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
