package figure

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/granularity"
	"github.com/parlab/parlab/lib/overhead"
	"github.com/parlab/parlab/lib/profile"
	"github.com/parlab/parlab/lib/scaling"
)

func TestPriceList(t *testing.T) {
	iv := func(v float64) bench.Interval { return bench.Interval{Value: v, Low: v * 0.9, High: v * 1.2} }
	res := &overhead.Result{Costs: []overhead.Cost{
		{Name: overhead.Spawn, Kind: overhead.Coordination, Ns: iv(330), Samples: []float64{330}, Ops: 1000},
		{Name: overhead.Atomic, Kind: overhead.Coordination, Ns: iv(5), Samples: []float64{5}, Ops: 1000},
		{Name: overhead.Square, Kind: overhead.Work, Ns: iv(0.3), Samples: []float64{0.3}, Ops: 1000},
		{Name: overhead.Hash, Kind: overhead.Work}, // not measured: left out
	}}
	m := ct.OptionJSON(t, figureOrPanic(PriceList(res)))
	bars := ct.Series(m, "bar")
	if len(bars) != 2 {
		t.Fatalf("got %d bar series, want coordination and work", len(bars))
	}
	if x := ct.Axis(m, "xAxis", 0); x["type"] != "log" {
		t.Errorf("time axis = %v; want log", x)
	}
	if !strings.Contains(ct.Render(t, figureOrPanic(PriceList(res))), "330 ns") {
		t.Error("no label 330 ns")
	}
	for _, bad := range []*overhead.Result{nil, {}, {Costs: []overhead.Cost{{Name: "x"}}}} {
		if _, err := PriceList(bad); err == nil {
			t.Errorf("PriceList(%v): no error", bad)
		}
	}
}

func TestGranularity(t *testing.T) {
	res := &granularity.Result{Total: 1 << 10, Workers: 2}
	for _, size := range []int{16, 256} {
		for _, h := range granularity.Hows() {
			s := 1.0
			if h != granularity.Serial {
				s = map[int]float64{16: 0.2, 256: 1.6}[size]
			}
			res.Points = append(res.Points, granularity.Point{How: h, Size: size, Tasks: 1024 / size, TaskNs: float64(size) / 3,
				Ms: bench.Interval{Value: 1 / s, Low: 0.9 / s, High: 1.1 / s}, Speedup: bench.Interval{Value: s, Low: s * 0.9, High: s * 1.1}})
		}
	}
	fig, err := Granularity(res, Prediction{Name: "predicted", Ns: 30}, Prediction{Name: "never", Ns: 0})
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := len(ct.Series(m, "line")); got < 4+3+2 {
		t.Errorf("got %d lines; want 4 times, 3 speedups, the 1× line and a prediction", got)
	}
	if !strings.Contains(ct.Render(t, fig), "crosses 1×") {
		t.Error("no crossing mark")
	}
	if _, err := Granularity(nil); err == nil {
		t.Error("Granularity(nil): no error")
	}
}

func TestSerialFractions(t *testing.T) {
	sims, err := granularity.Simulate(8, 100*time.Millisecond, 0.05, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	measured := &granularity.ScaleResult{How: granularity.Pool, Procs: 2, Curves: []granularity.Curve{{Size: 16, TaskNs: 5,
		Speedups: []scaling.Point{{N: 1, Value: 1, Lower: 0.9, Upper: 1.1}, {N: 2, Value: 1.5, Lower: 1.4, Upper: 1.6}, {N: 3, Value: 1.5, Lower: 1.4, Upper: 1.6}}}}}
	fig, err := SerialFractions(measured, sims)
	if err != nil {
		t.Fatal(err)
	}
	text := ct.Render(t, fig)
	for _, want := range []string{"simulated: a 8-core machine", "GOMAXPROCS = 2", "measured here"} {
		if !strings.Contains(text, want) {
			t.Errorf("the chart does not say %q", want)
		}
	}
	if _, err := SerialFractions(nil, sims); err != nil {
		t.Errorf("simulation alone: %v", err)
	}
	if _, err := SerialFractions(nil, nil); err == nil {
		t.Error("nothing to draw: no error")
	}
}

func TestProfileFigure(t *testing.T) {
	p := profile.Thumbnails()
	fig, err := Profile(p, "main.processBatch", "thumbnails")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(ct.OptionJSON(t, fig))
	text := string(js)
	for _, want := range []string{"main.resizeAll", "(self) main.resize", "1000 samples"} {
		if !strings.Contains(text, want) {
			t.Errorf("the tree map does not say %q", want)
		}
	}
	if _, err := Profile(p, "main.nowhere", "x"); err == nil || !strings.Contains(err.Error(), "main.nowhere") {
		t.Errorf("unknown root: %v", err)
	}
	if _, err := Profile(nil, "x", "x"); err == nil {
		t.Error("nil profile: no error")
	}
}

func TestPredicted(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var d []time.Duration
		for _, x := range v {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	res := &compare.Result{Title: "parts", Entries: []compare.Entry{
		{Name: "serial", Samples: ms(10, 10, 10, 10, 10, 10)},
		{Name: "parse parallel", Samples: ms(6, 6, 6, 6, 6, 6), VsFirst: bench.Interval{Value: 1.67, Low: 1.6, High: 1.7}},
	}}
	text := ct.Render(t, figureOrPanic(Predicted(res, []float64{1.74})))
	if !strings.Contains(text, "Amdahl predicted 1.7×") || !strings.Contains(text, "measured 1.7×") {
		t.Errorf("labels missing in %s", text[:min(400, len(text))])
	}
	if _, err := Predicted(&compare.Result{Entries: res.Entries[:1]}, nil); err == nil {
		t.Error("one entry: no error")
	}
}

// figureOrPanic returns a builder's figure, panicking on its error (only in tests' fixtures).
func figureOrPanic(fig chart.Figure, err error) chart.Figure {
	if err != nil {
		panic(err)
	}
	return fig
}
