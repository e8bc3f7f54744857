package nb

import (
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

func TestSpeedups(t *testing.T) {
	res := &bench.Result{Points: []bench.Point{point(1, 1), point(2, 1.9), {Config: bench.Config{Task: "t", Workers: 4, Procs: 2}}}}
	got := Speedups(res, "", 0)
	if len(got) != 2 || got[1].N != 2 || got[1].Value != 1.9 || got[1].Lower != 1.88 {
		t.Errorf("Speedups = %+v, want N=1 and N=2 (1.9 in [1.88, 1.92]); the point without a speedup left out", got)
	}
	if Speedups(nil, "", 0) != nil {
		t.Error("Speedups(nil) is not nil")
	}
}
