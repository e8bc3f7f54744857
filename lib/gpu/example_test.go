package gpu_test

import (
	"fmt"

	"github.com/parlab/parlab/lib/gpu"
)

// Four lanes per warp: the second warp waits for its slowest lane, 9 steps, while three lanes idle.
func ExampleDivergence() {
	w, _ := gpu.Divergence([]int{4, 4, 4, 4, 1, 1, 1, 9}, 4)
	fmt.Printf("%d warps, %d of %d lane-steps useful (%.0f%%)\n", w.Warps, w.Useful, w.Issued, 100*w.Efficiency())
	// Output: 2 warps, 28 of 52 lane-steps useful (54%)
}

// A compute-heavy kernel pays from a few hundred elements; a stream-like one never does.
func ExampleOffload_BreakEven() {
	heavy := gpu.Offload{Device: gpu.DefaultDevice(), CPUOps: 30, CPUGBps: 40, OpsPerElement: 1000, BytesPerElement: 8}
	light := heavy
	light.OpsPerElement, light.BytesPerElement = 2, 16
	a, _ := heavy.BreakEven()
	b, _ := light.BreakEven()
	fmt.Println(a, b)
	// Output: 305 0
}
