package granularity

import (
	"math"
	"testing"

	"github.com/parlab/parlab/lib/check"
)

func TestCheckKarpFlatt(t *testing.T) {
	right := func(s float64, n int) float64 { return (1/s - 1/float64(n)) / (1 - 1/float64(n)) }
	expect(t, "right, B", CheckKarpFlatt(right, "b"), check.Passed, "doubles")
	expect(t, "right, A", CheckKarpFlatt(right, "A"), check.NotPassed, "0.05")
	expect(t, "right, empty", CheckKarpFlatt(right, ""), check.NotPassed, "growing is empty")
	expect(t, "right, C", CheckKarpFlatt(right, "C"), check.NotPassed, "neither")
	expect(t, "no division", CheckKarpFlatt(func(s float64, n int) float64 { return 1/s - 1/float64(n) }, "B"), check.NotPassed, "divide")
	expect(t, "S for 1/S", CheckKarpFlatt(func(s float64, n int) float64 { return (s - 1/float64(n)) / (1 - 1/float64(n)) }, "B"), check.NotPassed, "not S itself")
	expect(t, "zero", CheckKarpFlatt(func(float64, int) float64 { return 0 }, "B"), check.NotPassed, "(1/S − 1/N) / (1 − 1/N)")
	expect(t, "NaN", CheckKarpFlatt(func(float64, int) float64 { return math.NaN() }, "B"), check.NotPassed, "not a number")
	expect(t, "+Inf", CheckKarpFlatt(func(float64, int) float64 { return math.Inf(1) }, "B"), check.NotPassed, "not a number")
	expect(t, "nil", CheckKarpFlatt(nil, "B"), check.NotPassed, "nil")
	expect(t, "panics", CheckKarpFlatt(func(s float64, n int) float64 { panic("boom") }, "B"), check.NotPassed)
	// The story's numbers: A flat at 0.05, B growing and slower than A at 16 workers.
	a, b := KarpFlattPrograms["A"], KarpFlattPrograms["B"]
	if a[3].Value <= b[3].Value || a[2].Value >= b[2].Value {
		t.Errorf("A %v, B %v: want B faster at 8 workers and slower at 16", a, b)
	}
}
