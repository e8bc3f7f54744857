package serving

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// Learners' versions of fetchAll, right and wrong.

func serialFetch(urls []string, k int) ([]string, error) {
	out := make([]string, len(urls))
	for i, u := range urls {
		b, err := Get(u)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

// semaphoreFetch is the solution in the notebook: a buffered channel of capacity k as a semaphore.
func semaphoreFetch(urls []string, k int) ([]string, error) {
	out := make([]string, len(urls))
	errs := make([]error, len(urls))
	sem := make(chan struct{}, k)
	var wg sync.WaitGroup
	for i, u := range urls {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			out[i], errs[i] = Get(u)
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

// poolFetch is another right answer: k workers take indexes from a channel.
func poolFetch(urls []string, k int) ([]string, error) {
	out := make([]string, len(urls))
	errs := make([]error, len(urls))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(k, len(urls)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = Get(urls[i])
			}
		})
	}
	for i := range urls {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}

// slowStartFetch is right, but starts its goroutines 15 ms apart, more than the server's latency — as a
// very busy machine might: without the server holding requests for their wave, it would never have
// two in flight.
func slowStartFetch(urls []string, k int) ([]string, error) {
	out := make([]string, len(urls))
	errs := make([]error, len(urls))
	sem := make(chan struct{}, k)
	var wg sync.WaitGroup
	for i, u := range urls {
		sem <- struct{}{}
		time.Sleep(15 * time.Millisecond)
		wg.Go(func() {
			defer func() { <-sem }()
			out[i], errs[i] = Get(u)
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}

func unboundedFetch(urls []string, k int) ([]string, error) { return semaphoreFetch(urls, len(urls)) }

func offByOneFetch(urls []string, k int) ([]string, error) { return semaphoreFetch(urls, max(1, k-1)) }

func unorderedFetch(urls []string, k int) ([]string, error) {
	out, err := semaphoreFetch(urls, k)
	if len(out) > 1 {
		out[0], out[1] = out[1], out[0]
	}
	return out, err
}

func TestCheckFetchAll(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, c := range []struct {
		name    string
		f       func([]string, int) ([]string, error)
		outcome check.Outcome
		message string
		hint    string
	}{
		{"semaphore", semaphoreFetch, check.Passed, "k reached", ""},
		{"worker pool", poolFetch, check.Passed, "k reached", ""},
		{"slow to start its goroutines", slowStartFetch, check.Passed, "k reached", ""},
		{"serial", serialFetch, check.NotPassed, "the requests went one at a time", "in its own goroutine"},
		{"unbounded", unboundedFetch, check.NotPassed, "requests were in flight at once", "semaphore"},
		{"one slot short", offByOneFetch, check.NotPassed, "at most 3 requests were in flight at once; 4 are allowed", "capacity k"},
		{"unordered", unorderedFetch, check.NotPassed, "body 0 is \"4\"", "order of urls"},
		{"too few bodies", func(u []string, k int) ([]string, error) { return u[:1], nil }, check.NotPassed, "returned 1 bodies", "as long as urls"},
		{"an error", func([]string, int) ([]string, error) { return nil, errors.New("no") }, check.NotPassed, `returned the error "no"`, "succeeds"},
		{"panics", func(u []string, k int) ([]string, error) { return []string{u[len(u)]}, nil }, check.NotPassed,
			"fetchAll(48 URLs, k = 4) panicked in github.com/parlab/parlab/lib/serving", "index out of range"},
		{"hangs", func([]string, int) ([]string, error) {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() { <-release; wg.Done() }()
			wg.Wait()
			return nil, nil
		}, check.NotPassed, "did not return within 3s, and 1 goroutine it started had not ended either", "WaitGroup"},
		{"leaves a goroutine running", func(u []string, k int) ([]string, error) {
			go func() { <-release }()
			return semaphoreFetch(u, k)
		}, check.NotPassed, "returned while 1 goroutine it started was still running", "Wait for every goroutine"},
		{"nil", nil, check.NotPassed, "is nil", "Define func fetchAll"},
	} {
		r := checkFetchAll(c.f, 3*time.Second, semaphoreHints)
		if r.Outcome != c.outcome || !strings.Contains(r.Message, c.message) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: CheckFetchAll = %q; want %v, a message with %q and a hint with %q", c.name, r, c.outcome, c.message, c.hint)
		}
	}
}

func TestCheckGoroutinesFor(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	little := func(x float64, w time.Duration) int { return int(math.Ceil(x * w.Seconds())) }
	for _, c := range []struct {
		name    string
		f       func(float64, time.Duration) int
		outcome check.Outcome
		message string
		hint    string
	}{
		{"little", little, check.Passed, "Little's law", ""},
		{"one", func(float64, time.Duration) int { return 1 }, check.NotPassed, "too few", "Little's law"},
		{"without rounding up", func(x float64, w time.Duration) int { return int(x * w.Seconds()) }, check.NotPassed,
			"goroutinesFor(250 requests/s, 10ms) = 2, too few", "math.Ceil"},
		{"lavish", func(x float64, w time.Duration) int { return 10 * little(x, w) }, check.NotPassed, "would do", "⌈target × latency⌉"},
		{"panics", func(x float64, w time.Duration) int { panic("no idea") }, check.NotPassed, "panicked", "the line it names"},
		{"hangs", func(float64, time.Duration) int { <-release; return 0 }, check.NotPassed,
			"goroutinesFor(400 requests/s, 10ms) did not return within 1s", "a channel nobody sends on"},
		{"nil", nil, check.NotPassed, "is nil", "Define"},
	} {
		r := checkGoroutinesFor(c.f, time.Second)
		if r.Outcome != c.outcome || !strings.Contains(r.Message, c.message) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: CheckGoroutinesFor = %q; want %v, a message with %q and a hint with %q", c.name, r, c.outcome, c.message, c.hint)
		}
		if c.outcome == check.Passed && !strings.Contains(r.Advice, "requests/s") {
			t.Errorf("%s: advice %q; want the measured throughput", c.name, r.Advice)
		}
	}
}

func TestCheckMaxUsers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	right := func(levels []Level, budget time.Duration) int {
		best := 0
		for _, l := range levels {
			if l.Latency.Value <= budget.Seconds() {
				best = l.N
			}
		}
		return best
	}
	for _, c := range []struct {
		name    string
		f       func([]Level, time.Duration) int
		outcome check.Outcome
		message string
		hint    string
	}{
		{"right", right, check.Passed, "Right on every budget", ""},
		{"one", func([]Level, time.Duration) int { return 1 }, check.NotPassed, "maxUsers(levels, 12ms) = 1; want 16", "budget.Seconds()"},
		{"milliseconds for seconds", func(levels []Level, budget time.Duration) int {
			return right(levels, budget*1000)
		}, check.NotPassed, "want 16", "in seconds"},
		{"panics", func(levels []Level, _ time.Duration) int { return levels[len(levels)].N }, check.NotPassed, "panicked", "index out of range"},
		{"hangs", func([]Level, time.Duration) int { <-release; return 0 }, check.NotPassed, "did not return within 1s", "waiting"},
		{"nil", nil, check.NotPassed, "is nil", "Define"},
	} {
		r := checkMaxUsers(c.f, time.Second)
		if r.Outcome != c.outcome || !strings.Contains(r.Message, c.message) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: CheckMaxUsers = %q; want %v, a message with %q and a hint with %q", c.name, r, c.outcome, c.message, c.hint)
		}
	}
}
