package bench

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/parlab/parlab/lib/workload"
)

func TestMain(m *testing.M) {
	// The race detector sleeps a second as a process exits; the hostile table starts a process per
	// case, so without this it would spend minutes sleeping.
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	goleak.VerifyTestMain(m)
}

func ms(xs ...float64) []time.Duration {
	d := make([]time.Duration, len(xs))
	for i, x := range xs {
		d[i] = time.Duration(x * float64(time.Millisecond))
	}
	return d
}

func TestMedianCI(t *testing.T) {
	tests := []struct {
		xs          []time.Duration
		med, lo, hi time.Duration
		coverage    float64
		whereFrom   string
	}{
		// Coverages: 1 − 2·P(B ≤ k−1), B ~ Binomial(n, ½), computed by hand from binomial tables.
		{ms(10, 1, 9, 2, 8, 3, 7, 4, 6, 5), ms(5.5)[0], ms(2)[0], ms(9)[0], 1 - 2*11.0/1024, "n=10: [x₍₂₎, x₍₉₎], 1−2·11/1024"},
		{ms(6, 5, 4, 3, 2, 1), ms(3.5)[0], ms(1)[0], ms(6)[0], 1 - 2.0/64, "n=6: [min, max], 1−2/64"},
		{ms(5, 4, 3, 2, 1), ms(3)[0], 0, 0, 0, "n=5: too few, even [min, max] covers only 93.75%: no interval"},
		{ms(7), ms(7)[0], 0, 0, 0, "n=1: no interval"},
		{ms(20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1), ms(10.5)[0], ms(6)[0], ms(15)[0],
			1 - 2*21700.0/1048576, "n=20: [x₍₆₎, x₍₁₅₎], P(B≤5) = 21700/2²⁰"},
	}
	for _, tt := range tests {
		med, lo, hi, cov := MedianCI(tt.xs)
		if med != tt.med || lo != tt.lo || hi != tt.hi || math.Abs(cov-tt.coverage) > 1e-12 {
			t.Errorf("MedianCI(%v) = %v [%v, %v] coverage %.6f; want %v [%v, %v] coverage %.6f (%s)",
				tt.xs, med, lo, hi, cov, tt.med, tt.lo, tt.hi, tt.coverage, tt.whereFrom)
		}
	}
}

func TestRatio(t *testing.T) {
	got := Ratio(ms(10, 10, 10, 10, 10, 10), ms(5, 5, 5, 5, 5, 5), 1)
	if got != (Interval{2, 2, 2}) {
		t.Errorf("Ratio(10 ms ×6, 5 ms ×6) = %+v; want exactly 2 with interval [2, 2]", got)
	}
	base := ms(10, 10.4, 9.7, 10.1, 10.3, 9.9, 10, 10.2, 9.8, 10.6)
	xs := ms(5.1, 5, 4.9, 5.3, 5.2, 4.8, 5, 5.1, 4.95, 5.05)
	got = Ratio(base, xs, 7)
	if !(got.Low <= got.Value && got.Value <= got.High) || got.Low < 1.85 || got.High > 2.15 {
		t.Errorf("Ratio(≈10 ms ±3%%, ≈5 ms ±3%%) = %+v; want 2.0 inside an interval within [1.85, 2.15]", got)
	}
}

func TestStatsEmpty(t *testing.T) {
	if m, lo, hi, c := MedianCI(nil); m != 0 || lo != 0 || hi != 0 || c != 0 {
		t.Errorf("MedianCI(nil) = %v, %v, %v, %v; want zeros", m, lo, hi, c)
	}
	if r := Ratio(nil, ms(1), 1); r != (Interval{}) {
		t.Errorf("Ratio(nil, 1 ms) = %+v; want zero", r)
	}
	base, xs := ms(3, 1, 2, 5, 4, 6), ms(2, 1, 3, 1, 2, 3)
	Ratio(base, xs, 1)
	MedianCI(base)
	if !slices.Equal(base, ms(3, 1, 2, 5, 4, 6)) || !slices.Equal(xs, ms(2, 1, 3, 1, 2, 3)) {
		t.Errorf("Ratio and MedianCI reordered their arguments to %v, %v; samples must stay in the order measured", base, xs)
	}
	if r := Ratio(ms(1), ms(0, 0, 0), 1); r != (Interval{}) {
		t.Errorf("Ratio(1 ms, 0 ms) = %+v; want zero", r)
	}
}

