package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// Split is how the image is divided between the workers.
type Split uint8

const (
	// Blocks gives each worker one contiguous band of rows, the same number of rows each (give or take
	// one): decided before anything is drawn.
	Blocks Split = iota + 1
	// Cyclic deals the rows out in turn: row y goes to worker y mod workers. Also decided in advance, but
	// every worker gets rows from everywhere in the image.
	Cyclic
	// Dynamic cuts the image into square tiles and keeps them in a queue — a shared atomic counter of the
	// next tile, in reading order — from which each worker takes the next tile whenever it has finished
	// one: who draws what is decided while drawing.
	Dynamic
)

// Splits are the decompositions, in the order the notebook compares them.
var Splits = []Split{Blocks, Cyclic, Dynamic}

// String returns "blocks", "cyclic" or "dynamic".
func (s Split) String() string {
	switch s {
	case Blocks:
		return "blocks"
	case Cyclic:
		return "cyclic"
	case Dynamic:
		return "dynamic"
	}
	return fmt.Sprintf("Split(%d)", s)
}

// ParseSplit returns the split named "blocks", "cyclic" or "dynamic" (upper or lower case); anything else
// is an error naming the parameter split.
func ParseSplit(name string) (Split, error) {
	for _, s := range Splits {
		if strings.EqualFold(strings.TrimSpace(name), s.String()) {
			return s, nil
		}
	}
	return 0, fmt.Errorf("render: split = %q is not known: want \"blocks\", \"cyclic\" or \"dynamic\"", name)
}

// Limits of a render.
const (
	MaxSide    = 4096 // pixels on a side
	MaxWorkers = 1024
	// maxWork bounds the pixels × the most work one pixel can take (iterations, rays): about a minute
	// of one core in Mandelbrot iterations, longer in rays. Render stays cancellable throughout.
	maxWork = 1 << 36
	// DefaultTile is the side of a tile when Options.Tile is 0.
	DefaultTile = 32
)

// Options say what to render and how to split it.
type Options struct {
	Width, Height int   // pixels, 1 … 4096 each
	Workers       int   // worker goroutines, 1 … 1024; 0 means GOMAXPROCS
	Split         Split // 0 means Dynamic
	// Tile is the side of Dynamic's square tiles in pixels (tiles at the right and bottom edges may be
	// smaller); 0 means DefaultTile; larger than the image means one tile. Blocks and Cyclic ignore it.
	Tile int
	// Record keeps every piece of work — where, by whom, when and how much (Frame.Items) — and each
	// worker's busy spans (Frame.Timeline). It costs two clock reads per piece.
	Record bool
}

