package figure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/parlab/parlab/lib/internal/round"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/bounded"
	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/future"
	"github.com/parlab/parlab/lib/internal/spans"
	"github.com/parlab/parlab/lib/liveness"
	"github.com/parlab/parlab/lib/pipeline"
	"github.com/parlab/parlab/lib/pool"
)

// This file draws notebook 05's results: worker pools, pipelines, bounded parallelism, futures and
// liveness.

// Pool draws each batch's throughput (items per second, with 95% intervals) against the pool's size
// (log scale), one panel per batch, with the ideal as a dashed line: for waiting items, every worker
// finishes one item per wait; for computing items, no more than procs (GOMAXPROCS) workers compute at
// once. env, when not nil, names the machine in the subtitle.
func Pool(curves []pool.Curve, procs int, env *bench.Env) (chart.Figure, error) {
	if len(curves) == 0 {
		return chart.Figure{}, errors.New("figure: Pool was given no curves: measure with pool.Sweep and read them with its Curves")
	}
	procs = max(procs, 1)
	var panels []chart.Panel
	for _, c := range curves {
		if len(c.Points) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: the %s curve has no points", c.Kind)
		}
		s := chart.Series{Name: "measured", Colour: chart.Colour(0)}
		top := 1
		var one float64
		for _, p := range c.Points {
			note := fmt.Sprintf("a pool of %d", p.Size)
			if p.PerItem {
				note = "one goroutine per item"
			}
			s.Points = append(s.Points, chart.Point{X: float64(p.Size), Y: p.Throughput.Value, Low: p.Throughput.Low,
				High: p.Throughput.High, Noisy: p.Noisy, Note: note})
			top = max(top, p.Size)
			if p.Size == 1 {
				one = p.Throughput.Value
			}
		}
		pn := chart.Panel{
			Title:  c.Kind.String() + " batch",
			X:      chart.Axis{Name: "pool size (last point: one goroutine per item)", Unit: "goroutines", Log: 2, Min: 1, Max: float64(ceilPow2(top))},
			Y:      chart.Axis{Name: "throughput", Unit: "items/s"},
			Series: []chart.Series{s},
		}
		if one > 0 {
			items, kind := float64(c.Items), c.Kind
			pn.Curves = append(pn.Curves, chart.Curve{Name: "ideal", Style: chart.Dashed, Colour: "#888", From: 1, To: float64(top),
				Overflow: true, F: func(n float64) float64 {
					if kind == pool.Computes {
						return one * math.Min(n, float64(procs))
					}
					return one * math.Min(n, items)
				}})
		}
		panels = append(panels, pn)
	}
	sub := fmt.Sprintf("%d items per batch; ideal (dashed): waiting items overlap, computing items share %d P%s (GOMAXPROCS)",
		curves[0].Items, procs, plural(procs))
	if env != nil {
		sub += "\n" + envLine(*env)
	}
	return chart.Plot{Title: "Throughput vs pool size", Subtitle: sub, Panels: panels}.Figure()
}

func ceilPow2(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return max(p, 2)
}

// Pipeline kinds of bar, in legend order.
const (
	kWork = iota
	kStarved
	kBlockedOut
)

