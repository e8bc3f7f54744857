package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Gantt draws lanes over time: rows (a core, a worker, a task) holding bars from a start to an end time,
// in one panel or several stacked on one time axis with one zoom (drag the slider or scroll). Bars have a
// kind (a legend entry: how they are filled) and, optionally, a task (its name and colour), a reason, a
// place and a count, all shown in their tooltip.
//
// When the panels together hold more than about 30,000 bars, runs of short bars are merged into grey
// blocks (their shade says how busy the block was) until they fit, and the subtitle says so. The drawing
// code is js/gantt.js; the option is built with go-echarts (one custom series per panel and kind, each
// reading its own dataset).
type Gantt struct {
	Title string
	// Subtitle is sentences under the title (where the data came from, how busy the lanes were).
	Subtitle string
	Panels   []GanttPanel
	Kinds    []GanttKind
	// Span is the length of the time axis; 0 means the latest End of any bar.
	Span time.Duration
}

// GanttPanel is one set of rows.
type GanttPanel struct {
	// Title is drawn above the panel when there are several.
	Title string
	// RowAxis says what a row is and what its label's number means: "P · % of time busy".
	RowAxis string
	Rows    []string
	// Tasks are what the bars belong to: a bar's Task indexes them.
	Tasks []GanttTask
	// Places name where a bar ran, for its tooltip ("P0", "core 1"): a bar's Place indexes them.
	Places []string
	Bars   []GanttBar
}

// GanttTask is a task's name and colour (a CSS colour; "" takes the palette's, by position).
type GanttTask struct {
	Name   string
	Colour string
}

// GanttBar is one bar.
type GanttBar struct {
	Row        int
	Start, End time.Duration
	Kind       int    // index into Gantt.Kinds
	Task       int    // index into the panel's Tasks; -1 for none (count kinds)
	Reason     string // why, when known: "chan receive", "preempted"
	Place      int    // index into the panel's Places; -1 for none
	Count      int    // for count kinds: how many tasks (the bar's shade)
}

// GanttKind is a kind of bar: a legend entry and how its bars are filled.
type GanttKind struct {
	Name   string // legend entry: "running", "runnable (waiting for a P)"
	Fill   Fill
	Colour string // the legend's colour for it
	// Count is, for the count fills, what the counted tasks were doing, after "3 tasks":
	// "waiting for a P".
	Count string
}

// Fill is how a kind's bars are drawn.
type Fill int

const (
	FillSolid        Fill = iota // the task's colour
	FillFaded                    // the task's colour, faded, with a dashed edge
	FillPale                     // the task's colour, pale
	FillHatched                  // hatched, edged in the task's colour
	FillCount                    // blue, darker the larger Count is
	FillCountHatched             // hatched, darker the larger Count is
	fillMerged                   // merged short bars, darker the busier
)

func (f Fill) js() string {
	return [...]string{"solid", "faded", "pale", "hatched", "count", "countHatched", "merged"}[f]
}

const (
	// ganttMaxItems is the drawing budget across panels: at about 35 bytes a bar it keeps the option
	// near 1 MB.
	ganttMaxItems = 30_000
	// ganttMaxBytes bounds one Gantt figure's option and tables together.
	ganttMaxBytes = 2 << 20
	ganttMaxRows  = 400
	ganttRowPx    = 26
	ganttPanelGap = 64 // x axis labels, then the next panel's title and y axis name
)

// ganttItem is one drawn bar: n is the place, count or merged segments; busy a merged block's share.
type ganttItem struct {
	row        int
	start, end time.Duration
	task       int
	reason     int
	n          int
	busy       float64
}

