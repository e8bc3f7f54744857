package chart

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

func ganttSimulated(t *testing.T, make func() (sim.Scenario, error)) timeline.Timeline {
	t.Helper()
	sc, err := make()
	if err != nil {
		t.Fatal(err)
	}
	res, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	return res.Timeline
}

func ganttSpin(n int) (s int) {
	for i := range n {
		s += i * i
	}
	return s
}

func ganttTraced(t *testing.T, procs int) timeline.Timeline {
	t.Helper()
	tl, err := timeline.Trace(procs, func() {
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = ganttSpin(5_000_000)
				time.Sleep(time.Millisecond)
				_ = ganttSpin(5_000_000)
			}()
		}
		wg.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// evalOption evaluates a figure's option with node (when installed), with a stub echarts, calls every
// renderItem on its first data item and the tooltip on it, and returns the option as JSON.
func ganttEval(t *testing.T, opt string) map[string]any {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed: cannot evaluate the option's JavaScript")
	}
	script := `
var echarts = {graphic: {clipRectByRect: function (a) { return a; }}};
var option = (` + opt + `);
option.series.forEach(function (s, i) {
  var v = s.data[0];
  var api = {value: function (k) { return v[k]; }, coord: function (p) { return [p[0] * 10, p[1] * 20]; },
             size: function () { return [0, 20]; }};
  var el = s.renderItem({coordSys: {x: 0, y: 0, width: 1e9, height: 1e9}}, api);
  if (!el || el.type !== 'rect') { throw new Error('series ' + i + ' drew ' + JSON.stringify(el)); }
  var tip = option.tooltip.formatter({value: v, seriesIndex: i, seriesName: s.name, marker: ''});
  if (typeof tip !== 'string' || tip.indexOf('for ') < 0) { throw new Error('series ' + i + ' tooltip ' + tip); }
  s.tip = tip;
  delete s.renderItem;
});
delete option.tooltip.formatter;
option.dataZoom.forEach(function (z) { delete z.labelFormatter; });
process.stdout.write(JSON.stringify(option));
`
	f := filepath.Join(t.TempDir(), "opt.js")
	if err := os.WriteFile(f, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, f).CombinedOutput()
	if err != nil {
		t.Fatalf("node could not evaluate the option: %v\n%s", err, out)
	}
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("option is not an object: %v", err)
	}
	return m
}

func ganttSeriesNames(m map[string]any) []string {
	var names []string
	for _, s := range m["series"].([]any) {
		names = append(names, s.(map[string]any)["name"].(string))
	}
	return names
}

func TestGanttSimulated(t *testing.T) {
	tl := ganttSimulated(t, func() (sim.Scenario, error) { return sim.Baristas(1, 4) })
	fig, err := Gantt(tl)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Title != tl.Title || fig.Height <= 0 {
		t.Errorf("Title %q, Height %d; want %q and a positive height", fig.Title, fig.Height, tl.Title)
	}
	m := ganttEval(t, fig.Option)
	title := m["title"].([]any)[0].(map[string]any)
	if !strings.Contains(title["subtext"].(string), "imulated") {
		t.Errorf("subtitle %q; want it to say the timeline is simulated", title["subtext"])
	}
	x := m["xAxis"].([]any)[0].(map[string]any)
	if got, want := x["name"], "time since start (s)"; got != want {
		t.Errorf("x axis name %q; want %q", got, want)
	}
	y := m["yAxis"].([]any)[0].(map[string]any)
	rows := y["data"].([]any)
	if len(rows) != 3 || !strings.HasPrefix(rows[0].(string), "barista 0 · ") || !strings.HasPrefix(rows[1].(string), "waiting for a barista") {
		t.Errorf("rows %v; want barista 0 with its utilisation, then the waiting and blocked counts", rows)
	}
	if !strings.Contains(y["name"].(string), "%") {
		t.Errorf("y axis name %q; want it to give the unit (%%)", y["name"])
	}
	names := ganttSeriesNames(m)
	for _, want := range []string{"running", "runnable (waiting for a barista)", "blocked (channel, lock, sleep, I/O)"} {
		if !strings.Contains(strings.Join(names, "|"), want) {
			t.Errorf("series %q; want %q among them", names, want)
		}
	}
	if len(m["dataZoom"].([]any)) != 2 {
		t.Errorf("dataZoom %v; want a slider and inside zoom", m["dataZoom"])
	}
	tip := m["series"].([]any)[0].(map[string]any)["tip"].(string)
	if !strings.Contains(tip, "customer 1") || !strings.Contains(tip, "take order") {
		t.Errorf("first tooltip %q; want the task and phase", tip)
	}
}

