package exercise

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Learners' answers, right and wrong. Chunk w is xs[len(xs)*w/workers : len(xs)*(w+1)/workers].

func chunk(xs []float64, w, workers int) []float64 {
	return xs[len(xs)*w/workers : len(xs)*(w+1)/workers]
}

// localSum is the answer the exercise asks for: a local sum per goroutine, stored once.
func localSum(xs []float64, workers int) float64 { return referenceSum(xs, workers) }

// slotSum adds into parts[w] inside the loop: correct, with false sharing.
func slotSum(xs []float64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, x := range chunk(xs, w, workers) {
				parts[w] += x
			}
		})
	}
	wg.Wait()
	var s float64
	for _, p := range parts {
		s += p
	}
	return s
}

// lockedSum shares one sum behind a mutex taken for every value: correct, and slow.
func lockedSum(xs []float64, workers int) float64 {
	var mu sync.Mutex
	var s float64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, x := range chunk(xs, w, workers) {
				mu.Lock()
				s += x
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return s
}

func serial(xs []float64, _ int) float64 { return serialSum(xs) }

// eachWaited starts a goroutine per chunk but waits for each before starting the next.
func eachWaited(xs []float64, workers int) float64 {
	parts := make([]float64, workers)
	for w := range workers {
		var wg sync.WaitGroup
		wg.Go(func() { parts[w] = serialSum(chunk(xs, w, workers)) })
		wg.Wait()
	}
	var s float64
	for _, p := range parts {
		s += p
	}
	return s
}

// oneGoroutine does all the work in a single goroutine.
func oneGoroutine(xs []float64, _ int) float64 {
	var s float64
	var wg sync.WaitGroup
	wg.Go(func() { s = serialSum(xs) })
	wg.Wait()
	return s
}

// sharedSum: every goroutine adds into one shared float64 with a separate load and store — the
// read-modify-write of s += x, with atomics so that the race detector of go test -race stays quiet
// while updates are lost exactly as in the racy original.
func sharedSum(xs []float64, workers int) float64 {
	var bits atomic.Uint64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, x := range chunk(xs, w, workers) {
				bits.Store(math.Float64bits(math.Float64frombits(bits.Load()) + x))
			}
		})
	}
	wg.Wait()
	return math.Float64frombits(bits.Load())
}

// readsEarly adds up the parts without waiting for the goroutines (atomics again, for -race).
func readsEarly(xs []float64, workers int) float64 {
	parts := make([]atomic.Uint64, workers)
	for w := range workers {
		go func() { parts[w].Store(math.Float64bits(serialSum(chunk(xs, w, workers)))) }()
	}
	var s float64
	for w := range parts {
		s += math.Float64frombits(parts[w].Load())
	}
	return s
}

// dropsRemainder forgets the last len(xs)%workers values.
func dropsRemainder(xs []float64, workers int) float64 {
	size := len(xs) / workers
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { parts[w] = serialSum(xs[w*size : (w+1)*size]) })
	}
	wg.Wait()
	return serialSum(parts)
}

// overlaps gives each chunk one value of the next.
func overlaps(xs []float64, workers int) float64 {
	parts := make([]float64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(xs)*w/workers, min(len(xs), len(xs)*(w+1)/workers+1)
		wg.Go(func() { parts[w] = serialSum(xs[lo:hi]) })
	}
	wg.Wait()
	return serialSum(parts)
}

func testConfig() sumConfig {
	return sumConfig{limit: 2 * time.Second, hammerN: 1 << 18, hammerWorkers: 64, hammerRepeats: 10,
		structureN: 1 << 12, structureWorkers: 4, speedN: 1 << 20, rounds: 6}
}

