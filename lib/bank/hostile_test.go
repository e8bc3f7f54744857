package bank

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// TestHostileInputs puts the values a learner could type into a Parameters cell through every entry
// point of the package. Each case is also the documentation of a limit: what is refused, with which
// parameter named, and what is accepted.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	add := func(c hostile.Case) { cases = append(cases, c) }

	// NewLocked and NewPerAccount: 2 … 2²⁰ accounts, a balance ≥ 0 whose total fits in 2⁶².
	news := map[string]func(int, int64) (Ledger, error){
		"NewLocked":     func(a int, b int64) (Ledger, error) { return NewLocked(a, b) },
		"NewPerAccount": func(a int, b int64) (Ledger, error) { return NewPerAccount(a, b) },
	}
	for name, newLedger := range news {
		for _, a := range []int{0, -1, 1, maxAccounts + 1, math.MaxInt, math.MinInt} {
			add(hostile.Case{Name: fmt.Sprintf("%s/accounts=%d", name, a), Param: "accounts", Call: func(context.Context) error {
				_, err := newLedger(a, 10)
				return err
			}})
		}
		for _, b := range []int64{-1, math.MinInt64, math.MaxInt64, math.MaxInt64 / 2} {
			add(hostile.Case{Name: fmt.Sprintf("%s/balance=%d", name, b), Param: "balance", Call: func(context.Context) error {
				_, err := newLedger(4, b)
				return err
			}})
		}
		add(hostile.Case{Name: name + "/accounts=2^20 (the most)", Param: "accounts", Accepts: true, Call: func(context.Context) error {
			l, err := newLedger(maxAccounts, 1)
			if err == nil && len(l.Balances()) != maxAccounts {
				err = fmt.Errorf("accounts: got %d accounts, want %d", len(l.Balances()), maxAccounts)
			}
			return err
		}})
	}

	// NewOwned: the same limits; its owner goroutine must be closed.
	for _, a := range []int{0, -1, 1, maxAccounts + 1, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("NewOwned/accounts=%d", a), Param: "accounts", Call: func(context.Context) error {
			_, err := NewOwned(a, 10)
			return err
		}})
	}
	for _, b := range []int64{-1, math.MinInt64, math.MaxInt64} {
		add(hostile.Case{Name: fmt.Sprintf("NewOwned/balance=%d", b), Param: "balance", Call: func(context.Context) error {
			_, err := NewOwned(4, b)
			return err
		}})
	}
	add(hostile.Case{Name: "NewOwned/accounts=2^20 (the most)", Param: "accounts", Accepts: true, Call: func(context.Context) error {
		l, err := NewOwned(maxAccounts, 1)
		if err != nil {
			return err
		}
		defer l.Close()
		if n := len(l.Balances()); n != maxAccounts {
			return fmt.Errorf("accounts: got %d accounts, want %d", n, maxAccounts)
		}
		return nil
	}})

	// Ledgers: the limits of New* and Run, trials as compare's, and an interrupt.
	for _, n := range []int{-1, 0, 5, 1001, math.MaxInt} {
		add(hostile.Case{Name: fmt.Sprintf("Ledgers/trials=%d", n), Param: "trials", Call: func(ctx context.Context) error {
			_, err := Ledgers(ctx, 4, Config{Transfers: 10}, n)
			return err
		}})
	}
	add(hostile.Case{Name: "Ledgers/accounts=0", Param: "accounts", Call: func(ctx context.Context) error {
		_, err := Ledgers(ctx, 0, Config{}, 6)
		return err
	}})
	add(hostile.Case{Name: "Ledgers/Transfers=-1", Param: "Transfers", Call: func(ctx context.Context) error {
		_, err := Ledgers(ctx, 4, Config{Transfers: -1}, 6)
		return err
	}})
	add(hostile.Case{Name: "Ledgers/2^32 transfers, interrupted", Param: "Transfers", Interrupt: 200 * time.Millisecond, Call: func(ctx context.Context) error {
		_, err := Ledgers(ctx, 4, Config{Goroutines: 4, Transfers: 1 << 30}, 6)
		return err
	}})

	// Transfer: accounts that exist, two different ones, an amount ≥ 0; more than the balance is
	// ErrInsufficientFunds, a documented answer.
	for _, c := range []struct {
		name, param string
		from, to    int
		amount      int64
	}{
		{"from=-1", "from", -1, 1, 1},
		{"from=MinInt", "from", math.MinInt, 1, 1},
		{"from=MaxInt", "from", math.MaxInt, 1, 1},
		{"to=-1", "to", 0, -1, 1},
		{"to=MaxInt", "to", 0, math.MaxInt, 1},
		{"from=to", "from and to", 1, 1, 1},
		{"amount=-1", "amount", 0, 1, -1},
		{"amount=MinInt64", "amount", 0, 1, math.MinInt64},
	} {
		add(hostile.Case{Name: "Transfer/" + c.name, Param: c.param, Call: func(context.Context) error {
			l, err := NewPerAccount(3, 10)
			if err != nil {
				return err
			}
			return l.Transfer(c.from, c.to, c.amount)
		}})
	}
	add(hostile.Case{Name: "Transfer/amount=MaxInt64 (insufficient funds)", Param: "amount", Accepts: true, Call: func(context.Context) error {
		l, _ := NewLocked(3, 10)
		if err := l.Transfer(0, 1, math.MaxInt64); !errors.Is(err, ErrInsufficientFunds) {
			return fmt.Errorf("amount: Transfer(0, 1, MaxInt64) = %v, want ErrInsufficientFunds", err)
		}
		return nil
	}})

	// Run: a ledger that exists, Goroutines 1 … 10 000, Goroutines × Transfers ≤ 2³², MaxAmount ≤ 2⁶².
	var nilLocked *Locked
	var nilPerAccount *PerAccount
	for name, l := range map[string]Ledger{"nil": nil, "nil *Locked": nilLocked, "nil *PerAccount": nilPerAccount, "zero Locked": &Locked{}} {
		add(hostile.Case{Name: "Run/ledger=" + name, Param: "ledger", Call: func(ctx context.Context) error {
			_, err := Run(ctx, l, Config{})
			return err
		}})
	}
	for _, c := range []struct {
		name, param string
		cfg         Config
	}{
		{"Goroutines=-1", "Goroutines", Config{Goroutines: -1}},
		{"Goroutines=MaxInt", "Goroutines", Config{Goroutines: math.MaxInt, Transfers: 1}},
		{"Goroutines=MinInt", "Goroutines", Config{Goroutines: math.MinInt}},
		{"Transfers=-1", "Transfers", Config{Transfers: -1}},
		{"Transfers=MaxInt", "Transfers", Config{Goroutines: 1, Transfers: math.MaxInt}},
		{"Transfers=MinInt", "Transfers", Config{Transfers: math.MinInt}},
		{"MaxAmount=-1", "MaxAmount", Config{MaxAmount: -1}},
		{"MaxAmount=MaxInt64", "MaxAmount", Config{MaxAmount: math.MaxInt64}},
		{"MaxAmount=MinInt64", "MaxAmount", Config{MaxAmount: math.MinInt64}},
	} {
		add(hostile.Case{Name: "Run/" + c.name, Param: c.param, Call: func(ctx context.Context) error {
			l, _ := NewLocked(4, 100)
			_, err := Run(ctx, l, c.cfg)
			return err
		}})
	}
	add(hostile.Case{Name: "Run/MaxAmount=2^62 (the most)", Param: "MaxAmount", Accepts: true, Call: func(ctx context.Context) error {
		l, _ := NewPerAccount(4, 100)
		res, err := Run(ctx, l, Config{Goroutines: 2, Transfers: 1000, MaxAmount: maxAmount})
		if err == nil && !res.Holds() {
			err = fmt.Errorf("MaxAmount: the total changed: %v", res)
		}
		return err
	}})
	add(hostile.Case{Name: "Run/2^32 transfers, interrupted", Param: "Transfers", Interrupt: 100 * time.Millisecond,
		Call: func(ctx context.Context) error {
			l, _ := NewPerAccount(8, 100)
			res, err := Run(ctx, l, Config{Goroutines: 4, Transfers: maxTransfers / 4})
			if err != nil && (!res.Partial || !res.Holds()) {
				return fmt.Errorf("Transfers: interrupted run = %v (partial %v), want a partial result whose total held: %w", res, res.Partial, err)
			}
			return err
		}})

	add(hostile.Case{Name: "Run/10000 goroutines on one lock, interrupted", Param: "Goroutines", Interrupt: 100 * time.Millisecond,
		Call: func(ctx context.Context) error {
			l, _ := NewLocked(8, 100)
			_, err := Run(ctx, l, Config{Goroutines: maxGoroutines, Transfers: maxTransfers / maxGoroutines})
			return err
		}})

	hostile.Run(t, cases)
}
