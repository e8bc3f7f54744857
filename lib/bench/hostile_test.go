package bench

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/workload"
)

// TestHostileInputs puts every bad value a Parameters cell can give a Sweep through Run, each in a
// child process (lib/internal/hostile): each must be refused with a sentence naming the field, be a
// documented correct result, or — for sweeps too long to finish — stop within a second of Interrupt
// with a partial result.
func TestHostileInputs(t *testing.T) {
	quick := &fake{name: "quick", work: 10 * time.Microsecond}
	sweep := func(mod func(*Sweep)) Sweep {
		s := Sweep{Tasks: []workload.Task{quick}, Workers: []int{1, 2}, Trials: MinTrials}
		mod(&s)
		return s
	}
	refused := func(s Sweep) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Run(ctx, s)
			if err == nil {
				return fmt.Errorf("accepted: %d points", len(res.Points))
			}
			if res != nil {
				return fmt.Errorf("refused (%v) but returned a result", err)
			}
			if _, kerr := s.Key(); kerr == nil {
				return errors.New("Run refused the sweep but Key accepted it")
			}
			return err
		}
	}
	// accepted runs s and checks the result with ok.
	accepted := func(s Sweep, ok func(*Result) error) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Run(ctx, s)
			if err != nil {
				return fmt.Errorf("refused a documented sweep: %w", err)
			}
			return ok(res)
		}
	}
	// partial runs s, which is cancelled while it runs, and checks that the result is partial.
	partial := func(s Sweep) func(context.Context) error {
		return func(ctx context.Context) error {
			res, err := Run(ctx, s)
			if err == nil {
				return errors.New("the sweep finished before it was cancelled")
			}
			if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
				return fmt.Errorf("cancelled: result %v, error %v; want a partial result and the context's error", res != nil, err)
			}
			return err
		}
	}
	var cases []hostile.Case
	add := func(name, param string, s Sweep) {
		cases = append(cases, hostile.Case{Name: name, Param: param, Call: refused(s)})
	}
	ints := map[string]int{"0": 0, "-1": -1, "MinInt": math.MinInt, "MaxInt": math.MaxInt, "2^31": 1 << 31, "2^32+1": 1<<32 + 1}
	for label, v := range ints {
		add("Workers="+label, "workers", sweep(func(s *Sweep) { s.Workers = []int{1, v} }))
		add("Procs="+label, "GOMAXPROCS", sweep(func(s *Sweep) { s.Procs = []int{v} }))
		if v != 0 {
			add("Trials="+label, "trials", sweep(func(s *Sweep) { s.Trials = v }))
		}
	}
	add("Procs=Limit+1", "GOMAXPROCS", sweep(func(s *Sweep) { s.Procs = []int{procs.Limit() + 1} }))
	add("Trials=MaxTrials+1", "trials", sweep(func(s *Sweep) { s.Trials = MaxTrials + 1 }))
	add("Tasks=nil", "tasks", Sweep{})
	add("Tasks=empty", "tasks", Sweep{Tasks: []workload.Task{}})
	add("Tasks=[nil]", "Tasks[0]", sweep(func(s *Sweep) { s.Tasks = []workload.Task{nil} }))
	add("Tasks=[typed nil]", "Tasks[0]", sweep(func(s *Sweep) { s.Tasks = []workload.Task{(*fake)(nil)} }))
	add("Tasks=duplicate", "Tasks", sweep(func(s *Sweep) { s.Tasks = []workload.Task{quick, quick} }))
	add("Tasks=huge", "Tasks", sweep(func(s *Sweep) {
		s.Tasks = make([]workload.Task, 1<<20)
		for i := range s.Tasks {
			s.Tasks[i] = quick
		}
	}))
	add("Workers=huge slice", "workers", sweep(func(s *Sweep) { // issue 13, defect 9: counted runs
		s.Workers = make([]int, workload.MaxWorkers)
		for i := range s.Workers {
			s.Workers[i] = i + 1
		}
		s.Trials = MaxTrials
	}))
	cases = append(cases,
		hostile.Case{Name: "Workers=duplicate, unsorted", Param: "workers", Accepts: true, Call: accepted(
			sweep(func(s *Sweep) { s.Workers = []int{3, 2, 3, 2} }), func(r *Result) error {
				var got []int
				for _, p := range r.Points {
					got = append(got, p.Workers)
				}
				if fmt.Sprint(got) != "[1 2 3]" {
					return fmt.Errorf("workers %v; want [1 2 3]: sorted, each once, 1 added", got)
				}
				return nil
			})},
		hostile.Case{Name: "Procs=duplicate, unsorted", Param: "GOMAXPROCS", Accepts: true, Call: accepted(
			sweep(func(s *Sweep) { s.Procs = []int{2, 1, 2} }), func(r *Result) error {
				if len(r.Points) != 4 || r.Points[0].Procs != 1 || r.Points[3].Procs != 2 {
					return fmt.Errorf("%d points; want 4, GOMAXPROCS 1 then 2", len(r.Points))
				}
				return nil
			})},
		hostile.Case{Name: "Workers=MaxWorkers", Param: "workers", Accepts: true, Call: accepted(
			sweep(func(s *Sweep) { s.Workers = []int{workload.MaxWorkers} }), func(r *Result) error {
				if len(r.Points) != 2 {
					return fmt.Errorf("%d points; want 2", len(r.Points))
				}
				return nil
			})},
		// Too long to finish: Interrupt must stop them within a second, keeping what was measured.
		hostile.Case{Name: "reference run of 2^40 squares", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: partial(
			Sweep{Tasks: []workload.Task{mustTask(workload.SumSquares(1 << 40))}, Workers: []int{1, workload.MaxWorkers}})},
		hostile.Case{Name: "trials of 2^40 squares on MaxWorkers", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: partial(
			Sweep{Tasks: []workload.Task{&fake{name: "slow", work: time.Hour}}, Workers: []int{workload.MaxWorkers}, Procs: []int{procs.Limit()}, Trials: MaxTrials})},
		hostile.Case{Name: "Trials=MaxTrials", Param: "ctx", Interrupt: 300 * time.Millisecond, Call: partial(
			sweep(func(s *Sweep) { s.Trials = MaxTrials; s.Workers = []int{1, 2, 3, 4} }))},
		hostile.Case{Name: "ReadFile/not JSON", Param: "not a saved result", Call: func(context.Context) error {
			path := filepath.Join(os.TempDir(), fmt.Sprintf("parlab-hostile-%d.json", os.Getpid()))
			defer os.Remove(path)
			if err := os.WriteFile(path, []byte("{\"points\": [1, 2"), 0o644); err != nil {
				return err
			}
			_, err := ReadFile(path)
			return err
		}},
		hostile.Case{Name: "ReadFile/missing", Param: "reading a result", Call: func(context.Context) error {
			_, err := ReadFile(filepath.Join(os.TempDir(), "parlab-no-such-result.json"))
			return err
		}},
		hostile.Case{Name: "nil result methods", Param: "result", Accepts: true, Call: func(context.Context) error {
			var r *Result
			var b strings.Builder
			_ = r.Warnings()
			_ = r.Markdown()
			_ = r.Describe()
			_ = r.Group("", 0)
			_ = r.Speedups("", 0)
			_, _ = r.SpeedupAt("", 0, 2)
			if err := r.WriteCSV(&b); err != nil {
				return fmt.Errorf("WriteCSV of a nil result: %v", err)
			}
			return nil
		}},
	)
	hostile.Run(t, cases)
}

func mustTask(t workload.Task, err error) workload.Task {
	if err != nil {
		panic(err)
	}
	return t
}
