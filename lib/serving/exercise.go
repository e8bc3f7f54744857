package serving

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/workload"
)

// This file holds notebook 02's exercises: the one call they need (Get), their three self-checks, and
// the test server that counts the requests in flight.

// Get sends a GET request to url and returns the answer's body: the one call the exercises need.
// An answer other than 200 OK is an error.
func Get(url string) (string, error) {
	return getBody(context.Background(), http.DefaultClient, url)
}

// callLimit is how long a self-check waits for one call of the learner's function.
const callLimit = 10 * time.Second

// checkLatency is what the exercise server waits before answering: long enough that waiting, not
// HTTP overhead (a fraction of a millisecond per request), dominates.
const checkLatency = 10 * time.Millisecond

// holdFor is how long the counting server holds a request while it waits for the others of its wave
// (see countingServer) after the last one arrived.
const holdFor = 300 * time.Millisecond

// countingServer answers GET /square/i with i² after checkLatency, and counts the most requests it had
// in flight at once. So that a busy machine cannot keep a correct client below its bound k — by
// starting its requests so slowly that the first has its answer before the last is sent — the server
// holds each request until as many are in flight as the client may send at once (k, or the requests
// still to come if fewer), before it starts the request's latency. A client that never sends more than
// one at a time would wait for nothing: when no new request has arrived for holdFor, the server stops
// holding until the next reset.
type countingServer struct {
	srv  *http.Server
	url  string
	done chan struct{}

	mu                       sync.Mutex // guards the fields below
	k, n                     int        // the client's bound and the number of requests of this case
	inFlight, peak, answered int
	holding                  bool
	wake                     chan struct{} // closed when the held requests may go on; replaced after
	arrived                  time.Time     // when the latest request arrived
	fail                     *failCase     // set for a case where one URL fails (cancel.go)
}

func newCountingServer() (*countingServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("serving: cannot listen on 127.0.0.1: %w", err)
	}
	s := &countingServer{url: "http://" + ln.Addr().String(), done: make(chan struct{}), wake: make(chan struct{})}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln)
	}()
	return s, nil
}

func (s *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	failing := s.fail != nil
	s.mu.Unlock()
	if failing {
		s.serveFailCase(w, r) // cancel.go
		return
	}
	i, err := strconv.ParseUint(strings.TrimPrefix(r.URL.Path, "/square/"), 10, 32)
	if err != nil {
		http.Error(w, "want /square/<number>", http.StatusNotFound)
		return
	}
	s.mu.Lock()
	s.inFlight++
	s.peak = max(s.peak, s.inFlight)
	s.arrived = time.Now()
	if s.holding && s.inFlight >= min(s.k, s.n-s.answered) {
		s.release()
	}
	wake := s.wake
	holding := s.holding
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	for holding {
		s.mu.Lock()
		left := holdFor - time.Since(s.arrived)
		s.mu.Unlock()
		if left <= 0 {
			s.mu.Lock()
			if s.holding && time.Since(s.arrived) >= holdFor {
				s.holding = false // nobody else is coming: stop holding for the rest of the case
				s.release()
			}
			s.mu.Unlock()
			break
		}
		select {
		case <-wake:
			holding = false
		case <-time.After(left):
		case <-r.Context().Done():
			return
		}
	}
	select {
	case <-time.After(checkLatency):
	case <-r.Context().Done():
		return
	}
	s.mu.Lock()
	s.answered++
	s.mu.Unlock()
	// The body stays in the response's buffer until the handler has returned — after the deferred
	// inFlight-- — so a client never sees its answer while the request still counts as in flight.
	fmt.Fprint(w, i*i)
}

// release lets the held requests go on. s.mu is held.
func (s *countingServer) release() {
	close(s.wake)
	s.wake = make(chan struct{})
}

func (s *countingServer) urls(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/square/%d", s.url, i+1)
	}
	return out
}

