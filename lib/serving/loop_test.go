package serving

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// pieces is a right answer: each piece computes at most piece squares and queues the next.
func pieces(loop *Loop, n, piece int, done func(uint64)) {
	var sum uint64
	var step func(lo int)
	step = func(lo int) {
		hi := min(lo+piece-1, n)
		sum += loop.Squares(uint64(lo), uint64(hi))
		if hi == n {
			done(sum)
			return
		}
		loop.Later(func() { step(hi + 1) })
	}
	step(1)
}

// TestCheckReport: the event-loop exercise's check passes a report cut into pieces and fails each
// kind of wrong one with a hint naming the mistake, a hanging one and a panicking one.
func TestCheckReport(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, c := range []struct {
		name    string
		report  func(loop *Loop, n, piece int, done func(uint64))
		outcome check.Outcome
		says    string
	}{
		{"pieces", pieces, check.Passed, "none waited longer than one piece"},
		{"one callback (the starting point)", func(loop *Loop, n, piece int, done func(uint64)) {
			done(loop.Squares(1, uint64(n)))
		}, check.NotPassed, "one callback computed 1000000 squares"},
		{"all pieces in one callback", func(loop *Loop, n, piece int, done func(uint64)) {
			var sum uint64
			for lo := 1; lo <= n; lo += piece {
				sum += loop.Squares(uint64(lo), uint64(min(lo+piece-1, n)))
			}
			done(sum)
		}, check.NotPassed, "at most 50000 per callback"},
		{"pieces twice too big", func(loop *Loop, n, piece int, done func(uint64)) { pieces(loop, n, 2*piece, done) },
			check.NotPassed, "at most 50000 per callback"},
		{"a boundary counted twice", func(loop *Loop, n, piece int, done func(uint64)) {
			var sum uint64
			var step func(lo int)
			step = func(lo int) {
				hi := min(lo+piece, n) // one square too many, the first of the next piece again
				sum += loop.Squares(uint64(lo), uint64(hi))
				if hi == n {
					done(sum)
					return
				}
				loop.Later(func() { step(hi) })
			}
			step(1)
		}, check.NotPassed, "off by one"},
		{"never done", func(loop *Loop, n, piece int, done func(uint64)) { loop.Squares(1, 10) }, check.NotPassed, "never called done"},
		{"done twice", func(loop *Loop, n, piece int, done func(uint64)) {
			pieces(loop, n, piece, done)
			done(0)
		}, check.NotPassed, "called done 2 times"},
		{"a goroutine", func(loop *Loop, n, piece int, done func(uint64)) {
			ch := make(chan uint64)
			go func() { ch <- loop.Squares(1, uint64(n)) }()
			done(<-ch)
		}, check.NotPassed, "goroutine other than the loop's"},
		{"hangs", func(loop *Loop, n, piece int, done func(uint64)) { <-release }, check.NotPassed, "did not return within"},
		{"panics", func(loop *Loop, n, piece int, done func(uint64)) {
			var parts []uint64
			parts[n] = loop.Squares(1, 1)
		}, check.NotPassed, "panicked"},
		{"nil", nil, check.NotPassed, "nil"},
	} {
		got := checkReport(c.report, 2*time.Second)
		if got.Outcome != c.outcome || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("%s: got %v; want %v and %q", c.name, got, c.outcome, c.says)
		}
		if got.Outcome == check.NotPassed && got.Hint == "" {
			t.Errorf("%s: no hint in %q", c.name, got)
		}
	}
}

// TestLoopOrder: callbacks run one at a time in the order queued; Squares counts per callback.
func TestLoopOrder(t *testing.T) {
	l := &Loop{}
	var order []string
	var per []uint64
	err := l.run(func() {
		order = append(order, "start")
		l.Later(func() { order = append(order, "a"); l.Squares(1, 3) })
		l.Later(func() { order = append(order, "b") })
		l.Later(nil) // ignored
	}, func(sq uint64) { per = append(per, sq) })
	if err != nil || strings.Join(order, " ") != "start a b" || len(per) != 3 || per[1] != 3 || l.total != 3 {
		t.Errorf("order %v, squares per callback %v, total %d, error %v; want start a b, [0 3 0], 3, nil", order, per, l.total, err)
	}
	got := make(chan uint64)
	go func() { got <- l.Squares(1, 4) }()
	if got := <-got; got != 0 || !l.outside {
		t.Errorf("Squares from outside the loop = %d, outside = %v; want 0 and remembered", got, l.outside)
	}
}
