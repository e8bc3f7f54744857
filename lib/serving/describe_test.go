package serving

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/scaling"
)

// level is a level whose latency is derived by Little's law, as Levels gives it.
func level(n int, x float64) Level {
	return Level{N: n, Throughput: bench.Interval{Value: x, Low: x, High: x},
		Latency: bench.Interval{Value: float64(n) / x, Low: float64(n) / x, High: float64(n) / x}, Derived: true}
}

// timed is a level whose latencies were measured request by request: median, p99 and mean in ms.
func timed(n int, x, median, p99, mean float64) Level {
	return Level{N: n, Throughput: bench.Interval{Value: x, Low: x, High: x},
		Latency: bench.Interval{Value: median / 1000, Low: median / 1000, High: median / 1000}, P99: p99 / 1000, Mean: mean / 1000, Requests: 96, Rate: 0.98 * x}
}

// TestDescribeMeasuredLatency: with every request timed, the text gives the median and the p99, and
// checks Little's law L = λW with both sides measured (issue 12, item 10).
func TestDescribeMeasuredLatency(t *testing.T) {
	one := Curve{Name: "GOMAXPROCS=1", Levels: []Level{timed(1, 180, 5.4, 6.0, 5.5), timed(16, 2400, 6.1, 9.8, 6.5)}}
	got := DescribeOverlap([]Curve{one}, 5*time.Millisecond)
	for _, want := range []string{"6.1 ms (median; p99 9.8 ms)", "5.4 ms (median; p99 6.0 ms)", "L = λW", "λ = 2352 requests/s", "W = 6.50 ms", "**15.3** requests in flight", "16 goroutines kept at most 16"} {
		if !strings.Contains(got, want) {
			t.Errorf("DescribeOverlap = %q\nwant it to contain %q", got, want)
		}
	}
	if strings.Contains(got, "derived") {
		t.Errorf("DescribeOverlap = %q; measured latencies must not be called derived", got)
	}
	lv := []Level{timed(1, 180, 5.4, 6, 5.5), timed(16, 1500, 10.5, 14, 11), timed(48, 1450, 31, 40, 32)}
	got = DescribeCapacity(lv, scaling.USLFit{}, 8, 5*time.Millisecond)
	if !strings.Contains(got, "**31.0 ms (median; p99 40.0 ms)** with 48 goroutines") {
		t.Errorf("DescribeCapacity = %q; want the measured median and p99 at 48 goroutines", got)
	}
}

func TestDescribeOverlap(t *testing.T) {
	one := Curve{Name: "GOMAXPROCS=1", Levels: []Level{level(1, 180), level(16, 2400), level(32, 2000)}}
	all := Curve{Name: "GOMAXPROCS=2", Levels: []Level{level(1, 182), level(16, 2500), level(32, 3500)}}
	got := DescribeOverlap([]Curve{one, all}, 5*time.Millisecond)
	for _, want := range []string{"**one core (GOMAXPROCS=1)**", "**180 requests/s**", "1/5ms = 200", "16 goroutines got **2400 requests/s**", "**13.3×**",
		"Past 16 goroutines it fell (2000 requests/s with 32 goroutines)", "**all 2 cores (GOMAXPROCS=2)**", "1.04×", "hardly mattered"} {
		if !strings.Contains(got, want) {
			t.Errorf("DescribeOverlap = %q\nwant it to contain %q", got, want)
		}
	}
	all.Levels[1] = level(16, 4000)
	if got := DescribeOverlap([]Curve{one, all}, 5*time.Millisecond); !strings.Contains(got, "more cores help") {
		t.Errorf("with 1.67× on all cores: %q; want it to say more cores help", got)
	}
	if got := DescribeOverlap([]Curve{one}, 0); !strings.Contains(got, "no wait to overlap") || strings.Contains(got, "Inf") {
		t.Errorf("latency 0: %q; want it to say there is no wait, and no infinity", got)
	}
	flat := Curve{Name: "GOMAXPROCS=1", Levels: []Level{level(1, 19000), level(16, 6000)}}
	slower := Curve{Name: "GOMAXPROCS=2", Levels: []Level{level(1, 13000), level(16, 5000)}}
	got = DescribeOverlap([]Curve{flat, slower}, 0)
	for _, want := range []string{"more goroutines got no more", "Past 1 goroutine it fell", "0.68×", "fewer than on one core"} {
		if !strings.Contains(got, want) {
			t.Errorf("no overlap, slower on 2 cores: %q\nwant it to contain %q", got, want)
		}
	}
	if got := DescribeOverlap(nil, time.Millisecond); got != "Nothing measured yet." {
		t.Errorf("no curves: %q", got)
	}
}

