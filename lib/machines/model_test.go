package machines

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/workload"
)

func TestModel(t *testing.T) {
	m := Model{Cores: 4, Threads: 2, Yield: 0.25}
	// Capacity: n up to 4, then 0.25 per worker up to 8 (4 + 4 × 0.25 = 5), then flat.
	for _, tt := range []struct{ n, want float64 }{{1, 1}, {3, 3}, {4, 4}, {6, 4.5}, {8, 5}, {16, 5}} {
		if got := m.Capacity(tt.n); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Capacity(%g) = %g; want %g", tt.n, got, tt.want)
		}
	}
	if !math.IsNaN(m.Capacity(0.5)) || !math.IsNaN(m.Capacity(math.NaN())) {
		t.Error("Capacity below 1 worker is a number; want NaN")
	}
	// DefaultModel's USL peaks at ⌊√(0.98/0.0005)⌋ = 44.
	if p := DefaultModel.USL().Peak(); p != 44 {
		t.Errorf("DefaultModel peaks at %g; want 44", p)
	}
	if err := DefaultModel.Validate(); err != nil {
		t.Error(err)
	}
	for _, tt := range []struct {
		m    Model
		want string
	}{
		{Model{Cores: 0, Threads: 1}, "modelCores = 0"},
		{Model{Cores: 5000, Threads: 1}, "modelCores = 5000"},
		{Model{Cores: 4, Threads: 0}, "modelThreads = 0"},
		{Model{Cores: 4, Threads: 2, Yield: 1.5}, "modelYield = 1.5"},
		{Model{Cores: 4, Threads: 2, Yield: math.NaN()}, "modelYield = NaN"},
		{Model{Cores: 4, Threads: 2, Sigma: -0.1}, "modelSigma = -0.1"},
		{Model{Cores: 4, Threads: 2, Kappa: math.Inf(1)}, "modelKappa = +Inf"},
	} {
		if err := tt.m.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate(%+v) = %v; want an error saying %q", tt.m, err, tt.want)
		}
	}
}

func TestWorkers(t *testing.T) {
	for _, tt := range []struct {
		cpus, most int
		want       []int
	}{
		{2, 0, []int{1, 2, 4}},
		{4, 0, []int{1, 2, 3, 4, 8}},
		{2, 3, []int{1, 2, 3}},
		{2, 10, []int{1, 2, 4, 8, 10}},
		{8, 4, []int{1, 2, 3, 4}},
		{1, 0, []int{1, 2}},
		{0, 0, []int{1, 2}},
		{2, 1 << 20, []int{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 10000}},
	} {
		if got := Workers(tt.cpus, tt.most); !slices.Equal(got, tt.want) {
			t.Errorf("Workers(%d, %d) = %v; want %v", tt.cpus, tt.most, got, tt.want)
		}
	}
}

func TestSweep(t *testing.T) {
	t.Setenv("PARLAB_QUICK", "1")
	s, err := Sweep("Mandelbrot", 3, 7)
	if err != nil || len(s.Tasks) != 1 || s.Tasks[0].Name() != "Mandelbrot, 96x540 pixels, iter=256" || s.Trials != 7 || s.Workers[len(s.Workers)-1] != 3 {
		t.Errorf("Sweep(Mandelbrot, 3, 7) = %+v, %v; want quick mode's Mandelbrot on up to 3 workers, 7 trials", s, err)
	}
}

// TestHostileInputs puts what a learner can type into notebook 09's Parameters cell through the
// entry points it reaches: the task, maxWorkers and trials (Sweep, Compare) and the model's fields
// (Validate); each must be refused with a sentence naming the parameter or be a documented answer.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for _, task := range []string{"", "sum of cubes", strings.Repeat("x", 1<<20), "sum of squares\x00", "SUM OF SQUARES"} {
		cases = append(cases,
			hostile.Case{Name: fmt.Sprintf("Sweep/task=%.20q", task), Param: "task", Call: func(context.Context) error {
				_, err := Sweep(task, 0, 0)
				return err
			}},
			hostile.Case{Name: fmt.Sprintf("Compare/task=%.20q", task), Param: "task", Call: func(context.Context) error {
				_, err := Compare(task, nil, []*bench.Report{smtServer()})
				return err
			}})
	}
	for _, w := range []int{-1, workload.MaxWorkers + 1, math.MinInt, math.MaxInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Sweep/maxWorkers=%d", w), Param: "maxWorkers", Call: func(context.Context) error {
			_, err := Sweep("sum of squares", w, 0)
			return err
		}})
	}
	for _, n := range []int{-1, 1, bench.MinTrials - 1, bench.MaxTrials + 1, math.MaxInt} {
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Sweep/trials=%d", n), Param: "trials", Call: func(context.Context) error {
			_, err := Sweep("sum of squares", 0, n)
			return err
		}})
	}
	cases = append(cases, hostile.Case{Name: "Sweep/maxWorkers=MaxWorkers", Accepts: true, Call: func(context.Context) error {
		s, err := Sweep("sum of squares", workload.MaxWorkers, 0)
		if err != nil {
			return err
		}
		if n := len(s.Workers); n > 64 || s.Workers[n-1] != workload.MaxWorkers {
			return fmt.Errorf("%d worker counts, the last %d; want a few, doubling up to %d", n, s.Workers[n-1], workload.MaxWorkers)
		}
		return nil
	}})
	for i, m := range []Model{
		{Cores: -1, Threads: 2}, {Cores: math.MaxInt, Threads: 2}, {Cores: 4, Threads: math.MaxInt},
		{Cores: 4, Threads: 2, Yield: math.Inf(-1)}, {Cores: 4, Threads: 2, Sigma: math.NaN()}, {Cores: 4, Threads: 2, Kappa: 2},
	} {
		param := strings.Fields(fmt.Sprint(m.Validate()))[1] // "machines: modelX = …"
		cases = append(cases, hostile.Case{Name: fmt.Sprintf("Model/%d/%s", i, param), Param: param, Call: func(context.Context) error {
			if err := m.Validate(); err != nil {
				return err
			}
			return errors.New("accepted")
		}})
	}
	hostile.Run(t, cases)
}
