package bank

import (
	"context"
	"errors"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func ledgers(t *testing.T, accounts int, balance int64) map[string]Ledger {
	t.Helper()
	l, err := NewLocked(accounts, balance)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPerAccount(accounts, balance)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]Ledger{"Locked": l, "PerAccount": p}
}

// TestInvariantHolds: with synchronisation the total never changes, for few accounts (much contention)
// and many, and with balances small enough that many transfers are refused.
func TestInvariantHolds(t *testing.T) {
	cases := []struct {
		accounts int
		balance  int64
		cfg      Config
	}{
		{2, 100, Config{Goroutines: 4, Transfers: 5000}},
		{10, 5, Config{Goroutines: 8, Transfers: 2000, MaxAmount: 7, Seed: 3}},
		{1000, 1_000_000, Config{Goroutines: 3, Transfers: 3000}},
	}
	for _, tc := range cases {
		for name, l := range ledgers(t, tc.accounts, tc.balance) {
			res, err := Run(context.Background(), l, tc.cfg)
			if err != nil || !res.Holds() || res.Before != int64(tc.accounts)*tc.balance {
				t.Errorf("%s, %d accounts: Run = %v, %v; want the total %d to hold", name, tc.accounts, res, err, int64(tc.accounts)*tc.balance)
			}
			if got, want := res.Done+res.Refused, int64(tc.cfg.Goroutines*tc.cfg.Transfers); got != want {
				t.Errorf("%s: done %d + refused %d = %d transfers; want %d", name, res.Done, res.Refused, got, want)
			}
			for i, b := range l.Balances() {
				if b < 0 {
					t.Errorf("%s: account %d has balance %d; want ≥ 0", name, i, b)
				}
			}
		}
	}
}

func TestTransfer(t *testing.T) {
	for name, l := range ledgers(t, 3, 10) {
		if err := l.Transfer(0, 2, 4); err != nil {
			t.Errorf("%s: Transfer(0, 2, 4) = %v; want nil", name, err)
		}
		if err := l.Transfer(0, 1, 7); !errors.Is(err, ErrInsufficientFunds) {
			t.Errorf("%s: Transfer(0, 1, 7) with 6 left = %v; want ErrInsufficientFunds", name, err)
		}
		if got, want := l.Balances(), []int64{6, 10, 14}; !equal(got, want) {
			t.Errorf("%s: balances %v; want %v", name, got, want)
		}
		bad := []struct {
			from, to int
			amount   int64
			want     string
		}{
			{-1, 1, 1, "from=-1 does not exist; want 0 to 2"},
			{0, 3, 1, "to=3 does not exist"},
			{1, 1, 1, "both account 1"},
			{0, 1, -5, "amount is -5"},
		}
		for _, tc := range bad {
			if err := l.Transfer(tc.from, tc.to, tc.amount); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("%s: Transfer(%d, %d, %d) = %v; want an error containing %q", name, tc.from, tc.to, tc.amount, err, tc.want)
			}
		}
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBadInput(t *testing.T) {
	news := []struct {
		accounts int
		balance  int64
		want     string
	}{
		{1, 10, "accounts is 1; want 2 to"},
		{-4, 10, "accounts is -4"},
		{maxAccounts + 1, 10, "accounts is"},
		{3, -1, "opening balance is -1"},
		{4, 1 << 62, "would overflow"},
	}
	for _, tc := range news {
		if _, err := NewLocked(tc.accounts, tc.balance); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewLocked(%d, %d) error = %v; want one containing %q", tc.accounts, tc.balance, err, tc.want)
		}
		if _, err := NewPerAccount(tc.accounts, tc.balance); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewPerAccount(%d, %d) error = %v; want one containing %q", tc.accounts, tc.balance, err, tc.want)
		}
	}
	l, _ := NewLocked(2, 1)
	runs := []struct {
		l    Ledger
		cfg  Config
		want string
	}{
		{nil, Config{}, "ledger is nil"},
		{l, Config{Goroutines: -1}, "Goroutines is -1"},
		{l, Config{Transfers: -2}, "Transfers is -2"},
		{l, Config{MaxAmount: -3}, "MaxAmount is -3"},
		{l, Config{Goroutines: 1 << 20}, "Goroutines is 1048576; want 1 to 10000"},
		{l, Config{Goroutines: 1 << 10, Transfers: 1 << 30}, "want at most"},
	}
	for _, tc := range runs {
		if _, err := Run(context.Background(), tc.l, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Run(%+v) error = %v; want one containing %q", tc.cfg, err, tc.want)
		}
	}
}

type panicky struct{ Locked }

func (p *panicky) Transfer(from, to int, amount int64) error { panic("vault door stuck") }

func TestRunReportsPanic(t *testing.T) {
	p := &panicky{Locked: Locked{bal: []int64{1, 2}}}
	if _, err := Run(context.Background(), p, Config{Goroutines: 2, Transfers: 1}); err == nil || !strings.Contains(err.Error(), "vault door") {
		t.Errorf("Run(context.Background(), panicking ledger) error = %v; want the panic", err)
	}
}
