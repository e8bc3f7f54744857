package figure

import (
	"math"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/falseshare"
	"github.com/parlab/parlab/lib/racy"
	"github.com/parlab/parlab/lib/serving"
)

func errOf(_ chart.Figure, err error) error { return err }

func TestThroughputLatency(t *testing.T) {
	fig, err := ThroughputLatency("", "HTTP, 5 ms latency", loadCurves()...)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := ct.Axis(m, "yAxis", 0)["name"]; got != "throughput (requests/s)" {
		t.Errorf("left y axis = %q", got)
	}
	if got := ct.Axis(m, "yAxis", 1)["name"]; got != "mean latency (ms)" {
		t.Errorf("right y axis = %q", got)
	}
	if x := ct.Axis(m, "xAxis", 1); x["type"] != "log" || x["logBase"] != 2.0 || x["max"] != 32.0 || x["name"] != "N, requests in flight (goroutines, log scale)" {
		t.Errorf("x axis = %v; want a log₂ axis of goroutines up to 32", x)
	}
	lines := ct.Series(m, "line")
	if len(lines) != 4 {
		t.Errorf("got %d lines; want 2 curves × 2 panels", len(lines))
	}
	for _, s := range lines {
		if s["yAxisIndex"] == 1.0 {
			v := s["data"].([]any)[0].(map[string]any)["value"].([]any)[1].(float64)
			if math.Abs(v-1000.0/180) > 1e-3 && math.Abs(v-1000.0/185) > 1e-3 {
				t.Errorf("first latency point = %g ms; want 1000/180 or 1000/185", v)
			}
		}
	}
	if fig.Title != "Throughput and latency vs goroutines" {
		t.Errorf("default title = %q", fig.Title)
	}
	if titles := ct.Titles(m); !strings.Contains(titles, "derived by Little's law") {
		t.Errorf("titles %q; want derived latencies labelled as derived", titles)
	}
}

// TestThroughputLatencyMeasured: timed requests are drawn as the median (with its interval) and the
// 99th percentile, dashed in the same colour, and nothing calls them derived (issue 12, item 10).
func TestThroughputLatencyMeasured(t *testing.T) {
	curves := loadCurves()
	for i := range curves {
		for j := range curves[i].Levels {
			l := &curves[i].Levels[j]
			l.Derived, l.P99, l.Mean, l.Requests = false, 2*l.Latency.Value, 1.1*l.Latency.Value, 96
		}
	}
	fig, err := ThroughputLatency("", "", curves...)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := ct.Axis(m, "yAxis", 1)["name"]; got != "latency (ms)" {
		t.Errorf("right y axis = %q; want latency (ms)", got)
	}
	var p99 []map[string]any
	colours := map[string]any{}
	for _, s := range ct.Series(m, "line") {
		name := s["name"].(string)
		if strings.HasSuffix(name, ", p99") {
			p99 = append(p99, s)
			if s["lineStyle"].(map[string]any)["type"] != "dashed" {
				t.Errorf("%s is not dashed", name)
			}
		}
		if c, ok := s["itemStyle"].(map[string]any); ok {
			colours[name] = c["color"]
		}
	}
	if len(p99) != 2 {
		t.Errorf("%d p99 lines; want one per curve", len(p99))
	}
	if colours["GOMAXPROCS=1"] == nil || colours["GOMAXPROCS=1"] != colours["GOMAXPROCS=1, p99"] {
		t.Errorf("colours %v; want each p99 line in its median's colour", colours)
	}
	if titles := ct.Titles(m); strings.Contains(titles, "derived") || !strings.Contains(titles, "99th percentile") {
		t.Errorf("titles %q; want measured latencies named as such", titles)
	}
}

func TestThroughputLatencyModelAndBadInput(t *testing.T) {
	curves := loadCurves()[:1]
	bound := serving.Curve{Name: "bound", Model: true, Levels: curves[0].Levels}
	empty := serving.Curve{Name: "no bound", Model: true}
	fig, err := ThroughputLatency("t", "", append(curves, bound, empty)...)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	dashed := 0
	for _, s := range ct.Series(m, "") {
		switch {
		case s["name"] == "no bound":
			t.Error("an empty model curve was drawn")
		case s["name"] == "bound" && s["type"] == "custom":
			t.Error("a model curve has whiskers")
		case s["name"] == "bound" && s["lineStyle"].(map[string]any)["type"] == "dashed":
			dashed++
		}
	}
	if dashed != 2 {
		t.Errorf("bound: %d dashed lines; want 2 (one per panel)", dashed)
	}
	bad := loadCurves()[:1]
	bad[0].Levels[2].Throughput.Value = math.NaN()
	for _, tt := range []struct {
		err  error
		want string
	}{
		{errOf(ThroughputLatency("t", "")), "no curves"},
		{errOf(ThroughputLatency("t", "", serving.Curve{Name: "empty"})), `"empty" has no levels`},
		{errOf(ThroughputLatency("t", "", bad...)), "N = 4"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("error %v; want one containing %q", tt.err, tt.want)
		}
	}
}

