package serving

import (
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Experiment is one of notebook 02's sweeps with the server it talks to, already running: Measure it
// (with nb.Cached; that also times every request) or measure its Sweep (nb.Measure, bench.Run: run
// times only), then Close the server. Requests is how many requests each
// timed run sends, for Levels and Curves. A nil *Experiment is safe to Close, Subtitle and Bound.
type Experiment struct {
	Sweep    bench.Sweep
	Requests int
	srv      *workload.Server
	lat      *latencies // every request's latency, recorded by the sweep's tasks
}

// Close stops the experiment's server and waits for its goroutines.
func (e *Experiment) Close() error {
	if e == nil || e.srv == nil {
		return nil
	}
	return e.srv.Close()
}

// Limits of the experiments, checked before a server starts.
const (
	// unlimited is the capacity of a server that is not meant to limit anything: more requests in
	// flight than any experiment here sends.
	unlimited = 10_000
	// maxInFlight bounds the goroutines (requests in flight) of every experiment and task: each
	// request in flight holds a connection — two file descriptors in this program, the client's end
	// and the server's — and a goroutine on each end, and past a thousand a loopback server only
	// queues them.
	maxInFlight = 1000
	// maxRequests bounds the requests of one timed run: a million take minutes even without latency.
	maxRequests = 1_000_000
	// maxLevels bounds the lists of goroutine counts: a chart cannot show more points.
	maxLevels = 32
	// maxTrials bounds the timed runs per configuration.
	maxTrials = 1000
)

// The defaults of notebook 02's experiments, each read when it is asked for, so quick mode
// (workload.Quick) is whatever it is at that moment.
func defaultRequests() int { return 16 }

func defaultGoroutines() []int { return pick([]int{1, 2, 4, 8, 16}, []int{1, 4, 16}) }

// defaultLevels are the concurrency levels of the capacity experiment: at least scaling.MinUSLPoints
// distinct, far past the cores of a laptop.
func defaultLevels() []int { return pick([]int{1, 2, 4, 8, 16, 24, 32}, []int{1, 2, 4, 8, 16, 32}) }

func defaultLoopRequests() int { return pick(8, 6) }

func defaultInFlight() []int { return pick([]int{1, 4, 8}, []int{1, 3, 6}) }

func pick[T any](normal, quick T) T {
	if workload.Quick() {
		return quick
	}
	return normal
}

// Overlap is the first experiment: requests GET requests (1 … 10⁶; 0: 16) per timed run to a server
// on 127.0.0.1 that answers after latency and serves any number at a time, from each number of
// goroutines (each 1 … 1000, at most 32 values; empty: 1, 2, 4, 8, 16, fewer in quick mode), under
// GOMAXPROCS=1 and all logical CPUs, trials times each (6 … 1000; 0: bench's default). Every value is
// checked before the server starts.
func Overlap(latency time.Duration, requests int, goroutines []int, trials int) (*Experiment, error) {
	if requests == 0 {
		requests = defaultRequests()
	}
	goroutines = orDefault(goroutines, defaultGoroutines())
	if err := validate(requests, "goroutines", goroutines, trials); err != nil {
		return nil, err
	}
	lat := &latencies{}
	srv, task, err := serve(latency, unlimited, requests, lat)
	if err != nil {
		return nil, err
	}
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{task}, Workers: goroutines,
		Procs: oneAndAll(), Trials: trials}, Requests: requests, srv: srv, lat: lat}, nil
}

// Capacity is the second experiment: a server that serves capacity requests at a time, each after
// latency, and queues the rest, sent requests per timed run from each concurrency level (each 1 …
// 1000, at most 32 values; empty: 1, 2, 4, 8, 16, 24, 32) under the current GOMAXPROCS, trials times
// each. requests (1 … 10⁶; 0: 16) is raised to the largest level, so that every goroutine sends at
// least one. Every value is checked before the server starts.
func Capacity(latency time.Duration, capacity, requests int, levels []int, trials int) (*Experiment, error) {
	levels = orDefault(levels, defaultLevels())
	if requests == 0 {
		requests = defaultRequests()
	}
	if err := validate(requests, "levels", levels, trials); err != nil {
		return nil, err
	}
	requests = max(requests, slices.Max(levels))
	lat := &latencies{}
	srv, task, err := serve(latency, capacity, requests, lat)
	if err != nil {
		return nil, err
	}
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{task}, Workers: levels, Trials: trials},
		Requests: requests, srv: srv, lat: lat}, nil
}

// validate checks an experiment's requests, its list of goroutine counts (named name) and its trials.
func validate(requests int, name string, ns []int, trials int) error {
	if requests < 1 || requests > maxRequests {
		return fmt.Errorf("serving: requests = %d is not allowed: want 1 to %d per timed run (0 means %d)", requests, maxRequests, defaultRequests())
	}
	if len(ns) > maxLevels {
		return fmt.Errorf("serving: %s has %d values; want at most %d", name, len(ns), maxLevels)
	}
	for _, n := range ns {
		if n < 1 || n > maxInFlight {
			return fmt.Errorf("serving: %s holds %d; want each from 1 to %d goroutines (requests in flight)", name, n, maxInFlight)
		}
	}
	if trials != 0 && (trials < bench.MinTrials || trials > maxTrials) {
		return fmt.Errorf("serving: trials = %d is not allowed: want %d to %d timed runs per configuration (0 means bench's default)", trials, bench.MinTrials, maxTrials)
	}
	return nil
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
	if e == nil || e.srv == nil {
		return bound(unlimited, 0, nil)
	}
	capacity := e.srv.Capacity()
	ns := slices.Clone(e.Sweep.Workers)
	if !slices.Contains(ns, 1) {
		ns = append(ns, 1) // bench adds the one-worker baseline too
	}
	slices.Sort(ns)
	return bound(capacity, e.srv.Latency(), slices.Compact(ns))
}

// bound is the Little's-law curve of a server of capacity (unlimited: no limit) and latency at the
// levels ns (sorted, distinct); without latency it has no levels.
func bound(capacity int, latency time.Duration, ns []int) Curve {
	c := Curve{Name: "bound: N ÷ latency (Little's law)", Model: true}
	if latency <= 0 {
		return c
	}
	if capacity < unlimited {
		c.Name = fmt.Sprintf("bound: min(N, %d) ÷ latency (Little's law)", capacity)
	}
	c.Levels = modelLevels(capacity, latency, ns)
	return c
}

// serve starts a loopback server and the task that sends it requests, timing each into lat; the caller
// closes the server.
func serve(latency time.Duration, capacity, requests int, lat *latencies) (*workload.Server, workload.Task, error) {
	srv, err := workload.NewServer(latency, capacity)
	if err != nil {
		return nil, nil, err
	}
	return srv, clientTask{srv: srv, requests: requests, lat: lat}, nil
}
