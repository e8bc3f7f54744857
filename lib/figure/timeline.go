package figure

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/timeline"
)

// Gantt draws a timeline with one row per lane (P, core or worker): which task ran there and when, each
// task in its own colour, GC dark grey, syscalls faded with a dashed edge. Below the lanes, when the
// timeline has them, two rows count the tasks that were runnable but waiting for a lane (muted) and the
// tasks that were blocked (hatched). Each lane's label gives its utilisation; tooltips give the task,
// state, reason, start and duration; drag the slider or scroll to zoom. The subtitle says where the
// timeline came from (a traced run is slowed by tracing) and what tiny segments were merged so the chart
// stays small.
func Gantt(tl timeline.Timeline) (chart.Figure, error) {
	title := tl.Title
	if title == "" {
		title = "Timeline"
	}
	return gantt(title, []timeline.Timeline{tl}, false)
}

// GanttTasks draws a timeline with one row per task (the first 60 that ran): running in the task's
// colour (the tooltip says on which lane), runnable muted, blocked hatched, syscall faded, GC dark grey.
// It shows what each task waited for, where Gantt shows what each core did.
func GanttTasks(tl timeline.Timeline) (chart.Figure, error) {
	title := tl.Title
	if title == "" {
		title = "Timeline"
	}
	return gantt(title+" — by task", []timeline.Timeline{tl}, true)
}

// GanttStack draws several timelines (at most 8) one above the other with a shared time axis and one zoom
// for all: the same program at GOMAXPROCS=1 and at all cores, say, or one juggler and two. Each panel is
// drawn as Gantt draws it and titled with its timeline's Title.
func GanttStack(title string, tls ...timeline.Timeline) (chart.Figure, error) {
	if len(tls) == 0 {
		return chart.Figure{}, errors.New("figure: GanttStack was given no timelines; want at least one")
	}
	if len(tls) > 8 {
		return chart.Figure{}, fmt.Errorf("figure: GanttStack was given %d timelines; want at most 8 so each stays readable", len(tls))
	}
	if title == "" {
		title = "Timelines"
	}
	return gantt(title, tls, false)
}

// maxTaskRows bounds the rows of a by-task panel.
const maxTaskRows = 60

// The kinds of bar, in legend order; the %s is the lane's name.
const (
	kRunning = iota
	kGC
	kSyscall
	kRunnable
	kBlocked
	kWaiting      // lane view: how many tasks wait for a lane
	kBlockedCount // lane view: how many tasks are blocked
)

func ganttKinds(lane string) []chart.GanttKind {
	return []chart.GanttKind{
		kRunning:      {Name: "running", Fill: chart.FillSolid, Colour: "#5470c6"},
		kGC:           {Name: "GC", Fill: chart.FillSolid, Colour: "#444444"},
		kSyscall:      {Name: "syscall", Fill: chart.FillFaded, Colour: "#91cc75"},
		kRunnable:     {Name: "runnable (waiting for a " + lane + ")", Fill: chart.FillPale, Colour: "#b8c4e0"},
		kBlocked:      {Name: "blocked (channel, lock, sleep, I/O)", Fill: chart.FillHatched, Colour: "#999999"},
		kWaiting:      {Name: "runnable (waiting for a " + lane + ")", Fill: chart.FillCount, Colour: "#b8c4e0", Count: "waiting for a " + lane},
		kBlockedCount: {Name: "blocked (channel, lock, sleep, I/O)", Fill: chart.FillCountHatched, Colour: "#999999", Count: "blocked (or in a syscall without a " + lane + ")"},
	}
}

func kindOf(st timeline.State) int {
	switch st {
	case timeline.GC:
		return kGC
	case timeline.Syscall:
		return kSyscall
	case timeline.Runnable:
		return kRunnable
	case timeline.Blocked:
		return kBlocked
	}
	return kRunning
}

func laneName(tl timeline.Timeline) string {
	if tl.LaneName == "" {
		return "lane"
	}
	return tl.LaneName
}

