package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// Gantt draws a timeline with one row per lane (P, core or worker): which task ran there and when, each
// task in its own colour, GC dark grey, syscalls faded with a dashed edge. Below the lanes, when the
// timeline has them, two rows count the tasks that were runnable but waiting for a lane (muted) and the
// tasks that were blocked (hatched). Each lane's label gives its utilisation; tooltips give the task,
// state, reason, start and duration; drag the slider or scroll to zoom. The subtitle says where the
// timeline came from (a traced run is slowed by tracing) and what tiny segments were merged so the chart
// stays under GanttMaxBytes.
func Gantt(tl timeline.Timeline) (Figure, error) {
	title := tl.Title
	if title == "" {
		title = "Timeline"
	}
	return ganttFigure(title, []timeline.Timeline{tl}, false)
}

// GanttTasks draws a timeline with one row per task (at most GanttMaxRows): running in the task's colour
// (the tooltip says on which lane), runnable muted, blocked hatched, syscall faded, GC dark grey. It shows
// what each task waited for, where Gantt shows what each core did.
func GanttTasks(tl timeline.Timeline) (Figure, error) {
	title := tl.Title
	if title == "" {
		title = "Timeline"
	}
	return ganttFigure(title+" — by task", []timeline.Timeline{tl}, true)
}

// GanttStack draws several timelines one above the other with a shared time axis and one zoom for all:
// the same program at GOMAXPROCS=1 and at all cores, say, or one juggler and two. Each panel is drawn as
// Gantt draws it and titled with its timeline's Title.
func GanttStack(title string, tls ...timeline.Timeline) (Figure, error) {
	if len(tls) == 0 {
		return Figure{}, errors.New("chart: GanttStack was given no timelines; want at least one")
	}
	if len(tls) > 8 {
		return Figure{}, fmt.Errorf("chart: GanttStack was given %d timelines; want at most 8 so each stays readable", len(tls))
	}
	if title == "" {
		title = "Timelines"
	}
	return ganttFigure(title, tls, false)
}

const (
	// GanttMaxBytes bounds one Gantt figure's option: tiny segments are merged until it fits. Measured
	// (AMD EPYC, 2 cores, load average ≈ 8): a traced channel ping-pong of 1,021,180 events and 1,020,217
	// segments became a 0.69 MB option in 0.9 s; 400,000 synthetic 1 µs segments, 0.52 MB.
	GanttMaxBytes = 2 << 20
	// GanttMaxRows bounds the rows of one panel (tasks in GanttTasks).
	GanttMaxRows = 60
	// ganttMaxItems is the drawing budget across panels; at ≈ 35 bytes an item it keeps the option near
	// 1 MB, well under GanttMaxBytes with the lookup tables.
	ganttMaxItems = 30_000
	ganttRowPx    = 26
	ganttPanelGap = 64 // x axis labels, then the next panel's title and y axis name
)

func ganttLane(tl timeline.Timeline) string {
	if tl.LaneName == "" {
		return "lane"
	}
	return tl.LaneName
}

// ganttPalette is ECharts 5's default palette plus a few, so neighbouring tasks differ.
var ganttPalette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc",
	"#2f4554", "#c23531", "#bda29a"}

// ganttKind is a series: one per kind of mark, so the legend can switch kinds on and off.
type ganttKind int

const (
	gkRunning ganttKind = iota
	gkGC
	gkSyscall
	gkRunnable
	gkBlocked
	gkQueue    // lane view: how many tasks wait for a lane
	gkBlockedN // lane view: how many tasks are blocked
	gkMerged
	gkCount
)

var ganttKindNames = [gkCount]string{
	gkRunning:  "running",
	gkGC:       "GC",
	gkSyscall:  "syscall",
	gkRunnable: "runnable (waiting for a %s)",
	gkBlocked:  "blocked (channel, lock, sleep, I/O)",
	gkQueue:    "runnable (waiting for a %s)",
	gkBlockedN: "blocked (channel, lock, sleep, I/O)",
	gkMerged:   "merged short segments",
}

var ganttKindColour = [gkCount]string{
	gkRunning: "#5470c6", gkGC: "#444444", gkSyscall: "#91cc75", gkRunnable: "#b8c4e0", gkBlocked: "#999999",
	gkQueue: "#b8c4e0", gkBlockedN: "#999999", gkMerged: "#888888",
}

