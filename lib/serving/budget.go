package serving

import (
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// modelLevels returns the levels of a modelled server: throughput min(N, capacity)/latency,
// mean latency max(latency, N/throughput) — Little's law with a queue past the capacity.
func modelLevels(capacity int, latency time.Duration, ns []int) []Level {
	var out []Level
	for _, n := range ns {
		x := float64(min(n, capacity)) / latency.Seconds()
		w := float64(n) / x
		out = append(out, Level{N: n, Throughput: bench.Interval{Value: x, Low: x, High: x}, Latency: bench.Interval{Value: w, Low: w, High: w}})
	}
	return out
}
