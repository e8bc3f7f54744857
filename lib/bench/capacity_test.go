package bench

import (
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/says"

	"github.com/parlab/parlab/lib/workload"
)

func TestRunCapacityProbe(t *testing.T) {
	task := &fake{name: "a", work: 50 * time.Microsecond}
	res, err := Run(context.Background(), Sweep{Tasks: []workload.Task{task}, Workers: []int{2}, Procs: []int{1, 2}, Trials: 6})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.CapacityAt(1); ok {
		t.Errorf("CapacityAt(1) found a probe; want none: one thread has nothing to compare")
	}
	c, ok := res.CapacityAt(2)
	if runtime.NumCPU() < 2 {
		if ok {
			t.Errorf("one logical CPU: CapacityAt(2) = %+v; want none", c)
		}
		return
	}
	if !ok || c.Threads != 2 || len(c.One) != 6 || len(c.All) != 6 {
		t.Fatalf("CapacityAt(2) = %+v, %v; want 2 threads and 6 rounds of each run (the warm-up dropped)", c, ok)
	}
	if !c.Known() || !(c.Speedup.Low <= c.Speedup.Value && c.Speedup.Value <= c.Speedup.High) {
		t.Errorf("probe speedup %+v; want a value inside its interval", c.Speedup)
	}
	// Saved and read back, the probe is still there.
	path := filepath.Join(t.TempDir(), "r.json")
	if err := res.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	back, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if c2, ok := back.CapacityAt(2); !ok || c2.Speedup != c.Speedup || len(c2.One) != 6 {
		t.Errorf("read back: CapacityAt(2) = %+v, %v; want %+v", c2, ok, c.Speedup)
	}
}

func TestProbeSum(t *testing.T) {
	if got := workload.SumSquaresRange(1, ProbeSquares); got != probeSum {
		t.Errorf("probe sum %d; want %d", got, probeSum)
	}
	if d := probe(3); d <= 0 {
		t.Errorf("probe(3) took %v; want a positive time", d)
	}
}

func TestCapacityAtNil(t *testing.T) {
	var r *Result
	if _, ok := r.CapacityAt(0); ok {
		t.Error("a nil result has a probe")
	}
	if s := (Capacity{}).String(); !strings.Contains(s, "no measurement") {
		t.Errorf("empty Capacity reads %q", s)
	}
}

// TestCapacitySentence: the probe's sentence compares the program's speedup on as many goroutines
// with the probe's, by their intervals, and says when the machine gave clearly less than its CPUs.
func TestCapacitySentence(t *testing.T) {
	ms := func(v float64, n int) []time.Duration {
		xs := make([]time.Duration, n)
		for i := range xs {
			xs[i] = time.Duration((v + 0.01*float64(i%3)) * 1e6)
		}
		return xs
	}
	probe := func(one, all float64) Capacity {
		c := Capacity{Procs: 2, Threads: 2, One: ms(one, 6), All: ms(all, 6)}
		c.summarize(1)
		return c
	}
	result := func(t1, t2 float64, c Capacity) *Result {
		r := &Result{Seed: 1, Trials: 6}
		r.summarize([]Config{{"a", 1, 2}, {"a", 2, 2}}, [][]time.Duration{ms(t1, 6), ms(t2, 6)})
		r.Capacity = []Capacity{c}
		return r
	}
	for _, tc := range []struct {
		name      string
		r         *Result
		want, not []string
	}{
		{"program as good as the machine", result(10, 5.8, probe(1, 1.16)),
			[]string{"1.72×", "within the noise", "the machine's, not the program's", "clearly less than 2"}, []string{"clearly below it"}},
		{"program below the machine", result(10, 8, probe(1, 1.0)),
			[]string{"2.00×", "clearly below it", "the program's own"}, []string{"clearly less than 2", "within the noise"}},
		{"program above the machine", result(10, 5, probe(1, 1.6)),
			[]string{"1.25×", "clearly above it"}, nil},
	} {
		got := tc.r.Describe()
		says.Check(t, tc.name, got, tc.want, tc.not)
	}
	// Too few rounds for an interval: nothing is concluded from the probe.
	r := result(10, 5, Capacity{Procs: 2, Threads: 2, One: ms(1, 3), All: ms(1, 3)})
	r.Capacity[0].summarize(1)
	if got := r.Describe(); strings.Contains(got, "perfectly parallel") {
		t.Errorf("a probe of 3 rounds: Describe() = %q; want no sentence about it", got)
	}
}

// BenchmarkCapacityProbe times one probe run on one goroutine and on every CPU: what the probe adds to
// each round of a sweep (both together, per GOMAXPROCS value).
func BenchmarkCapacityProbe(b *testing.B) {
	b.Run("one", func(b *testing.B) {
		for b.Loop() {
			probe(1)
		}
	})
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			probe(runtime.GOMAXPROCS(0))
		}
	})
}
