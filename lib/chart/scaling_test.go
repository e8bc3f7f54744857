package chart

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/scaling"
)

// scalSpeedups are made-up speedups of a program with serial fraction 0.1 at N = 1…8, ±3%.
func scalSpeedups() []scaling.Point {
	var pts []scaling.Point
	for _, n := range []int{1, 2, 3, 4, 6, 8} {
		v := scaling.Amdahl(0.1, float64(n))
		pts = append(pts, scaling.Point{N: n, Value: v, Lower: 0.97 * v, Upper: 1.03 * v})
	}
	return pts
}

// scalTwoCores is all a 2-core machine gives.
func scalTwoCores() []scaling.Point {
	return []scaling.Point{{N: 1, Value: 1, Lower: 0.98, Upper: 1.02}, {N: 2, Value: 1.9, Lower: 1.85, Upper: 1.95}}
}

// scalThroughputs follows a USL with a peak at N* = 31, measured at 8 levels (requests/s).
func scalThroughputs(ns ...int) []scaling.Point {
	m := scaling.USL{Sigma: 0.03, Kappa: 0.001, Lambda: 200}
	var pts []scaling.Point
	for _, n := range ns {
		v := m.X(float64(n))
		pts = append(pts, scaling.Point{N: n, Value: v, Lower: 0.98 * v, Upper: 1.02 * v})
	}
	return pts
}

// scalParse turns an option back into JSON by replacing our JavaScript functions with strings.
func scalParse(t *testing.T, fig Figure, unit string) map[string]any {
	t.Helper()
	return optionJSON(t, fig.Option, scalTooltip(unit))
}

// scalNames lists the series names (in order, without repeats) and counts the dashed line series.
func scalNames(m map[string]any) (names []string, dashed int) {
	seen := map[string]bool{}
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		name, _ := s["name"].(string)
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
		if ls, ok := s["lineStyle"].(map[string]any); ok && ls["type"] == "dashed" {
			dashed++
		}
	}
	return names, dashed
}

func scalHas(names []string, prefix string) bool {
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

func scalSub(m map[string]any) string {
	switch t := m["title"].(type) {
	case map[string]any:
		return strings.ReplaceAll(t["subtext"].(string), "\n", " ")
	case []any:
		return strings.ReplaceAll(t[0].(map[string]any)["subtext"].(string), "\n", " ")
	}
	return ""
}

func scalAxisName(m map[string]any, axis string) string {
	switch a := m[axis].(type) {
	case map[string]any:
		return a["name"].(string)
	case []any:
		return a[0].(map[string]any)["name"].(string)
	}
	return ""
}

func TestScalingSpeedup(t *testing.T) {
	fig, err := ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{0.05, 0.25}, MaxN: 32, USL: true})
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, "×")
	names, dashed := scalNames(m)
	for _, want := range []string{"measured speedup", "ideal S = N", "Amdahl s = 0.05", "Amdahl s = 0.25", "Amdahl fit s = 0.100", "USL fit"} {
		if !scalHas(names, want) {
			t.Errorf("series %q; want one named %q", names, want)
		}
	}
	if scalHas(names, "USL fit (under-determined)") {
		t.Errorf("series %q: 6 distinct N is enough for the USL, want no under-determined mark", names)
	}
	if dashed != 2 {
		t.Errorf("%d dashed series; want 2 (Amdahl fit and USL fit extrapolated from N = 8 to 32)", dashed)
	}
	if got := scalAxisName(m, "xAxis"); !strings.Contains(got, "workers N") {
		t.Errorf("x axis %q; want workers N with its unit", got)
	}
	if got := scalAxisName(m, "yAxis"); !strings.Contains(got, "(×)") {
		t.Errorf("y axis %q; want the unit (×)", got)
	}
	if got := m["xAxis"].(map[string]any)["max"].(float64); got != 32 {
		t.Errorf("x axis max %v; want MaxN = 32", got)
	}
	// Amdahl data is the USL with κ = 0: no peak.
	if sub := scalSub(m); !strings.Contains(sub, "s = 0.100") || !strings.Contains(sub, "no peak (κ = 0)") || strings.Contains(sub, "{warn|") {
		t.Errorf("subtitle %q; want the fitted s, no USL peak and no warning", sub)
	}
	if !strings.Contains(fig.Option, "renderItem") || m["tooltip"].(map[string]any)["formatter"] != "function" {
		t.Errorf("option lacks whiskers or the tooltip formatter")
	}
	if !m["legend"].(map[string]any)["show"].(bool) {
		t.Errorf("legend hidden; want it shown with %d series", len(names))
	}
}

