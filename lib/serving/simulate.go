package serving

import (
	"fmt"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

// Simulation is a simulated web server run by an event loop and by goroutines (see Simulate).
type Simulation struct {
	// Runs are the models in order: event loop, goroutines on one core, goroutines on cores cores.
	Runs []SimRun
	// Slow is the request whose handler computes for long (0-based).
	Slow int
}

// SimRun is one model's simulated run.
type SimRun struct {
	Model    string
	Timeline timeline.Timeline
	// Response[i] is request i's response time: from its arrival to its last phase's end.
	Response []time.Duration
}

// Simulate runs the lib/sim web server — a request arrives every 2 ms, parses (0.5 ms of CPU),
// waits for a database (10 ms) and renders its page (1 ms of CPU) — where one request, a quarter
// of the way in, renders for slow instead (a big report), three ways:
//
//   - an event loop: one thread, and each callback (parse, render) runs to completion, as in
//     Node.js: nothing else runs while the report renders;
//   - goroutines on one core: Go preempts a goroutine that has computed for 10 ms while others
//     wait, so the report is cut into slices and the others get turns between them;
//   - goroutines on cores cores (at least 2): the report occupies one core, the others go on.
//
// Everything is simulated (deterministic, no time measured): it shows the models, not a machine.
// requests is from 2 to 200, slow from 0 to 1 s, cores from 2 to 64.
func Simulate(requests int, slow time.Duration, cores int) (Simulation, error) {
	switch {
	case requests < 2 || requests > 200:
		return Simulation{}, fmt.Errorf("serving: Simulate: requests = %d is not allowed: want 2 to 200", requests)
	case slow < 0 || slow > time.Second:
		return Simulation{}, fmt.Errorf("serving: Simulate: slow = %v is not allowed: want 0 to 1s", slow)
	case cores < 2 || cores > 64:
		return Simulation{}, fmt.Errorf("serving: Simulate: cores = %d is not allowed: want 2 to 64", cores)
	}
	const ms = time.Millisecond
	s := Simulation{Slow: requests / 4}
	tasks := make([]sim.Task, requests)
	for i := range tasks {
		render := sim.Compute("render", ms)
		name := fmt.Sprintf("request %d", i+1)
		if i == s.Slow {
			render = sim.Compute("render the report", slow)
			name = fmt.Sprintf("request %d (report)", i+1)
		}
		tasks[i] = sim.Task{Name: name, Arrive: time.Duration(i) * 2 * ms,
			Phases: []sim.Phase{sim.Compute("parse", ms/2), sim.Wait("database", 10*ms), render}}
	}
	models := []struct {
		name string
		cfg  sim.Config
	}{
		{"event loop: one thread, callbacks run to completion", sim.Config{Cores: 1, LaneName: "loop thread"}},
		{"goroutines, GOMAXPROCS=1 (preempted after 10 ms)", sim.Config{Cores: 1, Quantum: 10 * ms, LaneName: "core"}},
		{fmt.Sprintf("goroutines, GOMAXPROCS=%d", cores), sim.Config{Cores: cores, Quantum: 10 * ms, LaneName: "core"}},
	}
	for _, m := range models {
		r, err := sim.Run(m.cfg, tasks)
		if err != nil {
			return Simulation{}, fmt.Errorf("serving: Simulate: %w", err)
		}
		r.Timeline.Title = m.name
		run := SimRun{Model: m.name, Timeline: r.Timeline}
		for i, d := range r.Done {
			run.Response = append(run.Response, d-tasks[i].Arrive)
		}
		s.Runs = append(s.Runs, run)
	}
	return s, nil
}

// Timelines returns the runs' timelines, for chart.GanttStack.
func (s Simulation) Timelines() []timeline.Timeline {
	out := make([]timeline.Timeline, len(s.Runs))
	for i, r := range s.Runs {
		out[i] = r.Timeline
	}
	return out
}

// Table returns, per model, the median and worst response time of the ordinary requests, the
// report's, and when the last request finished, as rows for nb.Table.
func (s Simulation) Table() (header []string, rows [][]string) {
	header = []string{"model (simulated)", "median response, other requests (ms)", "worst response, other requests (ms)", "the report's response (ms)", "all done after (ms)"}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	for _, r := range s.Runs {
		var others []time.Duration
		for i, d := range r.Response {
			if i != s.Slow {
				others = append(others, d)
			}
		}
		slices.Sort(others)
		rows = append(rows, []string{r.Model, ms(others[len(others)/2]), ms(others[len(others)-1]), ms(r.Response[s.Slow]), ms(r.Timeline.Span)})
	}
	return header, rows
}
