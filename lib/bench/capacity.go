package bench

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/workload"
)

// ProbeSquares is the work of one probe unit: this many squares added by workload.SumSquaresRange,
// a loop that keeps everything in registers, shares nothing and so is perfectly parallel (about
// 0.3–1 ms on a current core).
const ProbeSquares = 1 << 20

// Capacity is what the machine gave a perfectly parallel loop during a sweep, under one GOMAXPROCS:
// the capacity probe. In every round of the sweep, in the round's shuffled order with the sweep's own
// configurations, one goroutine runs one unit of ProbeSquares squares (One), and Threads goroutines run
// one unit each at the same time (All). A machine with Threads whole cores to give does both in the same
// time; Speedup = Threads × median(One) / median(All) is the speedup the machine actually gave a
// program with no serial part, no shared data and no memory traffic — during this run, beside this
// sweep's program. Cores shared with other programs, two hyperthreads on one core, efficiency cores
// or a virtual machine's host taking its share all show as a Speedup below Threads.
type Capacity struct {
	Procs   int `json:"gomaxprocs"` // GOMAXPROCS during the probe
	Threads int `json:"threads"`    // goroutines of the parallel run: min(GOMAXPROCS, logical CPUs), at least 2
	// One and All are the probe's times, one per round, in the order measured.
	One []time.Duration `json:"one_ns"`
	All []time.Duration `json:"all_ns"`
	// Speedup is Threads × median(One)/median(All), with the bootstrap 95% interval of Ratio; no
	// interval (Known false) below MinTrials rounds.
	Speedup Interval `json:"speedup"`
}

// Known reports whether the probe ran enough rounds for an interval: only then may a sentence draw a
// conclusion from it.
func (c Capacity) Known() bool { return c.Speedup.Value > 0 && c.Speedup.Known() }

// String says what the probe measured: "a perfectly parallel loop ran 1.72× (1.60–1.85×) as fast on
// 2 goroutines as on 1".
func (c Capacity) String() string {
	if c.Speedup.Value <= 0 {
		return "the capacity probe has no measurement"
	}
	s := fmt.Sprintf("a perfectly parallel loop ran %.2f× as fast on %d goroutines as on 1", c.Speedup.Value, c.Threads)
	if c.Known() {
		s = fmt.Sprintf("a perfectly parallel loop ran %.2f× (95%% interval %.2f–%.2f×) as fast on %d goroutines as on 1",
			c.Speedup.Value, c.Speedup.Low, c.Speedup.High, c.Threads)
	}
	return s
}

// CapacityAt returns the capacity probe measured under GOMAXPROCS = procs (0: the result's first
// GOMAXPROCS, as in Group), and whether the result has one: none when GOMAXPROCS or the logical CPUs
// were 1 (a single thread has nothing to compare), or the result was read from a file written before
// the probe existed.
func (r *Result) CapacityAt(procs int) (Capacity, bool) {
	if r == nil {
		return Capacity{}, false
	}
	if procs == 0 && len(r.Points) > 0 {
		procs = r.Points[0].Procs
	}
	for _, c := range r.Capacity {
		if c.Procs == procs && c.Speedup.Value > 0 {
			return c, true
		}
	}
	return Capacity{}, false
}

// probeThreads returns the goroutines of the probe's parallel run under GOMAXPROCS = procs, or 0
// when there is nothing to probe.
func probeThreads(procs int) int {
	n := min(procs, runtime.NumCPU())
	if n < 2 {
		return 0
	}
	return n
}

// probe runs one unit of the capacity probe on each of threads goroutines at once and returns the
// wall time from the first start to the last end. It takes a fraction of a millisecond to a few
// milliseconds and does not look at any context.
func probe(threads int) time.Duration {
	var wg sync.WaitGroup
	sums := make([]uint64, threads)
	t0 := time.Now()
	for i := range threads {
		wg.Go(func() { sums[i] = workload.SumSquaresRange(1, ProbeSquares) })
	}
	wg.Wait()
	d := time.Since(t0)
	for _, s := range sums {
		if s != probeSum {
			panic(fmt.Sprintf("bench: the capacity probe summed %d, want %d", s, probeSum)) // impossible: a broken CPU
		}
	}
	return d
}

