package render

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// TileSweep times the Dynamic split with every tile size in Tiles on Workers goroutines, and the serial
// render beside them as the reference, in interleaved rounds: one untimed warm-up each, then Rounds
// rounds, each running every configuration once in a freshly shuffled order after a garbage collection,
// so that a busy moment slows a whole round rather than one tile size.
type TileSweep struct {
	Scene         Scene
	Width, Height int
	// Workers is the number of goroutines, 1 … 1024; 0 means GOMAXPROCS.
	Workers int
	// Tiles are the sides to time, each 1 … 4096 (larger than the image means one tile); empty means
	// 1, 2, 4, … up to the image's longer side.
	Tiles []int
	// Rounds is the number of timed rounds, bench.MinTrials … 100; 0 means bench.DefaultTrials
	// (bench.MinTrials in quick mode).
	Rounds int
}

// TileTimes is what a TileSweep measured.
type TileTimes struct {
	Scene         string
	Width, Height int
	Workers       int
	Tiles         []int             // the sides timed, ascending (clipped to the image's side)
	Pieces        []int             // how many tiles each side cuts the image into
	Times         [][]time.Duration // Times[i][r]: side Tiles[i] in round r
	Serial        []time.Duration   // the serial render, per round
	Median        []time.Duration   // per side: the median, and its 95% interval (none with too few rounds)
	Low, High     []time.Duration
	SerialMedian  time.Duration
	Env           bench.Env
	// Partial is true when the sweep was interrupted: fewer rounds than asked (some sides may have
	// fewer than others).
	Partial bool
}

