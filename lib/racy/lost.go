package racy

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/procs"
)

// Config says how [LostUpdates] runs the racy counter. Zero fields take the defaults in brackets;
// the limits keep one experiment within memory and minutes, not hours.
type Config struct {
	Runs       int  // independent runs, each on a fresh counter, 1 … 100 000 [100]
	Goroutines int  // goroutines incrementing the counter together, 1 … 10 000 [2]
	Each       int  // increments per goroutine, at least 1 [100 000; 1 000 with Yield]
	Procs      int  // GOMAXPROCS during the runs, 1 … procs.Limit(); 0 keeps the current setting [0]
	Yield      bool // switch goroutines between read and write (Counter.Yield)
}

// Limits on Config. Runs × Goroutines × Each is at most 2³² increments, so a typo cannot start hours
// of work (with Yield every increment is also a goroutine switch).
const (
	maxRuns       = 100_000 // one lost count is kept per run
	maxGoroutines = 10_000
	maxIncrements = 1 << 32
)

func (c Config) withDefaults() (Config, error) {
	if c.Runs == 0 {
		c.Runs = 100
	}
	if c.Goroutines == 0 {
		c.Goroutines = 2
	}
	if c.Each == 0 {
		c.Each = 100_000
		if c.Yield {
			c.Each = 1_000
		}
	}
	switch {
	case c.Runs < 0 || c.Runs > maxRuns:
		return c, fmt.Errorf("racy: Runs is %d; want 1 to %d (0 means 100): one lost count is kept per run", c.Runs, maxRuns)
	case c.Goroutines < 0 || c.Goroutines > maxGoroutines:
		return c, fmt.Errorf("racy: Goroutines is %d; want 1 to %d (0 means 2)", c.Goroutines, maxGoroutines)
	case c.Each < 0:
		return c, fmt.Errorf("racy: Each is %d increments per goroutine; want 1 or more (0 means the default)", c.Each)
	case c.Procs < 0:
		return c, fmt.Errorf("racy: Procs (GOMAXPROCS) is %d; want 1 to %d, or 0 to keep the current setting", c.Procs, procs.Limit())
	case float64(c.Runs)*float64(c.Goroutines)*float64(c.Each) > maxIncrements:
		return c, fmt.Errorf("racy: Runs × Goroutines × Each = %d × %d × %d is more than %d increments, minutes of work or more; make one smaller",
			c.Runs, c.Goroutines, c.Each, int64(maxIncrements))
	}
	if err := procs.Validate("Procs (GOMAXPROCS)", c.Procs); c.Procs != 0 && err != nil {
		return c, fmt.Errorf("racy: %w", err)
	}
	if c.Procs == 0 {
		c.Procs = runtime.GOMAXPROCS(0)
	}
	return c, nil
}

// Result holds the lost updates of every run.
type Result struct {
	Config Config // with defaults filled in; Procs is the GOMAXPROCS the runs used
	// Lost[i] is how many of the Goroutines × Each increments of run i are missing from its final count.
	Lost []int64
	// Elapsed is the wall time of all runs.
	Elapsed time.Duration
	// RaceDetector tells whether the program was built with -race (which slows the runs and changes
	// their interleavings: expect far fewer lost updates).
	RaceDetector bool
	// Partial is true when the context ended the experiment early; Lost then holds the runs done.
	Partial bool
}

// Want is the count every run should reach.
func (r Result) Want() int64 { return int64(r.Config.Goroutines) * int64(r.Config.Each) }

// RunsWithLoss is how many runs lost at least one update.
func (r Result) RunsWithLoss() int {
	n := 0
	for _, l := range r.Lost {
		if l != 0 {
			n++
		}
	}
	return n
}

