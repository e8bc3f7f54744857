package figure

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/scaling"
)

// lines returns the names of the line series and how many are dashed.
func lines(m map[string]any) (all []string, dashed int) {
	for _, s := range ct.Series(m, "line") {
		all = append(all, s["name"].(string))
		if s["lineStyle"].(map[string]any)["type"] == "dashed" {
			dashed++
		}
	}
	return all, dashed
}

func TestScalingSpeedup(t *testing.T) {
	fig, err := ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{0.05, 0.25}, MaxN: 32, USL: true})
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	got, dashed := lines(m)
	for _, want := range []string{"measured speedup", "ideal S = N", "Amdahl s = 0.05", "Amdahl s = 0.25", "Amdahl fit s = 0.100", "USL fit"} {
		if !slices.Contains(got, want) {
			t.Errorf("lines %q; want one named %q", got, want)
		}
	}
	if dashed != 2 {
		t.Errorf("%d dashed lines; want 2 (Amdahl fit and USL fit extrapolated from N = 8 to 32)", dashed)
	}
	if x, y := ct.Axis(m, "xAxis", 0)["name"], ct.Axis(m, "yAxis", 0)["name"]; x != "workers N (goroutines)" || y != "speedup T(1)/T(N) (×)" {
		t.Errorf("axes %q, %q", x, y)
	}
	if got := ct.Axis(m, "xAxis", 0)["max"]; got != 32.0 {
		t.Errorf("x axis max %v; want MaxN = 32", got)
	}
	// Amdahl data is the USL with κ = 0: no peak, and nothing to warn about.
	titles := ct.Titles(m)
	if !strings.Contains(titles, "s = 0.100") || !strings.Contains(titles, "no peak (κ = 0)") || strings.Contains(titles, "⚠") {
		t.Errorf("titles %q; want the fitted s, no USL peak and no warning", titles)
	}
	if m["tooltip"].(map[string]any)["formatter"] != "parlab.tip.axis" {
		t.Errorf("tooltip %v; want the axis tooltip listing every line", m["tooltip"])
	}
}

// A 2-core machine: the chart must say in red that s is solved from one point and that the USL has no
// curve.
func TestScalingSpeedupTwoCoresWarns(t *testing.T) {
	fig, err := ScalingSpeedup(scalTwoCores(), ScalingOptions{USL: true})
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	titles := ct.Titles(m)
	for _, want := range []string{"⚠ Amdahl: one speedup with N > 1", "⚠ No USL curve", "at least 3 distinct N"} {
		if !strings.Contains(titles, want) {
			t.Errorf("titles %q; want %q", titles, want)
		}
	}
	got, _ := lines(m)
	if slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "USL") }) {
		t.Errorf("lines %q; want no USL curve from 2 points", got)
	}
	if !slices.Contains(got, "Amdahl fit s = 0.053 (1 point)") {
		t.Errorf("lines %q; want the fit named as coming from 1 point", got)
	}
	if got := ct.Axis(m, "xAxis", 0)["max"]; got != 16.0 {
		t.Errorf("x axis max %v; want the default 16", got)
	}
}

