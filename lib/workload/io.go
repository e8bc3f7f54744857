package workload

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxWait bounds one wait so that a typo (5 * time.Second instead of Millisecond) is caught.
const maxWait = time.Minute

// validateWait checks the tasks and the wait of a task made of waits.
func validateWait(task string, tasks int, wait time.Duration) error {
	switch {
	case tasks < 1 || tasks > maxTasks:
		return errSize(task, "tasks", tasks, fmt.Sprintf("want from 1 to %d tasks", maxTasks))
	case wait < 0 || wait > maxWait:
		return errSize(task, "wait", wait, fmt.Sprintf("want a duration from 0 to %v", maxWait))
	}
	return nil
}

type sleep struct {
	tasks int
	wait  time.Duration
}

// Sleep returns the I/O-bound task of tasks waits of the given duration each: waiting does not
// use a CPU, so w workers finish about w times sooner even on one core. The checksum is
// Σ (i+1)² over the tasks i that ran. tasks must be from 1 to 2²⁰ and wait from 0 to one minute.
func Sleep(tasks int, wait time.Duration) (Task, error) {
	if err := validateWait("sleep", tasks, wait); err != nil {
		return nil, err
	}
	return sleep{tasks, wait}, nil
}

func (t sleep) Name() string { return fmt.Sprintf("sleep, %d tasks × %v", t.tasks, t.wait) }

func (t sleep) task(ctx context.Context) func(i int) uint64 {
	return func(i int) uint64 {
		if !wait(ctx, t.wait) {
			return 0 // cancelled: the caller returns ctx's error
		}
		return uint64(i+1) * uint64(i+1)
	}
}

// wait waits for d or until ctx is done, whichever is first, and reports whether it waited d.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (t sleep) Serial(ctx context.Context) (uint64, error) {
	return serialChunks(ctx, t.tasks, t.task(ctx))
}

func (t sleep) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	return parallelChunks(ctx, workers, t.tasks, t.task(ctx))
}

// Server is an HTTP server on 127.0.0.1 (an ephemeral port) that answers each request after a
// fixed latency, serving at most capacity requests at a time; the others queue. It stands for a
// database or web service: waiting for it is I/O-bound, and its capacity makes throughput level
// off. Close it when done; its goroutines end then.
type Server struct {
	latency time.Duration
	slots   chan struct{} // one token per request in service
	srv     *http.Server
	url     string
	done    chan struct{} // closed when Serve has returned
	once    sync.Once
	err     error

	mu       sync.Mutex
	closed   bool           // guarded by mu; set by Close, after which no handler starts
	handlers sync.WaitGroup // requests being answered; Add only under mu while !closed
}

// maxCapacity bounds a Server's capacity (one token of memory each).
const maxCapacity = 1_000_000

// NewServer starts a Server with the given latency per request (0 to one minute) and capacity
// (1 to a million requests at a time).
func NewServer(latency time.Duration, capacity int) (*Server, error) {
	const task = "HTTP server"
	if latency < 0 || latency > maxWait {
		return nil, errSize(task, "latency", latency, fmt.Sprintf("want a duration from 0 to %v", maxWait))
	}
	if capacity < 1 || capacity > maxCapacity {
		return nil, errSize(task, "capacity", capacity, fmt.Sprintf("want from 1 to %d requests served at a time", maxCapacity))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("workload: HTTP server: cannot listen on 127.0.0.1: %w", err)
	}
	s := &Server{
		latency: latency,
		slots:   make(chan struct{}, capacity),
		url:     "http://" + ln.Addr().String(),
		done:    make(chan struct{}),
	}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		defer close(s.done)
		s.srv.Serve(ln) // returns http.ErrServerClosed after Close
	}()
	return s, nil
}

// URL returns the server's base address, e.g. "http://127.0.0.1:40123".
func (s *Server) URL() string { return s.url }

// ServeHTTP answers GET /square/i with i² in decimal, after waiting for a free slot and the
// latency.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.handlers.Add(1)
	s.mu.Unlock()
	defer s.handlers.Done()
	num, ok := strings.CutPrefix(r.URL.Path, "/square/")
	i, err := strconv.ParseUint(num, 10, 32)
	if !ok || err != nil {
		http.Error(w, "want /square/<number>", http.StatusNotFound)
		return
	}
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-r.Context().Done():
		return
	}
	if !wait(r.Context(), s.latency) {
		return
	}
	fmt.Fprint(w, i*i)
}

// Close stops the server, closes its connections and waits until its goroutines, the handlers of
// requests in flight included, have ended. Calling it again does nothing.
func (s *Server) Close() error {
	s.once.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		s.err = s.srv.Close() // cancels the contexts of requests in flight
		<-s.done
		s.handlers.Wait()
	})
	return s.err
}

type httpGet struct {
	srv      *Server
	requests int
}

// HTTP returns the I/O-bound task of sending requests GET requests to srv, each asking for i²,
// and adding up the answers: the checksum is Σ i² over i = 1..requests. Each run uses its own
// client and closes its connections at the end. requests must be from 1 to 2²⁰.
func HTTP(srv *Server, requests int) (Task, error) {
	if srv == nil {
		return nil, errors.New("workload: HTTP: the server is nil; start one with NewServer")
	}
	if requests < 1 || requests > maxTasks {
		return nil, errSize("HTTP", "requests", requests, fmt.Sprintf("want from 1 to %d requests", maxTasks))
	}
	return httpGet{srv, requests}, nil
}

func (t httpGet) Name() string {
	return fmt.Sprintf("HTTP GET, %d requests, latency %v, capacity %d", t.requests, t.srv.latency, cap(t.srv.slots))
}

func (t httpGet) Serial(ctx context.Context) (uint64, error) { return t.Run(ctx, 1) }

func (t httpGet) Run(ctx context.Context, workers int) (uint64, error) {
	if err := validateWorkers(t.Name(), workers); err != nil {
		return 0, err
	}
	tr := &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: maxWait}
	var (
		mu   sync.Mutex
		fail error
	)
	sum, err := parallelChunks(ctx, workers, t.requests, func(i int) uint64 {
		v, err := get(ctx, client, fmt.Sprintf("%s/square/%d", t.srv.url, i+1))
		if err != nil && ctx.Err() == nil {
			mu.Lock()
			fail = cmp.Or(fail, err)
			mu.Unlock()
		}
		return v
	})
	if err != nil {
		return 0, err
	}
	return sum, fail
}

func get(ctx context.Context, c *http.Client, url string) (uint64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, fmt.Errorf("workload: HTTP: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, fmt.Errorf("workload: HTTP: reading the answer to %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("workload: HTTP: %s answered %s", url, resp.Status)
	}
	return strconv.ParseUint(string(body), 10, 64)
}
