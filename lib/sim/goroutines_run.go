package sim

import (
	"time"

	"github.com/parlab/parlab/lib/timeline"
)

// RunGoroutines simulates the Goroutines scenario — goroutines goroutines each computing for work — once
// for each core count, in order, and returns the timelines, ready to stack in one chart.
func RunGoroutines(goroutines int, work time.Duration, cores ...int) ([]timeline.Timeline, error) {
	var out []timeline.Timeline
	for _, c := range cores {
		sc, err := Goroutines(c, goroutines, work)
		if err != nil {
			return nil, err
		}
		r, err := sc.Run()
		if err != nil {
			return nil, err
		}
		out = append(out, r.Timeline)
	}
	return out, nil
}
