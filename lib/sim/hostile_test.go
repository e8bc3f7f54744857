package sim

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	one := []Task{{Name: "t", Phases: []Phase{Compute("c", time.Millisecond)}}}
	run := func(name, param string, cfg Config, tasks func() []Task) {
		add(hostile.Case{Name: "Run/" + name, Param: param, Call: func(context.Context) error {
			_, err := Run(cfg, tasks())
			return err
		}})
	}
	ones := func() []Task { return one }

	// Run: Cores 1 … 1024, Quantum and Switch ≥ 0, at least one task, phases ≥ 0 of kind CPU or IO,
	// at most 2 million events and 2²⁷ events × cores.
	for _, c := range []int{0, -1, math.MinInt, maxCores + 1, 1 << 36, math.MaxInt} {
		run(fmt.Sprintf("Cores=%d", c), "Cores", Config{Cores: c}, ones)
	}
	for _, q := range []time.Duration{-1, math.MinInt64} {
		run(fmt.Sprintf("Quantum=%d", q), "Quantum", Config{Cores: 1, Quantum: q}, ones)
		run(fmt.Sprintf("Switch=%d", q), "Switch", Config{Cores: 1, Switch: q}, ones)
	}
	run("Quantum=1ns on an hour of work", "Quantum", Config{Cores: 1, Quantum: 1}, func() []Task {
		return []Task{{Phases: []Phase{Compute("", time.Hour)}}}
	})
	run("Switch with a tiny Quantum", "Quantum", Config{Cores: 1, Quantum: time.Microsecond, Switch: 1}, func() []Task {
		return []Task{{Phases: []Phase{Compute("", time.Second)}}, {Phases: []Phase{Compute("", time.Second)}}}
	})
	run("tasks=nil", "tasks", Config{Cores: 1}, func() []Task { return nil })
	run("tasks=3 million", "tasks", Config{Cores: 1}, func() []Task { return make([]Task, 3_000_000) })
	run("a task with 3 million phases", "phases", Config{Cores: 1}, func() []Task {
		return []Task{{Phases: make([]Phase, 3_000_000)}}
	})
	run("1024 cores × a million phases", "Cores", Config{Cores: maxCores}, func() []Task {
		return []Task{{Phases: make([]Phase, 1_000_000)}}
	})
	run("Arrive=-1", "arrives", Config{Cores: 1}, func() []Task { return []Task{{Arrive: -1}} })
	run("Arrive=MaxInt64", "arrives", Config{Cores: 1}, func() []Task {
		return []Task{{Arrive: math.MaxInt64}}
	})
	run("phase D=-1", "lasts", Config{Cores: 1}, func() []Task { return []Task{{Phases: []Phase{Compute("", -1)}}} })
	run("phase D=MaxInt64", "lasts", Config{Cores: 1}, func() []Task {
		return []Task{{Phases: []Phase{Compute("", math.MaxInt64)}}}
	})
	run("arrival plus work over 2^60 ns", "add up", Config{Cores: 1}, func() []Task {
		return []Task{{Arrive: 1 << 60}, {Phases: []Phase{Compute("", 1<<59), Compute("", 1<<59)}}}
	})
	run("phase Kind=7", "kind", Config{Cores: 1}, func() []Task { return []Task{{Phases: []Phase{{Kind: 7, D: 1}}}} })
	add(hostile.Case{Name: "Run/Cores=1024 (the most)", Param: "Cores", Accepts: true, Call: func(context.Context) error {
		r, err := Run(Config{Cores: maxCores}, one)
		if err == nil && (r.Timeline.Lanes != maxCores || r.Timeline.Span != time.Millisecond) {
			err = fmt.Errorf("Cores: %d lanes, span %v; want %d and 1ms", r.Timeline.Lanes, r.Timeline.Span, maxCores)
		}
		return err
	}})
	add(hostile.Case{Name: "Run/unsorted arrivals, empty phases, same names", Param: "tasks", Accepts: true, Call: func(context.Context) error {
		tasks := []Task{
			{Name: "x", Arrive: 5 * time.Millisecond, Phases: []Phase{Compute("", time.Millisecond)}},
			{Name: "x", Arrive: 0, Phases: []Phase{Compute("", time.Millisecond)}},
			{Name: "x"},
		}
		r, err := Run(Config{Cores: 1}, tasks)
		if err == nil && (r.Done[0] != 6*time.Millisecond || r.Done[1] != time.Millisecond || r.Done[2] != 0) {
			err = fmt.Errorf("tasks: done at %v, want [6ms 1ms 0s]", r.Done)
		}
		return err
	}})
	add(hostile.Case{Name: "Scenario/zero Run", Param: "Cores", Call: func(context.Context) error {
		_, err := Scenario{}.Run()
		return err
	}})

	// CPUBound and IOBound: 1 … 100 000 tasks, durations ≥ 0, n × rounds ≤ a million.
	for _, n := range []int{0, -1, math.MinInt, maxTasks + 1, 1 << 40, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("CPUBound/n=%d", n), Param: "n", Call: func(context.Context) error {
			_, err := CPUBound(n, time.Millisecond)
			return err
		}})
		add(hostile.Case{Name: fmt.Sprintf("IOBound/n=%d", n), Param: "n", Call: func(context.Context) error {
			_, err := IOBound(n, 1, time.Millisecond, time.Millisecond)
			return err
		}})
	}
	add(hostile.Case{Name: "CPUBound/d=-1", Param: "d", Call: func(context.Context) error {
		_, err := CPUBound(2, -1)
		return err
	}})
	for _, r := range []int{0, -1, math.MaxInt, maxEvents} {
		add(hostile.Case{Name: fmt.Sprintf("IOBound/rounds=%d", r), Param: "rounds", Call: func(context.Context) error {
			_, err := IOBound(2, r, time.Millisecond, time.Millisecond)
			return err
		}})
	}
	add(hostile.Case{Name: "IOBound/c=-1", Param: "c", Call: func(context.Context) error {
		_, err := IOBound(2, 1, -1, time.Millisecond)
		return err
	}})
	add(hostile.Case{Name: "IOBound/w=MinInt64", Param: "w", Call: func(context.Context) error {
		_, err := IOBound(2, 1, time.Millisecond, math.MinInt64)
		return err
	}})
	add(hostile.Case{Name: "CPUBound/n=100000 (the most)", Param: "n", Accepts: true, Call: func(context.Context) error {
		tasks, err := CPUBound(maxTasks, time.Millisecond)
		if err == nil && len(tasks) != maxTasks {
			err = fmt.Errorf("n: %d tasks, want %d", len(tasks), maxTasks)
		}
		return err
	}})

	// The scenarios: each names the parameter outside its range.
	scenario := func(name, param string, f func() (Scenario, error)) {
		add(hostile.Case{Name: name, Param: param, Call: func(context.Context) error {
			_, err := f()
			return err
		}})
	}
	for _, v := range []int{0, -1, math.MinInt, math.MaxInt} {
		scenario(fmt.Sprintf("Jugglers/jugglers=%d", v), "jugglers", func() (Scenario, error) { return Jugglers(v, 3, 4) })
		scenario(fmt.Sprintf("Jugglers/balls=%d", v), "balls", func() (Scenario, error) { return Jugglers(1, v, 4) })
		scenario(fmt.Sprintf("Jugglers/throws=%d", v), "throws", func() (Scenario, error) { return Jugglers(1, 3, v) })
		scenario(fmt.Sprintf("Secretaries/secretaries=%d", v), "secretaries", func() (Scenario, error) { return Secretaries(v) })
		scenario(fmt.Sprintf("Baristas/baristas=%d", v), "baristas", func() (Scenario, error) { return Baristas(v, 2, 6) })
		scenario(fmt.Sprintf("Baristas/machines=%d", v), "machines", func() (Scenario, error) { return Baristas(3, v, 6) })
		scenario(fmt.Sprintf("Baristas/customers=%d", v), "customers", func() (Scenario, error) { return Baristas(1, 1, v) })
		scenario(fmt.Sprintf("WebServer/cores=%d", v), "cores", func() (Scenario, error) { return WebServer(v, 10) })
		scenario(fmt.Sprintf("WebServer/requests=%d", v), "requests", func() (Scenario, error) { return WebServer(1, v) })
		scenario(fmt.Sprintf("Goroutines/cores=%d", v), "cores", func() (Scenario, error) { return Goroutines(v, 4, time.Millisecond) })
		scenario(fmt.Sprintf("Goroutines/goroutines=%d", v), "goroutines", func() (Scenario, error) { return Goroutines(1, v, time.Millisecond) })
	}
	for _, q := range []time.Duration{-1, 1, time.Hour + 1, math.MaxInt64, math.MinInt64} {
		scenario(fmt.Sprintf("SecretariesSliced/quantum=%d", q), "quantum", func() (Scenario, error) { return SecretariesSliced(1, q) })
	}
	for _, w := range []time.Duration{0, -1, time.Minute + 1, math.MaxInt64} {
		scenario(fmt.Sprintf("Goroutines/work=%d", w), "work", func() (Scenario, error) { return Goroutines(1, 4, w) })
	}
	add(hostile.Case{Name: "Goroutines/the largest scenario runs or is refused", Param: "work", Call: func(context.Context) error {
		sc, err := Goroutines(maxCores, 10_000, time.Minute)
		if err != nil {
			return err
		}
		_, err = sc.Run()
		return err
	}})
	add(hostile.Case{Name: "WebServer/the largest scenario is refused by Run", Param: "cores", Call: func(context.Context) error {
		sc, err := WebServer(maxCores, 100_000)
		if err != nil {
			return err
		}
		_, err = sc.Run()
		return err
	}})
	add(hostile.Case{Name: "WebServer/100000 requests on 64 cores run", Param: "requests", Accepts: true, Call: func(context.Context) error {
		sc, err := WebServer(64, 100_000)
		if err != nil {
			return err
		}
		r, err := sc.Run()
		if err == nil && len(r.Done) != 100_000 {
			err = fmt.Errorf("requests: %d done, want 100000", len(r.Done))
		}
		return err
	}})

	// RunGoroutines: 1 … 16 core counts, each a scenario Goroutines accepts and Run can simulate.
	huge := make([]int, 1<<20)
	for i := range huge {
		huge[i] = 1
	}
	for name, cores := range map[string][]int{
		"none": nil, "17 counts": make([]int, 17), "2^20 counts": huge, "a 0": {1, 0}, "2^36": {1, 1 << 36},
	} {
		add(hostile.Case{Name: "RunGoroutines/cores=" + name, Param: "cores", Call: func(context.Context) error {
			_, err := RunGoroutines(4, time.Millisecond, cores...)
			return err
		}})
	}
	add(hostile.Case{Name: "RunGoroutines/10000 goroutines of a minute", Param: "work", Call: func(context.Context) error {
		_, err := RunGoroutines(10_000, time.Minute, 1, 2)
		return err
	}})

	// EventLoop: requests 2 … 200, slow 0 … 1 s, cores 2 … 64.
	for _, c := range []struct {
		name, param string
		requests    int
		slow        time.Duration
		cores       int
	}{
		{"requests=1", "requests", 1, 0, 2},
		{"requests=MaxInt", "requests", math.MaxInt, 0, 2},
		{"requests=MinInt", "requests", math.MinInt, 0, 2},
		{"slow=-1", "slow", 16, -1, 2},
		{"slow=MaxInt64", "slow", 16, math.MaxInt64, 2},
		{"cores=1", "cores", 16, 0, 1},
		{"cores=2^36", "cores", 16, 0, 1 << 36},
	} {
		add(hostile.Case{Name: "EventLoop/" + c.name, Param: c.param, Call: func(context.Context) error {
			_, err := EventLoop(c.requests, c.slow, c.cores)
			return err
		}})
	}
	add(hostile.Case{Name: "EventLoop/the largest", Param: "requests", Accepts: true, Call: func(context.Context) error {
		m, err := EventLoop(200, time.Second, 64)
		if _, rows := m.Table(); err == nil && len(rows) != 3 {
			err = fmt.Errorf("requests: %d rows, want 3", len(rows))
		}
		return err
	}})

	hostile.Run(t, cases)
}
