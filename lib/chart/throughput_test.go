package chart

import (
	"math"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/serving"
)

func loadCurves() []serving.Curve {
	lv := func(n int, x float64) serving.Level {
		return serving.Level{N: n,
			Throughput: bench.Interval{Value: x, Low: 0.9 * x, High: 1.1 * x},
			Latency:    bench.Interval{Value: float64(n) / x, Low: float64(n) / (1.1 * x), High: float64(n) / (0.9 * x)}}
	}
	return []serving.Curve{
		{Name: "GOMAXPROCS=1", Levels: []serving.Level{lv(1, 180), lv(2, 360), lv(4, 700), lv(8, 1300), lv(16, 2300), lv(32, 3300)}},
		{Name: "GOMAXPROCS=2", Levels: []serving.Level{lv(1, 185), lv(2, 370), lv(4, 710), lv(8, 1380), lv(16, 2500), lv(32, 3600)}},
	}
}

func TestThroughputLatency(t *testing.T) {
	fig, err := ThroughputLatency("", "HTTP, 5 ms latency", loadCurves()...)
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig.Option, loadTooltipJS)
	ys := m["yAxis"].([]any)
	if got := ys[0].(map[string]any)["name"]; got != "throughput (requests/s)" {
		t.Errorf("left y axis = %q; want throughput (requests/s)", got)
	}
	if got := ys[1].(map[string]any)["name"]; got != "mean latency (ms)" {
		t.Errorf("right y axis = %q; want mean latency (ms)", got)
	}
	xs := m["xAxis"].([]any)
	if x := xs[1].(map[string]any); x["type"] != "log" || x["max"] != 32.0 || !strings.Contains(x["name"].(string), "goroutines") {
		t.Errorf("x axis = %v; want a log axis of goroutines up to 32", x)
	}
	lines := 0
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if s["type"] == "line" {
			lines++
			if s["yAxisIndex"] == 1.0 {
				first := s["data"].([]any)[0].(map[string]any)
				if v := first["value"].([]any)[1].(float64); math.Abs(v-1000.0/180) > 1e-9 && math.Abs(v-1000.0/185) > 1e-9 {
					t.Errorf("first latency point = %g ms; want 1000/180 or 1000/185", v)
				}
			}
		}
	}
	if lines != 4 {
		t.Errorf("got %d lines; want 2 curves × 2 panels", lines)
	}
	if legend := m["legend"].(map[string]any); legend["show"] != true {
		t.Error("legend hidden with two curves")
	}
	if fig.Title != "Throughput and latency vs goroutines" {
		t.Errorf("default title = %q", fig.Title)
	}
}

func TestThroughputLatencyBadInput(t *testing.T) {
	if _, err := ThroughputLatency("t", ""); err == nil {
		t.Error("no curves: no error")
	}
	if _, err := ThroughputLatency("t", "", serving.Curve{Name: "empty"}); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("empty curve: error %v; want one naming the curve", err)
	}
	bad := loadCurves()[:1]
	bad[0].Levels[2].Throughput.Value = math.NaN()
	if _, err := ThroughputLatency("t", "", bad...); err == nil || !strings.Contains(err.Error(), "N = 4") {
		t.Errorf("NaN throughput: error %v; want one naming N = 4", err)
	}
}

func TestThroughputLatencyModelCurve(t *testing.T) {
	curves := loadCurves()[:1]
	bound := serving.Curve{Name: "bound", Model: true, Levels: curves[0].Levels}
	empty := serving.Curve{Name: "no bound", Model: true}
	fig, err := ThroughputLatency("t", "", append(curves, bound, empty)...)
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig.Option, loadTooltipJS)
	var boundLines, customs int
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] == "no bound" {
			t.Error("an empty model curve was drawn")
		}
		if s["name"] == "bound" {
			if s["type"] == "custom" {
				customs++
			} else if s["lineStyle"].(map[string]any)["type"] == "dashed" && s["symbol"] == "none" {
				boundLines++
			}
		}
	}
	if boundLines != 2 || customs != 0 {
		t.Errorf("bound: %d dashed lines and %d whisker series; want 2 (one per panel) and 0", boundLines, customs)
	}
}
