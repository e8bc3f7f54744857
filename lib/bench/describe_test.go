package bench

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/says"
)

// point is a point of task "t" under GOMAXPROCS 2 with 10 samples and speedup s ± 0.02.
func point(workers int, s float64) Point {
	return Point{
		Config:     Config{Task: "t", Workers: workers, Procs: 2},
		Samples:    make([]time.Duration, 10),
		Median:     time.Millisecond,
		Low:        time.Millisecond,
		High:       time.Millisecond,
		Speedup:    Interval{Value: s, Low: s - 0.02, High: s + 0.02},
		Efficiency: Interval{Value: s / float64(workers)},
	}
}

// unsure is a point with one sample and no interval, as after an Interrupt.
func unsure(workers int, s float64) Point {
	p := point(workers, s)
	p.Samples = p.Samples[:1]
	p.Speedup = Interval{Value: s}
	p.Noisy = true
	return p
}

// TestCoresUsed: efficiency divides by the cores a run could use, min(workers, GOMAXPROCS, NumCPU)
// (issue 12, item 3): never by goroutines that only take turns.
func TestCoresUsed(t *testing.T) {
	for _, tt := range []struct{ cpus, workers, procs, want int }{
		{4, 8, 4, 4}, // more goroutines than Ps
		{4, 2, 4, 2}, // fewer goroutines than Ps
		{4, 8, 1, 1}, // GOMAXPROCS = 1: one at a time
		{2, 8, 4, 2}, // GOMAXPROCS above the CPUs: the OS has 2
		{1, 2, 1, 1}, // a one-CPU machine
		{0, 3, 8, 3}, // NumCPU not recorded: bounds nothing
		{4, 0, 4, 1}, // never below 1
	} {
		if got := (Env{NumCPU: tt.cpus}).CoresUsed(tt.workers, tt.procs); got != tt.want {
			t.Errorf("Env{NumCPU: %d}.CoresUsed(%d, %d) = %d; want %d", tt.cpus, tt.workers, tt.procs, got, tt.want)
		}
	}
}

// TestDescribeOneCore: on one core Describe says the goroutines took turns and gives no efficiency
// (issue 12, item 14: "an efficiency of 53%" for 2 goroutines on 1 core).
func TestDescribeOneCore(t *testing.T) {
	pts := []Point{point(1, 1), point(2, 0.97)}
	for i := range pts {
		pts[i].Procs = 1
	}
	got := (&Result{Env: Env{NumCPU: 1}, Points: pts}).Describe()
	for _, w := range []string{"GOMAXPROCS = 1", "only one goroutine runs at a time", "0.97×", "took turns"} {
		if !strings.Contains(got, w) {
			t.Errorf("Describe on one core = %q; want it to contain %q", got, w)
		}
	}
	if strings.Contains(got, "efficiency") {
		t.Errorf("Describe on one core = %q; want no efficiency: one core has nothing to share", got)
	}
}

// TestDescribeSuperlinear: a speedup above the cores used, beyond its interval, is named and
// explained, not hidden (issue 12, item 6: 2.04× on 2 cores).
func TestDescribeSuperlinear(t *testing.T) {
	got := (&Result{Env: Env{NumCPU: 2}, Points: []Point{point(1, 1), point(2, 2.1)}}).Describe()
	for _, w := range []string{"**2.10×**", "efficiency of 105%", "above 2×", "caches"} {
		if !strings.Contains(got, w) {
			t.Errorf("Describe = %q; want it to contain %q", got, w)
		}
	}
}

// TestDescribeNoGain: when no configuration beats one goroutine beyond the noise, Describe says so
// instead of calling one goroutine the best (seen on a busy 2-core machine).
func TestDescribeNoGain(t *testing.T) {
	got := (&Result{Env: Env{NumCPU: 2}, Points: []Point{point(1, 1), point(2, 1.0), point(3, 0.99)}}).Describe()
	for _, w := range []string{"no number of goroutines was clearly faster than one", "1.00× with 2 goroutines", "cannot show that the other core helped"} {
		if !strings.Contains(got, w) {
			t.Errorf("Describe = %q; want it to contain %q", got, w)
		}
	}
	if strings.Contains(got, "efficiency") || strings.Contains(got, "with 1 goroutine") {
		t.Errorf("Describe = %q; want no efficiency and no \"best with 1 goroutine\"", got)
	}
}

