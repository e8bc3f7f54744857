package counter

import (
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

func TestSummary(t *testing.T) {
	cost := func(kind string, g, procs int, v float64) Cost {
		return Cost{Kind: kind, Goroutines: g, Procs: procs, NsPerOp: bench.Interval{Value: v, Low: v, High: v}}
	}
	c := &Contention{Costs: []Cost{
		cost("mutex", 1, 1, 99), cost("mutex", 4, 1, 99), // GOMAXPROCS=1: ignored, 2 is larger
		cost("mutex", 1, 2, 10), cost("mutex", 4, 2, 40),
		cost("atomic", 1, 2, 5), cost("atomic", 4, 2, 5.2),
		cost("sharded", 1, 2, 6), cost("sharded", 4, 2, 3),
		cost("channel", 1, 2, 250), // no 4-goroutine point: left out
	}}
	got := c.Summary()
	for _, want := range []string{
		"GOMAXPROCS=2", "with 4 goroutines",
		"**mutex** 10 → 40 ns (4.0× slower)",
		"**atomic** 5 → 5.2 ns (about the same)",
		"**sharded** 6 → 3 ns (2.0× faster)",
		"the cheapest was **sharded**",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Summary() = %q\nlacks %q", got, want)
		}
	}
	if strings.Contains(got, "channel") {
		t.Errorf("Summary() = %q mentions channel, which lacks a point", got)
	}
}

func TestSummaryNothingToCompare(t *testing.T) {
	for _, c := range []*Contention{nil, {}, {Costs: []Cost{{Kind: "mutex", Goroutines: 1, Procs: 2}}}} {
		if got := c.Summary(); !strings.Contains(got, "othing") && !strings.Contains(got, "cannot be compared") {
			t.Errorf("Summary() = %q; want a sentence saying there is nothing to compare", got)
		}
	}
}
