package render

import (
	"context"
	"fmt"
	"image"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/internal/goid"
)

// QueueFunc is the learner's dynamic renderer: call draw(i) exactly once for every tile i from 0 to
// tiles−1, on workers goroutines that each take the next tile from a shared queue (an atomic counter,
// a channel) whenever they have finished one, and return when every tile is drawn. draw is safe to call
// from many goroutines at once.
type QueueFunc func(tiles, workers int, draw func(tile int))

// queueConfig sizes CheckQueue; tests make it smaller and quicker.
type queueConfig struct {
	limit         time.Duration // for one call
	quiet         time.Duration // a held-up goroutine is let go after this long without progress
	width, height int
	tile, workers int
}

func defaultQueueConfig() queueConfig {
	return queueConfig{limit: 10 * time.Second, quiet: time.Second, width: 192, height: 108, tile: 16, workers: 4}
}

// CheckQueue is the self-check of notebook 07's exercise "write the dynamic queue". It gives fn the 84
// tiles (16 px) of a 192×108 Mandelbrot image (region half, 256 iterations) and 4 workers, and a draw
// function that draws a tile and counts, per goroutine, the tiles, pixels and iterations it drew. It
// judges by counting, never by time:
//
//  1. Correctness: every tile drawn exactly once and no tile outside 0 … 83, so the image equals the
//     serial one pixel for pixel (its checksum is compared too); at most 4 goroutines drawing.
//  2. Balance, with a goroutine held up: the first goroutine to draw a tile is held after it (as if its
//     core were taken by another program) until every other tile is drawn, or until no tile has been
//     drawn for a second. A queue hands the other tiles to the other goroutines, so the held one draws
//     one tile, or a few when it takes several at a time; a split fixed in advance (blocks, cyclic) makes
//     the others finish their own shares and wait, and the held one then draws all of its own; one
//     goroutine drawing everything is no split at all. It passes when the held goroutine drew at most
//     half of an even share (10 of the 84 tiles), and reports each goroutine's share of the iterations.
//
// A busy machine changes only when things happen, not these counts. A call that does not return within
// 10 s, panics or leaves goroutines running is reported with a hint (check.Call). It takes a few
// milliseconds with a good function, and a second more with a split fixed in advance.
func CheckQueue(fn QueueFunc) check.Result {
	return checkQueue(fn, defaultQueueConfig())
}

// queueScene is the image the queue check draws.
func queueScene() Mandelbrot {
	m, _ := MandelbrotRegion("half", 256) // valid: a known region and a count in range
	return m
}

// drawer is the draw function a check gives the learner, and what it saw.
type drawer struct {
	scene Scene
	img   *image.RGBA
	tiles []image.Rectangle
	hold  bool          // hold up the first goroutine that draws
	quiet time.Duration // … until no tile has been drawn for this long

	mu       sync.Mutex // guards the fields below
	count    []int      // per tile: how many times it was drawn
	bad      []int      // tiles asked for outside 0 … len(tiles)−1
	by       map[int64]*share
	order    []int64 // goroutines in the order they first drew
	sum      uint64
	distinct int
	last     time.Time // when a tile was last drawn
	held     int64     // the goroutine held up, 0 before any
	atReturn int       // distinct tiles drawn when the learner's function returned
}

// returned notes how many tiles were drawn when the learner's function returned.
func (d *drawer) returned() {
	d.mu.Lock()
	d.atReturn = d.distinct
	d.mu.Unlock()
}

// share is what one goroutine drew.
type share struct {
	tiles, pixels int
	work          int64
}

func newDrawer(scene Scene, w, h, tile int, hold bool, quiet time.Duration) *drawer {
	tiles := Tiles(w, h, tile)
	return &drawer{scene: scene, img: image.NewRGBA(image.Rect(0, 0, w, h)), tiles: tiles, hold: hold, quiet: quiet,
		count: make([]int, len(tiles)), by: map[int64]*share{}, last: time.Now()}
}

