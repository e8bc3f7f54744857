package exercise

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/procs"
)

// SumFunc is the learner's parallel sum: add up xs using workers goroutines.
type SumFunc func(xs []float64, workers int) float64

// sumConfig sizes CheckParallelSum; tests make it smaller.
type sumConfig struct {
	limit                                 time.Duration // for one call; the largest adds 4 Mi values, milliseconds
	hammerN, hammerWorkers, hammerRepeats int           // the lost-update hunt
	structureN, structureWorkers          int           // the traced call that counts goroutines
	speedN, rounds                        int           // the timing
}

func defaultSumConfig() sumConfig {
	return sumConfig{limit: 10 * time.Second, hammerN: 1 << 20, hammerWorkers: 64, hammerRepeats: 10,
		structureN: 1 << 16, structureWorkers: 4, speedN: 1 << 22, rounds: 10}
}

// vector returns n deterministic values whose exact sum is known: 1, 2, …, n scaled by 1/1024 (exact in
// float64 for the sizes used), so any correct order of addition gives exactly n(n+1)/2048, and any
// value left out, added twice or lost in a race changes the sum.
func vector(n int) ([]float64, float64) {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = float64(i+1) / 1024
	}
	return xs, float64(n) * float64(n+1) / 2048
}

// CheckParallelSum is the self-check of notebook 03's exercise "parallelise a sum". It judges, in order:
//
//  1. Correctness: the exact total for several lengths and worker counts (more workers than values, an
//     empty slice), each computed twice — an answer that changes between two identical calls is a data
//     race — then 1 Mi values on 64 goroutines, 10 times, with GOMAXPROCS raised to at least 4 (via
//     lib/procs): with more Ps than cores, the threads running the goroutines keep interrupting each
//     other, so goroutines adding into one shared variable lose updates even when other programs keep
//     the cores busy. (At GOMAXPROCS=1 they rarely do: a goroutine is switched out only every 10 ms.)
//  2. Structure, counted: one call with 4 workers traced at GOMAXPROCS=1 (check.Traced). At least two
//     goroutines it started must have been alive at the same time; goroutines started and waited for
//     one by one never are, however busy the machine.
//  3. Speed, on a machine with at least 2 CPUs and GOMAXPROCS ≥ 2: the function with GOMAXPROCS workers
//     on 4 Mi values, timed in 10 interleaved rounds (check.Time) against a one-goroutine sum and a
//     reference parallel sum (a local variable per goroutine, its slot written once). It passes when
//     the rounds agree it is more than 1.1× as fast as one goroutine; it is "not yet" when they agree
//     it is slower than one goroutine while the reference was faster than one goroutine, or twice as
//     fast as the learner's, in the same rounds; otherwise the rounds disagreed and the outcome is
//     check.Undecided: too busy to judge. Being slower than the reference alone is advice, never a
//     failure. When it is slower than the reference, the learner's function and one goroutine are
//     also timed at GOMAXPROCS=1, for the hint: false sharing costs nothing when goroutines take turns
//     on one P; a lock, an atomic, a channel operation or a store into memory for every value does.
//
// A serial function never passes (step 2), whatever the load. With one CPU, or GOMAXPROCS 1, a correct
// parallel function passes on steps 1 and 2 and the advice says the speed could not be measured. A
// call that does not return within 10 s, panics, or leaves goroutines running is reported with a hint
// (check.Call). It takes about a second with a good function on the development machine.
func CheckParallelSum(fn SumFunc) check.Result {
	return checkParallelSum(fn, defaultSumConfig())
}

func checkParallelSum(fn SumFunc, cfg sumConfig) check.Result {
	if fn == nil {
		return check.NotYet("The function is nil.", "Pass your function: exercise.CheckParallelSum(parallelSum).")
	}
	workers := runtime.GOMAXPROCS(0)
	if r, ok := sumCorrect(fn, cfg); !ok {
		return r
	}
	r := sumStructure(fn, cfg)
	if r.Outcome != check.Passed {
		return r
	}
	return sumSpeed(fn, cfg, workers, r)
}