// A 2-core machine: the chart must say in red that s is solved from one point and that the USL has
// no curve.
func TestScalingSpeedupTwoCoresWarns(t *testing.T) {
	fig, err := ScalingSpeedup(scalTwoCores(), ScalingOptions{USL: true})
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, "×")
	sub := scalSub(m)
	for _, want := range []string{"{warn|⚠ Amdahl: one speedup with N > 1", "{warn|⚠ No USL curve", "at least 3 distinct N"} {
		if !strings.Contains(sub, want) {
			t.Errorf("subtitle %q; want it to contain %q", sub, want)
		}
	}
	names, _ := scalNames(m)
	if scalHas(names, "USL") {
		t.Errorf("series %q; want no USL curve from 2 points", names)
	}
	if !scalHas(names, "Amdahl fit s = 0.053 (1 point)") {
		t.Errorf("series %q; want the fit named as coming from 1 point", names)
	}
	if got := m["xAxis"].(map[string]any)["max"].(float64); got != 16 {
		t.Errorf("x axis max %v; want the default 16", got)
	}
}

func TestUSLChart(t *testing.T) {
	fig, err := USL(scalThroughputs(1, 2, 4, 8, 16, 24, 32, 48), "requests/s", 96)
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, " requests/s")
	names, dashed := scalNames(m)
	for _, want := range []string{"measured throughput", "linear λN", "USL fit", "USL peak N*"} {
		if !scalHas(names, want) {
			t.Errorf("series %q; want one named %q", names, want)
		}
	}
	if dashed != 1 {
		t.Errorf("%d dashed series; want 1 (the USL beyond N = 48)", dashed)
	}
	if got := scalAxisName(m, "yAxis"); got != "throughput (requests/s)" {
		t.Errorf("y axis %q; want throughput (requests/s)", got)
	}
	// The peak marker sits at N* = ⌊√(0.97/0.001)⌋ = 31.
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] == "USL peak N*" {
			v := s["data"].([]any)[0].(map[string]any)["value"].([]any)
			if v[0].(float64) != 31 {
				t.Errorf("peak marked at N = %v; want 31", v[0])
			}
		}
	}
	if sub := scalSub(m); !strings.Contains(sub, "peak N* = 31") || strings.Contains(sub, "{warn|") {
		t.Errorf("subtitle %q; want the peak and no warning", sub)
	}
}

