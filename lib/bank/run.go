package bank

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// Config says how [Run] exercises a ledger. Zero fields take the defaults in brackets.
type Config struct {
	Goroutines int   // goroutines making transfers, 1 … 10 000 [4]
	Transfers  int   // transfers per goroutine; Goroutines × Transfers at most 2³² [100 000]
	MaxAmount  int64 // each amount is drawn uniformly from 0 … MaxAmount, at most 2⁶² [10]
	Seed       uint64
}

// Limits on Config, so that a typo cannot start millions of goroutines or hours of transfers.
const (
	maxGoroutines = 10_000
	maxTransfers  = 1 << 32 // Goroutines × Transfers
	maxAmount     = 1 << 62
)

func (c Config) withDefaults() (Config, error) {
	if c.Goroutines == 0 {
		c.Goroutines = 4
	}
	if c.Transfers == 0 {
		c.Transfers = 100_000
	}
	if c.MaxAmount == 0 {
		c.MaxAmount = 10
	}
	switch {
	case c.Goroutines < 0 || c.Goroutines > maxGoroutines:
		return c, fmt.Errorf("bank: Goroutines is %d; want 1 to %d (0 means 4)", c.Goroutines, maxGoroutines)
	case c.Transfers < 0:
		return c, fmt.Errorf("bank: Transfers is %d per goroutine; want 1 or more (0 means 100000)", c.Transfers)
	case c.MaxAmount < 0 || c.MaxAmount > maxAmount:
		return c, fmt.Errorf("bank: MaxAmount is %d; want 1 to %d (0 means 10)", c.MaxAmount, int64(maxAmount))
	case int64(c.Goroutines)*int64(c.Transfers) > maxTransfers:
		return c, fmt.Errorf("bank: Goroutines × Transfers = %d × %d is %d transfers; want at most %d",
			c.Goroutines, c.Transfers, int64(c.Goroutines)*int64(c.Transfers), int64(maxTransfers))
	}
	return c, nil
}

// Result is what [Run] observed.
type Result struct {
	Config        Config // with defaults filled in
	Accounts      int
	Before, After int64 // total money before and after
	Done, Refused int64 // transfers made, and refused for insufficient funds
	Elapsed       time.Duration
	// Partial is true when the context ended the run early; the totals are then those of the
	// transfers made so far.
	Partial bool
}

// Holds reports whether the invariant held: the total after equals the total before.
func (r Result) Holds() bool { return r.Before == r.After }

// String says in one sentence whether the invariant held.
func (r Result) String() string {
	s := fmt.Sprintf("%d goroutines made %d transfers between %d accounts (%d refused for lack of funds) in %v: total before %d, after %d",
		r.Config.Goroutines, r.Done, r.Accounts, r.Refused, r.Elapsed.Round(time.Microsecond), r.Before, r.After)
	if r.Holds() {
		return s + ": the invariant holds"
	}
	if d := r.After - r.Before; d > 0 {
		return s + fmt.Sprintf(": %d appeared from nowhere, the invariant is broken", d)
	}
	return s + fmt.Sprintf(": %d vanished, the invariant is broken", r.Before-r.After)
}

