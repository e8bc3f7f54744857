package bank

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/check"
)

const lockOrderAccounts = 4

// orderLimit is how long the learner's order function may take to answer for every pair of accounts.
const orderLimit = 10 * time.Second

// CheckLockOrder is the self-check for a learner's lock order. order(from, to) says which of the two
// accounts of a transfer from → to is locked first and which second.
//
// The verdict does not depend on luck or load. CheckLockOrder asks order once for every transfer
// between 4 accounts (12 pairs, in one guarded call: check.Call), and the orders it returns can
// deadlock exactly when they form a circle — account a locked before b by one transfer, b before …
// before a by others: then goroutines making those transfers at the same moment can each hold one
// lock and wait for the next. With no circle, no set of transfers can wait in a circle.
//
// Then it shows what the orders do: 2×GOMAXPROCS goroutines (at least 4) each make 20 000 random
// transfers in both directions, taking the two locks in the learner's order, with a switch to another
// goroutine between the first and the second lock, so an order that can deadlock does so quickly. When
// no transfer has finished for 1 s, it reports the deadlock it saw (a goroutine holding one account
// and waiting for another) and releases the stuck goroutines, so none is left running when it returns;
// it also checks that the total money did not change.
func CheckLockOrder(order func(from, to int) (first, second int)) check.Result {
	return checkLockOrder(order, max(4, 2*runtime.GOMAXPROCS(0)), 20_000, time.Second, orderLimit)
}

// pair is a transfer's two accounts in the order they are locked.
type pair struct{ first, second int }

func checkLockOrder(order func(from, to int) (int, int), goroutines, transfers int, stall, limit time.Duration) check.Result {
	if order == nil {
		return check.NotYet("The function is nil.", "Pass your function, for example bank.CheckLockOrder(lockOrder).")
	}
	orders, err := check.Call(limit, func() (table [lockOrderAccounts][lockOrderAccounts]pair) {
		for from := range lockOrderAccounts {
			for to := range lockOrderAccounts {
				if from != to {
					first, second := order(from, to)
					table[from][to] = pair{first, second}
				}
			}
		}
		return table
	})
	if err != nil {
		return check.Explain("lockOrder", err)
	}
	for from := range lockOrderAccounts {
		for to := range lockOrderAccounts {
			if p := orders[from][to]; from != to && !(p == pair{from, to} || p == pair{to, from}) {
				return check.NotYet(fmt.Sprintf("For a transfer from account %d to account %d your function returned (%d, %d).",
					from, to, p.first, p.second),
					fmt.Sprintf("Return the transfer's two accounts, %d and %d, in the order to lock them.", from, to))
			}
		}
	}
	circle := lockCircle(orders)
	run := simulateTransfers(orders, goroutines, transfers, stall)
	switch {
	case run.problem != "":
		return check.NotYet(run.problem, "")
	case len(circle) > 0 && run.deadlocked:
		return check.NotYet(fmt.Sprintf("Deadlock. After %d transfers, none finished for %v: a goroutine held account %d "+
			"and waited for account %d, which another goroutine held while waiting in turn — a circle of goroutines, "+
			"each waiting for a lock the next one holds. Your orders make such a circle: %s.", run.done, stall, run.held, run.wanted, describeCircle(circle)),
			"If every transfer locks the lower-numbered account first (min(from, to), then max), no circle can form, "+
				"whatever the direction of the transfers.")
	case len(circle) > 0:
		return check.NotYet(fmt.Sprintf("No deadlock happened in %d transfers this time, but your orders can deadlock: %s. "+
			"Goroutines making those transfers at the same moment can each hold one lock and wait for the next.", run.done, describeCircle(circle)),
			"If every transfer locks the lower-numbered account first (min(from, to), then max), no circle can form, "+
				"whatever the direction of the transfers.")
	case run.deadlocked:
		// Cannot happen: with no circle in the orders, some transfer can always finish.
		return check.NotYet(fmt.Sprintf("The transfers stopped after %d, though your orders make no circle: this is a fault in the check.", run.done), "")
	}
	return check.Pass(fmt.Sprintf("Your orders never make a circle, so no set of transfers can wait in one: %d goroutines "+
		"made %d transfers in both directions between %d accounts, locking in your order, with a switch to another goroutine "+
		"between the two locks — no deadlock, and the total stayed %d.", goroutines, run.done, lockOrderAccounts, run.total))
}

