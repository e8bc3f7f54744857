package serving

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// This file holds notebook 05's errgroup exercise: GetContext, the call it needs, and its self-check,
// which extends notebook 02's counting server with a URL that fails.

// GetContext sends a GET request to url and returns the answer's body, like Get, but gives up when
// ctx ends: a request in flight is cancelled (the connection is closed, so the server sees it go), and
// with ctx already ended nothing is sent.
func GetContext(ctx context.Context, url string) (string, error) {
	if ctx == nil {
		return "", errors.New("serving: GetContext was given a nil context; pass context.Background() or a group's context")
	}
	return getBody(ctx, http.DefaultClient, url)
}

// errgroupHints are checkFetchAll's hints for the errgroup exercise.
var errgroupHints = fetchHints{
	tooMany: "Call g.SetLimit(k) before the first g.Go: then g.Go waits while k functions are running.",
	serial:  "Start each request with g.Go(func() error {…}), and wait for all of them with g.Wait().",
	tooFew:  "Let k requests be in flight: g.SetLimit(k), and return from each g.Go function as soon as its request is done.",
}

// failCase is the state of the counting server in a case where one URL fails: every other request is
// held until its client cancels it or the check releases it.
type failCase struct {
	mu        sync.Mutex // guards the fields below
	failed    bool       // the failing URL has been answered
	arrived   int        // requests that arrived
	after     int        // of those, arrived after the failure was answered
	cancelled int        // held requests that ended because their client gave up
	released  int        // held requests answered because the check let them go (not cancelled)
	release   chan struct{}
	once      sync.Once
}

func (f *failCase) releaseAll() { f.once.Do(func() { close(f.release) }) }

// serveFailCase answers /fail/i at once with 500, and holds /square/i until the client cancels it or
// the check releases it; it counts the requests in flight as ServeHTTP does.
func (s *countingServer) serveFailCase(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	f := s.fail
	s.inFlight++
	f.mu.Lock()
	f.arrived++
	if f.failed {
		f.after++
	} else {
		// The bound is judged up to the failure. After it, a cancelled request's handler notices its
		// closed connection a moment after the client has freed the slot, so the server may briefly
		// count k+1 for a client that keeps the bound; requests sent after the failure are counted
		// by f.after instead.
		s.peak = max(s.peak, s.inFlight)
	}
	f.mu.Unlock()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if strings.HasPrefix(r.URL.Path, "/fail/") {
		f.mu.Lock()
		f.failed = true
		f.mu.Unlock()
		http.Error(w, "this URL always fails", http.StatusInternalServerError)
		return
	}
	i, err := strconv.ParseUint(strings.TrimPrefix(r.URL.Path, "/square/"), 10, 32)
	if err != nil {
		http.Error(w, "want /square/<number>", http.StatusNotFound)
		return
	}
	select {
	case <-r.Context().Done():
		f.mu.Lock()
		f.cancelled++
		f.mu.Unlock()
	case <-f.release:
		f.mu.Lock()
		f.released++
		f.mu.Unlock()
		fmt.Fprint(w, i*i)
	}
}

// startFailCase starts a case of n URLs, k in flight, whose failing URL is the third.
func (s *countingServer) startFailCase(n, k int) (*failCase, []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.k, s.n, s.peak, s.answered, s.holding = k, n, 0, 0, false
	s.fail = &failCase{release: make(chan struct{})}
	urls := s.urls(n)
	urls[failIndex] = fmt.Sprintf("%s/fail/%d", s.url, failIndex+1)
	return s.fail, urls
}

// failIndex is the URL that fails in the check's failing case.
const failIndex = 2

// cancelGrace is how long after the failure the check waits for the requests in flight to be cancelled
// before it answers them itself: a cancelled request ends within milliseconds, even on a busy machine.
const cancelGrace = 2 * time.Second

