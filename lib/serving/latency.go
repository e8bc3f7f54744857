package serving

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// maxLatencies bounds the per-request latencies kept for one configuration: later requests are timed
// but not kept (a run's median still is), so memory stays bounded however long a sweep runs.
const maxLatencies = 1 << 17

// latencyKey names a configuration of a sweep: the task, its workers and GOMAXPROCS.
type latencyKey struct {
	task           string
	workers, procs int
}

// latencies records how long each request took, from sending it to having handled its answer, for
// every configuration a sweep runs. The first run of each configuration is bench's untimed warm-up
// and is not kept; the serial reference run is not recorded at all. Safe for concurrent use.
type latencies struct {
	mu   sync.Mutex
	runs map[latencyKey]*latencyRuns // guarded by mu
}

// latencyRuns are one configuration's recorded runs.
type latencyRuns struct {
	warmedUp bool
	medians  []time.Duration // one per run
	all      []time.Duration // every request of every run, up to maxLatencies
}

// run starts recording one run of task on workers goroutines under the current GOMAXPROCS; record
// records one request's latency (safe from many goroutines) and done ends the run, keeping it when ok
// (the run completed: an interrupted or failed run is dropped, as bench drops its time). A nil
// *latencies records nothing.
func (l *latencies) run(task string, workers int) (record func(time.Duration), done func(ok bool)) {
	if l == nil {
		return func(time.Duration) {}, func(bool) {}
	}
	var mu sync.Mutex
	var this []time.Duration
	record = func(d time.Duration) {
		mu.Lock()
		this = append(this, d)
		mu.Unlock()
	}
	done = func(ok bool) {
		mu.Lock()
		defer mu.Unlock()
		if !ok || len(this) == 0 {
			return
		}
		key := latencyKey{task, workers, runtime.GOMAXPROCS(0)}
		l.mu.Lock()
		defer l.mu.Unlock()
		if l.runs == nil {
			l.runs = map[latencyKey]*latencyRuns{}
		}
		r := l.runs[key]
		if r == nil {
			r = &latencyRuns{}
			l.runs[key] = r
		}
		if !r.warmedUp { // bench's warm-up: not one of the timed trials
			r.warmedUp = true
			return
		}
		r.medians = append(r.medians, quantile(this, 0.5))
		r.all = append(r.all, this[:min(len(this), maxLatencies-len(r.all))]...)
	}
	return record, done
}

// reset forgets everything recorded, before a new sweep.
func (l *latencies) reset() {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.runs = nil
	l.mu.Unlock()
}

// RequestLatencies are the per-request latencies measured for one configuration of a sweep: each
// request timed from sending it to having handled its answer.
type RequestLatencies struct {
	Task    string `json:"task"`
	Workers int    `json:"workers"`
	Procs   int    `json:"gomaxprocs"`
	// RunMedians are the median latency of each timed run, in the order measured (the warm-up is left
	// out).
	RunMedians []time.Duration `json:"run_medians_ns"`
	// P99 and Mean are the 99th percentile and the mean of every request kept; Requests counts them
	// (at most 2¹⁷ per configuration).
	P99      time.Duration `json:"p99_ns"`
	Mean     time.Duration `json:"mean_ns"`
	Requests int           `json:"requests"`
}

// export returns what was recorded, configuration by configuration, in a stable order.
func (l *latencies) export() []RequestLatencies {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []RequestLatencies
	for k, r := range l.runs {
		if len(r.medians) == 0 {
			continue
		}
		var sum time.Duration
		for _, d := range r.all {
			sum += d
		}
		out = append(out, RequestLatencies{Task: k.task, Workers: k.workers, Procs: k.procs, RunMedians: slices.Clone(r.medians),
			P99: quantile(r.all, 0.99), Mean: sum / time.Duration(len(r.all)), Requests: len(r.all)})
	}
	slices.SortFunc(out, func(a, b RequestLatencies) int {
		return cmp.Or(cmp.Compare(a.Task, b.Task), cmp.Compare(a.Procs, b.Procs), cmp.Compare(a.Workers, b.Workers))
	})
	return out
}

// fill sets a level's latency from what was measured for its configuration: the median of the runs'
// medians with its 95% interval over runs (bench.MedianCI; with fewer runs than an interval needs, the
// median alone), the 99th percentile and the mean of every request. A level without recorded
// latencies keeps its derived mean.
func (r RequestLatencies) fill(lv *Level) {
	if len(r.RunMedians) == 0 {
		return
	}
	med, lo, hi, _ := bench.MedianCI(r.RunMedians)
	lv.Latency = bench.Interval{Value: med.Seconds(), Low: lo.Seconds(), High: hi.Seconds()}
	lv.P99, lv.Mean, lv.Requests, lv.Derived = r.P99.Seconds(), r.Mean.Seconds(), r.Requests, false
}

// quantile returns the q-quantile of ds by the nearest-rank method: the smallest value with at least a
// fraction q of ds at or below it. With fewer than 1/(1−q) values, the 99th percentile is the largest.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := int(float64(len(s))*q + 0.999999999) // ⌈n·q⌉
	return s[min(max(rank, 1), len(s))-1]
}

// clientTask is the client of Overlap and Capacity: requests GET requests to a server, shared by N
// goroutines — each sends one, waits for the answer, sends the next — with every request's latency
// recorded. The checksum is Σ i² over i = 1..requests, as workload.HTTP's.
type clientTask struct {
	srv      *workload.Server
	requests int
	lat      *latencies
}

func (t clientTask) Name() string {
	return fmt.Sprintf("HTTP GET, %d requests, latency %v, capacity %d", t.requests, t.srv.Latency(), t.srv.Capacity())
}

// Serial is the reference run: one goroutine, not recorded (it is not one of the sweep's runs).
func (t clientTask) Serial(ctx context.Context) (uint64, error) { return t.send(ctx, 1, nil) }

func (t clientTask) Run(ctx context.Context, workers int) (uint64, error) {
	return t.send(ctx, workers, t.lat)
}

func (t clientTask) send(ctx context.Context, workers int, lat *latencies) (uint64, error) {
	if err := validateInFlight(t.Name(), workers); err != nil {
		return 0, err
	}
	tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	record, done := lat.run(t.Name(), workers)
	var (
		next, sum atomic.Uint64
		mu        sync.Mutex
		fail      error
		wg        sync.WaitGroup
	)
	for range min(workers, t.requests) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= uint64(t.requests) {
					return
				}
				start := time.Now()
				v, err := fetch(ctx, client, fmt.Sprintf("%s/square/%d", t.srv.URL(), i+1))
				if err != nil {
					if ctx.Err() == nil {
						mu.Lock()
						fail = cmp.Or(fail, err)
						mu.Unlock()
					}
					return
				}
				record(time.Since(start))
				sum.Add(v)
			}
		})
	}
	wg.Wait()
	done(fail == nil && ctx.Err() == nil)
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum.Load(), fail
}