// lockCircle returns a circle of accounts a → b → … → a in which each account is locked before the next
// by some transfer, or nil when the orders make none.
func lockCircle(orders [lockOrderAccounts][lockOrderAccounts]pair) []int {
	var before [lockOrderAccounts][lockOrderAccounts]bool // before[a][b]: some transfer locks a, then b
	for from := range lockOrderAccounts {
		for to := range lockOrderAccounts {
			if from != to {
				p := orders[from][to]
				before[p.first][p.second] = true
			}
		}
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := make([]int, lockOrderAccounts)
	var path []int
	var visit func(a int) []int
	visit = func(a int) []int {
		state[a] = onPath
		path = append(path, a)
		for b := range lockOrderAccounts {
			if !before[a][b] {
				continue
			}
			if state[b] == onPath {
				for i, x := range path {
					if x == b {
						return append(append([]int(nil), path[i:]...), b)
					}
				}
			}
			if state[b] == unseen {
				if c := visit(b); c != nil {
					return c
				}
			}
		}
		path = path[:len(path)-1]
		state[a] = done
		return nil
	}
	for a := range lockOrderAccounts {
		if state[a] == unseen {
			if c := visit(a); c != nil {
				return c
			}
		}
	}
	return nil
}

// describeCircle says a circle in words: "one transfer locks account 0 before 1, and another 1 before 0".
func describeCircle(c []int) string {
	var b strings.Builder
	for i := 0; i+1 < len(c); i++ {
		switch {
		case i == 0:
			fmt.Fprintf(&b, "one transfer locks account %d before %d", c[0], c[1])
		case i == len(c)-2:
			fmt.Fprintf(&b, ", and another %d before %d", c[i], c[i+1])
		default:
			fmt.Fprintf(&b, ", another %d before %d", c[i], c[i+1])
		}
	}
	return b.String()
}

// transferRun is what simulateTransfers saw.
type transferRun struct {
	done         int64 // transfers finished
	deadlocked   bool  // no transfer finished for the stall time
	held, wanted int   // a goroutine's held and wanted account, when deadlocked
	total        int64 // the money at the end
	problem      string
}

// simulateTransfers makes transfers between lockOrderAccounts accounts from goroutines goroutines,
// locking in the given orders, and stops them if they deadlock.
func simulateTransfers(orders [lockOrderAccounts][lockOrderAccounts]pair, goroutines, transfers int, stall time.Duration) transferRun {
	const balance = 1000
	var (
		locks    [lockOrderAccounts]chan struct{} // a lock is a full channel: send to lock, receive to unlock
		balances [lockOrderAccounts]int64         // guarded by both locks of a transfer
		abort    = make(chan struct{})            // closed to release goroutines stuck waiting for a lock
		done     atomic.Int64                     // transfers finished
		mu       sync.Mutex                       // guards waits
		waits    = map[int][2]int{}               // goroutine → (account held, account wanted)
		wg       sync.WaitGroup
	)
	for i := range locks {
		locks[i] = make(chan struct{}, 1)
		balances[i] = balance
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
				p := orders[from][to]
				if !lock(p.first) {
					return
				}
				mu.Lock()
				waits[g] = [2]int{p.first, p.second}
				mu.Unlock()
				runtime.Gosched() // the unlucky moment: another transfer runs between our two locks
				if !lock(p.second) {
					return // first stays locked: the run is over, nobody uses the locks again
				}
				mu.Lock()
				delete(waits, g)
				mu.Unlock()
				if amount := int64(rng.IntN(11)); balances[from] >= amount {
					balances[from] -= amount
					balances[to] += amount
				}
				<-locks[p.second]
				<-locks[p.first]
				done.Add(1)
			}
		})
	}
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	var run transferRun
	last, since := int64(-1), time.Now()
	tick := time.NewTicker(stall / 10)
	defer tick.Stop()
	for over := false; !over; {
		select {
		case <-finished:
			over = true
			continue
		case <-tick.C:
		}
		if n := done.Load(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) >= stall {
			mu.Lock()
			for _, w := range waits {
				run.held, run.wanted = w[0], w[1]
				break
			}
			mu.Unlock()
			run.deadlocked = true
			close(abort)
			<-finished
			over = true
		}
	}
	run.done = done.Load()
	for _, b := range balances {
		run.total += b
	}
	if want := int64(lockOrderAccounts * balance); !run.deadlocked && run.total != want {
		run.problem = fmt.Sprintf("The total money changed from %d to %d: a transfer ran without holding both locks.", want, run.total)
	}
	return run
}
