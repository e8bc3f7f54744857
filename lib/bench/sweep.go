package bench

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"runtime"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/procs"
	"github.com/parlab/parlab/lib/workload"
)

// DefaultTrials is the number of timed trials per configuration when a Sweep does not say
// (MinTrials in quick mode, see workload.Quick).
const DefaultTrials = 10

// MaxTrials is the most timed trials per configuration a sweep allows: far more than any interval
// needs, and few enough that the runs of a sweep can be counted and their time estimated.
const MaxTrials = 1000

// maxRuns bounds the runs of one sweep — configurations × (1 warm-up + trials) — so that a sweep
// can always be planned, shown in a progress bar and finished in a lifetime.
const maxRuns = 1_000_000

// Sweep says what to measure: every task, on every number of workers, under every GOMAXPROCS.
// The zero value of each field but Tasks has a useful default.
type Sweep struct {
	// Tasks are the work to time, e.g. one task at several sizes; at least one.
	Tasks []workload.Task
	// Workers are the worker counts, each from 1 to workload.MaxWorkers, in any order; duplicates
	// count once, and 1 is added when missing, as it is the baseline of speedup. Default: 1, 2, …,
	// GOMAXPROCS.
	Workers []int
	// Procs are the GOMAXPROCS values, each from 1 to procs.Limit() (a few times the logical
	// CPUs); duplicates count once. Default: leave GOMAXPROCS as it is.
	Procs []int
	// Trials is the number of timed runs per configuration, from MinTrials to MaxTrials; default
	// DefaultTrials. A sweep may have at most a million runs in all, warm-ups included.
	Trials int
	// Seed chooses the shuffled order; 0 is a seed like any other. (The speedup intervals do not
	// depend on it: their bootstrap is computed exactly.)
	Seed uint64
	// Progress, when not nil, is called in the calling goroutine after the reference run, after each
	// warm-up and after each trial.
	Progress func(Progress)
}

// Progress is how far a running sweep has come.
type Progress struct {
	Done, Total int           // runs done and to do, warm-ups and reference runs included
	Elapsed     time.Duration // since the sweep started
	Left        time.Duration // estimated time to the end
	Last        Config        // the configuration just run; Workers is 0 for a task's serial reference run
}

// Config is one configuration of a sweep.
type Config struct {
	Task    string `json:"task"`       // the task's Name
	Workers int    `json:"workers"`    // worker goroutines
	Procs   int    `json:"gomaxprocs"` // GOMAXPROCS during its trials
}

func (c Config) String() string {
	return fmt.Sprintf("%s, workers=%d, GOMAXPROCS=%d", c.Task, c.Workers, c.Procs)
}

