//go:build !race

package racy

// This file executes racy code, so it is built only without the race detector; see
// TestWithoutRaceDetector for how `go test -race` still runs it.

import (
	"context"
	"errors"
	"runtime"
	"testing"

	"github.com/parlab/parlab/lib/bank"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/procs"
)

var _ counter.Counter = (*Counter)(nil)

func TestCounterSequential(t *testing.T) {
	var c Counter
	for range 1000 {
		c.Add(2)
	}
	if got := c.Value(); got != 2000 {
		t.Errorf("one goroutine, 1000 × Add(2): Value() = %d; want 2000 (no race without concurrency)", got)
	}
}

// TestLostUpdatesShape checks what holds whatever the interleaving: one result per run, and a lost count
// between 0 and Want-1 (with g goroutines, the final count is at least 1).
func TestLostUpdatesShape(t *testing.T) {
	for _, cfg := range []Config{
		{Runs: 20, Goroutines: 2, Each: 10_000, Procs: 2},
		{Runs: 20, Goroutines: 4, Each: 10_000, Procs: 1},
		{Runs: 5, Goroutines: 3, Each: 300, Procs: 1, Yield: true},
	} {
		res, err := LostUpdates(context.Background(), cfg)
		if err != nil {
			t.Fatalf("LostUpdates(%+v): %v", cfg, err)
		}
		if len(res.Lost) != cfg.Runs || res.Config.Procs != cfg.Procs || res.Partial {
			t.Errorf("LostUpdates(%+v) = %d runs at GOMAXPROCS %d (partial %v); want %d runs at %d", cfg, len(res.Lost), res.Config.Procs, res.Partial, cfg.Runs, cfg.Procs)
		}
		for i, l := range res.Lost {
			if l < 0 || l >= res.Want() {
				t.Errorf("run %d lost %d; want 0 ≤ lost < %d", i, l, res.Want())
			}
		}
	}
}

// TestUpdatesAreLost: the demonstration must show its effect. With a switch forced between read and
// write, one core loses updates in every run (the goroutines alternate: each writes back a stale value).
// Without Yield, losses depend on the two goroutines really running at the same instant, which a busy
// machine may not allow, so that case is only logged.
func TestUpdatesAreLost(t *testing.T) {
	res, err := LostUpdates(context.Background(), Config{Runs: 5, Procs: 1, Yield: true})
	if err != nil || res.RunsWithLoss() != 5 {
		t.Errorf("GOMAXPROCS=1 with Yield: %v, %v; want lost updates in every run", res, err)
	}
	res, err = LostUpdates(context.Background(), Config{Runs: 50, Procs: 2})
	t.Logf("GOMAXPROCS=2 without Yield: %v (%v)", res, err)
}

func TestProcsRestored(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	if _, err := LostUpdates(context.Background(), Config{Runs: 2, Each: 10, Procs: before + 1}); err != nil {
		t.Fatal(err)
	}
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Errorf("GOMAXPROCS after LostUpdates = %d; want %d restored", got, before)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := LostUpdates(ctx, Config{Runs: 10})
	if !errors.Is(err, context.Canceled) || !res.Partial || len(res.Lost) != 0 {
		t.Errorf("LostUpdates(cancelled) = %d runs, partial %v, %v; want 0 runs, partial, context.Canceled", len(res.Lost), res.Partial, err)
	}
}

// TestBankBreaks: the unsynchronised bank loses money when transfers interleave (forced here with Yield
// on one core, so the outcome does not depend on timing).
func TestBankBreaks(t *testing.T) {
	restore, err := procs.Set("procs", 1)
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	b, err := NewBank(2, 1000)
	if err != nil {
		t.Fatal(err)
	}
	b.Yield = true
	res, err := bank.Run(context.Background(), b, bank.Config{Goroutines: 2, Transfers: 1000, MaxAmount: 5})
	if err != nil || res.Holds() {
		t.Errorf("racy bank with Yield = %v, %v; want a broken invariant", res, err)
	}
}