func TestUSLFigure(t *testing.T) {
	fig, err := USL(scalThroughputs(1, 2, 4, 8, 16, 24, 32, 48), "requests/s", 96)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	got, dashed := lines(m)
	for _, want := range []string{"measured throughput", "linear λN", "USL fit"} {
		if !slices.Contains(got, want) {
			t.Errorf("lines %q; want %q", got, want)
		}
	}
	if dashed != 1 {
		t.Errorf("%d dashed lines; want 1 (the USL beyond N = 48)", dashed)
	}
	if got := ct.Axis(m, "yAxis", 0)["name"]; got != "throughput (requests/s)" {
		t.Errorf("y axis %q", got)
	}
	// The peak mark sits at N* = ⌊√(0.97/0.001)⌋ = 31.
	peak := ct.Series(m, "scatter")[0]
	if v := peak["data"].([]any)[0].(map[string]any)["value"].([]any); peak["name"] != "USL peak N*" || v[0] != 31.0 {
		t.Errorf("mark %q at %v; want USL peak N* at N = 31", peak["name"], v)
	}
	// The linear reference may overflow: the y axis is scaled to the data and the USL.
	if max := ct.Axis(m, "yAxis", 0)["max"].(float64); max > 3000 {
		t.Errorf("y max %v; want it scaled to the throughputs (≈ 2200), not to λN", max)
	}
	fig, err = USL(scalThroughputs(1, 2, 4, 8), "requests/s", 0)
	if err != nil {
		t.Fatal(err)
	}
	m = ct.OptionJSON(t, fig)
	if titles := ct.Titles(m); !strings.Contains(titles, "⚠ USL under-determined: 4 distinct N") {
		t.Errorf("titles %q; want a red under-determined warning", titles)
	}
	if _, err := USL(scalThroughputs(1, 2), "requests/s", 0); err == nil || !strings.Contains(err.Error(), "at least 3 distinct N") {
		t.Errorf("USL with 2 points: error %v; want one asking for 3 distinct N", err)
	}
}

