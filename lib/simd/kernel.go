package simd

// Kernel says what gonum's floats.Dot runs on this build, in a sentence: on amd64 an SSE2 assembly
// kernel — two float64 lanes per instruction (MULPD, ADDPD), unrolled with two independent accumulators,
// so four partial sums are in flight and much of its speed comes from overlapping additions (instruction-
// level parallelism) rather than from the width of a lane; elsewhere (arm64 included, in gonum v0.17.0)
// a plain Go loop like dotLoop. Go's compiler does not vectorise loops by itself.
func Kernel() string { return kernel }

// Vectorised reports whether floats.Dot has a SIMD kernel on this build (see Kernel).
func Vectorised() bool { return vectorised }