// TestOneCore checks the overlap and event-loop texts and the overlap title on 1, 2, 16 and 64
// cores: on one core there is one line, and the text says so instead of dropping the comparison.
func TestOneCore(t *testing.T) {
	for _, cores := range []int{1, 2, 16, 64} {
		procs := []int{1}
		if cores > 1 {
			procs = append(procs, cores)
		}
		var overlap, loop []Curve
		for _, p := range procs {
			name := fmt.Sprintf("GOMAXPROCS=%d", p)
			overlap = append(overlap, Curve{Name: name, Levels: []Level{level(1, 180), level(16, 2400)}})
			loop = append(loop, Curve{Name: "event loop, " + name, Levels: []Level{level(6, 500)}},
				Curve{Name: "goroutine per request, " + name, Levels: []Level{level(6, 520)}})
		}
		withBound := append(overlap, Curve{Name: "bound: N ÷ latency (Little's law)", Model: true})
		one := cores == 1
		if got := OneCore(withBound); got != one {
			t.Errorf("%d cores: OneCore = %v; want %v", cores, got, one)
		}
		title := OverlapTitle(withBound)
		if strings.Contains(title, "one core or all") == one {
			t.Errorf("%d cores: OverlapTitle = %q", cores, title)
		}
		d := DescribeOverlap(overlap, 5*time.Millisecond)
		if says := strings.Contains(d, "gives Go **one core**"); says != one {
			t.Errorf("%d cores: DescribeOverlap = %q; saying one core: %v, want %v", cores, d, says, one)
		}
		if all := fmt.Sprintf("**all %d cores (GOMAXPROCS=%d)**", cores, cores); !one && !strings.Contains(d, all) {
			t.Errorf("%d cores: DescribeOverlap = %q; want it to compare with %s", cores, d, all)
		}
		l := DescribeLoop(loop)
		if says := strings.Contains(l, "gives Go **one core**"); says != one {
			t.Errorf("%d cores: DescribeLoop = %q; saying one core: %v, want %v", cores, l, says, one)
		}
		if n := strings.Count(l, "under **GOMAXPROCS="); n != len(procs) {
			t.Errorf("%d cores: DescribeLoop = %q; want %d comparisons", cores, l, len(procs))
		}
	}
	if OneCore(nil) || OneCore([]Curve{{Name: "bound", Model: true}}) {
		t.Errorf("OneCore with no measured curve: true; want false")
	}
}

func TestDescribeCapacity(t *testing.T) {
	lv := []Level{level(1, 180), level(8, 1400), level(16, 1450), level(48, 1300)}
	fit := scaling.USLFit{USL: scaling.USL{Sigma: 0.02, Kappa: 0.004, Lambda: 190}, R2: 0.99, Points: 7}
	got := DescribeCapacity(lv, fit, 8, 5*time.Millisecond)
	for _, want := range []string{"8 / 5ms = **1600 requests/s**", "**1450 requests/s** with 16 goroutines (91% of that ceiling)",
		"with 48 goroutines it was 1300 requests/s", "5.6 ms on average (derived by Little's law) with 1 goroutine", "**36.9 ms on average (derived by Little's law)** with 48", "σ = 0.02", "peaks at N* = 15"} {
		if !strings.Contains(got, want) {
			t.Errorf("DescribeCapacity = %q\nwant it to contain %q", got, want)
		}
	}
	if got := DescribeCapacity(lv, fit, 8, 0); !strings.Contains(got, "answers at once") || strings.Contains(got, "Inf") {
		t.Errorf("latency 0: %q; want it to say the server answers at once, and no infinity", got)
	}
	fit.Kappa, fit.Warning = 0, "only 4 points"
	got = DescribeCapacity(lv[:2], fit, 8, 5*time.Millisecond)
	for _, want := range []string{"still rising", "never falls", "**Caution:** only 4 points"} {
		if !strings.Contains(got, want) {
			t.Errorf("DescribeCapacity = %q\nwant it to contain %q", got, want)
		}
	}
}

func TestDescribeLoop(t *testing.T) {
	curves := []Curve{
		{Name: "goroutine per request, GOMAXPROCS=1", Levels: []Level{level(1, 150), level(12, 900)}},
		{Name: "goroutine per request, GOMAXPROCS=2", Levels: []Level{level(1, 150), level(12, 1600)}},
		{Name: "event loop, GOMAXPROCS=1", Levels: []Level{level(1, 150), level(12, 880)}},
		{Name: "event loop, GOMAXPROCS=2", Levels: []Level{level(1, 150), level(12, 950)}},
	}
	got := DescribeLoop(curves)
	for _, want := range []string{"under **GOMAXPROCS=1**, with 12 requests in flight, the event loop got 880 requests/s and a goroutine per request 900: about the same",
		"under **GOMAXPROCS=2**", "the goroutines got **1.7×** as many"} {
		if !strings.Contains(got, want) {
			t.Errorf("DescribeLoop = %q\nwant it to contain %q", got, want)
		}
	}
	if got := DescribeLoop(curves[:1]); !strings.Contains(got, "Nothing to compare") {
		t.Errorf("one model only: %q", got)
	}
}