func TestContention(t *testing.T) {
	fig, err := Contention(contentionResult())
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if x, y := ct.Axis(m, "xAxis", 0)["name"], ct.Axis(m, "yAxis", 0)["name"]; x != "goroutines sharing one counter (goroutines, log scale)" || y != "wall time per increment (ns, log scale)" {
		t.Errorf("axis titles %q, %q", x, y)
	}
	if x, y := ct.Axis(m, "xAxis", 0)["logBase"], ct.Axis(m, "yAxis", 0)["logBase"]; x != 2.0 || y != 10.0 {
		t.Errorf("log bases %v, %v; want 2 (goroutines 1, 2, 4) and 10 (ns)", x, y)
	}
	got := strings.Join(names(m, "line"), "; ")
	if want := "mutex, GOMAXPROCS=1; mutex, GOMAXPROCS=2; channel, GOMAXPROCS=1; channel, GOMAXPROCS=2"; got != want {
		t.Errorf("lines %q; want %q", got, want)
	}
	dashed := 0
	for _, s := range ct.Series(m, "line") {
		if s["lineStyle"].(map[string]any)["type"] == "dashed" {
			dashed++
		}
	}
	if dashed != 2 || !strings.Contains(ct.Titles(m), "Test CPU") {
		t.Errorf("%d dashed lines, titles %q; want the 2 at GOMAXPROCS=1 dashed and the machine named", dashed, ct.Titles(m))
	}
}

func TestLostUpdates(t *testing.T) {
	fig, err := LostUpdates(lostResults()...)
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	cats := ct.Axis(m, "xAxis", 0)["data"].([]any)
	// Largest loss 950 of 2000 = 47.5%: bins of 5% (47.5/2 > 20 bins at 2%), so none + 10 bins.
	if len(cats) != 11 || cats[0] != "none" || cats[1] != "0–5%" || cats[10] != "45–50%" {
		t.Errorf("categories %v; want none, 0–5%%, …, 45–50%%", cats)
	}
	// 0, 0 → none; 12/2000 = 0.6% → 0–5%; 400/2000 = 20% → 15–20%; 950/2000 = 47.5% → 45–50%.
	want := map[int]float64{0: 2, 1: 1, 4: 1, 10: 1}
	for i, d := range ct.Series(m, "bar")[0]["data"].([]any) {
		if v := d.(map[string]any)["value"].(float64); v != want[i] {
			t.Errorf("GOMAXPROCS=2 bin %d (%v) has %v runs; want %v", i, cats[i], v, want[i])
		}
	}
	if got := names(m, "bar"); got[0] != "GOMAXPROCS=2 (5 runs)" || got[1] != "GOMAXPROCS=1 (4 runs)" {
		t.Errorf("series %q", got)
	}
	if x, y := ct.Axis(m, "xAxis", 0)["name"], ct.Axis(m, "yAxis", 0)["name"]; x != "updates lost in one run (% of its increments)" || y != "runs" {
		t.Errorf("axis titles %q, %q", x, y)
	}
}

func TestFalseSharing(t *testing.T) {
	fig, err := FalseSharing(falseResult())
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if y := ct.Axis(m, "yAxis", 0)["name"]; y != "wall time per increment (ns)" {
		t.Errorf("y axis %q", y)
	}
	if got := strings.Join(names(m, "bar"), "; "); got != "adjacent; padded 64 B; padded 128 B" {
		t.Errorf("bar series %q", got)
	}
	if cats := ct.Axis(m, "xAxis", 0)["data"].([]any); len(cats) != 6 || cats[3] != "adjacent\n2 goroutines" {
		t.Errorf("categories %q", cats)
	}
	if !strings.Contains(ct.Titles(m), "3.50×") {
		t.Error("the subtitle lacks the ratio 3.50×")
	}
}

func TestCompare(t *testing.T) {
	fig, err := Compare(comparison())
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if x := ct.Axis(m, "xAxis", 0); x["name"] != "median time (ms, log scale)" || x["type"] != "log" {
		t.Errorf("time axis %v; want a log axis in ms", x)
	}
	if got := ct.Axis(m, "yAxis", 0)["data"].([]any); len(got) != 2 || got[1] != "Go, 2 goroutines" {
		t.Errorf("categories %v", got)
	}
	r := ct.Eval(t, fig, "")
	if len(r.Tips) == 0 || !strings.Contains(r.Tips[0], "95% interval 390 – 420 ms") {
		t.Errorf("tooltips %q; want the first bar's interval", r.Tips)
	}
	if fig.Title != "sum of squares" {
		t.Errorf("title %q", fig.Title)
	}
}

func TestMeasureFiguresBadInput(t *testing.T) {
	noMedian := comparison()
	noMedian.Entries[1].Median = 0
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"nil contention", errOf(Contention(nil)), "counter.Measure"},
		{"empty contention", errOf(Contention(&counter.Contention{})), "no measurements"},
		{"no results", errOf(LostUpdates()), "at least one result"},
		{"no runs", errOf(LostUpdates(racy.Result{Config: racy.Config{Goroutines: 2, Each: 10}})), "no runs"},
		{"no bars", errOf(FalseSharing(falseshare.Result{})), "no bars"},
		{"nil comparison", errOf(Compare(nil)), "empty"},
		{"no median", errOf(Compare(noMedian)), `"Go, 2 goroutines" has no measurements`},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.want)
		}
	}
}
