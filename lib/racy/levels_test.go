package racy

import (
	"strings"
	"testing"
)

// TestDescribeLevels checks the runs notebook 04 compares and their sentences on 1, 2, 16 and 64
// cores: on one core the all-cores run is the one-core run, done once and said so.
func TestDescribeLevels(t *testing.T) {
	for _, tt := range []struct {
		procs, levels int
		oneCore       bool // whether the text must say "all cores" is one core
	}{
		{1, 2, true}, {2, 3, false}, {16, 3, false}, {64, 3, false},
	} {
		levels := Levels(100, 1000, tt.procs)
		if len(levels) != tt.levels {
			t.Errorf("GOMAXPROCS = %d: Levels gave %d runs %+v; want %d", tt.procs, len(levels), levels, tt.levels)
			continue
		}
		var results []Result
		for _, c := range levels {
			if c.Procs == 0 {
				c.Procs = tt.procs // as LostUpdates fills it in
			}
			results = append(results, Result{Config: Config{Runs: c.Runs, Goroutines: 2, Each: c.Each, Procs: c.Procs, Yield: c.Yield},
				Lost: make([]int64, c.Runs)})
		}
		got := DescribeLevels(results)
		if says := strings.Contains(got, `"all cores" is one core`); says != tt.oneCore {
			t.Errorf("GOMAXPROCS = %d: DescribeLevels = %q; saying all cores is one core: %v, want %v", tt.procs, got, says, tt.oneCore)
		}
		if n := strings.Count(got, "GOMAXPROCS="); n != tt.levels {
			t.Errorf("GOMAXPROCS = %d: DescribeLevels = %q; want a sentence per run (%d)", tt.procs, got, tt.levels)
		}
		if last := levels[len(levels)-1]; !last.Yield || last.Runs != 10 || last.Procs != 1 {
			t.Errorf("GOMAXPROCS = %d: last level %+v; want 10 runs on one core with a switch mid-update", tt.procs, last)
		}
	}
}
