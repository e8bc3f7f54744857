package blur

import (
	"context"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/render"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// TestSameForAnyWorkers: every number of workers gives the serial blur, byte for byte, and the task's
// checksum is render.Checksum of that image.
func TestSameForAnyWorkers(t *testing.T) {
	src, err := Pattern(97, 61)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, r := range []int{1, 2, 7, 64} {
		ref, err := Box(ctx, src, r, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{2, 3, 8, 61, 200} {
			got, err := Box(ctx, src, r, w)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.Pix) != string(ref.Pix) {
				t.Errorf("radius %d, %d workers: the image differs from one worker's", r, w)
			}
		}
		task, err := Task(97, 61, r)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1, 4} {
			sum, err := task.Run(ctx, w)
			if err != nil || sum != render.Checksum(ref) {
				t.Errorf("%s: Run(%d) = %d, %v; want render.Checksum = %d", task.Name(), w, sum, err, render.Checksum(ref))
			}
		}
	}
}

// TestAverages checks values worked out by hand: a uniform image stays uniform; a vertical edge
// between 0 and 255 blurred with radius 1 becomes 0, 85, 170, 255 across it (the averages of
// 0,0,255 and 0,255,255 over three columns).
func TestAverages(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 6, 5))
	for y := range 5 {
		for x := range 6 {
			v := uint8(0)
			if x >= 3 {
				v = 255
			}
			img.SetRGBA(x, y, color.RGBA{v, 100, 7, 255})
		}
	}
	out, err := Box(context.Background(), img, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []uint8{0, 0, 85, 170, 255, 255}
	for y := range 5 {
		for x := range 6 {
			c := out.RGBAAt(x, y)
			if c.R != want[x] || c.G != 100 || c.B != 7 || c.A != 255 {
				t.Errorf("(%d, %d) = %v; want {%d 100 7 255}", x, y, c, want[x])
			}
		}
	}
	// A sub-image is blurred as a copy of itself would be.
	sub := img.SubImage(image.Rect(1, 1, 5, 4)).(*image.RGBA)
	cp := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for y := range 3 {
		for x := range 4 {
			cp.SetRGBA(x, y, sub.RGBAAt(x+1, y+1))
		}
	}
	a, _ := Box(context.Background(), sub, 1, 2)
	b, _ := Box(context.Background(), cp, 1, 2)
	if string(a.Pix) != string(b.Pix) {
		t.Error("a sub-image is not blurred as its copy")
	}
}

func TestBadInput(t *testing.T) {
	src, _ := Pattern(8, 8)
	ctx := context.Background()
	for _, c := range []struct {
		err   error
		param string
	}{
		{func() error { _, err := Box(ctx, nil, 1, 1); return err }(), "nil"},
		{func() error { _, err := Box(ctx, src, 0, 1); return err }(), "radius"},
		{func() error { _, err := Box(ctx, src, 1, 0); return err }(), "workers"},
		{func() error { _, err := Pattern(0, 5); return err }(), "width"},
		{func() error { _, err := Pattern(5, MaxSide+1); return err }(), "height"},
		{func() error { _, err := Task(8, 8, MaxRadius+1); return err }(), "radius"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.param) {
			t.Errorf("got %v; want an error naming %q", c.err, c.param)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Box(cctx, src, 1, 2); err == nil {
		t.Error("Box with a cancelled context returned no error")
	}
}
