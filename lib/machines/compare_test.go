package machines

import (
	"math"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/cores"
)

func TestCompare(t *testing.T) {
	c, err := Compare("sum of squares", yours(), []*bench.Report{repoReport(t), smtServer(), memoryBound()})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, m := range c.Machines {
		labels = append(labels, m.Label)
	}
	want := []string{Yours, "AMD EPYC, 2 CPUs, 2026-11-22", "Test Server CPU, 64 CPUs, 2026-12-01", "Test Desktop CPU, 16 CPUs, 2026-12-01"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Fatalf("machines %q; want %q", labels, want)
	}
	mine, vm, server, desktop := c.Machines[0], c.Machines[1], c.Machines[2], c.Machines[3]
	// Cores: physical when known; the repository's report predates them, so its logical CPUs.
	for _, tt := range []struct {
		m     Machine
		cores int
	}{{mine, 4}, {vm, 2}, {server, 32}, {desktop, 16}} {
		if tt.m.Cores != tt.cores {
			t.Errorf("%s: Cores = %d; want %d", tt.m.Label, tt.m.Cores, tt.cores)
		}
	}
	if !mine.Yours || vm.Yours || vm.Task != "sum of squares, n=100000000" || len(vm.Speedups) != 2 {
		t.Errorf("the learner's and the file's machines: %+v, %+v", mine.Yours, vm)
	}
	// The 2-core machine: s solved from one point, and no USL (2 points); both say so.
	if vm.Amdahl == nil || !vm.Amdahl.Underdetermined() || vm.USL != nil || !strings.Contains(vm.USLWhy, "at least 3 distinct N") {
		t.Errorf("the 2-core fits: Amdahl %v, USL %v, why %q; want s from one point and the USL refused with a sentence", vm.Amdahl, vm.USL, vm.USLWhy)
	}
	// The server: fitted over N ≤ 32, its true s = 0.002 inside the interval, and the knee shown.
	if a := server.Amdahl; a == nil || a.Lower > 0.002 || a.Upper < 0.002 || a.MaxN != 32 {
		t.Errorf("the server's Amdahl fit %v; want s = 0.002 in its interval, fitted up to N = 32", a)
	}
	if k, ok := c.Knee(); !ok || k.Label != server.Label {
		t.Errorf("Knee() = %q, %v; want the 64-CPU server", k.Label, ok)
	}
	if _, ok := c.Peak(); ok {
		t.Error("Peak() found a machine whose sum of squares peaks; none does")
	}
	if l, ok := c.Largest(); !ok || l.Label != server.Label {
		t.Errorf("Largest() = %q", l.Label)
	}
	if b := server.Best(); b.N != 64 || math.Abs(b.Value-37.1) > 0.05 {
		t.Errorf("server's best %+v; want 37.1× at 64: capacity 32 + 32 × 0.25 = 40, 1/(0.002 + 0.998/40) = 37.1", b)
	}
	d := c.Describe()
	for _, s := range []string{
		"**AMD EPYC, 2 CPUs, 2026-11-22** (AMD EPYC, 2 logical CPUs; file amd-epyc-2cpu-20261122-36406086.json; load 0.55 → 0.87; sum of squares, n=100000000): best speedup 2.04× at N = 2 of 2 measured.",
		"only one speedup with N > 1 (N = 2): s is solved from it, not fitted",
		"No USL fit: FitUSL needs at least 3 distinct N",
		"Fitted over N = 1 … 32 (its cores)",
		"measured in this notebook",
	} {
		if !strings.Contains(d, s) {
			t.Errorf("Describe lacks %q:\n%s", s, d)
		}
	}
}

