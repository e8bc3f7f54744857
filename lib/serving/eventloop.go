package serving

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Models is the third experiment: PerRequest and EventLoop, 8 requests per run (6 in quick mode)
// with work squares of computation per answer (0 … 10⁸), to a server with latency and no capacity
// limit, at 1, 4 and 8 requests in flight (1, 3, 6 in quick mode), under GOMAXPROCS=1 and all logical
// CPUs, trials times each (6 … 1000; 0: bench's default).
func Models(latency time.Duration, work, trials int) (*Experiment, error) {
	requests, inFlight := defaultLoopRequests(), defaultInFlight()
	if err := validate(requests, "in flight", inFlight, trials); err != nil {
		return nil, err
	}
	if err := validateSizes("Models", requests, work); err != nil {
		return nil, err
	}
	srv, err := workload.NewServer(latency, unlimited)
	if err != nil {
		return nil, err
	}
	lat := &latencies{}
	r := newRequests(srv, requests, work)
	r.lat = lat
	return &Experiment{Sweep: bench.Sweep{Tasks: []workload.Task{perRequestTask{r}, loopTask{r}}, Workers: inFlight, Procs: oneAndAll(), Trials: trials},
		Requests: requests, srv: srv, lat: lat}, nil
}

// EventLoop returns the task of sending requests GET requests to srv the way an event loop does
// (the model of Node.js): one goroutine — the loop — runs all of the program's own code, one
// callback at a time. It starts requests; when one is answered, its callback runs on the loop:
// it handles the answer (work squares of computation, the CPU part of a request handler; 0 for
// none) and starts the next request. Run's workers argument is how many requests the loop keeps
// in flight, 1 … 1000. requests is 1 … 10⁶ and work 0 … 10⁸.
//
// Go has no portable call that waits for many sockets at once from one goroutine (its runtime
// does that for every goroutine, out of sight), so each request in flight has a helper goroutine
// that only waits for the answer and queues it for the loop, as libuv's poller does for Node.js.
// No handler code runs outside the loop, so the computation never uses more than one core.
//
// The checksum is Σ i² over i = 1..requests (the answers) plus workload.SumSquaresRange(1,
// requests·work) (the handlers' work), modulo 2⁶⁴: the same as PerRequest's.
func EventLoop(srv *workload.Server, requests, work int) (workload.Task, error) {
	if err := validateTask("EventLoop", srv, requests, work); err != nil {
		return nil, err
	}
	return loopTask{newRequests(srv, requests, work)}, nil
}

// PerRequest returns the task of EventLoop done by one goroutine per request: each sends its
// request, waits and handles the answer (work squares of computation) itself, so handlers run on
// every core GOMAXPROCS allows. Run's workers argument (1 … 1000) bounds the goroutines alive — the
// requests in flight — with a semaphore. The checksum is EventLoop's.
func PerRequest(srv *workload.Server, requests, work int) (workload.Task, error) {
	if err := validateTask("PerRequest", srv, requests, work); err != nil {
		return nil, err
	}
	return perRequestTask{newRequests(srv, requests, work)}, nil
}

// maxWork bounds the squares a handler computes per answer: 10⁸ is tens of milliseconds of CPU.
const maxWork = 100_000_000

func validateTask(fn string, srv *workload.Server, requests, work int) error {
	if srv == nil {
		return fmt.Errorf("serving: %s: the server is nil; start one with workload.NewServer", fn)
	}
	return validateSizes(fn, requests, work)
}

func validateSizes(fn string, requests, work int) error {
	switch {
	case requests < 1 || requests > maxRequests:
		return fmt.Errorf("serving: %s: requests = %d is not allowed: want 1 to %d", fn, requests, maxRequests)
	case work < 0 || work > maxWork:
		return fmt.Errorf("serving: %s: work = %d is not allowed: want 0 to %d squares per request", fn, work, maxWork)
	}
	return nil
}

// requests is what both tasks share: where to send how many requests and what each costs to handle.
type requests struct {
	url      string
	latency  time.Duration
	capacity int
	n, work  int
	lat      *latencies // when not nil, each request's latency is recorded (Models)
}

func newRequests(srv *workload.Server, n, work int) requests {
	return requests{url: srv.URL(), latency: srv.Latency(), capacity: srv.Capacity(), n: n, work: work}
}

func (r requests) describe(model string) string {
	s := fmt.Sprintf("%s, %d requests, latency %v, capacity %d", model, r.n, r.latency, r.capacity)
	if r.work > 0 {
		s += fmt.Sprintf(", %d squares per answer", r.work)
	}
	return s
}

// handle is the handler's CPU work for request i (0-based): its slice of the sum of squares.
func (r requests) handle(i int) uint64 {
	if r.work == 0 {
		return 0
	}
	lo := uint64(i)*uint64(r.work) + 1
	return workload.SumSquaresRange(lo, lo+uint64(r.work)-1)
}

func (r requests) get(ctx context.Context, c *http.Client, i int) (uint64, error) {
	return fetch(ctx, c, fmt.Sprintf("%s/square/%d", r.url, i+1))
}

func (r requests) client(inFlight int) (*http.Client, func()) {
	tr := &http.Transport{MaxIdleConnsPerHost: inFlight, MaxConnsPerHost: inFlight}
	return &http.Client{Transport: tr, Timeout: time.Minute}, tr.CloseIdleConnections
}

