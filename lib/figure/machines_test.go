package figure

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/machines"
)

// Made-up machines (the repository's own report aside): a sweep of one task whose speedup at N is
// speedup(N), ±3%.
func machineSweep(env bench.Env, task string, top int, speedup func(n int) float64) *bench.Result {
	res := &bench.Result{Env: env, Trials: 10}
	for n := 1; n <= top; n++ {
		s := speedup(n)
		med := time.Duration(float64(100*time.Millisecond) / s)
		res.Points = append(res.Points, bench.Point{Config: bench.Config{Task: task, Workers: n, Procs: env.NumCPU},
			Samples: make([]time.Duration, 10), Median: med, Low: med * 99 / 100, High: med * 101 / 100,
			Speedup:    bench.Interval{Value: s, Low: 0.97 * s, High: 1.03 * s},
			Efficiency: bench.Interval{Value: s / float64(n), Low: 0.97 * s / float64(n), High: 1.03 * s / float64(n)}})
	}
	return res
}

// smallComparison: the repository's 2-core report and a learner's 2-core run of 1 … 4 workers.
func smallComparison(t *testing.T) *machines.Comparison {
	t.Helper()
	rep, err := bench.ReadReport(filepath.Join("..", "..", "data", "bench", "amd-epyc-2cpu-20261122-36406086.json"))
	if err != nil {
		t.Fatal(err)
	}
	env := bench.Env{CPUModel: "Test CPU", NumCPU: 2, PhysicalCores: 2, GOMAXPROCS: 2}
	mine := machineSweep(env, "sum of squares, n=10000000", 4, func(n int) float64 { return float64(min(n, 2)) * (1 - 0.02*float64(n-1)) })
	c, err := machines.Compare("sum of squares", mine, []*bench.Report{rep})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// bigComparison: the small one and a 64-CPU server with 32 physical cores (SMT worth 25% of a core), and
// a 16-core desktop whose stream task peaks (USL σ = 0.05, κ = 0.01: N* = 9).
func bigComparison(t *testing.T, kind string) *machines.Comparison {
	t.Helper()
	small := smallComparison(t)
	server := bench.Env{CPUModel: "Test Server CPU", NumCPU: 64, PhysicalCores: 32, GOMAXPROCS: 64, Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	smt := machines.Model{Cores: 32, Threads: 2, Yield: 0.25}
	desktop := bench.Env{CPUModel: "Test Desktop CPU", NumCPU: 16, PhysicalCores: 16, GOMAXPROCS: 16, Time: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	usl := machines.Model{Sigma: 0.05, Kappa: 0.01}.USL()
	dsk := machineSweep(desktop, "stream (dot product), n=8388608, passes=8", 16, func(n int) float64 { return usl.X(float64(n)) })
	dsk.Points = append(dsk.Points, machineSweep(desktop, "sum of squares, n=100000000", 16, func(n int) float64 { return float64(n) }).Points...)
	repo := small.Machines[1].Report
	reps := []*bench.Report{&repo,
		{Env: server, File: "server.json", CPU: machineSweep(server, "sum of squares, n=100000000", 64, func(n int) float64 { return smt.Capacity(float64(n)) })},
		{Env: desktop, File: "desktop.json", CPU: dsk},
	}
	c, err := machines.Compare(kind, small.Machines[0].Report.CPU, reps)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMachineSpeedups(t *testing.T) {
	m := ct.OptionJSON(t, must(t)(MachineSpeedups(smallComparison(t))))
	lines := names(m, "line")
	for _, want := range []string{machines.Yours, "AMD EPYC, 2 CPUs, 2026-11-22", "ideal"} {
		if !slices.Contains(lines, want) {
			t.Errorf("lines %q; want %q", lines, want)
		}
	}
	if x := ct.Axis(m, "xAxis", 0); x["type"] == "log" {
		t.Errorf("x axis %v: linear wanted up to 16 workers", x)
	}
	m = ct.OptionJSON(t, must(t)(MachineSpeedups(bigComparison(t, "sum of squares"))))
	if x, y := ct.Axis(m, "xAxis", 0), ct.Axis(m, "yAxis", 0); x["type"] != "log" || y["type"] != "log" || x["max"] != 64.0 {
		t.Errorf("axes %v, %v; want both logarithmic, x up to 64", x, y)
	}
	if titles := ct.Titles(m); !strings.Contains(titles, "Diamonds: each machine's physical cores") {
		t.Errorf("titles %q; want the knee explained", titles)
	}
	if marks := names(m, "scatter"); !slices.Contains(marks, "knee: the physical cores") {
		t.Errorf("scatter series %q; want the server's knee", marks)
	}
}

func TestMachineEfficiencyAndFits(t *testing.T) {
	m := ct.OptionJSON(t, must(t)(MachineEfficiency(bigComparison(t, "sum of squares"))))
	if y := ct.Axis(m, "yAxis", 0); y["type"] == "log" || !strings.Contains(y["name"].(string), "(%)") {
		t.Errorf("y axis %v; want linear, in %%", y)
	}
	m = ct.OptionJSON(t, must(t)(MachineFits(bigComparison(t, "sum of squares"))))
	lines, dashed := lines(m)
	for _, want := range []string{"AMD EPYC, 2 CPUs, 2026-11-22: Amdahl s = 0.000 (1 point)", "Test Server CPU, 64 CPUs, 2026-12-01: Amdahl s = 0.000", "Test Server CPU, 64 CPUs, 2026-12-01: USL"} {
		if !slices.Contains(lines, want) {
			t.Errorf("lines %q; want %q", lines, want)
		}
	}
	if dashed < 3 {
		t.Errorf("%d dashed lines; want the small machines' fits extrapolated to 64", dashed)
	}
	// The subtitle is wrapped: compare with single spaces.
	if got := strings.Join(strings.Fields(ct.Titles(m)), " "); !strings.Contains(got, "up to N = 64") {
		t.Errorf("titles %q; want the extrapolation's end, N = 64, named", got)
	}
	// Only 2-CPU machines: the fits still run to 16, and the subtitle says so.
	if got := strings.Join(strings.Fields(ct.Titles(ct.OptionJSON(t, must(t)(MachineFits(smallComparison(t)))))), " "); !strings.Contains(got, "up to N = 16") {
		t.Errorf("small machines' titles %q; want the extrapolation's end, N = 16, named", got)
	}
}

func TestBeyond(t *testing.T) {
	// Only small machines: the knee and the peak are the model's, and say so.
	m := ct.OptionJSON(t, must(t)(Beyond(smallComparison(t), machines.DefaultModel)))
	lines, _ := lines(m)
	titles := ct.Titles(m)
	for _, want := range []string{"model (not measured): 16 cores × 2 threads", "model (not measured): USL σ = 0.02, κ = 0.0005", machines.Yours + " (for scale, measured)"} {
		if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, want) }) {
			t.Errorf("lines %q; want one starting %q", lines, want)
		}
	}
	if !strings.Contains(titles, "so it is a model") {
		t.Errorf("titles %q; want the model named as such", titles)
	}
	// A server past its physical cores and a desktop whose stream peaks: both measured.
	m = ct.OptionJSON(t, must(t)(Beyond(bigComparison(t, "sum of squares"), machines.DefaultModel)))
	if titles := ct.Titles(m); !strings.Contains(titles, "The knee is measured: Test Server CPU, 64 CPUs, 2026-12-01 has 32 physical cores for 64 logical CPUs.") {
		t.Errorf("titles %q; want the server's knee", titles)
	}
	m = ct.OptionJSON(t, must(t)(Beyond(bigComparison(t, "stream (dot product)"), machines.DefaultModel)))
	if titles := ct.Titles(m); !strings.Contains(titles, "The peak is measured: Test Desktop CPU, 16 CPUs, 2026-12-02's speedup falls past N* = 9") {
		t.Errorf("titles %q; want the desktop's peak", titles)
	}
	for _, tt := range []struct {
		c     *machines.Comparison
		model machines.Model
		want  string
	}{
		{nil, machines.DefaultModel, "no machines"},
		{&machines.Comparison{}, machines.DefaultModel, "no machines"},
		{smallComparison(t), machines.Model{Cores: 0, Threads: 2}, "modelCores = 0"},
		{smallComparison(t), machines.Model{Cores: 4, Threads: 2, Kappa: 3}, "modelKappa = 3"},
	} {
		if _, err := Beyond(tt.c, tt.model); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Beyond(%v) error %v; want %q", tt.model, err, tt.want)
		}
	}
	for _, f := range []func(*machines.Comparison) (chart.Figure, error){MachineSpeedups, MachineEfficiency, MachineFits} {
		if _, err := f(nil); err == nil || !strings.Contains(err.Error(), "no machines") {
			t.Errorf("a figure of a nil comparison: %v; want an error saying there are no machines", err)
		}
	}
}

