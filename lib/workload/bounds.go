package workload

import (
	"fmt"
	"math"
	"math/bits"
	"runtime"
	"sync"
	"time"
)

// Upper bounds on sizes. Each keeps one serial run of a task to minutes on a current core, keeps
// every product of sizes in this package far from overflowing 64 bits, and turns a typo (MaxInt, a
// few zeros too many) into a sentence instead of a run that would outlive the learner. An error
// for a size above its bound says how long the largest allowed size, and the size given, would
// take on one core of this machine, timed when the error is made.
const (
	maxSquares    = 1 << 40 // squares in SumSquares and SerialFraction (n), and in Mixed (tasks × work)
	maxPrimesN    = 1 << 30 // Primes' n: about n^1.5 / (3 ln n) trial divisions
	maxSide       = 1 << 16 // Mandelbrot's width and height, in pixels
	maxMandelWork = 1 << 40 // Mandelbrot's width × height × iter: iterations at most
	maxMatMulN    = 2048    // MatMul's n: n³ multiply-adds, 24·n² bytes
	maxTasks      = 1 << 20 // Sleep's and Mixed's tasks, HTTP's requests
	maxStreamN    = 1 << 28 // Stream's n: 2 arrays of 2²⁸ float64 are 4 GiB; with 1000 passes, 2.7·10¹¹ reads
)

// mulSat returns a·b, or the largest uint64 when the product overflows.
func mulSat(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return math.MaxUint64
	}
	return lo
}

// A cost is the unit a task's serial time is proportional to, timed on this machine the first time
// an error needs it.
type cost struct {
	unit string              // "square", plural with an s
	per  int                 // units one call of run does
	run  func() (sink int64) // does per units
	once sync.Once
	ns   float64 // nanoseconds per unit, best of a few calls
}

// nsPer returns the time of one unit on this machine, in nanoseconds: the fastest of five timed
// calls of run, so that another program using the core slows the estimate as little as possible.
func (c *cost) nsPer() float64 {
	c.once.Do(func() {
		best := time.Duration(math.MaxInt64)
		var sink int64
		for range 5 {
			t0 := time.Now()
			sink += c.run()
			best = min(best, time.Since(t0))
		}
		c.ns = max(float64(best), 1) / float64(c.per)
		runtime.KeepAlive(sink) // the results are used: the compiler may not drop the timed work
	})
	return c.ns
}

var (
	squareCost = &cost{unit: "square", per: 1 << 16, run: func() int64 {
		return int64(SumSquaresRange(1, 1<<16))
	}}
	divisionCost = &cost{unit: "trial division", per: 15_811, run: func() int64 {
		_, divisions := trialDivide(1_000_000_007) // a prime: √(10⁹+7)/2 ≈ 15 811 divisions
		return int64(divisions)
	}}
	iterationCost = &cost{unit: "iteration", per: 1 << 16, run: func() int64 {
		_, _, n := escape(0, 0, 0, 0, 1<<16) // c = 0 is in the set: every iteration runs
		return int64(n)
	}}
)

// tooMuch returns the error for a parameter that asks for more work than allowed: units of c,
// where the bound is bounded ≤ limit and limit allows limitUnits of c. value is the parameter as
// given; bounded names what is bounded, the parameter itself or a product such as "tasks × work".
func tooMuch(task, param string, value any, units float64, bounded string, limit uint64, limitUnits float64, c *cost) error {
	ns := c.nsPer()
	return errSize(task, param, value, fmt.Sprintf("%.2g %ss would take about %s on one core of this machine (%.2g ns per %s, timed just now); want %s ≤ %d (about %s here)",
		units, c.unit, humanDuration(units*ns), ns, c.unit, bounded, limit, humanDuration(limitUnits*ns)))
}

// humanDuration says how long ns nanoseconds is, in the largest unit that reads well.
func humanDuration(ns float64) string {
	s := ns / 1e9
	switch {
	case s < 1:
		return "under a second"
	case s < 90:
		return fmt.Sprintf("%.0f s", s)
	case s < 90*60:
		return fmt.Sprintf("%.0f min", s/60)
	case s < 48*3600:
		return fmt.Sprintf("%.0f hours", s/3600)
	case s < 2*365.25*86400:
		return fmt.Sprintf("%.0f days", s/86400)
	case s < 1e6*365.25*86400:
		return fmt.Sprintf("%.0f years", s/(365.25*86400))
	}
	return fmt.Sprintf("%.1e years", s/(365.25*86400))
}