func TestCheckParallelSumWrongAnswers(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, tt := range []struct {
		name    string
		fn      SumFunc
		message string
		hint    string
	}{
		{"nil", nil, "The function is nil.", "exercise.CheckParallelSum(parallelSum)"},
		{"serial", serial, "started no goroutine", "start one goroutine per chunk"},
		{"one goroutine does it all", oneGoroutine, "started 1 goroutine — but never two at the same time", "Start all the goroutines first"},
		{"each goroutine waited for", eachWaited, "started 4 goroutines — but never two at the same time", "A wg.Wait() (or a receive) inside the loop"},
		// Whether the shared sum loses updates in the check's rounds depends on the scheduler (always under
		// -race here, usually without): either way it must not pass, and the hint must name the race or the
		// cost of sharing one variable.
		{"one shared sum", sharedSum, "want|slower than one goroutine", "That is a data race|does something costly for every value"},
		{"drops the remainder", dropsRemainder, "With 1000 values and 3 workers the sum is", "including the remainder"},
		{"overlapping chunks", overlaps, "With 1000 values and 2 workers the sum is", "added twice"},
		{"panics", func([]float64, int) float64 { panic("boom") }, "parallelSum(1000 values, 1 workers) panicked", "the line it names"},
		{"hangs", func([]float64, int) float64 { <-release; return 0 }, "did not return within 2s", "a WaitGroup whose Done is missing"},
		{"leaves a goroutine running", func(xs []float64, _ int) float64 {
			go func() { <-release }()
			return serialSum(xs)
		}, "returned while 1 goroutine it started was still running", "Wait for every goroutine"},
	} {
		r := checkParallelSum(tt.fn, testConfig())
		if r.Outcome != check.NotPassed || !containsAny(r.Message, tt.message) || !containsAny(r.Hint, tt.hint) {
			t.Errorf("%s: got %q; want not yet, a message with %q and a hint with %q", tt.name, r, tt.message, tt.hint)
		}
	}
}

func TestCheckParallelSumReadsEarly(t *testing.T) {
	r := checkParallelSum(readsEarly, testConfig())
	if r.Outcome != check.NotPassed || !strings.Contains(r.Hint, "Wait") {
		t.Errorf("got %q; want not yet, with a hint to wait for the goroutines", r)
	}
	time.Sleep(100 * time.Millisecond) // its goroutines end soon after; let them before goleak looks
}

// Correct answers never fail on correctness or structure; their speed depends on the machine, so the
// outcome may be Passed or Undecided — and NotPassed only with a diagnosis of why they are slow.
func TestCheckParallelSumRightAnswers(t *testing.T) {
	for _, tt := range []struct {
		name     string
		fn       SumFunc
		slowHint string // the diagnosis, should it be slower than one goroutine
	}{
		{"local sums", localSum, "(never slower)"},
		{"slots written in the loop", slotSum, "parts[w] += x"},
		{"a mutex per value", lockedSum, "a lock, an atomic"},
	} {
		cfg := testConfig()
		// A right answer never hangs, so its limit only bounds how long it may take: a mutex per value on
		// 1 Mi values, under -race on a loaded 2-core machine (load 13), took longer than 2 s.
		cfg.limit = 30 * time.Second
		r := checkParallelSum(tt.fn, cfg)
		if !strings.Contains(r.Message, "Correct for every length") || !strings.Contains(r.Message, "4 of its goroutines were running at the same time") {
			t.Errorf("%s: got %q; want correctness and 4 goroutines at once acknowledged", tt.name, r)
		}
		if r.Outcome == check.NotPassed && !strings.Contains(r.Hint, tt.slowHint) {
			t.Errorf("%s: got %q; a correct answer may be not yet only for being slower than one goroutine, with a hint about %q", tt.name, r, tt.slowHint)
		}
	}
}

