package render

import (
	"context"
	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/timeline"
	"image"
	"strings"
	"testing"
	"time"
)

// costs returns hand-made costs: n tiles in one row, tile i costing d[i].
func costs(d ...time.Duration) *Costs {
	c := &Costs{Scene: "test", Unit: "unit", Width: len(d), Height: 1, Tile: 1, Cols: len(d), Rows: 1, Time: d, Passes: 1}
	for i := range d {
		c.Tiles = append(c.Tiles, image.Rect(i, 0, i+1, 1))
		c.Work = append(c.Work, int64(d[i]))
	}
	return c
}

// TestSimulate works the makespans out by hand: tiles of 8, 1, 1, 1, 1, 1, 1, 2 ms (16 ms in all) on 2
// cores. Blocks: core 0 gets 8+1+1+1 = 11, core 1 gets 1+1+1+2 = 5 → 11 ms. Cyclic: core 0 gets
// tiles 0, 2, 4, 6 = 8+1+1+1 = 11 → 11 ms. Dynamic, free queue: core 0 takes the 8 ms tile, core 1 the
// other six (7 ms) and is idle from 7 to 8 → 8 ms. With 0.5 ms per tile after a core's first: core 1
// pays 6 × 0.5 = 3 ms more, finishing at 7 + 3 = 10 ms … but core 0, free at 8, takes the last tile
// (queued tiles go to whichever core is free first): see the table.
func TestSimulate(t *testing.T) {
	ms := time.Millisecond
	c := costs(8*ms, ms, ms, ms, ms, ms, ms, 2*ms)
	cases := []struct {
		split    Split
		cores    int
		perTile  time.Duration
		makespan time.Duration
	}{
		{Blocks, 2, 0, 11 * ms},
		{Cyclic, 2, 0, 11 * ms},
		{Dynamic, 2, 0, 8 * ms},
		// core 0: tile 0 (0–8); core 1: tiles 1…6, each after the first paying 0.5 ms: 1 + 5×1.5 = 8.5;
		// tile 7 goes to core 0, free at 8: 8 + 0.5 + 2 = 10.5.
		{Dynamic, 2, ms / 2, 10*ms + ms/2},
		{Blocks, 1, 0, 16 * ms},
		{Dynamic, 8, 0, 8 * ms},
	}
	for _, cs := range cases {
		s, err := c.Simulate(cs.split, cs.cores, cs.perTile)
		if err != nil {
			t.Fatal(err)
		}
		if s.Makespan != cs.makespan {
			t.Errorf("%s on %d cores, %v per tile: makespan %v; want %v", cs.split, cs.cores, cs.perTile, s.Makespan, cs.makespan)
		}
		if want := float64(16*ms) / float64(cs.makespan); abs(s.Speedup-want) > 1e-9 {
			t.Errorf("%s on %d cores: speedup %.3f; want %.3f", cs.split, cs.cores, s.Speedup, want)
		}
		if err := s.Timeline.Validate(); err != nil {
			t.Errorf("%s: %v", cs.split, err)
		}
	}
	for _, bad := range []struct {
		c       *Costs
		cores   int
		perTile time.Duration
		split   Split
		word    string
	}{
		{nil, 2, 0, Blocks, "Profile"},
		{c, 0, 0, Blocks, "cores"},
		{c, 2000, 0, Blocks, "cores"},
		{c, 2, -1, Dynamic, "perTile"},
		{c, 2, time.Second, Dynamic, "perTile"},
		{c, 2, 0, 0, "split"},
	} {
		if _, err := bad.c.Simulate(bad.split, bad.cores, bad.perTile); err == nil || !strings.Contains(err.Error(), bad.word) {
			t.Errorf("Simulate(%v, %d, %v) = %v; want an error naming %s", bad.split, bad.cores, bad.perTile, err, bad.word)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }

func TestProfile(t *testing.T) {
	m := mustMandel(t, "half", 200)
	c, err := Profile(context.Background(), m, 50, 30, 16, 2)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := Serial(context.Background(), m, 50, 30)
	if err != nil {
		t.Fatal(err)
	}
	var work int64
	for _, w := range c.Work {
		work += w
	}
	if len(c.Time) != 4*2 || c.Cols != 4 || c.Rows != 2 || work != ref.TotalWork() {
		t.Errorf("profile: %d tiles (%d × %d), work %d; want 8 (4 × 2), work %d", len(c.Time), c.Cols, c.Rows, work, ref.TotalWork())
	}
	for i, d := range c.Time {
		if d <= 0 {
			t.Errorf("tile %d: time %v; want a positive measured time", i, d)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Profile(ctx, m, 50, 30, 16, 1); err == nil {
		t.Error("Profile with a cancelled context returned no error")
	}
}

func TestQueueCost(t *testing.T) {
	d, err := QueueCost(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if d < 0 || d > 10*time.Microsecond {
		t.Errorf("QueueCost(2) = %v; want from 0 to 10µs (a few tens of ns measured here)", d)
	}
	if _, err := QueueCost(context.Background(), 0); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("QueueCost(0) = %v; want an error naming workers", err)
	}
}

func TestTileSweep(t *testing.T) {
	m := mustMandel(t, "half", 64)
	res, err := TileSweep{Scene: m, Width: 40, Height: 20, Workers: 2, Rounds: 6}.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{1, 2, 4, 8, 16, 32, 40}
	if len(res.Tiles) != len(want) || res.Tiles[6] != 40 || res.Pieces[0] != 800 || res.Pieces[6] != 1 {
		t.Errorf("tiles %v, pieces %v; want %v, 800 … 1", res.Tiles, res.Pieces, want)
	}
	for i := range res.Tiles {
		if len(res.Times[i]) != 6 || res.Median[i] <= 0 || res.Low[i] > res.Median[i] || res.High[i] < res.Median[i] {
			t.Errorf("tile %d: %d rounds, median %v in [%v, %v]", res.Tiles[i], len(res.Times[i]), res.Median[i], res.Low[i], res.High[i])
		}
	}
	if _, _, ok := res.Best(); !ok || !strings.Contains(res.Describe(), "fastest tiles") {
		t.Errorf("Best/Describe: %q", res.Describe())
	}
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	part, err := TileSweep{Scene: m, Width: 40, Height: 20, Rounds: 6}.Measure(ctx, func(p bench.Progress) {
		if calls++; calls == 10 {
			cancel()
		}
	})
	if err == nil || part == nil || !part.Partial {
		t.Errorf("interrupted sweep: partial %v, err %v; want a partial result and the context's error", part != nil && part.Partial, err)
	}
	for _, bad := range []TileSweep{
		{Scene: m, Width: 40, Height: 20, Tiles: []int{0}},
		{Scene: m, Width: 40, Height: 20, Rounds: 3},
		{Scene: m, Width: 0, Height: 20},
	} {
		if _, err := bad.Measure(context.Background(), nil); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

// TestMoved builds a timeline by hand: the creator runs on P0 and starts three goroutines; one runs on
// P0 only, one on P1 only, one on P0 then P1.
func TestMoved(t *testing.T) {
	ms := time.Millisecond
	tl := timeline.Timeline{Source: timeline.Traced, LaneName: "P", Lanes: 2, Span: 10 * ms,
		Tasks: []timeline.Task{{ID: 1, Name: "G1 traced function"}, {ID: 2, Name: "G2 a"}, {ID: 3, Name: "G3 b"}, {ID: 4, Name: "G4 c"}, {ID: 5, Name: "GC"}},
		Segments: []timeline.Segment{
			{Lane: 0, Task: 0, State: timeline.Running, Start: 0, End: ms},
			{Lane: -1, Task: 1, State: timeline.Runnable, Start: ms / 2, End: ms},
			{Lane: -1, Task: 2, State: timeline.Runnable, Start: ms / 2, End: ms},
			{Lane: -1, Task: 3, State: timeline.Runnable, Start: ms / 2, End: ms},
			{Lane: 0, Task: 1, State: timeline.Running, Start: ms, End: 2 * ms},
			{Lane: 1, Task: 2, State: timeline.Running, Start: ms, End: 3 * ms},
			{Lane: 0, Task: 3, State: timeline.Running, Start: 2 * ms, End: 4 * ms},
			{Lane: 1, Task: 3, State: timeline.Running, Start: 4 * ms, End: 5 * ms},
			{Lane: 1, Task: 4, State: timeline.GC, Start: 5 * ms, End: 6 * ms},
		}}
	if moved, started := Moved(tl); moved != 2 || started != 3 {
		t.Errorf("Moved = %d of %d; want 2 of 3", moved, started)
	}
	if m, s := Moved(timeline.Timeline{}); m != 0 || s != 0 {
		t.Errorf("Moved(empty) = %d, %d", m, s)
	}
}

// TestTileTimesDescribeCores: the sentence under the tile sweep says what one core cannot show, and
// counts its tiles in good grammar, on 1, 2, 16 and 64 cores.
func TestTileTimesDescribeCores(t *testing.T) {
	ms := time.Millisecond
	for _, c := range []struct {
		cpus, workers int
		oneCore       bool
	}{{1, 2, true}, {2, 2, false}, {16, 16, false}, {64, 64, false}} {
		r := &TileTimes{Workers: c.workers, Tiles: []int{1, 32, 360}, Pieces: []int{73080, 84, 1},
			Median: []time.Duration{30 * ms, 20 * ms, 25 * ms}, SerialMedian: 20 * ms,
			Env: bench.Env{NumCPU: c.cpus, GOMAXPROCS: c.cpus}}
		got := r.Describe()
		if strings.Contains(got, "With one core") != c.oneCore {
			t.Errorf("%d CPUs: %q; want the one-core sentence: %v", c.cpus, got, c.oneCore)
		}
		if !strings.Contains(got, "(84 tiles,") || !strings.Contains(got, "(1 tile for") {
			t.Errorf("%d CPUs: %q; want \"84 tiles\" and \"1 tile for\"", c.cpus, got)
		}
	}
}
