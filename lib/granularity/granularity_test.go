package granularity

import (
	"context"
	"errors"
	"math"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/says"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/scaling"
	"github.com/parlab/parlab/lib/workload"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestRunAgrees(t *testing.T) {
	for _, total := range []int{1, 7, 1000, 1 << 16} {
		want := workload.SumSquaresRange(1, uint64(total))
		for _, size := range []int{1, 3, 64, total} {
			if size > total {
				continue
			}
			for _, h := range Hows() {
				for _, w := range []int{1, 3} {
					got, err := Run(context.Background(), h, total, size, w)
					if err != nil || got != want {
						t.Errorf("Run(%s, total %d, size %d, %d workers) = %d, %v; want %d", h, total, size, w, got, err, want)
					}
				}
			}
		}
	}
}

func TestRunErrors(t *testing.T) {
	for _, c := range []struct {
		how                  How
		total, size, workers int
		param                string
	}{
		{Serial, 0, 1, 1, "total = 0"},
		{Serial, MaxTotal + 1, 1, 1, "total ="},
		{Pool, 100, 0, 1, "size = 0"},
		{Pool, 100, 101, 1, "size = 101"},
		{PerTask, MaxTotal, 1, 1, "size = 1"},
		{Pool, 100, 10, 0, "workers = 0"},
		{Pool, 100, 10, workload.MaxWorkers + 1, "workers ="},
		{How(9), 100, 10, 1, "how = 9"},
	} {
		_, err := Run(context.Background(), c.how, c.total, c.size, c.workers)
		if err == nil || !strings.Contains(err.Error(), c.param) {
			t.Errorf("Run(%d, %d, %d, %d): got %v, want an error naming %q", c.how, c.total, c.size, c.workers, err, c.param)
		}
	}
}

// TestRunCancelled checks that every way stops soon after its context is cancelled, with its error.
func TestRunCancelled(t *testing.T) {
	for _, h := range Hows() {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		start := time.Now()
		_, err := Run(ctx, h, MaxTotal, 256, 2) // seconds of work
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: got %v, want the context's error", h, err)
		}
		if el := time.Since(start); el > time.Second {
			t.Errorf("%s: stopped after %v; want well under a second", h, el)
		}
	}
}

// cancelAfter is a context that is cancelled once its Err has been asked n times: the check counts the
// looks a run takes at its context, not time.
type cancelAfter struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
}