// ganttItem is one drawn rectangle. n > 1 marks a merged block of n segments, busy its busy fraction.
type ganttItem struct {
	row        int
	start, end time.Duration
	task       int // -1: none (counts, merged)
	reason     int // index into the panel's reasons; -1 none
	n          int // segments (merged) or tasks (counts)
	busy       float64
}

type ganttPanel struct {
	tl      timeline.Timeline
	byTask  bool
	rows    []string
	items   [gkCount][]ganttItem
	reasons []string
	notes   []string

	reasonIdx map[string]int // index into reasons
}

func ganttFigure(title string, tls []timeline.Timeline, byTask bool) (Figure, error) {
	var span time.Duration
	panels := make([]*ganttPanel, len(tls))
	for i, tl := range tls {
		which := fmt.Sprintf("the timeline %q", tl.Title)
		if len(tls) > 1 {
			which = fmt.Sprintf("timeline %d (%q)", i+1, tl.Title)
		}
		if err := tl.Validate(); err != nil {
			return Figure{}, fmt.Errorf("chart: cannot draw %s: %w", which, err)
		}
		if len(tl.Segments) == 0 {
			return Figure{}, fmt.Errorf("chart: %s has no segments: nothing ran, so there is nothing to draw", which)
		}
		span = max(span, tl.Span)
		if byTask {
			panels[i] = ganttByTask(tl)
		} else {
			panels[i] = ganttByLane(tl)
		}
	}
	unit, scale := ganttUnit(span)
	merged := ganttMerge(panels, span)
	opt, height, err := ganttOption(title, panels, span, unit, scale, merged)
	if err != nil {
		return Figure{}, err
	}
	if len(opt) > GanttMaxBytes {
		return Figure{}, fmt.Errorf("chart: the timeline chart would be %d bytes; want at most %d (too many rows or tasks to draw)", len(opt), GanttMaxBytes)
	}
	return Figure{Title: title, Option: opt, Height: height}, nil
}

func (p *ganttPanel) reason(s string) int {
	if s == "" {
		return -1
	}
	if i, ok := p.reasonIdx[s]; ok {
		return i
	}
	if len(p.reasons) >= 256 {
		return -1 // a tooltip without a reason beats an unbounded table
	}
	if p.reasonIdx == nil {
		p.reasonIdx = map[string]int{}
	}
	p.reasons = append(p.reasons, s)
	p.reasonIdx[s] = len(p.reasons) - 1
	return len(p.reasons) - 1
}

func kindOf(st timeline.State) ganttKind {
	switch st {
	case timeline.GC:
		return gkGC
	case timeline.Syscall:
		return gkSyscall
	case timeline.Runnable:
		return gkRunnable
	case timeline.Blocked:
		return gkBlocked
	}
	return gkRunning
}

// ganttByLane lays out one row per lane, then rows counting runnable and blocked tasks.
func ganttByLane(tl timeline.Timeline) *ganttPanel {
	p := &ganttPanel{tl: tl}
	name := tl.LaneName
	if name == "" {
		name = "lane"
	}
	sep := " "
	if name == "P" {
		sep = ""
	}
	for i, u := range tl.Utilisation() {
		p.rows = append(p.rows, fmt.Sprintf("%s%s%d · %.0f%%", name, sep, i, 100*u))
	}
	var waiting, blocked []timeline.Segment
	for _, s := range tl.Segments {
		switch {
		case s.Lane >= 0 && s.State.OnLane():
			p.items[kindOf(s.State)] = append(p.items[kindOf(s.State)], ganttItem{row: s.Lane, start: s.Start, end: s.End, task: s.Task, reason: p.reason(s.Reason), n: 1})
		case s.State == timeline.Runnable:
			waiting = append(waiting, s)
		case s.State == timeline.Blocked, s.State == timeline.Syscall:
			blocked = append(blocked, s)
		}
	}
	for _, c := range []struct {
		segs []timeline.Segment
		kind ganttKind
		row  string
	}{{waiting, gkQueue, "waiting for a " + name}, {blocked, gkBlockedN, "blocked"}} {
		if len(c.segs) == 0 {
			continue
		}
		row := len(p.rows)
		peak := 0
		for _, it := range ganttCounts(c.segs) {
			it.row = row
			peak = max(peak, it.n)
			p.items[c.kind] = append(p.items[c.kind], it)
		}
		p.rows = append(p.rows, fmt.Sprintf("%s (≤ %d)", c.row, peak))
	}
	return p
}

