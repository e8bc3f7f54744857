package counter

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// Verdict is what [Check] found. Its String is a message for the learner.
type Verdict struct {
	// Pass is true when every round counted exactly what was added.
	Pass bool
	// Goroutines, Each and Rounds describe the run: each round, Goroutines goroutines add 1 Each times.
	Goroutines, Each, Rounds int
	// Want and Got are the increments expected and counted in the first round that went wrong (or the
	// last round when all passed).
	Want, Got int64
	// RaceDetector tells whether this program was built with -race.
	RaceDetector bool
	// Message explains the verdict in a sentence or three, with a hint when it failed.
	Message string
}

// String returns the message.
func (v Verdict) String() string { return v.Message }

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
	timeout                  time.Duration // per round
}

func defaultCheckConfig() checkConfig {
	g := max(4, 2*runtime.GOMAXPROCS(0))
	return checkConfig{goroutines: g, each: 100_000, rounds: 5, timeout: 10 * time.Second}
}

// Check is the self-check for a learner's counter. It runs c under concurrency several times — each round
// 2×GOMAXPROCS goroutines (at least 4) add 1 a hundred thousand times — and compares the count with the
// number of Adds. It never hangs: a round that has not finished after 10 s is reported as stuck (usually
// a Lock without its Unlock), and those stuck goroutines are left blocked. A panic in the counter is
// reported too. Check works with any starting value: it counts the change.
//
// Lost updates show a data race, but a race can also go unnoticed in a few rounds, especially with
// GOMAXPROCS=1: build the cell with -race (GoNB: %goflags -race) to let the race detector watch as well.
func Check(c Counter) Verdict { return check(c, defaultCheckConfig()) }

func check(c Counter, cfg checkConfig) Verdict {
	v := Verdict{Goroutines: cfg.goroutines, Each: cfg.each, Rounds: cfg.rounds, RaceDetector: raceEnabled}
	if c == nil {
		return v.fail("the counter is nil. Pass your counter, for example counter.Check(&SafeCounter{}).")
	}
	if f, ok := c.(funcs); ok && (f.add == nil || f.value == nil) {
		return v.fail("counter.Funcs needs both an add function and a value function; one of them is nil.")
	}
	before, err := value(c)
	if err != nil {
		return v.fail("%v.", err)
	}
	want := int64(cfg.goroutines) * int64(cfg.each)
	return rounds(v, cfg, func() (int64, error) {
		if err := run(context.Background(), c, cfg.goroutines, want); err != nil {
			return 0, fmt.Errorf("%v. Look for a nil map or pointer, or an index out of range, in Add", err)
		}
		after, err := value(c)
		got := after - before
		before = after
		return got, err
	}, counterHints)
}

// CheckProgram is the self-check for a learner's whole counting program: f(goroutines, each) must start
// goroutines goroutines that each add 1 to a shared count each times, wait for them, and return the
// count. CheckProgram calls it a few times (2×GOMAXPROCS goroutines, at least 4, × 100 000 each) and says
// pass, or what went wrong with a hint, like [Check]; a call that has not returned after 10 s is
// reported as stuck.
func CheckProgram(f func(goroutines, each int) int64) Verdict {
	return checkProgram(f, defaultCheckConfig())
}

func checkProgram(f func(goroutines, each int) int64, cfg checkConfig) Verdict {
	v := Verdict{Goroutines: cfg.goroutines, Each: cfg.each, Rounds: cfg.rounds, RaceDetector: raceEnabled}
	if f == nil {
		return v.fail("the function is nil. Pass your function, for example counter.CheckProgram(CountAll).")
	}
	return rounds(v, cfg, func() (got int64, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("your function panicked: %v", r)
			}
		}()
		return f(cfg.goroutines, cfg.each), nil
	}, programHints)
}

type hints struct{ none, fewer, more string }

var counterHints = hints{
	none: "If your methods have a value receiver (func (c SafeCounter) Add), each call changes a copy: " +
		"use a pointer receiver (func (c *SafeCounter) Add) and pass a pointer (&SafeCounter{}).",
	fewer: "Two goroutines read the same old value and both wrote it back plus one. Make the read-modify-write " +
		"indivisible: hold a sync.Mutex around it, or use an atomic.Int64.",
	more: "Does Add add something other than delta, or does Value return something other than the count?",
}

var programHints = hints{
	none: "Does the function return the count after waiting for its goroutines (wg.Wait()), and do the " +
		"goroutines add to the variable you return, not to a copy?",
	fewer: "Either two goroutines read the same old value and both wrote it back plus one (protect count++ " +
		"with a sync.Mutex, or use an atomic.Int64), or the function returned before every goroutine had " +
		"finished (call wg.Add before go, and wg.Wait before reading the count).",
	more: "Does each goroutine add exactly each times, and does the function start exactly goroutines goroutines?",
}

// rounds runs round cfg.rounds times with a timeout each and turns what it counted into a Verdict.
func rounds(v Verdict, cfg checkConfig, round func() (int64, error), h hints) Verdict {
	type outcome struct {
		got int64
		err error
	}
	v.Want = int64(cfg.goroutines) * int64(cfg.each)
	for r := 1; r <= cfg.rounds; r++ {
		done := make(chan outcome, 1)
		go func() {
			got, err := round()
			done <- outcome{got, err}
		}()
		var o outcome
		select {
		case o = <-done:
		case <-time.After(cfg.timeout):
			return v.fail("round %d of %d did not finish: after %v some of the %d goroutines were still "+
				"working or waiting. A goroutine is probably waiting forever: for a lock (does every mu.Lock() "+
				"have its mu.Unlock()? defer mu.Unlock() right after the Lock makes sure), or in wg.Wait() "+
				"(is there one wg.Done() for each wg.Add(1)?)",
				r, cfg.rounds, cfg.timeout, cfg.goroutines)
		}
		if o.err != nil {
			return v.fail("%v.", o.err)
		}
		v.Got = o.got
		switch {
		case v.Got == 0 && v.Want > 0:
			return v.fail("%s: the count did not change at all. %s", v.counted(r), h.none)
		case v.Got < v.Want:
			lost := v.Want - v.Got
			return v.fail("%s: %d updates (%.1f%%) were lost. %s", v.counted(r), lost, 100*float64(lost)/float64(v.Want), h.fewer)
		case v.Got > v.Want:
			return v.fail("%s: more than was added. %s", v.counted(r), h.more)
		}
	}
	v.Pass = true
	v.Message = fmt.Sprintf("pass: %d rounds of %d goroutines × %d increments, every one counted (GOMAXPROCS=%d).",
		cfg.rounds, cfg.goroutines, cfg.each, runtime.GOMAXPROCS(0))
	if raceEnabled {
		v.Message += " The race detector was on: if no WARNING: DATA RACE is printed above, it saw no race either."
	} else {
		v.Message += " A count can come out right by luck: run it once more with the race detector (GoNB: %goflags -race) to be sure."
	}
	return v
}

func (v Verdict) fail(format string, args ...any) Verdict {
	v.Message = "not yet: " + fmt.Sprintf(format, args...)
	return v
}

func (v Verdict) counted(round int) string {
	return fmt.Sprintf("in round %d of %d, %d goroutines × %d increments should add %d, but the count grew by %d",
		round, v.Rounds, v.Goroutines, v.Each, v.Want, v.Got)
}
