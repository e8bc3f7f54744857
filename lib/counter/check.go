package counter

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// Funcs makes a Counter from two functions, for a learner whose counter is a pair of functions rather
// than a type. Either may be nil; Check then says which one is missing.
func Funcs(add func(delta int64), value func() int64) Counter { return funcs{add, value} }

type funcs struct {
	add   func(int64)
	value func() int64
}

func (f funcs) Add(d int64)  { f.add(d) }
func (f funcs) Value() int64 { return f.value() }

type checkConfig struct {
	goroutines, each, rounds int
	limit                    time.Duration // per call of the learner's code
	timed                    int           // increments in one timed run of locksPerIncrement
}

func defaultCheckConfig() checkConfig {
	g := max(4, 2*runtime.GOMAXPROCS(0))
	timed := timedIncrements
	if check.RaceDetector() {
		timed /= 8 // each increment costs several times more: keep a timed run near the same length
	}
	return checkConfig{goroutines: g, each: 100_000, rounds: 5, limit: 10 * time.Second, timed: timed}
}

// Check is the self-check for a learner's counter. It runs c under concurrency several times — each round
// 2×GOMAXPROCS goroutines (at least 4) add 1 a hundred thousand times — and compares the count with the
// number of Adds. Every call of c's methods goes through check.Call, so a counter that never answers (a
// Lock without its Unlock, an owner goroutine that was never started) is reported after 10 s with the
// stacks of the waiting goroutines, and a panic is reported with where it happened; goroutines stuck in
// c stay blocked until the program ends. Check works with any starting value: it counts the change.
//
// Lost updates show a data race, but a race can also go unnoticed in a few rounds, especially with
// GOMAXPROCS=1: built with -race and the race log set up (check.RaceLog), the race detector's reports are
// part of the verdict (check.Result.WithRaceDetector).
func Check(c Counter) check.Result {
	return checkCounter(c, defaultCheckConfig(), counterHints).WithRaceDetector()
}

func checkCounter(c Counter, cfg checkConfig, h hints) check.Result {
	if c == nil {
		return check.NotYet("The counter is nil.", "Pass your counter, for example counter.Check(&SafeCounter{}).")
	}
	if f, ok := c.(funcs); ok && (f.add == nil || f.value == nil) {
		return check.NotYet("counter.Funcs needs both an add function and a value function; one of them is nil.", "Pass both.")
	}
	before, err := check.Call(cfg.limit, c.Value)
	if err != nil {
		return explainCounter("Value()", err, h)
	}
	want := int64(cfg.goroutines) * int64(cfg.each)
	type counted struct {
		value int64
		err   error // a panic in Add, recovered by run in the goroutine that called it
	}
	for r := 1; r <= cfg.rounds; r++ {
		res, err := check.Call(cfg.limit, func() counted {
			if err := run(context.Background(), c, cfg.goroutines, want); err != nil {
				return counted{err: err}
			}
			return counted{value: c.Value()}
		})
		if err != nil {
			return explainCounter(fmt.Sprintf("Round %d of %d (%d goroutines × %d increments, then Value())", r, cfg.rounds, cfg.goroutines, cfg.each), err, h)
		}
		if res.err != nil {
			return check.NotYet(fmt.Sprintf("In round %d, Add panicked: %v.", r, res.err),
				"Look for a nil map or pointer, or an index out of range, in Add.")
		}
		after := res.value
		got := after - before
		before = after
		if res, ok := judgeCount(cfg, r, want, got, h); !ok {
			return res
		}
	}
	return passRounds(cfg)
}

// explainCounter is check.Explain with the hint of a counter exercise for a counter that never answers.
func explainCounter(what string, err error, h hints) check.Result {
	r := check.Explain(what, err)
	var timeout *check.TimeoutError
	if errors.As(err, &timeout) {
		r.Hint = h.stuck + " The stacks below show where each goroutine was waiting."
	}
	return r
}

// judgeCount compares one round's count with what was added.
func judgeCount(cfg checkConfig, round int, want, got int64, h hints) (check.Result, bool) {
	counted := fmt.Sprintf("In round %d of %d, %d goroutines × %d increments should add %d, but the count grew by %d",
		round, cfg.rounds, cfg.goroutines, cfg.each, want, got)
	switch {
	case got == 0 && want > 0:
		return check.NotYet(counted+": it did not change at all.", h.none), false
	case got < want:
		lost := want - got
		return check.NotYet(fmt.Sprintf("%s: %d updates (%.1f%%) were lost.", counted, lost, 100*float64(lost)/float64(want)), h.fewer), false
	case got > want:
		return check.NotYet(counted+": more than was added.", h.more), false
	}
	return check.Result{}, true
}