// Figure builds the Gantt chart with go-echarts.
func (g Gantt) Figure() (Figure, error) {
	if err := g.check(); err != nil {
		return Figure{}, fmt.Errorf("chart: Gantt chart %q: %w", g.Title, err)
	}
	span := g.Span
	for _, p := range g.Panels {
		for _, b := range p.Bars {
			span = max(span, b.End)
		}
	}
	span = max(span, 1)
	kinds := append(slices.Clone(g.Kinds), GanttKind{Name: "merged short segments", Fill: fillMerged, Colour: "#888888"})
	merged := len(kinds) - 1
	// items[panel][kind], reasons[panel]
	items := make([][][]ganttItem, len(g.Panels))
	reasons := make([][]string, len(g.Panels))
	for pi, p := range g.Panels {
		items[pi] = make([][]ganttItem, len(kinds))
		index := map[string]int{}
		for _, b := range p.Bars {
			r := -1
			if b.Reason != "" {
				if i, ok := index[b.Reason]; ok {
					r = i
				} else if len(reasons[pi]) < 256 { // a tooltip without a reason beats an unbounded table
					reasons[pi] = append(reasons[pi], b.Reason)
					r = len(reasons[pi]) - 1
					index[b.Reason] = r
				}
			}
			n := b.Place
			if f := g.Kinds[b.Kind].Fill; f == FillCount || f == FillCountHatched {
				n = b.Count
			}
			items[pi][b.Kind] = append(items[pi][b.Kind], ganttItem{row: b.Row, start: b.Start, end: b.End, task: b.Task, reason: r, n: n})
		}
	}
	note := ganttMerge(items, merged, span)
	unit, per := TimeUnit(span / 2)
	// Round times to about 1/100,000 of the span, so numbers stay short.
	q := math.Pow(10, math.Floor(math.Log10(float64(span)/float64(per)/1e5)))
	decimals := max(0, int(-math.Log10(q)))
	num := func(d time.Duration) float64 {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(float64(d)/float64(per), 'f', decimals, 64), 64) // formatted so: parses
		return v
	}
	c := charts.NewCustom()
	ext := withExtras(c)
	type panelTable struct {
		Tasks   []string `json:"tasks"`
		Colours []string `json:"colours"`
		Reasons []string `json:"reasons"`
		Places  []string `json:"places"`
		Peak    []int    `json:"peak"`
	}
	type kindTable struct {
		Name  string `json:"name"`
		Fill  string `json:"fill"`
		Count string `json:"count"`
	}
	tables := struct {
		Unit   string       `json:"unit"`
		Kinds  []kindTable  `json:"kinds"`
		Series [][2]int     `json:"series"`
		Panels []panelTable `json:"panels"`
	}{Unit: unit}
	for _, k := range kinds {
		tables.Kinds = append(tables.Kinds, kindTable{k.Name, k.Fill.js(), k.Count})
	}
	// Layout from the top: title, subtitle (about 120 characters a line at 860 px), legend, then per
	// panel its title (when stacked), the y axis name and the rows.
	sub := g.Subtitle
	if note != "" {
		sub = strings.TrimSpace(sub + " " + note + ".")
	}
	legendTop := 34 + 14*(1+len([]rune(sub))/120) + 6
	top := legendTop + 28 + 18
	if len(g.Panels) > 1 {
		top += 22
	}
	var legend []string
	var zoomAxes []int
	for pi, p := range g.Panels {
		t := panelTable{Reasons: reasons[pi], Places: p.Places, Peak: make([]int, len(kinds))}
		if t.Reasons == nil {
			t.Reasons = []string{}
		}
		if t.Places == nil {
			t.Places = []string{}
		}
		for i, task := range p.Tasks {
			t.Tasks = append(t.Tasks, task.Name)
			colour := task.Colour
			if colour == "" {
				colour = ganttPalette[i%len(ganttPalette)]
			}
			t.Colours = append(t.Colours, colour)
		}
		for k := range kinds {
			for _, it := range items[pi][k] {
				t.Peak[k] = max(t.Peak[k], it.n)
			}
		}
		tables.Panels = append(tables.Panels, t)

		h := ganttRowPx * len(p.Rows)
		if len(g.Panels) > 1 {
			ext.titles = append(ext.titles, opts.Title{Title: p.Title, Left: "170", Top: px(top - 40),
				TitleStyle: &opts.TextStyle{FontSize: 13, FontWeight: "normal"}})
		}
		c.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "170", Right: "30", Top: px(top), Height: px(h)}))
		x := opts.XAxis{Type: "value", GridIndex: pi, Min: 0.0, Max: num(span),
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#eee"}}}
		if pi == len(g.Panels)-1 {
			x.Name, x.NameLocation, x.NameGap = "time since start ("+unit+")", "middle", 24
		}
		y := opts.YAxis{Type: "category", GridIndex: pi, Data: p.Rows, Inverse: opts.Bool(true),
			Name: p.RowAxis, NameLocation: "start", NameGap: 6,
			AxisLabel: &opts.AxisLabel{Width: 150, Overflow: "truncate", FontSize: 11},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: "#f3f3f3"}}}
		ext.yName[pi] = nameStyle{Align: "right", Color: "#666"}
		if pi == 0 {
			c.SetGlobalOptions(charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))
		} else {
			c.ExtendXAxis(x)
			c.ExtendYAxis(y)
		}
		zoomAxes = append(zoomAxes, pi)
		top += h + ganttPanelGap
		for k, its := range items[pi] {
			if len(its) == 0 {
				continue
			}
			rows := make([][7]float64, len(its))
			for i, it := range its {
				rows[i] = [7]float64{float64(it.row), num(it.start), num(it.end), float64(it.task), float64(it.reason),
					float64(it.n), math.Round(100*it.busy) / 100}
			}
			c.AddDataset(opts.Dataset{Source: rows})
			id := fmt.Sprintf("_g%d", len(tables.Series))
			c.AddSeries(kinds[k].Name, nil,
				charts.WithCustomChartOpts(opts.CustomChart{XAxisIndex: pi, YAxisIndex: pi, RenderItem: fn("parlab.gantt.render")}),
				charts.WithDatasetIndex(len(tables.Series)),
				charts.WithEncodeOpts(opts.Encode{X: []int{1, 2}, Y: 0}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: kinds[k].Colour}),
				charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Progressive = opts.Int(4000) }),
				charts.WithSeriesId(id))
			ext.series[id] = seriesExtra{Clip: opts.Bool(true)}
			tables.Series = append(tables.Series, [2]int{pi, k})
			if !slices.Contains(legend, kinds[k].Name) {
				legend = append(legend, kinds[k].Name)
			}
		}
	}
	ext.confine = true
	c.SetGlobalOptions(
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: g.Title, Subtitle: sub, Left: "center", Top: "4",
			SubtitleStyle: &opts.TextStyle{Width: 860, Overflow: "break", LineHeight: 14}}),
		charts.WithLegendOpts(opts.Legend{Data: legend, Top: px(legendTop), Type: "scroll"}),
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "item", Formatter: fn("parlab.gantt.tip")}),
		charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", XAxisIndex: zoomAxes, FilterMode: "weakFilter", LabelFormatter: string(fn("parlab.gantt.time"))},
			opts.DataZoom{Type: "inside", XAxisIndex: zoomAxes, FilterMode: "weakFilter"}),
	)
	fig := Figure{Title: g.Title, Chart: c, Height: top - ganttPanelGap + 84, data: tables}
	// Below the last panel: its x axis labels and name, then the zoom slider.
	opt, err := optionOf(c)
	if err != nil {
		return Figure{}, err
	}
	tab, err := json.Marshal(tables)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: Gantt chart %q: encoding its tables: %w", g.Title, err)
	}
	if n := len(opt) + len(tab); n > ganttMaxBytes {
		return Figure{}, fmt.Errorf("chart: the Gantt chart %q would be %d bytes; want at most %d (too many rows or tasks to draw)", g.Title, n, ganttMaxBytes)
	}
	return fig, nil
}

