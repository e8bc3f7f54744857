package check

import (
	"context"
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
)

// Timed is one function of an interleaved timing: a learner's code or a reference to compare it with.
type Timed struct {
	Name string
	Run  func()
}

// Timing is what [Time] measured: every function's time in every round.
type Timing struct {
	// Names are the functions' names, in the order given to Time.
	Names []string
	// Times[i][k] is function i's time in round k. Every function ran once in every round.
	Times [][]time.Duration
}

// Time times the functions side by side, for a check whose point is speed: one untimed warm-up each,
// then rounds rounds (at least bench.MinTrials) in which every function runs once, in a new shuffled
// order each round, after a garbage collection (package compare). A busy machine slows a whole round
// more than one function of it, so the ratio of two functions' times within a round is the measure
// ([Timing.Ratio]), and how much those ratios disagree from round to round says whether the machine
// was quiet enough to judge.
//
// Each run is guarded like [Call] with the limit given (zero means DefaultLimit), without the goroutine
// accounting; the first failure — a panic, a timeout — ends the timing and comes back as the error
// (wrapped: errors.As finds the *PanicError or *TimeoutError). Time runs everything on its caller's
// goroutine except the guarded runs.
func Time(rounds int, limit time.Duration, fs ...Timed) (Timing, error) {
	if rounds < bench.MinTrials {
		return Timing{}, fmt.Errorf("check: Time was asked for %d rounds; want at least %d, for a 95%% interval of the median", rounds, bench.MinTrials)
	}
	impls := make([]compare.Impl, len(fs))
	names := make([]string, len(fs))
	for i, f := range fs {
		if f.Run == nil {
			return Timing{}, fmt.Errorf("check: Time was given no function for %q", f.Name)
		}
		run := f.Run
		impls[i] = compare.Impl{Name: f.Name, Run: func(context.Context) error {
			_, err := call(limit, func() struct{} { run(); return struct{}{} }, false, nil)
			return err
		}}
		names[i] = f.Name
	}
	res, err := compare.Run(context.Background(), "self-check", rounds, 1, impls...)
	if err != nil {
		return Timing{}, err
	}
	t := Timing{Names: names, Times: make([][]time.Duration, len(fs))}
	for i, e := range res.Entries {
		t.Times[i] = e.Samples
	}
	return t, nil
}

// Ratio is how many times longer one function took than another, round by round: the median of the
// per-round ratios and its 95% distribution-free interval (bench.MedianCI: with 10 rounds, the 2nd
// smallest and the 2nd largest ratio).
type Ratio struct {
	Value, Low, High float64
	// Rounds counts the rounds the median is taken over. Below bench.MinTrials rounds there is no
	// interval (Low = High = 0) and the Ratio is neither Above nor Below anything; zero means nothing
	// was measured.
	Rounds int
}

// Ratio returns, round by round, the time of function a divided by the time of function b (indexes
// into Names): above 1, b was faster. With a the one-goroutine reference and b the learner's parallel
// code, it is the learner's speedup. Indexes out of range give the zero Ratio.
func (t Timing) Ratio(a, b int) Ratio {
	if a < 0 || b < 0 || a >= len(t.Times) || b >= len(t.Times) {
		return Ratio{}
	}
	n := min(len(t.Times[a]), len(t.Times[b]))
	// Order statistics do not depend on the unit: ratios are kept as durations of ratio × 1e9 ns so that
	// bench.MedianCI, which takes durations, gives their interval.
	scaled := make([]time.Duration, 0, n)
	for k := range n {
		if t.Times[b][k] > 0 {
			scaled = append(scaled, time.Duration(float64(t.Times[a][k])/float64(t.Times[b][k])*1e9))
		}
	}
	if len(scaled) == 0 {
		return Ratio{}
	}
	m, lo, hi, _ := bench.MedianCI(scaled)
	return Ratio{Value: float64(m) / 1e9, Low: float64(lo) / 1e9, High: float64(hi) / 1e9, Rounds: len(scaled)}
}

// Above reports whether the whole interval is above x: the rounds agree that the ratio is more than x.
// With fewer than bench.MinTrials rounds there is no interval, and it is false.
func (r Ratio) Above(x float64) bool { return r.Rounds >= bench.MinTrials && r.Low > x }

// Below reports whether the whole interval is below x. With fewer than bench.MinTrials rounds there is
// no interval, and it is false.
func (r Ratio) Below(x float64) bool { return r.Rounds >= bench.MinTrials && r.High < x }

// String returns the ratio with its interval: "1.84× (1.62–1.95× over 10 rounds)", or without one
// when there were too few rounds: "1.84× (over 3 rounds, too few for an interval)".
func (r Ratio) String() string {
	if r.Rounds == 0 {
		return "not measured"
	}
	if r.Rounds < bench.MinTrials {
		return fmt.Sprintf("%.2f× (over %d %s, too few for an interval)", r.Value, r.Rounds, plural(r.Rounds, "round", "rounds"))
	}
	return fmt.Sprintf("%.2f× (%.2f–%.2f× over %d rounds)", r.Value, r.Low, r.High, r.Rounds)
}