func passRounds(cfg checkConfig) check.Result {
	r := check.Pass(fmt.Sprintf("%d rounds of %d goroutines × %d increments, every one counted (GOMAXPROCS=%d).",
		cfg.rounds, cfg.goroutines, cfg.each, runtime.GOMAXPROCS(0)))
	if !check.RaceDetector() {
		r = r.WithAdvice("A count can come out right by luck: run it once more with the race detector (GoNB: %goflags -race) to be sure.")
	}
	return r
}

type hints struct{ none, fewer, more, stuck string }

var counterHints = hints{
	none: "If your methods have a value receiver (func (c SafeCounter) Add), each call changes a copy: " +
		"use a pointer receiver (func (c *SafeCounter) Add) and pass a pointer (&SafeCounter{}).",
	fewer: "Two goroutines read the same old value and both wrote it back plus one. Make the read-modify-write " +
		"indivisible: hold a sync.Mutex around it, or use an atomic.Int64.",
	more: "Does Add add something other than delta, or does Value return something other than the count?",
	stuck: "A goroutine is probably waiting forever: for a lock (does every mu.Lock() have its mu.Unlock()? " +
		"defer mu.Unlock() right after the Lock makes sure), or for a goroutine that should answer but was never started.",
}

// CheckProgram is the self-check for a learner's whole counting program: f(goroutines, each) must start
// goroutines goroutines that each add 1 to a shared count each times, wait for them, and return the
// count. CheckProgram calls it a few times (2×GOMAXPROCS goroutines, at least 4, × 100 000 each), each
// call through check.Call (10 s limit, panics recovered, goroutines left running reported).
//
// When updates were lost, the hint says why. A program that miscounts with a single goroutine, where
// nothing can be lost, returns before its goroutine has finished. Otherwise goroutines overwrote each
// other's updates, with no lock or with a lock each: which one, CheckProgram tells from the cost of one
// increment — f(1, 2²⁰) (2¹⁷ under the race detector) is timed in interleaved rounds (check.Time) against count++ alone and count++
// between Lock and Unlock, whose costs differ several times over; a program as slow as the locked
// reference locks, yet lost updates, so its goroutines do not share one mutex. When the rounds do not
// agree, the hint names both mistakes. The same diagnosis is the hint when every increment was counted
// but the race detector saw the race.
func CheckProgram(f func(goroutines, each int) int64) check.Result {
	r := checkProgram(f, defaultCheckConfig())
	if !r.Passed() {
		return r.WithRaceDetector()
	}
	// Every increment counted: a race the detector saw still needs the diagnosis of a lost update.
	if r = r.WithRaceDetector(); !r.Passed() {
		r.Hint = raceHint(f, defaultCheckConfig())
	}
	return r
}

func checkProgram(f func(goroutines, each int) int64, cfg checkConfig) check.Result {
	if f == nil {
		return check.NotYet("The function is nil.", "Pass your function, for example counter.CheckProgram(CountAll).")
	}
	want := int64(cfg.goroutines) * int64(cfg.each)
	for r := 1; r <= cfg.rounds; r++ {
		what := fmt.Sprintf("CountAll(%d, %d)", cfg.goroutines, cfg.each)
		got, err := check.Call(cfg.limit, func() int64 { return f(cfg.goroutines, cfg.each) })
		var leak *check.LeakError
		if errors.As(err, &leak) {
			res := check.Explain(what, err)
			res.Hint = "It returned before every goroutine had finished: call wg.Add(1) before each go statement (or use " +
				"wg.Go), and wg.Wait() before reading the count."
			return res
		}
		if err != nil {
			return explainCounter(what, err, programHints)
		}
		res, ok := judgeCount(cfg, r, want, got, programHints)
		if ok {
			continue
		}
		if got > 0 && got < want {
			res.Hint = programLossHint(f, cfg)
		}
		return res
	}
	return passRounds(cfg)
}

