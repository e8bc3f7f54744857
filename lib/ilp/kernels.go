package ilp

import (
	"runtime"

	"gonum.org/v1/gonum/floats"
)

// Sum1 adds xs with one accumulator: every addition waits for the previous one.
func Sum1(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// Sum2 adds xs with two independent accumulators, combined at the end.
func Sum2(xs []float64) float64 {
	var s0, s1 float64
	i := 0
	for ; i+2 <= len(xs); i += 2 {
		x := xs[i : i+2 : i+2]
		s0 += x[0]
		s1 += x[1]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i]
	}
	return s0 + s1
}

// Sum4 adds xs with four independent accumulators, combined at the end.
func Sum4(xs []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(xs); i += 4 {
		x := xs[i : i+4 : i+4]
		s0 += x[0]
		s1 += x[1]
		s2 += x[2]
		s3 += x[3]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// Sum8 adds xs with eight independent accumulators, combined at the end.
func Sum8(xs []float64) float64 {
	var s0, s1, s2, s3, s4, s5, s6, s7 float64
	i := 0
	for ; i+8 <= len(xs); i += 8 {
		x := xs[i : i+8 : i+8]
		s0 += x[0]
		s1 += x[1]
		s2 += x[2]
		s3 += x[3]
		s4 += x[4]
		s5 += x[5]
		s6 += x[6]
		s7 += x[7]
	}
	for ; i < len(xs); i++ {
		s0 += xs[i]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

// Dot1 is the plain dot product: one multiply and one add per element, each add waiting for the last.
// a and b must have the same length.
func Dot1(a, b []float64) float64 {
	var s float64
	b = b[:len(a)]
	for i, x := range a {
		s += x * b[i]
	}
	return s
}

// Dot4 is the dot product with four independent accumulators, in plain Go (one scalar operation per
// instruction). a and b must have the same length.
func Dot4(a, b []float64) float64 {
	var s0, s1, s2, s3 float64
	b = b[:len(a)]
	i := 0
	for ; i+4 <= len(a); i += 4 {
		x, y := a[i:i+4:i+4], b[i:i+4:i+4]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// DotGonum is gonum's floats.Dot: SSE2 assembly on amd64 (see DotAssembly), a plain Go loop elsewhere.
func DotGonum(a, b []float64) float64 { return floats.Dot(a, b) }

// DotAssembly reports whether floats.Dot runs gonum's assembly on this architecture: true on amd64
// (gonum v0.17.0 has it there only, unless built with the noasm or safe tags), false elsewhere.
func DotAssembly() bool { return runtime.GOARCH == "amd64" }

// DotKind describes in words what floats.Dot runs on this architecture.
func DotKind() string {
	if DotAssembly() {
		return "gonum's SSE2 assembly: 2 float64 lanes per instruction, two accumulators (" + runtime.GOARCH + ")"
	}
	return "a plain Go loop: gonum v0.17.0 has no assembly for floats.Dot on " + runtime.GOARCH
}