func TestGanttTasks(t *testing.T) {
	tl := ganttSimulated(t, func() (sim.Scenario, error) { return sim.WebServer(1, 8) })
	fig, err := GanttTasks(tl)
	if err != nil {
		t.Fatal(err)
	}
	m := ganttEval(t, fig.Option)
	rows := m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if len(rows) != 8 || !strings.HasPrefix(rows[0].(string), "request 1 · ") {
		t.Errorf("rows %v; want one per request", rows)
	}
	for _, s := range m["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] == "running" && !strings.Contains(s["tip"].(string), "on core 0") {
			t.Errorf("running tooltip %q; want the core it ran on", s["tip"])
		}
	}
}

func TestGanttTasksCapsRows(t *testing.T) {
	tl := ganttSimulated(t, func() (sim.Scenario, error) { return sim.WebServer(1, 100) })
	fig, err := GanttTasks(tl)
	if err != nil {
		t.Fatal(err)
	}
	m := ganttEval(t, fig.Option)
	rows := m["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	sub := m["title"].([]any)[0].(map[string]any)["subtext"].(string)
	if len(rows) != GanttMaxRows || !strings.Contains(sub, "first 60 of 100 tasks") {
		t.Errorf("%d rows, subtitle %q; want %d rows and a note that 60 of 100 tasks are shown", len(rows), sub, GanttMaxRows)
	}
}

func TestGanttContextSwitches(t *testing.T) {
	tasks, err := sim.CPUBound(2, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(sim.Config{Cores: 1, Quantum: 2 * time.Millisecond, Switch: time.Millisecond}, tasks)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Gantt(res.Timeline)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fig.Option, `"context switch"`) || !strings.Contains(fig.Option, "context switches of 1ms each") {
		t.Errorf("a timeline with context switches: the chart names neither the switch task nor their count")
	}
}

func TestGanttStackTraced(t *testing.T) {
	one, all := ganttTraced(t, 1), ganttTraced(t, 2)
	fig, err := GanttStack("three spinners", one, all)
	if err != nil {
		t.Fatal(err)
	}
	m := ganttEval(t, fig.Option)
	if got := len(m["grid"].([]any)); got != 2 {
		t.Errorf("%d grids; want 2 (one per timeline)", got)
	}
	xs := m["xAxis"].([]any)
	if xs[0].(map[string]any)["max"] != xs[1].(map[string]any)["max"] {
		t.Errorf("x axes end at %v and %v; want a shared time axis", xs[0].(map[string]any)["max"], xs[1].(map[string]any)["max"])
	}
	titles := m["title"].([]any)
	if !strings.Contains(titles[0].(map[string]any)["subtext"].(string), "raced run") {
		t.Errorf("subtitle %q; want it to say the run was traced", titles[0].(map[string]any)["subtext"])
	}
	if len(titles) != 3 || !strings.Contains(titles[1].(map[string]any)["text"].(string), "GOMAXPROCS=1") {
		t.Errorf("titles %v; want the chart's and one per panel naming GOMAXPROCS", titles)
	}
	zoom := m["dataZoom"].([]any)[0].(map[string]any)["xAxisIndex"].([]any)
	if len(zoom) != 2 {
		t.Errorf("slider zooms x axes %v; want both", zoom)
	}
}

func TestGanttMergesLargeTimelines(t *testing.T) {
	// 400,000 segments of 1 µs with 1 µs gaps on 2 lanes, plus a few long ones that must survive.
	tl := timeline.Timeline{Title: "busy", Source: timeline.Traced, LaneName: "P", Lanes: 2, Tasks: []timeline.Task{{ID: 1, Name: "G1"}, {ID: 2, Name: "G2"}}}
	const n = 200_000
	for i := range n {
		at := time.Duration(i) * 2 * time.Microsecond
		tl.Segments = append(tl.Segments,
			timeline.Segment{Lane: 0, Task: 0, State: timeline.Running, Start: at, End: at + time.Microsecond},
			timeline.Segment{Lane: 1, Task: 1, State: timeline.Running, Start: at, End: at + time.Microsecond})
	}
	tl.Span = n * 2 * time.Microsecond
	fig, err := Gantt(tl)
	if err != nil {
		t.Fatal(err)
	}
	if len(fig.Option) > GanttMaxBytes {
		t.Errorf("option is %d bytes; want ≤ %d", len(fig.Option), GanttMaxBytes)
	}
	if !strings.Contains(fig.Option, "were merged into") {
		t.Errorf("the subtitle does not say what was merged")
	}
	m := ganttEval(t, fig.Option)
	var merged int
	for _, s := range m["series"].([]any) {
		if s.(map[string]any)["name"] == "merged short segments" {
			merged += len(s.(map[string]any)["data"].([]any))
		}
	}
	if merged == 0 || merged > ganttMaxItems {
		t.Errorf("%d merged blocks; want between 1 and %d", merged, ganttMaxItems)
	}
	t.Logf("%d segments → option of %d bytes, %d merged blocks", 2*n, len(fig.Option), merged)
}

// TestGanttLargeTrace draws a real trace of about a million events (channel ping-pong on 2 Ps).
func TestGanttLargeTrace(t *testing.T) {
	if testing.Short() || ganttRace {
		t.Skip("traces 170,000 channel round trips (≈ 3 s; ≈ 50 s under -race)")
	}
	tl, err := timeline.Trace(2, func() {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
			close(pong)
		}()
		for i := range 170_000 {
			ping <- i
			<-pong
		}
		close(ping)
		<-pong
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, draw := range []func(timeline.Timeline) (Figure, error){Gantt, GanttTasks} {
		start := time.Now()
		fig, err := draw(tl)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d events, %d segments → option of %d bytes in %v", tl.Events, len(tl.Segments), len(fig.Option), time.Since(start))
		if len(fig.Option) > GanttMaxBytes {
			t.Errorf("option is %d bytes; want ≤ %d", len(fig.Option), GanttMaxBytes)
		}
		if !strings.Contains(fig.Option, "were merged into") {
			t.Errorf("a chart of %d segments does not say what was merged", len(tl.Segments))
		}
	}
}

func TestGanttBadInput(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"empty", ganttSecond(Gantt(timeline.Timeline{})), "no segments"},
		{"invalid", ganttSecond(Gantt(timeline.Timeline{Lanes: 1, Span: 1, Tasks: []timeline.Task{{}}, Segments: []timeline.Segment{{Lane: 3, End: 1}}})), "lane 3"},
		{"no timelines", ganttSecond(GanttStack("x")), "no timelines"},
		{"too many", ganttSecond(GanttStack("x", make([]timeline.Timeline, 9)...)), "at most 8"},
	}
	for _, tt := range tests {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.want)
		}
	}
}

