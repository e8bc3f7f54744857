package serving

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/scaling"
)

// Level is one concurrency level of a load test: N goroutines (or requests in flight), the requests
// per second they got and how long one request took, each with a 95% interval.
//
// Latency is measured when the experiment timed every request (Measurement.Curves, Measurement.Levels):
// the median request, with P99 and Mean beside it. Levels, which has only the runs' times, derives a
// mean instead by Little's law, L = λW: W = min(N, R)·T/R, and marks the level Derived — a derived
// latency restates the throughput and cannot test Little's law.
type Level struct {
	N          int
	Throughput bench.Interval // requests per second: R/T, from the median run time and its interval
	// Latency is in seconds: the median of the runs' median request latencies with its 95% interval over
	// runs; or, when Derived, the mean by Little's law with the interval the run time's gives.
	Latency bench.Interval
	// P99 and Mean are the 99th percentile and the mean of every request's latency, in seconds; 0 when
	// Derived. Requests counts the requests they come from.
	P99, Mean float64
	Requests  int
	// Rate is the throughput over all timed runs together — R·runs ÷ their total time, in requests per
	// second — the λ that goes with Mean in Little's law: Rate × Mean is the average number of requests
	// in flight over those runs. (Throughput, from the median run, is the one to compare levels by.)
	Rate float64
	// Derived marks a Latency computed from the throughput by Little's law, not measured.
	Derived bool
	Noisy   bool // the run time's interval is wide (see bench.Point.Noisy)
}

// Levels turns one curve of a sweep (bench.Result.Group of an HTTP task) into throughput and mean
// latency per level, given the requests each run sent; the latency is derived by Little's law (Level.Derived).
// Points without samples are skipped.
func Levels(points []bench.Point, requests int) ([]Level, error) {
	if requests < 1 {
		return nil, fmt.Errorf("serving: Levels: requests = %d; want the number of requests each run sent (at least 1)", requests)
	}
	var out []Level
	for _, p := range points {
		if p.Median <= 0 || p.Low <= 0 || p.High <= 0 {
			continue
		}
		r := float64(requests)
		busy := float64(min(p.Workers, requests))
		sec := func(d time.Duration) float64 { return d.Seconds() }
		var total time.Duration
		for _, d := range p.Samples {
			total += d
		}
		rate := 0.0
		if total > 0 {
			rate = r * float64(len(p.Samples)) / total.Seconds()
		}
		out = append(out, Level{
			N:          p.Workers,
			Throughput: bench.Interval{Value: r / sec(p.Median), Low: r / sec(p.High), High: r / sec(p.Low)},
			Latency:    bench.Interval{Value: busy * sec(p.Median) / r, Low: busy * sec(p.Low) / r, High: busy * sec(p.High) / r},
			Rate:       rate,
			Derived:    true,
			Noisy:      p.Noisy,
		})
	}
	if len(out) == 0 {
		return nil, errors.New("serving: Levels: no point has a measured time: the sweep measured nothing")
	}
	return out, nil
}

// At returns the level with N goroutines, and whether there is one.
func At(levels []Level, n int) (Level, bool) {
	for _, l := range levels {
		if l.N == n {
			return l, true
		}
	}
	return Level{}, false
}

// Throughputs returns the levels' throughputs as the points scaling.FitUSL and figure.USL take.
func Throughputs(levels []Level) []scaling.Point {
	pts := make([]scaling.Point, 0, len(levels))
	for _, l := range levels {
		pts = append(pts, scaling.Point{N: l.N, Value: l.Throughput.Value, Lower: l.Throughput.Low, Upper: l.Throughput.High})
	}
	return pts
}

// Table returns the levels as rows for nb.Table: goroutines, requests per second and mean latency
// in milliseconds, each with its interval.
func Table(levels []Level) (header []string, rows [][]string) {
	what := "median latency (ms, measured)"
	if len(levels) > 0 && levels[0].Derived {
		what = "mean latency (ms, derived by Little's law)"
	}
	header = []string{"goroutines N", "throughput (requests/s)", "95% interval", what, "95% interval"}
	for _, l := range levels {
		rows = append(rows, []string{
			fmt.Sprint(l.N),
			fmt.Sprintf("%.0f", l.Throughput.Value),
			fmt.Sprintf("%.0f – %.0f", l.Throughput.Low, l.Throughput.High),
			fmt.Sprintf("%.2f", 1000*l.Latency.Value),
			fmt.Sprintf("%.2f – %.2f", 1000*l.Latency.Low, 1000*l.Latency.High),
		})
	}
	return header, rows
}

// Curve is one line of a throughput and latency chart (figure.ThroughputLatency): the levels
// measured under one setting, named for the legend ("GOMAXPROCS=1").
type Curve struct {
	Name   string
	Levels []Level
	// Model marks a curve computed from a formula, not measured (see Experiment.Bound): it is drawn
	// dashed, without points or whiskers, and may have no levels (then it is not drawn).
	Model bool
}

// Curves turns a sweep of HTTP-style tasks (each run sending requests requests) into one curve per
// task and GOMAXPROCS, for figure.ThroughputLatency, with latencies derived by Little's law (see
// Measurement.Curves for measured ones). Curves are named by GOMAXPROCS, and, when the sweep has several
// tasks, by what comes before the first comma of the task's name ("event loop").
func Curves(res *bench.Result, requests int) ([]Curve, error) {
	return curves(res, requests, nil)
}

// curves is Curves; measured, when not nil, replaces the derived latencies of task under procs with
// measured ones where it has them.
func curves(res *bench.Result, requests int, measured func(lv []Level, task string, procs int)) ([]Curve, error) {
	if res == nil || len(res.Points) == 0 {
		return nil, fmt.Errorf("serving: Curves: the result is empty: nothing was measured")
	}
	if requests < 1 {
		return nil, fmt.Errorf("serving: Curves: requests = %d; want the number of requests each run sent (at least 1)", requests)
	}
	var tasks []string
	var procs []int
	seenT, seenP := map[string]bool{}, map[int]bool{}
	for _, p := range res.Points {
		if !seenT[p.Task] {
			seenT[p.Task] = true
			tasks = append(tasks, p.Task)
		}
		if !seenP[p.Procs] {
			seenP[p.Procs] = true
			procs = append(procs, p.Procs)
		}
	}
	var out []Curve
	for _, t := range tasks {
		for _, pr := range procs {
			group := res.Group(t, pr)
			if len(group) == 0 {
				continue
			}
			lv, err := Levels(group, requests)
			if err != nil {
				continue // a partial result: this curve has nothing yet
			}
			if measured != nil {
				measured(lv, t, pr)
			}
			name := fmt.Sprintf("GOMAXPROCS=%d", pr)
			if len(tasks) > 1 {
				model, _, _ := strings.Cut(t, ",")
				name = model + ", " + name
			}
			out = append(out, Curve{Name: name, Levels: lv})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("serving: Curves: no configuration has a measured time yet")
	}
	return out, nil
}