// ganttCounts turns overlapping segments into intervals of constant count (count > 0).
func ganttCounts(segs []timeline.Segment) []ganttItem {
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
	var out []ganttItem
	n := 0
	for i, e := range edges {
		if i > 0 && n > 0 && e.at > edges[i-1].at {
			if k := len(out) - 1; k >= 0 && out[k].n == n && out[k].end == edges[i-1].at {
				out[k].end = e.at
			} else {
				out = append(out, ganttItem{start: edges[i-1].at, end: e.at, task: -1, reason: -1, n: n})
			}
		}
		n += e.delta
	}
	return out
}

// ganttByTask lays out one row per task that has segments (the first GanttMaxRows).
func ganttByTask(tl timeline.Timeline) *ganttPanel {
	p := &ganttPanel{tl: tl, byTask: true}
	row := make([]int, len(tl.Tasks))
	for i := range row {
		row[i] = -1
	}
	shown, total := 0, 0
	for _, s := range tl.Segments {
		if row[s.Task] == -1 {
			total++
			if shown < GanttMaxRows {
				row[s.Task] = shown
				shown++
			} else {
				row[s.Task] = -2
			}
		}
	}
	p.rows = make([]string, shown)
	busy := make([]time.Duration, len(tl.Tasks))
	for _, s := range tl.Segments {
		if s.State.OnLane() {
			busy[s.Task] += s.Duration()
		}
	}
	for t, r := range row {
		if r >= 0 {
			name := tl.Tasks[t].Name
			if len([]rune(name)) > 17 {
				name = string([]rune(name)[:16]) + "…"
			}
			p.rows[r] = fmt.Sprintf("%s · %.0f%%", name, 100*float64(busy[t])/float64(max(tl.Span, 1)))
		}
	}
	for _, s := range tl.Segments {
		if r := row[s.Task]; r >= 0 {
			k := kindOf(s.State)
			p.items[k] = append(p.items[k], ganttItem{row: r, start: s.Start, end: s.End, task: s.Task, reason: p.reason(s.Reason), n: 1})
		}
	}
	if total > shown {
		p.notes = append(p.notes, fmt.Sprintf("showing the first %d of %d tasks", shown, total))
	}
	return p
}

// ganttMerge merges runs of segments shorter than a threshold, per row and kind, until every panel
// together fits ganttMaxItems. It returns a sentence saying what was merged, or "".
func ganttMerge(panels []*ganttPanel, span time.Duration) string {
	count := func() int {
		n := 0
		for _, p := range panels {
			for _, items := range p.items {
				n += len(items)
			}
		}
		return n
	}
	before := count()
	if before <= ganttMaxItems {
		return ""
	}
	orig := make([][gkCount][]ganttItem, len(panels))
	for i, p := range panels {
		orig[i] = p.items
	}
	// Start far below a pixel (a 900 px chart zoomed 1000×) and double until the items fit.
	min := max(span/1_000_000, 1)
	for {
		merged, blocks := 0, 0
		for i, p := range panels {
			p.items = [gkCount][]ganttItem{}
			for k, items := range orig[i] {
				if ganttKind(k) == gkMerged {
					continue
				}
				keep, m, b := ganttMergeKind(items, min)
				p.items[k] = keep
				p.items[gkMerged] = append(p.items[gkMerged], m...)
				merged += b
				blocks += len(m)
			}
		}
		if count() <= ganttMaxItems || min > span {
			return fmt.Sprintf("%d of %d segments, each shorter than %v, were merged into %d grey blocks (shade: how busy the block was)",
				merged, before, ganttRound(min), blocks)
		}
		min *= 2
	}
}