func ganttSecond(_ Figure, err error) error { return err }

// TestGanttPage writes example pages for a look in a browser when PARLAB_GANTT_PAGES names a directory.
func TestGanttPage(t *testing.T) {
	dir := os.Getenv("PARLAB_GANTT_PAGES")
	if dir == "" {
		t.Skip("set PARLAB_GANTT_PAGES=dir to write example pages")
	}
	one := ganttSimulated(t, func() (sim.Scenario, error) { return sim.Jugglers(1, 3, 4) })
	two := ganttSimulated(t, func() (sim.Scenario, error) { return sim.Jugglers(2, 6, 4) })
	var figs []any
	add := func(f Figure, errs ...error) {
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		figs = append(figs, f)
	}
	add(GanttStack("one juggler vs two", one, two))
	add(Gantt(ganttSimulated(t, func() (sim.Scenario, error) { return sim.Baristas(1, 4) })))
	add(GanttTasks(ganttSimulated(t, func() (sim.Scenario, error) { return sim.WebServer(1, 12) })))
	add(GanttStack("three spinners, traced", ganttTraced(t, 1), ganttTraced(t, 2)))
	add(Gantt(ganttSimulated(t, func() (sim.Scenario, error) { return sim.Secretaries(1) })))
	add(GanttTasks(ganttTraced(t, 2)))
	rec, _ := timeline.NewRecorder(3)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				rec.Begin(w, fmt.Sprintf("job %d", j))
				_ = ganttSpin(1_000_000 * (1 + j%4))
				rec.End(w)
			}
		}()
	}
	for j := range 24 {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	pool, err := rec.Timeline("a pool of 3 workers, 24 jobs")
	fig, ferr := Gantt(pool)
	add(fig, err, ferr)
	for i, part := range [][]any{figs[:5], figs[5:]} {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("gantt%d.html", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := WritePage(f, "Gantt examples", part...); err != nil {
			t.Fatal(err)
		}
	}
}
