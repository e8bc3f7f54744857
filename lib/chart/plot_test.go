package chart

import (
	"math"
	"strings"
	"testing"
)

func onePanel(series []Series, curves ...Curve) Plot {
	return Plot{Title: "t", Panels: []Panel{{
		X:      Axis{Name: "workers", Unit: "goroutines", Integer: true, Max: 5},
		Y:      Axis{Name: "speedup", Unit: "×"},
		Series: series, Curves: curves,
	}}}
}

func TestPlotAxesNameTheirUnits(t *testing.T) {
	p := onePanel([]Series{{Name: "a", Points: []Point{{X: 1, Y: 1, Low: 0.9, High: 1.1}}}})
	p.Panels[0].Y.Log = 10
	fig, err := p.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	if got, want := axis(m, "xAxis", 0)["name"], "workers (goroutines)"; got != want {
		t.Errorf("x axis name %q; want %q", got, want)
	}
	if got, want := axis(m, "yAxis", 0)["name"], "speedup (×, log scale)"; got != want {
		t.Errorf("y axis name %q; want %q", got, want)
	}
	if y := axis(m, "yAxis", 0); y["type"] != "log" || y["logBase"] != 10.0 {
		t.Errorf("y axis type %q, base %v; want log, 10", y["type"], y["logBase"])
	}
	// An integer maximum of 5 gets whole ticks of 1: interval fixed through min/maxInterval.
	x := axis(m, "xAxis", 0)
	if x["minInterval"] != 1.0 || x["maxInterval"] != 1.0 {
		t.Errorf("x axis intervals %v, %v; want 1 and 1", x["minInterval"], x["maxInterval"])
	}
}

