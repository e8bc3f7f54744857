package pipeline

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

func TestRun(t *testing.T) {
	cfg := Config{Items: 30, Stages: []Stage{
		{Name: "gen"}, {Name: "slow", Cost: 2 * time.Millisecond, Workers: 3}, {Name: "out", Cost: 100 * time.Microsecond},
	}}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Done != 30 || res.Partial {
		t.Fatalf("Done = %d, Partial = %v; want 30, false", res.Done, res.Partial)
	}
	if len(res.Workers) != 5 || res.Label(1) != "slow #1" || res.Label(0) != "gen" || res.Label(9) != "" {
		t.Errorf("workers %v, labels %q %q; want 5 workers, \"gen\" and \"slow #1\"", res.Workers, res.Label(0), res.Label(1))
	}
	if s := res.Slowest(); s != 1 {
		t.Errorf("Slowest() = %d; want 1 (3 workers × 2 ms: 1500 items/s, against 10 000 for out)", s)
	}
	// Each worker's spans tile its time: a stage's three fractions add up to about 1 (each worker starts
	// a little after the run and ends a little before it).
	for s, st := range res.Stages {
		if sum := st.Busy + st.Starved + st.Blocked; sum > 1.0001 || sum < 0.5 {
			t.Errorf("stage %d: busy+starved+blocked = %.3f; want at most 1 and most of the run", s, sum)
		}
	}
	if res.Stages[0].Starved != 0 {
		t.Errorf("the first stage never waits for input; got starved = %.3f", res.Stages[0].Starved)
	}
	for _, sp := range res.Spans {
		if sp.End < sp.Start || sp.Lane < 0 || sp.Lane >= len(res.Workers) {
			t.Fatalf("bad span %+v", sp)
		}
	}
	d := res.Describe()
	for _, want := range []string{"30 items", "slowest stage by design is **slow**", "gen "} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe() = %q; want it to say %q", d, want)
		}
	}
}

func TestCost(t *testing.T) {
	st := Stage{Cost: time.Millisecond, Bursty: true}
	var a, b time.Duration
	for i := range 32 {
		a += st.cost(0, i)
		b += st.cost(1, i)
		if st.cost(0, i) == st.cost(1, i) {
			t.Fatalf("item %d costs the same in neighbouring bursty stages; want them out of phase", i)
		}
	}
	if a != 32*time.Millisecond || b != a {
		t.Errorf("bursty costs add up to %v and %v over 32 items; want the mean, 32ms", a, b)
	}
}

func TestRunCancel(t *testing.T) {
	for _, stop := range []Stopping{Watching, BetweenItems} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		res, err := Run(ctx, Config{Items: maxItems, Stopping: stop, Stages: []Stage{{Cost: time.Millisecond}, {Cost: time.Millisecond, Workers: 2}}})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || !res.Partial || res.Done >= maxItems {
			t.Errorf("%v: err %v, partial %v, done %d; want the deadline's error and a partial result", stop, err, res.Partial, res.Done)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "Stages"},
		{Config{Stages: make([]Stage, 9)}, "Stages"},
		{Config{Stages: []Stage{{}}, Items: -1}, "Items"},
		{Config{Stages: []Stage{{}}, Items: maxItems + 1}, "Items"},
		{Config{Stages: []Stage{{}}, Buffer: -1}, "Buffer"},
		{Config{Stages: []Stage{{}}, Stopping: 7}, "Stopping"},
		{Config{Stages: []Stage{{Workers: 65}}}, "Workers"},
		{Config{Stages: []Stage{{Cost: -1}}}, "Cost"},
		{Config{Stages: []Stage{{Cost: math.MaxInt64}}}, "Cost"},
	} {
		if _, err := Run(context.Background(), c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Run(%+v) = %v; want an error naming %s", c.cfg, err, c.want)
		}
	}
}