func newCancelAfter(n int64) *cancelAfter {
	ctx, cancel := context.WithCancel(context.Background())
	c := &cancelAfter{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *cancelAfter) Err() error {
	if c.left.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// TestRunCancelledInsideATask: a context cancelled after every task was handed out still stops the run,
// with its error — the tasks themselves look at it — however large the tasks. The context allows the
// feeding loops their looks (one per task here) and three more, then is cancelled: a run that looked
// only in its feeding loops would return the whole sum with no error.
func TestRunCancelledInsideATask(t *testing.T) {
	for _, c := range []struct {
		how     How
		size    int
		workers int
	}{
		{Serial, MaxTotal, 1}, {PerTask, MaxTotal / 2, 1}, {Pool, MaxTotal / 2, 2}, {Batched, MaxTotal / 2, 2}, {Pool, MaxTotal / 8, 8},
	} {
		tasks := int64((MaxTotal-1)/c.size + 1)
		ctx := newCancelAfter(tasks + 3)
		got, err := Run(ctx, c.how, MaxTotal, c.size, c.workers)
		ctx.cancel()
		if !errors.Is(err, context.Canceled) || got != 0 {
			t.Errorf("Run(%s, size %d, %d workers) with a context cancelled during its tasks: got %d, %v; want 0, context.Canceled",
				c.how, c.size, c.workers, got, err)
		}
	}
	// The reviewer's case: a millisecond is far less than the 2²⁹ squares of one task.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if got, err := Run(ctx, Pool, MaxTotal, MaxTotal/2, 2); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Run(Pool, MaxTotal, MaxTotal/2, 2) with a 1 ms timeout: got %d, %v; want the context's error", got, err)
	}
}

func TestSweep(t *testing.T) {
	var calls int
	res, err := Sweep{Total: 1 << 14, Sizes: []int{16, 1024, 1024, 64}, Trials: 6}.Measure(context.Background(), func(bench.Progress) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(res.Points), 3*4; got != want {
		t.Fatalf("got %d points, want %d (3 distinct sizes × 4 ways)", got, want)
	}
	if want := 3 * 4 * 7; calls != want {
		t.Errorf("progress called %d times, want %d", calls, want)
	}
	for _, p := range res.Points {
		if p.Tasks != (1<<14)/p.Size || len(p.Samples) != 6 || !p.Ms.Known() || !(p.TaskNs > 0) || !p.Speedup.Known() {
			t.Errorf("point %+v: want 6 samples, known intervals and a task time", p)
		}
		if p.How == Serial && p.Speedup.Value != 1 {
			t.Errorf("the serial loop's speedup over itself is %v, want 1", p.Speedup.Value)
		}
	}
	if d := res.Describe(); !strings.Contains(d, "goroutine per task") {
		t.Errorf("Describe() = %q", d)
	}
}

func TestSweepErrors(t *testing.T) {
	for _, c := range []struct {
		s    Sweep
		want string
	}{
		{Sweep{Trials: 3}, "Trials = 3"},
		{Sweep{Total: 100, Sizes: []int{200}}, "size = 200"},
		{Sweep{Total: -1}, "total = -1"},
		{Sweep{Workers: -2}, "workers = -2"},
		{Sweep{Hows: []How{7}}, "Hows has 7"},
		{Sweep{Sizes: make([]int, 33)}, "Sizes has 33"},
	} {
		if _, err := c.s.Measure(context.Background(), nil); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: got %v, want an error naming %q", c.s, err, c.want)
		}
	}
}

func TestSweepCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	res, err := Sweep{Total: 1 << 16, Sizes: []int{64, 4096}, Trials: 6}.Measure(ctx, func(bench.Progress) {
		if n++; n == 20 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || res == nil || !res.Partial {
		t.Fatalf("got %v, %v; want a partial result and context.Canceled", res, err)
	}
	if w := strings.Join(res.Warnings(), " "); !strings.Contains(w, "stopped early") {
		t.Errorf("Warnings() = %q", w)
	}
}

// TestCrossing checks the interpolation on made-up points: speedup 0.5 at 10 ns and 2 at 1000 ns
// cross 1× a third of the way up in speedup, at 10^(1 + 2/3) ns; the single task at 10⁵ ns, below 1×,
// does not count (one task cannot run in parallel).
func TestCrossing(t *testing.T) {
	mk := func(ns, s float64) Point {
		return Point{How: Pool, TaskNs: ns, Tasks: 8, Speedup: bench.Interval{Value: s}}
	}
	one := mk(1e5, 0.9)
	one.Tasks = 1
	r := &Result{Points: []Point{mk(10, 0.5), mk(1000, 2), one}}
	got, ok := r.Crossing(Pool)
	if want := math.Pow(10, 1+2.0/3); !ok || math.Abs(got-want) > 1e-9*want {
		t.Errorf("Crossing = %v, %v; want %v", got, ok, want)
	}
	if _, ok := r.Crossing(PerTask); ok {
		t.Error("a way with no points crossed 1×")
	}
	above := &Result{Points: []Point{mk(10, 1.2), mk(100, 1.5)}}
	if _, ok := above.Crossing(Pool); ok {
		t.Error("a curve always above 1× crossed it")
	}
	if d := above.Describe(); !strings.Contains(d, "never clearly slower") {
		t.Errorf("Describe() = %q; want 'never clearly slower'", d)
	}
}

// TestBreakEven: the break-even is where the speedup passes 1× for good, not the first time, and a
// noisy point (its interval across 1×) is not a crossing. The first case is the batched pool of a
// real run on a loaded 2-core VM: 1.09× with the smallest tasks, a dip to 0.759×, then above 1×
// (first-crossing said 65.2 ns).
func TestBreakEven(t *testing.T) {
	pt := func(ns, s, lo, hi float64) Point {
		return Point{How: Batched, TaskNs: ns, Tasks: 64, Speedup: bench.Interval{Value: s, Low: lo, High: hi}}
	}
	for _, c := range []struct {
		name     string
		pts      []Point
		want     Passing
		lo, hi   float64 // Crosses: the break-even lies between
		odd      int
		describe string
	}{
		{"above, a dip, above", []Point{pt(10, 1.09, 1.02, 1.15), pt(40, 0.759, 0.70, 0.82), pt(160, 1.3, 1.2, 1.4), pt(640, 1.6, 1.5, 1.7)},
			AlreadyFaster, 0, 0, 1, "below 1× out of turn: 0.76× at 40 ns"},
		{"below, above, below, above", []Point{pt(10, 0.5, 0.45, 0.55), pt(40, 1.2, 1.1, 1.3), pt(160, 0.7, 0.6, 0.8), pt(640, 1.5, 1.4, 1.6)},
			Crosses, 160, 640, 1, "above 1× out of turn: 1.20× at 40 ns"},
		{"a noisy point is no crossing", []Point{pt(10, 0.5, 0.45, 0.55), pt(40, 1.2, 1.1, 1.3), pt(160, 0.95, 0.8, 1.1), pt(640, 1.5, 1.4, 1.6)},
			Crosses, 10, 40, 0, "for good once a task held"},
		{"never", []Point{pt(10, 0.5, 0.45, 0.55), pt(40, 0.8, 0.7, 0.9)}, NeverFaster, 0, 0, 0, "slower than the serial loop at every size"},
		{"above, then below at the end", []Point{pt(10, 0.5, 0.45, 0.55), pt(40, 1.2, 1.1, 1.3), pt(160, 0.8, 0.7, 0.9)},
			NeverFaster, 0, 0, 1, "below 1× again"},
	} {
		r := &Result{Points: c.pts}
		b := r.BreakEven(Batched)
		if b.Passing != c.want || len(b.Odd) != c.odd {
			t.Errorf("%s: got %+v; want passing %d with %d odd points", c.name, b, c.want, c.odd)
			continue
		}
		ns, ok := r.Crossing(Batched)
		if ok != (c.want == Crosses) || (ok && !(ns > c.lo && ns < c.hi && b.Below.TaskNs == c.lo && b.Above.TaskNs == c.hi)) {
			t.Errorf("%s: Crossing = %v, %v; want between %v and %v ns", c.name, ns, ok, c.lo, c.hi)
		}
		if d := r.Describe(); !strings.Contains(d, c.describe) {
			t.Errorf("%s: Describe() = %q; want %q", c.name, d, c.describe)
		}
	}
}

func TestScale(t *testing.T) {
	res, err := Scale{Total: 1 << 14, Sizes: []int{16, 1024}, Workers: []int{1, 2, 3}, Trials: 6}.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Curves) != 2 {
		t.Fatalf("got %d curves, want 2", len(res.Curves))
	}
	for _, c := range res.Curves {
		if len(c.Speedups) != 3 || c.Speedups[0].Value != 1 || !(c.TaskNs > 0) {
			t.Errorf("curve %+v: want 3 points starting at speedup 1", c)
		}
		if _, err := scaling.KarpFlattPoints(c.Speedups); err != nil {
			t.Errorf("Karp–Flatt of %+v: %v", c, err)
		}
	}
	for _, bad := range []Scale{{Workers: []int{2, 3}}, {Workers: []int{1}}, {Workers: []int{1, 17}}, {Trials: 2}, {Sizes: []int{1, 2, 3, 4, 5}}} {
		if _, err := bad.Measure(context.Background(), nil); err == nil {
			t.Errorf("%+v: got no error", bad)
		}
	}
}

// TestSimulate checks the two programs against their formulas: Amdahl's S = 1/(s + (1−s)/N) for the
// fixed serial part (Karp–Flatt e = s exactly), and T(N) = N·c + W/N for the cost per worker, whose e
// grows with N.
func TestSimulate(t *testing.T) {
	const work, c = 100 * time.Millisecond, time.Millisecond
	progs, err := Simulate(8, work, 0.1, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(progs) != 2 {
		t.Fatalf("got %d programs, want 2", len(progs))
	}
	for _, p := range progs[0].Speedups {
		if want := scaling.Amdahl(0.1, float64(p.N)); math.Abs(p.Value-want) > 1e-6 {
			t.Errorf("fixed serial part at N = %d: S = %v, want %v", p.N, p.Value, want)
		}
	}
	t1 := float64(c + work)
	prev := 0.0
	for _, p := range progs[1].Speedups {
		n := float64(p.N)
		if want := t1 / (n*float64(c) + float64(work)/n); math.Abs(p.Value-want) > 1e-6*want {
			t.Errorf("cost per worker at N = %d: S = %v, want %v", p.N, p.Value, want)
		}
		if p.N > 1 {
			e := scaling.KarpFlatt(p.Value, n)
			if e <= prev {
				t.Errorf("cost per worker: e(%d) = %v is not above e(%d) = %v", p.N, e, p.N-1, prev)
			}
			prev = e
		}
	}
	for _, bad := range []struct {
		cores     int
		work      time.Duration
		serial    float64
		perWorker time.Duration
		param     string
	}{{1, work, 0.1, c, "cores"}, {8, 0, 0.1, c, "work"}, {8, work, 1, c, "serial"}, {8, work, math.NaN(), c, "serial"}, {8, work, 0.1, -c, "perWorker"}} {
		if _, err := Simulate(bad.cores, bad.work, bad.serial, bad.perWorker); err == nil || !strings.Contains(err.Error(), bad.param) {
			t.Errorf("Simulate(%d, %v, %v, %v): got %v, want an error naming %s", bad.cores, bad.work, bad.serial, bad.perWorker, err, bad.param)
		}
	}
}

func TestScaleDescribe(t *testing.T) {
	r := &ScaleResult{Procs: 2, Curves: []Curve{{Size: 16, TaskNs: 5, Speedups: []scaling.Point{{N: 1, Value: 1}, {N: 2, Value: 1.5}, {N: 4, Value: 1.6}}}}}
	d := r.Describe()
	for _, want := range []string{"tasks of 5 ns", "e(2) = 0.33 (speedup 1.50×)", "beyond GOMAXPROCS = 2", "N = 4"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe() = %q; want %q", d, want)
		}
	}
	if d := (*ScaleResult)(nil).Describe(); d != "Nothing was measured." {
		t.Errorf("nil: %q", d)
	}
}

// TestScaleCompare: the sentence comparing fine and coarse tasks names the direction measured, never
// the one expected. The reversed case is a real run on a loaded 2-core VM: e = 0.67 for fine tasks,
// 0.78 for coarse ones, and no load warning.
func TestScaleCompare(t *testing.T) {
	// speedups on 1 and 2 workers that give e at N = 2, with an interval of ±0.02 on the speedup.
	curve := func(size int, e float64) Curve {
		s := 1 / (e + (1-e)/2)
		return Curve{Size: size, TaskNs: float64(size) / 2, Speedups: []scaling.Point{{N: 1, Value: 1, Lower: 0.99, Upper: 1.01}, {N: 2, Value: s, Lower: s - 0.02, Upper: s + 0.02}}}
	}
	for _, c := range []struct {
		name          string
		procs         int
		fine, coarse  float64
		want, notWant []string
	}{
		{"reversed, busy", 2, 0.67, 0.78, []string{"**coarse** tasks gave the larger e (0.78 against 0.67", "handed out only 64 times", "barely helped"}, []string{"fine tasks gave the larger e"}},
		{"as overhead predicts", 2, 0.4, 0.05, []string{"fine tasks gave the larger e (0.40 against 0.05", "as overhead predicts"}, []string{"coarse** tasks", "barely helped"}},
		{"no difference", 2, 0.10, 0.09, []string{"within each other's intervals"}, []string{"larger e", "barely helped"}},
		{"one core", 1, 0.9, 0.9, []string{"GOMAXPROCS = 1", "cannot tell overhead"}, []string{"larger e"}},
	} {
		r := &ScaleResult{Procs: c.procs, Total: 1 << 21, Curves: []Curve{curve(16, c.fine), curve(1<<15, c.coarse)},
			Env: bench.Env{NumCPU: 2, LoadBefore: []float64{0.9, 1, 1}}}
		d := r.Describe()
		says.Check(t, c.name, d, c.want, c.notWant)
	}
}

// TestSum checks the closed form against the loop, modulo 2⁶⁴, up to sizes where the sum wraps.
func TestSum(t *testing.T) {
	for _, n := range []int{1, 2, 3, 1000, 1 << 20, 3_000_000, 1<<22 + 7} {
		if got, want := Sum(n), workload.SumSquaresRange(1, uint64(n)); got != want {
			t.Errorf("Sum(%d) = %d, want %d", n, got, want)
		}
	}
	if Sum(0) != 0 || Sum(MaxTotal+1) != 0 {
		t.Error("Sum outside 1 … MaxTotal is not 0")
	}
}

// TestDescribeByCores: on one core (the one-CPU run of 06 found "faster … once a task held about
// 102 µs" and "best 1.20×" from noise) Describe says no split can beat the serial loop and names no
// break-even; on 2, 16 and 64 cores it finds the crossing.
func TestDescribeByCores(t *testing.T) {
	pt := func(ns, s float64) Point {
		return Point{How: PerTask, TaskNs: ns, Tasks: 64, Speedup: bench.Interval{Value: s, Low: s * 0.95, High: s * 1.05}}
	}
	for _, cpus := range []int{1, 2, 16, 64} {
		r := &Result{Env: bench.Env{NumCPU: cpus, GOMAXPROCS: cpus}, Workers: cpus,
			Points: []Point{pt(10, 0.01), pt(1e3, 0.5), pt(1e5, 1.2)}}
		d := r.Describe()
		one := strings.Contains(d, "no way of splitting can beat the serial loop")
		crossing := strings.Contains(d, "for good once a task held")
		if one != (cpus == 1) || crossing != (cpus > 1) {
			t.Errorf("%d CPUs: Describe() = %q; want the one-core sentence only on one core, a break-even otherwise", cpus, d)
		}
	}
}