// ganttMergeKind merges, row by row, consecutive items shorter than min that lie less than min apart,
// into blocks no longer than 8×min, so a block's shade still tells how busy that stretch was. A run of a
// single short item is kept as it is.
func ganttMergeKind(items []ganttItem, min time.Duration) (keep, merged []ganttItem, n int) {
	byRow := map[int][]ganttItem{}
	var rows []int
	for _, it := range items {
		if _, ok := byRow[it.row]; !ok {
			rows = append(rows, it.row)
		}
		byRow[it.row] = append(byRow[it.row], it)
	}
	slices.Sort(rows)
	for _, r := range rows {
		list := byRow[r]
		slices.SortFunc(list, func(a, b ganttItem) int { return int(a.start - b.start) })
		var run []ganttItem
		flush := func() {
			switch len(run) {
			case 0:
			case 1:
				keep = append(keep, run[0])
			default:
				var busy time.Duration
				count := 0
				for _, it := range run {
					busy += it.end - it.start
					count += max(it.n, 1)
				}
				blk := ganttItem{row: r, start: run[0].start, end: run[len(run)-1].end, task: -1, reason: -1, n: count}
				blk.end = max(blk.end, run[0].start)
				for _, it := range run {
					blk.end = max(blk.end, it.end)
				}
				blk.busy = math.Min(1, float64(busy)/float64(max(blk.end-blk.start, 1)))
				merged = append(merged, blk)
				n += len(run)
			}
			run = run[:0]
		}
		for _, it := range list {
			short := it.end-it.start < min
			if !short {
				flush()
				keep = append(keep, it)
				continue
			}
			if len(run) > 0 && (it.start-run[len(run)-1].end >= min || it.end-run[0].start > 8*min) {
				flush()
			}
			run = append(run, it)
		}
		flush()
	}
	return keep, merged, n
}

func ganttRound(d time.Duration) time.Duration {
	switch {
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(10 * time.Nanosecond)
	}
	return d
}

// ganttUnit picks the time unit for the axis from the longest span.
func ganttUnit(span time.Duration) (string, float64) {
	switch {
	case span < 2*time.Millisecond:
		return "µs", float64(time.Microsecond)
	case span < 2*time.Second:
		return "ms", float64(time.Millisecond)
	case span < 10*time.Minute:
		return "s", float64(time.Second)
	}
	return "min", float64(time.Minute)
}

// ganttJS is the drawing code: R(panel, kind) makes a renderItem, TT formats tooltips. It sees the data
// tables D (one per panel: task names, colours, reasons, row names) and the series→panel map SP.
const ganttJS = `
  var G = (typeof echarts !== 'undefined' ? echarts : window.echarts).graphic;
  var hatch = null;
  function hatchFill() {
    if (hatch !== null) { return hatch; }
    hatch = '#d0d0d0';
    try {
      var c = document.createElement('canvas'); c.width = 8; c.height = 8;
      var x = c.getContext('2d'); x.fillStyle = '#f2f2f2'; x.fillRect(0, 0, 8, 8);
      x.strokeStyle = '#8a8a8a'; x.lineWidth = 1.5; x.beginPath();
      x.moveTo(-2, 10); x.lineTo(10, -2); x.moveTo(-2, 2); x.lineTo(2, -2); x.moveTo(6, 10); x.lineTo(10, 6); x.stroke();
      hatch = {image: c, repeat: 'repeat'};
    } catch (e) {}
    return hatch;
  }
  function colour(p, t) { return t < 0 ? '#888888' : D[p].colours[t]; }
  function R(p, kind) {
    return function (params, api) {
      var row = api.value(0), a = api.coord([api.value(1), row]), b = api.coord([api.value(2), row]);
      var h = api.size([0, 1])[1] * (kind === 'count' || kind === 'countBlocked' ? 0.5 : 0.7);
      var cs = params.coordSys;
      var r = G.clipRectByRect({x: a[0], y: a[1] - h / 2, width: Math.max(b[0] - a[0], 1), height: h},
        {x: cs.x, y: cs.y, width: cs.width, height: cs.height});
      if (!r) { return; }
      var c = colour(p, api.value(3)), s;
      if (kind === 'running' || kind === 'gc') { s = {fill: c}; }
      else if (kind === 'syscall') { s = {fill: c, opacity: 0.55, stroke: c, lineDash: [3, 2], lineWidth: 1}; }
      else if (kind === 'runnable') { s = {fill: c, opacity: 0.3}; }
      else if (kind === 'blocked') { s = {fill: hatchFill(), stroke: c, lineWidth: 1}; }
      else if (kind === 'count') { s = {fill: '#7f93c9', opacity: Math.min(1, 0.2 + 0.8 * api.value(5) / D[p].peak[0])}; }
      else if (kind === 'countBlocked') { s = {fill: hatchFill(), opacity: Math.min(1, 0.35 + 0.65 * api.value(5) / D[p].peak[1]), stroke: '#8a8a8a', lineWidth: 0.5}; }
      else { s = {fill: '#777777', opacity: 0.25 + 0.75 * api.value(6)}; }
      return {type: 'rect', shape: r, style: s};
    };
  }
  function fmt(v) { return (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(3)) + ' ' + U; }
  function TT(q) {
    var v = q.value, p = SP[q.seriesIndex], d = D[p], k = q.seriesName, out;
    var t = v[3], why = v[4] >= 0 ? d.reasons[v[4]] : '';
    var when = 'from ' + fmt(v[1]) + ' for ' + fmt(v[2] - v[1]);
    if (KIND[q.seriesIndex] === 'count') {
      out = '<b>' + v[5] + (v[5] === 1 ? ' task' : ' tasks') + '</b> waiting for a ' + d.lane;
    } else if (KIND[q.seriesIndex] === 'countBlocked') {
      out = '<b>' + v[5] + (v[5] === 1 ? ' task' : ' tasks') + '</b> blocked (or in a syscall without a ' + d.lane + ')';
    } else if (KIND[q.seriesIndex] === 'merged') {
      out = '<b>' + v[5] + ' short segments</b> merged<br/>busy ' + Math.round(100 * v[6]) + '% of this block';
    } else {
      out = q.marker + '<b>' + d.tasks[t] + '</b><br/>' + k + (why ? ': ' + why : '');
      if (d.byTask && (KIND[q.seriesIndex] === 'running' || KIND[q.seriesIndex] === 'gc' || KIND[q.seriesIndex] === 'syscall') && v[5] >= 0) {
        out += ' on ' + d.lane + (d.lane === 'P' ? '' : ' ') + v[5];
      }
    }
    return out + '<br/>' + when;
  }
`