// Pipeline draws pipeline runs one above the other on one time axis (at most 8): a row per worker, its
// time working (in its stage's colour), waiting for input (pale) and waiting to send (hatched). Each
// row's label gives the share of the run its worker spent working. The subtitle gives each run's
// throughput.
func Pipeline(title string, runs ...*pipeline.Result) (chart.Figure, error) {
	if len(runs) == 0 || len(runs) > 8 {
		return chart.Figure{}, fmt.Errorf("figure: Pipeline was given %d runs; want 1 to 8", len(runs))
	}
	if title == "" {
		title = "Pipeline: who works, who waits"
	}
	g := chart.Gantt{Title: title, Kinds: []chart.GanttKind{
		kWork:       {Name: "working", Fill: chart.FillSolid, Colour: "#5470c6"},
		kStarved:    {Name: "waiting for input", Fill: chart.FillPale, Colour: "#b8c4e0"},
		kBlockedOut: {Name: "waiting to send (next stage busy)", Fill: chart.FillHatched, Colour: "#999999"},
	}}
	var notes []string
	for i, r := range runs {
		if r == nil {
			return chart.Figure{}, fmt.Errorf("figure: Pipeline run %d is nil: run pipeline.Run first", i+1)
		}
		if len(r.Spans) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: Pipeline run %d has no spans: it stopped before any worker started", i+1)
		}
		p := chart.GanttPanel{RowAxis: "worker · % working"}
		for _, st := range r.Config.Stages {
			p.Tasks = append(p.Tasks, chart.GanttTask{Name: st.Name})
		}
		busy := make([]time.Duration, len(r.Workers))
		for _, s := range r.Spans {
			if s.Kind == pipeline.Working {
				busy[s.Lane] += s.Duration()
			}
		}
		for w := range r.Workers {
			p.Rows = append(p.Rows, fmt.Sprintf("%s · %.0f%%", r.Label(w), 100*float64(busy[w])/float64(max(r.Elapsed, 1))))
		}
		for _, s := range r.Spans {
			k := kWork
			switch s.Kind {
			case pipeline.WaitingInput:
				k = kStarved
			case pipeline.WaitingOutput:
				k = kBlockedOut
			}
			p.Bars = append(p.Bars, chart.GanttBar{Row: s.Lane, Start: s.Start, End: s.End, Kind: k,
				Task: r.Workers[s.Lane].Stage, Place: -1, Reason: s.Kind.String()})
		}
		p.Title = pipelineTitle(r)
		g.Span = max(g.Span, r.Elapsed)
		notes = append(notes, fmt.Sprintf("%s: %.0f items/s", p.Title, r.Throughput))
		g.Panels = append(g.Panels, p)
	}
	g.Subtitle = "Recorded by each worker with the wall clock; a stage's work is a wait (no CPU). " + joinSentences(notes)
	return g.Figure()
}

// pipelineTitle names a run by its stages' workers: "read 1 · parse 3 · write 1, buffer 0".
func pipelineTitle(r *pipeline.Result) string {
	s := ""
	for i, st := range r.Config.Stages {
		if i > 0 {
			s += " → "
		}
		s += fmt.Sprintf("%s ×%d", st.Name, st.Workers)
	}
	return s + fmt.Sprintf(", buffer %d", r.Config.Buffer)
}

func joinSentences(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += "; "
		}
		s += p
	}
	if s != "" {
		s += "."
	}
	return s
}

// Buffers draws the throughput of the buffer sweep (items per second, 95% intervals) against the
// channels' capacity, steady and bursty stages side by side, with the bound the stages allow as a
// label.
func Buffers(curves []pipeline.BufferCurve, env *bench.Env) (chart.Figure, error) {
	if len(curves) == 0 {
		return chart.Figure{}, errors.New("figure: Buffers was given no curves: measure with pipeline.BufferSweep and read them with its Curves")
	}
	var cats []string
	index := map[int]int{}
	for _, c := range curves {
		for _, p := range c.Points {
			if _, ok := index[p.Buffer]; !ok {
				index[p.Buffer] = -1
				cats = append(cats, strconv.Itoa(p.Buffer))
			}
		}
	}
	slices.SortFunc(cats, func(a, b string) int { x, _ := strconv.Atoi(a); y, _ := strconv.Atoi(b); return x - y })
	for i, c := range cats {
		n, _ := strconv.Atoi(c)
		index[n] = i
	}
	var series []chart.BarSeries
	bound, burstyCeiling := 0.0, 0.0
	for i, c := range curves {
		name := "steady stages"
		if c.Bursty {
			name = "bursty stages (out of phase)"
		}
		s := chart.BarSeries{Name: name, Colour: chart.Colour(i), Bars: make([]chart.Bar, len(cats))}
		for k := range s.Bars {
			s.Bars[k].Skip = true
		}
		for _, p := range c.Points {
			s.Bars[index[p.Buffer]] = chart.Bar{Value: p.Throughput.Value, Low: p.Throughput.Low, High: p.Throughput.High,
				Label: fmt.Sprintf("%.0f", p.Throughput.Value)}
		}
		series = append(series, s)
		bound = max(bound, c.Bound)
		if c.Bursty {
			burstyCeiling = c.Ceiling
		}
	}
	sub := "two stages with the same mean cost per item"
	if bound > 0 {
		sub += fmt.Sprintf("; no buffer can beat %.0f items/s, one item per mean cost", bound)
		if burstyCeiling > 0 && burstyCeiling < 0.97*bound {
			sub += fmt.Sprintf(" (the bursty stages' costs allow %.0f: their first and last slow blocks overlap nothing)", burstyCeiling)
		}
	}
	sub += "; medians with 95% intervals"
	if env != nil {
		sub += "\n" + envLine(*env)
	}
	return chart.Bars{Title: "Throughput vs channel buffer", Subtitle: sub, Categories: cats, CategoryAxis: "buffer (channel capacity, items)",
		Value: chart.Axis{Name: "throughput", Unit: "items/s"}, Series: series}.Figure()
}