// reset starts a case: n requests from a client that may have k in flight.
func (s *countingServer) reset(n, k int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.k, s.n, s.peak, s.answered, s.holding, s.fail = k, n, 0, 0, k > 1, nil
	s.release()
}

func (s *countingServer) mostInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peak
}

func (s *countingServer) close() {
	s.mu.Lock()
	s.holding = false
	s.release()
	if s.fail != nil {
		s.fail.releaseAll()
	}
	s.mu.Unlock()
	s.srv.Close()
	<-s.done
}

// CheckFetchAll is the self-check of the exercise "fetch every URL concurrently, at most k in
// flight". fetchAll must return the bodies of the answers in the order of urls. The check runs it
// against a test server on 127.0.0.1 that answers after 10 ms and counts the requests in flight: 48
// URLs with k = 4, then 5 URLs with k = 8 (more slots than URLs), then 12 with k = 1. It passes when
// every answer is right and in order, no more than k requests were ever in flight, and k (or all the
// URLs, if fewer) were in flight at once — counted by the server, which holds each request until the
// others of its wave have arrived, so a busy machine cannot make a correct fetchAll look serial (see
// countingServer). Time decides nothing: how much faster than one request at a time it was is advice.
// fetchAll must not leave goroutines running. It takes about 0.3 s with a good fetchAll, a second
// more with one that sends one request at a time.
func CheckFetchAll(fetchAll func(urls []string, k int) ([]string, error)) check.Result {
	return checkFetchAll(fetchAll, callLimit, semaphoreHints)
}

// fetchHints are the hints of checkFetchAll that depend on the tool the exercise asks for.
type fetchHints struct {
	tooMany, serial, tooFew string
}

// semaphoreHints are notebook 02's: a buffered channel as a semaphore.
var semaphoreHints = fetchHints{
	tooMany: "Bound them: a buffered channel of capacity k works as a semaphore — send before starting a request, " +
		"receive when it is done.",
	serial: "Start each request in its own goroutine (go func() {…}()), and wait for all of them with a sync.WaitGroup.",
	tooFew: "Let k requests be in flight: is the semaphore's capacity k (make(chan struct{}, k)), and does each " +
		"goroutine give its slot back as soon as its request is done?",
}

func checkFetchAll(fetchAll func(urls []string, k int) ([]string, error), limit time.Duration, hints fetchHints) check.Result {
	if fetchAll == nil {
		return check.NotYet("fetchAll is nil.", "Define func fetchAll(urls []string, k int) ([]string, error) and pass it.")
	}
	s, err := newCountingServer()
	if err != nil {
		return check.NotYet("The check could not start its test server: "+err.Error()+".", "")
	}
	defer s.close()

	var advice string
	for _, c := range []struct{ n, k int }{{48, 4}, {5, 8}, {12, 1}} {
		s.reset(c.n, c.k)
		urls := s.urls(c.n)
		what := fmt.Sprintf("fetchAll(%d URLs, k = %d)", c.n, c.k)
		start := time.Now()
		got, err := check.Call(limit, func() fetched {
			bodies, err := fetchAll(urls, c.k)
			http.DefaultClient.CloseIdleConnections() // connections kept for reuse are not goroutines left running
			return fetched{bodies, err}
		})
		elapsed := time.Since(start)
		if err != nil {
			return check.Explain(what, err)
		}
		if got.err != nil {
			return check.NotYet(fmt.Sprintf("%s returned the error %q.", what, got.err),
				"Every request to the test server succeeds: return the error only when a request fails.")
		}
		if len(got.bodies) != c.n {
			return check.NotYet(fmt.Sprintf("%s returned %d bodies; want one per URL, %d.", what, len(got.bodies), c.n),
				"Make the slice of bodies as long as urls (make([]string, len(urls))), and fill element i with the answer to urls[i].")
		}
		for i, b := range got.bodies {
			if want := strconv.Itoa((i + 1) * (i + 1)); b != want {
				return check.NotYet(fmt.Sprintf("With %d URLs and k = %d, body %d is %q; want %q (the answer to urls[%d]).", c.n, c.k, i, b, want, i),
					"Keep the answers in the order of urls: let the goroutine for URL i write bodies[i].")
			}
		}
		peak, want := s.mostInFlight(), min(c.k, c.n)
		switch {
		case peak > c.k:
			return check.NotYet(fmt.Sprintf("The answers are right, but with k = %d up to %d requests were in flight at once.", c.k, peak),
				hints.tooMany)
		case peak < want && peak <= 1:
			return check.NotYet(fmt.Sprintf("The answers are right, but with %d URLs and k = %d the requests went one at a time: "+
				"the test server never had two in flight.", c.n, c.k), hints.serial)
		case peak < want:
			return check.NotYet(fmt.Sprintf("The answers are right, but with %d URLs and k = %d at most %d requests were in flight at once; "+
				"%d are allowed.", c.n, c.k, peak, want), hints.tooFew)
		}
		if c.n == 48 {
			advice = fmt.Sprintf("48 requests with k = 4 took %v; one at a time they take at least 48 × %v = %v.",
				elapsed.Round(time.Millisecond), checkLatency, 48*checkLatency)
		}
	}
	return check.Pass("Every answer right and in order; never more than k requests in flight, and k reached " +
		"(counted by the test server).").WithAdvice(advice)
}

