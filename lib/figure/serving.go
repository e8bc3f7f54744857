package figure

import (
	"errors"
	"fmt"
	"math"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/serving"
)

// ThroughputLatency draws a load test side by side: on the left the throughput (requests per second)
// against N, the goroutines (= requests in flight), on the right the mean latency of one request (ms, by
// Little's law, see package serving), one line per curve, with whiskers for the 95% intervals. N is on a
// log₂ axis, so 1, 2, 4, … 64 are evenly spaced. A curve marked Model (a bound, not a measurement) is
// drawn grey and dashed, without points; one without levels is left out. sub is a line under the title
// (what was measured), or "".
func ThroughputLatency(title, sub string, curves ...serving.Curve) (chart.Figure, error) {
	if len(curves) == 0 {
		return chart.Figure{}, errors.New("figure: ThroughputLatency: no curves to draw")
	}
	if title == "" {
		title = "Throughput and latency vs goroutines"
	}
	x := chart.Axis{Name: "N, requests in flight", Unit: "goroutines", Log: 2, Min: 1}
	throughput := chart.Panel{Title: "Throughput", X: x, Y: chart.Axis{Name: "throughput", Unit: "requests/s"}}
	latency := chart.Panel{Title: "Mean latency of one request", X: x, Y: chart.Axis{Name: "mean latency", Unit: "ms"}}
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
		for _, p := range []struct {
			panel *chart.Panel
			of    func(serving.Level) (float64, float64, float64)
		}{
			{&throughput, func(l serving.Level) (float64, float64, float64) {
				return l.Throughput.Value, l.Throughput.Low, l.Throughput.High
			}},
			{&latency, func(l serving.Level) (float64, float64, float64) {
				return 1000 * l.Latency.Value, 1000 * l.Latency.Low, 1000 * l.Latency.High
			}},
		} {
			if c.Model {
				curve := chart.Curve{Name: name, Colour: "#888", Style: chart.Dashed, Width: 1.5}
				for _, l := range c.Levels {
					v, _, _ := p.of(l)
					if l.N < 1 || math.IsNaN(v) || math.IsInf(v, 0) {
						return chart.Figure{}, fmt.Errorf("figure: ThroughputLatency: curve %q has a value that is not a finite number at N = %d", name, l.N)
					}
					curve.Points = append(curve.Points, chart.XY{X: float64(l.N), Y: v})
				}
				p.panel.Curves = append(p.panel.Curves, curve)
				continue
			}
			s := chart.Series{Name: name}
			for _, l := range c.Levels {
				v, lo, hi := p.of(l)
				if l.N < 1 || math.IsNaN(v) || math.IsInf(v, 0) {
					return chart.Figure{}, fmt.Errorf("figure: ThroughputLatency: curve %q has a value that is not a finite number at N = %d", name, l.N)
				}
				s.Points = append(s.Points, chart.Point{X: float64(l.N), Y: v, Low: lo, High: hi, Noisy: l.Noisy})
				maxN = max(maxN, l.N)
			}
			p.panel.Series = append(p.panel.Series, s)
		}
	}
	top := math.Max(2, math.Pow(2, math.Ceil(math.Log2(float64(maxN)))))
	throughput.X.Max, latency.X.Max = top, top
	throughput.Y.Min, latency.Y.Min = 0, 0
	return chart.Plot{Title: title, Subtitle: sub, Panels: []chart.Panel{throughput, latency}}.Figure()
}
