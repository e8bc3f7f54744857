package render_test

import (
	"context"
	"fmt"

	"github.com/parlab/parlab/lib/render"
)

// Render the same image with each split and compare it with the serial one. Balance is the most work
// any worker did over the average: it counts iterations, not time, so it is the same on every run.
func ExampleRender() {
	scene, err := render.MandelbrotRegion("half", 256)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	serial, err := render.Serial(ctx, scene, 160, 90)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, split := range []render.Split{render.Blocks, render.Cyclic} {
		f, err := render.Render(ctx, scene, render.Options{Width: 160, Height: 90, Workers: 2, Split: split})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s: same image %v, balance %.2f\n", split, f.Checksum == serial.Checksum, f.Balance())
	}
	// Output:
	// blocks: same image true, balance 1.81
	// cyclic: same image true, balance 1.01
}

// A split replayed on simulated cores with hand-made costs.
func ExampleCosts_Simulate() {
	scene, _ := render.MandelbrotRegion("half", 64)
	costs, err := render.Profile(context.Background(), scene, 64, 36, 8, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := costs.Simulate(render.Dynamic, 4, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d tiles on %d simulated cores: %s\n", len(costs.Tiles), s.Cores, s.Timeline.Title)
	// Output:
	// 40 tiles on 4 simulated cores: dynamic on 4 simulated cores
}