func TestJudgeSpeed(t *testing.T) {
	correct := check.Pass("Correct.")
	ratio := func(v, lo, hi float64) check.Ratio { return check.Ratio{Value: v, Low: lo, High: hi, Rounds: 10} }
	var none check.Ratio
	for _, tt := range []struct {
		name                    string
		yours, ref, vsRf, alone check.Ratio
		outcome                 check.Outcome
		say                     string // in the message, hint or advice
	}{
		{"clearly faster", ratio(1.9, 1.7, 2.0), ratio(1.95, 1.8, 2.0), ratio(1.02, 0.95, 1.1), none, check.Passed, "faster than one goroutine: 1.90×"},
		{"faster, but slower than the reference", ratio(1.2, 1.15, 1.3), ratio(1.9, 1.8, 2.0), ratio(1.6, 1.4, 1.7), ratio(1.05, 1, 1.1),
			check.Passed, "false sharing"},
		{"slower than one goroutine: only false sharing", ratio(0.5, 0.45, 0.55), ratio(1.9, 1.7, 2.0), ratio(3.8, 3.5, 4), ratio(1.1, 1, 1.3),
			check.NotPassed, "it was as fast as one goroutine (0.91×), so the time goes to the cores getting in each other's way"},
		{"slower than one goroutine: a cost per value", ratio(0.04, 0.04, 0.05), ratio(1.9, 1.7, 2.0), ratio(32, 30, 35), ratio(25, 20, 30),
			check.NotPassed, "Even with one goroutine running at a time it took 25.0× as long as one goroutine: each goroutine does something costly"},
		{"slower, the reference too busy to be faster, but twice as fast as yours", ratio(0.04, 0.04, 0.05), ratio(1.79, 1.0, 2.07),
			ratio(32, 30, 35), ratio(25, 20, 30), check.NotPassed, "a lock, an atomic or a channel operation"},
		{"slower, alone unclear", ratio(0.3, 0.25, 0.35), ratio(1.9, 1.7, 2.0), ratio(6, 5.5, 7), ratio(1.8, 1.0, 3),
			check.NotPassed, "took 6.0× as long as the reference parallel sum, which adds into a local variable in each goroutine and stores it once at the end. Each goroutine probably does something costly"},
		{"rounds disagree", ratio(1.3, 0.8, 1.9), ratio(1.8, 1.3, 2.0), ratio(1.3, 0.9, 1.8), none, check.Undecided, "the rounds disagreed"},
		{"the machine is busy", ratio(0.9, 0.7, 0.98), ratio(1.0, 0.8, 1.3), ratio(1, 0.9, 1.1), none, check.Undecided, "even the reference"},
	} {
		r := judgeSpeed(correct, 2, 1<<22, tt.yours, tt.ref, tt.vsRf, tt.alone)
		if r.Outcome != tt.outcome || !strings.Contains(r.Message+" "+r.Hint+" "+r.Advice, tt.say) {
			t.Errorf("%s: got %q; want %v and %q", tt.name, r, tt.outcome, tt.say)
		}
	}
}

func TestSumHint(t *testing.T) {
	for _, tt := range []struct {
		n, workers int
		got, want  float64
		racy       bool
		hint       string
	}{
		{1000, 4, 100, 488.8, true, "data race"},
		{1000, 4, 0, 488.8, false, "before the goroutines finished"},
		{7, 16, 0.01, 0.0273, false, "never go past len(xs)"},
		{1001, 4, 400, 489.7, false, "including the remainder"},
		{1000, 4, 500, 488.8, false, "added twice"},
	} {
		if got := sumHint(tt.n, tt.workers, tt.got, tt.want, tt.racy); !strings.Contains(got, tt.hint) {
			t.Errorf("sumHint(%d, %d, %g, %g, %v) = %q; want %q", tt.n, tt.workers, tt.got, tt.want, tt.racy, got, tt.hint)
		}
	}
}

func TestCheckAmdahl(t *testing.T) {
	tests := []struct {
		s          float64
		n          int
		onN, onInf float64
		pass       bool
		want       string
	}{
		// S(8) for s = 0.1 is 1/(0.1 + 0.9/8) = 4.7058…; the limit is 10.
		{0.1, 8, 4.706, 10, true, "S(8) = 1/(s + (1−s)/8) = 4.71"},
		{0.1, 8, 8, 10, false, "S(n) = 1/(s + (1−s)/n)"},
		{0.1, 8, 9, 10, false, "more than the number of cores"},
		{0.1, 8, 4.706, 100, false, "the limit is 1/s"},
		{0, 8, 1, 1, false, "needs 0 < s < 1"},
		{math.NaN(), 8, 1, 1, false, "needs 0 < s < 1"},
	}
	for _, tt := range tests {
		r := CheckAmdahl(tt.s, tt.n, tt.onN, tt.onInf)
		if r.Passed() != tt.pass || !strings.Contains(r.Message+" "+r.Hint, tt.want) || (!tt.pass && r.Hint == "") {
			t.Errorf("CheckAmdahl(%v, %d, %v, %v) = %q; want passed %v and %q", tt.s, tt.n, tt.onN, tt.onInf, r, tt.pass, tt.want)
		}
	}
}

// containsAny reports whether s contains one of the |-separated alternatives in want.
func containsAny(s, want string) bool {
	for _, w := range strings.Split(want, "|") {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
