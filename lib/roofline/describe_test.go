package roofline

import (
	"math"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

// TestDescribe: the roof's and the placement's sentences on 1, 2, 16 and 64 cores. On one core they
// say nothing can scale and label what more cores would show as a model; on more they give the shares
// and the speedups, with "goroutine" in the right number.
func TestDescribe(t *testing.T) {
	iv := func(v float64) bench.Interval { return bench.Interval{Value: v, Low: v, High: v} }
	for _, c := range []struct {
		threads       int
		bwOne, opsOne float64 // one goroutine's bandwidth and ops (the all-cores peaks are 40 and 15×threads)
		want, notWant []string
	}{
		{1, 40, 15, []string{"on 1 goroutine:", "only one CPU", "nothing below can scale", "model, not measured"}, []string{"1 goroutines", "of all 1", "103%"}},
		{2, 30, 15, []string{"on 2 goroutines:", "**75%** of the bandwidth of all 2", "**50%**", "larger share of the memory bandwidth"}, []string{"only one CPU"}},
		{16, 12, 15.0 / 16, []string{"of all 16", "larger share"}, []string{"only one CPU"}},
		{64, 4, 15.0 / 64 * 2, []string{"of all 64", "not clearly larger"}, []string{"only one CPU"}},
	} {
		r := Roof{Ops: iv(15 * float64(c.threads)), Bandwidth: iv(40), OpsOne: iv(c.opsOne), BandwidthOne: iv(c.bwOne), Threads: c.threads}
		if c.threads == 1 {
			r.Ops = iv(15)
		}
		checkText(t, "Roof.Describe", c.threads, r.Describe(), c.want, c.notWant)

		speedup := float64(c.threads)
		mem := Placed{Kernel: Kernel{Label: "stream", Ops: 1, Bytes: 8, OpsUnit: "flop"}, Workers: c.threads, Speedup: iv(math.Min(speedup, 2)), Bound: MemoryBound}
		comp := Placed{Kernel: Kernel{Label: "Mandelbrot", Ops: 1000, Bytes: 8, OpsUnit: "flop"}, Workers: c.threads, Speedup: iv(speedup), Bound: ComputeBound}
		pl := Placement{Roof: r, Kernels: []Placed{mem, comp}, Bench: &bench.Result{}}
		d, s := pl.Describe(), pl.DescribeSpeedups()
		if c.threads == 1 {
			checkText(t, "Placement.Describe", 1, d, []string{"stream (0.125 flop/byte)", "nothing here can scale", "model, not measured"}, []string{"1 goroutines", "1.00×", "in brackets"})
			checkText(t, "Placement.DescribeSpeedups", 1, s, []string{"only its 1× points", "would flatten", "model, not measured"}, nil)
			continue
		}
		checkText(t, "Placement.Describe", c.threads, d, []string{"speedups on " + goroutines(c.threads) + " in brackets", "can scale with the cores"}, []string{"nothing here can scale", "model, not measured"})
		if s != "" {
			t.Errorf("%d threads: DescribeSpeedups = %q, want none", c.threads, s)
		}
	}
}

func checkText(t *testing.T, what string, threads int, got string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%d threads: %s = %q, want it to contain %q", threads, what, got, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(got, w) {
			t.Errorf("%d threads: %s = %q, want no %q", threads, what, got, w)
		}
	}
}