// StopLatency draws the time from a cancel to every goroutine of the pipeline returned (median of the
// cancels, log scale; the label gives the slowest), for each way of stopping.
func StopLatency(res *pipeline.StopResult) (chart.Figure, error) {
	if res == nil || len(res.Stops) == 0 {
		return chart.Figure{}, errors.New("figure: StopLatency was given no result: run pipeline.StopSweep's Measure first")
	}
	var cats []string
	s := chart.BarSeries{Name: "median time to stop"}
	for _, st := range res.Stops {
		if len(st.Samples) == 0 {
			continue
		}
		cats = append(cats, st.Stopping.String())
		s.Bars = append(s.Bars, chart.Bar{Value: float64(st.Median) / 1e3,
			Label: fmt.Sprintf("%v (slowest %v, %d cancels)", round.Duration(st.Median), round.Duration(st.Max), len(st.Samples))})
	}
	if len(cats) == 0 {
		return chart.Figure{}, errors.New("figure: StopLatency: nothing was measured (interrupted before the first cancel)")
	}
	return chart.Bars{Title: "From cancel() to every goroutine returned",
		Subtitle:   fmt.Sprintf("a three-stage pipeline, %v per item in each stage, cancelled %v after it started", res.Cost, res.After),
		Categories: cats, CategoryAxis: "how the stages watch ctx", Horizontal: true,
		Value: chart.Axis{Name: "time to stop", Unit: "µs", Log: 10, Min: 1}, Series: []chart.BarSeries{s}}.Figure()
}

// FanOut draws when each result of a fan-out came in (in the order the workers finished) and when the
// reorder stage released it (in item order): item number against time.
func FanOut(res *pipeline.FanOutResult) (chart.Figure, error) {
	if res == nil || len(res.Arrivals) == 0 {
		return chart.Figure{}, errors.New("figure: FanOut was given no result: run pipeline.FanOut first")
	}
	unit, per := chart.TimeUnit(res.Elapsed)
	// Events, not measurements with intervals: curves (lines without markers), in two fixed colours the
	// subtitle names.
	in := chart.Curve{Name: "came in (order of finishing)", Colour: "#5470c6"}
	out := chart.Curve{Name: "released in item order", Colour: "#fc8452"}
	for _, a := range res.Arrivals {
		in.Points = append(in.Points, chart.XY{X: float64(a.Finished) / float64(per), Y: float64(a.Item)})
	}
	byEmit := slices.Clone(res.Arrivals)
	slices.SortStableFunc(byEmit, func(a, b pipeline.Arrival) int { return a.Item - b.Item })
	for _, a := range byEmit {
		out.Points = append(out.Points, chart.XY{X: float64(a.Emitted) / float64(per), Y: float64(a.Item)})
	}
	c := res.Config
	return chart.Plot{Title: "Fan-out, fan-in: finishing order vs item order",
		Subtitle: fmt.Sprintf("%d items on %d workers; one item in %d costs %v instead of %v. A drop in the blue line: an item "+
			"that finished before an earlier one. Orange: what a reader gets when order is restored.", c.Items, c.Workers, c.SlowEvery, c.SlowCost, c.Cost),
		Panels: []chart.Panel{{
			X:      chart.Axis{Name: "time since start", Unit: unit},
			Y:      chart.Axis{Name: "item", Unit: "item number", Integer: true},
			Curves: []chart.Curve{in, out},
		}}}.Figure()
}

