package serving

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/workload"
)

// Get sends a GET request to url and returns the answer's body: the one call the exercises need.
// An answer other than 200 OK is an error.
func Get(url string) (string, error) {
	return getBody(context.Background(), http.DefaultClient, url)
}

// checkLatency is what the exercise server waits before answering: long enough that waiting, not
// HTTP overhead (≈ 0.1–0.5 ms per request on the 2-core development machine), dominates.
const checkLatency = 10 * time.Millisecond

// countingServer answers GET /square/i with i² after checkLatency and records the most requests it
// had in flight at once.
type countingServer struct {
	srv      *http.Server
	url      string
	done     chan struct{}
	inFlight atomic.Int64
	peak     atomic.Int64
	served   atomic.Int64
}

func newCountingServer() (*countingServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving: cannot listen on 127.0.0.1: %w", err)
	}
	s := &countingServer{url: "http://" + ln.Addr().String(), done: make(chan struct{})}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln)
	}()
	return s, nil
}

func (s *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	i, err := strconv.ParseUint(strings.TrimPrefix(r.URL.Path, "/square/"), 10, 32)
	if err != nil {
		http.Error(w, "want /square/<number>", http.StatusNotFound)
		return
	}
	n := s.inFlight.Add(1)
	defer s.inFlight.Add(-1)
	for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
	}
	select {
	case <-time.After(checkLatency):
	case <-r.Context().Done():
		return
	}
	s.served.Add(1)
	fmt.Fprint(w, i*i)
}

func (s *countingServer) urls(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/square/%d", s.url, i+1)
	}
	return out
}

func (s *countingServer) reset() { s.peak.Store(0); s.served.Store(0) }

func (s *countingServer) close() {
	s.srv.Close()
	<-s.done
}

// fetchTimeout is how long CheckFetchAll waits for one call of the learner's function.
const fetchTimeout = 10 * time.Second

// CheckFetchAll is the self-check of the exercise "fetch every URL concurrently, at most k in
// flight". fetchAll must return the bodies of the answers in the order of urls. The check runs it
// against a test server on 127.0.0.1 that answers after 10 ms and counts the requests in flight:
// 48 URLs with k = 4, then 5 URLs with k = 8 (more slots than URLs), then 12 with k = 1. It passes
// when every answer is right and in order, no more than k requests were ever in flight, k were
// reached, and the 48 requests took less than half the time of sending them one at a time. The
// message says what failed, with a hint. It takes about 0.5 s with a good fetchAll.
func CheckFetchAll(fetchAll func(urls []string, k int) ([]string, error)) (pass bool, message string) {
	if fetchAll == nil {
		return false, "fetchAll is nil: define func fetchAll(urls []string, k int) ([]string, error)."
	}
	s, err := newCountingServer()
	if err != nil {
		return false, err.Error()
	}
	defer s.close()

	var speedup float64
	for _, c := range []struct{ n, k int }{{48, 4}, {5, 8}, {12, 1}} {
		s.reset()
		urls := s.urls(c.n)
		start := time.Now()
		got, err, ok := callWithTimeout(fetchAll, urls, c.k)
		elapsed := time.Since(start)
		if !ok {
			return false, fmt.Sprintf("fetchAll(%d URLs, k = %d) did not return within %v. Does it wait for something that never happens — "+
				"a channel nobody sends on, or a WaitGroup whose Done is missing?", c.n, c.k, fetchTimeout)
		}
		if err != nil {
			return false, fmt.Sprintf("fetchAll(%d URLs, k = %d) returned the error %q; every request should succeed.", c.n, c.k, err)
		}
		if len(got) != c.n {
			return false, fmt.Sprintf("fetchAll(%d URLs, k = %d) returned %d bodies; want one per URL (%d).", c.n, c.k, len(got), c.n)
		}
		for i, b := range got {
			if want := strconv.Itoa((i + 1) * (i + 1)); b != want {
				return false, fmt.Sprintf("with %d URLs and k = %d, body %d is %q; want %q (the answer to urls[%d]). "+
					"Keep the answers in the order of urls: let the goroutine for URL i write bodies[i].", c.n, c.k, i, b, want, i)
			}
		}
		peak := int(s.peak.Load())
		want := min(c.k, c.n)
		switch {
		case peak > c.k:
			return false, fmt.Sprintf("with k = %d, up to %d requests were in flight at once: bound them. "+
				"A buffered channel of capacity k works as a semaphore: send before starting a request, receive when it is done.", c.k, peak)
		case peak < want:
			return false, fmt.Sprintf("with %d URLs and k = %d, at most %d request(s) were in flight at once: the answers are right, "+
				"but the requests waited for each other. Start each request in its own goroutine (go func() {…}()), "+
				"and wait for all of them with a sync.WaitGroup.", c.n, c.k, peak)
		}
		if c.n == 48 {
			serial := time.Duration(c.n) * checkLatency
			speedup = serial.Seconds() / elapsed.Seconds()
			if speedup < 2 {
				return false, fmt.Sprintf("48 requests with k = 4 took %v, only %.1f× faster than one at a time (%v): "+
					"k requests in flight should be close to k× faster.", elapsed.Round(time.Millisecond), speedup, serial)
			}
		}
	}
	return true, fmt.Sprintf("Every answer right and in order; never more than k requests in flight, and k reached; "+
		"48 requests with k = 4 were %.1f× faster than one at a time (at most 4× is possible).", speedup)
}