// TestBootMedian checks the exact bootstrap distribution of the median against cases worked out by
// hand and against drawn resamples.
func TestBootMedian(t *testing.T) {
	for _, tt := range []struct {
		xs        []float64
		v, p      []float64
		whereFrom string
	}{
		{[]float64{5}, []float64{5}, []float64{1}, "n=1: every resample is {5}"},
		{[]float64{1, 3}, []float64{1, 2, 3}, []float64{0.25, 0.5, 0.25}, "n=2: {1,1}, {1,3}/{3,1}, {3,3}"},
		// n=3: median 1 when at least two of three draws are 1: 3·(1/3)²·(2/3) + (1/3)³ = 7/27.
		{[]float64{1, 2, 3}, []float64{1, 2, 3}, []float64{7.0 / 27, 13.0 / 27, 7.0 / 27}, "n=3: 7/27, 13/27, 7/27"},
	} {
		d := bootMedian(tt.xs)
		if !slices.Equal(d.v, tt.v) || len(d.p) != len(tt.p) {
			t.Fatalf("bootMedian(%v) = %v with %v; want values %v with %v (%s)", tt.xs, d.v, d.p, tt.v, tt.p, tt.whereFrom)
		}
		for i := range d.p {
			if math.Abs(d.p[i]-tt.p[i]) > 1e-12 {
				t.Errorf("bootMedian(%v): P(%v) = %.15f; want %.15f (%s)", tt.xs, d.v[i], d.p[i], tt.p[i], tt.whereFrom)
			}
		}
	}
	// Against 100 000 drawn resamples: each probability within 0.006 (over 4 standard errors of a
	// proportion estimated from 10⁵ draws, √(¼/10⁵) = 0.0016).
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{6, 7, 10} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(100))
		}
		slices.Sort(xs)
		exact := map[float64]float64{}
		d := bootMedian(xs)
		sum := 0.0
		for i, v := range d.v {
			exact[v] += d.p[i]
			sum += d.p[i]
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("n=%d: probabilities sum to %.15f; want 1", n, sum)
		}
		const draws = 100_000
		drawn := map[float64]float64{}
		re := make([]float64, n)
		for range draws {
			for i := range re {
				re[i] = xs[r.IntN(n)]
			}
			slices.Sort(re)
			drawn[floatMedian(re)] += 1.0 / draws
		}
		for v := range merged(exact, drawn) {
			if math.Abs(exact[v]-drawn[v]) > 0.006 {
				t.Errorf("n=%d, samples %v: P(median = %v) = %.4f exactly; %.4f in %d drawn resamples", n, xs, v, exact[v], drawn[v], draws)
			}
		}
	}
}

func merged(a, b map[float64]float64) map[float64]bool {
	m := map[float64]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}

// Below MinTrials samples on either side there is a ratio but no interval.
func TestRatioFewSamples(t *testing.T) {
	six, five := ms(10, 11, 9, 10, 12, 10), ms(5, 5.5, 4.5, 5, 6)
	if got := Ratio(six, five, 1); got.Known() || got.Value != 2 {
		t.Errorf("Ratio(6 samples, 5 samples) = %+v; want value 2 with no interval", got)
	}
	if got := Ratio(ms(3.2), ms(1.6), 1); got != (Interval{Value: 2}) || got.Known() {
		t.Errorf("Ratio(1 sample, 1 sample) = %+v; want {2 0 0}: no interval (it once was a zero-width 2–2)", got)
	}
	if got := Ratio(six, six, 1); !got.Known() || !(got.Low < 1 && 1 < got.High) {
		t.Errorf("Ratio(6 samples, themselves) = %+v; want an interval around 1", got)
	}
}

