package serving

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestLevels(t *testing.T) {
	ms := time.Millisecond
	pts := []bench.Point{
		{Config: bench.Config{Workers: 1}, Median: 100 * ms, Low: 90 * ms, High: 110 * ms},
		{Config: bench.Config{Workers: 4}, Median: 25 * ms, Low: 20 * ms, High: 50 * ms},
		{Config: bench.Config{Workers: 64}, Median: 10 * ms, Low: 10 * ms, High: 10 * ms},
		{Config: bench.Config{Workers: 8}}, // no samples: skipped
	}
	lv, err := Levels(pts, 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(lv) != 3 {
		t.Fatalf("got %d levels; want 3", len(lv))
	}
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*math.Abs(want) }
	for _, c := range []struct {
		i                   int
		x, xlo, xhi, w, wlo float64
	}{
		{0, 200, 20 / 0.110, 20 / 0.090, 0.005, 0.0045}, // 1 in flight: W = T/R
		{1, 800, 400, 1000, 0.005, 0.004},               // 4 in flight: W = 4T/R
		{2, 2000, 2000, 2000, 0.010, 0.010},             // 64 goroutines but 20 requests: 20 in flight
	} {
		l := lv[c.i]
		if !near(l.Throughput.Value, c.x) || !near(l.Throughput.Low, c.xlo) || !near(l.Throughput.High, c.xhi) {
			t.Errorf("level %d throughput = %+v; want %g [%g, %g]", c.i, l.Throughput, c.x, c.xlo, c.xhi)
		}
		if !near(l.Latency.Value, c.w) || !near(l.Latency.Low, c.wlo) {
			t.Errorf("level %d latency = %+v; want %g (low %g)", c.i, l.Latency, c.w, c.wlo)
		}
	}
	if l, ok := At(lv, 4); !ok || l.N != 4 {
		t.Errorf("At(4) = %+v, %v; want the level with N = 4", l, ok)
	}
	if _, ok := At(lv, 8); ok {
		t.Error("At(8) found a level; want none (it had no samples)")
	}
	if p := Throughputs(lv); len(p) != 3 || p[1].N != 4 || p[1].Value != lv[1].Throughput.Value || p[1].Lower != 400 {
		t.Errorf("Throughputs = %+v; want the levels' throughputs", p)
	}
	if h, rows := Table(lv); len(rows) != 3 || len(rows[0]) != len(h) {
		t.Errorf("Table gave %d rows of %d cells for a header of %d", len(rows), len(rows[0]), len(h))
	}
	if _, err := Levels(pts, 0); err == nil {
		t.Error("Levels(requests = 0) returned no error")
	}
	if _, err := Levels(pts[3:], 10); err == nil {
		t.Error("Levels of points without samples returned no error")
	}
}