func TestScalingEfficiencyAndKarpFlatt(t *testing.T) {
	fig, err := ScalingEfficiency(scalSpeedups(), ScalingOptions{Serial: []float64{0.2}})
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	got, _ := lines(m)
	for _, want := range []string{"measured efficiency", "ideal 100%", "Amdahl s = 0.2", "Amdahl fit s = 0.100"} {
		if !slices.Contains(got, want) {
			t.Errorf("efficiency lines %q; want %q", got, want)
		}
	}
	for _, s := range ct.Series(m, "line") {
		if s["name"] == "measured efficiency" {
			v := s["data"].([]any)[1].(map[string]any)["value"].([]any)
			if want := 100 * scaling.Amdahl(0.1, 2) / 2; math.Abs(v[1].(float64)-want) > 1e-3 {
				t.Errorf("efficiency at N = 2: %v; want %v", v[1], want)
			}
		}
	}
	fig, err = KarpFlatt(scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	m = ct.OptionJSON(t, fig)
	for _, s := range ct.Series(m, "line") {
		if s["name"] != "Karp–Flatt e(N)" {
			continue
		}
		data := s["data"].([]any)
		if len(data) != 5 {
			t.Errorf("Karp–Flatt has %d points; want 5 (N = 2…8, none at N = 1)", len(data))
		}
		for _, d := range data {
			if e := d.(map[string]any)["value"].([]any)[1].(float64); math.Abs(e-0.1) > 1e-5 {
				t.Errorf("Karp–Flatt e = %v; want 0.1 for Amdahl data with s = 0.1", e)
			}
		}
	}
	if got := ct.Axis(m, "yAxis", 0)["name"]; got != "serial fraction e (share of the 1-worker time)" {
		t.Errorf("Karp–Flatt y axis %q", got)
	}
	fig, err = KarpFlatt(scalTwoCores())
	if err != nil {
		t.Fatal(err)
	}
	if titles := ct.Titles(ct.OptionJSON(t, fig)); !strings.Contains(titles, "⚠ One speedup") {
		t.Errorf("Karp–Flatt from one point: titles %q; want a warning", titles)
	}
}

func TestGustafsonAmdahl(t *testing.T) {
	fig, err := GustafsonAmdahl([]float64{0.05, 0.25}, 32)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if n := len(m["grid"].([]any)); n != 3 {
		t.Fatalf("%d grids; want 3 side by side", n)
	}
	last := map[[2]any]float64{} // (name, panel) → value at N = 32
	for _, s := range ct.Series(m, "line") {
		d := s["data"].([]any)
		panel, _ := s["xAxisIndex"].(float64)
		last[[2]any{s["name"], panel}] = d[len(d)-1].(map[string]any)["value"].([]any)[1].(float64)
	}
	if len(last) != 8 {
		t.Fatalf("%d lines; want 8 (2 s × 3 panels + 2 ideal lines)", len(last))
	}
	a, g, share := last[[2]any{"s = 0.05", 0.0}], last[[2]any{"s = 0.05", 1.0}], last[[2]any{"s = 0.05", 2.0}]
	if a > 20 || math.Abs(g-scaling.Gustafson(0.05, 32)) > 1e-3 {
		t.Errorf("s = 0.05 at N = 32: Amdahl %v, Gustafson %v; want Amdahl < 1/s = 20 and Gustafson %v", a, g, scaling.Gustafson(0.05, 32))
	}
	// Fair comparison (issue 12, item 4): the grown problem's one-worker serial share, put into
	// Amdahl's law, gives Gustafson's speedup.
	if want := 100 * 0.05 / (0.05 + 0.95*32); math.Abs(share-want) > 1e-6 || math.Abs(scaling.Amdahl(share/100, 32)-g) > 1e-3 {
		t.Errorf("s = 0.05 at N = 32: serial share on one worker %v%%; want %v%%, with Amdahl(share, 32) = Gustafson %v", share, want, g)
	}
	for _, w := range []string{"s of the 1-worker run", "s of each N-worker run", "serial share on 1 worker"} {
		if !strings.Contains(ct.Titles(m), w) {
			t.Errorf("titles %q; want each panel to say which s it uses (%q)", ct.Titles(m), w)
		}
	}
}

func TestAmdahlExplorer(t *testing.T) {
	fig, err := AmdahlExplorer(0.1, 32, scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	ids := map[string]bool{}
	for _, s := range ct.Series(m, "line") {
		if id, ok := s["id"].(string); ok {
			ids[id] = true
		}
	}
	if !ids["amdahl"] || !ids["ceiling"] || !ids["gustafson"] {
		t.Errorf("series ids %v; want amdahl, ceiling, gustafson for the slider to redraw", ids)
	}
	if len(fig.Sliders) != 1 || fig.Sliders[0].Value != 0.1 || fig.Script.Code == "" {
		t.Errorf("sliders %v; want one at s = 0.1 and a script", fig.Sliders)
	}
	// Move the slider to 0.25 in a page: the curves and the readout follow.
	r := ct.Eval(t, fig, "0.25")
	if !strings.HasPrefix(r.Readout, "s = 0.250 · at N = 32: Amdahl 3.66×") {
		t.Errorf("readout %q; want s = 0.250 and Amdahl's 3.66× at N = 32", r.Readout)
	}
	if r.Update == nil {
		t.Error("the slider's script set no new series")
	}
	if _, err := AmdahlExplorer(0.1, 16, nil); err != nil {
		t.Errorf("explorer without measurements: %v", err)
	}
}

func TestScalingFiguresBadInput(t *testing.T) {
	bad := []scaling.Point{{N: 2, Value: 1}, {N: 1, Value: 1}}
	errOf := func(_ chart.Figure, err error) error { return err }
	for name, tt := range map[string]struct {
		err  error
		want string
	}{
		"speedup unsorted":      {errOf(ScalingSpeedup(bad, ScalingOptions{})), "unsorted"},
		"speedup s > 1":         {errOf(ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{1.5}})), "outside [0, 1]"},
		"speedup s NaN":         {errOf(ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{math.NaN()}})), "outside [0, 1]"},
		"speedup MaxN < 0":      {errOf(ScalingSpeedup(scalSpeedups(), ScalingOptions{MaxN: -1})), "MaxN = -1"},
		"speedup 7 s":           {errOf(ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: make([]float64, 7)})), "at most 6"},
		"efficiency only N = 1": {errOf(ScalingEfficiency([]scaling.Point{{N: 1, Value: 1}}, ScalingOptions{})), "scaling"},
		"usl maxN < 0":          {errOf(USL(scalThroughputs(1, 2, 4, 8, 16, 32), "ops/s", -5)), "maxN = -5"},
		"gustafson none":        {errOf(GustafsonAmdahl(nil, 0)), "no serial fractions"},
		"gustafson maxN 1":      {errOf(GustafsonAmdahl([]float64{0.1}, 1)), "maxN = 1"},
		"explorer s":            {errOf(AmdahlExplorer(2, 0, nil)), "outside [0, 1]"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", name, tt.err, tt.want)
		}
	}
}