// Bounded kinds of bar.
const (
	kDone = iota
	kFailed
	kCancelled
)

// Bounded draws bounded runs one above the other (at most 8): a row per task, from its start to its
// end, done, failed or cancelled; tasks that never ran have no bar. Each panel's title gives its tool,
// and the subtitle each run's time from the first error to every goroutine stopped.
func Bounded(runs ...*bounded.Result) (chart.Figure, error) {
	if len(runs) == 0 || len(runs) > 8 {
		return chart.Figure{}, fmt.Errorf("figure: Bounded was given %d runs; want 1 to 8", len(runs))
	}
	g := chart.Gantt{Title: "Bounded parallelism: the first error cancels the rest", Kinds: []chart.GanttKind{
		kDone:      {Name: "done", Fill: chart.FillSolid, Colour: "#5470c6"},
		kFailed:    {Name: "failed", Fill: chart.FillSolid, Colour: "#c23531"},
		kCancelled: {Name: "cancelled", Fill: chart.FillHatched, Colour: "#999999"},
	}}
	var notes []string
	for i, r := range runs {
		if r == nil {
			return chart.Figure{}, fmt.Errorf("figure: Bounded run %d is nil: run bounded.Run first", i+1)
		}
		p := chart.GanttPanel{RowAxis: "task", Tasks: []chart.GanttTask{{Name: "task", Colour: "#5470c6"}, {Name: "failing task", Colour: "#c23531"}}}
		for t, task := range r.Tasks {
			p.Rows = append(p.Rows, fmt.Sprintf("task %d", t))
			if task.Outcome == bounded.NotRun {
				continue
			}
			k, who := kDone, 0
			switch task.Outcome {
			case bounded.Failed:
				k, who = kFailed, 1
			case bounded.Cancelled:
				k = kCancelled
			}
			p.Bars = append(p.Bars, chart.GanttBar{Row: t, Start: task.Start, End: task.End, Kind: k, Task: who, Place: -1, Reason: task.Outcome.String()})
		}
		ignoring := ""
		if r.Config.Ignore {
			ignoring = ", tasks ignore ctx"
		}
		p.Title = fmt.Sprintf("%s, limit %d%s", r.Config.Tool, r.Config.Limit, ignoring)
		if r.FirstError > 0 {
			notes = append(notes, fmt.Sprintf("%s: stopped %v after the error", p.Title, round.Duration(r.StopLatency())))
		}
		g.Span = max(g.Span, r.AllStopped)
		g.Panels = append(g.Panels, p)
	}
	g.Subtitle = "Each task waits its cost (a stand-in for a request). " + joinSentences(notes)
	return g.Figure()
}

// Futures draws the three runs of future.Demo one above the other: the caller's waits and each lookup.
func Futures(res *future.DemoResult) (chart.Figure, error) {
	if res == nil || len(res.Runs) == 0 {
		return chart.Figure{}, errors.New("figure: Futures was given no result: run future.Demo first")
	}
	kinds := []chart.GanttKind{
		future.Looking:   {Name: future.Looking.String(), Fill: chart.FillSolid, Colour: "#5470c6"},
		future.Cancelled: {Name: future.Cancelled.String(), Fill: chart.FillHatched, Colour: "#c23531"},
		future.Awaiting:  {Name: future.Awaiting.String(), Fill: chart.FillSolid, Colour: "#c8d3ef"},
	}
	rows := []string{"caller"}
	for i, l := range res.Demo.Lookups {
		rows = append(rows, fmt.Sprintf("lookup %d (%v)", i+1, l))
	}
	var ps []panelSpans[future.Activity]
	for _, r := range res.Runs {
		ps = append(ps, panelSpans[future.Activity]{title: fmt.Sprintf("%s: %v", r.Way, r.Elapsed.Round(time.Millisecond)), spans: r.Spans, span: r.Elapsed})
	}
	return activity("Futures: one after another, together, with a deadline", "", kinds, rows, ps)
}

