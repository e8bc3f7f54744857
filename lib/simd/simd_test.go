package simd

import (
	"context"
	"math"
	"runtime"
	"strings"
	"testing"
)

func TestDotsAgree(t *testing.T) {
	for _, n := range []int{0, 1, 3, 4, 5, 17, vectorLen} {
		a, b := vectors(n)
		loop, vec := dotLoop(a, b), dotSIMD(a, b)
		if math.Abs(loop-vec) > 1e-12*math.Max(1, math.Abs(loop)) {
			t.Errorf("n=%d: dotSIMD = %v, dotLoop = %v; want equal to rounding", n, vec, loop)
		}
	}
}

func TestCompare(t *testing.T) {
	res, err := Compare(context.Background(), 10, 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 2 || len(res.Entries[1].Samples) != 6 {
		t.Fatalf("entries = %+v, want 2 with 6 samples", res.Entries)
	}
	if _, err := Compare(context.Background(), 0, 6); err == nil {
		t.Error("reps = 0 accepted")
	}
}

func BenchmarkDot(b *testing.B) {
	x, y := vectors(vectorLen)
	b.Run("loop", func(b *testing.B) {
		for b.Loop() {
			dotLoop(x, y)
		}
	})
	b.Run("gonum-SIMD", func(b *testing.B) {
		for b.Loop() {
			dotSIMD(x, y)
		}
	})
}

// TestKernel: the sentence agrees with the build (issue 12, item 2: no "SIMD" claim where gonum has no
// vector kernel).
func TestKernel(t *testing.T) {
	if Vectorised() != (runtime.GOARCH == "amd64") {
		t.Errorf("Vectorised() = %v on %s; want true only on amd64 (gonum v0.17.0)", Vectorised(), runtime.GOARCH)
	}
	if Vectorised() && !strings.Contains(Kernel(), "SSE2") || !Vectorised() && !strings.Contains(Kernel(), "no vector kernel") {
		t.Errorf("Kernel() = %q with Vectorised() = %v", Kernel(), Vectorised())
	}
}
