package render

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"time"

	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

// Costs is what every tile of an image cost when drawn on one goroutine: its time, measured, and its
// work, counted. Tiles are in reading order, as Tiles returns them.
type Costs struct {
	Scene, Unit         string
	Width, Height, Tile int
	Cols, Rows          int // tiles across and down
	Tiles               []image.Rectangle
	Time                []time.Duration // per tile: the fastest of Passes passes
	Work                []int64         // per tile, in Unit
	Passes              int
}

// Total is the time of all tiles together: the serial time of the image, without the loop around them.
func (c *Costs) Total() time.Duration {
	var t time.Duration
	for _, d := range c.Time {
		t += d
	}
	return t
}

// maxProfileTiles bounds the tiles Profile times: a time, a count and a rectangle each.
const maxProfileTiles = 1 << 18

// Profile draws the scene tile by tile on the calling goroutine, passes times (1 … 10), and keeps each
// tile's fastest time, so that a moment when another program had the core counts as little as possible.
// tile 0 means DefaultTile; at most 2¹⁸ tiles. It checks ctx as Render does and returns ctx's error, and nothing, once it is
// cancelled.
func Profile(ctx context.Context, scene Scene, width, height, tile, passes int) (*Costs, error) {
	if passes < 1 || passes > 10 {
		return nil, fmt.Errorf("render: passes = %d is not allowed: want 1 to 10 timed passes over the image", passes)
	}
	o, err := Options{Width: width, Height: height, Workers: 1, Split: Dynamic, Tile: tile}.resolve(scene)
	if err != nil {
		return nil, err
	}
	if n := tileCount(o); n > maxProfileTiles {
		return nil, fmt.Errorf("render: tile = %d cuts the %d×%d image into %d tiles; want at most %d to time one by one: take larger tiles", o.Tile, width, height, n, maxProfileTiles)
	}
	tiles, _ := plan(o)
	c := &Costs{Scene: scene.Name(), Unit: scene.Unit(), Width: width, Height: height, Tile: o.Tile,
		Cols: (width + o.Tile - 1) / o.Tile, Rows: (height + o.Tile - 1) / o.Tile, Tiles: tiles,
		Time: make([]time.Duration, len(tiles)), Work: make([]int64, len(tiles)), Passes: passes}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	for p := range passes {
		for i, r := range tiles {
			start := time.Now()
			_, work, ok := drawPiece(ctx, scene, img, r)
			d := time.Since(start)
			if !ok {
				return nil, ctx.Err()
			}
			if p == 0 || d < c.Time[i] {
				c.Time[i] = d
			}
			c.Work[i] = work
		}
	}
	return c, nil
}

// Simulated is one split replayed on simulated cores.
type Simulated struct {
	Split Split
	Cores int
	// Makespan is when the last core finished; Speedup is the tiles' total time ÷ Makespan.
	Makespan time.Duration
	Speedup  float64
	// Busiest and Idlest are the most and least busy core's share of the makespan (0 … 1).
	Busiest, Idlest float64
	// Timeline is the simulated schedule: one lane per core (timeline.Simulated).
	Timeline timeline.Timeline
}

