package figure

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/cache"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/cores"
	"github.com/parlab/parlab/lib/gpu"
	"github.com/parlab/parlab/lib/ilp"
	"github.com/parlab/parlab/lib/roofline"
)

func iv(v float64) bench.Interval { return bench.Interval{Value: v, Low: 0.95 * v, High: 1.05 * v} }

// hardwareFigures builds one figure of each adapter in hardware.go from made-up results.
func hardwareFigures(t *testing.T) map[string]chart.Figure {
	t.Helper()
	ilpRes := ilp.Result{Config: ilp.Config{Length: 2048, Trials: 6}, DotKind: "a plain Go loop", Arch: "arm64",
		Compare: &compare.Result{Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2}},
		Kernels: []ilp.Kernel{
			{Name: "sum, 1 accumulator", Family: "sum", Accumulators: 1, OpsPerNs: iv(1.2), Gain: 1, VsPlain: iv(1)},
			{Name: "sum, 4 accumulators", Family: "sum", Accumulators: 4, OpsPerNs: iv(4.4), Gain: 4.4 / 1.2, VsPlain: iv(3.7)},
			{Name: "dot, plain loop", Family: "dot product", Accumulators: 1, OpsPerNs: iv(2.3), Gain: 1, VsPlain: iv(1)},
			{Name: "dot, gonum floats.Dot", Family: "dot product", Accumulators: 4, SIMD: true, OpsPerNs: iv(6.3), Gain: 6.3 / 2.3, VsPlain: iv(2.7)},
		}}
	cacheRes := cache.Result{Config: cache.Config{Steps: 1 << 17, Trials: 6}, Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2},
		Levels: []cache.Level{{Level: 1, Type: "Data", Bytes: 48 << 10}, {Level: 2, Type: "Unified", Bytes: 1 << 20}, {Level: 3, Type: "Unified", Bytes: 32 << 20}}}
	for _, p := range []struct {
		b  int64
		ns float64
	}{{4 << 10, 1.1}, {16 << 10, 1.1}, {256 << 10, 3.9}, {4 << 20, 12}, {64 << 20, 95}, {256 << 20, 190}} {
		cacheRes.Points = append(cacheRes.Points, cache.Point{Bytes: p.b, NsPerAccess: iv(p.ns)})
	}
	roof := roofline.Roof{Ops: iv(31), Bandwidth: iv(45), OpsOne: iv(16), BandwidthOne: iv(36), Threads: 2, TriadBytes: 192 << 20,
		Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2}}
	pl := roofline.Placement{Roof: roof}
	for _, k := range []struct {
		label, unit string
		ops, bytes  float64
		rate        float64
	}{{"sum of squares", "integer op", 2e7, 0, 13}, {"stream", "flop", 2e7, 16e7, 5.6}, {"matrix multiply", "flop", 2e8, 6e6, 22}, {"3×3 blur", "flop", 9e6, 8e6, 2.3}} {
		k := roofline.Placed{Kernel: roofline.Kernel{Label: k.label, OpsUnit: k.unit, Ops: k.ops, Bytes: k.bytes, Note: "counted"}, Workers: 2,
			OpsPerNs: iv(k.rate), Speedup: iv(1.8)}
		k.Bound = roof.Bound(k.Intensity())
		pl.Kernels = append(pl.Kernels, k)
	}
	mandel, err := gpu.MandelbrotWork(64, 36, 128)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := gpu.Divergence(mandel, 32)
	shuffled, _ := gpu.Divergence(gpu.Shuffled(mandel), 32)
	branch, _ := gpu.BranchWarps(1024, 32, 10, 10, func(i int) bool { return i%2 == 0 })
	job := gpu.Offload{Device: gpu.DefaultDevice(), CPUOps: 30, CPUGBps: 40, OpsPerElement: 200, BytesPerElement: 8}
	never := job
	never.OpsPerElement, never.BytesPerElement = 2, 16
	sweep := withCapacity()
	build := map[string]func() (chart.Figure, error){
		"ILP":          func() (chart.Figure, error) { return ILP(ilpRes) },
		"CacheLatency": func() (chart.Figure, error) { return CacheLatency(cacheRes) },
		"CoreSpeedup": func() (chart.Figure, error) {
			return CoreSpeedup(sweep, cores.Topology{Logical: 4, Cores: 2, ThreadsPerCore: 2})
		},
		"Roofline": func() (chart.Figure, error) { return Roofline(pl) },
		"Divergence": func() (chart.Figure, error) {
			return Divergence([]string{"rows", "shuffled", "if/else"}, rows, shuffled, branch)
		},
		"Offload":       func() (chart.Figure, error) { return Offload(job, 1e7) },
		"OffloadNever":  func() (chart.Figure, error) { return Offload(never, 1e7) },
		"SpeedupProbed": func() (chart.Figure, error) { return Speedup(sweep) },
	}
	figs := map[string]chart.Figure{}
	for name, b := range build {
		fig, err := b()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		figs[name] = fig
	}
	return figs
}

func TestHardwareFiguresRunInAPage(t *testing.T) {
	for name, fig := range hardwareFigures(t) {
		t.Run(name, func(t *testing.T) {
			r := charttest.Eval(t, fig, "")
			if r.Option == nil {
				t.Fatal("no option was set")
			}
			for _, tip := range r.Tips {
				if strings.TrimSpace(tip) == "" || strings.Contains(tip, "undefined") || strings.Contains(tip, "NaN") {
					t.Errorf("tooltip %q", tip)
				}
			}
			if svg := charttest.Render(t, fig); strings.Count(svg, "<path") < 10 {
				t.Errorf("the SVG has %d paths; want a drawn chart", strings.Count(svg, "<path"))
			}
		})
	}
}

func TestHardwareFiguresRefuse(t *testing.T) {
	job := gpu.Offload{Device: gpu.DefaultDevice(), CPUOps: 30, CPUGBps: 40, OpsPerElement: 200, BytesPerElement: 8}
	bad := job
	bad.CPUOps = 0
	for _, tc := range []struct {
		name string
		err  error
		word string
	}{
		{"ILP empty", errOf(ILP(ilp.Result{})), "ilp.Measure"},
		{"CacheLatency empty", errOf(CacheLatency(cache.Result{})), "cache.Measure"},
		{"CoreSpeedup nil", errOf(CoreSpeedup(nil, cores.Topology{})), "nil"},
		{"Roofline unmeasured", errOf(Roofline(roofline.Placement{})), "MeasureRoof"},
		{"Divergence mismatched", errOf(Divergence([]string{"a"})), "labels"},
		{"Offload bad CPU", errOf(Offload(bad, 100)), "CPUOps"},
		{"Offload maxN", errOf(Offload(job, 1)), "maxN"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.word) {
			t.Errorf("%s: %v; want an error mentioning %q", tc.name, tc.err, tc.word)
		}
	}
	_ = time.Second
}
