package machines

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// Right answers: the slope test of the notebook's solution, and a different method (where the slope
// drops the most).

// kneeOf is the last N before the slope between neighbouring points falls below one half.
func kneeOf(pts []scaling.Point) int {
	for i := 1; i < len(pts); i++ {
		if pts[i].Value-pts[i-1].Value < 0.5*float64(pts[i].N-pts[i-1].N) {
			return pts[i-1].N
		}
	}
	return pts[len(pts)-1].N
}

// steepestTurn returns the N where the slope drops the most: where speedup(N+1) − speedup(N) is
// smallest compared with speedup(N) − speedup(N−1).
func steepestTurn(pts []scaling.Point) int {
	best, drop := pts[0].N, 0.0
	for i := 1; i+1 < len(pts); i++ {
		if d := (pts[i].Value - pts[i-1].Value) - (pts[i+1].Value - pts[i].Value); d > drop {
			best, drop = pts[i].N, d
		}
	}
	return best
}

func TestKneeCasesHaveAKnee(t *testing.T) {
	for i, k := range kneeCases {
		pts := k.speedups(uint64(i + 1))
		for j := 1; j < len(pts); j++ {
			slope := pts[j].Value - pts[j-1].Value
			if pts[j].N <= k.m.Cores && slope < 0.7 || pts[j].N > k.m.Cores && slope > 0.35 {
				t.Errorf("%s: slope %.3f from N = %d to %d; want ≥ 0.7 up to the cores, ≤ 0.35 after", k.m, slope, pts[j-1].N, pts[j].N)
			}
		}
	}
}

func TestCheckKnee(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, tt := range []struct {
		name    string
		f       func([]scaling.Point) int
		outcome check.Outcome
		words   []string
	}{
		{"slope below one half", kneeOf, check.Passed, []string{"Right for all 7 simulated machines"}},
		{"steepest turn", steepestTurn, check.Passed, []string{"Right"}},
		{"the starting point: the largest N", func(p []scaling.Point) int { return p[len(p)-1].N }, check.NotPassed, []string{"largest N measured"}},
		{"the logical CPUs", func(p []scaling.Point) int { return p[len(p)-1].N / 2 }, check.NotPassed, []string{"number of logical CPUs"}},
		{"one after", func(p []scaling.Point) int { return kneeOf(p) + 1 }, check.NotPassed, []string{"One too many"}},
		{"one before", func(p []scaling.Point) int { return kneeOf(p) - 1 }, check.NotPassed, []string{"One too few"}},
		{"the top", func(p []scaling.Point) int { return best(p) }, check.NotPassed, []string{"Hint:"}},
		{"zero", func([]scaling.Point) int { return 0 }, check.NotPassed, []string{"not one of the N measured"}},
		{"always 4", func([]scaling.Point) int { return 4 }, check.NotPassed, []string{"has 8 physical cores", "slope"}},
		{"changes the points", func(p []scaling.Point) int { k := kneeOf(p); p[0].Value = -1; return k }, check.Passed, []string{"Right"}},
		{"panics", func(p []scaling.Point) int { return p[len(p)].N }, check.NotPassed, []string{"panicked", "index out of range"}},
		{"hangs", func([]scaling.Point) int { <-release; return 0 }, check.NotPassed, []string{"did not return within"}},
		{"nil", nil, check.NotPassed, []string{"nil"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := checkKnee(tt.f, 200*time.Millisecond)
			text := r.String()
			if r.Outcome != tt.outcome {
				t.Fatalf("outcome %v; want %v: %s", r.Outcome, tt.outcome, text)
			}
			for _, w := range tt.words {
				if !strings.Contains(text, w) {
					t.Errorf("%q lacks %q", text, w)
				}
			}
		})
	}
}
