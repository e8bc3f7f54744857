package chart

import (
	"strings"
	"testing"
)

func TestBarsEndsCarryWhiskersAndLabels(t *testing.T) {
	fig, err := Bars{Title: "compare", Categories: []string{"slow", "fast"}, Horizontal: true,
		Value: Axis{Name: "median time", Unit: "ms", Log: 10, Min: 1},
		Series: []BarSeries{{Name: "median", Bars: []Bar{
			{Value: 400, Low: 390, High: 420, Label: "400 ms"},
			{Value: 2, Label: "2 ms — 200× faster"},
		}}}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	if got := axis(m, "xAxis", 0)["name"]; got != "median time (ms, log scale)" {
		t.Errorf("value axis %q", got)
	}
	if got := axis(m, "yAxis", 0)["type"]; got != "category" {
		t.Errorf("horizontal bars: y axis type %q; want category", got)
	}
	ends := series(m, "custom")
	if len(ends) != 1 || len(ends[0]["data"].([]any)) != 2 {
		t.Fatalf("bar ends %v; want one series with both bars (one has a whisker, both a label)", ends)
	}
	second := ends[0]["data"].([]any)[1].(map[string]any)["value"].([]any)
	if second[4] != 0.0 {
		t.Errorf("the bar without an interval is marked %v; want 0 (no whisker)", second[4])
	}
	labels := fig.data.(barsData).Labels
	if got := labels[ends[0]["id"].(string)]; len(got) != 2 || got[1] != "2 ms — 200× faster" {
		t.Errorf("labels %q", got)
	}
}

func TestBarsSkipAndOverlay(t *testing.T) {
	fig, err := Bars{Title: "fs", Categories: []string{"adjacent\n1 goroutine", "padded\n1 goroutine"}, Overlay: true,
		Value: Axis{Name: "time", Unit: "ns"},
		Series: []BarSeries{
			{Name: "adjacent", Bars: []Bar{{Value: 2}, {Skip: true}}},
			{Name: "padded", Bars: []Bar{{Skip: true}, {Value: 2}}},
		}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	bars := series(m, "bar")
	if bars[0]["barGap"] != "-100%" || bars[0]["data"].([]any)[1].(map[string]any)["value"] != "-" {
		t.Errorf("overlay: barGap %v, skipped value %v; want -100%% and -", bars[0]["barGap"], bars[0]["data"].([]any)[1])
	}
	label := axis(m, "xAxis", 0)["axisLabel"].(map[string]any)
	if label["interval"] != 0.0 || label["lineHeight"] != 16.0 {
		t.Errorf("category labels %v; want interval 0 and lineHeight 16 as numbers", label)
	}
}

func TestBarsBadInputIsASentence(t *testing.T) {
	v := Axis{Name: "v", Unit: "count"}
	for _, tt := range []struct {
		b    Bars
		want string
	}{
		{Bars{Value: v}, "0 categories and 0 series"},
		{Bars{Categories: []string{"a"}, Value: Axis{Name: "v"}, Series: []BarSeries{{Name: "s"}}}, "has no unit"},
		{Bars{Categories: []string{"a"}, Value: v, Series: []BarSeries{{Name: "s", Bars: []Bar{{}, {}}}}}, "2 bars for 1 categories"},
		{Bars{Categories: []string{"a"}, Value: Axis{Name: "v", Unit: "ms", Log: 2}, Series: []BarSeries{{Name: "s"}}}, "want 0 (linear) or 10"},
		{Bars{Categories: []string{"a"}, Value: Axis{Name: "v", Unit: "ms", Log: 10}, Series: []BarSeries{{Name: "s", Bars: []Bar{{Value: 0}}}}}, "positive on a log axis"},
	} {
		if _, err := tt.b.Figure(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v; want it to contain %q", err, tt.want)
		}
	}
}