// sumCorrect is step 1. It reports ok with nothing to say, or a Result that did not pass.
func sumCorrect(fn SumFunc, cfg sumConfig) (check.Result, bool) {
	restore, err := procs.Set("GOMAXPROCS", min(procs.Limit(), max(4, runtime.NumCPU())))
	if err != nil {
		return check.NotYet("The check could not set GOMAXPROCS: "+err.Error(), ""), false
	}
	defer restore()
	type sumCase struct{ n, workers, repeats int }
	for _, c := range []sumCase{{1000, 1, 2}, {1000, 2, 2}, {1000, 3, 2}, {1001, 4, 2}, {7, 16, 2}, {0, 2, 2}, {100_000, 8, 2},
		{cfg.hammerN, cfg.hammerWorkers, cfg.hammerRepeats}} {
		xs, want := vector(c.n)
		what := fmt.Sprintf("parallelSum(%d values, %d workers)", c.n, c.workers)
		var answers []float64
		for range c.repeats {
			got, err := check.Call(cfg.limit, func() float64 { return fn(xs, c.workers) })
			if err != nil {
				return check.Explain(what, err), false
			}
			answers = append(answers, got)
			if got != want || got != answers[0] {
				return sumWrong(fn, cfg, xs, c.workers, want, answers), false
			}
		}
	}
	return check.Result{}, true
}

// sumWrong diagnoses a wrong sum: answers are the calls so far, the last one wrong or different from
// the first. A sum that changes between identical calls, or that comes out right when the goroutines
// cannot run at the same time (GOMAXPROCS=1, too short to be switched out), lost updates in a race;
// one that is wrong the same way at GOMAXPROCS=1 has a mistake in its chunks or its waiting.
func sumWrong(fn SumFunc, cfg sumConfig, xs []float64, workers int, want float64, answers []float64) check.Result {
	what := fmt.Sprintf("parallelSum(%d values, %d workers)", len(xs), workers)
	got := answers[len(answers)-1]
	varies := got != answers[0]
	if !varies {
		restore, err := procs.Set("GOMAXPROCS", 1)
		if err == nil {
			for range 3 {
				one, err := check.Call(cfg.limit, func() float64 { return fn(xs, workers) })
				if err != nil {
					restore()
					return check.Explain(what, err)
				}
				if one != got {
					varies = true // right, or wrong differently, when the goroutines take turns on one P
					break
				}
			}
			restore()
		}
	}
	msg := fmt.Sprintf("With %d values and %d workers the sum is %g; want %g.", len(xs), workers, got, want)
	if got != answers[0] {
		msg = fmt.Sprintf("With %d values and %d workers, two calls gave %g and %g (want %g): the same input, different answers.",
			len(xs), workers, answers[0], got, want)
	} else if varies {
		msg += " With one goroutine running at a time (GOMAXPROCS=1) it came out differently: the answer depends on how the goroutines interleave."
	}
	return check.NotYet(msg, sumHint(len(xs), workers, got, want, varies))
}

// sumHint diagnoses a wrong sum. racy: the answer changed between calls, or went wrong only with many
// goroutines at once.
func sumHint(n, workers int, got, want float64, racy bool) string {
	switch {
	case racy:
		return "That is a data race: goroutines adding into one shared variable (s += x from several goroutines) " +
			"lose each other's updates, and reading the partial sums before every goroutine has finished gives " +
			"whatever was there. Give each goroutine its own variable — a local sum, stored in parts[w] when it " +
			"is done — and add the parts after wg.Wait()."
	case got == 0 && want != 0:
		return "Did you read the partial sums before the goroutines finished? Wait for them (sync.WaitGroup) before adding up."
	case n < workers:
		return "With more workers than values, some chunks are empty: make sure the chunk bounds never go past len(xs)."
	case math.Abs(got) < math.Abs(want):
		return "Some values were left out: the chunks must cover every index exactly once, including the remainder " +
			"when len(xs) is not a multiple of workers. Chunk w runs from len(xs)*w/workers to len(xs)*(w+1)/workers."
	}
	return "Some values were added twice: check that the chunks do not overlap."
}

