package serving

import (
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Experiment is one of notebook 02's sweeps with the server it talks to, already running: measure
// Sweep (with nb.Measure or bench.Run), then Close the server. Requests is how many requests each
// timed run sends, for Levels and Curves.
type Experiment struct {
	Sweep    bench.Sweep
	Requests int
	srv      *workload.Server
}

// Close stops the experiment's server and waits for its goroutines.
func (e *Experiment) Close() error {
	if e == nil || e.srv == nil {
		return nil
	}
	return e.srv.Close()
}

// unlimited is the capacity of a server that is not meant to limit anything: more requests in
// flight than any sweep here sends.
const unlimited = 10_000

// Overlap is the first experiment: requests GET requests (0: DefaultRequests) per timed run to a
// server on 127.0.0.1 that answers after latency and serves any number at a time, from each number
// of goroutines (empty: DefaultGoroutines), under GOMAXPROCS=1 and all logical CPUs, trials times
// each (0: bench's default).
func Overlap(latency time.Duration, requests int, goroutines []int, trials int) (*Experiment, error) {
	if requests == 0 {
		requests = DefaultRequests
	}
	srv, task, err := serve(latency, unlimited, requests)
	if err != nil {
		return nil, err
	}
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{task}, Workers: orDefault(goroutines, DefaultGoroutines),
		Procs: oneAndAll(), Trials: trials}, Requests: requests, srv: srv}, nil
}

// Capacity is the second experiment: a server that serves capacity requests at a time, each after
// latency, and queues the rest, sent requests per timed run from each concurrency level (empty:
// DefaultLevels) under the current GOMAXPROCS. requests is raised to the largest level, so that
// every goroutine sends at least one (0: DefaultRequests, then raised).
func Capacity(latency time.Duration, capacity, requests int, levels []int, trials int) (*Experiment, error) {
	levels = orDefault(levels, DefaultLevels)
	if requests == 0 {
		requests = DefaultRequests
	}
	requests = max(requests, slices.Max(levels))
	srv, task, err := serve(latency, capacity, requests)
	if err != nil {
		return nil, err
	}
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{task}, Workers: levels, Trials: trials},
		Requests: requests, srv: srv}, nil
}

// Models is the third experiment: PerRequest and EventLoop, DefaultLoopRequests requests per run
// with work squares of computation per answer, to a server with latency and no capacity limit, at
// DefaultInFlight requests in flight, under GOMAXPROCS=1 and all logical CPUs.
func Models(latency time.Duration, work, trials int) (*Experiment, error) {
	srv, err := workload.NewServer(latency, unlimited)
	if err != nil {
		return nil, err
	}
	per, err := PerRequest(srv, DefaultLoopRequests, work)
	if err != nil {
		srv.Close()
		return nil, err
	}
	loop, err := EventLoop(srv, DefaultLoopRequests, work)
	if err != nil {
		srv.Close()
		return nil, err
	}
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{per, loop}, Workers: DefaultInFlight, Procs: oneAndAll(), Trials: trials},
		Requests: DefaultLoopRequests, srv: srv}, nil
}

func orDefault(list, def []int) []int {
	if len(list) == 0 {
		return def
	}
	return list
}

// oneAndAll is GOMAXPROCS=1 and, on a machine with more than one, all logical CPUs.
func oneAndAll() []int {
	if n := runtime.NumCPU(); n > 1 {
		return []int{1, n}
	}
	return []int{1}
}

// Subtitle says what an experiment sent, for a chart: "16 requests per run · latency 5ms ·
// median of 6 runs", with the capacity when it limits and the work per answer when there is some.
func (e *Experiment) Subtitle(res *bench.Result) string {
	if e == nil || e.srv == nil {
		return ""
	}
	s := fmt.Sprintf("%d requests per run to a server on 127.0.0.1 · latency %v", e.Requests, e.srv.Latency())
	if c := e.srv.Capacity(); c < unlimited {
		s += fmt.Sprintf(" · capacity %d", c)
	}
	if len(e.Sweep.Tasks) > 1 {
		if t, ok := e.Sweep.Tasks[0].(perRequestTask); ok && t.work > 0 {
			s += fmt.Sprintf(" · %d squares per answer", t.work)
		}
	}
	if res != nil {
		s += fmt.Sprintf(" · median of %d runs", res.Trials)
	}
	return s
}

// Bound is what Little's law allows at the experiment's concurrency levels when requests cost no
// CPU time: throughput min(N, capacity) ÷ latency, and a mean latency of max(latency, N ÷
// throughput) — the wait, plus the queue past the capacity. It is a model curve, for the chart
// next to the measured ones; with latency 0 it has no levels (there is no bound to draw).
func (e *Experiment) Bound() Curve {
	c := Curve{Name: "bound: N ÷ latency (Little's law)", Model: true}
	if e == nil || e.srv == nil || e.srv.Latency() <= 0 {
		return c
	}
	capacity := e.srv.Capacity()
	if capacity < unlimited {
		c.Name = fmt.Sprintf("bound: min(N, %d) ÷ latency (Little's law)", capacity)
	}
	ns := slices.Clone(e.Sweep.Workers)
	if !slices.Contains(ns, 1) {
		ns = append(ns, 1) // bench adds the one-worker baseline too
	}
	slices.Sort(ns)
	c.Levels = modelLevels(capacity, e.srv.Latency(), slices.Compact(ns))
	return c
}

// serve starts a loopback server and the task that sends it requests; the caller closes the server.
func serve(latency time.Duration, capacity, requests int) (*workload.Server, workload.Task, error) {
	srv, err := workload.NewServer(latency, capacity)
	if err != nil {
		return nil, nil, err
	}
	task, err := workload.HTTP(srv, requests)
	if err != nil {
		srv.Close()
		return nil, nil, err
	}
	return srv, task, nil
}
