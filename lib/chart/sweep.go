package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Times draws a sweep's median time per run against the number of workers, one line per task and
// GOMAXPROCS, with whiskers for each median's 95% confidence interval.
func Times(res *bench.Result) (Figure, error) {
	if err := checkResult(res); err != nil {
		return Figure{}, err
	}
	unit, scale := timeUnit(res)
	return sweepFigure(res, sweepSpec{
		title: "Time per run vs workers",
		yName: "median time per run (" + unit + ")",
		unit:  " " + unit,
		value: func(p bench.Point) (v, lo, hi float64) {
			return float64(p.Median) / scale, float64(p.Low) / scale, float64(p.High) / scale
		},
	})
}

// Speedup draws a sweep's speedup T(1 worker)/T(N workers) against N, one line per task and
// GOMAXPROCS, with whiskers for the bootstrap 95% intervals and the ideal line S = N dashed.
func Speedup(res *bench.Result) (Figure, error) {
	if err := checkResult(res); err != nil {
		return Figure{}, err
	}
	return sweepFigure(res, sweepSpec{
		title: "Speedup vs workers",
		yName: "speedup T(1)/T(N) (×)",
		unit:  "×",
		value: func(p bench.Point) (v, lo, hi float64) {
			return p.Speedup.Value, p.Speedup.Low, p.Speedup.High
		},
		ideal: func(n float64) float64 { return n },
	})
}

// Efficiency draws a sweep's parallel efficiency, speedup/N in percent, against N, one line per
// task and GOMAXPROCS, with whiskers for the 95% intervals and the ideal 100% dashed.
func Efficiency(res *bench.Result) (Figure, error) {
	if err := checkResult(res); err != nil {
		return Figure{}, err
	}
	return sweepFigure(res, sweepSpec{
		title: "Efficiency vs workers",
		yName: "efficiency speedup/N (%)",
		unit:  "%",
		value: func(p bench.Point) (v, lo, hi float64) {
			return 100 * p.Efficiency.Value, 100 * p.Efficiency.Low, 100 * p.Efficiency.High
		},
		ideal: func(float64) float64 { return 100 },
	})
}

func checkResult(res *bench.Result) error {
	switch {
	case res == nil:
		return errors.New("chart: the result is nil: run a sweep first (bench.Run or nb.Measure)")
	case len(res.Points) == 0:
		return errors.New("chart: the result has no measurements: the sweep was stopped before its first trial ended")
	}
	return nil
}

// timeUnit picks µs, ms or s so that the largest interval end reads as a number from 1 to 9999.
func timeUnit(res *bench.Result) (string, float64) {
	var top time.Duration
	for _, p := range res.Points {
		top = max(top, p.High)
	}
	switch {
	case top < 10*time.Millisecond:
		return "µs", float64(time.Microsecond)
	case top < 10*time.Second:
		return "ms", float64(time.Millisecond)
	}
	return "s", float64(time.Second)
}

type sweepSpec struct {
	title, yName, unit string
	value              func(bench.Point) (v, lo, hi float64)
	ideal              func(n float64) float64 // nil: no ideal line
}

// tooltipJS shows a point's value, its interval and whether it is noisy.
const tooltipJS = `function (p) {
  var d = p.data;
  if (!d || d.lo === undefined) { return p.seriesName; }
  var f = function (v) { return v.toPrecision(3); };
  return p.marker + p.seriesName + '<br/>' + d.value[0] + ' workers: <b>' + f(d.value[1]) + d.unit + '</b>' +
    '<br/>95% interval ' + f(d.lo) + ' – ' + f(d.hi) + d.unit + '<br/>' + d.n + ' trials' +
    (d.noisy ? '<br/><b>noisy</b>: interval wider than ±10% of the median' : '');
}`

type point struct {
	Value []float64 `json:"value"`
	Lo    float64   `json:"lo"`
	Hi    float64   `json:"hi"`
	Unit  string    `json:"unit"`
	N     int       `json:"n"`
	Noisy bool      `json:"noisy"`
	// Symbol marks noisy points with an empty circle.
	Symbol string `json:"symbol,omitempty"`
}