var ganttKindJS = [gkCount]string{
	gkRunning: "running", gkGC: "gc", gkSyscall: "syscall", gkRunnable: "runnable", gkBlocked: "blocked",
	gkQueue: "count", gkBlockedN: "countBlocked", gkMerged: "merged",
}

type ganttTable struct {
	Tasks   []string `json:"tasks"`
	Colours []string `json:"colours"`
	Reasons []string `json:"reasons"`
	Lane    string   `json:"lane"`
	ByTask  bool     `json:"byTask"`
	Peak    [2]int   `json:"peak"`
}

// ganttOption writes the ECharts option: an expression that builds the tables and functions, then
// returns the option object.
func ganttOption(title string, panels []*ganttPanel, span time.Duration, unit string, scale float64, merged string) (string, int, error) {
	// Round times to about 1/100,000 of the span, so numbers stay short.
	q := math.Pow(10, math.Floor(math.Log10(float64(max(span, 1))/scale/1e5)))
	num := func(d time.Duration) string {
		return strconv.FormatFloat(math.Round(float64(d)/scale/q)*q, 'f', max(0, int(-math.Log10(q))), 64)
	}
	var (
		tables   []ganttTable
		series   []map[string]any
		grids    []map[string]any
		xAxes    []map[string]any
		yAxes    []map[string]any
		titles   []map[string]any
		sp, kind []any
		legend   []string
		data     []string // series data, JSON, in series order
	)
	// Layout from the top: title, subtitle (about 120 characters a line at 860 px), legend, then per
	// panel its title (when stacked), the y axis name and the rows.
	sub := ganttSubtitle(panels, merged)
	legendTop := 34 + 14*(1+len([]rune(sub))/120) + 6
	top := legendTop + 28 + 18
	if len(panels) > 1 {
		top += 22
	}
	titles = append(titles, map[string]any{
		"text": title, "left": "center", "top": 4,
		"subtext":      sub,
		"subtextStyle": map[string]any{"width": 860, "overflow": "break", "lineHeight": 14},
	})
	xIdx := []int{}
	for pi, p := range panels {
		tl := p.tl
		t := ganttTable{Reasons: p.reasons, Lane: tl.LaneName, ByTask: false}
		if t.Reasons == nil {
			t.Reasons = []string{}
		}
		if t.Lane == "" {
			t.Lane = "lane"
		}
		for i, task := range tl.Tasks {
			t.Tasks = append(t.Tasks, task.Name)
			c := ganttPalette[i%len(ganttPalette)]
			switch task.Name {
			case "GC":
				c = "#444444"
			case "other goroutines (runtime, tracer)":
				c = "#bbbbbb"
			case "context switch":
				c = "#222222"
			}
			t.Colours = append(t.Colours, c)
		}
		for _, it := range p.items[gkQueue] {
			t.Peak[0] = max(t.Peak[0], it.n)
		}
		for _, it := range p.items[gkBlockedN] {
			t.Peak[1] = max(t.Peak[1], it.n)
		}
		t.ByTask = p.byTask
		tables = append(tables, t)

		h := ganttRowPx * len(p.rows)
		if len(panels) > 1 {
			label := tl.Title
			if label == "" {
				label = fmt.Sprintf("timeline %d", pi+1)
			}
			titles = append(titles, map[string]any{
				"text": fmt.Sprintf("%s — %s", label, ganttSourceShort(tl.Source)), "left": 170, "top": top - 40,
				"textStyle": map[string]any{"fontSize": 13, "fontWeight": "normal"},
			})
		}
		grids = append(grids, map[string]any{"left": 170, "right": 30, "top": top, "height": h})
		last := pi == len(panels)-1
		xa := map[string]any{
			"type": "value", "gridIndex": pi, "min": 0, "max": json.Number(num(span)),
			"axisLabel": map[string]any{"show": true}, "splitLine": map[string]any{"show": true, "lineStyle": map[string]any{"color": "#eee"}},
		}
		if last {
			xa["name"] = "time since start (" + unit + ")"
			xa["nameLocation"] = "middle"
			xa["nameGap"] = 24
		}
		xAxes = append(xAxes, xa)
		xIdx = append(xIdx, pi)
		yName := "row"
		if t.ByTask {
			yName = "task · % of time on a " + t.Lane
		} else {
			yName = t.Lane + " · % of time busy"
		}
		yAxes = append(yAxes, map[string]any{
			"type": "category", "gridIndex": pi, "data": p.rows, "inverse": true,
			"name": yName, "nameLocation": "start", "nameGap": 6,
			"nameTextStyle": map[string]any{"align": "right", "padding": []int{0, 0, 0, 0}, "color": "#666"},
			"axisLabel":     map[string]any{"width": 150, "overflow": "truncate", "fontSize": 11},
			"axisTick":      map[string]any{"show": false},
			"splitLine":     map[string]any{"show": true, "lineStyle": map[string]any{"color": "#f3f3f3"}},
		})
		top += h + ganttPanelGap
		for k := range gkCount {
			items := p.items[k]
			if len(items) == 0 {
				continue
			}
			name := ganttKindNames[k]
			if strings.Contains(name, "%s") {
				name = fmt.Sprintf(name, ganttLane(panels[0].tl))
			}
			if !slices.Contains(legend, name) {
				legend = append(legend, name)
			}
			series = append(series, map[string]any{
				"type": "custom", "name": name, "xAxisIndex": pi, "yAxisIndex": pi,
				"renderItem": fmt.Sprintf("@@R(%d,'%s')@@", pi, ganttKindJS[k]),
				"encode":     map[string]any{"x": []int{1, 2}, "y": 0},
				"itemStyle":  map[string]any{"color": ganttKindColour[k]},
				"data":       "@@DATA@@",
				"clip":       true, "animation": false, "progressive": 4000,
			})
			sp = append(sp, pi)
			kind = append(kind, ganttKindJS[k])
			var b strings.Builder
			b.WriteByte('[')
			for i, it := range items {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte('[')
				b.WriteString(strconv.Itoa(it.row))
				b.WriteByte(',')
				b.WriteString(num(it.start))
				b.WriteByte(',')
				b.WriteString(num(it.end))
				b.WriteByte(',')
				b.WriteString(strconv.Itoa(it.task))
				b.WriteByte(',')
				b.WriteString(strconv.Itoa(it.reason))
				switch {
				case k == gkMerged:
					fmt.Fprintf(&b, ",%d,%.2f", it.n, it.busy)
				case k == gkQueue || k == gkBlockedN:
					fmt.Fprintf(&b, ",%d", it.n)
				case t.ByTask:
					fmt.Fprintf(&b, ",%d", ganttLaneOf(p.tl, it))
				}
				b.WriteByte(']')
			}
			b.WriteByte(']')
			data = append(data, b.String())
		}
	}
	opt := map[string]any{
		"title":     titles,
		"legend":    map[string]any{"data": legend, "top": legendTop, "type": "scroll"},
		"tooltip":   map[string]any{"trigger": "item", "formatter": "@@TT@@", "confine": true},
		"grid":      grids,
		"xAxis":     xAxes,
		"yAxis":     yAxes,
		"animation": false,
		"dataZoom": []map[string]any{
			{"type": "slider", "xAxisIndex": xIdx, "filterMode": "weakFilter", "bottom": 8, "height": 18, "labelFormatter": "@@ZL@@"},
			{"type": "inside", "xAxisIndex": xIdx, "filterMode": "weakFilter"},
		},
		"series": series,
	}
	raw, err := json.Marshal(opt)
	if err != nil {
		return "", 0, fmt.Errorf("chart: encoding the timeline chart: %w", err)
	}
	js, err := json.Marshal(map[string]any{"D": tables, "SP": sp, "KIND": kind, "U": unit})
	if err != nil {
		return "", 0, fmt.Errorf("chart: encoding the timeline chart: %w", err)
	}
	var tabs map[string]json.RawMessage
	_ = json.Unmarshal(js, &tabs)
	body := string(raw)
	for _, d := range data {
		body = strings.Replace(body, `"@@DATA@@"`, d, 1)
	}
	body = strings.ReplaceAll(body, `"@@TT@@"`, "TT")
	body = strings.ReplaceAll(body, `"@@ZL@@"`, "function (v) { return fmt(v); }")
	for {
		i := strings.Index(body, `"@@R(`)
		if i < 0 {
			break
		}
		j := strings.Index(body[i+1:], `@@"`)
		call := body[i+3 : i+1+j]
		call = strings.ReplaceAll(call, `\u0027`, "'")
		body = body[:i] + call + body[i+1+j+3:]
	}
	var out strings.Builder
	out.WriteString("(function () {\n  var D = ")
	out.Write(tabs["D"])
	out.WriteString(", SP = ")
	out.Write(tabs["SP"])
	out.WriteString(", KIND = ")
	out.Write(tabs["KIND"])
	out.WriteString(", U = ")
	out.Write(tabs["U"])
	out.WriteString(";\n")
	out.WriteString(ganttJS)
	out.WriteString("  return ")
	out.WriteString(body)
	out.WriteString(";\n})()")
	// Below the last panel: its x axis labels and name, then the zoom slider.
	return out.String(), top - ganttPanelGap + 84, nil
}