// CheckFetchCancel is the self-check of the exercise "fetch every URL with at most k in flight using
// errgroup; the first failing URL cancels the rest". fetchAll(ctx, urls, k) must return the bodies in
// the order of urls, or, when a URL fails, an error. It is run against a test server on 127.0.0.1 that
// counts the requests in flight: first as CheckFetchAll does (48 URLs with k = 4, 5 with k = 8, 12 with
// k = 1: right answers in order, never more than k in flight and k reached), then with 24 URLs and
// k = 4 of which the third fails at once while every other request is held: the error must come back,
// every request in flight must be cancelled by the client within 2 s of the failure (the server sees
// its connection go), and at most k requests may arrive after the failure (a slot freed just before the
// cancel lets one through). Counted by the server, not timed.
// It takes about half a second with a good fetchAll; one that cancels nothing takes 2 s more.
func CheckFetchCancel(fetchAll func(ctx context.Context, urls []string, k int) ([]string, error)) check.Result {
	return checkFetchCancel(fetchAll, callLimit, cancelGrace)
}

func checkFetchCancel(fetchAll func(ctx context.Context, urls []string, k int) ([]string, error), limit, grace time.Duration) check.Result {
	if fetchAll == nil {
		return check.NotYet("fetchAll is nil.", "Define func fetchAll(ctx context.Context, urls []string, k int) ([]string, error) and pass it.")
	}
	withCtx := func(urls []string, k int) ([]string, error) { return fetchAll(context.Background(), urls, k) }
	if r := checkFetchAll(withCtx, limit, errgroupHints); !r.Passed() {
		return r
	}
	s, err := newCountingServer()
	if err != nil {
		return check.NotYet("The check could not start its test server: "+err.Error()+".", "")
	}
	defer s.close()
	const n, k = 24, 4
	f, urls := s.startFailCase(n, k)
	what := fmt.Sprintf("fetchAll(%d URLs, k = %d, the third failing)", n, k)
	// Release the held requests grace after the failure, if the client has not cancelled them.
	stop := make(chan struct{})
	var watcher sync.WaitGroup
	watcher.Go(func() {
		for {
			f.mu.Lock()
			failed := f.failed
			f.mu.Unlock()
			if failed {
				break
			}
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
		select {
		case <-time.After(grace):
			f.releaseAll()
		case <-stop:
		}
	})
	got, err := check.Call(limit, func() fetched {
		bodies, err := fetchAll(context.Background(), urls, k)
		http.DefaultClient.CloseIdleConnections()
		return fetched{bodies, err}
	})
	close(stop)
	watcher.Wait()
	f.releaseAll()
	if err != nil {
		return check.Explain(what, err)
	}
	f.mu.Lock()
	arrived, after, cancelled, released, failed := f.arrived, f.after, f.cancelled, f.released, f.failed
	f.mu.Unlock()
	peak := s.mostInFlight()
	switch {
	case !failed:
		return check.NotYet(fmt.Sprintf("%s never requested the failing URL (urls[%d]).", what, failIndex),
			"Request every URL, each in its own g.Go.")
	case got.err == nil:
		return check.NotYet(fmt.Sprintf("%s returned no error, though %s answered 500.", what, urls[failIndex]),
			"Return the error of the failing request from its g.Go function, and return g.Wait()'s error from fetchAll.")
	case peak > k:
		return check.NotYet(fmt.Sprintf("With k = %d, up to %d requests were in flight at once.", k, peak),
			"g.SetLimit(k) before the first g.Go.")
	case released > 0:
		return check.NotYet(fmt.Sprintf("%s returned an error, but %d %s still in flight %v after the failure: "+
			"nothing cancelled %s, so the server answered %s in the end (%d of %d requests were sent).", what, released,
			plural(released, "request was", "requests were"), grace, plural(released, "it", "them"), plural(released, "it", "them"), arrived, n),
			"Use g, ctx := errgroup.WithContext(ctx) and pass that ctx to serving.GetContext(ctx, url): "+
				"the group cancels it at the first error, and every request in flight gives up.")
	case after > k:
		return check.NotYet(fmt.Sprintf("%s cancelled the requests in flight, but still sent %d requests after the failure (%d of %d in all).", what, after, arrived, n),
			"Start no new request once the group's context is cancelled: errgroup with SetLimit blocks in g.Go "+
				"until a slot is free, and GetContext sends nothing on a cancelled context — use both.")
	}
	return check.Pass(fmt.Sprintf("Answers right and in order, never more than k in flight; when the third URL failed, "+
		"the error came back, the %d %s in flight %s cancelled, and only %d of %d requests were ever sent (%d after the failure) — counted by the server.",
		cancelled, plural(cancelled, "request", "requests"), plural(cancelled, "was", "were"), arrived, n, after))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
