package nb

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/parlab/parlab/lib/bench"
)

// SpeedupAt returns the speedup measured with the given number of workers — of the result's first task,
// under its first GOMAXPROCS — and whether the result has that point.
func SpeedupAt(res *bench.Result, workers int) (bench.Interval, bool) {
	if res == nil || len(res.Points) == 0 {
		return bench.Interval{}, false
	}
	first := res.Points[0]
	for _, p := range res.Points {
		if p.Task == first.Task && p.Procs == first.Procs && p.Workers == workers && p.Speedup.Value > 0 {
			return p.Speedup, true
		}
	}
	return bench.Interval{}, false
}

// Describe says in plain words what a sweep measured on this machine: for the first task, under each
// GOMAXPROCS it was run with, the best speedup and where it came, and what the points past GOMAXPROCS
// did. The text is built from the measurements, never from expectations.
func Describe(res *bench.Result) string {
	if res == nil || len(res.Points) == 0 {
		return "Nothing was measured."
	}
	first := res.Points[0]
	var procs []int
	for _, p := range res.Points {
		if p.Task == first.Task && (len(procs) == 0 || procs[len(procs)-1] != p.Procs) {
			procs = append(procs, p.Procs)
		}
	}
	var parts []string
	for _, pr := range procs {
		parts = append(parts, describeGroup(res, first.Task, pr))
	}
	text := strings.Join(parts, " ")
	for _, p := range res.Points {
		if p.Task == first.Task && p.Noisy {
			text += " Some intervals are wide (the runs disagreed, often because other programs were busy), so differences of a few percent may not be real."
			break
		}
	}
	if res.Partial {
		text += " *This result is partial: the run was interrupted.*"
	}
	return text
}

// describeGroup describes one task under one GOMAXPROCS.
func describeGroup(res *bench.Result, task string, procs int) string {
	var pts []bench.Point
	for _, p := range res.Points {
		if p.Task == task && p.Procs == procs && p.Speedup.Value > 0 {
			pts = append(pts, p)
		}
	}
	if len(pts) < 2 {
		return fmt.Sprintf("With GOMAXPROCS = %d only one configuration has a speedup, so there is nothing to compare yet.", procs)
	}
	cores := procs
	if cores == 0 {
		cores = runtime.GOMAXPROCS(0)
	}
	best := pts[0]
	for _, p := range pts {
		if p.Speedup.Value > best.Speedup.Value {
			best = p
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "With GOMAXPROCS = %d, the best speedup was **%.2f×** (95%% interval %.2f–%.2f) with %d goroutine%s",
		cores, best.Speedup.Value, best.Speedup.Low, best.Speedup.High, best.Workers, plural(best.Workers))
	if best.Workers > 1 {
		fmt.Fprintf(&b, ", an efficiency of %.0f%%", 100*best.Efficiency.Value)
	}
	b.WriteString(".")
	var atCores *bench.Point
	for i := range pts {
		if pts[i].Workers == cores {
			atCores = &pts[i]
		}
	}
	if atCores != nil {
		for _, p := range pts {
			if p.Workers <= cores {
				continue
			}
			gain := p.Speedup.Value/atCores.Speedup.Value - 1
			overlap := p.Speedup.Low <= atCores.Speedup.High && atCores.Speedup.Low <= p.Speedup.High
			who := fmt.Sprintf(" %d goroutines — more than the %d that can run at once — were", p.Workers, cores)
			switch {
			case overlap || (gain >= -0.05 && gain <= 0.05):
				fmt.Fprintf(&b, "%s not clearly faster than %d (the intervals overlap or differ by under 5%%): the extra goroutines only took turns.", who, cores)
			case gain > 0:
				fmt.Fprintf(&b, "%s %.0f%% faster than %d, beyond the noise: with more goroutines the work was cut finer, so no core sat idle waiting for the last, uneven piece.", who, 100*gain, cores)
			default:
				fmt.Fprintf(&b, "%s %.0f%% slower than %d: they only took turns, and switching cost time.", who, -100*gain, cores)
			}
			break
		}
	}
	return b.String()
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
