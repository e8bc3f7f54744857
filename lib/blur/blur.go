package blur

import (
	"context"
	"errors"
	"fmt"
	"image"
	"sync"

	"github.com/parlab/parlab/lib/workload"
)

// Limits.
const (
	MaxSide    = 4096
	MaxRadius  = 64
	MaxWorkers = 1024
)

func checkSize(w, h int) error {
	switch {
	case w < 1 || w > MaxSide:
		return fmt.Errorf("blur: width = %d is not allowed: want 1 to %d pixels", w, MaxSide)
	case h < 1 || h > MaxSide:
		return fmt.Errorf("blur: height = %d is not allowed: want 1 to %d pixels", h, MaxSide)
	}
	return nil
}

// Pattern returns a deterministic width × height test image: soft rings and stripes in several colours,
// with a fine grain of noise, so that a blur visibly changes it.
func Pattern(width, height int) (*image.RGBA, error) {
	if err := checkSize(width, height); err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for y := range height {
		row := img.Pix[y*img.Stride:]
		for x := range width {
			h := uint32(x)*0x9e3779b1 ^ uint32(y)*0x85ebca77
			h ^= h >> 15
			h *= 0x2c1b3c6d
			h ^= h >> 12
			noise := int(h&15) - 8
			dx, dy := x-width/2, y-height/2
			ring := ((dx*dx+dy*dy)/(8*max(1, width/64)))%64 < 32
			stripe := ((x+y)/max(4, width/48))%2 == 0
			r, g, b := 40, 60, 90
			if ring {
				r, g, b = 230, 170, 60
			}
			if stripe {
				g += 60
				b += 80
			}
			px := row[4*x : 4*x+4 : 4*x+4]
			px[0], px[1], px[2], px[3] = clamp(r+noise), clamp(g+noise), clamp(b+noise), 255
		}
	}
	return img, nil
}

func clamp(v int) uint8 { return uint8(min(max(v, 0), 255)) }

// Box returns src blurred with a box filter of the given radius (1 … 64), computed on workers goroutines
// (1 … 1024), each taking a band of rows, in two passes: each row averaged horizontally (rounded to a
// byte), then each column, keeping a running sum so that a pixel costs the same few operations whatever
// the radius. Pixels beyond the edges count as copies of the nearest edge pixel. The result is the same,
// pixel for pixel, for any number of workers.
func Box(ctx context.Context, src *image.RGBA, radius, workers int) (*image.RGBA, error) {
	out, _, err := box(ctx, src, radius, workers)
	return out, err
}

// box is Box, also returning render.Checksum of the result, summed band by band by the workers.
func box(ctx context.Context, src *image.RGBA, radius, workers int) (*image.RGBA, uint64, error) {
	if src == nil {
		return nil, 0, errors.New("blur: the image is nil: make one with blur.Pattern")
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if err := checkSize(w, h); err != nil {
		return nil, 0, err
	}
	switch {
	case radius < 1 || radius > MaxRadius:
		return nil, 0, fmt.Errorf("blur: radius = %d is not allowed: want 1 to %d pixels", radius, MaxRadius)
	case workers < 1 || workers > MaxWorkers:
		return nil, 0, fmt.Errorf("blur: workers = %d is not allowed: want 1 to %d goroutines", workers, MaxWorkers)
	}
	in := src
	if src.Rect.Min != (image.Point{}) || src.Stride != 4*w {
		// A sub-image: work on a copy whose pixels start at index 0.
		in = image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			copy(in.Pix[y*in.Stride:y*in.Stride+4*w], src.Pix[src.PixOffset(src.Rect.Min.X, src.Rect.Min.Y+y):])
		}
	}
	tmp := image.NewRGBA(in.Rect)
	out := image.NewRGBA(in.Rect)
	_, err := bands(ctx, h, workers, func(lo, hi int) uint64 {
		for y := lo; y < hi; y++ {
			horizontal(in, tmp, y, radius)
		}
		return 0
	})
	if err != nil {
		return nil, 0, err
	}
	sum, err := bands(ctx, h, workers, func(lo, hi int) uint64 { return vertical(tmp, out, lo, hi, radius) })
	if err != nil {
		return nil, 0, err
	}
	return out, sum, nil
}

