package sim

import (
	"fmt"
	"slices"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// Models is the WebServer scenario with one slow request, run by an event loop and by goroutines (see
// EventLoop).
type Models struct {
	// Runs are the models in order: event loop, goroutines on one core, goroutines on several cores.
	Runs []ModelRun
	// Slow is the request whose handler computes for long (0-based).
	Slow int
}

// ModelRun is one model's simulated run.
type ModelRun struct {
	Model    string
	Timeline timeline.Timeline
	// Response[i] is request i's response time: from its arrival to its last phase's end.
	Response []time.Duration
}

// EventLoop runs the WebServer scenario — a request arrives every 2 ms, parses (0.5 ms of CPU), waits
// for a database (10 ms) and renders its page (1 ms of CPU) — where one request, a quarter of the way
// in, renders for slow instead (a big report), three ways:
//
//   - an event loop: one thread, and each callback (parse, render) runs to completion, as in
//     Node.js: nothing else runs while the report renders;
//   - goroutines on one core: Go preempts a goroutine that has computed for 10 ms while others
//     wait, so the report is cut into slices and the others get turns between them;
//   - goroutines on cores cores (at least 2): the report occupies one core, the others go on.
//
// Everything is simulated (deterministic, no time measured): it shows the models, not a machine.
// requests is from 2 to 200, slow from 0 to 1 s, cores from 2 to 64.
func EventLoop(requests int, slow time.Duration, cores int) (Models, error) {
	switch {
	case requests < 2 || requests > 200:
		return Models{}, fmt.Errorf("sim: EventLoop: requests = %d is not allowed: want 2 to 200", requests)
	case slow < 0 || slow > time.Second:
		return Models{}, fmt.Errorf("sim: EventLoop: slow = %v is not allowed: want 0 to 1s", slow)
	case cores < 2 || cores > 64:
		return Models{}, fmt.Errorf("sim: EventLoop: cores = %d is not allowed: want 2 to 64", cores)
	}
	web, err := WebServer(1, requests)
	if err != nil {
		return Models{}, err
	}
	m := Models{Slow: requests / 4}
	tasks := web.Tasks
	report := &tasks[m.Slow]
	report.Name += " (report)"
	report.Phases = slices.Clone(report.Phases)
	report.Phases[len(report.Phases)-1] = Compute("render the report", slow)
	models := []struct {
		name string
		cfg  Config
	}{
		{"event loop: one thread, callbacks run to completion", Config{Cores: 1, LaneName: "loop thread"}},
		{"goroutines, GOMAXPROCS=1 (preempted after 10 ms)", Config{Cores: 1, Quantum: goQuantum, LaneName: "core"}},
		{fmt.Sprintf("goroutines, GOMAXPROCS=%d", cores), Config{Cores: cores, Quantum: goQuantum, LaneName: "core"}},
	}
	for _, md := range models {
		r, err := Run(md.cfg, tasks)
		if err != nil {
			return Models{}, fmt.Errorf("sim: EventLoop: %w", err)
		}
		r.Timeline.Title = md.name
		run := ModelRun{Model: md.name, Timeline: r.Timeline}
		for i, d := range r.Done {
			run.Response = append(run.Response, d-tasks[i].Arrive)
		}
		m.Runs = append(m.Runs, run)
	}
	return m, nil
}

// Timelines returns the runs' timelines, for figure.GanttStack.
func (m Models) Timelines() []timeline.Timeline {
	out := make([]timeline.Timeline, len(m.Runs))
	for i, r := range m.Runs {
		out[i] = r.Timeline
	}
	return out
}

// Table returns, per model, the median and worst response time of the ordinary requests, the
// report's, and when the last request finished, as rows for nb.Table.
func (m Models) Table() (header []string, rows [][]string) {
	header = []string{"model (simulated)", "median response, other requests (ms)", "worst response, other requests (ms)", "the report's response (ms)", "all done after (ms)"}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }
	for _, r := range m.Runs {
		var others []time.Duration
		for i, d := range r.Response {
			if i != m.Slow {
				others = append(others, d)
			}
		}
		if len(others) == 0 || m.Slow < 0 || m.Slow >= len(r.Response) {
			continue // not a run of EventLoop
		}
		slices.Sort(others)
		rows = append(rows, []string{r.Model, ms(others[len(others)/2]), ms(others[len(others)-1]), ms(r.Response[m.Slow]), ms(r.Timeline.Span)})
	}
	return header, rows
}
