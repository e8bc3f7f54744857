package sim

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// maxRuns bounds the core counts of RunGoroutines: a stack of timelines taller than that cannot be read.
const maxRuns = 16

// RunGoroutines simulates the Goroutines scenario — goroutines goroutines each computing for work — once
// for each core count (1 to 16 of them), in order, and returns the timelines, ready to stack in one
// chart. Every scenario is checked before the first is simulated.
func RunGoroutines(goroutines int, work time.Duration, cores ...int) ([]timeline.Timeline, error) {
	if len(cores) == 0 || len(cores) > maxRuns {
		return nil, fmt.Errorf("sim: RunGoroutines was given %d core counts (cores); want 1 to %d", len(cores), maxRuns)
	}
	scs := make([]Scenario, len(cores))
	for i, c := range cores {
		sc, err := Goroutines(c, goroutines, work)
		if err != nil {
			return nil, err
		}
		if err := validate(sc.Config, sc.Tasks); err != nil {
			return nil, fmt.Errorf("%s: %w", sc.Name, err)
		}
		scs[i] = sc
	}
	var out []timeline.Timeline
	for _, sc := range scs {
		r, err := sc.Run()
		if err != nil {
			return nil, err
		}
		out = append(out, r.Timeline)
	}
	return out, nil
}
