package serving

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"golang.org/x/sync/errgroup"
)

// fetchErrgroup is the exercise's solution: errgroup.WithContext, SetLimit(k), GetContext(ctx).
func fetchErrgroup(ctx context.Context, urls []string, k int) ([]string, error) {
	bodies := make([]string, len(urls))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(k)
	for i, u := range urls {
		g.Go(func() error {
			b, err := GetContext(ctx, u)
			bodies[i] = b
			return err
		})
	}
	return bodies, g.Wait()
}

func TestCheckFetchCancel(t *testing.T) {
	noCancel := func(ctx context.Context, urls []string, k int) ([]string, error) { // a plain errgroup.Group
		bodies := make([]string, len(urls))
		var g errgroup.Group
		g.SetLimit(k)
		for i, u := range urls {
			g.Go(func() error {
				b, err := Get(u)
				bodies[i] = b
				return err
			})
		}
		return bodies, g.Wait()
	}
	swallow := func(ctx context.Context, urls []string, k int) ([]string, error) {
		bodies, _ := fetchErrgroup(ctx, urls, k)
		return bodies, nil
	}
	unbounded := func(ctx context.Context, urls []string, k int) ([]string, error) {
		return fetchErrgroup(ctx, urls, len(urls))
	}
	// Cancels the requests in flight at the failure, but sends every later URL anyway, with a short
	// timeout of its own instead of the cancelled group context.
	sendsAll := func(ctx context.Context, urls []string, k int) ([]string, error) {
		bodies := make([]string, len(urls))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(k)
		for i, u := range urls {
			g.Go(func() error {
				rctx := gctx
				if gctx.Err() != nil {
					c, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
					defer cancel()
					rctx = c
				}
				b, err := GetContext(rctx, u)
				bodies[i] = b
				return err
			})
		}
		return bodies, g.Wait()
	}
	for _, c := range []struct {
		name      string
		fetchAll  func(context.Context, []string, int) ([]string, error)
		passed    bool
		msg, hint string
		grace     time.Duration
	}{
		{name: "errgroup with context", fetchAll: fetchErrgroup, passed: true},
		{name: "no cancellation", fetchAll: noCancel, msg: "still in flight", hint: "errgroup.WithContext"},
		{name: "error swallowed", fetchAll: swallow, msg: "returned no error", hint: "g.Wait()"},
		{name: "no limit", fetchAll: unbounded, msg: "in flight at once", hint: "SetLimit(k)"},
		{name: "keeps sending after the failure", fetchAll: sendsAll, msg: "requests after the failure", hint: "nothing on a cancelled context", grace: 3 * time.Second},
		{name: "panics", fetchAll: func(context.Context, []string, int) ([]string, error) { panic("boom") }, msg: "panicked", hint: ""},
		{name: "nil", fetchAll: nil, msg: "nil", hint: "Define"},
	} {
		grace := 300 * time.Millisecond
		if c.grace > 0 {
			grace = c.grace
		}
		r := checkFetchCancel(c.fetchAll, 10*time.Second, grace)
		if c.passed {
			if r.Outcome != check.Passed {
				t.Errorf("%s: %v; want passed", c.name, r)
			}
			continue
		}
		if r.Outcome != check.NotPassed || !strings.Contains(r.Message, c.msg) || !strings.Contains(r.Hint, c.hint) {
			t.Errorf("%s: %v\nwant not yet, a message with %q and a hint with %q", c.name, r, c.msg, c.hint)
		}
	}
}

func TestGetContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := GetContext(ctx, "http://127.0.0.1:1/"); !errors.Is(err, context.Canceled) {
		t.Errorf("GetContext on a cancelled context: %v; want context.Canceled", err)
	}
	//lint:ignore SA1012 a nil context is what this checks
	if _, err := GetContext(nil, "http://127.0.0.1:1/"); err == nil || !strings.Contains(err.Error(), "nil context") {
		t.Errorf("GetContext(nil): %v; want an error naming the nil context", err)
	}
}
