package serving

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

// EventLoop returns the task of sending requests GET requests to srv the way an event loop does
// (the model of Node.js): one goroutine — the loop — runs all of the program's own code, one
// callback at a time. It starts requests; when one is answered, its callback runs on the loop:
// it handles the answer (work squares of computation, the CPU part of a request handler; 0 for
// none) and starts the next request. Run's workers argument is how many requests the loop keeps
// in flight.
//
// Go has no portable call that waits for many sockets at once from one goroutine (its runtime
// does that for every goroutine, out of sight), so each request in flight has a helper goroutine
// that only waits for the answer and queues it for the loop, as libuv's poller does for Node.js.
// No handler code runs outside the loop, so the computation never uses more than one core.
//
// The checksum is Σ i² over i = 1..requests (the answers) plus workload.SumSquaresRange(1,
// requests·work) (the handlers' work), modulo 2⁶⁴: the same as PerRequest's.
func EventLoop(srv *workload.Server, requests, work int) (workload.Task, error) {
	if err := checkTask("EventLoop", srv, requests, work); err != nil {
		return nil, err
	}
	return loopTask{newRequests(srv, requests, work)}, nil
}

// PerRequest returns the task of EventLoop done by one goroutine per request: each sends its
// request, waits and handles the answer (work squares of computation) itself, so handlers run on
// every core GOMAXPROCS allows. Run's workers argument bounds the goroutines alive — the requests
// in flight — with a semaphore. The checksum is EventLoop's.
func PerRequest(srv *workload.Server, requests, work int) (workload.Task, error) {
	if err := checkTask("PerRequest", srv, requests, work); err != nil {
		return nil, err
	}
	return perRequestTask{newRequests(srv, requests, work)}, nil
}

func checkTask(fn string, srv *workload.Server, requests, work int) error {
	switch {
	case srv == nil:
		return fmt.Errorf("serving: %s: the server is nil; start one with workload.NewServer", fn)
	case requests < 1 || requests > 1_000_000:
		return fmt.Errorf("serving: %s: requests = %d is not allowed: want 1 to 1000000", fn, requests)
	case work < 0 || work > 100_000_000:
		return fmt.Errorf("serving: %s: work = %d is not allowed: want 0 to 100000000 squares per request", fn, work)
	}
	return nil
}

// requests is what both tasks share: where to send how many requests and what each costs to handle.
type requests struct {
	url      string
	latency  time.Duration
	capacity int
	n, work  int
}

func newRequests(srv *workload.Server, n, work int) requests {
	return requests{srv.URL(), srv.Latency(), srv.Capacity(), n, work}
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

func checkInFlight(name string, n int) error {
	if n < 1 {
		return fmt.Errorf("serving: %s: workers = %d is not allowed: want at least 1 request in flight", name, n)
	}
	return nil
}

type loopTask struct{ requests }

func (t loopTask) Name() string { return t.describe("event loop") }

func (t loopTask) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t loopTask) Run(ctx context.Context, inFlight int) (uint64, error) {
	if err := checkInFlight(t.Name(), inFlight); err != nil {
		return 0, err
	}
	client, closeIdle := t.client(inFlight)
	defer closeIdle()
	type answer struct {
		i   int
		v   uint64
		err error
	}
	// answers has room for every request in flight, so a helper never blocks and always ends.
	answers := make(chan answer, inFlight)
	next, pending := 0, 0
	start := func() {
		i := next
		next++
		pending++
		go func() {
			v, err := t.get(ctx, client, i)
			answers <- answer{i, v, err}
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
		if fail == nil && ctx.Err() == nil && next < t.n {
			start()
		}
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum, fail
}

type perRequestTask struct{ requests }

func (t perRequestTask) Name() string { return t.describe("goroutine per request") }

func (t perRequestTask) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t perRequestTask) Run(ctx context.Context, inFlight int) (uint64, error) {
	if err := checkInFlight(t.Name(), inFlight); err != nil {
		return 0, err
	}
	client, closeIdle := t.client(inFlight)
	defer closeIdle()
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
			v, err := t.get(ctx, client, i)
			if err != nil {
				mu.Lock()
				fail = errors.Join(fail, err)
				mu.Unlock()
				return
			}
			sum.Add(v + t.handle(i))
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return sum.Load(), fail
}

// fetch sends GET url and parses the answer as a decimal number.
func fetch(ctx context.Context, c *http.Client, url string) (uint64, error) {
	body, err := getBody(ctx, c, url)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(body, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("serving: %s answered %q, not a number", url, body)
	}
	return v, nil
}

func getBody(ctx context.Context, c *http.Client, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", fmt.Errorf("serving: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("serving: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("serving: reading the answer of %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("serving: %s answered %s", url, resp.Status)
	}
	return string(body), nil
}
