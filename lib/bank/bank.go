package bank

import (
	"errors"
	"fmt"
	"sync"
)

// ErrInsufficientFunds is returned by Transfer when the source account holds less than the amount.
var ErrInsufficientFunds = errors.New("bank: insufficient funds")

// Ledger is a set of accounts numbered 0 … n-1 between which money can be moved.
type Ledger interface {
	// Transfer moves amount (≥ 0) from account from to account to (from ≠ to). It returns
	// ErrInsufficientFunds, leaving both unchanged, when from holds less than amount.
	Transfer(from, to int, amount int64) error
	// Balances returns a copy of every account's balance.
	Balances() []int64
}

// maxAccounts bounds the number of accounts a ledger may have: a million accounts is far more than
// contention needs, and each costs a cache line (64 bytes) in a PerAccount ledger.
const maxAccounts = 1 << 20

// ValidateTransfer returns an error when a transfer's arguments are not allowed for n accounts, and nil
// otherwise. Ledgers (including racy.Bank) call it first.
func ValidateTransfer(n, from, to int, amount int64) error {
	switch {
	case from < 0 || from >= n:
		return fmt.Errorf("bank: account from=%d does not exist; want 0 to %d", from, n-1)
	case to < 0 || to >= n:
		return fmt.Errorf("bank: account to=%d does not exist; want 0 to %d", to, n-1)
	case from == to:
		return fmt.Errorf("bank: from and to are both account %d; a transfer needs two different accounts", from)
	case amount < 0:
		return fmt.Errorf("bank: amount is %d; want 0 or more", amount)
	}
	return nil
}

// ValidateNew returns an error when a ledger of accounts accounts with balance each is not allowed:
// accounts must be from 2 (a transfer needs two) to 2²⁰, balance at least 0 and small enough that the
// total fits in 2⁶².
func ValidateNew(accounts int, balance int64) error {
	switch {
	case accounts < 2 || accounts > maxAccounts:
		return fmt.Errorf("bank: accounts is %d; want 2 to %d (a transfer needs two accounts)", accounts, maxAccounts)
	case balance < 0:
		return fmt.Errorf("bank: opening balance is %d; want 0 or more", balance)
	case balance > (1<<62)/int64(accounts):
		return fmt.Errorf("bank: opening balance %d × %d accounts would overflow the total; want at most %d each",
			balance, accounts, (1<<62)/int64(accounts))
	}
	return nil
}

func open(accounts int, balance int64) []int64 {
	b := make([]int64, accounts)
	for i := range b {
		b[i] = balance
	}
	return b
}

// Locked is a ledger guarded by one mutex: simple and correct, but only one transfer runs at a time.
type Locked struct {
	mu  sync.Mutex
	bal []int64 // guarded by mu
}

// NewLocked returns a ledger of accounts accounts, each holding balance.
func NewLocked(accounts int, balance int64) (*Locked, error) {
	if err := ValidateNew(accounts, balance); err != nil {
		return nil, err
	}
	return &Locked{bal: open(accounts, balance)}, nil
}

// Transfer moves amount from one account to another while holding the ledger's lock.
func (l *Locked) Transfer(from, to int, amount int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := ValidateTransfer(len(l.bal), from, to, amount); err != nil {
		return err
	}
	if l.bal[from] < amount {
		return ErrInsufficientFunds
	}
	l.bal[from] -= amount
	l.bal[to] += amount
	return nil
}

// Balances returns a copy of the balances, taken while holding the lock.
func (l *Locked) Balances() []int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int64(nil), l.bal...)
}

// PerAccount is a ledger with one mutex per account. Transfer locks the two accounts it touches, the
// lower-numbered one first: with one global order no two transfers can each hold what the other waits
// for, so transfers between different accounts run in parallel and never deadlock.
type PerAccount struct {
	acct []account
}

// account is padded to 64 bytes, one cache line, so that transfers on different accounts do not slow
// each other down by false sharing (see package falseshare).
type account struct {
	mu  sync.Mutex
	bal int64 // guarded by mu
	_   [48]byte
}

// NewPerAccount returns a ledger of accounts accounts, each holding balance.
func NewPerAccount(accounts int, balance int64) (*PerAccount, error) {
	if err := ValidateNew(accounts, balance); err != nil {
		return nil, err
	}
	l := &PerAccount{acct: make([]account, accounts)}
	for i := range l.acct {
		l.acct[i].bal = balance
	}
	return l, nil
}

// Transfer moves amount between two accounts, holding both their locks (lower number first).
func (l *PerAccount) Transfer(from, to int, amount int64) error {
	if err := ValidateTransfer(len(l.acct), from, to, amount); err != nil {
		return err
	}
	first, second := &l.acct[min(from, to)], &l.acct[max(from, to)]
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	if l.acct[from].bal < amount {
		return ErrInsufficientFunds
	}
	l.acct[from].bal -= amount
	l.acct[to].bal += amount
	return nil
}

// Balances returns a copy of the balances. It locks every account (in order) so the snapshot is
// consistent: no transfer is half done in it.
func (l *PerAccount) Balances() []int64 {
	for i := range l.acct {
		l.acct[i].mu.Lock()
	}
	out := make([]int64, len(l.acct))
	for i := range l.acct {
		out[i] = l.acct[i].bal
	}
	for i := range l.acct {
		l.acct[i].mu.Unlock()
	}
	return out
}
