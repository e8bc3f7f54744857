package figure

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/bounded"
	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/future"
	"github.com/parlab/parlab/lib/liveness"
	"github.com/parlab/parlab/lib/pipeline"
	"github.com/parlab/parlab/lib/pool"
)

// Results of notebook 05's experiments: made up where they are sweeps, small real runs where they are
// timelines.

func poolCurves() []pool.Curve {
	io := pool.Curve{Name: "I/O", Kind: pool.Waits, Items: 32}
	cpu := pool.Curve{Name: "CPU", Kind: pool.Computes, Items: 32}
	for _, n := range []int{1, 2, 4, 8, 16, 32} {
		v := 1000 * float64(n)
		io.Points = append(io.Points, pool.Point{Size: n, PerItem: n == 32, Throughput: bench.Interval{Value: v, Low: 0.95 * v, High: 1.05 * v}})
		c := 2000 * float64(min(n, 2))
		cpu.Points = append(cpu.Points, pool.Point{Size: n, PerItem: n == 32, Throughput: bench.Interval{Value: c, Low: 0.9 * c, High: 1.1 * c}})
	}
	return []pool.Curve{io, cpu}
}

func bufferCurves() []pipeline.BufferCurve {
	var out []pipeline.BufferCurve
	for _, bursty := range []bool{false, true} {
		c := pipeline.BufferCurve{Bursty: bursty, Bound: 1000, Ceiling: 985}
		if bursty {
			c.Ceiling, c.Enough = 800, 8
		}
		for _, b := range []int{0, 1, 4, 16} {
			v := 950.0
			if bursty {
				v = 500 + 25*float64(min(b, 16))
			}
			c.Points = append(c.Points, pipeline.BufferPoint{Buffer: b, Throughput: bench.Interval{Value: v, Low: v - 20, High: v + 20}})
		}
		out = append(out, c)
	}
	return out
}