func (d *drawer) draw(i int) {
	id := goid.Current()
	d.mu.Lock()
	if i < 0 || i >= len(d.tiles) {
		if len(d.bad) < 10 {
			d.bad = append(d.bad, i)
		}
		d.mu.Unlock()
		return
	}
	d.count[i]++
	first := d.count[i] == 1
	holdMe := d.hold && d.held == 0
	if holdMe {
		d.held = id
	}
	d.mu.Unlock()
	var sum uint64
	var work int64
	r := d.tiles[i]
	if first { // a tile drawn twice is counted, not drawn again (two goroutines writing it would race)
		sum, work, _ = drawPiece(context.Background(), d.scene, d.img, r)
	}
	d.mu.Lock()
	s := d.by[id]
	if s == nil {
		s = &share{}
		d.by[id] = s
		d.order = append(d.order, id)
	}
	s.tiles++
	s.pixels += r.Dx() * r.Dy()
	s.work += work
	d.sum += sum
	if first {
		d.distinct++
	}
	d.last = time.Now()
	d.mu.Unlock()
	if holdMe {
		d.wait()
	}
}

// wait holds the calling goroutine until every tile is drawn or none has been for d.quiet.
func (d *drawer) wait() {
	for {
		time.Sleep(5 * time.Millisecond)
		d.mu.Lock()
		done := d.distinct == len(d.tiles)
		stuck := time.Since(d.last) >= d.quiet
		d.mu.Unlock()
		if done || stuck {
			return
		}
	}
}

// verdict on what a call drew: ok with nothing to say, or a Result that did not pass.
func (d *drawer) correct(what string, want uint64, workers int) (check.Result, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := len(d.tiles)
	if len(d.bad) > 0 {
		return check.NotYet(fmt.Sprintf("%s called draw(%d); the tiles are 0 to %d.", what, d.bad[0], n-1),
			"Hand out only the numbers 0 … tiles−1: with an atomic counter, i := next.Add(1) − 1 gives 0 first, and "+
				"a worker stops as soon as i ≥ tiles."), false
	}
	var missing, twice []int
	for i, c := range d.count {
		switch {
		case c == 0:
			missing = append(missing, i)
		case c > 1:
			twice = append(twice, i)
		}
	}
	switch {
	case len(twice) > 0:
		hint := "Each tile must be taken from the queue exactly once. Two goroutines that read a shared counter and then " +
			"increment it (i := next; next++) can both read the same value — a data race: use an atomic counter " +
			"(i := next.Add(1) − 1) or a channel the tiles are sent on."
		if len(twice) == n {
			hint = "Every tile was drawn more than once: does every goroutine loop over all the tiles? Each must take the " +
				"next tile from one queue shared by all of them (an atomic counter or a channel)."
		}
		return check.NotYet(fmt.Sprintf("%s drew %d of the %d tiles more than once (tile %d was drawn %d times).",
			what, len(twice), n, twice[0], d.count[twice[0]]), hint), false
	case len(missing) == 0 && d.atReturn < n:
		return check.NotYet(fmt.Sprintf("%s returned when only %d of the %d tiles were drawn; its goroutines drew the rest afterwards.", what, d.atReturn, n),
			"Wait for every worker before returning: wg.Go (or wg.Add(1) before go and defer wg.Done() inside), then wg.Wait() at the end."), false
	case len(missing) > 0:
		hint := "Every tile must be drawn before the function returns: the workers must go on until the queue is empty, " +
			"and the function must wait for all of them (sync.WaitGroup)."
		if len(missing) == 1 && missing[0] == 0 {
			hint = "Tile 0 was never drawn: next.Add(1) returns the new value, so the first worker gets 1. Use next.Add(1) − 1."
		} else if len(missing) == 1 && missing[0] == n-1 {
			hint = "The last tile was never drawn: a worker should stop when i ≥ tiles, not i ≥ tiles−1."
		}
		return check.NotYet(fmt.Sprintf("%s left %d of the %d tiles undrawn (first: tile %d).", what, len(missing), n, missing[0]), hint), false
	}
	if got := Checksum(d.img); got != want || d.sum != want {
		return check.NotYet(fmt.Sprintf("%s drew every tile once, but the image's checksum is %d; the serial image's is %d.", what, got, want),
			"Call draw with the tile's number, nothing else: draw does the drawing."), false
	}
	if g := len(d.by); g > workers {
		return check.NotYet(fmt.Sprintf("%s drew every tile once, the image is right — but %d goroutines drew tiles, for %d workers.", what, g, workers),
			"Start exactly workers goroutines and let each take tiles from the queue until it is empty. (One goroutine per "+
				"tile also balances — Go's scheduler hands the goroutines to idle cores — but this exercise is the queue "+
				"itself: a few workers, many tiles.)"), false
	}
	return check.Result{}, true
}