// Liveness draws liveness runs one above the other (at most 8): a row per goroutine, what it did —
// working, holding one lock, waiting for a lock, letting go to retry, backing off — and, in its label,
// how often it made progress. Runs with different goroutines each keep their own rows.
func Liveness(title string, runs ...*liveness.Run) (chart.Figure, error) {
	if len(runs) == 0 || len(runs) > 8 {
		return chart.Figure{}, fmt.Errorf("figure: Liveness was given %d runs; want 1 to 8", len(runs))
	}
	kinds := []chart.GanttKind{
		liveness.Working:    {Name: liveness.Working.String(), Fill: chart.FillSolid, Colour: "#5470c6"},
		liveness.Holding:    {Name: liveness.Holding.String(), Fill: chart.FillSolid, Colour: "#9fb3e8"},
		liveness.Waiting:    {Name: liveness.Waiting.String(), Fill: chart.FillHatched, Colour: "#888888"},
		liveness.Retrying:   {Name: liveness.Retrying.String(), Fill: chart.FillSolid, Colour: "#fac858"},
		liveness.BackingOff: {Name: liveness.BackingOff.String(), Fill: chart.FillSolid, Colour: "#91cc75"},
	}
	g := chart.Gantt{Title: title, Kinds: kinds, Subtitle: "Recorded by each goroutine with the wall clock."}
	for i, r := range runs {
		if r == nil {
			return chart.Figure{}, fmt.Errorf("figure: Liveness run %d is nil", i+1)
		}
		if len(r.Goroutines) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: Liveness run %d (%q) has no goroutines", i+1, r.Title)
		}
		var rows []string
		for k, name := range r.Goroutines {
			made := 0
			if k < len(r.Progress) {
				made = r.Progress[k]
			}
			rows = append(rows, fmt.Sprintf("%s · %d done", name, made))
		}
		p := panelOf(r.Title, rows, r.Spans, kinds)
		g.Panels = append(g.Panels, p)
		g.Span = max(g.Span, r.Elapsed)
	}
	if g.Title == "" {
		g.Title = "Liveness"
	}
	return g.Figure()
}

// panelSpans is one panel's spans for activity.
type panelSpans[K ~uint8] struct {
	title string
	spans []spans.Span[K]
	span  time.Duration
}

// activity draws panels of spans whose Kind indexes kinds, one row per lane.
func activity[K ~uint8](title, subtitle string, kinds []chart.GanttKind, rows []string, ps []panelSpans[K]) (chart.Figure, error) {
	if len(ps) > 8 {
		return chart.Figure{}, fmt.Errorf("figure: %d panels; want at most 8", len(ps))
	}
	g := chart.Gantt{Title: title, Subtitle: subtitle, Kinds: kinds}
	for _, p := range ps {
		g.Panels = append(g.Panels, panelOf(p.title, rows, p.spans, kinds))
		g.Span = max(g.Span, p.span)
	}
	return g.Figure()
}

// panelOf lays out spans with one row per lane; a bar's colour is its kind's (the kinds are the panel's
// tasks), so the tooltip names what the goroutine was doing.
func panelOf[K ~uint8](title string, rows []string, ss []spans.Span[K], kinds []chart.GanttKind) chart.GanttPanel {
	p := chart.GanttPanel{Title: title, RowAxis: "goroutine", Rows: rows}
	for _, k := range kinds {
		p.Tasks = append(p.Tasks, chart.GanttTask{Name: k.Name, Colour: k.Colour})
	}
	for _, s := range ss {
		if s.Lane < 0 || s.Lane >= len(rows) || int(s.Kind) >= len(kinds) {
			continue
		}
		p.Bars = append(p.Bars, chart.GanttBar{Row: s.Lane, Start: s.Start, End: s.End, Kind: int(s.Kind), Task: int(s.Kind), Place: -1})
	}
	return p
}
