package bank

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

func TestCheckLockOrder(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, tt := range []struct {
		name    string
		order   func(from, to int) (int, int)
		outcome check.Outcome
		message string
		hint    string
	}{
		{"lower first", func(f, t int) (int, int) { return min(f, t), max(f, t) }, check.Passed, "never make a circle", ""},
		{"higher first", func(f, t int) (int, int) { return max(f, t), min(f, t) }, check.Passed, "no deadlock", ""},
		{"source first", func(f, t int) (int, int) { return f, t }, check.NotPassed, "one transfer locks account 0 before 1, and another 1 before 0", "min(from, to)"},
		{"destination first", func(f, t int) (int, int) { return t, f }, check.NotPassed, "Your orders make such a circle", "lower-numbered account first"},
		{"a circle of three", func(f, t int) (int, int) {
			// lower first, except that 2 is locked before 0: 0 before 1, 1 before 2, 2 before 0.
			if min(f, t) == 0 && max(f, t) == 2 {
				return 2, 0
			}
			return min(f, t), max(f, t)
		}, check.NotPassed, "one transfer locks account 0 before 1, another 1 before 2, and another 2 before 0", "min(from, to)"},
		{"same account twice", func(f, t int) (int, int) { return f, f }, check.NotPassed, "your function returned (0, 0)", "Return the transfer's two accounts, 0 and 1"},
		{"panics", func(f, t int) (int, int) { panic("oops") }, check.NotPassed, "lockOrder panicked", "the line it names"},
		{"hangs", func(f, t int) (int, int) { <-release; return f, t }, check.NotPassed, "lockOrder did not return within 1s", "waiting"},
		{"nil", nil, check.NotPassed, "nil", "bank.CheckLockOrder(lockOrder)"},
	} {
		start := time.Now()
		r := checkLockOrder(tt.order, 4, 5000, 300*time.Millisecond, time.Second)
		if r.Outcome != tt.outcome || !strings.Contains(r.Message, tt.message) || !strings.Contains(r.Hint, tt.hint) {
			t.Errorf("%s: got %q; want %v, a message with %q and a hint with %q", tt.name, r, tt.outcome, tt.message, tt.hint)
		}
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("%s: took %v", tt.name, took) // a bound on hanging, not a timing
		}
	}
}

func TestLockCircle(t *testing.T) {
	var orders [lockOrderAccounts][lockOrderAccounts]pair
	fill := func(order func(f, t int) (int, int)) {
		for f := range lockOrderAccounts {
			for t := range lockOrderAccounts {
				if f != t {
					a, b := order(f, t)
					orders[f][t] = pair{a, b}
				}
			}
		}
	}
	fill(func(f, t int) (int, int) { return min(f, t), max(f, t) })
	if c := lockCircle(orders); c != nil {
		t.Errorf("lower first: circle %v; want none", c)
	}
	fill(func(f, t int) (int, int) { return f, t })
	if c := lockCircle(orders); len(c) != 3 || c[0] != c[2] {
		t.Errorf("source first: circle %v; want two accounts and back", c)
	}
}

func TestCheckLockOrderDefaults(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 80 000 transfers")
	}
	if r := CheckLockOrder(func(f, t int) (int, int) { return min(f, t), max(f, t) }); !r.Passed() {
		t.Errorf("CheckLockOrder(lower first) = %q; want a pass", r)
	}
}