func checkQueue(fn QueueFunc, cfg queueConfig) check.Result {
	if fn == nil {
		return check.NotYet("The function is nil.", "Pass your function: render.CheckQueue(renderQueue).")
	}
	scene := queueScene()
	ref, err := Serial(context.Background(), scene, cfg.width, cfg.height)
	if err != nil {
		return check.NotYet("The check could not draw its reference image: "+err.Error(), "")
	}
	n := len(Tiles(cfg.width, cfg.height, cfg.tile))
	what := fmt.Sprintf("renderQueue(%d tiles, %d workers)", n, cfg.workers)
	call := func(d *drawer) (check.Result, bool) {
		if _, err := check.Call(cfg.limit, func() struct{} { fn(n, cfg.workers, d.draw); d.returned(); return struct{}{} }); err != nil {
			return check.Explain(what, err), false
		}
		return d.correct(what, ref.Checksum, cfg.workers)
	}
	// 1. Correctness, nobody held up.
	if r, ok := call(newDrawer(scene, cfg.width, cfg.height, cfg.tile, false, cfg.quiet)); !ok {
		return r
	}
	// 2. Balance, with the first goroutine that draws held up.
	d := newDrawer(scene, cfg.width, cfg.height, cfg.tile, true, cfg.quiet)
	if r, ok := call(d); !ok {
		return r
	}
	held := d.by[d.held]
	others := len(d.by) - 1
	limit := max(1, n/(2*cfg.workers))
	switch {
	case others == 0:
		return check.NotYet(fmt.Sprintf("Every tile was drawn once and the image is right — but by one goroutine: while it "+
			"was held up after its first tile, no other goroutine drew anything, and then it drew all %d.", n),
			"Start workers goroutines (go func() { … }()), each taking the next tile from a shared queue in a loop, "+
				"and wait for all of them (sync.WaitGroup).")
	case held.tiles > limit:
		return check.NotYet(fmt.Sprintf("Every tile was drawn once and the image is right. But when one goroutine was "+
			"held up after its first tile, the other %d finished and waited, and it then drew %d tiles itself "+
			"(%.0f%% of the pixels): its tiles were decided in advance, so nobody could take them over.",
			others, held.tiles, 100*float64(held.pixels)/float64(cfg.width*cfg.height)),
			"That is a static split (blocks or cyclic). Keep one queue for all the workers — an atomic counter of the "+
				"next tile (var next atomic.Int64; i := int(next.Add(1)) − 1) or a channel filled with the tile "+
				"numbers and closed — and have each worker take the next tile whenever it has finished one.")
	}
	return check.Pass(fmt.Sprintf("Every tile was drawn exactly once; the image equals the serial one (checksum %d). "+
		"With one goroutine held up after its first tile, the other %d drew the remaining tiles: %s.",
		ref.Checksum, others, d.shares())).WithAdvice("A dynamic queue keeps every worker busy however uneven the tiles, and whichever core " +
		"is slowed down: that is load balancing.")
}

