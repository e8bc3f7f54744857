package gpu

import (
	"fmt"
	"math/rand/v2"
)

// MaxWork bounds the elements Divergence simulates: 2²⁴.
const MaxWork = 1 << 24

// Warps is what Divergence simulated.
type Warps struct {
	WarpSize int
	// Warps is the number of warps: ⌈elements / WarpSize⌉ (the last one may have idle lanes).
	Warps int
	// Useful is Σ work: the lane-steps that did an element's work.
	Useful int64
	// Issued is Σ over warps of WarpSize × the warp's longest lane: the lane-steps the warps occupied.
	Issued int64
	// Steps is each warp's time in steps: its longest lane.
	Steps []int
}

// Efficiency is Useful/Issued: the fraction of lane-steps that did useful work (1 with no divergence).
func (w Warps) Efficiency() float64 {
	if w.Issued == 0 {
		return 0
	}
	return float64(w.Useful) / float64(w.Issued)
}

// Divergence simulates SIMT execution of elements whose work (in steps: loop iterations, say) is
// given: element i goes to lane i mod WarpSize of warp i / WarpSize; a warp runs as long as its
// longest lane, its other lanes masked off once they are done. work has 1 to 2²⁴ elements, each 0 to
// 2³⁰ steps; warpSize is 1 to 1024.
func Divergence(work []int, warpSize int) (Warps, error) {
	switch {
	case len(work) == 0 || len(work) > MaxWork:
		return Warps{}, fmt.Errorf("gpu: work has %d elements; want 1 to %d", len(work), MaxWork)
	case warpSize < 1 || warpSize > 1024:
		return Warps{}, fmt.Errorf("gpu: warpSize is %d; want 1 to 1024 lanes", warpSize)
	}
	w := Warps{WarpSize: warpSize}
	for lo := 0; lo < len(work); lo += warpSize {
		longest := 0
		for _, s := range work[lo:min(lo+warpSize, len(work))] {
			if s < 0 || s > 1<<30 {
				return Warps{}, fmt.Errorf("gpu: work of element %d is %d steps; want 0 to %d", lo, s, 1<<30)
			}
			longest = max(longest, s)
			w.Useful += int64(s)
		}
		w.Steps = append(w.Steps, longest)
		w.Issued += int64(warpSize) * int64(longest)
		w.Warps++
	}
	return w, nil
}

// Shuffled returns a copy of work in a random order (seeded: the same every call): the same elements,
// neighbours no longer alike, as when lanes are given unrelated elements.
func Shuffled(work []int) []int {
	out := append([]int(nil), work...)
	rng := rand.New(rand.NewPCG(7, 8))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// BranchWarps simulates an if/else whose then-path is thenSteps long and else-path elseSteps long,
// taken by the lanes for which taken(i) is true or false: a warp whose lanes all agree runs one path;
// a warp whose lanes disagree runs both, one after the other. n is 1 to 2²⁴.
func BranchWarps(n, warpSize, thenSteps, elseSteps int, taken func(i int) bool) (Warps, error) {
	switch {
	case n < 1 || n > MaxWork:
		return Warps{}, fmt.Errorf("gpu: n is %d elements; want 1 to %d", n, MaxWork)
	case warpSize < 1 || warpSize > 1024:
		return Warps{}, fmt.Errorf("gpu: warpSize is %d; want 1 to 1024 lanes", warpSize)
	case thenSteps < 0 || elseSteps < 0 || thenSteps > 1<<30 || elseSteps > 1<<30:
		return Warps{}, fmt.Errorf("gpu: thenSteps and elseSteps are %d and %d; want 0 to %d", thenSteps, elseSteps, 1<<30)
	case taken == nil:
		return Warps{}, fmt.Errorf("gpu: taken is nil; want a function saying which lanes take the then-path")
	}
	w := Warps{WarpSize: warpSize}
	for lo := 0; lo < n; lo += warpSize {
		var ifs, elses int
		for i := lo; i < min(lo+warpSize, n); i++ {
			if taken(i) {
				ifs++
			} else {
				elses++
			}
		}
		steps := 0
		if ifs > 0 {
			steps += thenSteps
		}
		if elses > 0 {
			steps += elseSteps
		}
		w.Useful += int64(ifs)*int64(thenSteps) + int64(elses)*int64(elseSteps)
		w.Issued += int64(warpSize) * int64(steps)
		w.Steps = append(w.Steps, steps)
		w.Warps++
	}
	return w, nil
}

// MandelbrotWork returns the iterations of each pixel of a w×h Mandelbrot image over
// [-2.5, 1] × [-1, 1] with at most iter iterations, row by row: the work lanes would get. w·h is 1 to
// 2²⁴, iter 1 to 2¹⁶.
func MandelbrotWork(w, h, iter int) ([]int, error) {
	switch {
	case w < 1 || h < 1 || w > MaxWork || h > MaxWork || w*h > MaxWork:
		return nil, fmt.Errorf("gpu: MandelbrotWork width × height is %d × %d; want 1 to %d pixels in all", w, h, MaxWork)
	case iter < 1 || iter > 1<<16:
		return nil, fmt.Errorf("gpu: MandelbrotWork iter is %d; want 1 to %d", iter, 1<<16)
	}
	out := make([]int, 0, w*h)
	for y := range h {
		ci := -1 + 2*float64(y)/float64(max(h-1, 1))
		for x := range w {
			cr := -2.5 + 3.5*float64(x)/float64(max(w-1, 1))
			zr, zi, n := 0.0, 0.0, 0
			for ; n < iter && zr*zr+zi*zi <= 4; n++ {
				zr, zi = zr*zr-zi*zi+cr, 2*zr*zi+ci
			}
			out = append(out, n)
		}
	}
	return out, nil
}