func TestUSLChartUnderdeterminedWarns(t *testing.T) {
	fig, err := USL(scalThroughputs(1, 2, 4, 8), "requests/s", 0)
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, " requests/s")
	if sub := scalSub(m); !strings.Contains(sub, "{warn|⚠ USL under-determined: 4 distinct N") {
		t.Errorf("subtitle %q; want a red under-determined warning", sub)
	}
	names, _ := scalNames(m)
	if !scalHas(names, "USL fit (under-determined)") {
		t.Errorf("series %q; want the curve's own name to say under-determined", names)
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
	m := scalParse(t, fig, "%")
	names, _ := scalNames(m)
	for _, want := range []string{"measured efficiency", "ideal 100%", "Amdahl s = 0.2", "Amdahl fit s = 0.100"} {
		if !scalHas(names, want) {
			t.Errorf("efficiency series %q; want %q", names, want)
		}
	}
	if got := scalAxisName(m, "yAxis"); !strings.Contains(got, "(%)") {
		t.Errorf("efficiency y axis %q; want (%%)", got)
	}
	// The measured efficiency at N = 2 is 100·S(2)/2.
	first := m["series"].([]any)[0].(map[string]any)["data"].([]any)[1].(map[string]any)["value"].([]any)
	if want := 100 * scaling.Amdahl(0.1, 2) / 2; math.Abs(first[1].(float64)-want) > 1e-9 {
		t.Errorf("efficiency at N = 2: %v; want %v", first[1], want)
	}

	fig, err = KarpFlatt(scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	m = scalParse(t, fig, "")
	names, _ = scalNames(m)
	if !scalHas(names, "Karp–Flatt e(N)") || !scalHas(names, "Amdahl fit s = 0.100") {
		t.Errorf("Karp–Flatt series %q", names)
	}
	data := m["series"].([]any)[0].(map[string]any)["data"].([]any)
	if len(data) != 5 {
		t.Errorf("Karp–Flatt has %d points; want 5 (N = 2…8, none at N = 1)", len(data))
	}
	for _, d := range data {
		if e := d.(map[string]any)["value"].([]any)[1].(float64); math.Abs(e-0.1) > 1e-9 {
			t.Errorf("Karp–Flatt e = %v; want 0.1 for Amdahl data with s = 0.1", e)
		}
	}
	if got := scalAxisName(m, "yAxis"); !strings.Contains(got, "share of 1-worker time") {
		t.Errorf("Karp–Flatt y axis %q; want its unit", got)
	}
	fig, err = KarpFlatt(scalTwoCores())
	if err != nil {
		t.Fatal(err)
	}
	if sub := scalSub(scalParse(t, fig, "")); !strings.Contains(sub, "{warn|") {
		t.Errorf("Karp–Flatt from one point: subtitle %q; want a warning", sub)
	}
}

func TestGustafsonAmdahl(t *testing.T) {
	fig, err := GustafsonAmdahl([]float64{0.05, 0.25}, 32)
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, "×")
	if n := len(m["grid"].([]any)); n != 2 {
		t.Fatalf("%d grids; want 2 side by side", n)
	}
	series := m["series"].([]any)
	if len(series) != 6 {
		t.Fatalf("%d series; want 6 (2 s × 2 panels + 2 ideal lines)", len(series))
	}
	// Amdahl at N = 32 is below 1/s, Gustafson above Amdahl.
	last := func(i int) float64 {
		d := series[i].(map[string]any)["data"].([]any)
		return d[len(d)-1].([]any)[1].(float64)
	}
	if a, g := last(0), last(1); a > 20 || g < a || math.Abs(g-scaling.Gustafson(0.05, 32)) > 1e-9 {
		t.Errorf("s = 0.05 at N = 32: Amdahl %v, Gustafson %v; want Amdahl < 1/s = 20 < Gustafson = %v", a, g, scaling.Gustafson(0.05, 32))
	}
	if series[1].(map[string]any)["xAxisIndex"].(float64) != 1 {
		t.Errorf("Gustafson is not in the right-hand panel")
	}
}

func TestAmdahlExplorer(t *testing.T) {
	fig, err := AmdahlExplorer(0.1, 32, scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	m := scalParse(t, fig, "×")
	ids := map[string]bool{}
	for _, s := range m["series"].([]any) {
		if id, ok := s.(map[string]any)["id"].(string); ok {
			ids[id] = true
		}
	}
	if !ids["amdahl"] || !ids["ceiling"] || !ids["gustafson"] {
		t.Errorf("series ids %v; want amdahl, ceiling, gustafson for the slider to redraw", ids)
	}
	for _, want := range []string{`type="range"`, `id="{{id}}-s"`, `value="0.1"`, `id="{{id}}-out"`} {
		if !strings.Contains(fig.Controls, want) {
			t.Errorf("Controls %q; want %q", fig.Controls, want)
		}
	}
	if !strings.Contains(fig.Script, "chart.setOption") || !strings.Contains(fig.Script, "id + '-s'") {
		t.Errorf("Script does not redraw from the slider: %s", fig.Script)
	}
	page, err := HTML(fig)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "{{id}}") {
		t.Errorf("HTML still holds {{id}} placeholders")
	}
	if _, err := AmdahlExplorer(0.1, 16, nil); err != nil {
		t.Errorf("explorer without measurements: %v", err)
	}
}

