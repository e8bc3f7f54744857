package racy

import (
	"errors"
	"runtime"

	"github.com/parlab/parlab/lib/bank"
)

// Bank is an unsynchronised bank.Ledger: Transfer checks the balance, then subtracts and adds with plain
// reads and writes, so concurrent transfers lose updates (the total drifts) and two transfers can both
// pass the balance check (an account goes negative). With Yield set, Transfer calls runtime.Gosched
// between reading the source balance and writing it back.
type Bank struct {
	Yield bool
	bal   []int64 // deliberately unguarded
}

var _ bank.Ledger = (*Bank)(nil)

// NewBank returns a ledger of accounts accounts, each holding balance, with the same limits as
// bank.NewLocked.
func NewBank(accounts int, balance int64) (*Bank, error) {
	if err := bank.ValidateNew(accounts, balance); err != nil {
		return nil, err
	}
	b := &Bank{bal: make([]int64, accounts)}
	for i := range b.bal {
		b.bal[i] = balance
	}
	return b, nil
}

// Transfer moves amount from one account to another without synchronisation.
func (b *Bank) Transfer(from, to int, amount int64) error {
	if b == nil {
		return errors.New("racy: the bank is nil; make one with racy.NewBank(accounts, balance)")
	}
	if err := bank.ValidateTransfer(len(b.bal), from, to, amount); err != nil {
		return err
	}
	v := b.bal[from]
	if v < amount {
		return bank.ErrInsufficientFunds
	}
	if b.Yield {
		runtime.Gosched()
	}
	b.bal[from] = v - amount
	b.bal[to] += amount
	return nil
}

// Balances returns a copy of the balances, read without synchronisation; a nil Bank has none.
func (b *Bank) Balances() []int64 {
	if b == nil {
		return nil
	}
	return append([]int64(nil), b.bal...)
}
