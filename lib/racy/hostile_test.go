//go:build !race

package racy

// Built without -race only, because some cases run the racy counter; under -race,
// TestWithoutRaceDetector runs this file in a child `go test`.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bank"
	"github.com/parlab/parlab/lib/internal/hostile"
	"github.com/parlab/parlab/lib/procs"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }
	lost := func(name, param string, cfg Config) {
		add(hostile.Case{Name: "LostUpdates/" + name, Param: param, Call: func(ctx context.Context) error {
			res, err := LostUpdates(ctx, cfg)
			if err != nil && len(res.Lost) != 0 {
				return fmt.Errorf("%s: refused, but %d runs done: %w", param, len(res.Lost), err)
			}
			return err
		}})
	}

	// LostUpdates: Runs 1 … 100 000, Goroutines 1 … 10 000, Each ≥ 1, Runs × Goroutines × Each ≤ 2³²,
	// Procs 0 (keep) or 1 … procs.Limit(); 0 elsewhere means the default.
	for _, v := range []int{-1, math.MinInt, math.MaxInt, maxRuns + 1} {
		lost(fmt.Sprintf("Runs=%d", v), "Runs", Config{Runs: v, Each: 1})
	}
	for _, v := range []int{-1, math.MinInt, math.MaxInt, maxGoroutines + 1} {
		lost(fmt.Sprintf("Goroutines=%d", v), "Goroutines", Config{Goroutines: v, Runs: 1, Each: 1})
	}
	for _, v := range []int{-1, math.MinInt, math.MaxInt} {
		lost(fmt.Sprintf("Each=%d", v), "Each", Config{Each: v})
	}
	lost("Runs×Goroutines×Each=2^33", "Each", Config{Runs: 2, Goroutines: 2, Each: 1 << 31})
	for _, v := range []int{-1, math.MinInt, procs.Limit() + 1, 1 << 31, 1<<32 + 1, math.MaxInt} {
		lost(fmt.Sprintf("Procs=%d", v), "Procs", Config{Procs: v})
	}
	add(hostile.Case{Name: "LostUpdates/Procs=Limit (the most)", Param: "Procs", Accepts: true, Call: func(ctx context.Context) error {
		res, err := LostUpdates(ctx, Config{Runs: 2, Each: 10, Procs: procs.Limit()})
		if err == nil && (len(res.Lost) != 2 || res.Config.Procs != procs.Limit()) {
			err = fmt.Errorf("Procs: %d runs at GOMAXPROCS %d, want 2 at %d", len(res.Lost), res.Config.Procs, procs.Limit())
		}
		return err
	}})
	for _, yield := range []bool{false, true} {
		add(hostile.Case{Name: fmt.Sprintf("LostUpdates/2^31 increments per goroutine, Yield=%v, interrupted", yield), Param: "Each",
			Interrupt: 100 * time.Millisecond, Call: func(ctx context.Context) error {
				res, err := LostUpdates(ctx, Config{Runs: 1, Each: 1 << 31, Yield: yield})
				if err != nil && (!res.Partial || len(res.Lost) != 0) {
					return fmt.Errorf("Each: interrupted = %d runs (partial %v), want none, partial: %w", len(res.Lost), res.Partial, err)
				}
				return err
			}})
	}

	add(hostile.Case{Name: "LostUpdates/10000 goroutines with Yield, interrupted", Param: "Goroutines", Interrupt: 100 * time.Millisecond,
		Call: func(ctx context.Context) error {
			_, err := LostUpdates(ctx, Config{Runs: 1, Goroutines: maxGoroutines, Each: 1 << 18, Yield: true})
			return err
		}})

	// NewBank and Bank.Transfer: bank.ValidateNew's and bank.ValidateTransfer's limits.
	for _, a := range []int{0, -1, 1, math.MaxInt, math.MinInt} {
		add(hostile.Case{Name: fmt.Sprintf("NewBank/accounts=%d", a), Param: "accounts", Call: func(context.Context) error {
			_, err := NewBank(a, 10)
			return err
		}})
	}
	for _, b := range []int64{-1, math.MinInt64, math.MaxInt64} {
		add(hostile.Case{Name: fmt.Sprintf("NewBank/balance=%d", b), Param: "balance", Call: func(context.Context) error {
			_, err := NewBank(4, b)
			return err
		}})
	}
	for _, c := range []struct {
		name, param string
		from, to    int
		amount      int64
	}{
		{"from=-1", "from", -1, 1, 1},
		{"from=MaxInt", "from", math.MaxInt, 1, 1},
		{"to=MinInt", "to", 0, math.MinInt, 1},
		{"from=to", "from and to", 1, 1, 1},
		{"amount=-1", "amount", 0, 1, -1},
	} {
		add(hostile.Case{Name: "Bank.Transfer/" + c.name, Param: c.param, Call: func(context.Context) error {
			b, _ := NewBank(3, 10)
			return b.Transfer(c.from, c.to, c.amount)
		}})
	}
	add(hostile.Case{Name: "Bank.Transfer/amount=MaxInt64 (insufficient funds)", Param: "amount", Accepts: true, Call: func(context.Context) error {
		b, _ := NewBank(3, 10)
		if err := b.Transfer(0, 1, math.MaxInt64); !errors.Is(err, bank.ErrInsufficientFunds) {
			return fmt.Errorf("amount: Transfer(0, 1, MaxInt64) = %v, want bank.ErrInsufficientFunds", err)
		}
		return nil
	}})
	var nilBank *Bank
	add(hostile.Case{Name: "bank.Run/a nil *racy.Bank", Param: "ledger", Call: func(ctx context.Context) error {
		_, err := bank.Run(ctx, nilBank, bank.Config{})
		return err
	}})

	// DetectorReport builds a program with -race (seconds): Interrupt stops it.
	add(hostile.Case{Name: "DetectorReport/interrupted", Param: "ctx", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
		if _, err := findGo(); err != nil {
			return fmt.Errorf("ctx: %w", context.Canceled) // no go command: nothing to interrupt
		}
		_, err := DetectorReport(ctx)
		return err
	}})

	hostile.Run(t, cases)
}
