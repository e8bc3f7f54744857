package overhead

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/workload"
)

// Kind says whether an item is coordination (what parallel code pays to split and join work) or a
// unit of the work itself.
type Kind uint8

const (
	Coordination Kind = iota
	Work
)

// String returns "coordination" or "work".
func (k Kind) String() string {
	if k == Work {
		return "work"
	}
	return "coordination"
}

// The items of the price list, by name.
const (
	Spawn          = "goroutine start + wait"
	RoundTrip      = "unbuffered channel round trip"
	Buffered       = "buffered channel send, to another goroutine"
	Mutex          = "mutex lock + unlock, uncontended"
	MutexContended = "mutex lock + unlock, contended"
	Atomic         = "atomic add"
	WaitGroup      = "WaitGroup Add + Done"
	Square         = "one square (i·i added to a sum)"
	Hash           = "one SHA-256 of 64 bytes"
	CacheMiss      = "one read that misses the caches"
)

// item is one line of the price list: run does n operations.
type item struct {
	name string
	kind Kind
	run  func(n int)
}

// Config chooses how the price list is measured. The zero value is ready to use.
type Config struct {
	// Trials is the number of timed batches per item, from bench.MinTrials to bench.MaxTrials; 0 means
	// bench.DefaultTrials, or bench.MinTrials in quick mode (workload.Quick).
	Trials int
	// Batch is about how long one timed batch of an item runs, from 100 µs to 1 s; 0 means 2 ms.
	Batch time.Duration
}

// Cost is what one item of the price list costs per operation.
type Cost struct {
	Name string
	Kind Kind
	// Ns is the median time per operation in nanoseconds over the rounds, with its 95% interval (none,
	// Low = High = 0, with fewer than bench.MinTrials rounds).
	Ns bench.Interval
	// Samples are the time per operation of each round, in ns, in the order measured.
	Samples []float64
	// Ops is the number of operations in one timed batch.
	Ops int
}

// Result is the price list measured on one machine.
type Result struct {
	Costs []Cost // in the order of Names
	Env   bench.Env
	// Partial is true when Measure was stopped early; Stopped says why. Items then may have fewer
	// samples than asked, or none.
	Partial bool
	Stopped string
}

// Names returns the names of the price list's items, in the order Measure lists them: coordination
// first, then work.
func Names() []string {
	return []string{Spawn, RoundTrip, Buffered, Mutex, MutexContended, Atomic, WaitGroup, Square, Hash, CacheMiss}
}

// Limits of a Config.
const (
	minBatch = 100 * time.Microsecond
	maxBatch = time.Second
	maxOps   = 1 << 30 // a batch's operations: far beyond a second of the cheapest item
)

func (c Config) validate() (trials int, batch time.Duration, err error) {
	trials, batch = c.Trials, c.Batch
	if trials == 0 {
		trials = bench.DefaultTrials
		if workload.Quick() {
			trials = bench.MinTrials
		}
	}
	if trials < bench.MinTrials || trials > bench.MaxTrials {
		return 0, 0, fmt.Errorf("overhead: Trials = %d is not allowed: want 0 (the default) or from %d, the fewest for a 95%% interval, to %d", c.Trials, bench.MinTrials, bench.MaxTrials)
	}
	if batch == 0 {
		batch = 2 * time.Millisecond
	}
	if batch < minBatch || batch > maxBatch {
		return 0, 0, fmt.Errorf("overhead: Batch = %v is not allowed: want 0 (2 ms) or from %v to %v", c.Batch, minBatch, maxBatch)
	}
	return trials, batch, nil
}

