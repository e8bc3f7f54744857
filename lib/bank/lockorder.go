package bank

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// CheckLockOrder is the self-check for a learner's lock order. order(from, to) says which of the two
// accounts of a transfer from → to is locked first and which second. CheckLockOrder starts
// 2×GOMAXPROCS goroutines (at least 4) that each make 20 000 random transfers, in both directions,
// between 4 accounts with one lock each, taking the two locks in the order returned — with a switch to
// another goroutine between the first and the second lock, so an order that can deadlock does so
// quickly. It returns pass and a message for nb.Verdict:
//
//	nb.Verdict(bank.CheckLockOrder(lockOrder))
//
// It never hangs: when no transfer has finished for 1 s, it reports a deadlock (naming a goroutine
// holding one account and waiting for another) with a hint, and releases the stuck goroutines, so none
// is left running when it returns. It also fails an order that does not return the transfer's two
// accounts, or that panics, and checks that the total money did not change.
func CheckLockOrder(order func(from, to int) (first, second int)) (pass bool, message string) {
	return checkLockOrder(order, max(4, 2*runtime.GOMAXPROCS(0)), 20_000, time.Second)
}

const lockOrderAccounts = 4

func checkLockOrder(order func(from, to int) (int, int), goroutines, transfers int, stall time.Duration) (bool, string) {
	if order == nil {
		return false, "the function is nil. Pass your function, for example bank.CheckLockOrder(lockOrder)."
	}
	const balance = 1000
	var (
		locks    [lockOrderAccounts]chan struct{} // a lock is a full channel: send to lock, receive to unlock
		balances [lockOrderAccounts]int64         // guarded by both locks of a transfer
		abort    = make(chan struct{})            // closed to release goroutines stuck waiting for a lock
		done     atomic.Int64                     // transfers finished
		mu       sync.Mutex                       // guards problem and waits
		problem  string                           // the first thing that went wrong
		waits    = map[int][2]int{}               // goroutine → (account held, account wanted)
		wg       sync.WaitGroup
	)
	for i := range locks {
		locks[i] = make(chan struct{}, 1)
		balances[i] = balance
	}
	fail := func(format string, args ...any) {
		mu.Lock()
		if problem == "" {
			problem = fmt.Sprintf(format, args...)
		}
		mu.Unlock()
	}
	lock := func(account int) bool {
		select {
		case locks[account] <- struct{}{}:
			return true
		case <-abort:
			return false
		}
	}
	for g := range goroutines {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 0x10c4))
			for range transfers {
				from := rng.IntN(lockOrderAccounts)
				to := (from + 1 + rng.IntN(lockOrderAccounts-1)) % lockOrderAccounts
				first, second, err := callOrder(order, from, to)
				if err != "" {
					fail("%s", err)
					return
				}
				if !(first == from && second == to || first == to && second == from) {
					fail("for a transfer from account %d to account %d your function returned (%d, %d); it must "+
						"return the transfer's two accounts, %d and %d, in the order to lock them.", from, to, first, second, from, to)
					return
				}
				if !lock(first) {
					return
				}
				mu.Lock()
				waits[g] = [2]int{first, second}
				mu.Unlock()
				runtime.Gosched() // the unlucky moment: another transfer runs between our two locks
				if !lock(second) {
					return // first stays locked: the check is over, nobody uses the locks again
				}
				mu.Lock()
				delete(waits, g)
				mu.Unlock()
				if amount := int64(rng.IntN(11)); balances[from] >= amount {
					balances[from] -= amount
					balances[to] += amount
				}
				<-locks[second]
				<-locks[first]
				done.Add(1)
			}
		})
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	last, since := int64(-1), time.Now()
	tick := time.NewTicker(stall / 10)
	defer tick.Stop()
	for stuck := false; !stuck; {
		select {
		case <-finished:
			stuck = true // leave the loop: all goroutines ended
			continue
		case <-tick.C:
		}
		if n := done.Load(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) >= stall {
			mu.Lock()
			var held, wanted int
			for _, w := range waits {
				held, wanted = w[0], w[1]
				break
			}
			mu.Unlock()
			close(abort)
			<-finished
			return false, fmt.Sprintf("deadlock. After %d transfers, none finished for %v: a goroutine held account %d "+
				"and waited for account %d, which another goroutine held while waiting in turn — a circle of goroutines, "+
				"each waiting for a lock the next one holds. "+
				"Hint: if every transfer locks the lower-numbered account first (min(from, to), then max), no circle can "+
				"form, whatever the direction of the transfers.", last, stall, held, wanted)
		}
	}
	if problem != "" {
		return false, problem
	}
	var total int64
	for _, b := range balances {
		total += b
	}
	if want := int64(lockOrderAccounts * balance); total != want {
		return false, fmt.Sprintf("the total money changed from %d to %d: a transfer ran without holding both locks.", want, total)
	}
	return true, fmt.Sprintf("%d goroutines made %d transfers in both directions between %d accounts, locking in your "+
		"order, with a switch to another goroutine between the two locks: no deadlock, and the total stayed %d.",
		goroutines, goroutines*transfers, lockOrderAccounts, total)
}

// callOrder calls the learner's order function, turning a panic into a message.
func callOrder(order func(int, int) (int, int), from, to int) (first, second int, problem string) {
	defer func() {
		if r := recover(); r != nil {
			problem = fmt.Sprintf("your function panicked for a transfer from %d to %d: %v.", from, to, r)
		}
	}()
	first, second = order(from, to)
	return first, second, ""
}