// TestMachineFiguresDraw draws each machine figure with parlab's runtime and with ECharts in node.
func TestMachineFiguresDraw(t *testing.T) {
	big, small := bigComparison(t, "sum of squares"), smallComparison(t)
	for name, fig := range map[string]chart.Figure{
		"MachineSpeedups":   must(t)(MachineSpeedups(big)),
		"MachineEfficiency": must(t)(MachineEfficiency(big)),
		"MachineFits":       must(t)(MachineFits(big)),
		"BeyondModel":       must(t)(Beyond(small, machines.DefaultModel)),
		"BeyondMeasured":    must(t)(Beyond(big, machines.DefaultModel)),
	} {
		t.Run(name, func(t *testing.T) {
			r := ct.Eval(t, fig, "")
			for _, tip := range r.Tips {
				if strings.TrimSpace(tip) == "" || strings.Contains(tip, "undefined") || strings.Contains(tip, "NaN") {
					t.Errorf("tooltip %q", tip)
				}
			}
			if n := strings.Count(ct.Render(t, fig), "<path"); n < 10 {
				t.Errorf("the SVG has %d paths; want a drawn chart", n)
			}
		})
	}
}

// must fails the test on a builder's error.
func must(t *testing.T) func(chart.Figure, error) chart.Figure {
	return func(f chart.Figure, err error) chart.Figure {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
}

// TestMachineEfficiencyDividesByCoresUsed: past a machine's CPUs goroutines only take turns, so
// efficiency divides by the cores used, min(N, GOMAXPROCS, NumCPU), as bench.Result's does — the
// 2-CPU sweep's speedup 2·(1 − 0.02·3) = 1.88 at N = 4 is 94%, not 47%.
func TestMachineEfficiencyDividesByCoresUsed(t *testing.T) {
	m := ct.OptionJSON(t, must(t)(MachineEfficiency(smallComparison(t))))
	if y := ct.Axis(m, "yAxis", 0); !strings.Contains(y["name"].(string), "cores used") {
		t.Errorf("y axis name %q; want it to say efficiency divides by the cores used", y["name"])
	}
	found := false
	for _, s := range ct.Series(m, "line") {
		data, _ := s["data"].([]any)
		for _, d := range data {
			v, _ := d.(map[string]any)["value"].([]any)
			name, _ := d.(map[string]any)["name"].(string)
			if len(v) == 2 && v[0] == 4.0 && strings.Contains(name, "Test CPU") {
				found = true
				if y := v[1].(float64); math.Abs(y-94) > 0.5 {
					t.Errorf("efficiency at N = 4 on 2 CPUs %.1f%%; want 94%% (1.88× ÷ 2 cores used)", y)
				}
			}
		}
	}
	if !found {
		t.Error("no point at N = 4 for the Test CPU machine")
	}
}