// Measure measures the price list (see the package doc for the method). progress, when not nil, is
// called after every timed batch. It fits nb.Run: nb.Run(overhead.Config{}.Measure).
func (c Config) Measure(ctx context.Context, progress func(bench.Progress)) (*Result, error) {
	trials, batch, err := c.validate()
	if err != nil {
		return nil, err
	}
	items := newItems()
	start := time.Now()
	total := len(items) * (trials + 2) // calibration, warm-up, trials
	done := 0
	report := func(name string) {
		done++
		if progress != nil {
			el := time.Since(start)
			left := time.Duration(float64(el) / float64(done) * float64(max(0, total-done)))
			progress(bench.Progress{Done: min(done, total), Total: total, Elapsed: el, Left: left,
				Last: bench.Config{Task: name, Workers: 1, Procs: runtime.GOMAXPROCS(0)}})
		}
	}
	ops := make([]int, len(items))
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return &Result{Env: bench.CaptureEnv(), Partial: true, Stopped: "stopped while calibrating: " + err.Error()}, err
		}
		ops[i] = calibrate(it.run, batch)
		report(it.name)
	}
	impls := make([]compare.Impl, len(items))
	for i, it := range items {
		n := ops[i]
		impls[i] = compare.Impl{Name: it.name, Time: func(context.Context) (time.Duration, error) {
			t0 := time.Now()
			it.run(n)
			d := max(time.Since(t0), 1)
			report(it.name)
			return d, nil
		}}
	}
	cmp, err := compare.Run(ctx, "price list", trials, 1, impls...)
	if cmp == nil {
		return nil, err
	}
	res := &Result{Env: cmp.Env, Partial: cmp.Partial}
	if err != nil {
		res.Stopped = "stopped: " + err.Error()
	}
	res.Env.LoadAfter = bench.CaptureEnv().LoadBefore
	for i, e := range cmp.Entries {
		c := Cost{Name: items[i].name, Kind: items[i].kind, Ops: ops[i]}
		per := float64(ops[i])
		for _, d := range e.Samples {
			c.Samples = append(c.Samples, float64(d)/per)
		}
		c.Ns.Value = float64(e.Median) / per
		if e.Low > 0 || e.High > 0 {
			c.Ns.Low, c.Ns.High = float64(e.Low)/per, float64(e.High)/per
		}
		res.Costs = append(res.Costs, c)
	}
	return res, err
}

// calibrate returns how many operations of run take about batch: it doubles from 1 and scales up
// from the first run that takes at least a tenth of it.
func calibrate(run func(int), batch time.Duration) int {
	for n := 1; ; n *= 2 {
		t0 := time.Now()
		run(n)
		d := time.Since(t0)
		if d >= batch/10 || n >= maxOps/2 {
			return int(min(maxOps, max(1, float64(n)*float64(batch)/float64(max(d, 1)))))
		}
	}
}

// Get returns the cost of the named item, and false when it is not in the result or has no samples.
func (r *Result) Get(name string) (Cost, bool) {
	if r == nil {
		return Cost{}, false
	}
	for _, c := range r.Costs {
		if c.Name == name && len(c.Samples) > 0 {
			return c, true
		}
	}
	return Cost{}, false
}

// BreakEven returns the work per task, in ns, at which paying the named item once per task on cores
// cores is as fast as doing the tasks serially, in the simplest model: each task's work w and the
// overhead c are shared by the cores, (w + c)/cores = w, so w = c/(cores − 1). Below it, splitting
// loses. It returns +Inf for one core (splitting never pays) and false when the item was not measured.
func (r *Result) BreakEven(name string, cores int) (float64, bool) {
	c, ok := r.Get(name)
	if !ok || cores < 1 {
		return 0, false
	}
	if cores == 1 {
		return math.Inf(1), true
	}
	return c.Ns.Value / float64(cores-1), true
}

// DescribeBreakEven says in a sentence what a break-even of ns (from [Result.BreakEven]) means for
// the way named what on cores cores: the work a task needs, or, on one core (ns = +Inf), that
// splitting never pays there.
func DescribeBreakEven(what string, ns float64, cores int) string {
	if cores <= 1 || math.IsInf(ns, 1) {
		return fmt.Sprintf("%s on one core: **never** — nothing runs in parallel here, so splitting the work only adds the overhead.", what)
	}
	return fmt.Sprintf("%s on %d cores: a task needs more than **%s** of work.", what, cores, Ns(ns))
}

// Warnings says what makes the result less trustworthy: a busy machine, wide intervals, a partial
// result. It makes Result an nb.Warner.
func (r *Result) Warnings() []string {
	if r == nil {
		return nil
	}
	var w []string
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	var wide []string
	for _, c := range r.Costs {
		if len(c.Samples) > 0 && (!c.Ns.Known() || c.Ns.High-c.Ns.Low > 2*bench.NoisyFraction*c.Ns.Value) {
			wide = append(wide, c.Name)
		}
	}
	if len(wide) > 0 {
		w = append(w, fmt.Sprintf("%d of %d items have an interval wider than ±%.0f%% of their median (%s): read those as rough.",
			len(wide), len(r.Costs), 100*bench.NoisyFraction, strings.Join(wide, "; ")))
	}
	if r.Partial {
		w = append(w, "The measurement was stopped early: "+r.Stopped)
	}
	return w
}

