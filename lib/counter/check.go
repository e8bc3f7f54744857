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
	return checkConfig{goroutines: g, each: 20_000, rounds: 3, timeout: 10 * time.Second}
}

// Check is the self-check for a learner's counter. It runs c under concurrency several times — each round
// 2×GOMAXPROCS goroutines (at least 4) add 1 twenty thousand times — and compares the count with the
// number of Adds. It never hangs: a round that has not finished after 10 s is reported as stuck (usually
// a Lock without its Unlock), and those stuck goroutines are left blocked. A panic in the counter is
// reported too. Check works with any starting value: it counts the change.
//
// Lost updates show a data race, but a race can also go unnoticed in a few rounds, especially with
// GOMAXPROCS=1: build the cell with -race (GoNB: %goflags -race) to let the race detector watch as well.
func Check(c Counter) Verdict { return check(c, defaultCheckConfig()) }

func check(c Counter, cfg checkConfig) Verdict {
	v := Verdict{Goroutines: cfg.goroutines, Each: cfg.each, Rounds: cfg.rounds, RaceDetector: raceEnabled}
	fail := func(format string, args ...any) Verdict {
		v.Message = "not yet: " + fmt.Sprintf(format, args...)
		return v
	}
	if c == nil {
		return fail("the counter is nil. Pass your counter, for example counter.Check(&SafeCounter{}).")
	}
	if f, ok := c.(funcs); ok && (f.add == nil || f.value == nil) {
		return fail("counter.Funcs needs both an add function and a value function; one of them is nil.")
	}
	before, err := value(c)
	if err != nil {
		return fail("%v.", err)
	}
	v.Want = int64(cfg.goroutines) * int64(cfg.each)
	for round := 1; round <= cfg.rounds; round++ {
		done := make(chan error, 1)
		go func() { done <- run(context.Background(), c, cfg.goroutines, v.Want) }()
		select {
		case err := <-done:
			if err != nil {
				return fail("%v. Look for a nil map or pointer, or an index out of range, in Add.", err)
			}
		case <-time.After(cfg.timeout):
			return fail("round %d of %d did not finish: after %v some of the %d goroutines were still "+
				"inside Add. A goroutine is probably waiting forever for a lock: does every mu.Lock() have "+
				"its mu.Unlock() (defer mu.Unlock() right after the Lock makes sure)?",
				round, cfg.rounds, cfg.timeout, cfg.goroutines)
		}
		after, err := value(c)
		if err != nil {
			return fail("%v.", err)
		}
		v.Got = after - before
		before = after
		switch {
		case v.Got == 0 && v.Want > 0:
			return fail("%s: the count did not change at all. If your methods have a value receiver "+
				"(func (c SafeCounter) Add), each call changes a copy: use a pointer receiver "+
				"(func (c *SafeCounter) Add) and pass a pointer (&SafeCounter{}).", v.counted(round))
		case v.Got < v.Want:
			lost := v.Want - v.Got
			return fail("%s: %d updates (%.1f%%) were lost. Two goroutines read the same old value and "+
				"both wrote it back plus one. Make the read-modify-write indivisible: hold a sync.Mutex "+
				"around it, or use an atomic.Int64.",
				v.counted(round), lost, 100*float64(lost)/float64(v.Want))
		case v.Got > v.Want:
			return fail("%s: more than was added. Does Add add something other than delta, or does Value "+
				"return something other than the count?", v.counted(round))
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

func (v Verdict) counted(round int) string {
	return fmt.Sprintf("in round %d of %d, %d goroutines × %d increments should add %d, but the count grew by %d",
		round, v.Rounds, v.Goroutines, v.Each, v.Want, v.Got)
}
