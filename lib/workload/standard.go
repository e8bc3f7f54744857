package workload

import (
	"fmt"
	"strings"
)

// standard lists the computing tasks of parlab's standard sweep with their kinds, each made at
// DefaultSizes when asked for.
var standard = []struct {
	kind string
	make func(Sizes) (Task, error)
}{
	{"sum of squares", func(d Sizes) (Task, error) { return SumSquares(d.SumSquaresN) }},
	{"Mandelbrot", func(d Sizes) (Task, error) { return Mandelbrot(d.MandelW, d.MandelH, d.MandelIter) }},
	{"prime counting", func(d Sizes) (Task, error) { return Primes(d.PrimesN) }},
	{"matrix multiply (gonum)", func(d Sizes) (Task, error) { return MatMul(d.MatMulN) }},
	{"sum of squares with serial fraction s=0.1", func(d Sizes) (Task, error) { return SerialFraction(d.SumSquaresN, 0.1) }},
	{"stream (dot product)", func(d Sizes) (Task, error) { return Stream(d.StreamN, d.StreamPasses) }},
	{"mixed", func(d Sizes) (Task, error) { return Mixed(d.MixedTasks, d.MixedWork, d.MixedWait) }},
}

// Standard returns the computing tasks of parlab's standard sweep (make bench), at [DefaultSizes]
// (read now, so ten times smaller in quick mode), in the order of [StandardKinds]: the sum of
// squares, Mandelbrot, prime counting, a matrix multiply, the sum of squares with a serial fraction
// of 0.1, a memory stream (which allocates its 128 MiB of arrays here) and a mix of computing and
// waiting.
func Standard() ([]Task, error) {
	d := DefaultSizes()
	tasks := make([]Task, 0, len(standard))
	for _, s := range standard {
		t, err := s.make(d)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, t)
	}
	return tasks, nil
}

// StandardKinds returns the kinds ([Kind]) of the tasks [Standard] returns, in its order.
func StandardKinds() []string {
	kinds := make([]string, len(standard))
	for i, s := range standard {
		kinds[i] = s.kind
	}
	return kinds
}

// StandardTask returns the one task of [Standard] whose [Kind] is kind, made at [DefaultSizes] (and
// only that one), or an error naming the kinds there are.
func StandardTask(kind string) (Task, error) {
	for _, s := range standard {
		if s.kind == kind {
			return s.make(DefaultSizes())
		}
	}
	return nil, fmt.Errorf("workload: task %q is not one of the standard tasks; want one of %q", clip(kind, 80), StandardKinds())
}

// Kind returns what a task computes, without its size: its Name up to the first ", ". Every task of
// this package is named "<kind>, <size parameters>", so the same kind measured at two sizes (a
// quick-mode run and a full one, or two machines with different defaults) has one Kind:
// Kind("sum of squares, n=100000000") is "sum of squares". A name without ", " is its own kind.
func Kind(name string) string {
	kind, _, _ := strings.Cut(name, ", ")
	return kind
}

// clip shortens s to at most n bytes for an error message, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