func TestComparePeakAndMissingTasks(t *testing.T) {
	c, err := Compare("stream (dot product)", yours(), []*bench.Report{repoReport(t), memoryBound()})
	if err != nil {
		t.Fatal(err)
	}
	// The learner measured the sum of squares, not the stream: the two reports remain.
	if len(c.Machines) != 2 || len(c.Notes) != 1 || !strings.HasPrefix(c.Notes[0], "Your sweep did not measure") {
		t.Fatalf("%d machines, notes %q; want the 2 reports and a note on the learner's sweep (of the sum of squares)", len(c.Machines), c.Notes)
	}
	p, ok := c.Peak()
	if !ok || p.Report.Env.NumCPU != 16 || p.USL.Peak() != 9 {
		t.Fatalf("Peak() = %q, %v (USL %v); want the 16-core machine peaking at N* = 9", p.Label, ok, p.USL)
	}
	if !strings.Contains(c.Describe(), "throughput peaks at N* = 9 and falls after it") {
		t.Errorf("Describe does not say where throughput peaks:\n%s", c.Describe())
	}
	c, err = Compare("Mandelbrot", nil, []*bench.Report{memoryBound(), repoReport(t)})
	if err != nil || len(c.Machines) != 1 || len(c.Notes) != 1 || !strings.Contains(c.Notes[0], `did not measure "Mandelbrot"`) {
		t.Errorf("Compare(Mandelbrot) = %+v, %v; want the repository's machine and a note on the other", c, err)
	}
}

func TestCompareRefuses(t *testing.T) {
	for _, tt := range []struct {
		kind string
		reps []*bench.Report
		want string
	}{
		{"", nil, "the task is empty"},
		{"  ", []*bench.Report{smtServer()}, "the task is empty"},
		{"sum of cubes", []*bench.Report{smtServer()}, `no machine measured the task "sum of cubes"`},
		{"sum of squares", []*bench.Report{smtServer(), nil}, "reports[1] is nil"},
		{"sum of squares", nil, "no machine measured"},
	} {
		if _, err := Compare(tt.kind, nil, tt.reps); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compare(%q) error %v; want %q", tt.kind, err, tt.want)
		}
	}
}

func TestCores(t *testing.T) {
	for _, tt := range []struct {
		env  bench.Env
		want int
	}{
		{bench.Env{NumCPU: 8}, 8},
		{bench.Env{NumCPU: 8, PhysicalCores: 4}, 4},
		{bench.Env{NumCPU: 8, PhysicalCores: 4, GOMAXPROCS: 2}, 2},
		{bench.Env{NumCPU: 8, CPUQuota: 1.5}, 1},
		{bench.Env{NumCPU: 8, CPUQuota: 0.2}, 1},
		{bench.Env{}, 1},
	} {
		if got := Cores(tt.env); got != tt.want {
			t.Errorf("Cores(%+v) = %d; want %d", tt.env, got, tt.want)
		}
	}
}

// The same machine measured twice on one day gets two labels.
func TestCompareLabelsTwins(t *testing.T) {
	a, b := smtServer(), smtServer()
	c, err := Compare("sum of squares", nil, []*bench.Report{a, b})
	if err != nil || c.Machines[0].Label == c.Machines[1].Label || !strings.HasSuffix(c.Machines[1].Label, "(#2)") {
		t.Errorf("twins labelled %q and %q (%v); want two labels", c.Machines[0].Label, c.Machines[1].Label, err)
	}
}

func TestSummaries(t *testing.T) {
	c, err := Compare("sum of squares", yours(), []*bench.Report{repoReport(t), smtServer()})
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := c.Fastest(); !ok || f.Report.Env.NumCPU != 64 {
		t.Errorf("Fastest() = %q", f.Label)
	}
	if y, ok := c.Yours(); !ok || y.Label != Yours {
		t.Errorf("Yours() = %q, %v", y.Label, ok)
	}
	for _, tt := range []struct{ got, want string }{
		{c.Summary(), "Your machine (Test Laptop CPU, 4 logical CPUs on 4 physical cores) reached 3.88× at N = 4. The highest here is 37.11× at N = 64, on Test Server CPU, 64 CPUs, 2026-12-01"},
		{c.DescribeBeyond(DefaultModel), "Your machine has 4 logical CPUs on as many physical cores — no hardware threads — so its curve has no knee before it goes flat at 4. The knee drawn is measured, on Test Server CPU"},
		{c.DescribeBeyond(DefaultModel), "so the one drawn is the model's USL (σ = 0.02, κ = 0.0005: N* = 44), not a measurement."},
		{c.DescribeBeyond(Model{Cores: 2, Threads: 1, Sigma: 0.1}), "the model's USL has κ = 0: no peak at all"},
	} {
		if !strings.Contains(tt.got, tt.want) {
			t.Errorf("%q\nlacks %q", tt.got, tt.want)
		}
	}
	c, _ = Compare("sum of squares", nil, []*bench.Report{repoReport(t)})
	if got := c.DescribeBeyond(DefaultModel); !strings.HasPrefix(got, "No result here shows a knee, so the one drawn is the model's (16 cores × 2 threads") {
		t.Errorf("DescribeBeyond without your machine: %q", got)
	}
	if got := c.Summary(); !strings.HasPrefix(got, "The highest here is 2.04× at N = 2, on AMD EPYC") {
		t.Errorf("Summary without your machine: %q", got)
	}
	if _, ok := c.Yours(); ok {
		t.Error("Yours() found a machine in a comparison without the learner's sweep")
	}
	var empty *Comparison
	if _, ok := empty.Fastest(); ok || empty.Summary() != "No machine measured this task." || empty.Describe() != "No machine measured this task." {
		t.Error("a nil comparison should have no fastest machine and say so")
	}
}

