package serving

import (
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/internal/goid"
	"github.com/parlab/parlab/lib/workload"
)

// Loop is a small event loop, for notebook 02's exercise: one goroutine runs callbacks one at a time, in
// the order they were queued, as Node.js runs its callbacks. Later queues a callback; Squares computes a
// sum of squares and counts, for each callback, how many squares it computed — so the exercise's check
// can tell how long the loop was kept from its other callbacks by counting work, not by a clock.
//
// Later and Squares must be called from a callback running on the loop (or from the function the check
// starts the loop with); calls from any other goroutine are refused and remembered, and the check says so.
// The zero Loop is not usable: the check makes one and runs it.
type Loop struct {
	mu       sync.Mutex
	id       int64    // the goroutine running the loop
	queue    []func() // guarded by mu
	current  uint64   // squares computed by the running callback; guarded by mu
	total    uint64   // squares computed in all; guarded by mu
	longest  uint64   // most squares any one callback computed; guarded by mu
	callback int      // callbacks run; guarded by mu
	outside  bool     // Later or Squares was called from another goroutine; guarded by mu
}

// maxCallbacks bounds the callbacks one run of a Loop may run: a report that queues pieces forever is
// stopped there.
const maxCallbacks = 10_000_000

// Later queues f to run on the loop after every callback already queued.
func (l *Loop) Later(f func()) {
	if f == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if goid.Current() != l.id {
		l.outside = true
		return
	}
	l.queue = append(l.queue, f)
}

// Squares returns lo² + (lo+1)² + … + hi² modulo 2⁶⁴ (0 when hi < lo), computed now, in the running
// callback, and counted against it.
func (l *Loop) Squares(lo, hi uint64) uint64 {
	l.mu.Lock()
	if goid.Current() != l.id {
		l.outside = true
		l.mu.Unlock()
		return 0
	}
	l.mu.Unlock()
	if hi < lo {
		return 0
	}
	sum := workload.SumSquaresRange(lo, hi)
	l.mu.Lock()
	l.current += hi - lo + 1
	l.total += hi - lo + 1
	l.mu.Unlock()
	return sum
}

// run runs start, then every queued callback in turn until none is left, calling between(squares)
// after each callback with the squares it computed. It stops with an error after maxCallbacks.
func (l *Loop) run(start func(), between func(squares uint64)) error {
	l.mu.Lock()
	l.id = goid.Current()
	l.queue = append(l.queue, start)
	l.mu.Unlock()
	for {
		l.mu.Lock()
		if len(l.queue) == 0 {
			l.mu.Unlock()
			return nil
		}
		if l.callback >= maxCallbacks {
			l.mu.Unlock()
			return errors.New("too many callbacks")
		}
		f := l.queue[0]
		l.queue = l.queue[1:]
		l.callback++
		l.current = 0
		l.mu.Unlock()
		f()
		l.mu.Lock()
		c := l.current
		l.longest = max(l.longest, c)
		l.mu.Unlock()
		between(c)
	}
}

// reportCase is one question of CheckReport: the report's size and the most squares a piece may have.
type reportCase struct{ n, piece int }

var reportCases = []reportCase{{1_000_000, 50_000}, {1_000_003, 100_000}, {300_000, 100_000}, {10, 1000}, {7, 1}}

// CheckReport is the self-check of notebook 02's event-loop exercise. report(loop, n, piece, done) must
// compute the sum of squares 1² + … + n² on the event loop without blocking it: in pieces of at most piece
// squares, each computed with loop.Squares in a callback of its own and the next queued with loop.Later,
// and call done(sum) once at the end. While it runs, another request's callback comes back after each of
// report's, as long as report has a piece queued, and must get its turn: the check counts the squares computed between two of theirs,
// the time a request waited, and wants at most piece. It tries several sizes, calls report through
// check.Call (a hang or a panic becomes a hint), and says what went wrong: one long callback, a piece
// too big, a sum off by a boundary, done never called or called twice, or work done off the loop.
func CheckReport(report func(loop *Loop, n, piece int, done func(sum uint64))) check.Result {
	return checkReport(report, 10*time.Second)
}