func TestTasksAgree(t *testing.T) {
	srv, err := workload.NewServer(time.Millisecond, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	const requests, work = 30, 1000
	plain, _ := workload.HTTP(srv, requests)
	wantPlain, err := plain.Serial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := wantPlain + workload.SumSquaresRange(1, requests*work)
	for _, build := range []func(*workload.Server, int, int) (workload.Task, error){EventLoop, PerRequest} {
		task, err := build(srv, requests, work)
		if err != nil {
			t.Fatal(err)
		}
		for _, inFlight := range []int{1, 3, 8, 100} {
			got, err := task.Run(context.Background(), inFlight)
			if err != nil || got != want {
				t.Errorf("%s with %d in flight = %d, %v; want %d, nil", task.Name(), inFlight, got, err, want)
			}
		}
		if got, err := task.Serial(context.Background()); err != nil || got != want {
			t.Errorf("%s Serial = %d, %v; want %d", task.Name(), got, err, want)
		}
		if _, err := task.Run(context.Background(), 0); err == nil {
			t.Errorf("%s with 0 in flight returned no error", task.Name())
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := task.Run(ctx, 4); err == nil {
			t.Errorf("%s with a cancelled context returned no error", task.Name())
		}
	}
	plainTask, _ := EventLoop(srv, requests, 0)
	if got, err := plainTask.Run(context.Background(), 5); err != nil || got != wantPlain {
		t.Errorf("event loop without work = %d, %v; want %d (workload.HTTP's checksum)", got, err, wantPlain)
	}
	for _, bad := range []struct{ requests, work int }{{0, 1}, {1, -1}} {
		if _, err := EventLoop(srv, bad.requests, bad.work); err == nil {
			t.Errorf("EventLoop(requests %d, work %d) returned no error", bad.requests, bad.work)
		}
	}
	if _, err := PerRequest(nil, 1, 1); err == nil {
		t.Error("PerRequest(nil server) returned no error")
	}
}

func TestTaskNames(t *testing.T) {
	srv, err := workload.NewServer(5*time.Millisecond, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	loop, _ := EventLoop(srv, 32, 1000)
	per, _ := PerRequest(srv, 32, 0)
	if got, want := loop.Name(), "event loop, 32 requests, latency 5ms, capacity 8, 1000 squares per answer"; got != want {
		t.Errorf("EventLoop name = %q; want %q", got, want)
	}
	if got, want := per.Name(), "goroutine per request, 32 requests, latency 5ms, capacity 8"; got != want {
		t.Errorf("PerRequest name = %q; want %q", got, want)
	}
}

func TestCurves(t *testing.T) {
	ms := time.Millisecond
	pt := func(task string, procs, workers int, med time.Duration) bench.Point {
		return bench.Point{Config: bench.Config{Task: task, Workers: workers, Procs: procs}, Median: med, Low: med, High: med}
	}
	res := &bench.Result{Points: []bench.Point{
		pt("event loop, 10 requests", 1, 1, 50*ms), pt("event loop, 10 requests", 1, 4, 20*ms),
		pt("event loop, 10 requests", 2, 1, 50*ms), pt("event loop, 10 requests", 2, 4, 20*ms),
		pt("goroutine per request, 10 requests", 1, 1, 50*ms), pt("goroutine per request, 10 requests", 2, 1, 50*ms),
	}}
	cs, err := Curves(res, 10)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	want := "event loop, GOMAXPROCS=1|event loop, GOMAXPROCS=2|goroutine per request, GOMAXPROCS=1|goroutine per request, GOMAXPROCS=2"
	if got := strings.Join(names, "|"); got != want {
		t.Errorf("curve names = %s; want %s", got, want)
	}
	if x := cs[0].Levels[1].Throughput.Value; math.Abs(x-500) > 1e-9 {
		t.Errorf("throughput of 10 requests in 20 ms = %g; want 500", x)
	}
	one := &bench.Result{Points: res.Points[:2]}
	if cs, _ := Curves(one, 10); len(cs) != 1 || cs[0].Name != "GOMAXPROCS=1" {
		t.Errorf("one task, one GOMAXPROCS: curves %+v; want one named GOMAXPROCS=1", cs)
	}
	if _, err := Curves(&bench.Result{}, 10); err == nil {
		t.Error("empty result: no error")
	}
}

func TestExperiments(t *testing.T) {
	ov, err := Overlap(time.Millisecond, 0, nil, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer ov.Close()
	if ov.Requests != defaultRequests() || len(ov.Sweep.Tasks) != 1 || len(ov.Sweep.Workers) != len(defaultGoroutines()) {
		t.Errorf("Overlap = %+v; want the defaults", ov)
	}
	if got := ov.Subtitle(&bench.Result{Trials: 6}); !strings.Contains(got, "latency 1ms") || strings.Contains(got, "capacity") || !strings.Contains(got, "median of 6") {
		t.Errorf("Overlap subtitle = %q", got)
	}
	ca, err := Capacity(time.Millisecond, 4, 8, []int{1, 2, 4, 8, 16, 32}, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	if ca.Requests != 32 {
		t.Errorf("Capacity requests = %d; want raised to the largest level, 32", ca.Requests)
	}
	if got := ca.Subtitle(nil); !strings.Contains(got, "capacity 4") {
		t.Errorf("Capacity subtitle = %q; want the capacity", got)
	}
	mo, err := Models(time.Millisecond, 1000, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer mo.Close()
	if len(mo.Sweep.Tasks) != 2 || !strings.Contains(mo.Subtitle(nil), "1000 squares per answer") {
		t.Errorf("Models = %+v, subtitle %q", mo.Sweep, mo.Subtitle(nil))
	}
	res, err := bench.Run(context.Background(), bench.Sweep{Tasks: mo.Sweep.Tasks, Workers: []int{2}, Trials: 6})
	if err != nil {
		t.Fatal(err)
	}
	if cs, err := Curves(res, mo.Requests); err != nil || len(cs) != 2 {
		t.Errorf("Curves of a models run = %v, %v; want 2 curves", cs, err)
	}
	if _, err := Overlap(-time.Second, 0, nil, 6); err == nil {
		t.Error("Overlap with a negative latency: no error")
	}
	if _, err := Capacity(time.Millisecond, 0, 0, nil, 6); err == nil {
		t.Error("Capacity 0: no error")
	}
	if err := (*Experiment)(nil).Close(); err != nil {
		t.Errorf("nil Close = %v", err)
	}
}

func TestBound(t *testing.T) {
	ca, err := Capacity(5*time.Millisecond, 8, 0, []int{2, 8, 32}, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	b := ca.Bound()
	if !b.Model || !strings.Contains(b.Name, "min(N, 8)") || len(b.Levels) != 4 {
		t.Fatalf("Bound = %+v; want a model curve over N = 1, 2, 8, 32", b)
	}
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-9*want }
	if l := b.Levels[3]; l.N != 32 || !near(l.Throughput.Value, 1600) || !near(l.Latency.Value, 0.020) {
		t.Errorf("bound at 32 = %+v; want 1600 requests/s and 20 ms", l)
	}
	if l := b.Levels[1]; !near(l.Throughput.Value, 400) || !near(l.Latency.Value, 0.005) {
		t.Errorf("bound at 2 = %+v; want 400 requests/s and 5 ms", l)
	}
	ov, err := Overlap(0, 4, []int{1, 4}, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer ov.Close()
	if b := ov.Bound(); len(b.Levels) != 0 || !b.Model {
		t.Errorf("bound at latency 0 = %+v; want a model curve without levels", b)
	}
}
