// The build constraint is gonum v0.17.0's for its assembly (internal/asm/f64/stubs_amd64.go).

//go:build !noasm && !gccgo && !safe

package simd

const (
	vectorised = true
	kernel     = "gonum's floats.Dot runs its amd64 assembly here: SSE2, two float64 lanes per instruction, " +
		"with two independent accumulators (four partial sums in flight)"
)
