package compare

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Impl is one implementation to time. Run does the work once; a non-nil error stops the comparison.
// Time, when not nil, replaces the wall-clock time of Run: it runs the work once and returns the time
// the implementation measured itself (an external program reporting its own time, say), which must be
// positive and at most a day.
type Impl struct {
	Name string
	Run  func(ctx context.Context) error
	Time func(ctx context.Context) (time.Duration, error)
}

// Entry is one implementation's measurements, samples in the order of the rounds.
type Entry struct {
	Name    string          `json:"name"`
	Samples []time.Duration `json:"samples_ns"`
	Median  time.Duration   `json:"median_ns"`
	Low     time.Duration   `json:"low_ns"`  // 95% interval of the median (bench.MedianCI)
	High    time.Duration   `json:"high_ns"` //
	// VsFirst says how many times faster this implementation is than the first (above 1: faster):
	// the median over rounds of first's time ÷ this one's time in the same round, with the 95%
	// order-statistic interval of that median. Both ran within moments of each other in every round,
	// so a machine whose speed changes during the comparison slows both alike and the ratio holds.
	// Value is 0 when no round timed both; Low and High are 0 when too few rounds did for an interval.
	VsFirst bench.Interval `json:"vs_first"`
}

// Result is a finished (or interrupted) comparison.
type Result struct {
	Title   string    `json:"title"`
	Entries []Entry   `json:"entries"`
	Env     bench.Env `json:"env"`
	Partial bool      `json:"partial"` // interrupted: fewer trials than asked
}

// Bounds on a comparison: implementations, and the time an Impl's Time function may report.
const (
	maxImpls = 100
	maxTime  = 24 * time.Hour
)

// Run times every implementation trials times (bench.MinTrials to bench.MaxTrials), interleaved and
// shuffled per round with the given seed, after one untimed warm-up each; runtime.GC runs before each
// trial, outside its time. It compares 2 to 100 implementations, and starts no goroutines of its
// own. When ctx is cancelled — during the warm-up too — it returns what was measured, marked Partial,
// with ctx's error, as soon as the running implementation returns.
func Run(ctx context.Context, title string, trials int, seed uint64, impls ...Impl) (*Result, error) {
	if len(impls) < 2 || len(impls) > maxImpls {
		return nil, fmt.Errorf("compare: %d implementations given; want from 2 to %d to compare", len(impls), maxImpls)
	}
	if trials < bench.MinTrials || trials > bench.MaxTrials {
		return nil, fmt.Errorf("compare: trials = %d is not allowed: want from %d, the fewest for a 95%% interval of the median, to %d", trials, bench.MinTrials, bench.MaxTrials)
	}
	for i, im := range impls {
		if im.Name == "" || (im.Run == nil && im.Time == nil) {
			return nil, fmt.Errorf("compare: implementation %d needs a Name and a Run or Time function", i+1)
		}
	}
	res := &Result{Title: title, Env: bench.CaptureEnv()}
	samples := make([][]time.Duration, len(impls))
	once := func(im Impl) (time.Duration, error) {
		runtime.GC()
		if im.Time != nil {
			d, err := im.Time(ctx)
			if err == nil && (d <= 0 || d > maxTime) {
				err = fmt.Errorf("its Time function reported %v: want a positive duration of at most %v", d, maxTime)
			}
			return d, err
		}
		start := time.Now()
		err := im.Run(ctx)
		return time.Since(start), err
	}
	finish := func(err error) (*Result, error) {
		for i, im := range impls {
			e := Entry{Name: im.Name, Samples: samples[i]}
			e.Median, e.Low, e.High, _ = bench.MedianCI(samples[i])
			e.VsFirst = paired(samples[0], samples[i])
			res.Entries = append(res.Entries, e)
			if len(samples[i]) < trials {
				res.Partial = true
			}
		}
		return res, err
	}
	// step runs im once and says whether to go on: an error is the comparison's, or ctx's.
	step := func(im Impl, record func(time.Duration)) (stop bool, result *Result, err error) {
		if ctx.Err() != nil {
			r, err := finish(ctx.Err())
			return true, r, err
		}
		d, err := once(im)
		switch {
		case ctx.Err() != nil: // cancelled while it ran: its error, if any, is the cancellation's
			r, err := finish(ctx.Err())
			return true, r, err
		case err != nil:
			return true, nil, fmt.Errorf("compare: %s: %w", im.Name, err)
		}
		record(d)
		return false, nil, nil
	}
	for _, im := range impls { // warm-up
		if stop, r, err := step(im, func(time.Duration) {}); stop {
			return r, err
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	order := make([]int, len(impls))
	for i := range order {
		order[i] = i
	}
	for range trials {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			if stop, r, err := step(impls[i], func(d time.Duration) { samples[i] = append(samples[i], d) }); stop {
				return r, err
			}
		}
	}
	return finish(nil)
}

// paired returns the median over rounds of base[r]/xs[r] and its 95% order-statistic interval
// (bench.MedianCI); no interval with fewer rounds than that needs, and zero with none.
func paired(base, xs []time.Duration) bench.Interval {
	n := min(len(base), len(xs))
	if n == 0 {
		return bench.Interval{}
	}
	const scale = 1e9 // ratios as Durations, to reuse bench.MedianCI; ratios are at most 2⁶³/1e9 ≈ 9·10⁹
	ratios := make([]time.Duration, n)
	for r := range n {
		ratios[r] = time.Duration(min(scale*float64(base[r])/float64(max(xs[r], 1)), 1<<62))
	}
	med, lo, hi, coverage := bench.MedianCI(ratios)
	iv := bench.Interval{Value: float64(med) / scale}
	if coverage >= bench.Level {
		iv.Low, iv.High = float64(lo)/scale, float64(hi)/scale
	}
	return iv
}

// Ratio returns how many times longer the implementation named num took than the one named den: the
// median over rounds of num's time ÷ den's time in the same round, with its 95% order-statistic
// interval (none, Low = High = 0, with too few rounds), as VsFirst is for den the first. ok is false
// when either name is missing or no round timed both.
func (r *Result) Ratio(num, den string) (ratio bench.Interval, ok bool) {
	a, b := r.Find(num), r.Find(den)
	if a == nil || b == nil || min(len(a.Samples), len(b.Samples)) == 0 {
		return bench.Interval{}, false
	}
	return paired(a.Samples, b.Samples), true
}

// Find returns the entry with the given name, or nil (also for a nil result).
func (r *Result) Find(name string) *Entry {
	if r == nil {
		return nil
	}
	for i := range r.Entries {
		if r.Entries[i].Name == name {
			return &r.Entries[i]
		}
	}
	return nil
}
