package roofline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(name, param string, call func(ctx context.Context) error) {
		cases = append(cases, hostile.Case{Name: name, Param: param, Call: call})
	}
	roofCase := func(name, param string, cfg RoofConfig) {
		add("MeasureRoof/"+name, param, func(ctx context.Context) error { _, err := MeasureRoof(ctx, cfg); return err })
	}
	for _, v := range []int{-1, 1, block - 1, maxIterations + 1, math.MaxInt, math.MinInt} {
		roofCase(fmt.Sprintf("Iterations=%d", v), "Iterations", RoofConfig{Iterations: v})
	}
	for _, v := range []int{-1, 1, maxTriadN + 1, math.MaxInt, math.MinInt} {
		roofCase(fmt.Sprintf("TriadN=%d", v), "TriadN", RoofConfig{TriadN: v})
	}
	for _, v := range []int{-1, maxPasses + 1, math.MaxInt} {
		roofCase(fmt.Sprintf("Passes=%d", v), "Passes", RoofConfig{Passes: v})
	}
	for _, v := range []int{-1, 5, 1001, math.MaxInt} {
		roofCase(fmt.Sprintf("Trials=%d", v), "Trials", RoofConfig{Trials: v})
	}
	cases = append(cases, hostile.Case{Name: "MeasureRoof/2^30 iterations, interrupted", Param: "Iterations", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := MeasureRoof(ctx, RoofConfig{Iterations: maxIterations, TriadN: 1 << 16})
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("Iterations: interrupted MeasureRoof = %w, want ctx's error", err)
			}
			return err
		}})
	for _, v := range [][2]int{{2, 10}, {-1, 10}, {math.MaxInt, 10}, {10, 2}, {10, math.MinInt}, {1 << 15, 1 << 15}} {
		param := "width"
		if v[0] >= 3 && v[0] <= maxBlurSide {
			param = "height"
		}
		add(fmt.Sprintf("Blur/%d×%d", v[0], v[1]), param, func(context.Context) error { _, err := Blur(v[0], v[1]); return err })
	}
	for _, v := range [][2]int{{-1, 3}, {1 << 28, 3}, {math.MaxInt, 3}, {1 << 12, 0}, {1 << 12, -5}, {1 << 12, math.MaxInt}} {
		param := "n"
		if v[0] == 1<<12 {
			param = "degree"
		}
		add(fmt.Sprintf("Poly/n=%d,degree=%d", v[0], v[1]), param, func(context.Context) error { _, err := Poly(v[0], v[1]); return err })
	}
	roof := Roof{Ops: bench.Interval{Value: 10}, Bandwidth: bench.Interval{Value: 10}}
	for _, v := range []int{-1, 0, 1 << 30} {
		add(fmt.Sprintf("Place/Workers=%d", v), "workers", func(ctx context.Context) error {
			k, _ := Poly(1<<10, 1)
			_, err := Place(ctx, roof, []Kernel{k}, PlaceConfig{Workers: []int{v}})
			return err
		})
	}
	add("Place/Trials=-1", "trials", func(ctx context.Context) error {
		k, _ := Poly(1<<10, 1)
		_, err := Place(ctx, roof, []Kernel{k}, PlaceConfig{Trials: -1})
		return err
	})
	add("Place/a kernel without a task", "Task", func(ctx context.Context) error {
		_, err := Place(ctx, roof, []Kernel{{Label: "x", Ops: 1}}, PlaceConfig{})
		return err
	})
	cases = append(cases, hostile.Case{Name: "Poly/2^27 elements, degree 4096, interrupted", Param: "degree", Interrupt: 200 * time.Millisecond,
		Call: func(ctx context.Context) error {
			k, err := Poly(1<<24, maxDegree)
			if err != nil {
				return err
			}
			_, err = k.Task.Run(ctx, 4)
			return err
		}})
	hostile.Run(t, cases)
}
