package figure

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/chart"
)

// SpeedupGrid draws a sweep's speedups as a heat map: one row per GOMAXPROCS, one column per number of
// workers, each cell coloured and labelled by its speedup T(1)/T(N); its tooltip gives the 95% interval,
// or says there is none. A configuration that was not measured is an empty cell. task names the task
// ("" for the first).
func SpeedupGrid(res *bench.Result, task string) (chart.Figure, error) {
	pts, task, err := taskPoints(res, task)
	if err != nil {
		return chart.Figure{}, err
	}
	var workers, procs []int
	for _, p := range pts {
		if !slices.Contains(workers, p.Workers) {
			workers = append(workers, p.Workers)
		}
		if !slices.Contains(procs, p.Procs) {
			procs = append(procs, p.Procs)
		}
	}
	slices.Sort(workers)
	slices.Sort(procs)
	h := chart.HeatMap{
		Title:    "Speedup over goroutines × GOMAXPROCS",
		Subtitle: task + "\n" + envLine(res.Env) + fmt.Sprintf(" · %d trials per point", res.Trials),
		X:        chart.Axis{Name: "workers", Unit: "goroutines"},
		Y:        chart.Axis{Name: "GOMAXPROCS", Unit: "Ps"},
		// The scale runs from 0 to the most cores the sweep gave Go, so 1× looks like one core's worth.
		Value: chart.Axis{Name: "speedup T(1)/T(N)", Unit: "×", Max: float64(slices.Max(procs))},
	}
	for _, w := range workers {
		h.XLabels = append(h.XLabels, strconv.Itoa(w))
	}
	h.Values = make([][]float64, len(procs))
	h.Notes = make([][]string, len(procs))
	for y, p := range procs {
		h.YLabels = append(h.YLabels, strconv.Itoa(p))
		h.Values[y] = make([]float64, len(workers))
		h.Notes[y] = make([]string, len(workers))
		for x := range workers {
			h.Values[y][x] = math.NaN()
		}
	}
	for _, p := range pts {
		if p.Speedup.Value <= 0 {
			continue // no baseline
		}
		x, y := slices.Index(workers, p.Workers), slices.Index(procs, p.Procs)
		h.Values[y][x] = p.Speedup.Value
		s := chart.Point{Low: p.Speedup.Low, High: p.Speedup.High}
		if s.HasInterval() {
			h.Notes[y][x] = fmt.Sprintf("95%% interval %s – %s · %d trials", chart.Number(s.Low), chart.WithUnit(s.High, "×"), len(p.Samples))
		} else {
			h.Notes[y][x] = fmt.Sprintf("too few trials for an interval (%d)", len(p.Samples))
		}
	}
	if res.Partial {
		h.Warnings = append(h.Warnings, partialWarning(res.Stopped))
	}
	return h.Figure()
}

// Spread draws the trials of a sweep's task as box plots, one per number of workers (and GOMAXPROCS):
// the middle half of the trials in the box, the median across it, and the trials far from the rest as
// dots. It shows how much one run varies, which a median alone hides. task names the task ("" for the
// first).
func Spread(res *bench.Result, task string) (chart.Figure, error) {
	pts, task, err := taskPoints(res, task)
	if err != nil {
		return chart.Figure{}, err
	}
	var top time.Duration
	var workers, procs []int
	for _, p := range pts {
		for _, s := range p.Samples {
			top = max(top, s)
		}
		if !slices.Contains(workers, p.Workers) {
			workers = append(workers, p.Workers)
		}
		if !slices.Contains(procs, p.Procs) {
			procs = append(procs, p.Procs)
		}
	}
	slices.Sort(workers)
	unit, per := chart.TimeUnit(top)
	b := chart.BoxPlot{
		Title:        "Spread of the trials",
		Subtitle:     task + "\n" + envLine(res.Env),
		CategoryAxis: chart.Axis{Name: "workers", Unit: "goroutines"},
		Value:        chart.Axis{Name: "time per run", Unit: unit},
	}
	for _, w := range workers {
		b.Categories = append(b.Categories, strconv.Itoa(w))
	}
	for _, pr := range procs {
		g := chart.BoxGroup{Name: fmt.Sprintf("GOMAXPROCS=%d", pr), Samples: make([][]float64, len(workers))}
		for _, p := range pts {
			if p.Procs != pr {
				continue
			}
			c := slices.Index(workers, p.Workers)
			for _, s := range p.Samples {
				g.Samples[c] = append(g.Samples[c], float64(s)/float64(per))
			}
		}
		b.Groups = append(b.Groups, g)
	}
	if res.Partial {
		b.Warnings = append(b.Warnings, partialWarning(res.Stopped))
	}
	return b.Figure()
}

// taskPoints returns the points of one task of a result ("" for the first) and the task's name.
func taskPoints(res *bench.Result, task string) ([]bench.Point, string, error) {
	if err := checkResult(res); err != nil {
		return nil, "", err
	}
	if task == "" {
		task = res.Points[0].Task
	}
	var pts []bench.Point
	var tasks []string
	for _, p := range res.Points {
		if p.Task == task {
			pts = append(pts, p)
		}
		if !slices.Contains(tasks, p.Task) {
			tasks = append(tasks, p.Task)
		}
	}
	if len(pts) == 0 {
		return nil, "", fmt.Errorf("figure: the result has no task %q; it has %q", task, tasks)
	}
	return pts, task, nil
}