// TestRaceWarning: a result measured under -race says so first among its warnings.
func TestRaceWarning(t *testing.T) {
	r := &Result{Env: Env{RaceDetector: true}}
	w := r.Warnings()
	if len(w) == 0 || !strings.Contains(w[0], "race detector") || !strings.Contains(w[0], "%goflags") {
		t.Errorf("Warnings under -race = %q; want the race detector named first, with how to switch it off", w)
	}
	if w := (&Result{}).Warnings(); len(w) != 0 {
		t.Errorf("Warnings of a quiet result = %q; want none", w)
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name    string
		pts     []Point
		want    []string
		notWant []string
	}{
		{"flat past the cores", []Point{point(1, 1), point(2, 1.96), point(3, 1.95), point(4, 1.94)},
			[]string{"**1.96×**", "with 2 goroutines", "efficiency of 98%", "(3 and 4)", "not clearly faster than with 2"}, nil},
		{"slower past the cores", []Point{point(1, 1), point(2, 1.9), point(4, 1.6)},
			[]string{"4 goroutines", "16% slower"}, nil},
		{"one point", []Point{point(1, 1)}, []string{"nothing to compare"}, nil},
		// Issue 13, defect 6: a point with one sample has no interval; no conclusion is drawn from it.
		{"interrupted", []Point{point(1, 1), point(2, 1.9), unsure(3, 3.2), unsure(4, 1.2)},
			[]string{"**1.90×**", "2 of 4 points have fewer than 6 trials", "nothing is concluded from them"},
			[]string{"3.20", "3.20–3.20", "beyond the noise", "slower"}},
		{"baseline interrupted", []Point{unsure(1, 1), point(2, 1.9), point(3, 1.9)},
			[]string{"nothing to compare"}, []string{"1.90×"}},
	}
	for _, tt := range tests {
		got := (&Result{Points: tt.pts}).Describe()
		says.Check(t, tt.name, got, tt.want, tt.notWant)
	}
	if got := (*Result)(nil).Describe(); got != "Nothing was measured." {
		t.Errorf("Describe of nil = %q", got)
	}
}

// TestDescribeNoisy checks that noisy points are summed up in one sentence, not listed (issue 12).
func TestDescribeNoisy(t *testing.T) {
	var pts []Point
	for w := 1; w <= 16; w++ {
		p := point(w, float64(min(w, 2)))
		p.Noisy = w > 1
		pts = append(pts, p)
	}
	r := &Result{Points: pts}
	got := r.Describe()
	if !strings.Contains(got, "15 of 16 points are noisy") || strings.Count(got, "workers=") > 0 {
		t.Errorf("Describe = %q; want one sentence counting 15 of 16 noisy points, no list", got)
	}
	warnings := strings.Join(r.Warnings(), "\n")
	if !strings.Contains(warnings, "15 of 16 points are noisy") || strings.Count(warnings, "workers=") != 1 {
		t.Errorf("Warnings = %q; want one sentence naming only the widest point", warnings)
	}
}

func TestDescribeEachGOMAXPROCS(t *testing.T) {
	one := func(workers int, s float64) Point {
		p := point(workers, s)
		p.Procs = 1
		return p
	}
	res := &Result{Points: []Point{one(1, 1), one(2, 1.0), one(4, 0.99), point(1, 1), point(2, 1.9), point(4, 1.9)}}
	got := res.Describe()
	for _, w := range []string{"With GOMAXPROCS = 1, only one goroutine runs at a time", "ranged from 0.99× (4 goroutines) to 1.00× (2 goroutines)", "With GOMAXPROCS = 2, the best speedup was **1.90×**"} {
		if !strings.Contains(got, w) {
			t.Errorf("Describe = %q, want it to contain %q", got, w)
		}
	}
}

func TestSpeedupAt(t *testing.T) {
	res := &Result{Points: []Point{point(1, 1), point(2, 1.9)}}
	if s, ok := res.SpeedupAt("", 0, 2); !ok || s.Value != 1.9 {
		t.Errorf("SpeedupAt(2) = %v, %v; want 1.9, true", s, ok)
	}
	if _, ok := res.SpeedupAt("", 0, 3); ok {
		t.Error("SpeedupAt(3) found a point that was not measured")
	}
	if _, ok := res.SpeedupAt("t", 1, 2); ok {
		t.Error("SpeedupAt under GOMAXPROCS 1 found a point measured under 2")
	}
	if _, ok := (*Result)(nil).SpeedupAt("", 0, 1); ok {
		t.Error("SpeedupAt of nil found a point")
	}
}

func TestSpeedups(t *testing.T) {
	res := &Result{Points: []Point{point(1, 1), point(2, 1.9), unsure(3, 2.5), {Config: Config{Task: "t", Workers: 4, Procs: 2}}}}
	got := res.Speedups("", 0)
	if len(got) != 3 || got[1].N != 2 || got[1].Value != 1.9 || got[1].Lower != 1.88 || got[2].HasInterval() {
		t.Errorf("Speedups = %+v, want N = 1, 2 (1.9 in [1.88, 1.92]) and 3 without an interval; the point without a speedup left out", got)
	}
	if (*Result)(nil).Speedups("", 0) != nil {
		t.Error("Speedups(nil) is not nil")
	}
}

