package figure

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// withCapacity is sweepResult with a capacity probe under GOMAXPROCS = 2 that gave 1.7×.
func withCapacity() *bench.Result {
	res := sweepResult(false)
	res.Capacity = []bench.Capacity{{Procs: 2, Threads: 2, One: make([]time.Duration, 10), All: make([]time.Duration, 10),
		Speedup: bench.Interval{Value: 1.7, Low: 1.6, High: 1.8}}}
	return res
}

func TestSpeedupDrawsCapacity(t *testing.T) {
	fig, err := Speedup(withCapacity())
	if err != nil {
		t.Fatal(err)
	}
	opt, err := fig.Option()
	if err != nil {
		t.Fatal(err)
	}
	name := "what this machine gave a perfectly parallel loop during this run"
	if !strings.Contains(opt, name) || !strings.Contains(opt, "1.7") {
		t.Errorf("Speedup with a capacity probe: the option has no series %q at 1.7×", name)
	}
	fig, err = Speedup(sweepResult(false))
	if err != nil {
		t.Fatal(err)
	}
	if opt, _ := fig.Option(); strings.Contains(opt, name) {
		t.Errorf("Speedup without a probe draws %q", name)
	}
	// Efficiency charts do not draw it: the probe is a speedup.
	fig, err = Efficiency(withCapacity())
	if err != nil {
		t.Fatal(err)
	}
	if opt, _ := fig.Option(); strings.Contains(opt, name) {
		t.Errorf("Efficiency draws %q", name)
	}
	// Through ScalingOptions too.
	fig, err = ScalingSpeedup(scalSpeedups(), ScalingOptions{Capacity: withCapacity().Capacity[0]})
	if err != nil {
		t.Fatal(err)
	}
	if opt, _ := fig.Option(); !strings.Contains(opt, name) {
		t.Errorf("ScalingSpeedup with a capacity option has no series %q", name)
	}
}