// A learner's sweep interrupted before its one-worker baseline has no speedup: the comparison goes on
// with the reports and says why the learner's line is missing.
func TestCompareInterruptedSweep(t *testing.T) {
	mine := yours()
	mine.Partial = true
	for i := range mine.Points {
		mine.Points[i].Speedup = bench.Interval{}
	}
	c, err := Compare("sum of squares", mine, []*bench.Report{repoReport(t)})
	if err != nil || len(c.Machines) != 1 || len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "stopped before it measured a speedup") {
		t.Errorf("Compare = %+v, %v; want the report, and a note that your sweep was stopped", c, err)
	}
}

// TestDescribeByCores: on one core the learner's sweep has nothing to fit and says so in a sentence
// (no fit's error, no advice to fit what just failed); on 2, 16 and 64 cores Amdahl's law is fitted.
func TestDescribeByCores(t *testing.T) {
	for _, cpus := range []int{1, 2, 16, 64} {
		env := bench.Env{CPUModel: "Test CPU", NumCPU: cpus, PhysicalCores: cpus, GOMAXPROCS: cpus, Time: testDay}
		mine := sweepOf(env, "sum of squares, n=1000", upTo(max(cpus, 2)), func(n int) float64 { return float64(min(n, cpus)) })
		c, err := Compare("sum of squares", mine, nil)
		if err != nil {
			t.Fatalf("%d CPUs: %v", cpus, err)
		}
		got := c.Describe()
		oneCore := strings.Contains(got, "One core: nothing to fit")
		if oneCore != (cpus == 1) {
			t.Errorf("%d CPUs: Describe %q; want %q only on one core", cpus, got, "One core: nothing to fit")
		}
		for _, bad := range []string{"FitAmdahl", "FitUSL", "fit Amdahl's law instead"} {
			if cpus == 1 && strings.Contains(got, bad) {
				t.Errorf("%d CPUs: Describe %q; want no %q", cpus, got, bad)
			}
		}
		if (c.Machines[0].Amdahl != nil) != (cpus > 1) {
			t.Errorf("%d CPUs: Amdahl fit %v; want one exactly past one core", cpus, c.Machines[0].Amdahl)
		}
	}
}

// TestHostWords: a process pinned to fewer CPUs than the machine has says both, as notebook 08 does.
func TestHostWords(t *testing.T) {
	for _, tt := range []struct {
		usable int
		topo   cores.Topology
		want   string
	}{
		{1, cores.Topology{Logical: 2, Cores: 2}, "the process may use 1 of this machine's 2 logical CPUs on 2 physical cores, by its CPU affinity"},
		{2, cores.Topology{Logical: 2, Cores: 2}, ""},
		{16, cores.Topology{Logical: 64, Cores: 32}, "the process may use 16 of this machine's 64 logical CPUs on 32 physical cores, by its CPU affinity"},
		{64, cores.Topology{Logical: 64, Cores: 32}, ""},
		{1, cores.Topology{Logical: 2}, "the process may use 1 of this machine's 2 logical CPUs, by its CPU affinity"},
	} {
		if got := hostWords(bench.Env{NumCPU: tt.usable}, tt.topo); got != tt.want {
			t.Errorf("hostWords(%d CPUs, %+v) = %q; want %q", tt.usable, tt.topo, got, tt.want)
		}
	}
}
