package pool

import (
	"testing"

	"github.com/parlab/parlab/lib/internal/says"

	"github.com/parlab/parlab/lib/bench"
)

// curve makes a curve of items items from (size, throughput, ± half-width) triples; a half-width of 0
// leaves the point without an interval.
func curve(kind Kind, items int, pts ...[3]float64) Curve {
	c := Curve{Kind: kind, Items: items}
	for _, p := range pts {
		iv := bench.Interval{Value: p[1]}
		if p[2] > 0 {
			iv.Low, iv.High = p[1]-p[2], p[1]+p[2]
		}
		c.Points = append(c.Points, Point{Size: int(p[0]), PerItem: int(p[0]) >= items, Throughput: iv})
	}
	return c
}

// TestDescribe checks that every number in the sentences belongs to the pool it is said of, and that a
// pool is called fastest only when no other pool's interval overlaps its own, on 1, 2, 16 and 64 Ps.
// The numbers are made up in the shape of notebook 05's quick-mode runs (the 2-core CPU row is the
// run that showed the old sentence giving the pool of 16's ratio to the pool of GOMAXPROCS).
func TestDescribe(t *testing.T) {
	for _, tt := range []struct {
		name   string
		c      Curve
		procs  int
		want   []string
		reject []string
	}{
		{"2 Ps, CPU-bound, pools within noise", curve(Computes, 32,
			[3]float64{1, 11300, 300}, [3]float64{2, 12850, 2500}, [3]float64{4, 16000, 3000}, [3]float64{8, 17000, 3000},
			[3]float64{16, 18100, 3000}, [3]float64{32, 17500, 3000}), 2,
			[]string{"highest median with a pool of 16: 18100 items/s, 1.6× a pool of one",
				"pools of 2, 4 and 8 and one goroutine per item are within noise of it",
				"A pool of GOMAXPROCS = 2 did 12850 items/s, 71% of the highest, 1.1× a pool of one — within noise of it."},
			[]string{"fastest with"}},
		{"2 Ps, I/O-bound, one clear winner", curve(Waits, 32,
			[3]float64{1, 900, 10}, [3]float64{2, 1800, 20}, [3]float64{16, 14000, 300}, [3]float64{32, 27900, 500}), 2,
			[]string{"The I/O-bound batch went fastest with one goroutine per item: 27900 items/s, 31.0× a pool of one.",
				"A pool of GOMAXPROCS = 2 did 1800 items/s, 6% of the highest, 2.0× a pool of one."},
			[]string{"within noise"}},
		{"1 P: the pool of GOMAXPROCS is the pool of one", curve(Computes, 32,
			[3]float64{1, 5000, 200}, [3]float64{2, 5100, 200}, [3]float64{32, 4900, 300}), 1,
			[]string{"highest median with a pool of 2: 5100 items/s, 1.0× a pool of one",
				"A pool of GOMAXPROCS = 1 (the pool of one) did 5000 items/s, 98% of the highest — within noise of it."},
			[]string{"fastest with", "GOMAXPROCS = 1 (the pool of one) did 5000 items/s, 98% of the highest, "}},
		{"16 Ps: the fastest pool is GOMAXPROCS", curve(Computes, 64,
			[3]float64{1, 1000, 10}, [3]float64{8, 7900, 100}, [3]float64{16, 15500, 200}, [3]float64{64, 14000, 300}), 16,
			[]string{"went fastest with a pool of 16: 15500 items/s, 15.5× a pool of one. That pool is GOMAXPROCS = 16."},
			[]string{"within noise"}},
		{"64 Ps, 32 items: GOMAXPROCS workers are one goroutine per item", curve(Computes, 32,
			[3]float64{1, 1000, 10}, [3]float64{16, 15000, 200}, [3]float64{32, 29000, 800}, [3]float64{64, 28800, 900}), 64,
			[]string{"highest median with one goroutine per item: 29000 items/s, 29.0× a pool of one",
				"a pool of 64 (for 32 items, one goroutine per item) is within noise of it",
				"A pool of GOMAXPROCS = 64 (for 32 items, one goroutine per item) did 28800 items/s, 99% of the highest, 28.8× a pool of one — within noise of it."},
			nil},
		{"too few trials: no intervals", curve(Waits, 8, [3]float64{1, 100, 0}, [3]float64{8, 800, 0}), 8,
			[]string{"too few trials for intervals: no pool can be called the fastest"}, []string{"fastest with"}},
	} {
		got := Describe([]Curve{tt.c}, tt.procs)
		says.Check(t, tt.name, got, tt.want, tt.reject)
	}
	if got := Describe(nil, 2); got != "" {
		t.Errorf("Describe(nil) = %q; want nothing", got)
	}
}
