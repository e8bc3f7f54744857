package serving

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestQuantile(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		var out []time.Duration
		for _, x := range xs {
			out = append(out, time.Duration(x)*time.Millisecond)
		}
		return out
	}
	for _, c := range []struct {
		ds   []time.Duration
		q    float64
		want time.Duration
	}{
		{ms(5, 1, 3), 0.5, 3 * time.Millisecond},                           // nearest rank ⌈1.5⌉ = 2
		{ms(4, 1, 3, 2), 0.5, 2 * time.Millisecond},                        // ⌈2⌉ = 2
		{ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 100), 0.99, 100 * time.Millisecond}, // fewer than 100: the largest
		{nil, 0.5, 0},
	} {
		if got := quantile(c.ds, c.q); got != c.want {
			t.Errorf("quantile(%v, %v) = %v; want %v", c.ds, c.q, got, c.want)
		}
	}
	big := make([]time.Duration, 200)
	for i := range big {
		big[i] = time.Duration(i + 1)
	}
	if got := quantile(big, 0.99); got != 198 {
		t.Errorf("p99 of 1…200 = %v; want 198 (rank ⌈198⌉)", got)
	}
}

// TestMeasure: every timed request of the Overlap experiment is recorded, the warm-up and the serial
// reference run are not, and the latencies survive the JSON round trip nb.Cached makes. Only bounds
// that hold on any machine are asserted: a request cannot be answered before the server's latency.
func TestMeasure(t *testing.T) {
	const latency = 2 * time.Millisecond
	exp, err := Overlap(latency, 8, []int{1, 4}, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	if exp.CacheKey() == "" || !strings.HasPrefix(exp.CacheKey(), "serving-v1-") {
		t.Errorf("CacheKey = %q; want a serving key", exp.CacheKey())
	}
	m, err := exp.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Measurement
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, mm := range []*Measurement{m, &back} {
		curves, err := mm.Curves()
		if err != nil {
			t.Fatal(err)
		}
		if len(curves) == 0 {
			t.Fatal("no curves")
		}
		for _, c := range curves {
			for _, l := range c.Levels {
				if l.Derived || l.Requests != 8*6 {
					t.Errorf("%s, N = %d: derived %v, %d requests; want measured, 8 requests × 6 trials (no warm-up)", c.Name, l.N, l.Derived, l.Requests)
				}
				// Little's law over the same runs: the average in flight, Rate × Mean, cannot exceed N —
				// every request is timed inside its run, and at most N are in flight at once.
				if inFlight := l.Rate * l.Mean; !(inFlight > 0 && inFlight <= float64(l.N)*1.000001) {
					t.Errorf("%s, N = %d: Rate × Mean = %v requests in flight; want in (0, %d]", c.Name, l.N, inFlight, l.N)
				}
				if l.Latency.Value < latency.Seconds() || l.P99 < l.Latency.Value || l.Mean < latency.Seconds() {
					t.Errorf("%s, N = %d: median %v s, p99 %v s, mean %v s; want each at least the server's %v, p99 ≥ median", c.Name, l.N, l.Latency.Value, l.P99, l.Mean, latency)
				}
			}
		}
		if b := mm.Bound(); !b.Model || len(b.Levels) != 2 {
			t.Errorf("Bound = %+v; want a model at N = 1, 4", b)
		}
		if s := mm.Subtitle(); !strings.Contains(s, "latency 2ms") || !strings.Contains(s, "median of 6 runs") {
			t.Errorf("Subtitle = %q", s)
		}
	}
	lv, err := m.Levels(1)
	if err != nil || len(lv) != 2 || lv[0].Derived {
		t.Errorf("Levels(1) = %+v, %v; want 2 measured levels", lv, err)
	}
	var nilM *Measurement
	if _, err := nilM.Curves(); err == nil || nilM.Warnings() != nil || nilM.Subtitle() != "" {
		t.Errorf("a nil Measurement: Curves error %v; want an error, no warnings, no subtitle", err)
	}
	if _, err := (*Experiment)(nil).Measure(context.Background(), nil); err == nil {
		t.Error("Measure of a nil experiment: no error")
	}
}

// TestMeasureModels: both models of the event-loop experiment record their requests' latency.
func TestMeasureModels(t *testing.T) {
	exp, err := Models(time.Millisecond, 1000, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	exp.Sweep.Workers, exp.Sweep.Procs = []int{2}, nil
	m, err := exp.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	curves, err := m.Curves()
	if err != nil || len(curves) != 2 {
		t.Fatalf("Curves = %v, %v; want 2", curves, err)
	}
	for _, c := range curves {
		for _, l := range c.Levels {
			if l.Derived || l.Requests == 0 {
				t.Errorf("%s, N = %d: derived %v, %d requests; want measured", c.Name, l.N, l.Derived, l.Requests)
			}
		}
	}
	if !strings.Contains(m.Subtitle(), "1000 squares per answer") {
		t.Errorf("Subtitle = %q; want the work per answer", m.Subtitle())
	}
}

// TestMeasureInterrupted: a cancelled measurement comes back partial with ctx's error.
func TestMeasureInterrupted(t *testing.T) {
	exp, err := Overlap(20*time.Millisecond, 64, []int{1}, 6)
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	m, err := exp.Measure(ctx, nil)
	if err == nil || m == nil || !m.Bench.Partial {
		t.Errorf("interrupted Measure = %v, %v; want a partial result and ctx's error", m, err)
	}
}
