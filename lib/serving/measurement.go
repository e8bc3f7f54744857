package serving

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Measurement is what one of notebook 02's experiments measured: the harness's result (the time of
// each whole run, its medians and intervals, the machine) and every request's latency, per
// configuration. It is what Experiment.Measure returns and nb.Cached stores (as JSON): read it with
// Curves and Levels. Every method works on a nil *Measurement, as on one with nothing measured.
type Measurement struct {
	Bench *bench.Result `json:"bench"`
	// Requests is how many requests each timed run sent.
	Requests int `json:"requests"`
	// Latency and Capacity are the server's: its wait per request, and how many it serves at a time (0:
	// no limit).
	Latency  time.Duration `json:"latency_ns"`
	Capacity int           `json:"capacity"`
	// Work is the squares each answer's handler computed (the Models experiment), 0 for none.
	Work int `json:"work"`
	// Latencies are the per-request latencies of each configuration.
	Latencies []RequestLatencies `json:"latencies"`
}

// Measure runs the experiment's sweep (bench.Run, calling progress as it goes) with every request
// timed, and returns both. Cancelling ctx stops it as bench.Run stops, with the partial result and
// ctx's error. Run it with nb.Cached(e.CacheKey(), e.Measure) from a notebook cell.
func (e *Experiment) Measure(ctx context.Context, progress func(bench.Progress)) (*Measurement, error) {
	if e == nil || e.srv == nil {
		return nil, fmt.Errorf("serving: Measure: the experiment is nil; make one with Overlap, Capacity or Models")
	}
	e.lat.reset()
	s := e.Sweep
	s.Progress = progress
	res, err := bench.Run(ctx, s)
	if res == nil {
		return nil, err
	}
	m := &Measurement{Bench: res, Requests: e.Requests, Latency: e.srv.Latency(), Latencies: e.lat.export()}
	if c := e.srv.Capacity(); c < unlimited {
		m.Capacity = c
	}
	if len(e.Sweep.Tasks) > 1 {
		if t, ok := e.Sweep.Tasks[0].(perRequestTask); ok {
			m.Work = t.work
		}
	}
	return m, err
}

// CacheKey names what the experiment measures, for nb.Cached: it changes whenever the sweep's key does
// (its tasks, workers, GOMAXPROCS values, trials, the machine's CPUs) and with the version of what a
// Measurement holds. It is "" (cache nothing) for a nil experiment.
func (e *Experiment) CacheKey() string {
	if e == nil {
		return ""
	}
	key, err := e.Sweep.Key()
	if err != nil {
		return ""
	}
	return "serving-v1-" + key
}

// Warnings are the harness's (a busy machine, noisy points, the race detector), for nb to show.
func (m *Measurement) Warnings() []string {
	if m == nil {
		return nil
	}
	return m.Bench.Warnings()
}

// Curves turns the measurement into one curve per task and GOMAXPROCS, as Curves does, with each
// level's latency measured — the median request, P99 and Mean — where requests were timed.
func (m *Measurement) Curves() ([]Curve, error) {
	if m == nil {
		return nil, fmt.Errorf("serving: Curves: the measurement is nil: measure one first")
	}
	return curves(m.Bench, m.Requests, m.fill)
}

// Levels returns the levels of the measurement's first task under GOMAXPROCS = procs (0: the first
// measured), with measured latencies, as Curves gives them.
func (m *Measurement) Levels(procs int) ([]Level, error) {
	if m == nil || m.Bench == nil || len(m.Bench.Points) == 0 {
		return nil, fmt.Errorf("serving: Levels: the measurement is empty: nothing was measured")
	}
	g := m.Bench.Group("", procs)
	lv, err := Levels(g, m.Requests)
	if err != nil {
		return nil, err
	}
	m.fill(lv, g[0].Task, g[0].Procs)
	return lv, nil
}

// fill replaces the derived latencies of lv (task under procs) with measured ones where there are some.
func (m *Measurement) fill(lv []Level, task string, procs int) {
	for i := range lv {
		for _, r := range m.Latencies {
			if r.Task == task && r.Procs == procs && r.Workers == lv[i].N {
				r.fill(&lv[i])
			}
		}
	}
}

// Bound is what Little's law allows at the measured concurrency levels when requests cost no CPU time
// (see Experiment.Bound): a model curve, drawn dashed; with latency 0 it has no levels.
func (m *Measurement) Bound() Curve {
	if m == nil || m.Bench == nil {
		return Curve{Name: "bound: N ÷ latency (Little's law)", Model: true}
	}
	var ns []int
	for _, p := range m.Bench.Points {
		ns = append(ns, p.Workers)
	}
	slices.Sort(ns)
	capacity := m.Capacity
	if capacity == 0 {
		capacity = unlimited
	}
	return bound(capacity, m.Latency, slices.Compact(ns))
}

// Subtitle says what the experiment sent, for a chart: "16 requests per run to a server on
// 127.0.0.1 · latency 5ms · median of 6 runs", with the capacity when it limits and the work per
// answer when there is some.
func (m *Measurement) Subtitle() string {
	if m == nil {
		return ""
	}
	s := fmt.Sprintf("%d requests per run to a server on 127.0.0.1 · latency %v", m.Requests, m.Latency)
	if m.Capacity > 0 {
		s += fmt.Sprintf(" · capacity %d", m.Capacity)
	}
	if m.Work > 0 {
		s += fmt.Sprintf(" · %d squares per answer", m.Work)
	}
	if m.Bench != nil {
		s += fmt.Sprintf(" · median of %d runs", m.Bench.Trials)
	}
	return s
}
