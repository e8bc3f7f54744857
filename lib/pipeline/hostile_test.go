package pipeline

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts what a learner can type into notebook 05's Parameters cell through every
// entry point: pipelines, the buffer sweep, the stop experiment and the fan-out.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	runCfg := func(cfg Config) func(context.Context) error {
		return func(ctx context.Context) error { _, err := Run(ctx, cfg); return err }
	}
	one := func(st Stage) Config { return Config{Stages: []Stage{{Name: "a"}, st}} }
	for _, n := range []int{-1, maxItems + 1, math.MaxInt, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Items=%d", n), Param: "Items", Call: runCfg(Config{Stages: []Stage{{}}, Items: n})})
	}
	for _, n := range []int{-1, maxBuffer + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Buffer=%d", n), Param: "Buffer", Call: runCfg(Config{Stages: []Stage{{}}, Buffer: n})})
	}
	for _, n := range []int{-1, maxStageWorkers + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Workers=%d", n), Param: "Workers", Call: runCfg(one(Stage{Workers: n}))})
	}
	for _, d := range []time.Duration{-1, maxCost + 1, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("Run/Cost=%d", d), Param: "Cost", Call: runCfg(one(Stage{Cost: d}))})
	}
	add(hostile.Case{Name: "Run/no stages", Param: "Stages", Call: runCfg(Config{})})
	add(hostile.Case{Name: "Run/100 stages", Param: "Stages", Call: runCfg(Config{Stages: make([]Stage, 100)})})
	add(hostile.Case{Name: "Run/Stopping=9", Param: "Stopping", Call: runCfg(Config{Stages: []Stage{{}}, Stopping: 9})})
	// The largest pipeline: 8 stages of 64 workers, 100 000 items of 1 s each — interrupted.
	big := Config{Items: maxItems, Buffer: maxBuffer}
	for range maxStages {
		big.Stages = append(big.Stages, Stage{Workers: maxStageWorkers, Cost: maxCost})
	}
	add(hostile.Case{Name: "Run/the largest pipeline, interrupted", Param: "ctx", Interrupt: 300 * time.Millisecond, Call: runCfg(big)})
	big.Stopping = BetweenItems
	for i := range big.Stages {
		big.Stages[i].Cost = maxStopCost // it stops after the item in hand: up to one Cost
	}
	add(hostile.Case{Name: "Run/the largest, checking between items (500 ms), interrupted", Param: "ctx", Interrupt: 100 * time.Millisecond, Call: runCfg(big)})
	// The largest pipeline with no cost: 100 000 items as fast as channels go, accepted.
	add(hostile.Case{Name: "Run/100000 items at no cost", Param: "Items", Accepts: true, Call: func(ctx context.Context) error {
		res, err := Run(ctx, Config{Items: maxItems, Stages: []Stage{{}, {Workers: 4}, {}}})
		if err == nil && res.Done != maxItems {
			err = fmt.Errorf("Items: %d items came out; want %d", res.Done, maxItems)
		}
		return err
	}})

	sweep := func(s BufferSweep) func(context.Context) error {
		return func(ctx context.Context) error {
			b, err := s.Bench()
			if err != nil {
				return err
			}
			_, err = bench.Run(ctx, b)
			return err
		}
	}
	add(hostile.Case{Name: "BufferSweep/Buffers={-1}", Param: "Buffer", Call: sweep(BufferSweep{Buffers: []int{-1}})})
	add(hostile.Case{Name: "BufferSweep/Buffers={MaxInt}", Param: "Buffer", Call: sweep(BufferSweep{Buffers: []int{math.MaxInt}})})
	add(hostile.Case{Name: "BufferSweep/17 buffers", Param: "Buffers", Call: sweep(BufferSweep{Buffers: make([]int, 17)})})
	add(hostile.Case{Name: "BufferSweep/Items=-1", Param: "Items", Call: sweep(BufferSweep{Items: -1})})
	add(hostile.Case{Name: "BufferSweep/Cost=-1", Param: "Cost", Call: sweep(BufferSweep{Cost: -1})})
	add(hostile.Case{Name: "BufferSweep/Trials=2", Param: "trials", Call: sweep(BufferSweep{Items: 1, Trials: 2})})
	add(hostile.Case{Name: "BufferSweep/100000 items of 1s, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
		Call: sweep(BufferSweep{Items: maxItems, Cost: maxCost})})

	stop := func(s StopSweep) func(context.Context) error {
		return func(ctx context.Context) error { _, err := s.Measure(ctx, nil); return err }
	}
	for _, d := range []time.Duration{-1, maxStopCost + 1, math.MaxInt64} {
		add(hostile.Case{Name: fmt.Sprintf("StopSweep/Cost=%d", d), Param: "Cost", Call: stop(StopSweep{Cost: d})})
	}
	for _, d := range []time.Duration{-1, 11 * time.Second, math.MaxInt64, math.MinInt64} {
		add(hostile.Case{Name: fmt.Sprintf("StopSweep/After=%d", d), Param: "After", Call: stop(StopSweep{After: d})})
	}
	for _, n := range []int{-1, 101, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("StopSweep/Trials=%d", n), Param: "Trials", Call: stop(StopSweep{Trials: n})})
	}
	add(hostile.Case{Name: "StopSweep/500ms items, 10s before the cancel, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
		Call: stop(StopSweep{Cost: maxStopCost, After: 10 * time.Second, Trials: 100})})

	fan := func(f FanOut) func(context.Context) error {
		return func(ctx context.Context) error { _, err := f.Run(ctx); return err }
	}
	for _, f := range []struct {
		param string
		f     FanOut
	}{
		{"Items", FanOut{Items: -1}}, {"Items", FanOut{Items: math.MaxInt}}, {"Workers", FanOut{Workers: 65}},
		{"Cost", FanOut{Cost: -1}}, {"SlowCost", FanOut{SlowCost: math.MaxInt64}}, {"SlowEvery", FanOut{SlowEvery: -3}},
	} {
		add(hostile.Case{Name: fmt.Sprintf("FanOut/%s=%+v", f.param, f.f), Param: f.param, Call: fan(f.f)})
	}
	add(hostile.Case{Name: "FanOut/10000 items of 1s, interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond,
		Call: fan(FanOut{Items: 10_000, Cost: maxCost, Workers: 64})})
	hostile.Run(t, cases)
}