func TestBufferSweep(t *testing.T) {
	s := BufferSweep{Buffers: []int{8, 0, 8}, Items: 16, Cost: 100 * time.Microsecond}
	b, err := s.Bench()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tasks) != 4 {
		t.Fatalf("%d tasks; want 4: buffers 0 and 8, steady and bursty", len(b.Tasks))
	}
	for _, task := range b.Tasks {
		got, err := task.Run(context.Background(), 1)
		if err != nil || got != 16 {
			t.Errorf("%s: %d, %v; want 16 items", task.Name(), got, err)
		}
	}
	res := &bench.Result{}
	for i, task := range b.Tasks {
		med := time.Duration(10+i) * time.Millisecond
		res.Points = append(res.Points, bench.Point{Config: bench.Config{Task: task.Name(), Workers: 1}, Median: med, Low: med - time.Millisecond, High: med + time.Millisecond})
	}
	curves := s.Curves(res)
	if len(curves) != 2 || curves[0].Bursty || !curves[1].Bursty || len(curves[0].Points) != 2 || curves[0].Points[1].Buffer != 8 {
		t.Fatalf("Curves = %+v; want steady then bursty, buffers 0 and 8", curves)
	}
	// 16 items in 10 ms: 1600 items/s; the bound is 1/100µs = 10 000.
	if p := curves[0].Points[0]; p.Throughput.Value != 1600 || curves[0].Bound != 10_000 {
		t.Errorf("first point %+v, bound %v; want 1600 items/s and 10000", p, curves[0].Bound)
	}
	if d := DescribeBuffers(curves); !strings.Contains(d, "bursty stages, a buffer of 8") {
		t.Errorf("DescribeBuffers = %q", d)
	}
	// 16 items of 100 µs in bursts of 8, two blocks: the producer's slow block (1.6 ms), then the
	// consumer's (1.6 ms), whatever the buffer — the producer has nothing left to get ahead with.
	if c := curves[1]; c.Enough != 0 || math.Abs(c.Ceiling-16/0.0032) > 1e-6 || c.Points[1].Ideal != c.Ceiling {
		t.Errorf("bursty curve: enough %d, ceiling %v, ideal at 8 %v; want 0 and %v for both", c.Enough, c.Ceiling, c.Points[1].Ideal, 16/0.0032)
	}
	if d := DescribeBuffers(curves); !strings.Contains(d, "allow 5000 with any buffer") {
		t.Errorf("DescribeBuffers = %q; want it to say the costs allow 5000 with any buffer", d)
	}
	if _, err := (BufferSweep{Buffers: make([]int, 17)}).Bench(); err == nil || !strings.Contains(err.Error(), "Buffers") {
		t.Errorf("17 buffers: %v; want an error naming Buffers", err)
	}
	if _, err := (BufferSweep{Buffers: []int{-1}}).Bench(); err == nil || !strings.Contains(err.Error(), "Buffer") {
		t.Errorf("buffer -1: %v; want an error naming Buffer", err)
	}
}