// laneLabel names lane i: "P0", "core 1".
func laneLabel(name string, i int) string {
	if name == "P" {
		return fmt.Sprintf("P%d", i)
	}
	return fmt.Sprintf("%s %d", name, i)
}

func gantt(title string, tls []timeline.Timeline, byTask bool) (chart.Figure, error) {
	g := chart.Gantt{Title: title, Kinds: ganttKinds(laneName(tls[0]))}
	var notes []string
	for i, tl := range tls {
		which := fmt.Sprintf("the timeline %q", tl.Title)
		if len(tls) > 1 {
			which = fmt.Sprintf("timeline %d (%q)", i+1, tl.Title)
		}
		if err := tl.Validate(); err != nil {
			return chart.Figure{}, fmt.Errorf("figure: cannot draw %s: %w", which, err)
		}
		if len(tl.Segments) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: %s has no segments: nothing ran, so there is nothing to draw", which)
		}
		g.Span = max(g.Span, tl.Span)
		var p chart.GanttPanel
		var note string
		if byTask {
			p, note = byTaskPanel(tl)
		} else {
			p = byLanePanel(tl)
		}
		if len(tls) > 1 {
			label := tl.Title
			if label == "" {
				label = fmt.Sprintf("timeline %d", i+1)
			}
			p.Title = label + " — " + sourceShort(tl.Source)
		}
		if note != "" {
			notes = append(notes, note)
		}
		g.Panels = append(g.Panels, p)
	}
	g.Subtitle = ganttSubtitle(tls, notes)
	return g.Figure()
}

// ganttTasks gives the panel's tasks their names and colours: GC, the runtime's own goroutines and
// context switches in greys, the others from the palette.
func ganttTasks(tl timeline.Timeline) []chart.GanttTask {
	tasks := make([]chart.GanttTask, len(tl.Tasks))
	for i, t := range tl.Tasks {
		tasks[i].Name = t.Name
		switch t.Name {
		case "GC":
			tasks[i].Colour = "#444444"
		case "other goroutines (runtime, tracer)":
			tasks[i].Colour = "#bbbbbb"
		case "context switch":
			tasks[i].Colour = "#222222"
		}
	}
	return tasks
}

// byLanePanel lays out one row per lane, then rows counting runnable and blocked tasks.
func byLanePanel(tl timeline.Timeline) chart.GanttPanel {
	name := laneName(tl)
	p := chart.GanttPanel{RowAxis: name + " · % of time busy", Tasks: ganttTasks(tl)}
	for i, u := range tl.Utilisation() {
		p.Rows = append(p.Rows, fmt.Sprintf("%s · %.0f%%", laneLabel(name, i), 100*u))
	}
	var waiting, blocked []timeline.Segment
	for _, s := range tl.Segments {
		switch {
		case s.Lane >= 0 && s.State.OnLane():
			p.Bars = append(p.Bars, chart.GanttBar{Row: s.Lane, Start: s.Start, End: s.End, Kind: kindOf(s.State), Task: s.Task, Reason: s.Reason, Place: -1})
		case s.State == timeline.Runnable:
			waiting = append(waiting, s)
		case s.State == timeline.Blocked, s.State == timeline.Syscall:
			blocked = append(blocked, s)
		}
	}
	for _, c := range []struct {
		segs []timeline.Segment
		kind int
		row  string
	}{{waiting, kWaiting, "waiting for a " + name}, {blocked, kBlockedCount, "blocked"}} {
		if len(c.segs) == 0 {
			continue
		}
		row := len(p.Rows)
		peak := 0
		for _, b := range counts(c.segs) {
			b.Row, b.Kind = row, c.kind
			peak = max(peak, b.Count)
			p.Bars = append(p.Bars, b)
		}
		p.Rows = append(p.Rows, fmt.Sprintf("%s (≤ %d)", c.row, peak))
	}
	return p
}

