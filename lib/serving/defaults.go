package serving

import (
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Defaults of notebook 02's experiments: each cell measures for at most about 5 s on the 2-core
// development machine at 5 ms latency with 6 trials (a cell, compiled, took 6–8 s at load average
// 8), and about 3 s in quick mode (workload.Quick).
var (
	// DefaultRequests is how many requests one timed run sends.
	DefaultRequests = 32
	// DefaultGoroutines are the client goroutine counts of the overlap experiment.
	DefaultGoroutines = pick([]int{1, 4, 8, 16, 32}, []int{1, 4, 16})
	// DefaultLevels are the concurrency levels of the capacity experiment: at least
	// scaling.MinUSLPoints distinct, far past the cores of a laptop.
	DefaultLevels = pick([]int{1, 2, 4, 8, 16, 32, 48}, []int{1, 2, 4, 8, 16, 32})
	// DefaultLoopRequests and DefaultInFlight size the event loop vs goroutines experiment.
	DefaultLoopRequests = pick(12, 8)
	DefaultInFlight     = pick([]int{1, 4, 12}, []int{1, 4, 8})
)

func pick[T any](normal, quick T) T {
	if workload.Quick() {
		return quick
	}
	return normal
}

// Curves turns a sweep of HTTP-style tasks (each run sending requests requests) into one curve per
// task and GOMAXPROCS, for chart.ThroughputLatency. Curves are named by GOMAXPROCS, and, when the
// sweep has several tasks, by what comes before the first comma of the task's name ("event
// loop").
func Curves(res *bench.Result, requests int) ([]Curve, error) {
	if res == nil || len(res.Points) == 0 {
		return nil, fmt.Errorf("serving: Curves: the result is empty: nothing was measured")
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