func pipelineRun(t *testing.T, workers int) *pipeline.Result {
	t.Helper()
	r, err := pipeline.Run(context.Background(), pipeline.Config{Items: 12, Stages: []pipeline.Stage{
		{Name: "read", Cost: 200 * time.Microsecond}, {Name: "parse", Cost: time.Millisecond, Workers: workers}, {Name: "write", Cost: 200 * time.Microsecond},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func stopResult(t *testing.T) *pipeline.StopResult {
	t.Helper()
	r, err := pipeline.StopSweep{Cost: 2 * time.Millisecond, After: 5 * time.Millisecond, Trials: 1}.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fanOut(t *testing.T) *pipeline.FanOutResult {
	t.Helper()
	r, err := pipeline.FanOut{Items: 16, Workers: 4, Cost: 200 * time.Microsecond, SlowEvery: 8, SlowCost: 3 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func boundedRuns(t *testing.T) []*bounded.Result {
	t.Helper()
	var out []*bounded.Result
	for _, cfg := range []bounded.Config{
		{Tasks: 12, Limit: 3, Cost: 2 * time.Millisecond, FailAt: 4},
		{Tasks: 12, Limit: 3, Cost: 2 * time.Millisecond, FailAt: 4, Ignore: true, Tool: bounded.Semaphore},
	} {
		r, err := bounded.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func futures(t *testing.T) *future.DemoResult {
	t.Helper()
	r, err := future.Demo{Lookups: []time.Duration{time.Millisecond, 2 * time.Millisecond, 6 * time.Millisecond}, Deadline: 3 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func livenessRuns(t *testing.T) []*liveness.Run {
	t.Helper()
	dl, err := liveness.Deadlock(liveness.Opposite, 5*time.Millisecond)
	if err == nil {
		t.Fatal("no deadlock")
	}
	ll, err := liveness.Livelock{Politeness: liveness.Mirror, Rounds: 4, Step: 200 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lb, err := liveness.Livelock{Politeness: liveness.RandomBackoff, Rounds: 20, Step: 200 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st, err := liveness.Starvation{Asking: liveness.Lock, Duration: 10 * time.Millisecond, Hold: 200 * time.Microsecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return []*liveness.Run{dl, ll, lb, &st.Run}
}

// patternFigures builds every figure of this file, for everyFigure.
func patternFigures(t *testing.T) map[string]func() (chart.Figure, error) {
	return map[string]func() (chart.Figure, error){
		"Pool": func() (chart.Figure, error) {
			return Pool(poolCurves(), 2, &bench.Env{NumCPU: 2, GoVersion: "go1.26.8"})
		},
		"Pipeline":    func() (chart.Figure, error) { return Pipeline("", pipelineRun(t, 1), pipelineRun(t, 4)) },
		"Buffers":     func() (chart.Figure, error) { return Buffers(bufferCurves(), nil) },
		"StopLatency": func() (chart.Figure, error) { return StopLatency(stopResult(t)) },
		"FanOut":      func() (chart.Figure, error) { return FanOut(fanOut(t)) },
		"Bounded":     func() (chart.Figure, error) { return Bounded(boundedRuns(t)...) },
		"Futures":     func() (chart.Figure, error) { return Futures(futures(t)) },
		"Liveness":    func() (chart.Figure, error) { return Liveness("liveness", livenessRuns(t)...) },
	}
}

func TestPatternFigures(t *testing.T) {
	for name, build := range patternFigures(t) {
		fig, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		res := ct.Eval(t, fig, "")
		if len(res.Errors) > 0 {
			t.Errorf("%s: renderItem errors %v", name, res.Errors)
		}
	}
}

func TestBuffersFigure(t *testing.T) {
	fig, err := Buffers(bufferCurves(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if titles := ct.Titles(ct.OptionJSON(t, fig)); !strings.Contains(titles, "costs allow 800") {
		t.Errorf("titles %q; want the bursty stages' ceiling", titles)
	}
}

func TestPoolFigure(t *testing.T) {
	fig, err := Pool(poolCurves(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if titles := ct.Titles(m); !strings.Contains(titles, "I/O-bound batch") || !strings.Contains(titles, "CPU-bound batch") {
		t.Errorf("titles %q; want a panel per batch", titles)
	}
	if _, err := Pool(nil, 2, nil); err == nil {
		t.Error("Pool(nil) gave no error")
	}
}

func TestPipelineFigure(t *testing.T) {
	r := pipelineRun(t, 3)
	fig, err := Pipeline("", r)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if r := rows(m, 0); len(r) != 5 || !strings.HasPrefix(r[1], "parse #1 · ") {
		t.Errorf("rows %v; want one per worker, labelled with its stage", r)
	}
	res := ct.Eval(t, fig, "")
	if res.Rendered == 0 {
		t.Error("nothing rendered")
	}
	for _, bad := range [][]*pipeline.Result{nil, {nil}, make([]*pipeline.Result, 9)} {
		if _, err := Pipeline("", bad...); err == nil {
			t.Errorf("Pipeline(%d runs) gave no error", len(bad))
		}
	}
}

func TestLivenessFigure(t *testing.T) {
	runs := livenessRuns(t)
	fig, err := Liveness("", runs...)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if r := rows(m, 0); len(r) != 2 || !strings.Contains(r[1], "transfer 2 (B→A) · 1 done") {
		t.Errorf("deadlock rows %v; want the two transfers with their progress", r)
	}
	res := ct.Eval(t, fig, "")
	found := false
	for _, tip := range res.Tips {
		if strings.Contains(tip, "waiting for a lock") || strings.Contains(tip, "holds one lock") {
			found = true
		}
	}
	if !found {
		t.Errorf("tooltips %q; want what the goroutine was doing", res.Tips)
	}
	if _, err := Liveness("x", &liveness.Run{}); err == nil {
		t.Error("a run without goroutines gave no error")
	}
}

func TestBuffersAndStop(t *testing.T) {
	if _, err := Buffers(nil, nil); err == nil {
		t.Error("Buffers(nil) gave no error")
	}
	if _, err := StopLatency(&pipeline.StopResult{}); err == nil {
		t.Error("StopLatency(empty) gave no error")
	}
	if _, err := FanOut(nil); err == nil {
		t.Error("FanOut(nil) gave no error")
	}
	if _, err := Bounded(); err == nil {
		t.Error("Bounded() gave no error")
	}
	if _, err := Futures(nil); err == nil {
		t.Error("Futures(nil) gave no error")
	}
}