// A point of a partial result with fewer than MinTrials samples has no interval, and neither has a
// speedup it takes part in; it is noisy, and the warnings and the table say so.
func TestSummarizePartial(t *testing.T) {
	r := &Result{Seed: 1}
	configs := []Config{{"a", 1, 2}, {"a", 2, 2}, {"a", 4, 2}, {"b", 1, 2}, {"b", 2, 2}}
	r.summarize(configs, [][]time.Duration{
		ms(10, 10.2, 9.9, 10.1, 10, 9.8), ms(5, 5.1, 4.9, 5, 5.2, 5), ms(3.2),
		ms(8), ms(4, 4.1, 3.9, 4, 4.2, 4),
	})
	want := []struct {
		median, speedup bool // intervals present
	}{{true, true}, {true, true}, {false, false}, {false, false}, {true, false}}
	for i, p := range r.Points {
		if p.HasInterval() != want[i].median || p.Speedup.Known() != want[i].speedup || p.Efficiency.Known() != want[i].speedup {
			t.Errorf("%v with %d samples: median interval %v [%v, %v], speedup %+v, efficiency %+v; want median interval %v, speedup and efficiency intervals %v",
				p.Config, len(p.Samples), p.HasInterval(), p.Low, p.High, p.Speedup, p.Efficiency, want[i].median, want[i].speedup)
		}
		if !p.HasInterval() && (!p.Noisy || p.Coverage != 0 || p.Median == 0) {
			t.Errorf("%v with %d samples: noisy %v, coverage %v, median %v; want noisy, coverage 0 and a median", p.Config, len(p.Samples), p.Noisy, p.Coverage, p.Median)
		}
	}
	if s := r.Points[2].Speedup; s.Value < 3.1 || s.Value > 3.2 {
		t.Errorf("a, workers=4 from one sample: speedup %+v; want the value 10/3.2 ≈ 3.13 without an interval", s)
	}
	w := strings.Join(r.Warnings(), "\n")
	if !strings.Contains(w, "2 of 5 points have fewer than 6 trials") || strings.Contains(w, "noisy") {
		t.Errorf("warnings %q; want one sentence counting the 2 points without an interval, and none calling them noisy", w)
	}
	if md := r.Markdown(); strings.Count(md, "—") != 5 || strings.Contains(md, "3.13 – 3.13") || strings.Contains(md, "0s – 0s") {
		t.Errorf("Markdown:\n%s\nwant 5 cells showing \"—\" for a missing interval and no zero-width or zero interval", md)
	}
}

// fake is a task that records the order of its runs and can be told to return a wrong checksum.
type fake struct {
	name  string
	work  time.Duration
	wrong int // the worker count whose checksum is off by one; 0 for none
	mu    sync.Mutex
	runs  []int // worker counts, in order
}

