package nb

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// TestCached: a complete result is stored under its key and returned without running again; a
// different key runs again; key "" caches nothing.
func TestCached(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	calls := 0
	run := func(ctx context.Context, progress func(bench.Progress)) (*withBench, error) {
		calls++
		return &withBench{N: calls, Bench: &bench.Result{Trials: 6}}, nil
	}
	for i, c := range []struct {
		key   string
		wantN int
	}{{"a", 1}, {"a", 1}, {"b", 2}, {"", 3}, {"", 4}} {
		got, err := Cached(c.key, run)
		if err != nil || got == nil || got.N != c.wantN || got.Bench == nil || got.Bench.Trials != 6 {
			t.Errorf("call %d, key %q: Cached = %+v, %v; want N = %d with its bench result", i, c.key, got, err, c.wantN)
		}
	}
	if err := ClearCache(); err != nil {
		t.Fatal(err)
	}
	if got, _ := Cached("a", run); got.N != 5 {
		t.Errorf("after ClearCache: N = %d; want the experiment run again (5)", got.N)
	}
	if _, err := Cached[int]("x", nil); err == nil || !strings.Contains(err.Error(), "nil function") {
		t.Errorf("Cached(nil) error %v; want one saying the function is nil", err)
	}
}

// TestCachedErrorsAndInterrupt: an error is passed on and nothing is cached; an interrupted run comes
// back partial, without an error, and is not cached either.
func TestCachedErrorsAndInterrupt(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	bad := errors.New("serving: levels holds 0; want each from 1 to 1000 goroutines")
	if _, err := Cached("k", func(context.Context, func(bench.Progress)) (int, error) { return 0, bad }); !errors.Is(err, bad) {
		t.Errorf("Cached error %v; want %v", err, bad)
	}
	got, err := Cached("k", func(ctx context.Context, progress func(bench.Progress)) (int, error) {
		// Sent from inside the experiment, where Cached's signal handler is installed: sent earlier, the
		// default handler would end the test program.
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		select {
		case <-ctx.Done():
			return 3, ctx.Err()
		case <-time.After(10 * time.Second):
			return 0, errors.New("not interrupted")
		}
	})
	if err != nil || got != 3 {
		t.Errorf("interrupted Cached = %d, %v; want the partial 3 and no error", got, err)
	}
	if got, err := Cached("k", func(context.Context, func(bench.Progress)) (int, error) { return 9, nil }); err != nil || got != 9 {
		t.Errorf("after an interrupt, Cached = %d, %v; want a new run (9): partial results are not cached", got, err)
	}
}

// TestCachedKeysThatLookAlike: keys that become the same readable file name keep results of their
// own.
func TestCachedKeysThatLookAlike(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	keys := []string{"roof trials=6", "roof_trials=6", "roof/trials=6", "roof trials=6 ", "roof_trials=6_"}
	for i, key := range keys {
		if got, err := Cached(key, func(context.Context, func(bench.Progress)) (int, error) { return i, nil }); err != nil || got != i {
			t.Fatalf("first run of %q: Cached = %d, %v; want %d", key, got, err, i)
		}
	}
	for i, key := range keys {
		got, err := Cached(key, func(context.Context, func(bench.Progress)) (int, error) { return -1, nil })
		if err != nil || got != i {
			t.Errorf("second run of %q: Cached = %d, %v; want its own cached %d", key, got, err, i)
		}
	}
	entries, _ := os.ReadDir(os.Getenv(cacheEnv))
	if len(entries) != len(keys) {
		t.Errorf("the cache holds %d files; want %d, one per key", len(entries), len(keys))
	}
}

// TestCachedKeyWithParameters: a key written as the parameters ("roof trials=6") names a file.
func TestCachedKeyWithParameters(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	runs := 0
	run := func(context.Context, func(bench.Progress)) (int, error) { runs++; return 7, nil }
	for range 2 {
		if got, err := Cached("roof trials=6 quick=true", run); err != nil || got != 7 {
			t.Fatalf("Cached = %d, %v; want 7", got, err)
		}
	}
	if runs != 1 {
		t.Errorf("ran %d times; want 1, the second call from the cache", runs)
	}
	if _, err := Cached(strings.Repeat("k", 201), run); err == nil || !strings.Contains(err.Error(), "at most 200") {
		t.Errorf("a 201-byte key gave %v; want an error saying at most 200", err)
	}
}
