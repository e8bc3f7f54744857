package roofline

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/parlab/parlab/lib/cache"
	"github.com/parlab/parlab/lib/workload"
)

func maxProcs() int { return runtime.GOMAXPROCS(0) }

// Limits of Blur.
const maxBlurSide = 1 << 15

type blur struct {
	w, h int
	in   []float32
}

// Blur returns a 3×3 box blur of a w×h grey image (float32 pixels) as a workload.Task: each output
// pixel is the mean of the 3×3 neighbourhood around it (edge pixels use the neighbours that exist).
// Rows are shared among the workers. The checksum is Σ bits(outᵢ) modulo 2⁶⁴: every pixel is computed
// the same way whichever worker does it. w and h are 3 to 2¹⁵, and the two images (8·w·h bytes) must
// fit in a quarter of the available memory.
func Blur(w, h int) (workload.Task, error) {
	if w < 3 || w > maxBlurSide {
		return nil, fmt.Errorf("roofline: Blur width is %d pixels; want 3 to %d", w, maxBlurSide)
	}
	if h < 3 || h > maxBlurSide {
		return nil, fmt.Errorf("roofline: Blur height is %d pixels; want 3 to %d", h, maxBlurSide)
	}
	if avail, ok := cache.AvailableBytes(); ok && uint64(8*w*h) > avail/4 {
		return nil, fmt.Errorf("roofline: Blur width × height = %d × %d needs %s for its two images, more than a quarter of the memory available (%s)",
			w, h, cache.Size(int64(8*w*h)), cache.Size(int64(avail)))
	}
	in := make([]float32, w*h)
	for i := range in {
		in[i] = float32((i*7919)%256) / 255
	}
	return &blur{w, h, in}, nil
}

func (b *blur) Name() string { return fmt.Sprintf("3×3 blur, %d×%d pixels", b.w, b.h) }

func (b *blur) Serial(ctx context.Context) (uint64, error) { return b.Run(ctx, 1) }

// Run blurs the image on workers goroutines (1 to 4096), rows taken from a shared counter, and looks at
// ctx between rows.
func (b *blur) Run(ctx context.Context, workers int) (uint64, error) {
	if workers < 1 || workers > 4096 {
		return 0, fmt.Errorf("roofline: %s: workers = %d; want 1 to 4096", b.Name(), workers)
	}
	out := make([]float32, len(b.in))
	var next atomic.Int64
	var sum atomic.Uint64
	var wg sync.WaitGroup
	for range min(workers, b.h) {
		wg.Go(func() {
			for ctx.Err() == nil {
				y := int(next.Add(1) - 1)
				if y >= b.h {
					return
				}
				sum.Add(b.row(out, y))
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum.Load(), nil
}

// row blurs row y into out and returns the sum of its pixels' bits.
func (b *blur) row(out []float32, y int) uint64 {
	w := b.w
	y0, y1 := max(y-1, 0), min(y+1, b.h-1)
	var s uint64
	for x := range w {
		x0, x1 := max(x-1, 0), min(x+1, w-1)
		var acc float32
		for yy := y0; yy <= y1; yy++ {
			r := b.in[yy*w : yy*w+w]
			for xx := x0; xx <= x1; xx++ {
				acc += r[xx]
			}
		}
		v := acc * (1 / float32((y1-y0+1)*(x1-x0+1)))
		out[y*w+x] = v
		s += uint64(math.Float32bits(v))
	}
	return s
}
