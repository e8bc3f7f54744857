package cache

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

func TestLink(t *testing.T) {
	buf := make([]uint64, 8*1000)
	first := link(buf, 1000, rand.New(rand.NewPCG(1, 2)))
	seen := map[uint64]bool{}
	p := first
	for range 1000 {
		if seen[p] || p%8 != 0 {
			t.Fatalf("the chain revisits or misaligns %d before covering all 1000 lines", p)
		}
		seen[p] = true
		p = buf[p]
	}
	if p != first {
		t.Errorf("after 1000 steps the chain is at %d; want back at %d (one cycle)", p, first)
	}
}

func TestSizes(t *testing.T) {
	got := Sizes(4<<10, 32<<10)
	want := []int64{4 << 10, 6 << 10, 8 << 10, 12 << 10, 16 << 10, 24 << 10, 32 << 10}
	if len(got) != len(want) {
		t.Fatalf("Sizes = %v; want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("Sizes[%d] = %d; want %d", i, got[i], want[i])
		}
	}
}

func TestLevelsIn(t *testing.T) {
	dir := t.TempDir()
	write := func(idx, name, v string) {
		os.MkdirAll(filepath.Join(dir, idx), 0o755)
		os.WriteFile(filepath.Join(dir, idx, name), []byte(v+"\n"), 0o644)
	}
	for _, c := range []struct{ idx, level, typ, size, shared string }{
		{"index0", "1", "Data", "48K", "0"}, {"index1", "1", "Instruction", "32K", "0"},
		{"index2", "2", "Unified", "1024K", "0"}, {"index3", "3", "Unified", "32768K", "0-1,4-5"},
	} {
		write(c.idx, "level", c.level)
		write(c.idx, "type", c.typ)
		write(c.idx, "size", c.size)
		write(c.idx, "coherency_line_size", "64")
		write(c.idx, "shared_cpu_list", c.shared)
	}
	ls := levelsIn(dir)
	if len(ls) != 3 || ls[0].Name() != "L1d" || ls[0].Bytes != 48<<10 || ls[2].Name() != "L3" || ls[2].Bytes != 32<<20 || ls[2].SharedCPUs != 4 {
		t.Errorf("levels %+v; want L1d 48 KiB, L2 1 MiB, L3 32 MiB shared by 4 CPUs", ls)
	}
	if ls := levelsIn(filepath.Join(dir, "none")); ls != nil {
		t.Errorf("no directory: %+v; want nil", ls)
	}
}

func TestMeasure(t *testing.T) {
	var calls int
	res, err := Measure(context.Background(), Config{MinBytes: 4 << 10, MaxBytes: 64 << 10, Steps: 1 << 12, Trials: 6,
		Progress: func(bench.Progress) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Points) != 9 || calls != 9*7 {
		t.Fatalf("%d points, %d progress calls; want 9 sizes (4 KiB … 64 KiB) and 9 × 7 calls", len(res.Points), calls)
	}
	for _, p := range res.Points {
		if !(p.NsPerAccess.Value > 0) || !p.NsPerAccess.Known() {
			t.Errorf("%s: %+v; want a positive time with an interval", Size(p.Bytes), p.NsPerAccess)
		}
	}
	if d := res.Describe(); !strings.Contains(d, "ns") {
		t.Errorf("Describe() = %q", d)
	}
}

func TestMeasureCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(30 * time.Millisecond); cancel() }()
	res, err := Measure(ctx, Config{MaxBytes: 16 << 20, Steps: maxSteps})
	if !errors.Is(err, context.Canceled) || !res.Partial {
		t.Errorf("cancelled: err %v, partial %v; want context.Canceled and a partial result", err, res.Partial)
	}
}

// TestSteps reads levels off a made-up curve.
func TestSteps(t *testing.T) {
	pt := func(b int64, ns float64) Point {
		return Point{Bytes: b, NsPerAccess: bench.Interval{Value: ns, Low: ns * 0.95, High: ns * 1.05}}
	}
	r := Result{Points: []Point{pt(16<<10, 1), pt(32<<10, 1.1), pt(256<<10, 3), pt(512<<10, 4), pt(8<<20, 12), pt(16<<20, 15), pt(256<<20, 90)},
		Levels: []Level{{1, "Data", 48 << 10, 64, 1}, {2, "Unified", 1 << 20, 64, 1}, {3, "Unified", 32 << 20, 64, 2}}}
	st := r.Steps()
	want := []struct {
		name string
		ns   float64
	}{{"L1d", 1}, {"L2", 4}, {"L3", 15}, {"DRAM", 90}}
	if len(st) != len(want) {
		t.Fatalf("Steps = %+v; want %v", st, want)
	}
	for i, w := range want {
		if st[i].Name != w.name || st[i].NsPerAccess != w.ns {
			t.Errorf("step %d = %s %.1f ns; want %s %.1f ns", i, st[i].Name, st[i].NsPerAccess, w.name, w.ns)
		}
	}
	if d := r.Describe(); !strings.Contains(d, "L3 (32 MiB) **15.0 ns**") || !strings.Contains(d, "90×") {
		t.Errorf("Describe() = %q", d)
	}
	if k, ok := r.Slowdown(); !ok || k != 90 || r.SlowdownLabel() != "one access at 256 MiB (DRAM) vs at 16 KiB" {
		t.Errorf("Slowdown() = %v, %v, %q; want 90, true, at 256 MiB (DRAM) vs at 16 KiB", k, ok, r.SlowdownLabel())
	}

	// Stopped at 64 MiB, under 4 × the 32 MiB L3 (quick mode): the last point is not called DRAM, and
	// the slowdown is the last point over the first, not the L3 step over the L1 step.
	quick := Result{Points: append(append([]Point{pt(4<<10, 1.26)}, r.Points[:len(r.Points)-1]...), pt(64<<20, 45)), Levels: r.Levels}
	st = quick.Steps()
	if n := len(st); n != 4 || st[n-1].Name != LargestMeasured || st[n-1].Bytes != 64<<20 {
		t.Errorf("quick Steps = %+v; want L1d, L2, L3 and %q at 64 MiB", st, LargestMeasured)
	}
	d := quick.Describe()
	for _, w := range []string{"the largest working set measured (64 MiB) **45.0 ns**", "4 KiB (1.26 ns)", "**36×** slower", "DRAM was not reached", "128 MiB or more"} {
		if !strings.Contains(d, w) {
			t.Errorf("quick Describe() = %q; want it to contain %q", d, w)
		}
	}
	if strings.Contains(d, "DRAM (") {
		t.Errorf("quick Describe() = %q calls 64 MiB DRAM", d)
	}
	if k, _ := quick.Slowdown(); math.Abs(k-45/1.26) > 1e-9 || quick.SlowdownLabel() != "one access at 64 MiB vs at 4 KiB" {
		t.Errorf("quick Slowdown() = %v, %q; want %v, one access at 64 MiB vs at 4 KiB", k, quick.SlowdownLabel(), 45/1.26)
	}

	r.Levels = nil
	if st := r.Steps(); len(st) != 3 || st[0].Name != "up to 16 MiB" || st[2].Name != "at 256 MiB" {
		t.Errorf("without levels: %+v; want the two largest jumps and the largest size", st)
	}
}