// Run starts cfg.Goroutines goroutines that each make cfg.Transfers random transfers on l (each goroutine
// has its own random source, seeded from cfg.Seed and its index), waits for all of them, and returns the
// totals before and after. Refused transfers (insufficient funds) are counted, not errors; any other
// error or a panic in the ledger stops that goroutine and is returned after all have ended. A nil
// ledger, or a nil pointer to one (var l *bank.Locked), is an error.
//
// When ctx ends, the goroutines stop within a few thousand transfers in all (milliseconds of work) and
// Run returns the totals so far (Partial set) with ctx's error. Every goroutine it starts has ended when
// it returns.
func Run(ctx context.Context, l Ledger, cfg Config) (Result, error) {
	if l == nil {
		return Result{}, errors.New("bank: the ledger is nil; make one with bank.NewLocked(accounts, balance)")
	}
	if isNil(l) {
		return Result{}, fmt.Errorf("bank: the ledger is a nil %T; make one with bank.NewLocked(accounts, balance)", l)
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	bal, err := balances(l)
	if err != nil {
		return Result{}, err
	}
	res := Result{Config: cfg, Accounts: len(bal)}
	if res.Accounts < 2 {
		return res, fmt.Errorf("bank: the ledger has %d accounts; want at least 2", res.Accounts)
	}
	for _, b := range bal {
		res.Before += b
	}
	var (
		wg            sync.WaitGroup
		done, refused atomic.Int64
		once          sync.Once
		firstErr      error // set once
	)
	ctxDone := ctx.Done() // looked at without blocking, which takes no lock (ctx.Err does)
	start := time.Now()
	for g := range cfg.Goroutines {
		if isDone(ctxDone) {
			break // ctx ended while the goroutines were being started
		}
		wg.Go(func() {
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { firstErr = fmt.Errorf("bank: the ledger panicked in goroutine %d: %v", g, r) })
				}
			}()
			ok, no, err := transfers(ctxDone, l, cfg, g, res.Accounts)
			done.Add(ok)
			refused.Add(no)
			if err != nil {
				once.Do(func() { firstErr = err })
			}
		})
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.Done, res.Refused = done.Load(), refused.Load()
	after, err := balances(l)
	for _, b := range after {
		res.After += b
	}
	if firstErr == nil {
		firstErr = err
	}
	want := int64(cfg.Goroutines) * int64(cfg.Transfers)
	if err := ctx.Err(); err != nil && firstErr == nil && res.Done+res.Refused < want {
		res.Partial = true
		firstErr = fmt.Errorf("bank: stopped after %d of %d transfers: %w", res.Done+res.Refused, want, err)
	}
	return res, firstErr
}

// isNil reports whether l is a nil pointer to one of this package's ledgers. (A nil pointer to
// another type is caught when its Balances panics.)
func isNil(l Ledger) bool {
	switch l := l.(type) {
	case *Locked:
		return l == nil
	case *PerAccount:
		return l == nil
	}
	return false
}

// balances calls l.Balances, turning a panic — a nil pointer to a ledger type of another package, say —
// into an error.
func balances(l Ledger) (b []int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bank: the ledger's Balances method panicked (%v): is the ledger a nil pointer?", r)
		}
	}()
	return l.Balances(), nil
}

// checkEvery is how many transfers each of goroutines goroutines makes between looks at ctx.Done(): about 8192 transfers by all of them together (at least 8 each), milliseconds of work even
// when they all queue for one lock.
func checkEvery(goroutines int) int { return max(8, (1<<13)/goroutines) }

// transfers makes goroutine g's transfers and counts them, stopping early once done is closed. The counts
// are locals of this function, so they stay on the goroutine's stack: captured by a deferred closure they
// would move to the heap, next to the other goroutines' counts, and every transfer would write a cache
// line the other cores share.
func transfers(done <-chan struct{}, l Ledger, cfg Config, g, accounts int) (ok, no int64, err error) {
	src := &paddedPCG{PCG: *rand.NewPCG(cfg.Seed, uint64(g))}
	rng := rand.New(&src.PCG)
	every := checkEvery(cfg.Goroutines)
	for i := range cfg.Transfers {
		if i%every == 0 && isDone(done) {
			return ok, no, nil
		}
		from := rng.IntN(accounts)
		to := rng.IntN(accounts - 1)
		if to >= from {
			to++
		}
		switch err := l.Transfer(from, to, rng.Int64N(cfg.MaxAmount+1)); {
		case err == nil:
			ok++
		case errors.Is(err, ErrInsufficientFunds):
			no++
		default:
			return ok, no, err
		}
	}
	return ok, no, nil
}

// paddedPCG is a random source alone on its cache line. Two goroutines' bare 16-byte PCG states would be
// allocated side by side, and every random number would write a line the other core is using: measured,
// that made two goroutines' transfers slower than one's.
type paddedPCG struct {
	rand.PCG
	_ [112]byte
}

// isDone reports whether done is closed, without blocking.
func isDone(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}
