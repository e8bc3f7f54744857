package nb

import (
	"context"
	"errors"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

func TestRunCached(t *testing.T) {
	t.Setenv(cacheEnv, t.TempDir())
	type result struct{ N int }
	calls := 0
	run := func(ctx context.Context, progress func(bench.Progress)) (result, error) {
		calls++
		return result{N: 42}, nil
	}
	for i := range 2 {
		v, err := RunCached("test key=1", run)
		if err != nil || v.N != 42 {
			t.Fatalf("call %d: %+v, %v; want {42}", i, v, err)
		}
	}
	if calls != 1 {
		t.Errorf("the experiment ran %d times; want once, then the cached result", calls)
	}
	if _, err := RunCached("test key=2", run); err != nil || calls != 2 {
		t.Errorf("another key: %v, %d runs; want a new measurement", err, calls)
	}
	failing := func(context.Context, func(bench.Progress)) (result, error) {
		calls++
		return result{}, errors.New("no")
	}
	for range 2 {
		if _, err := RunCached("failing", failing); err == nil {
			t.Error("an error was lost")
		}
	}
	if calls != 4 {
		t.Errorf("a failed run was cached: %d runs; want 4", calls)
	}
	if _, err := RunCached[result]("nil", nil); err == nil {
		t.Error("a nil function was accepted")
	}
	if got := safeName("roof trials=6/../x"); got != "roof_trials=6_.._x" {
		t.Errorf("safeName = %q", got)
	}
}
