package bank

import (
	"errors"
	"sync"
)

// Owned is a ledger whose balances belong to one goroutine, its owner: Transfer and Balances send it a
// request on a channel and wait for the reply, and nobody else ever touches the balances — "share
// memory by communicating". No lock, no lock order, nothing to deadlock on: the owner does one request
// at a time, so every transfer sees and leaves a consistent ledger, as under Locked's single mutex.
// A request costs two channel hand-offs (BenchmarkLedgers: "owned-N").
//
// NewOwned starts the owner; Close ends it, after which Transfer and Balances return ErrClosed and
// nil. An Owned must be closed, or its owner goroutine runs until the program ends.
type Owned struct {
	requests chan request
	done     chan struct{} // closed by Close
	stopped  chan struct{} // closed by the owner when it returns
	once     sync.Once
	n        int
}

// ErrClosed is returned by an Owned ledger's Transfer after Close.
var ErrClosed = errors.New("bank: the ledger is closed")

// request is one message to the owner: a transfer (balances false) or a copy of the balances.
type request struct {
	from, to int
	amount   int64
	balances bool
	reply    chan reply
}

type reply struct {
	err error
	bal []int64
}

// NewOwned returns a ledger of accounts accounts, each holding balance, and starts its owner goroutine.
func NewOwned(accounts int, balance int64) (*Owned, error) {
	if err := ValidateNew(accounts, balance); err != nil {
		return nil, err
	}
	l := &Owned{requests: make(chan request), done: make(chan struct{}), stopped: make(chan struct{}), n: accounts}
	go l.own(open(accounts, balance))
	return l, nil
}

// own is the owner goroutine: the only code that reads or writes bal.
func (l *Owned) own(bal []int64) {
	defer close(l.stopped)
	for {
		select {
		case r := <-l.requests:
			if r.balances {
				r.reply <- reply{bal: append([]int64(nil), bal...)}
				continue
			}
			var err error
			switch {
			case bal[r.from] < r.amount:
				err = ErrInsufficientFunds
			default:
				bal[r.from] -= r.amount
				bal[r.to] += r.amount
			}
			r.reply <- reply{err: err}
		case <-l.done:
			return
		}
	}
}

// ask sends r to the owner and waits for its reply; false when the ledger is closed.
func (l *Owned) ask(r request) (reply, bool) {
	r.reply = make(chan reply, 1)
	select {
	case l.requests <- r:
		return <-r.reply, true
	case <-l.done:
		return reply{}, false
	}
}

// Transfer asks the owner to move amount from one account to another.
func (l *Owned) Transfer(from, to int, amount int64) error {
	if err := ValidateTransfer(l.n, from, to, amount); err != nil {
		return err
	}
	rep, ok := l.ask(request{from: from, to: to, amount: amount})
	if !ok {
		return ErrClosed
	}
	return rep.err
}

// Balances asks the owner for a copy of the balances: a consistent snapshot, taken between two
// transfers. It returns nil after Close.
func (l *Owned) Balances() []int64 {
	rep, _ := l.ask(request{balances: true})
	return rep.bal
}

// Close ends the owner goroutine and waits for it. Calling it again does nothing.
func (l *Owned) Close() {
	l.once.Do(func() { close(l.done) })
	<-l.stopped
}