// shares describes what each goroutine drew, the held one first: "the held goroutine 1 tile and 0.4% of
// the iterations, the others 28, 27 and 28 tiles (33%, 32%, 35%)".
func (d *drawer) shares() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var total int64
	for _, s := range d.by {
		total += s.work
	}
	pct := func(w int64) string {
		p := 0.0
		if total > 0 {
			p = 100 * float64(w) / float64(total)
		}
		if p > 0 && p < 1 {
			return fmt.Sprintf("%.1f%%", p)
		}
		return fmt.Sprintf("%.0f%%", p)
	}
	held := d.by[d.held]
	var tiles, works []string
	for _, id := range d.order {
		if id == d.held {
			continue
		}
		tiles = append(tiles, fmt.Sprint(d.by[id].tiles))
		works = append(works, pct(d.by[id].work))
	}
	return fmt.Sprintf("the held goroutine drew %d %s (%s of the iterations), the others %s tiles (%s of the iterations)",
		held.tiles, plural(held.tiles, "tile", "tiles"), pct(held.work), andList(tiles), strings.Join(works, ", "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return "no"
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// tileConfig sizes CheckTile; tests make it smaller.
type tileConfig struct {
	limit         time.Duration
	width, height int
	rounds        int
}

func defaultTileConfig() tileConfig {
	return tileConfig{limit: 10 * time.Second, width: 480, height: 270, rounds: 8}
}

// CheckTile is the self-check of notebook 07's exercise "pick a tile size that beats both extremes". It
// renders a 480×270 Mandelbrot image (region half, 512 iterations) with the Dynamic split on GOMAXPROCS
// workers, with tiles of the learner's side, of one pixel (every pixel a trip through the queue) and of
// the whole image (one tile: one worker does everything), in 8 interleaved rounds (check.Time). It
// passes when the rounds agree that the learner's tiles were faster than both; it is "not yet" when the
// size is one of the extremes (1, or 480 and more), outside 1 … 4096, or when the rounds agree that it
// was slower than one of them; otherwise the rounds disagreed and it is too busy to judge. With one CPU,
// or GOMAXPROCS 1, nothing beats one tile and it says so (too busy to judge: not a failure). It takes
// about a second.
func CheckTile(tile int) check.Result {
	return checkTile(tile, defaultTileConfig())
}

func checkTile(tile int, cfg tileConfig) check.Result {
	whole := max(cfg.width, cfg.height)
	switch {
	case tile < 1 || tile > MaxSide:
		return check.NotYet(fmt.Sprintf("tile = %d is not a tile size: want the side of a square tile, 1 to %d pixels.", tile, MaxSide),
			fmt.Sprintf("Pick a side between the extremes, 2 to %d, guided by the sweep of section 4.", whole-1))
	case tile == 1:
		return check.NotYet("tile = 1 is the small extreme itself: every pixel is a trip through the queue.",
			"Make the tiles larger, so that each does enough work to pay for its trip — the sweep of section 4 shows where the time stops falling.")
	case tile >= whole:
		return check.NotYet(fmt.Sprintf("tile = %d is the large extreme itself: one tile covers the whole %d×%d image, so one worker draws everything.", tile, cfg.width, cfg.height),
			"Make the tiles smaller, so that there are many more tiles than workers — the sweep of section 4 shows where imbalance sets in.")
	}
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || runtime.NumCPU() < 2 {
		return check.TooBusy(fmt.Sprintf("tile = %d is between the extremes. But Go runs one goroutine at a time here (%d CPU, GOMAXPROCS = %d): one tile drawn by one worker is as fast as anything, so no tile size can beat it on this machine.",
			tile, runtime.NumCPU(), workers))
	}
	scene, _ := MandelbrotRegion("half", 512) // a known region, a count in range
	renderWith := func(t int) func() {
		return func() {
			_, _ = run(context.Background(), scene, Options{Width: cfg.width, Height: cfg.height, Workers: workers, Split: Dynamic, Tile: min(t, whole)})
		}
	}
	timing, err := check.Time(cfg.rounds, cfg.limit,
		check.Timed{Name: "1 px tiles", Run: renderWith(1)},
		check.Timed{Name: fmt.Sprintf("%d px tiles", tile), Run: renderWith(tile)},
		check.Timed{Name: "one tile", Run: renderWith(whole)})
	if err != nil {
		return check.NotYet("The check could not time the renders: "+err.Error(), "")
	}
	small, large := timing.Ratio(0, 1), timing.Ratio(2, 1)
	measured := fmt.Sprintf("With %d px tiles on %d workers the render was %s as fast as with 1 px tiles and %s as fast as with one tile.",
		tile, workers, small, large)
	switch {
	case small.Above(1) && large.Above(1):
		return check.Pass(measured + " It beats both extremes: enough work per tile to pay for the queue, enough tiles to keep every worker busy.")
	case small.Below(1):
		return check.NotYet(measured+" The 1 px tiles were faster: that is unusual — the machine may have been very busy. Run the check again.",
			"If it stays so, try a size in the middle of the sweep of section 4.")
	case large.Below(1):
		return check.NotYet(measured+fmt.Sprintf(" With %d px tiles there are only %d tiles for %d workers: some workers get far more work than others.", tile, len(Tiles(cfg.width, cfg.height, tile)), workers),
			"Make the tiles smaller, so there are many tiles per worker.")
	}
	return check.TooBusy(measured + " The rounds did not agree (their intervals reach 1×): the machine was too busy to judge. Run the check again when it is quieter.")
}
