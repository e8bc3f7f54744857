package figure

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/sim"
	"github.com/parlab/parlab/lib/timeline"
)

func spin(n int) (s int) {
	for i := range n {
		s += i * i
	}
	return s
}

func traced(t *testing.T, procs int) timeline.Timeline {
	t.Helper()
	tl, err := timeline.Trace(procs, func() {
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_ = spin(5_000_000)
				time.Sleep(time.Millisecond)
				_ = spin(5_000_000)
			}()
		}
		wg.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// rows returns the row labels of the i-th panel.
func rows(m map[string]any, i int) []string {
	var out []string
	for _, r := range ct.Axis(m, "yAxis", i)["data"].([]any) {
		out = append(out, r.(string))
	}
	return out
}

func TestGanttSimulated(t *testing.T) {
	tl := simulated(t, func() (sim.Scenario, error) { return sim.Baristas(1, 1, 4) })
	fig, err := Gantt(tl)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Title != tl.Title || fig.Height <= 0 {
		t.Errorf("Title %q, Height %d; want %q and a positive height", fig.Title, fig.Height, tl.Title)
	}
	m := ct.OptionJSON(t, fig)
	if !strings.Contains(ct.Titles(m), "Simulated") {
		t.Errorf("titles %q; want them to say the timeline is simulated", ct.Titles(m))
	}
	if got := ct.Axis(m, "xAxis", 0)["name"]; got != "time since start (s)" {
		t.Errorf("x axis %q; want time since start (s)", got)
	}
	r := rows(m, 0)
	if len(r) != 3 || !strings.HasPrefix(r[0], "barista 0 · ") || !strings.HasPrefix(r[1], "waiting for a barista") {
		t.Errorf("rows %v; want barista 0 with its utilisation, then the waiting and blocked counts", r)
	}
	if got := ct.Axis(m, "yAxis", 0)["name"]; got != "barista · % of time busy" {
		t.Errorf("row axis %q; want it to give the unit (%%)", got)
	}
	got := strings.Join(names(m, "custom"), "|")
	for _, want := range []string{"running", "runnable (waiting for a barista)", "blocked (channel, lock, sleep, I/O)"} {
		if !strings.Contains(got, want) {
			t.Errorf("series %q; want %q among them", got, want)
		}
	}
	res := ct.Eval(t, fig, "")
	if len(res.Tips) == 0 || !strings.Contains(res.Tips[0], "customer 1") || !strings.Contains(res.Tips[0], "take order") {
		t.Errorf("tooltips %q; want the first to name the task and phase", res.Tips)
	}
}

func TestGanttTasks(t *testing.T) {
	fig, err := GanttTasks(simulated(t, func() (sim.Scenario, error) { return sim.WebServer(1, 8) }))
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if r := rows(m, 0); len(r) != 8 || !strings.HasPrefix(r[0], "request 1 · ") {
		t.Errorf("rows %v; want one per request", r)
	}
	res := ct.Eval(t, fig, "")
	if !strings.Contains(res.Tips[0], "on core 0") {
		t.Errorf("running tooltip %q; want the core it ran on", res.Tips[0])
	}
	fig, err = GanttTasks(simulated(t, func() (sim.Scenario, error) { return sim.WebServer(1, 100) }))
	if err != nil {
		t.Fatal(err)
	}
	m = ct.OptionJSON(t, fig)
	if r := rows(m, 0); len(r) != maxTaskRows || !strings.Contains(ct.Titles(m), "first 60 of 100 tasks") {
		t.Errorf("%d rows, titles %q; want %d rows and a note that 60 of 100 tasks are shown", len(r), ct.Titles(m), maxTaskRows)
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
	m := ct.OptionJSON(t, fig)
	if !strings.Contains(ct.Titles(m), "context switches of 1ms each") {
		t.Errorf("titles %q; want the count of context switches", ct.Titles(m))
	}
}

func TestGanttStackTraced(t *testing.T) {
	fig, err := GanttStack("three spinners", traced(t, 1), traced(t, 2))
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := len(m["grid"].([]any)); got != 2 {
		t.Errorf("%d grids; want 2 (one per timeline)", got)
	}
	if a, b := ct.Axis(m, "xAxis", 0)["max"], ct.Axis(m, "xAxis", 1)["max"]; a != b {
		t.Errorf("x axes end at %v and %v; want a shared time axis", a, b)
	}
	titles := ct.Titles(m)
	if !strings.Contains(titles, "raced run") || !strings.Contains(titles, "GOMAXPROCS=1") {
		t.Errorf("titles %q; want them to say the run was traced, and a panel naming GOMAXPROCS", titles)
	}
	if zoom := m["dataZoom"].([]any)[0].(map[string]any)["xAxisIndex"].([]any); len(zoom) != 2 {
		t.Errorf("slider zooms x axes %v; want both", zoom)
	}
}

// TestGanttLargeTrace draws a real trace of about a million events (channel ping-pong on 2 Ps): short
// segments are merged so the chart stays small, and the subtitle says so.
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
	for _, draw := range []func(timeline.Timeline) (chart.Figure, error){Gantt, GanttTasks} {
		fig, err := draw(tl)
		if err != nil {
			t.Fatal(err)
		}
		opt, err := fig.Option()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d events, %d segments → option of %d bytes", tl.Events, len(tl.Segments), len(opt))
		if len(opt) > 2<<20 {
			t.Errorf("option is %d bytes; want ≤ 2 MiB", len(opt))
		}
		if !strings.Contains(opt, "were merged into") {
			t.Errorf("a chart of %d segments does not say what was merged", len(tl.Segments))
		}
	}
}

func TestScenarios(t *testing.T) {
	one, err := sim.Baristas(1, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	two, err := sim.Baristas(2, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Scenarios("one barista vs two", one, two)
	if err != nil {
		t.Fatal(err)
	}
	titles := ct.Titles(ct.OptionJSON(t, fig))
	for _, want := range []string{"one barista vs two", "1 barista, 1 machine, 4 customers — simulated", "2 baristas, 1 machine, 4 customers — simulated",
		"2 baristas, 1 machine, 4 customers: the machines — simulated"} {
		if !strings.Contains(titles, want) {
			t.Errorf("titles %q; want %q", titles, want)
		}
	}
	if _, err := Scenarios("none"); err == nil {
		t.Errorf("Scenarios with no scenarios: got no error; want one")
	}
	bad := one
	bad.Config.Cores = 0
	if _, err := Scenarios("bad", bad); err == nil || !strings.Contains(err.Error(), "1 barista, 1 machine, 4 customers") {
		t.Errorf("Scenarios with 0 cores: got %v; want an error naming the scenario", err)
	}
}

// TestSimulation: a simulation with shared units is drawn with a panel of its machines below its baristas.
func TestSimulation(t *testing.T) {
	sc, err := sim.Baristas(2, 1, 4)
	if err != nil {
		t.Fatal(err)
	}
	r, err := sc.Run()
	if err != nil {
		t.Fatal(err)
	}
	fig, err := Simulation("your coffee shop", r)
	if err != nil {
		t.Fatal(err)
	}
	titles := ct.Titles(ct.OptionJSON(t, fig))
	for _, want := range []string{"your coffee shop", "2 baristas, 1 machine, 4 customers: the machines — simulated"} {
		if !strings.Contains(titles, want) {
			t.Errorf("titles %q; want %q", titles, want)
		}
	}
	j, err := sim.Jugglers(1, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	jr, err := j.Run()
	if err != nil {
		t.Fatal(err)
	}
	if fig, err := Simulation("", jr); err != nil || !strings.Contains(ct.Titles(ct.OptionJSON(t, fig)), "1 juggler, 3 balls") {
		t.Errorf("Simulation of a juggler: %v; want one panel titled by the scenario", err)
	}
}

func TestGanttBadInput(t *testing.T) {
	errOf := func(_ chart.Figure, err error) error { return err }
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"empty", errOf(Gantt(timeline.Timeline{})), "no segments"},
		{"invalid", errOf(Gantt(timeline.Timeline{Lanes: 1, Span: 1, Tasks: []timeline.Task{{}}, Segments: []timeline.Segment{{Lane: 3, End: 1}}})), "lane 3"},
		{"no timelines", errOf(GanttStack("x")), "no timelines"},
		{"too many", errOf(GanttStack("x", make([]timeline.Timeline, 9)...)), "at most 8"},
	} {
		if tt.err == nil || !strings.Contains(tt.err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, tt.err, tt.want)
		}
	}
}
