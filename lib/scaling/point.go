package scaling

import (
	"fmt"
	"math"
)

// Point is one measurement: at N workers (or concurrency level N) the median Value, with an optional
// interval [Lower, Upper] (both zero when there is none). Value is a speedup for [FitAmdahl] and a
// throughput (any positive unit) for [FitUSL]. The interval normally holds Value, but need not: a
// bootstrap interval of a ratio of medians can miss the ratio itself by a little.
//
// From a bench sweep, for one task and GOMAXPROCS:
//
//	for _, p := range res.Group(task, procs) {
//		pts = append(pts, scaling.Point{N: p.Workers, Value: p.Speedup.Value, Lower: p.Speedup.Low, Upper: p.Speedup.High})
//	}
type Point struct {
	N            int
	Value        float64
	Lower, Upper float64
}

// HasInterval reports whether the point carries an interval.
func (p Point) HasInterval() bool { return p.Lower != 0 || p.Upper != 0 }

// check validates points for a fit named fn: N ≥ 1 strictly increasing, values finite and positive,
// intervals (when given) finite with 0 < Lower ≤ Upper.
func check(fn string, pts []Point) error {
	if len(pts) == 0 {
		return fmt.Errorf("scaling: %s was given no points; want at least one Point{N, Value}", fn)
	}
	for i, p := range pts {
		if p.N < 1 {
			return fmt.Errorf("scaling: %s: point %d has N = %d; N counts workers and must be 1 or more", fn, i, p.N)
		}
		if i > 0 && p.N <= pts[i-1].N {
			what := "unsorted"
			if p.N == pts[i-1].N {
				what = "a duplicate"
			}
			return fmt.Errorf("scaling: %s: point %d has N = %d after N = %d (%s); N must be strictly increasing: merge repeated trials into one median first", fn, i, p.N, pts[i-1].N, what)
		}
		if !finite(p.Value) || p.Value <= 0 {
			return fmt.Errorf("scaling: %s: point %d (N = %d) has Value = %v; want a finite value above 0", fn, i, p.N, p.Value)
		}
		if p.HasInterval() {
			if !finite(p.Lower) || !finite(p.Upper) || p.Lower <= 0 || p.Lower > p.Upper {
				return fmt.Errorf("scaling: %s: point %d (N = %d) has interval [%v, %v]; want finite 0 < Lower ≤ Upper, or both zero for no interval", fn, i, p.N, p.Lower, p.Upper)
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// KarpFlattPoints turns measured speedups into Karp–Flatt serial fractions, one per point with N > 1;
// the interval of each comes from the speedup's interval (a higher speedup gives a lower fraction).
func KarpFlattPoints(speedups []Point) ([]Point, error) {
	if err := check("KarpFlattPoints", speedups); err != nil {
		return nil, err
	}
	var out []Point
	for _, p := range speedups {
		if p.N == 1 {
			continue
		}
		n := float64(p.N)
		q := Point{N: p.N, Value: KarpFlatt(p.Value, n)}
		if p.HasInterval() {
			q.Lower, q.Upper = KarpFlatt(p.Upper, n), KarpFlatt(p.Lower, n)
		}
		out = append(out, q)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("scaling: KarpFlattPoints needs a point with N > 1; the serial fraction is undefined at N = 1")
	}
	return out, nil
}