// plan checks s, fills in its defaults and returns its configurations, which it allocates only
// once it has checked that the sweep has at most maxRuns runs.
func (s *Sweep) plan() ([]Config, error) {
	if len(s.Tasks) == 0 {
		return nil, errors.New("bench: the sweep has no tasks: give at least one workload.Task")
	}
	if most := maxRuns / (1 + MinTrials); len(s.Tasks) > most {
		return nil, fmt.Errorf("bench: the sweep has %d Tasks: want at most %d, so that its runs can be counted", len(s.Tasks), most)
	}
	names := map[string]bool{}
	for i, t := range s.Tasks {
		name, err := taskName(t)
		if err != nil {
			return nil, fmt.Errorf("bench: Tasks[%d] %v", i, err)
		}
		if names[name] {
			return nil, fmt.Errorf("bench: Tasks has %q twice: every task must have its own name", name)
		}
		names[name] = true
	}
	if s.Trials == 0 {
		s.Trials = DefaultTrials
		if workload.Quick() {
			s.Trials = MinTrials
		}
	}
	if s.Trials < MinTrials || s.Trials > MaxTrials {
		return nil, fmt.Errorf("bench: trials = %d is not allowed: want from %d, the fewest whose median has a 95%% confidence interval, to %d", s.Trials, MinTrials, MaxTrials)
	}
	for _, w := range s.Workers {
		if w < 1 || w > workload.MaxWorkers {
			return nil, fmt.Errorf("bench: workers = %d is not allowed: want from 1 to %d worker goroutines", w, workload.MaxWorkers)
		}
	}
	for _, p := range s.Procs {
		if err := procs.Validate("GOMAXPROCS", p); err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
	}
	if len(s.Workers) == 0 {
		for w := range runtime.GOMAXPROCS(0) {
			s.Workers = append(s.Workers, w+1)
		}
	}
	workers := sortedSet(append(slices.Clip(s.Workers), 1)) // at most MaxWorkers values
	gomaxprocs := sortedSet(s.Procs)                        // at most procs.Limit() values
	if len(gomaxprocs) == 0 {
		gomaxprocs = []int{runtime.GOMAXPROCS(0)}
	}
	configs := uint64(len(s.Tasks)) * uint64(len(gomaxprocs)) * uint64(len(workers)) // < 2⁶⁴: each factor < 2²⁰ or a slice length
	if runs := configs * uint64(1+s.Trials); configs > maxRuns || runs > maxRuns {
		return nil, fmt.Errorf("bench: the sweep has %d tasks × %d GOMAXPROCS values × %d worker counts = %d configurations, each run 1 + trials = %d times: "+
			"want at most %d runs in all — give fewer tasks, workers, GOMAXPROCS values or trials", len(s.Tasks), len(gomaxprocs), len(workers), configs, 1+s.Trials, maxRuns)
	}
	s.Workers = workers
	cs := make([]Config, 0, configs)
	for _, t := range s.Tasks {
		for _, p := range gomaxprocs {
			for _, w := range workers {
				cs = append(cs, Config{t.Name(), w, p})
			}
		}
	}
	return cs, nil
}

// taskName returns t's name, or an error saying why there is none: t is nil, or its Name panics (a
// nil pointer in a non-nil interface, say).
func taskName(t workload.Task) (name string, err error) {
	if t == nil {
		return "", errors.New("is nil: every task must be a workload.Task")
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("cannot say its name (its Name method panicked): is it a nil pointer? Make every task with its constructor, e.g. workload.SumSquares")
		}
	}()
	return t.Name(), nil
}

func sortedSet(xs []int) []int {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return slices.Compact(xs)
}

