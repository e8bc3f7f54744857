package render

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts what a learner can type into notebook 07's Parameters cell — sizes, iterations,
// workers, tile, split, region, cores, passes — through every entry point the notebook calls.
func TestHostileInputs(t *testing.T) {
	m, err := MandelbrotRegion("half", 256)
	if err != nil {
		t.Fatal(err)
	}
	renders := func(o Options) func(context.Context) error {
		return func(ctx context.Context) error { _, err := Render(ctx, m, o); return err }
	}
	hostile.Run(t, []hostile.Case{
		{Name: "MandelbrotRegion/iter=MaxInt", Param: "iter", Call: func(context.Context) error { _, err := MandelbrotRegion("half", math.MaxInt); return err }},
		{Name: "MandelbrotRegion/iter=-1", Param: "iter", Call: func(context.Context) error { _, err := MandelbrotRegion("half", -1); return err }},
		{Name: "MandelbrotRegion/region=empty", Param: "region", Call: func(context.Context) error { _, err := MandelbrotRegion("", 10); return err }},
		{Name: "NewSpheres/samples=MaxInt", Param: "samples", Call: func(context.Context) error { _, err := NewSpheres(math.MaxInt, 1, 1); return err }},
		{Name: "NewSpheres/shadow=MinInt", Param: "shadow", Call: func(context.Context) error { _, err := NewSpheres(1, math.MinInt, 1); return err }},
		{Name: "NewSpheres/depth=MaxInt", Param: "depth", Call: func(context.Context) error { _, err := NewSpheres(1, 1, math.MaxInt); return err }},
		{Name: "ParseSplit/split=unknown", Param: "split", Call: func(context.Context) error { _, err := ParseSplit("spiral"); return err }},
		{Name: "Render/width=MaxInt", Param: "width", Call: renders(Options{Width: math.MaxInt, Height: 10})},
		{Name: "Render/height=MinInt", Param: "height", Call: renders(Options{Width: 10, Height: math.MinInt})},
		{Name: "Render/workers=MaxInt", Param: "workers", Call: renders(Options{Width: 10, Height: 10, Workers: math.MaxInt})},
		{Name: "Render/tile=MinInt", Param: "tile", Call: renders(Options{Width: 10, Height: 10, Tile: math.MinInt})},
		{Name: "Render/tile=MaxInt", Accepts: true, Call: func(ctx context.Context) error {
			f, err := Render(ctx, m, Options{Width: 10, Height: 10, Tile: math.MaxInt})
			if err == nil && f.Options.Tile != 10 {
				t.Errorf("tile = MaxInt became %d; want the image's side, 10", f.Options.Tile)
			}
			return err
		}},
		{Name: "Render/largest, interrupted", Param: "ctx", Interrupt: 100 * time.Millisecond, MaxHeap: 1 << 30,
			Call: func(ctx context.Context) error {
				big, _ := MandelbrotRegion("whole", 4096)
				_, err := Render(ctx, big, Options{Width: MaxSide, Height: MaxSide, Workers: 64, Split: Cyclic, Record: true})
				return err
			}},
		{Name: "Task/too much work", Param: "width", Call: func(context.Context) error {
			big, _ := MandelbrotRegion("whole", 1<<16)
			_, err := Task(big, MaxSide, MaxSide, Blocks, 1)
			return err
		}},
		{Name: "Profile/passes=MaxInt", Param: "passes", Call: func(ctx context.Context) error { _, err := Profile(ctx, m, 10, 10, 1, math.MaxInt); return err }},
		{Name: "Profile/tile=1 on the largest image", Param: "tile", Call: func(ctx context.Context) error { _, err := Profile(ctx, m, MaxSide, MaxSide, 1, 1); return err }},
		{Name: "Profile/tile=-1", Param: "tile", Call: func(ctx context.Context) error { _, err := Profile(ctx, m, 10, 10, -1, 1); return err }},
		{Name: "Simulate/cores=MaxInt", Param: "cores", Call: func(ctx context.Context) error {
			c, err := Profile(ctx, m, 10, 10, 2, 1)
			if err != nil {
				return err
			}
			_, err = c.Simulate(Dynamic, math.MaxInt, 0)
			return err
		}},
		{Name: "TileSweep/rounds=MaxInt", Param: "rounds", Call: func(ctx context.Context) error {
			_, err := TileSweep{Scene: m, Width: 10, Height: 10, Rounds: math.MaxInt}.Measure(ctx, nil)
			return err
		}},
		{Name: "TileSweep/workers=MaxInt", Param: "workers", Call: func(ctx context.Context) error {
			_, err := TileSweep{Scene: m, Width: 10, Height: 10, Workers: math.MaxInt}.Measure(ctx, nil)
			return err
		}},
		{Name: "TileSweep/tiles=MinInt", Param: "tiles", Call: func(ctx context.Context) error {
			_, err := TileSweep{Scene: m, Width: 10, Height: 10, Tiles: []int{math.MinInt}}.Measure(ctx, nil)
			return err
		}},
		{Name: "TileSweep/largest, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
			big, _ := MandelbrotRegion("whole", 4096)
			_, err := TileSweep{Scene: big, Width: 2048, Height: 2048, Rounds: 100}.Measure(ctx, nil)
			return err
		}},
		{Name: "QueueCost/workers=MaxInt", Param: "workers", Call: func(ctx context.Context) error { _, err := QueueCost(ctx, math.MaxInt); return err }},
	})
}