func TestStopSweep(t *testing.T) {
	var calls int
	res, err := StopSweep{Cost: 5 * time.Millisecond, After: 10 * time.Millisecond, Trials: 2}.Measure(context.Background(), func(bench.Progress) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if calls != 4 || len(res.Stops) != 2 {
		t.Fatalf("%d progress calls, %d stops; want 4 and 2", calls, len(res.Stops))
	}
	for _, st := range res.Stops {
		if len(st.Samples) != 2 || st.Max < st.Median || st.Last == nil || !st.Last.Partial {
			t.Errorf("%v: %+v; want 2 samples and a cancelled last run", st.Stopping, st)
		}
		if st.After > st.During {
			t.Errorf("%v: %d goroutines after, %d during; want the pipeline's gone after", st.Stopping, st.After, st.During)
		}
	}
	if d := res.Describe(); !strings.Contains(d, "checks ctx between items") {
		t.Errorf("Describe() = %q", d)
	}
	// The cancel lands part-way through an item: the sentence says "at most one item's cost" only when
	// the slowest stop was within it.
	made := func(max time.Duration) *StopResult {
		return &StopResult{Cost: 10 * time.Millisecond, After: 25 * time.Millisecond, Stops: []Stop{
			{Stopping: Watching, Samples: []time.Duration{5 * time.Microsecond}, Median: 5 * time.Microsecond, Max: 5 * time.Microsecond},
			{Stopping: BetweenItems, Samples: []time.Duration{max}, Median: max, Max: max}}}
	}
	for _, tt := range []struct {
		max       time.Duration
		want, not string
	}{
		{5154 * time.Microsecond, "at most one item's cost (10ms), as expected", "more than"},
		{12 * time.Millisecond, "more than one item's cost (10ms)", "at most one"},
	} {
		if d := made(tt.max).Describe(); !strings.Contains(d, tt.want) || strings.Contains(d, tt.not) || strings.Contains(d, "about one") {
			t.Errorf("slowest stop %v: Describe() = %q; want it to say %q and not %q", tt.max, d, tt.want, tt.not)
		}
	}
	if _, err := (StopSweep{Trials: 101}).Measure(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "Trials") {
		t.Errorf("Trials 101: %v; want an error naming Trials", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := (StopSweep{Trials: 3}).Measure(ctx, nil); !errors.Is(err, context.Canceled) || !res.Partial {
		t.Errorf("cancelled: %v; want a partial result with context.Canceled", err)
	}
}

func TestFanOut(t *testing.T) {
	res, err := FanOut{Items: 24, Workers: 4, Cost: 200 * time.Microsecond, SlowEvery: 6, SlowCost: 5 * time.Millisecond}.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Arrivals) != 24 {
		t.Fatalf("%d arrivals; want 24", len(res.Arrivals))
	}
	seen := map[int]bool{}
	byItem := make([]Arrival, 24)
	for _, a := range res.Arrivals {
		seen[a.Item] = true
		byItem[a.Item] = a
		if a.Emitted < a.Finished {
			t.Errorf("item %d emitted at %v before it finished at %v", a.Item, a.Emitted, a.Finished)
		}
	}
	for i := 1; i < 24; i++ {
		if byItem[i].Emitted < byItem[i-1].Emitted {
			t.Errorf("item %d emitted before item %d", i, i-1)
		}
	}
	if len(seen) != 24 {
		t.Errorf("%d distinct items; want 24", len(seen))
	}
	// Item 3 costs 25 times the others, so with 4 workers the items after it finish first: out of order.
	if res.OutOfOrder == 0 || res.MostHeld == 0 || res.MaxDelay == 0 {
		t.Errorf("out of order %d, held %d, max delay %v; want a slow item to hold later ones back", res.OutOfOrder, res.MostHeld, res.MaxDelay)
	}
	if d := res.Describe(); !strings.Contains(d, "one item in 6") {
		t.Errorf("Describe() = %q", d)
	}
	if _, err := (FanOut{Workers: -1}).Run(context.Background()); err == nil || !strings.Contains(err.Error(), "Workers") {
		t.Errorf("Workers -1: %v", err)
	}
}

// TestIdeal checks the stage-cost ceiling against schedules worked out by hand (1 ms mean cost, bursts
// of 8: the producer's blocks 0, 2, 4, … cost 2 ms an item, the consumer's blocks 1, 3, 5, …).
func TestIdeal(t *testing.T) {
	two := func(items, buffer int, bursty bool) Config {
		return Config{Items: items, Buffer: buffer, Stages: []Stage{
			{Name: "produce", Cost: time.Millisecond, Bursty: bursty}, {Name: "consume", Cost: time.Millisecond, Bursty: bursty}}}
	}
	for _, tt := range []struct {
		name string
		cfg  Config
		want float64 // items/s
	}{
		// Steady: the consumer ends one item after the producer: items + 1 ms.
		{"steady, 24 items, unbuffered", two(24, 0, false), 24 / 0.025},
		{"steady, 24 items, buffer 8", two(24, 8, false), 24 / 0.025},
		// Bursty, 8 items: the producer's slow block (16 ms); the consumer's items are free.
		{"bursty, 8 items", two(8, 0, true), 8 / 0.016},
		// Bursty, 24 items, room for a block: producer 0–16 ms (block 0), block 1 free at 16 ms and queued,
		// block 2 16–32 ms; the consumer takes block 1 16–32 ms and block 2 for free: 32 ms.
		{"bursty, 24 items, buffer 8", two(24, 8, true), 24 / 0.032},
		{"bursty, 24 items, buffer 100", two(24, 100, true), 24 / 0.032},
		// 64 items: the producer's blocks 0, 2, 4, 6 end at 16, 32, 48, 64 ms; the consumer's 1, 3, 5, 7
		// each follow the producer's block before it: the last ends at 80 ms.
		{"bursty, 64 items, buffer 8", two(64, 8, true), 64 / 0.080},
		{"three stages", Config{Items: 4, Stages: []Stage{{Cost: 1}, {Cost: 1}, {Cost: 1}}}, 0},
	} {
		if got := Ideal(tt.cfg); math.Abs(got-tt.want) > 1e-6*tt.want {
			t.Errorf("%s: Ideal = %v; want %v", tt.name, got, tt.want)
		}
	}
	// A smaller buffer never allows more; unbuffered bursty stages lose most of the overlap.
	prev := 0.0
	for b := range 10 {
		got := Ideal(two(24, b, true))
		if got < prev {
			t.Errorf("buffer %d allows %v, less than buffer %d's %v", b, got, b-1, prev)
		}
		prev = got
	}
	if u := Ideal(two(24, 0, true)); u >= 24/0.032*0.8 {
		t.Errorf("bursty, unbuffered: Ideal = %v; want well below the 750 a block-long buffer allows", u)
	}
	c := []BufferCurve{{Bursty: true, Bound: 1000, Ceiling: 750, Enough: 8, Points: []BufferPoint{
		{Buffer: 0, Throughput: bench.Interval{Value: 476}, Ideal: 522},
		{Buffer: 8, Throughput: bench.Interval{Value: 680}, Ideal: 750}}}}
	d := DescribeBuffers(c)
	for _, want := range []string{"a buffer of 8 gave 680 items/s against 476 unbuffered (1.43×)",
		"allow 522 unbuffered and 750 with a buffer of 8, which no larger buffer beats", "below the 1000 of one item per mean cost",
		"the measured 680 is 91% of it"} {
		if !strings.Contains(d, want) {
			t.Errorf("DescribeBuffers = %q; want it to say %q", d, want)
		}
	}
}