func (f *fake) Name() string                               { return f.name }
func (f *fake) Serial(ctx context.Context) (uint64, error) { return 42, nil }
func (f *fake) Run(ctx context.Context, workers int) (uint64, error) {
	f.mu.Lock()
	f.runs = append(f.runs, workers)
	f.mu.Unlock()
	select {
	case <-time.After(f.work):
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	if workers == f.wrong {
		return 43, nil
	}
	return 42, nil
}

func TestRun(t *testing.T) {
	procs := runtime.GOMAXPROCS(0)
	a, b := &fake{name: "a", work: 100 * time.Microsecond}, &fake{name: "b", work: 200 * time.Microsecond}
	var progress []Progress
	res, err := Run(context.Background(), Sweep{
		Tasks: []workload.Task{a, b}, Workers: []int{4, 2}, Procs: []int{2, 1}, Trials: 7, Seed: 3,
		Progress: func(p Progress) { progress = append(progress, p) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := runtime.GOMAXPROCS(0); got != procs {
		t.Errorf("GOMAXPROCS after Run = %d; want %d as before", got, procs)
	}
	// 2 tasks × 2 GOMAXPROCS × 3 worker counts (1 added), in order.
	var got []string
	for _, p := range res.Points {
		got = append(got, p.Config.String())
		if len(p.Samples) != 7 {
			t.Errorf("%v: %d samples; want 7", p.Config, len(p.Samples))
		}
		if !(p.Low <= p.Median && p.Median <= p.High) || p.Coverage < Level {
			t.Errorf("%v: median %v, interval [%v, %v], coverage %v; want the median inside a 95%% interval", p.Config, p.Median, p.Low, p.High, p.Coverage)
		}
		cores := min(p.Workers, p.Procs, runtime.NumCPU())
		if p.Speedup.Value <= 0 || p.Efficiency.Value != p.Speedup.Value/float64(cores) {
			t.Errorf("%v: speedup %+v, efficiency %+v; want speedup > 0 and efficiency = speedup ÷ %d cores used", p.Config, p.Speedup, p.Efficiency, cores)
		}
		if p.Workers == 1 && !(p.Speedup.Low <= 1 && 1 <= p.Speedup.High) {
			t.Errorf("%v: baseline speedup interval %+v; want it to hold 1", p.Config, p.Speedup)
		}
	}
	want := []string{
		"a, workers=1, GOMAXPROCS=1", "a, workers=2, GOMAXPROCS=1", "a, workers=4, GOMAXPROCS=1",
		"a, workers=1, GOMAXPROCS=2", "a, workers=2, GOMAXPROCS=2", "a, workers=4, GOMAXPROCS=2",
		"b, workers=1, GOMAXPROCS=1", "b, workers=2, GOMAXPROCS=1", "b, workers=4, GOMAXPROCS=1",
		"b, workers=1, GOMAXPROCS=2", "b, workers=2, GOMAXPROCS=2", "b, workers=4, GOMAXPROCS=2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Each round (warm-up included) runs each configuration of a task once: 6 runs of a per round.
	if len(a.runs) != 6*8 {
		t.Fatalf("task a ran %d times; want 6 configurations × (1 warm-up + 7 trials) = 48", len(a.runs))
	}
	shuffled := false
	for r := range 8 {
		round := a.runs[6*r : 6*r+6]
		count := map[int]int{}
		for _, w := range round {
			count[w]++
		}
		if count[1] != 2 || count[2] != 2 || count[4] != 2 {
			t.Errorf("round %d of task a ran workers %v; want 1, 2 and 4 twice each (once per GOMAXPROCS)", r, round)
		}
		if r > 0 && !slices.Equal(round, a.runs[:6]) {
			shuffled = true
		}
	}
	if !shuffled {
		t.Errorf("every round ran task a in the order %v; want a new shuffled order each round", a.runs[:6])
	}
	total := 2 + 12*8
	if len(progress) != total || progress[total-1].Done != total || progress[total-1].Total != total || progress[total-1].Left != 0 {
		t.Errorf("progress called %d times, last %+v; want %d calls ending at Done = Total = %d, Left = 0", len(progress), progress[len(progress)-1], total, total)
	}
	if res.Partial || res.Env.NumCPU != runtime.NumCPU() || res.Env.GoVersion != runtime.Version() {
		t.Errorf("result partial=%v env=%+v; want complete, with this machine's environment", res.Partial, res.Env)
	}
}

func TestRunDefaults(t *testing.T) {
	t.Setenv("PARLAB_QUICK", "0")
	task := &fake{name: "a"}
	res, err := Run(context.Background(), Sweep{Tasks: []workload.Task{task}})
	if err != nil {
		t.Fatal(err)
	}
	if n := runtime.GOMAXPROCS(0); len(res.Points) != n || res.Trials != DefaultTrials {
		t.Errorf("defaults gave %d points and %d trials; want workers 1..%d and %d trials", len(res.Points), res.Trials, n, DefaultTrials)
	}
	t.Setenv("PARLAB_QUICK", "1")
	res, err = Run(context.Background(), Sweep{Tasks: []workload.Task{task}, Workers: []int{1}})
	if err != nil || res.Trials != MinTrials {
		t.Errorf("quick mode: %v trials, error %v; want %d", res.Trials, err, MinTrials)
	}
}

func TestRunBadInput(t *testing.T) {
	ok := &fake{name: "ok"}
	tests := []struct {
		name  string
		sweep Sweep
		want  []string
	}{
		{"no tasks", Sweep{}, []string{"no tasks"}},
		{"nil task", Sweep{Tasks: []workload.Task{ok, nil}}, []string{"Tasks[1] is nil"}},
		{"same task twice", Sweep{Tasks: []workload.Task{ok, ok}}, []string{`"ok" twice`}},
		{"workers 0", Sweep{Tasks: []workload.Task{ok}, Workers: []int{1, 0}}, []string{"workers = 0", "from 1 to"}},
		{"workers negative", Sweep{Tasks: []workload.Task{ok}, Workers: []int{-2}}, []string{"workers = -2", "from 1 to"}},
		{"workers too many", Sweep{Tasks: []workload.Task{ok}, Workers: []int{1e9}}, []string{"workers = 1000000000", "from 1 to 10000"}},
		{"GOMAXPROCS 0", Sweep{Tasks: []workload.Task{ok}, Procs: []int{0}}, []string{"GOMAXPROCS = 0", "want at least 1"}},
		{"GOMAXPROCS negative", Sweep{Tasks: []workload.Task{ok}, Procs: []int{2, -1}}, []string{"GOMAXPROCS = -1", "want at least 1"}},
		{"GOMAXPROCS too many", Sweep{Tasks: []workload.Task{ok}, Procs: []int{100_000}}, []string{"GOMAXPROCS = 100000", "want at most"}},
		{"trials 5", Sweep{Tasks: []workload.Task{ok}, Trials: 5}, []string{"trials = 5", "from 6"}},
		{"trials negative", Sweep{Tasks: []workload.Task{ok}, Trials: -1}, []string{"trials = -1", "from 6"}},
		{"trials too many", Sweep{Tasks: []workload.Task{ok}, Trials: 1 << 62}, []string{"trials = 4611686018427387904", "to 1000"}},
		{"too many runs", Sweep{Tasks: []workload.Task{ok}, Workers: manyWorkers(), Trials: 1000}, []string{"10000 worker counts", "at most 1000000 runs"}},
		{"typed nil task", Sweep{Tasks: []workload.Task{(*fake)(nil)}}, []string{"Tasks[0]", "nil pointer"}},
		{"wrong checksum", Sweep{Tasks: []workload.Task{&fake{name: "bad", wrong: 2}}, Workers: []int{1, 2}},
			[]string{"bad, workers=2", "checksum 43", "serial run returned 42"}},
	}
	procs := runtime.GOMAXPROCS(0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Run(context.Background(), tt.sweep)
			if err == nil || res != nil {
				t.Fatalf("Run = %v, %v; want no result and an error containing %q", res, err, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q; want it to contain %q", err, w)
				}
			}
			if got := runtime.GOMAXPROCS(0); got != procs {
				t.Errorf("GOMAXPROCS after the failed Run = %d; want %d", got, procs)
			}
		})
	}
}

func manyWorkers() []int {
	ws := make([]int, workload.MaxWorkers)
	for i := range ws {
		ws[i] = i + 1
	}
	return ws
}

func TestRunCancel(t *testing.T) {
	task, err := workload.SumSquares(1 << 40) // hours of work
	if err != nil {
		t.Fatal(err)
	}
	quick := &fake{name: "quick", work: time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	res, err := Run(ctx, Sweep{
		Tasks: []workload.Task{quick}, Workers: []int{1, 2}, Procs: []int{1, 2}, Trials: 6,
		Progress: func(p Progress) {
			if p.Done == 20 {
				once.Do(cancel)
			}
		},
	})
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial || len(res.Points) == 0 || !strings.Contains(res.Stopped, "20 of") {
		t.Fatalf("cancelled after 20 runs: result %+v, error %v; want a partial result with points and context.Canceled", res, err)
	}
	// Cancelled in the middle of a long serial reference run.
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	res, err = Run(ctx, Sweep{Tasks: []workload.Task{task}, Workers: []int{1, 2}})
	if took := time.Since(start); !errors.Is(err, context.DeadlineExceeded) || took > time.Second || res == nil || !res.Partial {
		t.Errorf("cancelled during the reference run: %v after %v, result %+v; want a partial result and the context's error within 1s", err, took, res)
	}
}

func TestWriteReadFile(t *testing.T) {
	res, err := Run(context.Background(), Sweep{Tasks: []workload.Task{&fake{name: "a"}}, Workers: []int{1, 2}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sub", "r.json")
	if err := res.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Markdown() != res.Markdown() || got.Env.Hostname != res.Env.Hostname || len(got.Points[1].Samples) != len(res.Points[1].Samples) {
		t.Errorf("loaded:\n%s\nwant the saved:\n%s", got.Markdown(), res.Markdown())
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("ReadFile(missing file) gave no error")
	}
}

func TestKey(t *testing.T) {
	a, b := &fake{name: "a"}, &fake{name: "b"}
	key := func(s Sweep) string {
		k, err := s.Key()
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	base := Sweep{Tasks: []workload.Task{a}, Workers: []int{1, 2}}
	same := Sweep{Tasks: []workload.Task{&fake{name: "a"}}, Workers: []int{2, 1, 2}}
	if key(base) != key(same) {
		t.Error("the same sweep written differently has a different key")
	}
	for _, s := range []Sweep{
		{Tasks: []workload.Task{b}, Workers: []int{1, 2}},
		{Tasks: []workload.Task{a}, Workers: []int{1, 2, 3}},
		{Tasks: []workload.Task{a}, Workers: []int{1, 2}, Procs: []int{1}},
		{Tasks: []workload.Task{a}, Workers: []int{1, 2}, Trials: 7},
		{Tasks: []workload.Task{a}, Workers: []int{1, 2}, Seed: 1},
	} {
		if key(s) == key(base) {
			t.Errorf("sweep %+v has the same key as %+v", s, base)
		}
	}
	if _, err := (Sweep{}).Key(); err == nil {
		t.Error("Key of an empty sweep gave no error")
	}
}

func TestEnv(t *testing.T) {
	for _, tt := range []struct {
		f    []string
		want float64
	}{
		{[]string{"max", "100000"}, 0}, {[]string{"150000", "100000"}, 1.5}, {[]string{"-1", "100000"}, 0},
		{[]string{"200000", "100000"}, 2}, {nil, 0},
	} {
		if got := quotaOf(tt.f); got != tt.want {
			t.Errorf("quotaOf(%q) = %v; want %v", tt.f, got, tt.want)
		}
	}
	for _, c := range []string{"0-1", "0", "0-15", "0-3,8-11", "0-63", "", "x", "3-1"} {
		want := map[string]int{"0-1": 2, "0": 1, "0-15": 16, "0-3,8-11": 8, "0-63": 64}[c]
		if got := countList(c); got != want {
			t.Errorf("countList(%q) = %d; want %d", c, got, want)
		}
	}
}

// TestBusy checks the busy warning on 1, 2, 16 and 64 cores, pinned or not: the load average counts
// the whole machine, so it is compared with the machine's CPUs, and a one-core run has no speedups
// to lower.
func TestBusy(t *testing.T) {
	load := func(l float64) []float64 { return []float64{l, 1, 1} }
	for _, tt := range []struct {
		name string
		env  Env
		want []string // substrings of the warning; nil for no warning
	}{
		{"1 CPU, quiet", Env{NumCPU: 1, OnlineCPUs: 1, LoadBefore: load(0.4)}, nil},
		{"1 CPU, busy", Env{NumCPU: 1, OnlineCPUs: 1, LoadBefore: load(0.8)},
			[]string{"load average was 0.80 before the run, more than half of 1 logical CPU.", "slower and noisier than on a quiet machine;"}},
		{"pinned to 1 of 2 CPUs, load 0.5 (the kernel's own compile)", Env{NumCPU: 1, OnlineCPUs: 2, LoadBefore: load(0.5)}, nil},
		{"pinned to 1 of 2 CPUs, busy", Env{NumCPU: 1, OnlineCPUs: 2, LoadBefore: load(1.5)},
			[]string{"the whole machine's 2 logical CPUs (this run could use 1 of them)", "slower and noisier than on a quiet machine;"}},
		{"2 CPUs, quiet", Env{NumCPU: 2, OnlineCPUs: 2, LoadBefore: load(1)}, nil},
		{"2 CPUs, busy", Env{NumCPU: 2, OnlineCPUs: 2, LoadBefore: load(1.2)},
			[]string{"load average was 1.20 before the run, more than half of 2 logical CPUs.", "speedups are lower"}},
		{"16 CPUs, quiet", Env{NumCPU: 16, OnlineCPUs: 16, LoadBefore: load(8)}, nil},
		{"16 CPUs, busy", Env{NumCPU: 16, OnlineCPUs: 16, LoadBefore: load(9)}, []string{"9.00 before the run, more than half of 16 logical CPUs", "speedups are lower"}},
		{"16 CPUs, quota of 1", Env{NumCPU: 16, OnlineCPUs: 16, CPUQuota: 1, LoadBefore: load(9)},
			[]string{"9.00 before the run, more than half of 16 logical CPUs", "slower and noisier than on a quiet machine;"}},
		{"64 CPUs, quiet", Env{NumCPU: 64, OnlineCPUs: 64, LoadBefore: load(20)}, nil},
		{"64 CPUs, busy", Env{NumCPU: 64, OnlineCPUs: 64, LoadBefore: load(40)}, []string{"40.00 before the run, more than half of 64 logical CPUs", "speedups are lower"}},
		{"pinned to 16 of 64 CPUs, load 10", Env{NumCPU: 16, OnlineCPUs: 64, LoadBefore: load(10)}, nil},
		{"online CPUs unknown (an older result)", Env{NumCPU: 4, LoadBefore: load(2.5)}, []string{"2.50 before the run, more than half of 4 logical CPUs", "speedups are lower"}},
		{"load unknown", Env{NumCPU: 4}, nil},
		{"1 CPU, another learner on the hub", Env{NumCPU: 1, OnlineCPUs: 2, LoadBefore: load(0.3), Hub: &Hub{BusyLearners: 2}},
			[]string{"1 other learner", "(load average 0.30 on the whole machine's 2 logical CPUs (this run could use 1 of them))", "slower and noisier than on a quiet machine;"}},
	} {
		w := tt.env.Busy()
		if tt.want == nil && w != "" {
			t.Errorf("%s: Busy() = %q; want no warning", tt.name, w)
		}
		if tt.want != nil && !strings.HasPrefix(w, "The machine was busy") {
			t.Errorf("%s: Busy() = %q; want a warning", tt.name, w)
		}
		for _, s := range tt.want {
			if !strings.Contains(w, s) {
				t.Errorf("%s: Busy() = %q; want it to say %q", tt.name, w, s)
			}
		}
		if tt.env.oneCore() && strings.Contains(w, "speedup") {
			t.Errorf("%s: Busy() = %q speaks of speedups on one core", tt.name, w)
		}
	}
}

func TestGroup(t *testing.T) {
	r := &Result{Points: []Point{
		{Config: Config{"a", 1, 1}}, {Config: Config{"a", 2, 1}}, {Config: Config{"a", 1, 2}}, {Config: Config{"b", 1, 1}},
	}}
	for _, tt := range []struct {
		task  string
		procs int
		want  int
	}{{"", 0, 2}, {"a", 2, 1}, {"b", 1, 1}, {"c", 1, 0}} {
		if got := r.Group(tt.task, tt.procs); len(got) != tt.want {
			t.Errorf("Group(%q, %d) has %d points; want %d", tt.task, tt.procs, len(got), tt.want)
		}
	}
	if got := (&Result{}).Group("", 0); got != nil {
		t.Errorf("Group of an empty result = %v; want nil", got)
	}
}

func BenchmarkRatio(b *testing.B) {
	base := ms(10, 10.4, 9.7, 10.1, 10.3, 9.9, 10, 10.2, 9.8, 10.6)
	xs := ms(5.1, 5, 4.9, 5.3, 5.2, 4.8, 5, 5.1, 4.95, 5.05)
	for b.Loop() {
		Ratio(base, xs, 0)
	}
}
