package ilp

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

func TestCheckSumRight(t *testing.T) {
	for name, f := range map[string]func([]float64) float64{"Sum4": Sum4, "Sum8": Sum8, "Sum2": Sum2} {
		r := checkSum(f, 5*time.Second)
		// Never "not yet" for a right answer; too busy to judge is allowed on a loaded machine.
		if r.Outcome == check.NotPassed {
			t.Errorf("%s: %v; want passed (or too busy to judge)", name, r)
		}
	}
}

func TestCheckSumWrong(t *testing.T) {
	noTail := func(xs []float64) float64 {
		var s0, s1, s2, s3 float64
		for i := 0; i+4 <= len(xs); i += 4 {
			s0 += xs[i]
			s1 += xs[i+1]
			s2 += xs[i+2]
			s3 += xs[i+3]
		}
		return s0 + s1 + s2 + s3
	}
	parallel := func(xs []float64) float64 {
		var wg sync.WaitGroup
		parts := make([]float64, 2)
		for w := range 2 {
			wg.Go(func() { parts[w] = Sum1(xs[len(xs)*w/2 : len(xs)*(w+1)/2]) })
		}
		wg.Wait()
		return parts[0] + parts[1]
	}
	release := make(chan struct{})
	defer func() { close(release); time.Sleep(50 * time.Millisecond) }() // let the hung call end before goleak looks
	for _, tc := range []struct {
		name  string
		f     func([]float64) float64
		words []string
	}{
		{"nil", nil, []string{"nil"}},
		{"zero", func([]float64) float64 { return 0 }, []string{"exact sum"}},
		{"no tail", noTail, []string{"tail"}},
		{"float32 accumulators", func(xs []float64) float64 {
			var s float32
			for _, x := range xs {
				s += float32(x)
			}
			return float64(s)
		}, []string{"tolerance"}},
		{"two goroutines", parallel, []string{"started 2 more goroutines besides the one that called it", "ONE core"}},
		{"panics", func(xs []float64) float64 { return xs[len(xs)] }, []string{"panic"}},
		{"hangs", func([]float64) float64 { <-release; return 0 }, []string{"did not return"}},
	} {
		r := checkSum(tc.f, 300*time.Millisecond)
		text := r.Message + " " + r.Hint
		if r.Outcome != check.NotPassed {
			t.Errorf("%s: %v; want not yet", tc.name, r)
			continue
		}
		for _, w := range tc.words {
			if !strings.Contains(text, w) {
				t.Errorf("%s: %q; want it to mention %q", tc.name, text, w)
			}
		}
	}
}

// TestCheckSumUnchanged: the starting point (one accumulator) is never passed — "not yet" when the
// rounds agree it is no faster, "too busy to judge" when they disagree.
func TestCheckSumUnchanged(t *testing.T) {
	r := checkSum(Sum1, 5*time.Second)
	if r.Outcome == check.Passed {
		t.Errorf("the one-accumulator sum: %v; want not yet (or too busy to judge)", r)
	}
	if r.Outcome == check.NotPassed && !strings.Contains(r.Hint, "wait for each other") {
		t.Errorf("the one-accumulator sum: hint %q; want it to say the additions wait for each other", r.Hint)
	}
}

func TestTolerance(t *testing.T) {
	// The one-accumulator sum is inside the tolerance for every length: the bound holds for it.
	for _, n := range checkLengths {
		xs := checkVector(n)
		want, abs := exactSum(xs)
		for _, f := range []func([]float64) float64{Sum1, Sum2, Sum4, Sum8} {
			if got := f(xs); got-want > tolerance(n, abs) || want-got > tolerance(n, abs) {
				t.Errorf("n=%d: a kernel gave %v, exact %v, outside ±%v", n, got, want, tolerance(n, abs))
			}
		}
	}
}
