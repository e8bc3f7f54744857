package chart

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// sweepResult is a made-up result: two GOMAXPROCS values, workers 1, 2, 4, times in ms.
func sweepResult(partial bool) *bench.Result {
	res := &bench.Result{Env: bench.Env{CPUModel: "Test CPU", NumCPU: 2, GoVersion: "go1.26.8"}, Trials: 10, Partial: partial}
	for _, procs := range []int{1, 2} {
		for _, w := range []int{1, 2, 4} {
			med := 100 * time.Millisecond
			if procs == 2 && w > 1 {
				med = 52 * time.Millisecond
			}
			s := float64(100*time.Millisecond) / float64(med)
			res.Points = append(res.Points, bench.Point{
				Config:  bench.Config{Task: "sum of squares, n=100000000", Workers: w, Procs: procs},
				Samples: make([]time.Duration, 10), Median: med, Low: med - time.Millisecond, High: med + 2*time.Millisecond,
				Speedup:    bench.Interval{Value: s, Low: s * 0.97, High: s * 1.02},
				Efficiency: bench.Interval{Value: s / float64(w), Low: s * 0.97 / float64(w), High: s * 1.02 / float64(w)},
				Noisy:      w == 4,
			})
		}
	}
	return res
}

// parseOption turns an option with our two JavaScript functions back into JSON.
func parseOption(t *testing.T, option string) map[string]any {
	t.Helper()
	return optionJSON(t, option, tooltipJS)
}

func TestSweepCharts(t *testing.T) {
	tests := []struct {
		name  string
		build func(*bench.Result) (Figure, error)
		yAxis string
		ideal bool
	}{
		{"Times", Times, "median time per run (ms)", false},
		{"Speedup", Speedup, "speedup T(1)/T(N) (×)", true},
		{"Efficiency", Efficiency, "efficiency speedup/N (%)", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig, err := tt.build(sweepResult(false))
			if err != nil {
				t.Fatal(err)
			}
			m := parseOption(t, fig.Option)
			x := m["xAxis"].(map[string]any)["name"]
			y := m["yAxis"].(map[string]any)["name"]
			if x != "workers (goroutines)" || y != tt.yAxis {
				t.Errorf("axis titles %q, %q; want %q, %q", x, y, "workers (goroutines)", tt.yAxis)
			}
			var names []string
			lines, bars := 0, 0
			for _, s := range m["series"].([]any) {
				s := s.(map[string]any)
				switch s["type"] {
				case "line":
					lines++
					names = append(names, s["name"].(string))
				case "custom":
					bars++
					if s["renderItem"] != "whisker" {
						t.Errorf("custom series %q draws with %v; want the whisker function", s["name"], s["renderItem"])
					}
				}
			}
			want := []string{"GOMAXPROCS=1", "GOMAXPROCS=2"}
			if tt.ideal {
				want = append(want, "ideal")
			}
			if strings.Join(names, "|") != strings.Join(want, "|") || bars != 2 {
				t.Errorf("lines %q and %d whisker series; want %q and 2", names, bars, want)
			}
			legend := m["legend"].(map[string]any)
			if legend["show"] != true {
				t.Error("legend hidden; want it shown for more than one series")
			}
			if title := m["title"].(map[string]any); title["text"] == "" || !strings.Contains(title["subtext"].(string), "2 logical CPUs") {
				t.Errorf("title %v; want a title and the machine in the subtitle", title)
			}
			if !strings.Contains(fig.Option, `"symbol":"emptyCircle"`) {
				t.Error("noisy points are not marked")
			}
		})
	}
}

func TestSweepChartUnitsAndPartial(t *testing.T) {
	res := sweepResult(true)
	for i := range res.Points {
		res.Points[i].Median /= 1000 // 100 µs
		res.Points[i].High /= 1000
		res.Points[i].Low /= 1000
	}
	fig, err := Times(res)
	if err != nil {
		t.Fatal(err)
	}
	m := parseOption(t, fig.Option)
	if y := m["yAxis"].(map[string]any)["name"]; y != "median time per run (µs)" {
		t.Errorf("y axis %q for ≈100 µs; want µs", y)
	}
	if sub := m["title"].(map[string]any)["subtext"].(string); !strings.Contains(sub, "PARTIAL") {
		t.Errorf("subtitle %q of a partial result; want it marked PARTIAL", sub)
	}
}

func TestSweepChartBadInput(t *testing.T) {
	noBaseline := sweepResult(true)
	for i := range noBaseline.Points {
		noBaseline.Points[i].Speedup = bench.Interval{}
	}
	for _, tt := range []struct {
		name  string
		build func(*bench.Result) (Figure, error)
		res   *bench.Result
		want  string
	}{
		{"nil", Times, nil, "result is nil"},
		{"empty", Speedup, &bench.Result{}, "no measurements"},
		{"no baseline", Speedup, noBaseline, "no one-worker baseline"},
	} {
		_, err := tt.build(tt.res)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestSweepChartIsJavaScript evaluates each option with Node, when it is installed, so a syntax
// error in the embedded functions is caught without a browser.
func TestSweepChartIsJavaScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	var src strings.Builder
	for _, build := range []func(*bench.Result) (Figure, error){Times, Speedup, Efficiency} {
		fig, err := build(sweepResult(false))
		if err != nil {
			t.Fatal(err)
		}
		src.WriteString("var o = (" + fig.Option + ");\n" +
			"if (typeof o.series[1].renderItem !== 'function' || typeof o.tooltip.formatter !== 'function') throw new Error('functions missing');\n" +
			"console.log(o.tooltip.formatter({marker: '', seriesName: 's', data: o.series[0].data[0]}));\n")
	}
	file := filepath.Join(t.TempDir(), "option.js")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "95% interval") {
		t.Errorf("node: %v\n%s", err, out)
	}
}
