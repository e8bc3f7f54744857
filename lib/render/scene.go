package render

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/workload"
)

// Scene is what a renderer draws: the colour of every pixel, and the work that pixel took. Pixel must be
// safe to call from many goroutines at once and must depend only on its arguments, so that any split of
// the image between workers gives the same picture.
type Scene interface {
	// Name says what the scene is and every parameter that changes its pixels.
	Name() string
	// Unit is what Pixel's work counts, singular: "iteration", "ray".
	Unit() string
	// Pixel returns the colour of pixel (x, y) of a w×h image (x to the right, y down, from 0) and the
	// work it took, in Unit.
	Pixel(x, y, w, h int) (c color.RGBA, work int)
}

// Region is a rectangle of the complex plane: the point X0 + Y0·i is drawn at the top-left pixel, X1 + Y1·i
// at the bottom-right one.
type Region struct {
	Name           string
	X0, X1, Y0, Y1 float64
}

// Regions are the named regions of the Mandelbrot set that MandelbrotRegion knows, each 1.75 times as wide
// as it is high (a 16:9 image shows it almost undistorted):
//
//	whole        the whole set, [−2.5, 1] × [−1, 1]: symmetric above and below the real axis
//	half         the real axis and one side of it: the expensive inside of the set fills the top rows
//	seahorse     the valley between the main cardioid and the bulb on its left, zoomed 9×
//	spiral       spirals near 0.2866 + 0.0124i, zoomed 1000×: detail (and cost) almost everywhere
var Regions = []Region{
	{Name: "whole", X0: -2.5, X1: 1, Y0: -1, Y1: 1},
	{Name: "half", X0: -2.2, X1: 0.8, Y0: -0.3, Y1: 1.4142857142857144},
	{Name: "seahorse", X0: -0.95, X1: -0.55, Y0: 0.005714285714285714, Y1: 0.2342857142857143},
	{Name: "spiral", X0: 0.28485, X1: 0.28835, Y0: 0.0114, Y1: 0.0134},
}

// Limits of a Mandelbrot scene.
const maxIter = 1 << 16

// Mandelbrot is the Mandelbrot set over a region: a pixel's work is the number of iterations of
// z ← z² + c before |z| passes 2 (workload.MandelbrotIterations), at most Iter; points that never
// escape are in the set and drawn black, the others coloured by their count. Inside the set every
// pixel costs Iter iterations, outside it often a handful: the cost is wildly uneven.
//
// Over the region "whole", the sum of iterations(p)·(p+1) over the pixels is workload.Mandelbrot's
// checksum for the same size.
type Mandelbrot struct {
	Region Region
	Iter   int // at most this many iterations per pixel, 1 … 65 536
}

// MandelbrotRegion returns the Mandelbrot scene over the named region (see Regions) with at most iter
// iterations per pixel. An unknown name or iter outside 1 … 65 536 is an error naming the parameter.
func MandelbrotRegion(name string, iter int) (Mandelbrot, error) {
	if iter < 1 || iter > maxIter {
		return Mandelbrot{}, fmt.Errorf("render: iter = %d is not allowed: want from 1 to %d iterations per pixel", iter, maxIter)
	}
	var names []string
	for _, r := range Regions {
		if r.Name == strings.TrimSpace(strings.ToLower(name)) {
			return Mandelbrot{Region: r, Iter: iter}, nil
		}
		names = append(names, fmt.Sprintf("%q", r.Name))
	}
	return Mandelbrot{}, fmt.Errorf("render: region = %q is not known: want one of %s", name, strings.Join(names, ", "))
}

// Name says "Mandelbrot, region half, 256 iterations".
func (m Mandelbrot) Name() string {
	return fmt.Sprintf("Mandelbrot, region %s, %d iterations", m.Region.Name, m.Iter)
}

// Unit is "iteration".
func (Mandelbrot) Unit() string { return "iteration" }

// Pixel returns the colour of (x, y) and its iterations. The pixel grid spans the region corner to
// corner, as workload.Mandelbrot's does.
func (m Mandelbrot) Pixel(x, y, w, h int) (color.RGBA, int) {
	r := m.Region
	cr := r.X0 + (r.X1-r.X0)*float64(x)/float64(max(w-1, 1))
	ci := r.Y0 + (r.Y1-r.Y0)*float64(y)/float64(max(h-1, 1))
	n := workload.MandelbrotIterations(cr, ci, m.Iter)
	if n >= m.Iter {
		return color.RGBA{A: 255}, n
	}
	return mandelPalette[n%len(mandelPalette)], n
}

func (m Mandelbrot) check() error {
	if m.Iter < 1 || m.Iter > maxIter {
		return fmt.Errorf("render: the Mandelbrot scene has Iter = %d; want from 1 to %d iterations per pixel", m.Iter, maxIter)
	}
	for _, v := range []float64{m.Region.X0, m.Region.X1, m.Region.Y0, m.Region.Y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("render: the Mandelbrot region %q has a corner at %v; want finite numbers", m.Region.Name, v)
		}
	}
	return nil
}

// mandelPalette colours escape counts: 64 colours from dark blue through white to orange and back, so
// neighbouring counts differ a little and the bands of the set's surroundings show.
var mandelPalette = func() []color.RGBA {
	stops := []struct{ r, g, b float64 }{{0, 7, 100}, {32, 107, 203}, {237, 255, 255}, {255, 170, 0}, {0, 2, 0}}
	const n = 64
	p := make([]color.RGBA, n)
	for i := range p {
		t := float64(i) / n * float64(len(stops)-1)
		k := int(t)
		f := t - float64(k)
		a, b := stops[k], stops[min(k+1, len(stops)-1)]
		mix := func(u, v float64) uint8 { return uint8(math.Round(u + (v-u)*f)) }
		p[i] = color.RGBA{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), 255}
	}
	return p
}()