// Run measures the sweep. First each task runs once serially, untimed, for the reference checksum;
// then each configuration runs once untimed (warm-up); then come Trials rounds, each running every
// configuration once in a freshly shuffled order, so that drift (a slowly heating CPU, a background
// job) hits all configurations alike. runtime.GC runs before each trial, outside the timing. Every
// run's checksum is compared with the reference: a difference is an error and no result.
//
// When s.Procs is set, Run changes GOMAXPROCS with lib/procs and restores it before returning (to
// the automatic default when it was the default): do not run two such sweeps at once, or beside
// anything else that sets GOMAXPROCS. All goroutines it starts have ended when it returns.
//
// When ctx is cancelled, Run stops within a trial's chunk (milliseconds; the tasks of package
// workload check ctx between chunks) and returns what it has measured, marked Partial, with ctx's
// error; the interrupted trial is dropped.
func Run(ctx context.Context, s Sweep) (*Result, error) {
	configs, err := s.plan()
	if err != nil {
		return nil, err
	}
	res := &Result{Env: CaptureEnv(), Trials: s.Trials, Seed: s.Seed}
	if len(s.Procs) > 0 {
		// Each configuration sets its own GOMAXPROCS with procs.Set (validated in plan); the first
		// call's restore puts back what was in force before the sweep.
		restore, err := procs.Set("GOMAXPROCS", configs[0].Procs)
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		defer restore()
	}
	tasks := map[string]workload.Task{}
	for _, t := range s.Tasks {
		tasks[t.Name()] = t
	}
	start := time.Now()
	total := len(s.Tasks) + len(configs)*(1+s.Trials)
	done := 0
	report := func(c Config) {
		done++
		if s.Progress != nil {
			el := time.Since(start)
			s.Progress(Progress{done, total, el, el / time.Duration(done) * time.Duration(total-done), c})
		}
	}
	samples := make([][]time.Duration, len(configs))
	probes := planProbes(configs)
	finish := func(err error) (*Result, error) {
		res.Elapsed = time.Since(start)
		res.Env.LoadAfter = loadAverage()
		res.summarize(configs, samples)
		res.Capacity = finishProbes(probes, s.Seed)
		if err != nil {
			res.Partial = true
			res.Stopped = fmt.Sprintf("stopped after %d of %d runs: %v", done, total, err)
			if errors.Is(err, context.Canceled) {
				res.Stopped = fmt.Sprintf("stopped after %d of %d runs", done, total)
			}
		}
		return res, err
	}

	// Reference checksums.
	want := map[string]uint64{}
	for _, t := range s.Tasks {
		sum, err := t.Serial(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return finish(ctx.Err())
			}
			return nil, fmt.Errorf("bench: the serial run of %s failed: %w", t.Name(), err)
		}
		want[t.Name()] = sum
		report(Config{t.Name(), 0, runtime.GOMAXPROCS(0)})
	}
	run := func(c Config) (time.Duration, error) {
		if runtime.GOMAXPROCS(0) != c.Procs {
			if _, err := procs.Set("GOMAXPROCS", c.Procs); err != nil {
				return 0, fmt.Errorf("bench: %w", err)
			}
		}
		runtime.GC()
		t0 := time.Now()
		sum, err := tasks[c.Task].Run(ctx, c.Workers)
		d := time.Since(t0)
		switch {
		case ctx.Err() != nil:
			return 0, ctx.Err()
		case err != nil:
			return 0, fmt.Errorf("bench: %v: %w", c, err)
		case sum != want[c.Task]:
			return 0, fmt.Errorf("bench: %v returned checksum %d, but the serial run returned %d: "+
				"the parallel version computes something different, so its time means nothing; a task's Run must return the same checksum as its Serial",
				c, sum, want[c.Task])
		}
		return d, nil
	}

	rng := rand.New(rand.NewPCG(s.Seed, 1))
	order := make([]int, len(configs)+2*len(probes)) // indexes past the configurations are probe runs
	for i := range order {
		order[i] = i
	}
	for round := -1; round < s.Trials; round++ { // round −1 is the warm-up
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if i >= len(configs) {
				if err := runProbe(probes, i-len(configs), round >= 0); err != nil {
					return nil, err
				}
				continue
			}
			d, err := run(configs[i])
			if err != nil {
				if ctx.Err() != nil {
					return finish(ctx.Err())
				}
				return nil, err
			}
			if round >= 0 {
				samples[i] = append(samples[i], d)
			}
			report(configs[i])
		}
	}
	return finish(nil)
}

// Key returns a short string that changes whenever what the sweep would measure changes: its
// tasks (their names carry their sizes), workers, GOMAXPROCS values, trials and seed, after
// defaults are filled in, the machine's logical CPUs and whether the race detector is on. Caches use it to tell whether a stored
// result still answers the sweep.
func (s Sweep) Key() (string, error) {
	configs, err := s.plan()
	if err != nil {
		return "", err
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "trials=%d seed=%d cpus=%d\n", s.Trials, s.Seed, runtime.NumCPU())
	if raceDetector {
		fmt.Fprintln(h, "race") // times under the race detector answer another question
	}
	for _, c := range configs {
		fmt.Fprintf(h, "%q %d %d\n", c.Task, c.Workers, c.Procs)
	}
	return fmt.Sprintf("%016x", h.Sum64()), nil
}