func validateInFlight(name string, n int) error {
	if n < 1 || n > maxInFlight {
		return fmt.Errorf("serving: %s: workers = %d is not allowed: want 1 to %d requests in flight", name, n, maxInFlight)
	}
	return nil
}

type loopTask struct{ requests }

func (t loopTask) Name() string { return t.describe("event loop") }

func (t loopTask) Serial(ctx context.Context) (uint64, error) {
	t.lat = nil // the reference run is not one of the sweep's
	return t.Run(ctx, 1)
}

func (t loopTask) Run(ctx context.Context, inFlight int) (uint64, error) {
	if err := validateInFlight(t.Name(), inFlight); err != nil {
		return 0, err
	}
	client, closeIdle := t.client(inFlight)
	defer closeIdle()
	record, done := t.lat.run(t.Name(), inFlight)
	type answer struct {
		i     int
		v     uint64
		err   error
		start time.Time
	}
	// answers has room for every request in flight, so a helper never blocks and always ends.
	answers := make(chan answer, inFlight)
	next, pending := 0, 0
	start := func() {
		i := next
		next++
		pending++
		go func() {
			start := time.Now()
			v, err := t.get(ctx, client, i)
			answers <- answer{i, v, err, start}
		}()
	}
	for pending < inFlight && next < t.n {
		start()
	}
	var (
		sum  uint64
		fail error
	)
	for pending > 0 { // the loop: one callback at a time
		a := <-answers
		pending--
		if a.err != nil {
			fail = errors.Join(fail, a.err)
			continue
		}
		sum += a.v + t.handle(a.i)
		record(time.Since(a.start)) // sent, answered, and its callback run on the loop
		if fail == nil && ctx.Err() == nil && next < t.n {
			start()
		}
	}
	done(fail == nil && ctx.Err() == nil)
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum, fail
}

type perRequestTask struct{ requests }

func (t perRequestTask) Name() string { return t.describe("goroutine per request") }

func (t perRequestTask) Serial(ctx context.Context) (uint64, error) {
	t.lat = nil // the reference run is not one of the sweep's
	return t.Run(ctx, 1)
}

func (t perRequestTask) Run(ctx context.Context, inFlight int) (uint64, error) {
	if err := validateInFlight(t.Name(), inFlight); err != nil {
		return 0, err
	}
	client, closeIdle := t.client(inFlight)
	defer closeIdle()
	record, done := t.lat.run(t.Name(), inFlight)
	var (
		sum  atomic.Uint64
		mu   sync.Mutex
		fail error
		wg   sync.WaitGroup
	)
	sem := make(chan struct{}, inFlight)
	for i := range t.n {
		sem <- struct{}{} // a free slot; it is given back when a goroutine ends
		mu.Lock()
		stop := fail != nil
		mu.Unlock()
		if stop || ctx.Err() != nil {
			<-sem
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			start := time.Now()
			v, err := t.get(ctx, client, i)
			if err != nil {
				mu.Lock()
				fail = errors.Join(fail, err)
				mu.Unlock()
				return
			}
			sum.Add(v + t.handle(i))
			record(time.Since(start))
		})
	}
	wg.Wait()
	done(fail == nil && ctx.Err() == nil)
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum.Load(), fail
}

// DescribeLoop says in Markdown what the event loop vs goroutine-per-request experiment measured at
// the largest number of requests in flight, under each GOMAXPROCS (curves from Curves, named
// "event loop, GOMAXPROCS=p" and "goroutine per request, GOMAXPROCS=p"); on one core (OneCore) it
// says that more cores cannot be measured here.
func DescribeLoop(curves []Curve) string {
	type pair struct{ loop, per *Level }
	byProcs := map[string]*pair{}
	var order []string
	for i := range curves {
		model, procs, ok := strings.Cut(curves[i].Name, ", ")
		if !ok || len(curves[i].Levels) == 0 {
			continue
		}
		p := byProcs[procs]
		if p == nil {
			p = &pair{}
			byProcs[procs] = p
			order = append(order, procs)
		}
		top := curves[i].Levels[len(curves[i].Levels)-1]
		switch model {
		case "event loop":
			p.loop = &top
		case "goroutine per request":
			p.per = &top
		}
	}
	var parts []string
	for _, procs := range order {
		p := byProcs[procs]
		if p.loop == nil || p.per == nil || p.loop.N != p.per.N {
			continue
		}
		r := p.per.Throughput.Value / p.loop.Throughput.Value
		verdict := "about the same"
		switch {
		case r >= 1.25:
			verdict = fmt.Sprintf("the goroutines got **%.1f×** as many", r)
		case r <= 0.8:
			verdict = fmt.Sprintf("the event loop got **%.1f×** as many", 1/r)
		}
		parts = append(parts, fmt.Sprintf("under **%s**, with %d requests in flight, the event loop got %.0f requests/s and a goroutine per request %.0f: %s",
			procs, p.per.N, p.loop.Throughput.Value, p.per.Throughput.Value, verdict))
	}
	if len(parts) == 0 {
		return "Nothing to compare yet: measure both models at the same numbers of requests in flight."
	}
	s := "Measured: " + strings.Join(parts, "; ") + "."
	if OneCore(curves) {
		s += " This machine gives Go **one core**, so there is no all-cores line: whether the goroutines pull ahead " +
			"of the event loop when their handlers can run in parallel cannot be measured here."
	}
	return s
}