// bands runs body over rows 0 … h−1 on workers goroutines, each a contiguous band that it passes to body
// 16 rows at a time, checking ctx in between, and adds up what body returned.
func bands(ctx context.Context, h, workers int, body func(lo, hi int) uint64) (uint64, error) {
	workers = min(workers, h)
	sums := make([]uint64, workers)
	one := func(k int) {
		lo, hi := k*h/workers, (k+1)*h/workers
		var s uint64
		for y := lo; y < hi && ctx.Err() == nil; y += 16 {
			s += body(y, min(y+16, hi))
		}
		sums[k] = s
	}
	if workers == 1 {
		one(0)
	} else {
		var wg sync.WaitGroup
		for k := range workers {
			wg.Go(func() { one(k) })
		}
		wg.Wait()
	}
	var total uint64
	for _, s := range sums {
		total += s
	}
	return total, ctx.Err()
}

// horizontal averages row y of in over 2r+1 pixels into row y of out.
func horizontal(in, out *image.RGBA, y, r int) {
	w := in.Rect.Dx()
	src := in.Pix[y*in.Stride : y*in.Stride+4*w]
	dst := out.Pix[y*out.Stride : y*out.Stride+4*w]
	n := 2*r + 1
	for c := range 4 {
		sum := 0
		for i := -r; i <= r; i++ {
			sum += int(src[4*min(max(i, 0), w-1)+c])
		}
		for x := range w {
			dst[4*x+c] = uint8((sum + n/2) / n)
			sum += int(src[4*min(x+r+1, w-1)+c]) - int(src[4*max(x-r, 0)+c])
		}
	}
}

// vertical averages the columns of in over 2r+1 rows, for the output rows lo … hi−1, with a running sum
// per column kept along the band, and returns those rows' part of render.Checksum.
func vertical(in, out *image.RGBA, lo, hi, r int) uint64 {
	w, h := in.Rect.Dx(), in.Rect.Dy()
	n := 2*r + 1
	sum := make([]int, 4*w)
	row := func(y int) []uint8 {
		y = min(max(y, 0), h-1)
		return in.Pix[y*in.Stride : y*in.Stride+4*w]
	}
	for i := lo - r; i <= lo+r; i++ {
		for j, v := range row(i) {
			sum[j] += int(v)
		}
	}
	var check uint64
	for y := lo; y < hi; y++ {
		dst := out.Pix[y*out.Stride : y*out.Stride+4*w]
		add, sub := row(y+r+1), row(y-r)
		for j := range sum {
			dst[j] = uint8((sum[j] + n/2) / n)
			sum[j] += int(add[j]) - int(sub[j])
		}
		for x := range w {
			p := dst[4*x : 4*x+4 : 4*x+4]
			check += (uint64(p[0])<<24 | uint64(p[1])<<16 | uint64(p[2])<<8 | uint64(p[3])) * uint64(y*w+x+1)
		}
	}
	return check
}

// Task returns the blur of a width × height Pattern with the given radius as a workload.Task: Run blurs
// on that many workers, Serial on one; both return render.Checksum of the blurred image. Named
// "box blur, radius 2, 3840×2160 px". Task makes the pattern at once, on the calling goroutine: about a
// tenth of a second for the largest image, and it takes no context.
func Task(width, height, radius int) (workload.Task, error) {
	src, err := Pattern(width, height)
	if err != nil {
		return nil, err
	}
	if radius < 1 || radius > MaxRadius {
		return nil, fmt.Errorf("blur: radius = %d is not allowed: want 1 to %d pixels", radius, MaxRadius)
	}
	return task{src: src, radius: radius}, nil
}

type task struct {
	src    *image.RGBA
	radius int
}

func (t task) Name() string {
	return fmt.Sprintf("box blur, radius %d, %d×%d px", t.radius, t.src.Rect.Dx(), t.src.Rect.Dy())
}

func (t task) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t task) Run(ctx context.Context, workers int) (uint64, error) {
	_, sum, err := box(ctx, t.src, t.radius, workers)
	return sum, err
}