// Describe says in words what the price list means on this machine: what starting a goroutine costs
// in units of work, and the smallest task worth a goroutine of its own. It is built from the
// measurements; an item that was not measured is left out.
func (r *Result) Describe() string {
	spawn, ok := r.Get(Spawn)
	if !ok {
		return "The price list has no measurement of starting a goroutine (stopped early?): run it again."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Starting a goroutine and waiting for it cost **%s** here", Ns(spawn.Ns.Value))
	var as []string
	if sq, ok := r.Get(Square); ok && sq.Ns.Value > 0 {
		as = append(as, fmt.Sprintf("%.0f squares", spawn.Ns.Value/sq.Ns.Value))
	}
	if h, ok := r.Get(Hash); ok && h.Ns.Value > 0 {
		as = append(as, fmt.Sprintf("%.1f SHA-256 hashes", spawn.Ns.Value/h.Ns.Value))
	}
	if m, ok := r.Get(CacheMiss); ok && m.Ns.Value > 0 {
		as = append(as, fmt.Sprintf("%.1f cache misses", spawn.Ns.Value/m.Ns.Value))
	}
	if len(as) > 0 {
		fmt.Fprintf(&b, " — as long as %s", strings.Join(as, ", or "))
	}
	b.WriteString(".")
	if a, ok := r.Get(Atomic); ok && a.Ns.Value > 0 {
		fmt.Fprintf(&b, " An atomic add cost %s: %.0f× less.", Ns(a.Ns.Value), spawn.Ns.Value/a.Ns.Value)
	}
	return b.String()
}

// Ns formats a time in nanoseconds with three significant digits and a unit: "0.712 ns", "331 ns",
// "12.4 µs".
func Ns(ns float64) string {
	switch {
	case math.IsInf(ns, 1):
		return "never"
	case ns >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

// sink keeps the compiler from removing the items' loops.
var sink atomic.Uint64

// missTableBits sets the cache-miss table: 2²⁴ uint32s, 64 MiB, larger than the last-level caches of
// most machines (32 MiB on the development VM).
const missTableBits = 24

func newItems() []item {
	return []item{
		{Spawn, Coordination, spawn},
		{RoundTrip, Coordination, roundTrip},
		{Buffered, Coordination, buffered},
		{Mutex, Coordination, mutex},
		{MutexContended, Coordination, mutexContended},
		{Atomic, Coordination, atomicAdd},
		{WaitGroup, Coordination, waitGroup},
		{Square, Work, func(n int) { sink.Store(workload.SumSquaresRange(1, uint64(n))) }},
		{Hash, Work, hash},
		{CacheMiss, Work, newMiss()},
	}
}

func spawn(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() { wg.Done() }()
		wg.Wait()
	}
}

func roundTrip(n int) {
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v
		}
		close(pong)
	}()
	s := 0
	for i := range n {
		ping <- i
		s += <-pong
	}
	close(ping)
	<-pong // the partner has ended
	sink.Store(uint64(s))
}

func buffered(n int) {
	ch, done := make(chan int, 128), make(chan int)
	go func() {
		s := 0
		for v := range ch {
			s += v
		}
		done <- s
	}()
	for i := range n {
		ch <- i
	}
	close(ch)
	sink.Store(uint64(<-done))
}

func mutex(n int) {
	var mu sync.Mutex
	x := 0
	for range n {
		mu.Lock()
		x++
		mu.Unlock()
	}
	sink.Store(uint64(x))
}

func mutexContended(n int) {
	g := max(2, runtime.GOMAXPROCS(0))
	var mu sync.Mutex
	var wg sync.WaitGroup
	x := 0
	for k := range g {
		wg.Go(func() {
			for range n/g + min(1, max(0, n%g-k)) { // n operations in all
				mu.Lock()
				x++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	sink.Store(uint64(x))
}

func atomicAdd(n int) {
	var x atomic.Int64
	for range n {
		x.Add(1)
	}
	sink.Store(uint64(x.Load()))
}

func waitGroup(n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		wg.Done()
	}
	wg.Wait()
}

func hash(n int) {
	var buf [64]byte
	for range n {
		h := sha256.Sum256(buf[:])
		copy(buf[:32], h[:]) // each hash depends on the last: none can be skipped
	}
	sink.Store(uint64(buf[0]))
}

// newMiss returns the cache-miss item: reads at pseudo-random places in a 64 MiB table, each address
// computed from the value the read before returned, so the reads cannot overlap (a chain of misses,
// not a stream the prefetcher can follow). The next index comes from a full-period linear congruential
// generator modulo 2²⁴ (Hull–Dobell: c odd, a − 1 divisible by 4), plus the table's value, always 0.
func newMiss() func(int) {
	table := make([]uint32, 1<<missTableBits)
	for i := range table {
		table[i] = 0 // touch every page now, so no batch (nor the calibration) pays a page fault
	}
	return func(n int) {
		const mask = 1<<missTableBits - 1
		i := uint32(0)
		for range n {
			i = (i*1664525 + 1013904223 + table[i]) & mask
		}
		sink.Store(uint64(i))
	}
}