// ganttPalette is ECharts 5's default palette plus a few, so neighbouring tasks differ.
var ganttPalette = append(slices.Clone(palette), "#2f4554", "#c23531", "#bda29a")

func (g Gantt) check() error {
	if len(g.Panels) == 0 {
		return fmt.Errorf("no panels: nothing to draw")
	}
	if len(g.Panels) > 8 {
		return fmt.Errorf("%d panels; at most 8 stay readable", len(g.Panels))
	}
	if len(g.Kinds) == 0 {
		return fmt.Errorf("no kinds of bar: want at least one (its legend entry and fill)")
	}
	for k, kind := range g.Kinds {
		if kind.Fill < FillSolid || kind.Fill >= fillMerged {
			return fmt.Errorf("kind %q has fill %d; want one of the Fill constants", kind.Name, kind.Fill)
		}
		if kind.Name == "" {
			return fmt.Errorf("kind %d has no name (its legend entry)", k)
		}
	}
	if g.Span < 0 {
		return fmt.Errorf("span %v; want 0 (automatic) or more", g.Span)
	}
	for pi, p := range g.Panels {
		if len(p.Rows) == 0 || len(p.Rows) > ganttMaxRows {
			return fmt.Errorf("panel %d has %d rows; want 1 to %d", pi+1, len(p.Rows), ganttMaxRows)
		}
		for i, b := range p.Bars {
			switch {
			case b.Row < 0 || b.Row >= len(p.Rows):
				return fmt.Errorf("panel %d, bar %d is on row %d of %d", pi+1, i+1, b.Row, len(p.Rows))
			case b.Kind < 0 || b.Kind >= len(g.Kinds):
				return fmt.Errorf("panel %d, bar %d has kind %d of %d", pi+1, i+1, b.Kind, len(g.Kinds))
			case b.Task < -1 || b.Task >= len(p.Tasks):
				return fmt.Errorf("panel %d, bar %d has task %d of %d", pi+1, i+1, b.Task, len(p.Tasks))
			case b.Place < -1 || b.Place >= len(p.Places):
				return fmt.Errorf("panel %d, bar %d has place %d of %d", pi+1, i+1, b.Place, len(p.Places))
			case b.Start < 0 || b.End < b.Start:
				return fmt.Errorf("panel %d, bar %d runs from %v to %v; want 0 ≤ start ≤ end", pi+1, i+1, b.Start, b.End)
			case g.Span > 0 && b.End > g.Span:
				return fmt.Errorf("panel %d, bar %d ends at %v, after the span %v", pi+1, i+1, b.End, g.Span)
			}
		}
	}
	return nil
}