// Simulate replays split on cores simulated cores (1 … 1024) with the measured tile costs (package sim;
// a model, not a measurement): Blocks gives each core a contiguous run of tiles in reading order (bands,
// when the rows allow), Cyclic deals the tiles out in turn, one to each core, and Dynamic lets each core
// take the next tile from a queue when it is free, paying perTile (0 … 1 ms) for each tile it takes after
// its first — what a tile's trip through the queue costs (QueueCost measures it). At tile granularity, so
// Blocks and Cyclic here are a little finer than Render's bands and rows.
func (c *Costs) Simulate(split Split, cores int, perTile time.Duration) (Simulated, error) {
	if c == nil || len(c.Time) == 0 {
		return Simulated{}, errors.New("render: no costs to simulate with: run render.Profile first")
	}
	if cores < 1 || cores > 1024 {
		return Simulated{}, fmt.Errorf("render: cores = %d is not allowed: want 1 to 1024 simulated cores", cores)
	}
	if perTile < 0 || perTile > time.Millisecond {
		return Simulated{}, fmt.Errorf("render: perTile = %v is not allowed: want 0 to 1ms per tile", perTile)
	}
	n := len(c.Time)
	phase := func(i int) sim.Phase {
		r := c.Tiles[i]
		return sim.Compute(fmt.Sprintf("tile at (%d, %d)", r.Min.X, r.Min.Y), max(c.Time[i], 1))
	}
	cfg := sim.Config{Cores: cores, LaneName: "core"}
	var tasks []sim.Task
	switch split {
	case Blocks, Cyclic:
		for k := range cores {
			t := sim.Task{Name: fmt.Sprintf("core %d's tiles", k)}
			if split == Blocks {
				for i := k * n / cores; i < (k+1)*n/cores; i++ {
					t.Phases = append(t.Phases, phase(i))
				}
			} else {
				for i := k; i < n; i += cores {
					t.Phases = append(t.Phases, phase(i))
				}
			}
			tasks = append(tasks, t)
		}
	case Dynamic:
		cfg.Switch = perTile
		for i := range n {
			r := c.Tiles[i]
			tasks = append(tasks, sim.Task{Name: fmt.Sprintf("tile at (%d, %d)", r.Min.X, r.Min.Y), Phases: []sim.Phase{phase(i)}})
		}
	default:
		return Simulated{}, fmt.Errorf("render: split = %d is not known: want render.Blocks, render.Cyclic or render.Dynamic", split)
	}
	res, err := sim.Run(cfg, tasks)
	if err != nil {
		return Simulated{}, fmt.Errorf("render: %w", err)
	}
	tl := res.Timeline
	tl.Title = fmt.Sprintf("%s on %d simulated cores", split, cores)
	s := Simulated{Split: split, Cores: cores, Makespan: tl.Span, Timeline: tl}
	if tl.Span > 0 {
		s.Speedup = float64(c.Total()) / float64(tl.Span)
		u := tl.Utilisation()
		s.Busiest, s.Idlest = u[0], u[0]
		for _, v := range u {
			s.Busiest, s.Idlest = max(s.Busiest, v), min(s.Idlest, v)
		}
	}
	return s, nil
}

// blank is a scene with no work: what is left of a render is the cost of handing out the pieces.
type blank struct{}

func (blank) Name() string                           { return "blank" }
func (blank) Unit() string                           { return "pixel" }
func (blank) Pixel(x, y, w, h int) (color.RGBA, int) { return color.RGBA{A: 255}, 0 }

// QueueCost measures what Dynamic pays per tile on workers goroutines (1 … 1024): a blank 512×512 image
// (nothing to compute) is drawn in one-pixel tiles — 262 144 trips through the queue — and as one tile by
// one goroutine, three times each; the core time of the first (its fastest time × workers) less that of
// the second (the pixels themselves), divided by the tiles, is the time one tile's trip through the queue
// takes a core (the shared counter, whose cache line
// travels between the cores, the loop, the context check). It takes tens of milliseconds, and returns
// ctx's error once ctx is cancelled.
func QueueCost(ctx context.Context, workers int) (time.Duration, error) {
	if workers < 1 || workers > MaxWorkers {
		return 0, fmt.Errorf("render: workers = %d is not allowed: want 1 to %d goroutines", workers, MaxWorkers)
	}
	const side = 512
	fastest := func(tile int) (time.Duration, error) {
		best := time.Duration(0)
		for range 3 {
			w := workers
			if tile == side {
				w = 1
			}
			f, err := run(ctx, blank{}, Options{Width: side, Height: side, Workers: w, Split: Dynamic, Tile: tile})
			if err != nil {
				return 0, err
			}
			if best == 0 || f.Elapsed < best {
				best = f.Elapsed
			}
		}
		return best, nil
	}
	small, err := fastest(1)
	if err != nil {
		return 0, err
	}
	big, err := fastest(side)
	if err != nil {
		return 0, err
	}
	per := (small*time.Duration(workers) - big) / (side * side)
	return max(per, 0), nil
}

// Describe says, from the measured times, how uneven the tiles were: the dearest and the cheapest tile,
// and the share of the time spent in the top half of the image's rows (what two blocks would split).
func (c *Costs) Describe() string {
	if c == nil || len(c.Time) == 0 {
		return "No tile was measured."
	}
	lo, hi := c.Time[0], c.Time[0]
	var top time.Duration
	for i, d := range c.Time {
		lo, hi = min(lo, d), max(hi, d)
		if c.Tiles[i].Min.Y < c.Height/2 {
			top += d
		}
	}
	share := 100 * float64(top) / float64(max(c.Total(), 1))
	return fmt.Sprintf("%s: the dearest %d px tile took %v, the cheapest %v (%.0f× less); the top half of the rows took %.0f%% of the %v.",
		c.Scene, c.Tile, hi.Round(100*time.Nanosecond), lo.Round(10*time.Nanosecond), float64(hi)/float64(max(lo, 1)), share, c.Total().Round(10*time.Microsecond))
}