// fetched is one call's result, carried through check.Call.
type fetched struct {
	bodies []string
	err    error
}

// CheckGoroutinesFor is the self-check of the exercise "how many goroutines does a target
// throughput need?". goroutinesFor(target, latency) must return the fewest goroutines that can
// reach target requests per second when every request waits latency: by Little's law, requests
// in flight = throughput × latency, so ⌈target·latency⌉. The check accepts up to 50% (and one)
// more, for headroom. Then it measures the learner's answer for 1000 requests/s at 5 ms against a
// workload.Server (unlimited capacity) and reports the throughput reached as advice, which is a
// little lower than the target because each request also costs some CPU time besides the wait; the
// measurement does not decide the verdict. It takes about 0.2 s.
func CheckGoroutinesFor(goroutinesFor func(target float64, latency time.Duration) int) check.Result {
	return checkGoroutinesFor(goroutinesFor, callLimit)
}

func checkGoroutinesFor(goroutinesFor func(target float64, latency time.Duration) int, limit time.Duration) check.Result {
	if goroutinesFor == nil {
		return check.NotYet("goroutinesFor is nil.", "Define func goroutinesFor(target float64, latency time.Duration) int and pass it.")
	}
	cases := []struct {
		target  float64
		latency time.Duration
	}{{400, 10 * time.Millisecond}, {2000, 5 * time.Millisecond}, {100, 50 * time.Millisecond}, {250, 10 * time.Millisecond},
		{1000, 5 * time.Millisecond}, {30, 100 * time.Millisecond}}
	for _, c := range cases {
		need := int(math.Ceil(c.target * c.latency.Seconds()))
		what := fmt.Sprintf("goroutinesFor(%g requests/s, %v)", c.target, c.latency)
		got, err := check.Call(limit, func() int { return goroutinesFor(c.target, c.latency) })
		if err != nil {
			return check.Explain(what, err)
		}
		switch {
		case got < need:
			return check.NotYet(fmt.Sprintf("%s = %d, too few: one goroutine finishes at most 1/latency = %.0f requests per second "+
				"(one after another), so %s can reach at most %.0f requests/s.",
				what, got, 1/c.latency.Seconds(), goroutines(got), float64(got)/c.latency.Seconds()),
				"Little's law: requests in flight = throughput × latency. Round up (math.Ceil).")
		case got > need+need/2+1:
			return check.NotYet(fmt.Sprintf("%s = %d: enough, but %d would do (throughput × latency = %g × %v).",
				what, got, need, c.target, c.latency),
				"Against a real server, extra requests in flight only queue and cost memory: return ⌈target × latency⌉.")
		}
	}
	const target, requests = 1000.0, 64
	r := check.Pass("Right: goroutines = ⌈target × latency⌉ (Little's law).")
	n, err := check.Call(limit, func() int { return goroutinesFor(target, workload.DefaultWait) })
	if err != nil {
		return check.Explain(fmt.Sprintf("goroutinesFor(%g requests/s, %v)", target, workload.DefaultWait), err)
	}
	srv, task, err := serve(workload.DefaultWait, 10_000, requests, nil)
	if err != nil {
		return r.WithAdvice("(The measurement could not start: " + err.Error() + ".)")
	}
	defer srv.Close()
	ctx := context.Background()
	task.Run(ctx, n) // warm-up
	best := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		if _, err := task.Run(ctx, n); err != nil {
			return r.WithAdvice("(The measurement failed: " + err.Error() + ".)")
		}
		best = min(best, time.Since(start))
	}
	x := requests / best.Seconds()
	return r.WithAdvice(fmt.Sprintf("Measured here: %d goroutines, %v latency, %d requests → %.0f requests/s "+
		"for a target of %.0f (best of 3). It falls short by the CPU time each request costs besides its wait (HTTP on both ends): "+
		"in practice, leave some headroom.", n, workload.DefaultWait, requests, x, target))
}