// sumStructure is step 2: count the goroutines alive at once in a traced call at GOMAXPROCS=1.
func sumStructure(fn SumFunc, cfg sumConfig) check.Result {
	xs, _ := vector(cfg.structureN)
	what := fmt.Sprintf("parallelSum(%d values, %d workers)", cfg.structureN, cfg.structureWorkers)
	_, gs, err := check.Traced(cfg.limit, 1, func() float64 { return fn(xs, cfg.structureWorkers) })
	if err != nil {
		return check.Explain(what, err)
	}
	started, together := len(gs.Started), gs.MostAlive()
	switch {
	case started == 0:
		return check.NotYet(fmt.Sprintf("The sums are right, but %s started no goroutine: it adds everything in one.", what),
			"Split xs into workers contiguous chunks and start one goroutine per chunk with go; wait for all of them "+
				"(sync.WaitGroup), then add up their partial sums.")
	case together < 2:
		return check.NotYet(fmt.Sprintf("The sums are right, and %s started %d %s — but never two at the same time: "+
			"each had ended before the next one was started, so they ran one after another.", what, started, plural(started, "goroutine", "goroutines")),
			"Start all the goroutines first, in one loop, and wait for them once, after the loop. A wg.Wait() (or a "+
				"receive) inside the loop makes every goroutine wait for the one before.")
	}
	r := check.Pass(fmt.Sprintf("Correct for every length and number of workers, also with %d goroutines at once; "+
		"with %d workers, %d of its goroutines were running at the same time.", cfg.hammerWorkers, cfg.structureWorkers, together))
	if together < cfg.structureWorkers-1 {
		r = r.WithAdvice(fmt.Sprintf("With workers = %d it had only %d goroutines going at once: use one per worker.", cfg.structureWorkers, together))
	}
	return r
}

// sumSpeed is step 3.
func sumSpeed(fn SumFunc, cfg sumConfig, workers int, correct check.Result) check.Result {
	if runtime.NumCPU() < 2 || workers < 2 {
		return correct.WithAdvice(fmt.Sprintf("This machine lets Go run %d goroutine at a time (%d CPU, GOMAXPROCS = %d), "+
			"so no speedup can be measured here; on a multi-core machine the check also times it.",
			workers, runtime.NumCPU(), workers))
	}
	xs, _ := vector(cfg.speedN)
	var sink float64
	var mu sync.Mutex
	keep := func(s float64) { mu.Lock(); sink += s; mu.Unlock() }
	serial := check.Timed{Name: "one goroutine", Run: func() { keep(serialSum(xs)) }}
	learner := check.Timed{Name: "yours", Run: func() { keep(fn(xs, workers)) }}
	tm, err := check.Time(cfg.rounds, cfg.limit, serial, learner,
		check.Timed{Name: "reference", Run: func() { keep(referenceSum(xs, workers)) }})
	what := fmt.Sprintf("parallelSum(%d values, %d workers)", cfg.speedN, workers)
	if err != nil {
		return check.Explain(what, err)
	}
	yours, ref, vsRef := tm.Ratio(0, 1), tm.Ratio(0, 2), tm.Ratio(1, 2)
	var alone check.Ratio // the learner's time over one goroutine's, with a single P: measured only to diagnose slowness
	if vsRef.Above(1.25) {
		restore, err := procs.Set("GOMAXPROCS", 1)
		if err == nil {
			tm1, err := check.Time(bench.MinTrials, cfg.limit, serial, learner)
			restore()
			if err != nil {
				return check.Explain(what, err)
			}
			alone = tm1.Ratio(1, 0)
		}
	}
	_ = sink
	return judgeSpeed(correct, workers, cfg.speedN, yours, ref, vsRef, alone)
}

