package bank

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/compare"
)

// Ledgers times Run on the three ledgers side by side with package compare — one mutex (Locked), a mutex
// per account (PerAccount), an owner goroutine (Owned) — each trial on a fresh ledger of accounts
// accounts holding 1000 each, interleaved round by round, trials rounds (at least 6). A trial's time is
// Run's Elapsed: the transfers only, not making or closing the ledger. A trial whose total changed is an
// error. When ctx ends it returns what was measured with ctx's error; every goroutine has ended.
func Ledgers(ctx context.Context, accounts int, cfg Config, trials int) (*compare.Result, error) {
	if err := ValidateNew(accounts, 1000); err != nil {
		return nil, err
	}
	if _, err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	kinds := []struct {
		name string
		make func() (Ledger, func(), error)
	}{
		{"one mutex", func() (Ledger, func(), error) { l, err := NewLocked(accounts, 1000); return l, func() {}, err }},
		{"a mutex per account", func() (Ledger, func(), error) { l, err := NewPerAccount(accounts, 1000); return l, func() {}, err }},
		{"an owner goroutine", func() (Ledger, func(), error) {
			l, err := NewOwned(accounts, 1000)
			if err != nil {
				return nil, nil, err
			}
			return l, l.Close, nil
		}},
	}
	var impls []compare.Impl
	for _, k := range kinds {
		impls = append(impls, compare.Impl{Name: k.name, Time: func(ctx context.Context) (time.Duration, error) {
			l, done, err := k.make()
			if err != nil {
				return 0, err
			}
			defer done()
			r, err := Run(ctx, l, cfg)
			if err != nil {
				return 0, err
			}
			if !r.Holds() {
				return 0, fmt.Errorf("bank: %s: %s", k.name, r)
			}
			return max(r.Elapsed, 1), nil
		}})
	}
	return compare.Run(ctx, fmt.Sprintf("%d goroutines × %d transfers between %d accounts", max(cfg.Goroutines, 1), cfg.Transfers, accounts), trials, cfg.Seed, impls...)
}