// CheckMaxUsers is the self-check of the exercise "how many users fit a latency budget?":
// maxUsers(levels, budget) must return the largest N among levels (increasing N, as Levels gives
// them) whose mean latency is at most budget, or 0 when none is. It is tried on the curve of a
// modelled server (capacity 8, 5 ms latency: the mean latency is 5 ms up to 8 users, N/1600 s
// beyond) with several budgets.
func CheckMaxUsers(maxUsers func(levels []Level, budget time.Duration) int) check.Result {
	return checkMaxUsers(maxUsers, callLimit)
}

func checkMaxUsers(maxUsers func(levels []Level, budget time.Duration) int, limit time.Duration) check.Result {
	if maxUsers == nil {
		return check.NotYet("maxUsers is nil.", "Define func maxUsers(levels []serving.Level, budget time.Duration) int and pass it.")
	}
	model := modelLevels(8, 5*time.Millisecond, []int{1, 2, 4, 8, 16, 24, 32, 48, 64})
	for _, c := range []struct {
		budget time.Duration
		want   int
		why    string
	}{
		{12 * time.Millisecond, 16, "16 users wait 16 ÷ 1600/s = 10 ms, 24 users 15 ms"},
		{25 * time.Millisecond, 32, "32 users wait 20 ms, 48 users 30 ms"},
		{6 * time.Millisecond, 8, "up to the capacity (8) each request takes 5 ms; 16 users already wait 10 ms"},
		{time.Second, 64, "every level is within a 1 s budget, so the answer is the largest N measured"},
		{4 * time.Millisecond, 0, "no level is within 4 ms (even one user waits 5 ms): return 0"},
	} {
		levels := append([]Level(nil), model...) // the learner's function may change its copy
		what := fmt.Sprintf("maxUsers(levels, %v)", c.budget)
		got, err := check.Call(limit, func() int { return maxUsers(levels, c.budget) })
		if err != nil {
			return check.Explain(what, err)
		}
		if got != c.want {
			return check.NotYet(fmt.Sprintf("For a server with capacity 8 and 5 ms latency, %s = %d; want %d: %s.", what, got, c.want, c.why),
				"l.Latency.Value is in seconds: compare it with budget.Seconds(), and keep the largest l.N that fits.")
		}
	}
	return check.Pass("Right on every budget: past the capacity, each extra user adds latency (N ÷ throughput), " +
		"so a latency budget caps the users a server can take.")
}