func checkReport(report func(loop *Loop, n, piece int, done func(sum uint64)), limit time.Duration) check.Result {
	if report == nil {
		return check.NotYet("report is nil.", "Define func report(loop *serving.Loop, n, piece int, done func(sum uint64)) and pass it.")
	}
	var pieces int
	var took time.Duration
	for _, c := range reportCases {
		what := fmt.Sprintf("report(loop, n = %d, piece = %d)", c.n, c.piece)
		type outcome struct {
			calls  int
			sum    uint64
			waited uint64 // most squares between two of the other requests' callbacks
			l      *Loop
			err    error
		}
		start := time.Now()
		o, err := check.Call(limit, func() outcome {
			var o outcome
			l := &Loop{}
			o.l = l
			finished := false
			var since uint64 // squares since the other requests last had a turn
			var tick func()
			tick = func() { // another request's callback: it comes back as long as the report has a piece queued
				o.waited = max(o.waited, since)
				since = 0
				l.mu.Lock()
				pending := len(l.queue) > 0
				l.mu.Unlock()
				if !finished && pending {
					l.Later(tick)
				}
			}
			o.err = l.run(func() {
				l.Later(tick)
				report(l, c.n, c.piece, func(sum uint64) {
					if goid.Current() != l.id {
						l.mu.Lock()
						l.outside = true
						l.mu.Unlock()
					}
					o.calls++
					o.sum = sum
					finished = true
				})
			}, func(squares uint64) { since += squares })
			o.waited = max(o.waited, since)
			return o
		})
		took += time.Since(start)
		if err != nil {
			return check.Explain(what, err)
		}
		want := workload.SumSquaresRange(1, uint64(c.n))
		l := o.l
		l.mu.Lock()
		outside, total, longest, callbacks := l.outside, l.total, l.longest, l.callback
		l.mu.Unlock()
		switch {
		case outside:
			return check.NotYet(fmt.Sprintf("%s called loop.Later, loop.Squares or done from a goroutine other than the loop's.", what),
				"Everything runs on the loop, one callback at a time: no go statement. (Handing a long job to a worker thread is the "+
					"other cure for a blocked event loop — but this exercise is about cutting it into pieces.)")
		case o.err != nil:
			return check.NotYet(fmt.Sprintf("%s queued more than %d callbacks without finishing.", what, maxCallbacks),
				"Does each piece move on? The next piece starts where this one ended, and the last one calls done instead of queuing more.")
		case o.calls == 0:
			return check.NotYet(fmt.Sprintf("%s never called done: the loop ran out of callbacks after %d.", what, callbacks),
				"When the last piece is computed, call done(sum) — and until then, queue the next piece with loop.Later.")
		case o.calls > 1:
			return check.NotYet(fmt.Sprintf("%s called done %d times.", what, o.calls), "Call done once, after the last piece.")
		case total != uint64(c.n):
			return check.NotYet(fmt.Sprintf("%s computed %d squares with loop.Squares; want %d (1 to %d).", what, total, c.n, c.n),
				"Compute every square with loop.Squares(lo, hi), once: pieces from 1 to piece, piece+1 to 2·piece, …, the last ending at n "+
					"(both ends included). A square counted twice or skipped is a boundary off by one.")
		case o.sum != want:
			return check.NotYet(fmt.Sprintf("%s called done(%d); want %d.", what, o.sum, want),
				"Add up what each loop.Squares returns, across the pieces, and pass the total to done.")
		case longest > uint64(c.piece):
			return check.NotYet(fmt.Sprintf("%s: one callback computed %d squares — the loop could run nothing else meanwhile; want at most %d per callback.", what, longest, c.piece),
				"Compute at most piece squares in one callback, then queue the rest with loop.Later(func() { … }) and return, so the "+
					"other requests' callbacks get a turn in between.")
		case o.waited > uint64(c.piece):
			return check.NotYet(fmt.Sprintf("%s: the other requests waited while %d squares were computed; want at most %d.", what, o.waited, c.piece),
				"Queue one piece at a time: each piece queues the next when it is done, so other callbacks can come in between.")
		}
		pieces = max(pieces, (c.n+c.piece-1)/c.piece)
	}
	return check.Pass(fmt.Sprintf("Right for all %d reports: each ran in pieces of at most `piece` squares (up to %d pieces), every piece in a "+
		"callback of its own, and between two pieces the other requests' callbacks had their turn — none waited longer than one piece.",
		len(reportCases), pieces)).WithAdvice(fmt.Sprintf("(The %d reports took %v here, checks included.)", len(reportCases), took.Round(time.Millisecond)))
}
