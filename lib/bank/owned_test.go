package bank

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestOwned(t *testing.T) {
	l, err := NewOwned(10, 100)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), l, Config{Goroutines: 8, Transfers: 2000, MaxAmount: 30})
	if err != nil || !res.Holds() || res.Done+res.Refused != 16_000 {
		t.Fatalf("Run on an Owned ledger: %v, %v; want 16000 transfers made or refused and the total kept", res, err)
	}
	if err := l.Transfer(0, 1, 1_000_000); !errors.Is(err, ErrInsufficientFunds) {
		t.Errorf("overdraft: %v; want ErrInsufficientFunds", err)
	}
	for _, c := range []struct {
		from, to int
		amount   int64
		want     string
	}{{-1, 1, 1, "from=-1"}, {0, 10, 1, "to=10"}, {2, 2, 1, "both account 2"}, {0, 1, -5, "amount is -5"}} {
		if err := l.Transfer(c.from, c.to, c.amount); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Transfer(%d, %d, %d) = %v; want an error with %q", c.from, c.to, c.amount, err, c.want)
		}
	}
	l.Close()
	l.Close() // a second Close does nothing
	if err := l.Transfer(0, 1, 1); !errors.Is(err, ErrClosed) {
		t.Errorf("Transfer after Close: %v; want ErrClosed", err)
	}
	if b := l.Balances(); b != nil {
		t.Errorf("Balances after Close = %v; want nil", b)
	}
	if _, err := NewOwned(1, 5); err == nil || !strings.Contains(err.Error(), "accounts") {
		t.Errorf("NewOwned(1 account): %v; want an error naming accounts", err)
	}
}

func TestLedgers(t *testing.T) {
	res, err := Ledgers(context.Background(), 8, Config{Goroutines: 4, Transfers: 500}, 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 3 || res.Entries[2].Name != "an owner goroutine" || len(res.Entries[2].Samples) != 6 {
		t.Errorf("Ledgers = %+v; want 3 entries of 6 trials, the owner last", res.Entries)
	}
	for _, c := range []struct {
		accounts, trials int
		cfg              Config
		want             string
	}{{1, 6, Config{}, "accounts"}, {8, 2, Config{}, "trials"}, {8, 6, Config{Goroutines: -1}, "Goroutines"}} {
		if _, err := Ledgers(context.Background(), c.accounts, c.cfg, c.trials); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Ledgers(%d, %+v, %d): %v; want an error naming %s", c.accounts, c.cfg, c.trials, err, c.want)
		}
	}
}