// MedianLost is the median number of lost updates per run (0 for no runs).
func (r Result) MedianLost() int64 {
	if len(r.Lost) == 0 {
		return 0
	}
	s := append([]int64(nil), r.Lost...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// String summarises the result in a sentence.
func (r Result) String() string {
	partial := ""
	if r.Partial {
		partial = " (stopped early)"
	}
	return fmt.Sprintf("GOMAXPROCS=%d, %d goroutines × %d increments%s: %d of %d runs lost updates; median lost per run %d of %d (%.1f%%)%s",
		r.Config.Procs, r.Config.Goroutines, r.Config.Each, map[bool]string{true: " with a switch mid-update", false: ""}[r.Config.Yield],
		r.RunsWithLoss(), len(r.Lost), r.MedianLost(), r.Want(), 100*float64(r.MedianLost())/float64(max(r.Want(), 1)), partial)
}

// LostUpdates runs the racy [Counter] cfg.Runs times. In each run cfg.Goroutines goroutines each add 1
// cfg.Each times to a fresh counter; the run's lost updates are the expected count minus the final one.
// GOMAXPROCS is set to cfg.Procs for the experiment and restored afterwards (with procs.Set: do not run
// another experiment that sets GOMAXPROCS at the same time). When ctx ends, the goroutines stop within
// a few thousand increments, the run cut short is dropped, and LostUpdates returns the runs done so far
// (Partial set) with ctx's error. Every goroutine it starts has ended when it returns.
//
// The same goroutines do every run, waiting for each other between runs by spinning (and yielding), so
// that all of them are on a CPU when a run starts: goroutines started afresh for each short run hardly
// ever overlap, because the second one's thread is still being woken when the first has finished.
//
// Under -race the runs are slower and the detector reports the race (once).
func LostUpdates(ctx context.Context, cfg Config) (Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	restore, err := procs.Set("Procs (GOMAXPROCS)", cfg.Procs)
	if err != nil {
		return Result{}, fmt.Errorf("racy: %w", err)
	}
	defer restore()
	res := Result{Config: cfg, Lost: make([]int64, 0, cfg.Runs), RaceDetector: raceEnabled}
	start := time.Now()
	res.Lost, err = runs(ctx, cfg, res.Want(), res.Lost)
	res.Elapsed = time.Since(start)
	if err != nil {
		res.Partial = true
		return res, fmt.Errorf("racy: stopped after %d of %d runs: %w", len(res.Lost), cfg.Runs, err)
	}
	return res, nil
}

// chunkFor is how many increments each of goroutines goroutines makes between looks at the cancel
// flag: about 4096 by all of them together (at least 16 each), microseconds of work, a millisecond or
// so with Yield, so a cancelled experiment stops well within 10 ms.
func chunkFor(goroutines int) int { return max(16, (1<<12)/goroutines) }

// runs does the runs with cfg.Goroutines long-lived goroutines. Goroutine 0 also coordinates: when all
// have finished run r it records the loss, makes the next counter and lets everyone start run r+1.
// The cancel flag is an atomic load between chunks of increments (ctx.Err takes a lock, which the
// goroutines would contend for), set by context.AfterFunc when ctx ends.
func runs(ctx context.Context, cfg Config, want int64, lost []int64) ([]int64, error) {
	if err := ctx.Err(); err != nil {
		return lost, err
	}
	var (
		wg        sync.WaitGroup
		started   atomic.Int64 // goroutines may do runs < started
		finished  atomic.Int64 // runs finished, summed over goroutines
		stop      atomic.Bool
		cancelled atomic.Bool
		cur       = &Counter{Yield: cfg.Yield} // the current run's counter; written by goroutine 0 only
		err       error                        // written by goroutine 0 only
	)
	defer context.AfterFunc(ctx, func() { cancelled.Store(true) })()
	chunk := chunkFor(cfg.Goroutines)
	waitUntil := func(cond func() bool) {
		for !cond() {
			runtime.Gosched()
		}
	}
	started.Store(1)
	for g := range cfg.Goroutines {
		wg.Go(func() {
			for r := int64(0); ; r++ {
				waitUntil(func() bool { return started.Load() > r })
				if stop.Load() {
					return
				}
				c := cur
				for left := cfg.Each; left > 0 && !cancelled.Load(); left -= chunk {
					for range min(left, chunk) {
						c.Add(1)
					}
				}
				finished.Add(1)
				if g != 0 {
					continue
				}
				waitUntil(func() bool { return finished.Load() == (r+1)*int64(cfg.Goroutines) })
				if err = ctx.Err(); err == nil {
					lost = append(lost, want-c.Value()) // a run cut short by ctx is not counted
				}
				if err != nil || len(lost) == cfg.Runs {
					stop.Store(true)
				} else {
					cur = &Counter{Yield: cfg.Yield}
				}
				started.Add(1)
			}
		})
	}
	wg.Wait()
	return lost, err
}

// Levels returns the runs notebook 04 compares, runs of each increments per goroutine apiece: on all
// cores (GOMAXPROCS = procs, the current setting), on one core, and on one core with a switch forced
// between read and write (a tenth of the runs, at least one). When procs is 1, all cores are one core
// and the first two runs would be the same: Levels returns that run once.
func Levels(runs, each, procs int) []Config {
	levels := []Config{
		{Runs: runs, Each: each},           // all cores
		{Runs: runs, Each: each, Procs: 1}, // one core
		{Runs: max(1, runs/10), Each: each, Procs: 1, Yield: true},
	}
	if procs == 1 {
		levels = levels[1:]
	}
	return levels
}

// DescribeLevels says what the runs of [Levels] showed, a sentence per result; when the first ran on
// one core without a forced switch and no other run was without one, it first says that "all cores"
// is one core on this machine, so that run stands for both.
func DescribeLevels(results []Result) string {
	var lines []string
	plain := 0
	for _, r := range results {
		if !r.Config.Yield {
			plain++
		}
	}
	if len(results) > 0 && results[0].Config.Procs == 1 && !results[0].Config.Yield && plain == 1 {
		lines = append(lines, "Go runs on **one core** here (GOMAXPROCS = 1), so \"all cores\" is one core: "+
			"the all-cores run and the one-core run are the same run, done once. On a machine with two cores or more "+
			"the goroutines also run at the same instant, and usually far more runs lose updates.")
	}
	for _, r := range results {
		lines = append(lines, r.String())
	}
	return strings.Join(lines, "\n\n")
}
