package serving

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// CheckMaxUsers is the self-check of the exercise "how many users fit a latency budget?":
// maxUsers(levels, budget) must return the largest N among levels (increasing N, as Levels gives
// them) whose mean latency is at most budget, or 0 when none is. It is tried on the curve of a
// modelled server (capacity 8, 5 ms latency: the mean latency is 5 ms up to 8 users, N/1600 s
// beyond) with several budgets.
func CheckMaxUsers(maxUsers func(levels []Level, budget time.Duration) int) (pass bool, message string) {
	if maxUsers == nil {
		return false, "maxUsers is nil: define func maxUsers(levels []serving.Level, budget time.Duration) int."
	}
	model := modelLevels(8, 5*time.Millisecond, []int{1, 2, 4, 8, 16, 24, 32, 48, 64})
	for _, c := range []struct {
		budget time.Duration
		want   int
		why    string
	}{
		{12 * time.Millisecond, 16, "16 users wait 16 ÷ 1600/s = 10 ms, 24 users 15 ms"},
		{25 * time.Millisecond, 32, "32 users wait 20 ms, 48 users 30 ms"},
		{6 * time.Millisecond, 8, "up to the capacity (8) each request takes 5 ms; 16 users already wait 10 ms"},
		{time.Second, 64, "every level is within a 1 s budget, so the answer is the largest N measured"},
		{4 * time.Millisecond, 0, "no level is within 4 ms (even one user waits 5 ms): return 0"},
	} {
		got := maxUsers(model, c.budget)
		if got != c.want {
			return false, fmt.Sprintf("for a server with capacity 8 and 5 ms latency, maxUsers(levels, %v) = %d; want %d: %s. "+
				"Hint: l.Latency.Value is in seconds; compare it with budget.Seconds(), and keep the largest l.N that fits.",
				c.budget, got, c.want, c.why)
		}
	}
	return true, "Right on every budget: past the capacity, each extra user adds latency (N ÷ throughput), so a latency budget caps the users a server can take."
}

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
