package nb

import (
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

func point(workers int, s float64) bench.Point {
	return bench.Point{
		Config:     bench.Config{Task: "t", Workers: workers, Procs: 2},
		Speedup:    bench.Interval{Value: s, Low: s - 0.02, High: s + 0.02},
		Efficiency: bench.Interval{Value: s / float64(workers)},
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		pts  []bench.Point
		want []string
	}{
		{"flat past the cores", []bench.Point{point(1, 1), point(2, 1.96), point(3, 1.95), point(4, 1.94)},
			[]string{"**1.96×**", "with 2 goroutines", "efficiency of 98%", "3 goroutines", "not clearly faster than 2"}},
		{"slower past the cores", []bench.Point{point(1, 1), point(2, 1.9), point(4, 1.6)},
			[]string{"4 goroutines", "16% slower"}},
		{"one point", []bench.Point{point(1, 1)}, []string{"nothing to compare"}},
	}
	for _, tt := range tests {
		got := Describe(&bench.Result{Points: tt.pts})
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Describe = %q, want it to contain %q", tt.name, got, w)
			}
		}
	}
	if got := Describe(nil); got != "Nothing was measured." {
		t.Errorf("Describe(nil) = %q", got)
	}
}

func TestSpeedupAt(t *testing.T) {
	res := &bench.Result{Points: []bench.Point{point(1, 1), point(2, 1.9)}}
	if s, ok := SpeedupAt(res, 2); !ok || s.Value != 1.9 {
		t.Errorf("SpeedupAt(2) = %v, %v; want 1.9, true", s, ok)
	}
	if _, ok := SpeedupAt(res, 3); ok {
		t.Error("SpeedupAt(3) found a point that was not measured")
	}
}

func TestDescribeEachGOMAXPROCS(t *testing.T) {
	one := func(workers int, s float64) bench.Point {
		p := point(workers, s)
		p.Procs = 1
		return p
	}
	res := &bench.Result{Points: []bench.Point{one(1, 1), one(2, 1.0), one(4, 0.99), point(1, 1), point(2, 1.9), point(4, 1.9)}}
	got := Describe(res)
	for _, w := range []string{"With GOMAXPROCS = 1, the best speedup was **1.00×**", "With GOMAXPROCS = 2, the best speedup was **1.90×**"} {
		if !strings.Contains(got, w) {
			t.Errorf("Describe = %q, want it to contain %q", got, w)
		}
	}
}
