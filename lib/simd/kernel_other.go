// The build constraint mirrors gonum v0.17.0's for its pure-Go fallback (internal/asm/f64/dot.go).

//go:build !amd64 || noasm || gccgo || safe

package simd

const (
	vectorised = false
	kernel     = "gonum v0.17.0 has no vector kernel for floats.Dot on this build (its assembly is for amd64 only): " +
		"it runs a plain Go loop, like the first bar"
)
