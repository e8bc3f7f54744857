package render

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkRender renders the notebook's default Mandelbrot image (region half, 512 iterations,
// 720×405) with each split on 1 and 2 workers.
func BenchmarkRender(b *testing.B) {
	m, err := MandelbrotRegion("half", 512)
	if err != nil {
		b.Fatal(err)
	}
	for _, split := range Splits {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers-%d", split, workers), func(b *testing.B) {
				o := Options{Width: 720, Height: 405, Workers: workers, Split: split}
				var f *Frame
				for b.Loop() {
					if f, err = Render(context.Background(), m, o); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(f.Balance(), "balance")
			})
		}
	}
}

// BenchmarkSpheres renders the notebook's default ray-traced scene (2×2 samples, 8 shadow rays,
// depth 3, 720×405) on one worker.
func BenchmarkSpheres(b *testing.B) {
	s, err := NewSpheres(2, 8, 3)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Render(context.Background(), s, Options{Width: 720, Height: 405, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQueueCost reports QueueCost on 2 workers: what one tile's trip through the dynamic queue
// costs a core.
func BenchmarkQueueCost(b *testing.B) {
	var d float64
	for b.Loop() {
		c, err := QueueCost(context.Background(), 2)
		if err != nil {
			b.Fatal(err)
		}
		d = float64(c.Nanoseconds())
	}
	b.ReportMetric(d, "ns-per-tile")
}