func TestScalingChartsBadInput(t *testing.T) {
	bad := []scaling.Point{{N: 2, Value: 1}, {N: 1, Value: 1}}
	for name, err := range map[string]error{
		"speedup unsorted":      scalSpeedupErr(bad, ScalingOptions{}),
		"speedup s > 1":         scalSpeedupErr(scalSpeedups(), ScalingOptions{Serial: []float64{1.5}}),
		"speedup s NaN":         scalSpeedupErr(scalSpeedups(), ScalingOptions{Serial: []float64{math.NaN()}}),
		"speedup MaxN < 0":      scalSpeedupErr(scalSpeedups(), ScalingOptions{MaxN: -1}),
		"speedup empty":         scalSpeedupErr(nil, ScalingOptions{}),
		"efficiency only N = 1": scalErr(ScalingEfficiency([]scaling.Point{{N: 1, Value: 1}}, ScalingOptions{})),
		"karp-flatt NaN":        scalErr(KarpFlatt([]scaling.Point{{N: 1, Value: 1}, {N: 2, Value: math.NaN()}})),
		"usl maxN < 0":          scalErr(USL(scalThroughputs(1, 2, 4, 8, 16, 32), "ops/s", -5)),
		"gustafson none":        scalErr(GustafsonAmdahl(nil, 0)),
		"gustafson s < 0":       scalErr(GustafsonAmdahl([]float64{-0.1}, 0)),
		"gustafson maxN = 1":    scalErr(GustafsonAmdahl([]float64{0.1}, 1)),
		"explorer s > 1":        scalErr(AmdahlExplorer(2, 0, nil)),
		"explorer bad points":   scalErr(AmdahlExplorer(0.1, 0, bad)),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "chart: ") {
			t.Errorf("%s: error %q; want a sentence starting with chart:", name, msg)
		}
	}
}

func scalSpeedupErr(pts []scaling.Point, opt ScalingOptions) error {
	_, err := ScalingSpeedup(pts, opt)
	return err
}

// TestScalingChartsAreJavaScript evaluates every option with node, calls its tooltip, and runs the
// explorer's script against a stand-in chart and document to check that moving the slider redraws.
func TestScalingChartsAreJavaScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	var figs []Figure
	for _, f := range []func() (Figure, error){
		func() (Figure, error) {
			return ScalingSpeedup(scalSpeedups(), ScalingOptions{Serial: []float64{0.05}, USL: true})
		},
		func() (Figure, error) { return ScalingSpeedup(scalTwoCores(), ScalingOptions{USL: true}) },
		func() (Figure, error) { return ScalingEfficiency(scalSpeedups(), ScalingOptions{}) },
		func() (Figure, error) { return KarpFlatt(scalSpeedups()) },
		func() (Figure, error) { return USL(scalThroughputs(1, 2, 4, 8, 16, 32, 64), "requests/s", 0) },
		func() (Figure, error) { return GustafsonAmdahl([]float64{0.1}, 0) },
	} {
		fig, err := f()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fig)
	}
	var src strings.Builder
	for _, fig := range figs {
		src.WriteString("(function () { var o = (" + fig.Option + ");\n" +
			"var ps = o.series.map(function (s, i) { return {seriesName: s.name, seriesType: s.type, marker: '', axisValue: 2, data: s.data && s.data[1]}; });\n" +
			"var tip = o.tooltip.formatter(ps); if (tip.indexOf('N = 2') !== 0) throw new Error('tooltip: ' + tip);\n" +
			"console.log(tip); })();\n")
	}
	ex, err := AmdahlExplorer(0.1, 32, scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	src.WriteString(`(function () {
  var els = {'X-s': {value: '0.1', addEventListener: function (ev, f) { this.f = f; }}, 'X-out': {textContent: ''}};
  var document = {getElementById: function (k) { return els[k]; }};
  var got = null, chart = {setOption: function (o) { got = o; }}, id = 'X', root = {}, option = (` + ex.Option + `);
` + ex.Script + `
  els['X-s'].value = '0.25'; els['X-s'].f();
  var a = got.series[0].data, last = a[a.length - 1];
  if (got.series[0].id !== 'amdahl' || last[0] !== 32 || Math.abs(last[1] - 1 / (0.25 + 0.75 / 32)) > 1e-9) throw new Error('slider did not redraw: ' + JSON.stringify(last));
  if (Math.abs(got.series[1].data[0][1] - 4) > 1e-12) throw new Error('ceiling not at 1/s = 4');
  console.log('explorer: ' + els['X-out'].textContent);
})();
`)
	file := filepath.Join(t.TempDir(), "scaling.js")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "explorer: s = 0.250") {
		t.Errorf("node: %v\n%s", err, out)
	}
}

func scalErr(_ Figure, err error) error { return err }
