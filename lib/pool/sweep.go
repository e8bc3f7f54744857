package pool

import (
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Sweep is notebook 05's experiment: an I/O-bound and a CPU-bound batch of the same number of items,
// each run on pools of several sizes. Zero fields take the defaults in brackets (quick mode, see
// workload.Quick, in parentheses).
type Sweep struct {
	Items   int           // items per batch [64 (32)]
	Wait    time.Duration // each I/O item's wait [2 ms (1 ms)]
	Squares int           // each CPU item's squares [2¹⁹ (2¹⁸)]
	// Sizes are the pool sizes; [1, 2, 4, … up to Items, and GOMAXPROCS]. A size ≥ Items runs one
	// goroutine per item.
	Sizes  []int
	Trials int // timed runs per size [bench's default]
}

// withDefaults fills in the zero fields.
func (s Sweep) withDefaults() Sweep {
	quick := workload.Quick()
	if s.Items == 0 {
		s.Items = 64
		if quick {
			s.Items = 32
		}
	}
	if s.Wait == 0 {
		s.Wait = 2 * time.Millisecond
		if quick {
			s.Wait = time.Millisecond
		}
	}
	if s.Squares == 0 {
		s.Squares = 1 << 19
		if quick {
			s.Squares = 1 << 18
		}
	}
	if len(s.Sizes) == 0 && s.Items > 0 && s.Items <= maxItems {
		for n := 1; n < s.Items; n *= 2 {
			s.Sizes = append(s.Sizes, n)
		}
		s.Sizes = append(s.Sizes, s.Items, runtime.GOMAXPROCS(0))
	}
	return s
}

// Tasks returns the two batches: I/O-bound first, then CPU-bound.
func (s Sweep) Tasks() ([]workload.Task, error) {
	s = s.withDefaults()
	io, err := IOBatch(s.Items, s.Wait)
	if err != nil {
		return nil, err
	}
	cpu, err := CPUBatch(s.Items, s.Squares)
	if err != nil {
		return nil, err
	}
	return []workload.Task{io, cpu}, nil
}

// Bench returns the lib/bench sweep that measures both batches on every pool size, for nb.Measure
// (which caches it) or bench.Run.
func (s Sweep) Bench() (bench.Sweep, error) {
	s = s.withDefaults()
	tasks, err := s.Tasks()
	if err != nil {
		return bench.Sweep{}, err
	}
	for _, n := range s.Sizes {
		if n < 1 || n > workload.MaxWorkers {
			return bench.Sweep{}, fmt.Errorf("pool: Sizes holds %d: want pool sizes from 1 to %d", n, workload.MaxWorkers)
		}
	}
	return bench.Sweep{Tasks: tasks, Workers: s.Sizes, Trials: s.Trials}, nil
}

// Curve is one batch's throughput against pool size.
type Curve struct {
	Name  string // the batch's task name
	Kind  Kind
	Items int
	// Points in increasing pool size. Throughput is items per second: Items divided by the median
	// time, with the 95% interval of the median turned the same way (unknown after an interrupted
	// sweep that left too few trials).
	Points []Point
}

// Point is one pool size.
type Point struct {
	Size       int
	PerItem    bool // Size ≥ Items: one goroutine per item
	Throughput bench.Interval
	Noisy      bool
}

// Curves reads a result of s.Bench() as one Curve per batch (I/O-bound first); a batch the result does
// not hold is left out.
func (s Sweep) Curves(res *bench.Result) []Curve {
	if res == nil {
		return nil
	}
	s = s.withDefaults()
	tasks, err := s.Tasks()
	if err != nil {
		return nil
	}
	var out []Curve
	for i, t := range tasks {
		c := Curve{Name: t.Name(), Kind: Kind(i), Items: s.Items}
		for _, p := range res.Points {
			if p.Task != c.Name || p.Median <= 0 {
				continue
			}
			per := float64(s.Items) / p.Median.Seconds()
			iv := bench.Interval{Value: per}
			if p.HasInterval() && p.Low > 0 {
				iv.Low, iv.High = float64(s.Items)/p.High.Seconds(), float64(s.Items)/p.Low.Seconds()
			}
			c.Points = append(c.Points, Point{Size: p.Workers, PerItem: p.Workers >= s.Items, Throughput: iv, Noisy: p.Noisy})
		}
		slices.SortFunc(c.Points, func(a, b Point) int { return a.Size - b.Size })
		if len(c.Points) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// Best returns the point with the highest throughput, and false for an empty curve.
func (c Curve) Best() (Point, bool) {
	if len(c.Points) == 0 {
		return Point{}, false
	}
	best := c.Points[0]
	for _, p := range c.Points[1:] {
		if p.Throughput.Value > best.Throughput.Value {
			best = p
		}
	}
	return best, true
}

// At returns the point of pool size n.
func (c Curve) At(n int) (Point, bool) {
	for _, p := range c.Points {
		if p.Size == n {
			return p, true
		}
	}
	return Point{}, false
}
