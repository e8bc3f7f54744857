package nb

import (
	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/scaling"
)

// Speedups returns one task's measured speedups under one GOMAXPROCS as scaling points (workers, speedup,
// 95% interval), ready for scaling.FitAmdahl and the scaling charts. task "" means the result's first
// task and procs 0 its first GOMAXPROCS, as in bench.Result.Group. Points without a speedup (a partial
// result whose one-worker baseline is missing) are left out.
func Speedups(res *bench.Result, task string, procs int) []scaling.Point {
	if res == nil {
		return nil
	}
	var pts []scaling.Point
	for _, p := range res.Group(task, procs) {
		if p.Speedup.Value <= 0 {
			continue
		}
		pts = append(pts, scaling.Point{N: p.Workers, Value: p.Speedup.Value, Lower: p.Speedup.Low, Upper: p.Speedup.High})
	}
	return pts
}
