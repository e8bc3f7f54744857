package chart

import (
	"strings"
	"testing"
	"time"
)

func ganttKinds() []GanttKind {
	return []GanttKind{
		{Name: "running", Fill: FillSolid, Colour: "#5470c6"},
		{Name: "waiting", Fill: FillCount, Colour: "#b8c4e0", Count: "waiting for a core"},
	}
}

func TestGanttTablesAndDatasets(t *testing.T) {
	g := Gantt{Title: "two tasks", Kinds: ganttKinds(), Panels: []GanttPanel{{
		RowAxis: "core · % of time busy", Rows: []string{"core 0 · 100%", "waiting (≤ 1)"},
		Tasks: []GanttTask{{Name: "a"}, {Name: "GC", Colour: "#444444"}},
		Bars: []GanttBar{
			{Row: 0, Start: 0, End: 2 * time.Millisecond, Kind: 0, Task: 0, Reason: "compute", Place: -1},
			{Row: 0, Start: 2 * time.Millisecond, End: 3 * time.Millisecond, Kind: 0, Task: 1, Reason: "compute", Place: -1},
			{Row: 1, Start: 0, End: 2 * time.Millisecond, Kind: 1, Task: -1, Place: -1, Count: 1},
		},
	}}}
	fig, err := g.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	if got := axis(m, "xAxis", 0)["name"]; got != "time since start (ms)" {
		t.Errorf("time axis %q", got)
	}
	if got := axis(m, "yAxis", 0)["nameTextStyle"].(map[string]any)["align"]; got != "right" {
		t.Errorf("row axis name aligned %v; want right", got)
	}
	cs := series(m, "custom")
	if len(cs) != 2 || cs[0]["renderItem"] != "parlab.gantt.render" || cs[1]["datasetIndex"] != 1.0 {
		t.Errorf("series %v; want one per kind, drawn by parlab.gantt.render, each reading its dataset", cs)
	}
	rows := m["dataset"].([]any)[0].(map[string]any)["source"].([]any)
	if first := rows[0].([]any); first[1] != 0.0 || first[2] != 2.0 || first[4] != 0.0 {
		t.Errorf("first bar %v; want [row 0, 0 ms, 2 ms, task 0, reason 0, …]", first)
	}
	if zoom := m["dataZoom"].([]any); len(zoom) != 2 {
		t.Errorf("dataZoom %v; want a slider and inside zoom", zoom)
	}
}

// Too many bars are merged into grey blocks until they fit, and the subtitle says so.
func TestGanttMergesShortBars(t *testing.T) {
	const n = 100_000
	p := GanttPanel{RowAxis: "core", Rows: []string{"core 0", "core 1"}, Tasks: []GanttTask{{Name: "t"}}}
	for i := range n {
		start := time.Duration(i) * 2 * time.Microsecond
		p.Bars = append(p.Bars, GanttBar{Row: i % 2, Start: start, End: start + time.Microsecond, Task: 0, Place: -1})
	}
	fig, err := Gantt{Title: "many", Kinds: ganttKinds()[:1], Panels: []GanttPanel{p}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := optionJSON(t, fig)
	items := 0
	for _, d := range m["dataset"].([]any) {
		items += len(d.(map[string]any)["source"].([]any))
	}
	if items > ganttMaxItems {
		t.Errorf("%d bars drawn; want at most %d", items, ganttMaxItems)
	}
	sub := m["title"].(map[string]any)["subtext"].(string)
	if !strings.Contains(sub, "segments, each shorter than") || !strings.Contains(sub, "of 100000") {
		t.Errorf("subtitle %q; want it to say what was merged", sub)
	}
	opt, _ := fig.Option()
	if len(opt) > ganttMaxBytes {
		t.Errorf("option of %d bytes; want at most %d", len(opt), ganttMaxBytes)
	}
}

func TestGanttBadInputIsASentence(t *testing.T) {
	k := ganttKinds()
	for _, tt := range []struct {
		g    Gantt
		want string
	}{
		{Gantt{Kinds: k}, "no panels"},
		{Gantt{Panels: []GanttPanel{{Rows: []string{"r"}}}}, "no kinds"},
		{Gantt{Kinds: k, Panels: []GanttPanel{{}}}, "has 0 rows"},
		{Gantt{Kinds: k, Panels: []GanttPanel{{Rows: []string{"r"}, Bars: []GanttBar{{Row: 1}}}}}, "on row 1 of 1"},
		{Gantt{Kinds: k, Panels: []GanttPanel{{Rows: []string{"r"}, Bars: []GanttBar{{Task: 3}}}}}, "task 3 of 0"},
		{Gantt{Kinds: k, Panels: []GanttPanel{{Rows: []string{"r"}, Bars: []GanttBar{{Start: 2, End: 1, Task: -1, Place: -1}}}}}, "want 0 ≤ start ≤ end"},
		{Gantt{Kinds: []GanttKind{{Name: "x", Fill: fillMerged}}, Panels: []GanttPanel{{Rows: []string{"r"}}}}, "one of the Fill constants"},
	} {
		if _, err := tt.g.Figure(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v; want it to contain %q", err, tt.want)
		}
	}
}