// resolve checks o against scene and fills in its defaults.
func (o Options) resolve(scene Scene) (Options, error) {
	if scene == nil {
		return o, errors.New("render: the scene is nil: use a Mandelbrot or Spheres scene (render.MandelbrotRegion, render.NewSpheres)")
	}
	if err := checkScene(scene); err != nil {
		return o, err
	}
	switch {
	case o.Width < 1 || o.Width > MaxSide:
		return o, fmt.Errorf("render: width = %d is not allowed: want 1 to %d pixels", o.Width, MaxSide)
	case o.Height < 1 || o.Height > MaxSide:
		return o, fmt.Errorf("render: height = %d is not allowed: want 1 to %d pixels", o.Height, MaxSide)
	case o.Workers < 0 || o.Workers > MaxWorkers:
		return o, fmt.Errorf("render: workers = %d is not allowed: want 1 to %d goroutines, or 0 for GOMAXPROCS", o.Workers, MaxWorkers)
	case o.Tile < 0:
		return o, fmt.Errorf("render: tile = %d is not allowed: want the side of a tile in pixels (1 or more), or 0 for %d", o.Tile, DefaultTile)
	}
	if most := mostWork(scene); uint64(o.Width)*uint64(o.Height)*uint64(most) > maxWork {
		return o, fmt.Errorf("render: width × height = %d × %d pixels of %s, up to %d %ss each, is too much work: want at most %d %ss in all; make the image or the scene smaller",
			o.Width, o.Height, scene.Name(), most, scene.Unit(), int64(maxWork), scene.Unit())
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Split == 0 {
		o.Split = Dynamic
	}
	if o.Split > Dynamic {
		return o, fmt.Errorf("render: split = %d is not known: want render.Blocks, render.Cyclic or render.Dynamic", o.Split)
	}
	if o.Tile == 0 {
		o.Tile = DefaultTile
	}
	o.Tile = min(o.Tile, max(o.Width, o.Height))
	return o, nil
}

// checkScene checks the parameters of the scenes of this package (a value built by hand, not by its
// constructor).
func checkScene(s Scene) error {
	switch v := s.(type) {
	case Mandelbrot:
		return v.check()
	case Spheres:
		return v.check()
	}
	return nil
}

// mostWork is the most work one pixel of the scene can take, for the bound on a render.
func mostWork(s Scene) int {
	switch v := s.(type) {
	case Mandelbrot:
		return v.Iter
	case Spheres:
		return v.Samples * v.Samples * (1 + v.Shadow) * (v.Depth + 1)
	}
	return 1
}

// Item is one piece of work a worker did: a band, a row or a tile.
type Item struct {
	Rect       image.Rectangle
	Worker     int
	Start, End time.Duration // since the render started
	Work       int64         // in the scene's Unit
}

// Frame is a rendered image and who did what.
type Frame struct {
	Scene   string  // the scene's Name
	Unit    string  // what Work counts
	Options Options // as resolved: Workers, Split and Tile filled in
	Image   *image.RGBA
	// Checksum is Σ pixel(p)·(p+1) modulo 2⁶⁴ over the pixels p in reading order, where pixel(p) packs
	// the pixel's red, green, blue and alpha into 32 bits: two frames with the same checksum hold the
	// same image, pixel for pixel, as far as a 64-bit sum can tell, and a pixel in the wrong place
	// changes it. It does not depend on who drew what.
	Checksum uint64
	// Work and Pixels are what each worker did, indexed by worker.
	Work   []int64
	Pixels []int
	// Elapsed is the wall-clock time of the render, from the first goroutine started to the last ended.
	Elapsed time.Duration
	// Items (with Options.Record) lists every piece of work, in the order the pieces ended per worker.
	Items []Item
	// Timeline (with Options.Record) has one lane per worker and one span per piece of work: recorded
	// with the monotonic clock (timeline.Recorder).
	Timeline timeline.Timeline
}

// TotalWork is the frame's work, all workers together.
func (f *Frame) TotalWork() int64 {
	var n int64
	for _, w := range f.Work {
		n += w
	}
	return n
}

// Balance is the most work any worker did divided by the average (1 is perfect; 2 means one worker did
// twice its share, so the render took at least twice as long as a perfect split would — at best
// Workers/Balance times as fast as one worker). It counts work, not time, so a busy machine does not
// change it for Blocks and Cyclic; for Dynamic it depends on who was fastest. 0 for a frame with no work.
func (f *Frame) Balance() float64 {
	total := f.TotalWork()
	if total == 0 || len(f.Work) == 0 {
		return 0
	}
	var most int64
	for _, w := range f.Work {
		most = max(most, w)
	}
	return float64(most) * float64(len(f.Work)) / float64(total)
}

// piece is a rectangle to draw; the split decides who draws which.
type piece = image.Rectangle

// plan returns the pieces of a w×h image for the split, and for the static splits which worker draws
// each (nil for Dynamic: any worker, in order).
func plan(o Options) (pieces []piece, owner []int) {
	w, h := o.Width, o.Height
	switch o.Split {
	case Blocks:
		for k := range o.Workers {
			lo, hi := k*h/o.Workers, (k+1)*h/o.Workers
			pieces = append(pieces, image.Rect(0, lo, w, hi))
			owner = append(owner, k)
		}
	case Cyclic:
		for y := range h {
			pieces = append(pieces, image.Rect(0, y, w, y+1))
			owner = append(owner, y%o.Workers)
		}
	default:
		for i := range tileCount(o) {
			pieces = append(pieces, tileAt(o, i))
		}
	}
	return pieces, owner
}

// tileCount is how many tiles Dynamic cuts the image into.
func tileCount(o Options) int {
	cols, rows := (o.Width+o.Tile-1)/o.Tile, (o.Height+o.Tile-1)/o.Tile
	return cols * rows
}

// tileAt is Dynamic's tile i, in reading order: computed, so that a queue of millions of one-pixel
// tiles needs no list of them.
func tileAt(o Options, i int) image.Rectangle {
	t := o.Tile
	cols := (o.Width + t - 1) / t
	x, y := (i%cols)*t, (i/cols)*t
	return image.Rect(x, y, min(x+t, o.Width), min(y+t, o.Height))
}

// Tiles returns the tiles Dynamic cuts a width × height image into with tiles of side tile, in queue
// (reading) order; tile ≤ 0 means DefaultTile. It returns nil for sizes outside 1 … MaxSide.
func Tiles(width, height, tile int) []image.Rectangle {
	if width < 1 || height < 1 || width > MaxSide || height > MaxSide {
		return nil
	}
	if tile <= 0 {
		tile = DefaultTile
	}
	p, _ := plan(Options{Width: width, Height: height, Split: Dynamic, Tile: min(tile, max(width, height))})
	return p
}

// Render draws the scene with the options on Options.Workers goroutines, split as Options.Split says.
//
// Every goroutine it starts has ended when it returns. Each worker looks at ctx at the start of every
// row it draws and after about a millisecond of work (see doc.go); once ctx is cancelled, Render returns
// ctx's error, and no frame, as soon as every worker has seen it.
func Render(ctx context.Context, scene Scene, opt Options) (*Frame, error) {
	o, err := opt.resolve(scene)
	if err != nil {
		return nil, err
	}
	return run(ctx, scene, o)
}

// Serial draws the scene on the calling goroutine, row by row: the reference every split is compared
// with.
func Serial(ctx context.Context, scene Scene, width, height int) (*Frame, error) {
	o, err := Options{Width: width, Height: height, Workers: 1, Split: Blocks}.resolve(scene)
	if err != nil {
		return nil, err
	}
	return run(ctx, scene, o)
}

// worker is one worker's tally, written only by its goroutine.
type worker struct {
	sum    uint64
	work   int64
	pixels int
	items  []Item
	_      [64]byte // keep workers' tallies on separate cache lines
}

func run(ctx context.Context, scene Scene, o Options) (*Frame, error) {
	var pieces []piece
	var owner []int
	if o.Split != Dynamic {
		pieces, owner = plan(o) // at most 4096 rows or bands
	}
	tiles := int64(tileCount(o))
	img := image.NewRGBA(image.Rect(0, 0, o.Width, o.Height))
	var rec *timeline.Recorder
	if o.Record {
		var err error
		if rec, err = timeline.NewRecorder(o.Workers); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
	}
	tally := make([]worker, o.Workers)
	var next atomic.Int64 // Dynamic's queue: the next tile to hand out
	start := time.Now()
	drawAll := func(k int) {
		t := &tally[k]
		draw := func(r piece) bool {
			var it Item
			if rec != nil {
				rec.Begin(k, pieceName(o.Split, r))
				it = Item{Rect: r, Worker: k, Start: time.Since(start)}
			}
			sum, work, ok := drawPiece(ctx, scene, img, r)
			if rec != nil {
				rec.End(k)
				it.End, it.Work = time.Since(start), work
				t.items = append(t.items, it)
			}
			t.sum += sum
			t.work += work
			t.pixels += r.Dx() * r.Dy()
			return ok
		}
		if o.Split == Dynamic {
			for {
				i := next.Add(1) - 1
				if i >= tiles || !draw(tileAt(o, int(i))) {
					return
				}
			}
		}
		for i, r := range pieces {
			if owner[i] == k && !draw(r) {
				return
			}
		}
	}
	if o.Workers == 1 {
		drawAll(0)
	} else {
		var wg sync.WaitGroup
		for k := range o.Workers {
			wg.Go(func() { drawAll(k) })
		}
		wg.Wait()
	}
	elapsed := time.Since(start)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := &Frame{Scene: scene.Name(), Unit: scene.Unit(), Options: o, Image: img, Elapsed: elapsed,
		Work: make([]int64, o.Workers), Pixels: make([]int, o.Workers)}
	for k, t := range tally {
		f.Checksum += t.sum
		f.Work[k], f.Pixels[k] = t.work, t.pixels
		f.Items = append(f.Items, t.items...)
	}
	if rec != nil {
		tl, err := rec.Timeline(fmt.Sprintf("%s, %d workers", o.Split, o.Workers))
		if err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
		f.Timeline = tl
	}
	return f, nil
}

// pieceName names a piece of work in a timeline's tooltip: "rows 0–134", "row 7", "tile at (64, 32)".
func pieceName(s Split, r piece) string {
	switch s {
	case Blocks:
		return fmt.Sprintf("rows %d–%d", r.Min.Y, r.Max.Y-1)
	case Cyclic:
		return fmt.Sprintf("row %d", r.Min.Y)
	}
	return fmt.Sprintf("tile at (%d, %d)", r.Min.X, r.Min.Y)
}

// drawPiece draws r into img and returns its part of the checksum and its work; ok is false when ctx was
// cancelled (checked before every row).
func drawPiece(ctx context.Context, scene Scene, img *image.RGBA, r piece) (sum uint64, work int64, ok bool) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	budget := checkEvery(scene)
	var since int64 // work since ctx was last checked
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := img.Pix[y*img.Stride:]
		for x := r.Min.X; x < r.Max.X; x++ {
			if since >= budget || x == r.Min.X {
				if ctx.Err() != nil {
					return sum, work, false
				}
				since = 0
			}
			c, n := scene.Pixel(x, y, w, h)
			px := row[4*x : 4*x+4 : 4*x+4]
			px[0], px[1], px[2], px[3] = c.R, c.G, c.B, c.A
			sum += pack(c.R, c.G, c.B, c.A) * uint64(y*w+x+1)
			work += int64(n)
			since += int64(n)
		}
	}
	return sum, work, true
}

// checkEvery is how much work a worker does between two looks at its context: about a millisecond of
// one core (2²⁰ Mandelbrot iterations; 2¹³ rays, each tested against every object).
func checkEvery(s Scene) int64 {
	if _, ok := s.(Spheres); ok {
		return 1 << 13
	}
	return 1 << 20
}

func pack(r, g, b, a uint8) uint64 {
	return uint64(r)<<24 | uint64(g)<<16 | uint64(b)<<8 | uint64(a)
}

// Checksum computes an image's checksum as Frame.Checksum defines it (the image's own bounds, reading
// order from its top-left pixel).
func Checksum(img *image.RGBA) uint64 {
	if img == nil {
		return 0
	}
	var sum uint64
	b := img.Rect
	w := b.Dx()
	for y := range b.Dy() {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			p := row[4*x : 4*x+4 : 4*x+4]
			sum += pack(p[0], p[1], p[2], p[3]) * uint64(y*w+x+1)
		}
	}
	return sum
}