// ganttMerge merges runs of short bars, per panel, row and kind, until all panels together fit
// ganttMaxItems; merged blocks go to items[p][merged]. It returns a sentence saying what was merged, or "".
func ganttMerge(items [][][]ganttItem, merged int, span time.Duration) string {
	count := func() int {
		n := 0
		for _, p := range items {
			for _, its := range p {
				n += len(its)
			}
		}
		return n
	}
	before := count()
	if before <= ganttMaxItems {
		return ""
	}
	orig := make([][][]ganttItem, len(items))
	for i, p := range items {
		orig[i] = slices.Clone(p)
	}
	// Start far below a pixel (a 900 px chart zoomed 1000×) and double until the items fit.
	least := max(span/1_000_000, 1)
	for {
		segments, blocks := 0, 0
		for pi := range items {
			items[pi] = make([][]ganttItem, len(orig[pi]))
			for k, its := range orig[pi] {
				if k == merged {
					continue
				}
				keep, m, n := ganttMergeKind(its, least)
				items[pi][k] = keep
				items[pi][merged] = append(items[pi][merged], m...)
				segments += n
				blocks += len(m)
			}
		}
		if count() <= ganttMaxItems || least > span {
			return fmt.Sprintf("%d of %d segments, each shorter than %v, were merged into %d grey blocks (shade: how busy the block was)",
				segments, before, ganttRound(least), blocks)
		}
		least *= 2
	}
}

// ganttMergeKind merges, row by row, consecutive items shorter than least that lie less than least
// apart, into blocks no longer than 8×least, so a block's shade still tells how busy that stretch was. A
// run of a single short item is kept as it is.
func ganttMergeKind(items []ganttItem, least time.Duration) (keep, merged []ganttItem, n int) {
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
				blk := ganttItem{row: r, start: run[0].start, end: run[0].start, task: -1, reason: -1, n: len(run)}
				for _, it := range run {
					busy += it.end - it.start
					blk.end = max(blk.end, it.end)
				}
				blk.busy = math.Min(1, float64(busy)/float64(max(blk.end-blk.start, 1)))
				merged = append(merged, blk)
				n += len(run)
			}
			run = run[:0]
		}
		for _, it := range list {
			if it.end-it.start >= least {
				flush()
				keep = append(keep, it)
				continue
			}
			if len(run) > 0 && (it.start-run[len(run)-1].end >= least || it.end-run[0].start > 8*least) {
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
