package render

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/workload"
)

// Task returns the render of scene at width × height, split as split (Dynamic with tiles of side tile, 0
// meaning DefaultTile), as a workload.Task, so that bench.Sweep can time it on any number of workers: Run
// renders on that many workers, Serial on the calling goroutine, neither recording, and both return
// the frame's Checksum — the same for every split and number of workers. Its Name starts with the split:
// "dynamic, 32 px tiles: Mandelbrot, region half, 512 iterations, 720×405 px". Bad parameters are errors
// naming them, as for Render; Run also refuses more than MaxWorkers workers.
func Task(scene Scene, width, height int, split Split, tile int) (workload.Task, error) {
	o, err := Options{Width: width, Height: height, Workers: 1, Split: split, Tile: tile}.resolve(scene)
	if err != nil {
		return nil, err
	}
	return task{scene: scene, o: o}, nil
}

type task struct {
	scene Scene
	o     Options
}

func (t task) Name() string {
	how := t.o.Split.String()
	if t.o.Split == Dynamic {
		how = fmt.Sprintf("dynamic, %d px tiles", t.o.Tile)
	}
	return fmt.Sprintf("%s: %s, %d×%d px", how, t.scene.Name(), t.o.Width, t.o.Height)
}

func (t task) Serial(ctx context.Context) (uint64, error) {
	f, err := Serial(ctx, t.scene, t.o.Width, t.o.Height)
	if err != nil {
		return 0, err
	}
	return f.Checksum, nil
}

func (t task) Run(ctx context.Context, workers int) (uint64, error) {
	if workers < 1 || workers > MaxWorkers {
		return 0, fmt.Errorf("render: workers = %d is not allowed: want 1 to %d goroutines", workers, MaxWorkers)
	}
	o := t.o
	o.Workers = workers
	f, err := run(ctx, t.scene, o)
	if err != nil {
		return 0, err
	}
	return f.Checksum, nil
}