// ganttLaneOf is the lane of a by-task item (-1 when none); items keep their segment's times, so look
// the lane up by task and start.
func ganttLaneOf(tl timeline.Timeline, it ganttItem) int {
	i, ok := slices.BinarySearchFunc(tl.Segments, it.start, func(s timeline.Segment, t time.Duration) int {
		return int(s.Start - t)
	})
	if !ok {
		return -1
	}
	for ; i < len(tl.Segments) && tl.Segments[i].Start == it.start; i++ {
		if tl.Segments[i].Task == it.task {
			return tl.Segments[i].Lane
		}
	}
	return -1
}

func ganttSourceShort(s timeline.Source) string {
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

// ganttSubtitle says where the data came from, how busy the lanes were, and what was merged.
func ganttSubtitle(panels []*ganttPanel, merged string) string {
	var parts []string
	sources := map[timeline.Source]bool{}
	for _, p := range panels {
		if !sources[p.tl.Source] {
			sources[p.tl.Source] = true
			parts = append(parts, ganttCapital(p.tl.Source.String()))
		}
	}
	for _, p := range panels {
		tl := p.tl
		lane := tl.LaneName
		if lane == "" {
			lane = "lane"
		}
		prefix := ""
		if len(panels) > 1 && tl.Title != "" {
			prefix = tl.Title + ": "
		}
		plural := "s"
		if tl.Lanes == 1 {
			plural = ""
		}
		parts = append(parts, ganttCapital(fmt.Sprintf("%son average %.2f of %d %s%s busy", prefix, tl.Parallelism(), tl.Lanes, lane, plural)))
		for _, n := range p.notes {
			parts = append(parts, ganttCapital(n))
		}
		if len(panels) == 1 {
			for _, n := range tl.Notes {
				parts = append(parts, ganttCapital(n))
			}
		}
	}
	if merged != "" {
		parts = append(parts, ganttCapital(merged))
	}
	return strings.Join(parts, ". ") + "."
}

func ganttCapital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