// counts turns overlapping segments into bars of constant count (count > 0).
func counts(segs []timeline.Segment) []chart.GanttBar {
	type edge struct {
		at    time.Duration
		delta int
	}
	edges := make([]edge, 0, 2*len(segs))
	for _, s := range segs {
		edges = append(edges, edge{s.Start, 1}, edge{s.End, -1})
	}
	slices.SortFunc(edges, func(a, b edge) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return a.delta - b.delta
	})
	var out []chart.GanttBar
	n := 0
	for i, e := range edges {
		if i > 0 && n > 0 && e.at > edges[i-1].at {
			if k := len(out) - 1; k >= 0 && out[k].Count == n && out[k].End == edges[i-1].at {
				out[k].End = e.at
			} else {
				out = append(out, chart.GanttBar{Start: edges[i-1].at, End: e.at, Task: -1, Place: -1, Count: n})
			}
		}
		n += e.delta
	}
	return out
}

// byTaskPanel lays out one row per task that has segments (the first maxTaskRows), and says when some
// were left out.
func byTaskPanel(tl timeline.Timeline) (chart.GanttPanel, string) {
	name := laneName(tl)
	p := chart.GanttPanel{RowAxis: "task · % of time on a " + name, Tasks: ganttTasks(tl)}
	for i := range tl.Lanes {
		p.Places = append(p.Places, laneLabel(name, i))
	}
	row := make([]int, len(tl.Tasks))
	for i := range row {
		row[i] = -1
	}
	shown, total := 0, 0
	for _, s := range tl.Segments {
		if row[s.Task] == -1 {
			total++
			if shown < maxTaskRows {
				row[s.Task] = shown
				shown++
			} else {
				row[s.Task] = -2
			}
		}
	}
	p.Rows = make([]string, shown)
	busy := make([]time.Duration, len(tl.Tasks))
	for _, s := range tl.Segments {
		if s.State.OnLane() {
			busy[s.Task] += s.Duration()
		}
	}
	for t, r := range row {
		if r >= 0 {
			label := tl.Tasks[t].Name
			if len([]rune(label)) > 17 {
				label = string([]rune(label)[:16]) + "…"
			}
			p.Rows[r] = fmt.Sprintf("%s · %.0f%%", label, 100*float64(busy[t])/float64(max(tl.Span, 1)))
		}
	}
	for _, s := range tl.Segments {
		if r := row[s.Task]; r >= 0 {
			place := -1
			if s.State.OnLane() && s.Lane >= 0 {
				place = s.Lane
			}
			p.Bars = append(p.Bars, chart.GanttBar{Row: r, Start: s.Start, End: s.End, Kind: kindOf(s.State), Task: s.Task, Reason: s.Reason, Place: place})
		}
	}
	if total > shown {
		return p, fmt.Sprintf("showing the first %d of %d tasks", shown, total)
	}
	return p, ""
}

func sourceShort(s timeline.Source) string {
	switch s {
	case timeline.Traced:
		return "traced"
	case timeline.Recorded:
		return "recorded spans"
	case timeline.Simulated:
		return "simulated"
	}
	return "unknown source"
}

// ganttSubtitle says where the data came from, how busy the lanes were, and what was left out.
func ganttSubtitle(tls []timeline.Timeline, notes []string) string {
	var parts []string
	sources := map[timeline.Source]bool{}
	for _, tl := range tls {
		if !sources[tl.Source] {
			sources[tl.Source] = true
			parts = append(parts, capital(tl.Source.String()))
		}
	}
	for _, tl := range tls {
		prefix := ""
		if len(tls) > 1 && tl.Title != "" {
			prefix = tl.Title + ": "
		}
		parts = append(parts, capital(fmt.Sprintf("%son average %.2f of %d %s%s busy", prefix, tl.Parallelism(), tl.Lanes, laneName(tl), plural(tl.Lanes))))
		if len(tls) == 1 {
			for _, n := range tl.Notes {
				parts = append(parts, capital(n))
			}
		}
	}
	for _, n := range notes {
		parts = append(parts, capital(n))
	}
	return strings.Join(parts, ". ") + "."
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