// Measure runs the sweep. progress, when not nil, is called after each run, in the calling goroutine.
// When ctx is cancelled it returns what it measured, marked Partial, with ctx's error, once the render
// in progress has stopped (within about a millisecond of work). Every goroutine it starts has ended when
// it returns.
func (s TileSweep) Measure(ctx context.Context, progress func(bench.Progress)) (*TileTimes, error) {
	o, err := Options{Width: s.Width, Height: s.Height, Workers: s.Workers, Split: Dynamic}.resolve(s.Scene)
	if err != nil {
		return nil, err
	}
	side := max(s.Width, s.Height)
	tiles := slices.Clone(s.Tiles)
	if len(tiles) == 0 {
		for t := 1; ; t *= 2 {
			tiles = append(tiles, min(t, side))
			if t >= side {
				break
			}
		}
	}
	for _, t := range tiles {
		if t < 1 || t > MaxSide {
			return nil, fmt.Errorf("render: tiles holds %d: want tile sides from 1 to %d pixels", t, MaxSide)
		}
	}
	for i := range tiles {
		tiles[i] = min(tiles[i], side)
	}
	slices.Sort(tiles)
	tiles = slices.Compact(tiles)
	if len(tiles) > 32 {
		return nil, fmt.Errorf("render: tiles holds %d sizes: want at most 32", len(tiles))
	}
	rounds := s.Rounds
	if rounds == 0 {
		rounds = bench.DefaultTrials
		if workload.Quick() {
			rounds = bench.MinTrials
		}
	}
	if rounds < bench.MinTrials || rounds > 100 {
		return nil, fmt.Errorf("render: rounds = %d is not allowed: want %d (the fewest for a 95%% interval of the median) to 100", rounds, bench.MinTrials)
	}
	res := &TileTimes{Scene: s.Scene.Name(), Width: s.Width, Height: s.Height, Workers: o.Workers, Tiles: tiles,
		Times: make([][]time.Duration, len(tiles)), Env: bench.CaptureEnv()}
	for _, t := range tiles {
		ot := o
		ot.Tile = t
		res.Pieces = append(res.Pieces, tileCount(ot))
	}
	configs := len(tiles) + 1 // the last is the serial reference
	total := configs * (1 + rounds)
	done, start := 0, time.Now()
	once := func(c int) (time.Duration, error) {
		runtime.GC()
		oc := o
		if c == len(tiles) {
			oc.Workers, oc.Split = 1, Blocks
		} else {
			oc.Tile = tiles[c]
		}
		f, err := run(ctx, s.Scene, oc)
		done++
		if progress != nil {
			el := time.Since(start)
			progress(bench.Progress{Done: done, Total: total, Elapsed: el, Left: el * time.Duration(total-done) / time.Duration(done)})
		}
		if err != nil {
			return 0, err
		}
		return f.Elapsed, nil
	}
	finish := func(err error) (*TileTimes, error) {
		for i := range tiles {
			m, lo, hi, _ := bench.MedianCI(res.Times[i])
			res.Median, res.Low, res.High = append(res.Median, m), append(res.Low, lo), append(res.High, hi)
			if len(res.Times[i]) < rounds {
				res.Partial = true
			}
		}
		res.SerialMedian, _, _, _ = bench.MedianCI(res.Serial)
		return res, err
	}
	for c := range configs { // warm-up
		if _, err := once(c); err != nil {
			return finish(err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, configs)
	for i := range order {
		order[i] = i
	}
	for range rounds {
		rng.Shuffle(configs, func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, c := range order {
			d, err := once(c)
			if err != nil {
				return finish(err)
			}
			if c == len(tiles) {
				res.Serial = append(res.Serial, d)
			} else {
				res.Times[c] = append(res.Times[c], d)
			}
		}
	}
	return finish(nil)
}

// Warnings says when the machine was busy (bench.Env.Busy); nb.Run shows them.
func (r *TileTimes) Warnings() []string {
	if r == nil {
		return nil
	}
	if b := r.Env.Busy(); b != "" {
		return []string{b}
	}
	return nil
}

// Best returns the side with the shortest median time, and that time; ok is false when nothing was
// measured.
func (r *TileTimes) Best() (tile int, median time.Duration, ok bool) {
	if r == nil {
		return 0, 0, false
	}
	for i, m := range r.Median {
		if m > 0 && (!ok || m < median) {
			tile, median, ok = r.Tiles[i], m, true
		}
	}
	return tile, median, ok
}

// Describe says, from the measurements, where the time was lowest and what the two ends cost compared
// with it, as sentences for the notebook.
func (r *TileTimes) Describe() string {
	best, bm, ok := r.Best()
	if !ok {
		return "Nothing was measured."
	}
	i0, i1 := 0, len(r.Tiles)-1
	pieces := r.Pieces[slices.Index(r.Tiles, best)]
	s := fmt.Sprintf("On %d %s the fastest tiles were **%d px** (%d %s, median %v", r.Workers, plural(r.Workers, "worker", "workers"),
		best, pieces, plural(pieces, "tile", "tiles"), bm.Round(10*time.Microsecond))
	if r.SerialMedian > 0 {
		s += fmt.Sprintf(": %.2f× the serial %v", float64(r.SerialMedian)/float64(bm), r.SerialMedian.Round(10*time.Microsecond))
	}
	s += ")."
	if r.Median[i0] > 0 && r.Tiles[i0] != best {
		s += fmt.Sprintf(" The smallest, %d px (%d tiles), took %.2f× as long: the queue's cost per tile adds up.", r.Tiles[i0], r.Pieces[i0], float64(r.Median[i0])/float64(bm))
	}
	if r.Median[i1] > 0 && r.Tiles[i1] != best {
		s += fmt.Sprintf(" The largest, %d px (%d %s for %d %s), took %.2f× as long: too few tiles to go round evenly.",
			r.Tiles[i1], r.Pieces[i1], plural(r.Pieces[i1], "tile", "tiles"), r.Workers, plural(r.Workers, "worker", "workers"), float64(r.Median[i1])/float64(bm))
	}
	if r.Env.CoresUsed(r.Workers, r.Env.GOMAXPROCS) == 1 {
		s += fmt.Sprintf(" With one core, the %d workers take turns on it: no tile size can beat the serial render here, "+
			"so this curve shows only what the queue costs; on several cores the small tiles are also what keeps every core busy to the end.", r.Workers)
	}
	if r.Partial {
		s += " *(Interrupted: some sizes have fewer rounds.)*"
	}
	return s
}
