package serving

import (
	"fmt"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// Defaults of notebook 02's experiments, at 5 ms latency with 6 trials: on the 2-core development
// machine at load average 9 (other test runs), 32 requests per run over 1–32 goroutines under two
// GOMAXPROCS measured for 6.6 s, so each experiment is now about half that; quick mode
// (workload.Quick) is smaller still.
var (
	// DefaultRequests is how many requests one timed run sends.
	DefaultRequests = 16
	// DefaultGoroutines are the client goroutine counts of the overlap experiment.
	DefaultGoroutines = pick([]int{1, 2, 4, 8, 16}, []int{1, 4, 16})
	// DefaultLevels are the concurrency levels of the capacity experiment: at least
	// scaling.MinUSLPoints distinct, far past the cores of a laptop.
	DefaultLevels = pick([]int{1, 2, 4, 8, 16, 24, 32}, []int{1, 2, 4, 8, 16, 32})
	// DefaultLoopRequests and DefaultInFlight size the event loop vs goroutines experiment.
	DefaultLoopRequests = pick(8, 6)
	DefaultInFlight     = pick([]int{1, 4, 8}, []int{1, 3, 6})
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
