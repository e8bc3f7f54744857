package figure

import (
	"errors"
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/serving"
)

// ThroughputLatency draws a load test side by side: on the left the throughput (requests per second)
// against N, the goroutines (= requests in flight), on the right how long one request took, one line per
// curve, with whiskers for the 95% intervals. Where the requests were timed one by one (serving's
// Measurement), the right panel shows the median request (solid, with its interval over runs) and the
// 99th percentile (dashed, same colour); where they were not, it shows the mean derived by Little's law
// from the throughput, and its title says so. N is on a log₂ axis, so 1, 2, 4, … 64 are evenly spaced. A
// curve marked Model (a bound, not a measurement) is drawn grey and dashed, without points; one without
// levels is left out. sub is a line under the title (what was measured), or "".
func ThroughputLatency(title, sub string, curves ...serving.Curve) (chart.Figure, error) {
	if len(curves) == 0 {
		return chart.Figure{}, errors.New("figure: ThroughputLatency: no curves to draw")
	}
	if title == "" {
		title = "Throughput and latency vs goroutines"
	}
	derived, measured := false, false
	for _, c := range curves {
		for _, l := range c.Levels {
			if !c.Model {
				derived = derived || l.Derived
				measured = measured || !l.Derived
			}
		}
	}
	x := chart.Axis{Name: "N, requests in flight", Unit: "goroutines", Log: 2, Min: 1}
	throughput := chart.Panel{Title: "Throughput (measured)", X: x, Y: chart.Axis{Name: "throughput", Unit: "requests/s"}}
	latency := chart.Panel{Title: "Latency of one request: median (solid), 99th percentile (dashed), measured", X: x,
		Y: chart.Axis{Name: "latency", Unit: "ms"}}
	switch {
	case derived && measured:
		latency.Title = "Latency of one request: measured median and p99, or a mean derived by Little's law"
	case derived:
		latency.Title = "Mean latency of one request, derived by Little's law (N ÷ throughput)"
		latency.Y.Name = "mean latency"
	}
	maxN := 1
	for i, c := range curves {
		if c.Model && len(c.Levels) == 0 {
			continue // a model with nothing to draw (say, no bound at latency 0)
		}
		name := c.Name
		if name == "" {
			name = fmt.Sprintf("curve %d", i+1)
		}
		if len(c.Levels) == 0 {
			return chart.Figure{}, fmt.Errorf("figure: ThroughputLatency: curve %q has no levels", name)
		}
		for _, l := range c.Levels {
			for _, v := range []float64{l.Throughput.Value, l.Latency.Value} {
				if l.N < 1 || math.IsNaN(v) || math.IsInf(v, 0) {
					return chart.Figure{}, fmt.Errorf("figure: ThroughputLatency: curve %q has a value that is not a finite number at N = %d", name, l.N)
				}
			}
		}
		if c.Model {
			for _, p := range []struct {
				panel *chart.Panel
				of    func(serving.Level) float64
			}{
				{&throughput, func(l serving.Level) float64 { return l.Throughput.Value }},
				{&latency, func(l serving.Level) float64 { return 1000 * l.Latency.Value }},
			} {
				curve := chart.Curve{Name: name, Colour: "#888", Style: chart.Dashed, Width: 1.5}
				for _, l := range c.Levels {
					curve.Points = append(curve.Points, chart.XY{X: float64(l.N), Y: p.of(l)})
				}
				p.panel.Curves = append(p.panel.Curves, curve)
			}
			continue
		}
		colour := chart.Colour(i)
		tp := chart.Series{Name: name, Colour: colour}
		med := chart.Series{Name: name, Colour: colour}
		p99 := chart.Series{Name: name + ", p99", Colour: colour, Dashed: true, Width: 1.5}
		for _, l := range c.Levels {
			tp.Points = append(tp.Points, chart.Point{X: float64(l.N), Y: l.Throughput.Value, Low: l.Throughput.Low, High: l.Throughput.High, Noisy: l.Noisy})
			pt := chart.Point{X: float64(l.N), Y: 1000 * l.Latency.Value, Low: 1000 * l.Latency.Low, High: 1000 * l.Latency.High, Noisy: l.Noisy}
			if l.Derived {
				pt.Note = "mean, derived by Little's law"
			} else {
				pt.Note = fmt.Sprintf("median of %d requests' latencies (measured); mean %.2f ms", l.Requests, 1000*l.Mean)
				if l.P99 > 0 {
					p99.Points = append(p99.Points, chart.Point{X: float64(l.N), Y: 1000 * l.P99,
						Note: fmt.Sprintf("99th percentile of %d requests (measured)", l.Requests)})
				}
			}
			med.Points = append(med.Points, pt)
			maxN = max(maxN, l.N)
		}
		throughput.Series = append(throughput.Series, tp)
		latency.Series = append(latency.Series, med)
		if len(p99.Points) > 0 {
			latency.Series = append(latency.Series, p99)
		}
	}
	top := math.Max(2, math.Pow(2, math.Ceil(math.Log2(float64(maxN)))))
	throughput.X.Max, latency.X.Max = top, top
	throughput.Y.Min, latency.Y.Min = 0, 0
	return chart.Plot{Title: title, Subtitle: sub, Panels: []chart.Panel{throughput, latency}}.Figure()
}