var programHints = hints{
	none: "Does the function return the count after waiting for its goroutines (wg.Wait()), and do the " +
		"goroutines add to the variable you return, not to a copy?",
	fewer: "Two goroutines read the same old value and both wrote it back plus one: protect count++ with one " +
		"sync.Mutex that every goroutine shares, or use an atomic.Int64.",
	more:  "Does each goroutine add exactly each times, and does the function start exactly goroutines goroutines?",
	stuck: "A goroutine is probably waiting forever: for a lock (does every mu.Lock() have its mu.Unlock()?), or in wg.Wait() (is there one wg.Done() for each wg.Add(1)?).",
}

// programLossHint diagnoses lost updates in a counting program (see CheckProgram).
func programLossHint(f func(goroutines, each int) int64, cfg checkConfig) string {
	one, err := check.Call(cfg.limit, func() int64 { return f(1, cfg.each) })
	if err == nil && one != int64(cfg.each) {
		return fmt.Sprintf("With a single goroutine (CountAll(1, %d)) it returned %d: with one goroutine no update can be lost, "+
			"so it returns before its goroutines have finished (call wg.Add(1) before each go statement, and wg.Wait() before "+
			"reading the count), or a goroutine does not add each times.", cfg.each, one)
	}
	return raceHint(f, cfg)
}

// raceHint says why goroutines of f lose updates, or would: no lock, or a lock each.
func raceHint(f func(goroutines, each int) int64, cfg checkConfig) string {
	switch locksPerIncrement(f, cfg) {
	case locksOwn:
		return "Your goroutines take a lock around count++ — and still lose updates: each goroutine has a mutex of its " +
			"own (declared inside the goroutine, or copied), so nothing keeps two goroutines out of count++ at the same " +
			"time. Declare one sync.Mutex next to count, outside the goroutines, so that they all share it (or use an atomic.Int64)."
	case locksNone:
		return "Nothing protects count++: two goroutines read the same old value and both write it back plus one. " +
			"Protect it with one sync.Mutex that every goroutine shares (mu.Lock(); count++; mu.Unlock()), or make " +
			"count an atomic.Int64."
	}
	return programHints.fewer + " If your goroutines already lock a mutex, make sure it is one mutex shared by all of " +
		"them, declared outside the goroutines, not one each."
}

// timedIncrements is the size of one timed run of locksPerIncrement: about a millisecond of count++ on
// the development machine, ten or more with a lock, several times that under the race detector —
// long enough that starting a goroutine and a busy neighbour's moments do not decide.
const timedIncrements = 1 << 20

type lockGuess int

const (
	locksUnknown lockGuess = iota
	locksNone
	locksOwn
)

// locksPerIncrement tells, from the cost of one increment, whether f takes a lock around it: f(1, each)
// against the same loop unsynchronised and with a mutex, in interleaved rounds. The program's cost is
// compared with the geometric mean of the two references' costs; when the rounds do not agree on which
// side it is, the answer is locksUnknown.
func locksPerIncrement(f func(goroutines, each int) int64, cfg checkConfig) lockGuess {
	var sink atomic.Int64
	tm, err := check.Time(10, cfg.limit,
		check.Timed{Name: "count++", Run: func() { sink.Add(plainCount(cfg.timed)) }},
		check.Timed{Name: "locked count++", Run: func() { sink.Add(lockedCount(cfg.timed)) }},
		check.Timed{Name: "yours", Run: func() { sink.Add(f(1, cfg.timed)) }},
	)
	if err != nil {
		return locksUnknown
	}
	spread := tm.Ratio(1, 0) // how many times dearer the locked loop is
	if !spread.Above(2) {
		return locksUnknown // the references are too close to tell apart on this machine
	}
	mid := math.Sqrt(spread.Value)
	switch yours := tm.Ratio(2, 0); {
	case yours.Above(mid):
		return locksOwn
	case yours.Below(mid):
		return locksNone
	}
	return locksUnknown
}

// plainCount is count++ in one goroutine, the way a counting program writes it.
func plainCount(each int) int64 {
	var count int64
	var wg sync.WaitGroup
	wg.Go(func() {
		for range each {
			count++
		}
	})
	wg.Wait()
	return count
}

// lockedCount is plainCount with count++ between Lock and Unlock.
func lockedCount(each int) int64 {
	var count int64
	var wg sync.WaitGroup
	wg.Go(func() {
		var mu sync.Mutex
		for range each {
			mu.Lock()
			count++
			mu.Unlock()
		}
	})
	wg.Wait()
	return count
}