func sweepFigure(res *bench.Result, spec sweepSpec) (Figure, error) {
	type group struct {
		name   string
		points []point
		bars   [][4]float64
	}
	var groups []*group
	index := map[[2]any]*group{}
	tasks, procs := map[string]bool{}, map[int]bool{}
	for _, p := range res.Points {
		tasks[p.Task], procs[p.Procs] = true, true
	}
	maxW := 1.0
	for _, p := range res.Points {
		if spec.ideal != nil && p.Speedup.Value == 0 {
			continue // no baseline (a partial result): no speedup to draw
		}
		key := [2]any{p.Task, p.Procs}
		g := index[key]
		if g == nil {
			var parts []string
			if len(tasks) > 1 {
				parts = append(parts, p.Task)
			}
			if len(procs) > 1 || len(tasks) == 1 {
				parts = append(parts, fmt.Sprintf("GOMAXPROCS=%d", p.Procs))
			}
			g = &group{name: strings.Join(parts, ", ")}
			index[key] = g
			groups = append(groups, g)
		}
		v, lo, hi := spec.value(p)
		pt := point{Value: []float64{float64(p.Workers), v}, Lo: lo, Hi: hi, Unit: spec.unit, N: len(p.Samples), Noisy: p.Noisy}
		if p.Noisy {
			pt.Symbol = "emptyCircle"
		}
		g.points = append(g.points, pt)
		g.bars = append(g.bars, [4]float64{float64(p.Workers), lo, hi})
		maxW = max(maxW, float64(p.Workers))
	}
	if len(groups) == 0 {
		return Figure{}, errors.New("chart: the result has no one-worker baseline, so there is no speedup to draw: the sweep was stopped before it timed one worker")
	}
	var series []map[string]any
	var legend []string
	for i, g := range groups {
		colour := palette[i%len(palette)]
		for j := range g.bars {
			g.bars[j][3] = 6 * (float64(i) - float64(len(groups)-1)/2) // px
		}
		series = append(series,
			map[string]any{"type": "line", "name": g.name, "data": g.points, "color": colour,
				"symbol": "circle", "symbolSize": 7, "z": 3},
			map[string]any{"type": "custom", "name": g.name, "data": g.bars, "color": colour,
				"renderItem": "@whisker@", "encode": map[string]any{"x": 0, "y": []int{1, 2}},
				"tooltip": map[string]any{"show": false}, "z": 2},
		)
		legend = append(legend, g.name)
	}
	if spec.ideal != nil {
		name := "ideal"
		series = append(series, map[string]any{
			"type": "line", "name": name, "symbol": "none", "color": "#888",
			"lineStyle": map[string]any{"type": "dashed", "width": 1.5},
			"data":      [][2]float64{{1, spec.ideal(1)}, {maxW, spec.ideal(maxW)}}, "tooltip": map[string]any{"show": false},
		})
		legend = append(legend, name)
	}
	sub := fmt.Sprintf("%s · %d logical CPUs · %s · %d trials per point", res.Env.CPUModel, res.Env.NumCPU, res.Env.GoVersion, res.Trials)
	if len(tasks) == 1 {
		sub = res.Points[0].Task + "\n" + sub
	}
	if res.Partial {
		sub += " · PARTIAL: stopped early"
	}
	option := map[string]any{
		"title": map[string]any{"text": spec.title, "subtext": sub, "left": "center",
			"itemGap":      6,
			"subtextStyle": map[string]any{"lineHeight": 16, "color": map[bool]string{true: "#c0392b", false: "#666"}[res.Partial]}},
		"tooltip":   map[string]any{"trigger": "item", "formatter": "@tooltip@"},
		"legend":    map[string]any{"show": len(legend) > 1, "type": "scroll", "bottom": 0, "data": legend},
		"grid":      map[string]any{"left": 80, "right": 40, "top": 95, "bottom": 75},
		"animation": false,
		"xAxis": map[string]any{"type": "value", "name": "workers (goroutines)", "nameLocation": "middle", "nameGap": 30,
			"min": 0, "max": maxW + max(1, maxW/20), "minInterval": 1},
		"yAxis":  map[string]any{"type": "value", "name": spec.yName, "nameLocation": "middle", "nameGap": 55, "min": 0},
		"series": series,
	}
	b, err := json.Marshal(option)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: encoding the option: %w", err)
	}
	js := strings.NewReplacer(`"@whisker@"`, whiskerJS, `"@tooltip@"`, tooltipJS).Replace(string(b))
	return Figure{Title: spec.title, Option: js, Height: 440}, nil
}