// judgeSpeed decides step 3 from the interleaved rounds: yours and ref are the speedups of the learner's
// sum and of the reference over one goroutine, vsRef how many times longer the learner's took than the
// reference's, and alone how many times longer the learner's took than one goroutine when only one
// goroutine could run at a time (GOMAXPROCS=1; Rounds 0 when not measured).
//
// A correct sum slower than the reference does something costly for every value. alone tells apart
// the cost that cores sharing a cache line add (false sharing: nothing when goroutines take turns on
// one P, alone near 1) from a cost per value that stays on one P (a lock, an atomic, a channel — and
// a store into parts[w] on every value, which on the development machine took as long as a lock).
func judgeSpeed(correct check.Result, workers, n int, yours, ref, vsRef, alone check.Ratio) check.Result {
	measured := fmt.Sprintf("With %d workers on %d values, in %d interleaved rounds: yours %s as fast as one goroutine; "+
		"a reference parallel sum %s.", workers, n, yours.Rounds, yours, ref)
	diagnosis := ""
	if vsRef.Above(1.25) {
		if alone.Below(2) {
			diagnosis = fmt.Sprintf("Yours took %.1f× as long as the reference parallel sum, which adds into a local variable in "+
				"each goroutine and stores it once at the end; with one goroutine running at a time it was as fast as one "+
				"goroutine (%.2f×), so the time goes to the cores getting in each other's way: goroutines writing to the same "+
				"cache line — parts[w] += x with neighbouring slots is false sharing (notebook 04). Add into a local variable, "+
				"store once.", vsRef.Value, 1/alone.Value)
		} else {
			diagnosis = fmt.Sprintf("Yours took %.1f× as long as the reference parallel sum, which adds into a local variable in "+
				"each goroutine and stores it once at the end. ", vsRef.Value)
			cause := "Each goroutine probably does"
			if alone.Above(2) {
				cause = fmt.Sprintf("Even with one goroutine running at a time it took %.1f× as long as one goroutine: each goroutine does", alone.Value)
			}
			diagnosis += cause + " something costly for every value — a store into a shared slice (parts[w] += x " +
				"writes memory on every value, and neighbouring slots make the cores fight over a cache line: false sharing), " +
				"a lock, an atomic or a channel operation. Add each value into a local variable, and store it or combine the " +
				"partial sums once, at the end."
		}
	}
	switch {
	case yours.Above(1.1):
		return check.Pass(correct.Message + fmt.Sprintf(" And it is faster than one goroutine: %.2f×.", yours.Value)).
			WithAdvice(correct.Advice).WithAdvice(measured).WithAdvice(diagnosis)
	case yours.Below(1) && (ref.Above(1.2) || vsRef.Above(2)):
		if diagnosis == "" {
			diagnosis = "Let each goroutine add its chunk into a local variable and store it once, at the end; make sure " +
				"nothing is shared while the goroutines add."
		}
		return check.NotYet(correct.Message+fmt.Sprintf(" But it was slower than one goroutine (%.2f×) in every round, "+
			"while the reference parallel sum was %.2f× as fast in the same rounds.", yours.Value, ref.Value), diagnosis).
			WithAdvice(correct.Advice).WithAdvice(measured)
	case !ref.Above(1.2):
		return check.TooBusy(correct.Message + " Its speed could not be judged: in these rounds even the reference parallel sum " +
			"did not run clearly faster than one goroutine — the other cores were busy. Run the check again when " +
			"the machine is quieter.").WithAdvice(correct.Advice).WithAdvice(measured).WithAdvice(diagnosis)
	}
	return check.TooBusy(correct.Message + " Its speed could not be judged: the rounds disagreed about whether it is faster " +
		"than one goroutine. Run the check again when the machine is quieter.").WithAdvice(correct.Advice).WithAdvice(measured).WithAdvice(diagnosis)
}

// serialSum is the one-goroutine reference.
func serialSum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

// referenceSum is the reference parallel sum: contiguous chunks, a local variable per goroutine.
func referenceSum(xs []float64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		chunk := xs[len(xs)*w/workers : len(xs)*(w+1)/workers]
		wg.Go(func() {
			var s float64
			for _, x := range chunk {
				s += x
			}
			parts[w] = s
		})
	}
	wg.Wait()
	var s float64
	for _, p := range parts {
		s += p
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