// TestNilResult calls every method on a nil *Result: none may panic (issue 13, defect 10).
func TestNilResult(t *testing.T) {
	var r *Result
	var b strings.Builder
	if r.Warnings() != nil || r.Group("", 0) != nil || !strings.Contains(r.Markdown(), "Nothing") {
		t.Error("a nil result has warnings, points or a table")
	}
	if err := r.WriteCSV(&b); err != nil || !strings.HasPrefix(b.String(), "task,") {
		t.Errorf("WriteCSV of nil = %v, %q; want the header only", err, b.String())
	}
	if err := r.WriteFile(t.TempDir() + "/x.json"); err == nil || !strings.Contains(err.Error(), "nil") {
		t.Errorf("WriteFile of nil = %v; want an error saying the result is nil", err)
	}
	if err := (&Result{}).WriteCSV(nil); err == nil {
		t.Error("WriteCSV(nil writer) gave no error")
	}
}

// TestFitSpeedups: a fit may only use workers up to the cores the run had (issue 12, item 14: on one
// core, s = 1.000 fitted from workers 1 and 2 blamed the program for the machine).
func TestFitSpeedups(t *testing.T) {
	for _, tt := range []struct {
		name   string
		cpus   int
		procs  int
		ns     []int
		wantN  string
		reason string
	}{
		{"two cores", 2, 2, []int{1, 2, 3, 4}, "[1 2]", "up to 2 goroutines"},
		{"all within", 4, 4, []int{1, 2, 3, 4}, "[1 2 3 4]", ""},
		{"one core", 1, 1, []int{1, 2}, "[1]", "one core"},
		{"GOMAXPROCS above the CPUs", 2, 4, []int{1, 2, 4}, "[1 2]", "up to 2 goroutines"},
	} {
		var pts []Point
		for _, n := range tt.ns {
			p := point(n, float64(n))
			p.Procs = tt.procs
			pts = append(pts, p)
		}
		got, why := (&Result{Env: Env{NumCPU: tt.cpus}, Points: pts}).FitSpeedups("", 0)
		var ns []int
		for _, p := range got {
			ns = append(ns, p.N)
		}
		if fmt.Sprint(ns) != tt.wantN {
			t.Errorf("%s: FitSpeedups kept N = %v; want %s", tt.name, ns, tt.wantN)
		}
		if (why == "") != (tt.reason == "") || !strings.Contains(why, tt.reason) {
			t.Errorf("%s: FitSpeedups says %q; want it to contain %q", tt.name, why, tt.reason)
		}
	}
}

// TestDescribeCores: the sentence after the best speedup stays clear and true whether the best came
// before, at or past the cores, on 1, 2, 16 and 64 cores. The 2-core case is notebook 00's run on a
// 2-core VM (best 1.99× at 4 goroutines, 1.98× at 2), which used to go on to compare 3 with 2.
func TestDescribeCores(t *testing.T) {
	on := func(procs int, ws []int, ss []float64) []Point {
		var pts []Point
		for i, w := range ws {
			p := point(w, ss[i])
			p.Procs = procs
			pts = append(pts, p)
		}
		return pts
	}
	tests := []struct {
		name    string
		cores   int
		pts     []Point
		want    []string
		notWant []string
	}{
		{"1 core", 1, on(1, []int{1, 2, 4}, []float64{1, 0.98, 0.97}),
			[]string{"only one goroutine runs at a time", "ranged from 0.97× (4 goroutines) to 0.98× (2 goroutines)"},
			[]string{"efficiency", "one per core"}},
		{"2 cores, best past the cores within the noise", 2, on(2, []int{1, 2, 3, 4}, []float64{1, 1.98, 1.97, 1.99}),
			[]string{"**1.99×**", "with 4 goroutines", "That is no clear gain over 2 goroutines, one per core (1.98×", "(3 and 4)", "only took turns"},
			[]string{"3 goroutines — more than", "not clearly faster than 2 ", "slower"}},
		{"2 cores, slower past the cores", 2, on(2, []int{1, 2, 3, 8}, []float64{1, 1.9, 1.89, 1.6}),
			[]string{"**1.90×** (95% interval 1.88–1.92) with 2 goroutines", "(3 and 8), it was not clearly faster than with 2", "With 8 goroutines it was 16% slower than with 2"},
			[]string{"no clear gain"}},
		{"16 cores, finer pieces past the cores", 16, on(16, []int{1, 2, 4, 8, 16, 64}, []float64{1, 1.9, 3.8, 7.2, 13.5, 15.2}),
			[]string{"**15.20×**", "with 64 goroutines", "With 64 goroutines — more than the 16 that can run at once — it was 13% faster than with 16, beyond the noise"},
			[]string{"no clear gain", "not clearly faster", "slower"}},
		{"64 cores, best before the cores", 64, on(64, []int{1, 2, 4, 8, 16, 32, 64, 256}, []float64{1, 2, 3.9, 7.6, 14, 24, 20, 15}),
			[]string{"**24.00×**", "with 32 goroutines", "On all 64 cores (64 goroutines) it was lower, 20.00×", "past 32 goroutines, more cores did not pay",
				"With 256 goroutines it was 25% slower than with 64"},
			[]string{"not clearly faster", "no clear gain"}},
	}
	for _, tt := range tests {
		got := (&Result{Env: Env{NumCPU: tt.cores}, Points: tt.pts}).Describe()
		says.Check(t, tt.name, got, tt.want, tt.notWant)
	}
}