// callWithTimeout calls f and reports ok = false when it did not return within fetchTimeout
// (f is then left running).
func callWithTimeout(f func([]string, int) ([]string, error), urls []string, k int) (got []string, err error, ok bool) {
	type result struct {
		got []string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ch <- result{nil, fmt.Errorf("fetchAll panicked: %v", p)}
			}
		}()
		g, e := f(urls, k)
		ch <- result{g, e}
	}()
	timer := time.NewTimer(fetchTimeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		return r.got, r.err, true
	case <-timer.C:
		return nil, nil, false
	}
}

// CheckGoroutinesFor is the self-check of the exercise "how many goroutines does a target
// throughput need?". goroutinesFor(target, latency) must return the fewest goroutines that can
// reach target requests per second when every request waits latency: by Little's law, requests
// in flight = throughput × latency, so ⌈target·latency⌉. The check accepts up to 50% (and one)
// more, for headroom. Then it measures the learner's answer for 1000 requests/s at 5 ms against a
// workload.Server (unlimited capacity) and reports the throughput reached, which is a little lower
// than the target because each request also costs some CPU time besides the wait; the measurement
// does not decide the verdict. It takes about 0.2 s.
func CheckGoroutinesFor(goroutinesFor func(target float64, latency time.Duration) int) (pass bool, message string) {
	if goroutinesFor == nil {
		return false, "goroutinesFor is nil: define func goroutinesFor(target float64, latency time.Duration) int."
	}
	cases := []struct {
		target  float64
		latency time.Duration
	}{{400, 10 * time.Millisecond}, {2000, 5 * time.Millisecond}, {100, 50 * time.Millisecond}, {1000, 5 * time.Millisecond}, {30, 100 * time.Millisecond}}
	for _, c := range cases {
		need := int(math.Ceil(c.target * c.latency.Seconds()))
		got := goroutinesFor(c.target, c.latency)
		switch {
		case got < need:
			return false, fmt.Sprintf("goroutinesFor(%g requests/s, %v) = %d, too few: one goroutine finishes at most 1/latency = %.0f requests per second "+
				"(one after another), so %s reach at most %.0f requests/s. Little's law: requests in flight = throughput × latency.",
				c.target, c.latency, got, 1/c.latency.Seconds(), goroutines(got), float64(got)/c.latency.Seconds())
		case got > need+need/2+1:
			return false, fmt.Sprintf("goroutinesFor(%g requests/s, %v) = %d: enough, but %d would do (throughput × latency = %g × %v). "+
				"Against a real server, extra requests in flight only queue and cost memory.", c.target, c.latency, got, need, c.target, c.latency)
		}
	}
	const target, requests = 1000.0, 64
	n := goroutinesFor(target, workload.DefaultWait)
	srv, task, err := serve(workload.DefaultWait, 10_000, requests)
	if err != nil {
		return true, "Right: goroutines = ⌈target × latency⌉ (Little's law). (The measurement could not start: " + err.Error() + ")"
	}
	defer srv.Close()
	ctx := context.Background()
	task.Run(ctx, n) // warm-up
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		if _, err := task.Run(ctx, n); err != nil {
			return true, "Right: goroutines = ⌈target × latency⌉ (Little's law). (The measurement failed: " + err.Error() + ")"
		}
		best = min(best, time.Since(start))
	}
	x := requests / best.Seconds()
	return true, fmt.Sprintf("Right: goroutines = ⌈target × latency⌉ (Little's law). Measured here: %d goroutines, %v latency, %d requests → %.0f requests/s "+
		"for a target of %.0f (best of 3). It falls short by the CPU time each request costs besides its wait (HTTP on both ends): "+
		"in practice, leave some headroom.", n, workload.DefaultWait, requests, x, target)
}