// A point without an interval (bench gives Low = High = 0, or NaN, when a point has too few trials) is
// hollow, has no whisker, and the legend says why.
func TestPlotPointWithoutIntervalIsHollow(t *testing.T) {
	p := onePanel([]Series{{Name: "a", Points: []Point{
		{X: 1, Y: 1, Low: 0.9, High: 1.1},
		{X: 2, Y: 1.8},
		{X: 3, Y: 2.4, Low: math.NaN(), High: math.NaN()},
		{X: 4, Y: 2.6, Low: 2, High: 3, Noisy: true},
	}}})
	fig, err := p.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	line := series(m, "line")[0]
	var symbols []any
	for _, d := range line["data"].([]any) {
		symbols = append(symbols, d.(map[string]any)["symbol"])
	}
	want := []any{nil, "emptyCircle", "emptyCircle", "emptyCircle"}
	for i := range want {
		if symbols[i] != want[i] {
			t.Errorf("point %d symbol %v; want %v", i+1, symbols[i], want[i])
		}
	}
	whiskers := series(m, "custom")[0]["data"].([]any)
	if len(whiskers) != 2 {
		t.Errorf("%d whiskers; want 2 (the points with an interval)", len(whiskers))
	}
	tip := line["data"].([]any)[1].(map[string]any)["name"].(string)
	if !strings.Contains(tip, "too few trials for an interval") {
		t.Errorf("tooltip %q; want it to say there are too few trials for an interval", tip)
	}
	legend := strings.Join(toStrings(m["legend"].(map[string]any)["data"]), "|")
	for _, w := range []string{legendNoInterval, legendNoisy} {
		if !strings.Contains(legend, w) {
			t.Errorf("legend %q; want %q", legend, w)
		}
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func TestPlotSamplesAndOffsets(t *testing.T) {
	p := onePanel([]Series{
		{Name: "a", Points: []Point{{X: 1, Y: 1, Low: 0.9, High: 1.1, Samples: []float64{0.95, 1, 1.05}}}},
		{Name: "b", Points: []Point{{X: 1, Y: 2, Low: 1.9, High: 2.1}}},
	})
	fig, err := p.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	var whiskerDx []float64
	trials := 0
	for _, s := range series(m, "custom") {
		if s["silent"] != true {
			t.Errorf("custom series %q is not silent: its hover would hide the point's tooltip", s["name"])
		}
		switch s["renderItem"] {
		case "parlab.whisker":
			whiskerDx = append(whiskerDx, s["data"].([]any)[0].(map[string]any)["value"].([]any)[3].(float64))
		case "parlab.strip":
			trials += len(s["data"].([]any))
		}
	}
	if len(whiskerDx) != 2 || whiskerDx[0] != -3 || whiskerDx[1] != 3 {
		t.Errorf("whisker offsets %v px; want [-3 3], so two series at one x do not hide each other", whiskerDx)
	}
	if trials != 3 {
		t.Errorf("%d trial dots; want 3", trials)
	}
}

func TestPlotCurves(t *testing.T) {
	square := Curve{Name: "square", F: func(x float64) float64 { return x * x }, From: 1, To: 4}
	big := Curve{Name: "big", F: func(x float64) float64 { return math.Log(x - 1) }, From: 1, To: 1000}
	if got := len(square.samples()); got != 4 {
		t.Errorf("square sampled at %d points; want 4 (every whole number from 1 to 4)", got)
	}
	if got := len(big.samples()); got != 128 {
		t.Errorf("log(x−1) on [1, 1000] sampled at %d finite points; want 128 of 129 even steps (−Inf at x = 1 is left out)", got)
	}
	ref := Curve{Name: "linear", Points: []XY{{1, 1}, {4, 400}}, Overflow: true}
	p := onePanel([]Series{{Name: "a", Points: []Point{{X: 1, Y: 10, Low: 9, High: 12}}}}, ref, square)
	fig, err := p.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	if got := axis(m, "yAxis", 0)["max"]; got != 20.0 {
		t.Errorf("y max %v; want 20 (1.15 × 16, rounded up), not stretched to the overflowing reference", got)
	}
	if m["tooltip"].(map[string]any)["trigger"] != "axis" {
		t.Error("a plot with curves should have an axis tooltip (every line at the pointer's x)")
	}
}

func TestPlotColoursFollowNamesAcrossPanels(t *testing.T) {
	x := Axis{Name: "N", Unit: "goroutines", Log: 2, Min: 1}
	s := []Series{{Name: "one", Points: []Point{{X: 1, Y: 1}}}, {Name: "two", Points: []Point{{X: 1, Y: 2}}}}
	fig, err := Plot{Title: "two panels", Panels: []Panel{
		{Title: "left", X: x, Y: Axis{Name: "throughput", Unit: "requests/s"}, Series: s},
		{Title: "right", X: x, Y: Axis{Name: "latency", Unit: "ms"}, Series: s},
	}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	colour := map[string][]any{}
	for _, s := range series(m, "line") {
		colour[s["name"].(string)] = append(colour[s["name"].(string)], s["itemStyle"].(map[string]any)["color"])
	}
	if len(colour["one"]) != 2 || colour["one"][0] != colour["one"][1] || colour["one"][0] == colour["two"][0] {
		t.Errorf("colours %v; want each name one colour in both panels, and the names different", colour)
	}
	if n := len(m["title"].([]any)); n != 3 {
		t.Errorf("%d title components; want 3 (the title and one per panel)", n)
	}
	if x := axis(m, "xAxis", 1); x["gridIndex"] != 1.0 || x["logBase"] != 2.0 {
		t.Errorf("second x axis on grid %v with log base %v; want grid 1, base 2", x["gridIndex"], x["logBase"])
	}
}

func TestPlotBadInputIsASentence(t *testing.T) {
	ok := Axis{Name: "N", Unit: "goroutines"}
	pt := []Series{{Name: "s", Points: []Point{{X: 1, Y: 1}}}}
	tests := []struct {
		name string
		p    Plot
		want string
	}{
		{"no panels", Plot{Title: "t"}, "has no panels"},
		{"no unit", Plot{Panels: []Panel{{X: ok, Y: Axis{Name: "speedup"}, Series: pt}}}, `the y axis "speedup" has no unit`},
		{"no name", Plot{Panels: []Panel{{X: Axis{Unit: "s"}, Y: ok, Series: pt}}}, "the x axis has no name"},
		{"log base", Plot{Panels: []Panel{{X: ok, Y: Axis{Name: "y", Unit: "u", Log: 3}, Series: pt}}}, "log base 3"},
		{"NaN", Plot{Panels: []Panel{{X: ok, Y: ok, Series: []Series{{Name: "s", Points: []Point{{X: 1, Y: math.NaN()}}}}}}}, `series "s", point 1 is (1, NaN)`},
		{"zero on log", Plot{Panels: []Panel{{X: ok, Y: Axis{Name: "y", Unit: "ns", Log: 10}, Series: []Series{{Name: "s", Points: []Point{{X: 1, Y: 0}}}}}}}, "positive on a log axis"},
		{"low > high", Plot{Panels: []Panel{{X: ok, Y: ok, Series: []Series{{Name: "s", Points: []Point{{X: 1, Y: 1, Low: 2, High: 1}}}}}}}, "want low ≤ high"},
		{"curve range", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", F: math.Sqrt, From: 2, To: 1}}}}}, `curve "c" is sampled from 2 to 1; want finite numbers with From < To`},
		{"curve from -Inf", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", F: math.Sqrt, From: math.Inf(-1), To: 1}}}}}, `curve "c" is sampled from -Inf to 1; want finite numbers`},
		{"curve to +Inf", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", F: math.Sqrt, From: 0, To: math.Inf(1)}}}}}, `curve "c" is sampled from 0 to +Inf; want finite numbers`},
		{"curve to NaN", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", F: math.Sqrt, From: 0, To: math.NaN()}}}}}, `curve "c" is sampled from 0 to NaN; want finite numbers`},
		{"curve style 3", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", Style: 3, Points: []XY{{1, 1}, {2, 2}}}}}}}, `curve "c" has Style 3; want chart.Solid (0), chart.Dashed (1) or chart.Dotted (2)`},
		{"curve style -1, no points yet", Plot{Panels: []Panel{{X: ok, Y: ok, Curves: []Curve{{Name: "c", ID: "c", Style: -1}}}}}, `curve "c" has Style -1`},
		{"five panels", Plot{Panels: make([]Panel, 5)}, "at most 4"},
	}
	for _, tt := range tests {
		_, err := tt.p.Figure()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v; want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestWithUnit(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		unit string
		want string
	}{
		{1.9, "×", "1.9×"}, {85, "%", "85%"}, {12.3, "ms", "12.3 ms"}, {1, "goroutines", "1 goroutine"},
		{2, "goroutines", "2 goroutines"}, {1, "ms", "1 ms"}, {12345.6, "requests/s", "12346 requests/s"},
		{0.000123, "s", "0.000123 s"}, {math.Inf(1), "×", "∞×"},
	} {
		if got := WithUnit(tt.v, tt.unit); got != tt.want {
			t.Errorf("WithUnit(%v, %q) = %q; want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}

// One slow trial far above the rest does not squash the medians: the axis follows the medians and
// intervals, and the trial is a triangle at the top edge, explained in the legend.
func TestPlotTrialFarAboveTheRest(t *testing.T) {
	p := onePanel([]Series{{Name: "a", Points: []Point{
		{X: 1, Y: 3, Low: 2.9, High: 3.2, Samples: []float64{2.9, 3, 3.1, 33}},
		{X: 2, Y: 3, Low: 2.9, High: 3.4, Samples: []float64{2.9, 3, 3.2}},
	}}})
	fig, err := p.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	if got := axis(m, "yAxis", 0)["max"]; got != 4.0 {
		t.Errorf("y max %v; want 4 (1.15 × 3.4, rounded up), not stretched to the 33 ms trial", got)
	}
	if legend := strings.Join(toStrings(m["legend"].(map[string]any)["data"]), "|"); !strings.Contains(legend, legendOffScale) {
		t.Errorf("legend %q; want %q", legend, legendOffScale)
	}
}