// probeSum is 1² + … + ProbeSquares² modulo 2⁶⁴: n(n+1)(2n+1)/6 for n = 2²⁰ is about 3.8·10¹⁷, well
// within 64 bits.
var probeSum = func() uint64 {
	n := uint64(ProbeSquares)
	return n * (n + 1) * (2*n + 1) / 6
}()

// summarize fills in the probe's speedup from its samples.
func (c *Capacity) summarize(seed uint64) {
	c.Speedup = Interval{}
	iv := Ratio(c.One, c.All, seed)
	if iv.Value <= 0 || math.IsInf(iv.Value, 0) {
		return
	}
	n := float64(c.Threads)
	c.Speedup = Interval{Value: n * iv.Value, Low: n * iv.Low, High: n * iv.High}
}

// capacitySentence says, for the points g of one task under GOMAXPROCS = procs, what the capacity
// probe measured and how the program's speedup on as many goroutines compares with it; "" when the
// result has no probe with an interval for procs.
func (r *Result) capacitySentence(g []Point, procs int) string {
	c, ok := r.CapacityAt(procs)
	if !ok || !c.Known() {
		return ""
	}
	s := fmt.Sprintf("During the same rounds, %s: that is what this machine gave a program with no serial part and no shared data.", c)
	if c.Speedup.High < 0.9*float64(c.Threads) {
		s += fmt.Sprintf(" It is clearly less than %d: the %d logical CPUs were not %d whole cores' worth for this run (other programs, two hyperthreads sharing a core, or a virtual machine's host took part of them).",
			c.Threads, c.Threads, c.Threads)
	}
	var base, at *Point
	for i := range g {
		switch g[i].Workers {
		case 1:
			base = &g[i]
		case c.Threads:
			at = &g[i]
		}
	}
	if at == nil || !judgeable(*at, base) {
		return s
	}
	p := at.Speedup
	overlap := p.Low <= c.Speedup.High && c.Speedup.Low <= p.High
	switch {
	case overlap:
		s += fmt.Sprintf(" The program's %.2f× on %d goroutines is within the noise of it: it scaled as well as the machine allowed, and the gap to the ideal %d× is the machine's, not the program's.",
			p.Value, c.Threads, c.Threads)
	case p.High < c.Speedup.Low:
		s += fmt.Sprintf(" The program's %.2f× on %d goroutines is clearly below it: that part of the gap is the program's own — a serial part, coordination, or memory bandwidth that its goroutines share.",
			p.Value, c.Threads)
	default:
		s += fmt.Sprintf(" The program's %.2f× on %d goroutines is clearly above it: the machine's share changed during the run, or the program gained from more caches across cores.",
			p.Value, c.Threads)
	}
	return s
}

// planProbes returns an empty probe for each GOMAXPROCS value of the configurations that has at least
// two threads to compare, in the order the values first appear.
func planProbes(configs []Config) []*Capacity {
	var ps []*Capacity
	seen := map[int]bool{}
	for _, c := range configs {
		if n := probeThreads(c.Procs); n > 0 && !seen[c.Procs] {
			seen[c.Procs] = true
			ps = append(ps, &Capacity{Procs: c.Procs, Threads: n})
		}
	}
	return ps
}

// runProbe runs probe run k of a round — probe k/2, on one goroutine when k is even, on all its threads
// when odd — under that probe's GOMAXPROCS, and keeps the time when keep is set (not in the warm-up).
func runProbe(ps []*Capacity, k int, keep bool) error {
	c := ps[k/2]
	if runtime.GOMAXPROCS(0) != c.Procs {
		if _, err := procs.Set("GOMAXPROCS", c.Procs); err != nil {
			return fmt.Errorf("bench: the capacity probe: %w", err)
		}
	}
	threads := 1
	if k%2 == 1 {
		threads = c.Threads
	}
	d := probe(threads)
	if keep && threads == 1 {
		c.One = append(c.One, d)
	} else if keep {
		c.All = append(c.All, d)
	}
	return nil
}

// finishProbes summarizes the probes that ran at least one round.
func finishProbes(ps []*Capacity, seed uint64) []Capacity {
	var out []Capacity
	for i, c := range ps {
		if len(c.One) == 0 || len(c.All) == 0 {
			continue
		}
		c.summarize(seed + uint64(i))
		out = append(out, *c)
	}
	return out
}
