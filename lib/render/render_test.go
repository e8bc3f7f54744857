package render

import (
	"context"
	"errors"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

func mustMandel(t testing.TB, region string, iter int) Mandelbrot {
	t.Helper()
	m, err := MandelbrotRegion(region, iter)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestEverySplitGivesTheSerialImage renders both scenes with every split, several worker counts and tile
// sizes (tiles that do not divide the image, tiles larger than it), and compares the image byte for byte
// and the checksum with the serial render's.
func TestEverySplitGivesTheSerialImage(t *testing.T) {
	ctx := context.Background()
	spheres, err := NewSpheres(1, 2, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, scene := range []Scene{mustMandel(t, "half", 200), spheres} {
		const w, h = 61, 37
		ref, err := Serial(ctx, scene, w, h)
		if err != nil {
			t.Fatal(err)
		}
		if got := Checksum(ref.Image); got != ref.Checksum {
			t.Fatalf("%s: Checksum(serial image) = %d; want the frame's %d", scene.Name(), got, ref.Checksum)
		}
		for _, split := range Splits {
			for _, workers := range []int{1, 2, 3, 7, 64} {
				for _, tile := range []int{1, 5, 16, 100} {
					if split != Dynamic && tile != 16 {
						continue
					}
					f, err := Render(ctx, scene, Options{Width: w, Height: h, Workers: workers, Split: split, Tile: tile, Record: true})
					if err != nil {
						t.Fatal(err)
					}
					name := scene.Name() + ", " + split.String()
					if f.Checksum != ref.Checksum || string(f.Image.Pix) != string(ref.Image.Pix) {
						t.Errorf("%s, %d workers, tile %d: checksum %d; want the serial %d (images equal: %v)",
							name, workers, tile, f.Checksum, ref.Checksum, string(f.Image.Pix) == string(ref.Image.Pix))
					}
					if f.TotalWork() != ref.TotalWork() {
						t.Errorf("%s, %d workers: work %d; want %d", name, workers, f.TotalWork(), ref.TotalWork())
					}
					checkItems(t, name, f)
				}
			}
		}
	}
}

// checkItems checks that a recorded frame's items cover every pixel once, agree with its per-worker
// tallies and with its timeline.
func checkItems(t *testing.T, name string, f *Frame) {
	t.Helper()
	w, h := f.Options.Width, f.Options.Height
	seen := make([]int, w*h)
	pixels := make([]int, f.Options.Workers)
	work := make([]int64, f.Options.Workers)
	for _, it := range f.Items {
		for y := it.Rect.Min.Y; y < it.Rect.Max.Y; y++ {
			for x := it.Rect.Min.X; x < it.Rect.Max.X; x++ {
				seen[y*w+x]++
			}
		}
		pixels[it.Worker] += it.Rect.Dx() * it.Rect.Dy()
		work[it.Worker] += it.Work
		if it.End < it.Start {
			t.Errorf("%s: item %v ends at %v, before its start %v", name, it.Rect, it.End, it.Start)
		}
	}
	for p, n := range seen {
		if n != 1 {
			t.Fatalf("%s, %d workers: pixel (%d, %d) is in %d items; want 1", name, f.Options.Workers, p%w, p/w, n)
		}
	}
	for k := range pixels {
		if pixels[k] != f.Pixels[k] || work[k] != f.Work[k] {
			t.Errorf("%s: worker %d's items hold %d pixels and %d work; its tally says %d and %d", name, k, pixels[k], work[k], f.Pixels[k], f.Work[k])
		}
	}
	if err := f.Timeline.Validate(); err != nil {
		t.Errorf("%s: timeline: %v", name, err)
	}
	if f.Timeline.Lanes != f.Options.Workers || len(f.Timeline.Segments) != len(f.Items) {
		t.Errorf("%s: timeline has %d lanes and %d segments; want %d and %d", name, f.Timeline.Lanes, len(f.Timeline.Segments), f.Options.Workers, len(f.Items))
	}
}

// TestMandelbrotKeepsWorkloadsChecksum: over the region "whole", Σ iterations(p)·(p+1) is
// workload.Mandelbrot's checksum for the same size and iterations.
func TestMandelbrotKeepsWorkloadsChecksum(t *testing.T) {
	const w, h, iter = 96, 54, 300
	m := mustMandel(t, "whole", iter)
	var got uint64
	for y := range h {
		for x := range w {
			_, n := m.Pixel(x, y, w, h)
			got += uint64(n) * uint64(y*w+x+1)
		}
	}
	task, err := workload.Mandelbrot(w, h, iter)
	if err != nil {
		t.Fatal(err)
	}
	want, err := task.Serial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("Σ iterations·(p+1) over region whole = %d; want workload.Mandelbrot's checksum %d", got, want)
	}
}

// TestBalanceCountsWork: a static split's balance depends only on the image, never on timing. Region
// "half" puts the inside of the set in the top rows, so two blocks are far apart and cyclic rows nearly
// even. The values are those of this exact image (160×90, 256 iterations), counted once by this test and
// pinned to ±0.001; the order of the four is the point: blocks get worse with more workers, cyclic stays
// near 1.
func TestBalanceCountsWork(t *testing.T) {
	m := mustMandel(t, "half", 256)
	cases := []struct {
		split   Split
		workers int
		want    float64
	}{
		{Blocks, 2, 1.8122},
		{Blocks, 4, 2.0199},
		{Cyclic, 2, 1.0058},
		{Cyclic, 4, 1.0262},
	}
	for _, c := range cases {
		for range 2 { // the same on every run
			f, err := Render(context.Background(), m, Options{Width: 160, Height: 90, Workers: c.workers, Split: c.split})
			if err != nil {
				t.Fatal(err)
			}
			if b := f.Balance(); math.Abs(b-c.want) > 0.001 {
				t.Errorf("%s on %d workers: balance %.4f; want %.4f", c.split, c.workers, b, c.want)
			}
		}
	}
	if (&Frame{}).Balance() != 0 {
		t.Error("an empty frame's balance is not 0")
	}
}

func TestTiles(t *testing.T) {
	cases := []struct {
		w, h, tile, want int
		last             image.Rectangle
	}{
		{720, 405, 32, 23 * 13, image.Rect(704, 384, 720, 405)},
		{10, 10, 0, 1, image.Rect(0, 0, 10, 10)},
		{10, 10, 100, 1, image.Rect(0, 0, 10, 10)},
		{3, 2, 1, 6, image.Rect(2, 1, 3, 2)},
	}
	for _, c := range cases {
		got := Tiles(c.w, c.h, c.tile)
		if len(got) != c.want || got[len(got)-1] != c.last {
			t.Errorf("Tiles(%d, %d, %d): %d tiles, last %v; want %d, last %v", c.w, c.h, c.tile, len(got), got[len(got)-1], c.want, c.last)
		}
	}
	if Tiles(0, 5, 1) != nil || Tiles(5, MaxSide+1, 1) != nil {
		t.Error("Tiles of an impossible size is not nil")
	}
}

func TestBadOptions(t *testing.T) {
	m := mustMandel(t, "whole", 100)
	cases := []struct {
		scene Scene
		o     Options
		param string
	}{
		{nil, Options{Width: 10, Height: 10}, "scene"},
		{m, Options{Width: 0, Height: 10}, "width"},
		{m, Options{Width: 10, Height: MaxSide + 1}, "height"},
		{m, Options{Width: 10, Height: 10, Workers: -1}, "workers"},
		{m, Options{Width: 10, Height: 10, Workers: MaxWorkers + 1}, "workers"},
		{m, Options{Width: 10, Height: 10, Tile: -3}, "tile"},
		{m, Options{Width: 10, Height: 10, Split: 9}, "split"},
		{Mandelbrot{Iter: 1 << 16}, Options{Width: 4096, Height: 4096}, "too much work"},
		{Mandelbrot{Iter: 0}, Options{Width: 10, Height: 10}, "Iter"},
		{Spheres{Samples: 9, Shadow: 1}, Options{Width: 10, Height: 10}, "samples"},
	}
	for _, c := range cases {
		_, err := Render(context.Background(), c.scene, c.o)
		if err == nil || !strings.Contains(err.Error(), c.param) {
			t.Errorf("Render(%v, %+v) = %v; want an error naming %q", c.scene, c.o, err, c.param)
		}
	}
	for _, c := range []struct {
		err   error
		param string
	}{
		{func() error { _, err := MandelbrotRegion("nowhere", 10); return err }(), "region"},
		{func() error { _, err := MandelbrotRegion("whole", 0); return err }(), "iter"},
		{func() error { _, err := NewSpheres(1, 0, 1); return err }(), "shadow"},
		{func() error { _, err := NewSpheres(1, 1, 9); return err }(), "depth"},
		{func() error { _, err := ParseSplit("diagonal"); return err }(), "split"},
		{func() error {
			_, err := Task(m, 10, 10, Blocks, 0)
			_, err2 := Profile(context.Background(), m, 10, 10, 0, 0)
			return errors.Join(err, err2)
		}(), "passes"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.param) {
			t.Errorf("got %v; want an error naming %q", c.err, c.param)
		}
	}
	if s, err := ParseSplit(" Cyclic "); err != nil || s != Cyclic {
		t.Errorf("ParseSplit(\" Cyclic \") = %v, %v; want cyclic", s, err)
	}
}

// TestCancel: a render that would take many seconds returns the context's error soon after it is
// cancelled, with every split.
func TestCancel(t *testing.T) {
	m := mustMandel(t, "whole", 1<<16)
	for _, split := range Splits {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		start := time.Now()
		_, err := Render(ctx, m, Options{Width: 1024, Height: 1024, Workers: 3, Split: split, Tile: 512})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err = %v; want the context's deadline", split, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: returned %v after the start; want well within a second of the 50 ms deadline", split, d)
		}
	}
}

func TestTaskChecksums(t *testing.T) {
	ctx := context.Background()
	m := mustMandel(t, "seahorse", 300)
	var want uint64
	for i, split := range Splits {
		task, err := Task(m, 64, 36, split, 8)
		if err != nil {
			t.Fatal(err)
		}
		s, err := task.Serial(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			want = s
		}
		for _, w := range []int{1, 2, 5} {
			got, err := task.Run(ctx, w)
			if err != nil || got != want || s != want {
				t.Errorf("%s: Run(%d) = %d, %v, Serial = %d; want %d", task.Name(), w, got, err, s, want)
			}
		}
		if _, err := task.Run(ctx, 0); err == nil || !strings.Contains(err.Error(), "workers") {
			t.Errorf("%s: Run(0) = %v; want an error naming workers", task.Name(), err)
		}
	}
}
