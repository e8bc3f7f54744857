package pool

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// counting returns an item that counts how many items run at once (peak) and returns i+1.
func counting(peak *atomic.Int64) Item {
	var now atomic.Int64
	return func(ctx context.Context, i int) uint64 {
		n := now.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(200 * time.Microsecond) // long enough that the others start meanwhile
		now.Add(-1)
		return uint64(i + 1)
	}
}

func TestWorkersAndEach(t *testing.T) {
	const items = 40
	want := uint64(items * (items + 1) / 2)
	for _, c := range []struct {
		name     string
		run      func(Item) (uint64, error)
		mostBusy int64
	}{
		{"Workers(3)", func(do Item) (uint64, error) { return Workers(context.Background(), items, 3, do) }, 3},
		{"Workers(100)", func(do Item) (uint64, error) { return Workers(context.Background(), items, 100, do) }, items},
		{"Each", func(do Item) (uint64, error) { return Each(context.Background(), items, do) }, items},
	} {
		var peak atomic.Int64
		got, err := c.run(counting(&peak))
		if err != nil || got != want {
			t.Errorf("%s = %d, %v; want %d, nil", c.name, got, err, want)
		}
		if p := peak.Load(); p > c.mostBusy || p < 1 {
			t.Errorf("%s ran %d items at once; want 1 to %d", c.name, p, c.mostBusy)
		}
	}
}

func TestCancel(t *testing.T) {
	for name, run := range map[string]func(context.Context, Item) (uint64, error){
		"Workers": func(ctx context.Context, do Item) (uint64, error) { return Workers(ctx, 1000, 4, do) },
		"Each":    func(ctx context.Context, do Item) (uint64, error) { return Each(ctx, 1000, do) },
	} {
		ctx, cancel := context.WithCancel(context.Background())
		var started atomic.Int64
		wait := func(ctx context.Context, i int) uint64 {
			if started.Add(1) == 4 {
				cancel()
			}
			<-ctx.Done()
			return 1
		}
		_, err := run(ctx, wait)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s after cancel: err = %v; want context.Canceled", name, err)
		}
		cancel()
	}
}

func TestValidate(t *testing.T) {
	do := func(context.Context, int) uint64 { return 0 }
	for _, c := range []struct {
		err  error
		want string
	}{
		{func() error { _, err := Workers(context.Background(), 0, 1, do); return err }(), "items = 0"},
		{func() error { _, err := Workers(context.Background(), 1, 0, do); return err }(), "workers = 0"},
		{func() error { _, err := Workers(context.Background(), 1, 1, nil); return err }(), "nil"},
		{func() error { _, err := Each(context.Background(), maxItems+1, do); return err }(), "items"},
		{func() error { _, err := IOBatch(1, -time.Second); return err }(), "wait"},
		{func() error { _, err := CPUBatch(1, 0); return err }(), "squares"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v; want one naming %q", c.err, c.want)
		}
	}
}

// TestBatchChecksums: every pool size gives the serial checksum; the CPU batch's checksum is the sum of
// squares of 1 … items·squares (workload.SumSquaresRange is the reference).
func TestBatchChecksums(t *testing.T) {
	ctx := context.Background()
	io, _ := IOBatch(9, 100*time.Microsecond)
	cpu, _ := CPUBatch(9, 1000)
	for _, task := range []workload.Task{io, cpu} {
		want, err := task.Serial(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []int{1, 2, 8, 9, 50} {
			if got, err := task.Run(ctx, w); err != nil || got != want {
				t.Errorf("%s on %d workers = %d, %v; want %d", task.Name(), w, got, err, want)
			}
		}
	}
	if got, want := mustSerial(t, cpu), workload.SumSquaresRange(1, 9000); got != want {
		t.Errorf("CPU batch checksum %d; want Σ i² for i ≤ 9000 = %d", got, want)
	}
	if _, err := io.Run(ctx, 0); err == nil || !strings.Contains(err.Error(), "workers") {
		t.Errorf("Run(0) = %v; want an error naming workers", err)
	}
}

func mustSerial(t *testing.T, task workload.Task) uint64 {
	t.Helper()
	v, err := task.Serial(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestCurves reads a made-up result: 8 items taking 80 ms on one worker and 10 ms on eight.
func TestCurves(t *testing.T) {
	s := Sweep{Items: 8, Wait: time.Millisecond, Squares: 100, Sizes: []int{1, 8}}
	tasks, err := s.Tasks()
	if err != nil {
		t.Fatal(err)
	}
	res := &bench.Result{}
	for _, task := range tasks {
		res.Points = append(res.Points,
			bench.Point{Config: bench.Config{Task: task.Name(), Workers: 8}, Median: 10 * time.Millisecond, Low: 8 * time.Millisecond, High: 16 * time.Millisecond},
			bench.Point{Config: bench.Config{Task: task.Name(), Workers: 1}, Median: 80 * time.Millisecond})
	}
	curves := s.Curves(res)
	if len(curves) != 2 || curves[0].Kind != Waits || curves[1].Kind != Computes {
		t.Fatalf("Curves = %+v; want an I/O-bound then a CPU-bound curve", curves)
	}
	p := curves[0].Points
	if len(p) != 2 || p[0].Size != 1 || p[1].Size != 8 || !p[1].PerItem {
		t.Fatalf("points %+v; want sizes 1 then 8 (one goroutine per item)", p)
	}
	// 8 items / 10 ms = 800 items/s; the interval 8/16 ms … 8/8 ms = 500 … 1000.
	if iv := p[1].Throughput; iv.Value != 800 || iv.Low != 500 || iv.High != 1000 {
		t.Errorf("throughput %+v; want 800 (500 … 1000) items/s", iv)
	}
	if p[0].Throughput.Known() {
		t.Errorf("a point without an interval got one: %+v", p[0].Throughput)
	}
	d := Describe(curves, 8)
	for _, want := range []string{"one goroutine per item: 800 items/s, 8.0× a pool of one", "That pool is GOMAXPROCS = 8"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe = %q; want it to say %q", d, want)
		}
	}
	if s.Curves(nil) != nil {
		t.Error("Curves(nil) is not nil")
	}
}

func TestBenchSweep(t *testing.T) {
	b, err := Sweep{}.Bench()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Tasks) != 2 || len(b.Workers) < 2 {
		t.Errorf("Bench() = %d tasks, workers %v; want 2 tasks and several sizes", len(b.Tasks), b.Workers)
	}
	if _, err := (Sweep{Sizes: []int{0}}).Bench(); err == nil || !strings.Contains(err.Error(), "Sizes") {
		t.Errorf("Sizes {0}: %v; want an error naming Sizes", err)
	}
}
