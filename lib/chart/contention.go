package chart

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/counter"
	"github.com/parlab/parlab/lib/falseshare"
	"github.com/parlab/parlab/lib/racy"
)

// Charts of the shared-state lab (notebook 04): the cost of each kind of counter under contention, the
// racy counter's lost updates, and false sharing.

// contTooltipJS shows one measured point: data {value: [x, y], label, lo, hi, noisy}.
const contTooltipJS = `function (p) {
  var d = p.data;
  if (!d || d.lo === undefined) { return p.seriesName; }
  var f = function (v) { return v.toPrecision(3); };
  return p.marker + p.seriesName + '<br/>' + d.label + ': <b>' + f(d.value[1]) + ' ns</b> per increment' +
    '<br/>95% interval ' + f(d.lo) + ' – ' + f(d.hi) + ' ns' +
    (d.noisy ? '<br/><b>noisy</b>: interval wider than ±10% of the median' : '');
}`

type contPoint struct {
	Value  []any   `json:"value"`
	Label  string  `json:"label"`
	Lo     float64 `json:"lo"`
	Hi     float64 `json:"hi"`
	Noisy  bool    `json:"noisy"`
	Symbol string  `json:"symbol,omitempty"`
}

func contEnv(env bench.Env, trials int) string {
	return fmt.Sprintf("%s · %d logical CPUs · %s · %d trials per point, medians with 95%% intervals",
		env.CPUModel, env.NumCPU, env.GoVersion, trials)
}

func contFigure(title string, option map[string]any, height int) (Figure, error) {
	b, err := json.Marshal(option)
	if err != nil {
		return Figure{}, fmt.Errorf("chart: encoding the option of %q: %w", title, err)
	}
	js := strings.NewReplacer(`"@whisker@"`, whiskerJS, `"@tooltip@"`, contTooltipJS).Replace(string(b))
	return Figure{Title: title, Option: js, Height: height}, nil
}

// Contention draws the cost of one increment (wall time per increment, ns, log scale) against the
// number of goroutines sharing the counter, one line per kind of counter (and GOMAXPROCS, when several
// were measured), with whiskers for the 95% intervals. Noisy points are drawn as empty circles.
func Contention(res *counter.Contention) (Figure, error) {
	switch {
	case res == nil:
		return Figure{}, errors.New("chart: the contention result is nil: measure first with counter.Measure")
	case len(res.Costs) == 0:
		return Figure{}, errors.New("chart: the contention result has no measurements: it was stopped before its first trial ended")
	}
	procs := map[int]bool{}
	maxProcs := 0
	for _, c := range res.Costs {
		procs[c.Procs] = true
		maxProcs = max(maxProcs, c.Procs)
	}
	type group struct {
		name     string
		procs    int
		points   []contPoint
		whiskers [][3]float64
	}
	var groups []*group
	index := map[string]*group{}
	kindColor := map[string]string{}
	maxG := 1
	for _, c := range res.Costs {
		name := c.Kind
		if len(procs) > 1 {
			name = fmt.Sprintf("%s, GOMAXPROCS=%d", c.Kind, c.Procs)
		}
		g := index[name]
		if g == nil {
			g = &group{name: name, procs: c.Procs}
			index[name] = g
			groups = append(groups, g)
		}
		if _, ok := kindColor[c.Kind]; !ok {
			kindColor[c.Kind] = palette[len(kindColor)%len(palette)]
		}
		v := c.NsPerOp
		p := contPoint{Value: []any{c.Goroutines, v.Value}, Lo: v.Low, Hi: v.High, Noisy: c.Noisy,
			Label: fmt.Sprintf("%d goroutine%s, GOMAXPROCS=%d", c.Goroutines, plural(c.Goroutines), c.Procs)}
		if c.Noisy {
			p.Symbol = "emptyCircle"
		}
		g.points = append(g.points, p)
		g.whiskers = append(g.whiskers, [3]float64{float64(c.Goroutines), v.Low, v.High})
		maxG = max(maxG, c.Goroutines)
	}
	var series []map[string]any
	var legend []string
	for _, g := range groups {
		colour := kindColor[strings.SplitN(g.name, ",", 2)[0]]
		line := map[string]any{"type": "solid", "width": 2}
		if g.procs != maxProcs {
			line = map[string]any{"type": "dashed", "width": 2}
		}
		series = append(series,
			map[string]any{"type": "line", "name": g.name, "data": g.points, "color": colour, "lineStyle": line,
				"symbol": "circle", "symbolSize": 7, "z": 3},
			map[string]any{"type": "custom", "name": g.name, "data": g.whiskers, "color": colour,
				"renderItem": "@whisker@", "encode": map[string]any{"x": 0, "y": []int{1, 2}},
				"tooltip": map[string]any{"show": false}, "z": 2})
		legend = append(legend, g.name)
	}
	sub := "one shared counter; each goroutine adds 1 in a loop"
	if res.Bench != nil {
		sub += "\n" + contEnv(res.Bench.Env, res.Bench.Trials)
		if res.Bench.Partial {
			sub += " · PARTIAL: stopped early"
		}
	}
	if len(procs) > 1 {
		sub += fmt.Sprintf(" · dashed: GOMAXPROCS < %d", maxProcs)
	}
	option := map[string]any{
		"title": map[string]any{"text": "Cost of one increment vs goroutines sharing the counter", "subtext": sub,
			"left": "center", "itemGap": 6, "subtextStyle": map[string]any{"lineHeight": 16, "color": "#666"}},
		"tooltip":   map[string]any{"trigger": "item", "formatter": "@tooltip@"},
		"legend":    map[string]any{"show": len(legend) > 1, "bottom": 0, "data": legend},
		"grid":      map[string]any{"left": 80, "right": 40, "top": 95, "bottom": 80},
		"animation": false,
		"xAxis": map[string]any{"type": "log", "logBase": 2, "name": "goroutines sharing one counter (log scale)",
			"nameLocation": "middle", "nameGap": 30, "min": 1, "max": nextPow2(maxG)},
		"yAxis": map[string]any{"type": "log", "name": "wall time per increment (ns, log scale)",
			"nameLocation": "middle", "nameGap": 55},
		"series": series,
	}
	return contFigure("Cost of one increment vs goroutines", option, 480)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func nextPow2(n int) int {
	p := 1
	for p < n {
		p *= 2
	}
	return p
}

// LostUpdates draws a histogram of the racy counter's lost updates: for each result (GOMAXPROCS=2,
// GOMAXPROCS=1, with or without a switch mid-update…), how many runs lost how many of their increments,
// in percent. Runs that lost nothing have their own bar, "none", so a result where no update was lost
// shows as one tall bar there.
func LostUpdates(results ...racy.Result) (Figure, error) {
	if len(results) == 0 {
		return Figure{}, errors.New("chart: LostUpdates needs at least one result from racy.LostUpdates")
	}
	maxFrac := 0.0
	for i, r := range results {
		if len(r.Lost) == 0 {
			return Figure{}, fmt.Errorf("chart: result %d has no runs: run racy.LostUpdates with Runs ≥ 1", i+1)
		}
		if r.Want() <= 0 {
			return Figure{}, fmt.Errorf("chart: result %d counts no increments (Goroutines × Each = 0)", i+1)
		}
		for _, l := range r.Lost {
			maxFrac = max(maxFrac, 100*float64(l)/float64(r.Want()))
		}
	}
	// Bin width: the smallest of these (in %) that needs at most 20 bins.
	width := 10.0
	for _, w := range []float64{0.1, 0.2, 0.5, 1, 2, 5, 10} {
		if maxFrac/w <= 20 {
			width = w
			break
		}
	}
	bins := max(1, int(math.Ceil(maxFrac/width)))
	categories := []string{"none"}
	for b := range bins {
		categories = append(categories, fmt.Sprintf("%s–%s%%", trimFloat(float64(b)*width), trimFloat(float64(b+1)*width)))
	}
	var series []map[string]any
	var legend []string
	sameShape := true
	for _, r := range results {
		sameShape = sameShape && r.Config.Goroutines == results[0].Config.Goroutines && r.Config.Each == results[0].Config.Each
	}
	seen := map[string]int{}
	for i, r := range results {
		counts := make([]int, len(categories))
		for _, l := range r.Lost {
			if l <= 0 {
				counts[0]++
				continue
			}
			b := int(math.Ceil(100*float64(l)/float64(r.Want())/width)) - 1
			counts[1+min(max(b, 0), bins-1)]++
		}
		name := fmt.Sprintf("GOMAXPROCS=%d", r.Config.Procs)
		if r.Config.Yield {
			name += ", switch mid-update"
		}
		if !sameShape {
			name += fmt.Sprintf(", %d×%d", r.Config.Goroutines, r.Config.Each)
		}
		name += fmt.Sprintf(" (%d runs)", len(r.Lost))
		if seen[name]++; seen[name] > 1 {
			name += fmt.Sprintf(" #%d", seen[name])
		}
		series = append(series, map[string]any{"type": "bar", "name": name, "data": counts,
			"color": palette[i%len(palette)], "barMaxWidth": 40})
		legend = append(legend, name)
	}
	sub := "each run: goroutines add 1 to an unsynchronised counter; lost = expected − final count"
	if sameShape {
		sub = fmt.Sprintf("each run: %d goroutines × %d increments of an unsynchronised counter; lost = %d − final count",
			results[0].Config.Goroutines, results[0].Config.Each, results[0].Want())
	}
	for _, r := range results {
		if r.RaceDetector {
			sub += "\nbuilt with -race: the detector slows and reorders the runs, so fewer updates are lost"
			break
		}
	}
	option := map[string]any{
		"title": map[string]any{"text": "Lost updates per run of the racy counter", "subtext": sub, "left": "center",
			"itemGap": 6, "subtextStyle": map[string]any{"lineHeight": 16, "color": "#666"}},
		"tooltip":   map[string]any{"trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}},
		"legend":    map[string]any{"show": len(legend) > 1, "bottom": 0, "data": legend},
		"grid":      map[string]any{"left": 70, "right": 30, "top": 90, "bottom": 95},
		"animation": false,
		"xAxis": map[string]any{"type": "category", "data": categories,
			"name": "updates lost in one run (% of its increments)", "nameLocation": "middle", "nameGap": 50,
			"axisLabel": map[string]any{"rotate": 30, "interval": 0}},
		"yAxis":  map[string]any{"type": "value", "name": "runs", "nameLocation": "middle", "nameGap": 45, "minInterval": 1},
		"series": series,
	}
	return contFigure("Lost updates per run", option, 460)
}

func trimFloat(v float64) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.1f", v), "0"), ".")
}

// FalseSharing draws the cost of one increment for each counter layout (adjacent on one cache line,
// padded to 64 or 128 bytes), on one goroutine (the control: nothing shared) and on several, as bars
// with whiskers for the 95% intervals. The subtitle gives the measured ratio adjacent ÷ padded.
func FalseSharing(res falseshare.Result) (Figure, error) {
	if len(res.Bars) == 0 {
		return Figure{}, errors.New("chart: the false-sharing result has no bars: measure first with falseshare.Measure")
	}
	var categories []string
	layoutIndex := map[string]int{}
	for _, b := range res.Bars {
		if _, ok := layoutIndex[b.Layout.Name]; !ok {
			layoutIndex[b.Layout.Name] = len(layoutIndex)
		}
	}
	data := make([][]any, len(layoutIndex))
	whiskers := make([][][3]float64, len(layoutIndex))
	for i, b := range res.Bars {
		categories = append(categories, fmt.Sprintf("%s\n%d goroutine%s", b.Layout.Name, b.Workers, plural(b.Workers)))
		li := layoutIndex[b.Layout.Name]
		for l := range data {
			if l == li {
				v := b.NsPerOp
				data[l] = append(data[l], contPoint{Value: []any{i, v.Value}, Lo: v.Low, Hi: v.High, Noisy: b.Noisy,
					Label: fmt.Sprintf("%d goroutine%s, counters %d B apart", b.Workers, plural(b.Workers), b.Layout.Stride)})
			} else {
				data[l] = append(data[l], "-")
			}
		}
		whiskers[li] = append(whiskers[li], [3]float64{float64(i), b.NsPerOp.Low, b.NsPerOp.High})
	}
	var series []map[string]any
	var legend []string
	names := make([]string, len(layoutIndex))
	for name, li := range layoutIndex {
		names[li] = name
	}
	for li, name := range names {
		colour := palette[li%len(palette)]
		series = append(series,
			map[string]any{"type": "bar", "name": name, "data": data[li], "color": colour, "barGap": "-100%",
				"barWidth": "55%", "tooltip": map[string]any{"formatter": "@tooltip@"}},
			map[string]any{"type": "custom", "name": name, "data": whiskers[li], "color": "#333",
				"renderItem": "@whisker@", "encode": map[string]any{"x": 0, "y": []int{1, 2}},
				"tooltip": map[string]any{"show": false}, "z": 3})
		legend = append(legend, name)
	}
	sub := "each goroutine adds 1 atomically to its own counter"
	if res.Ratio.Value > 0 {
		sub = fmt.Sprintf("%d goroutines, own counters on one cache line: %.2f× the time of counters 128 B apart (interval %.2f–%.2f×)",
			res.Config.Workers, res.Ratio.Value, res.Ratio.Low, res.Ratio.High)
	}
	if res.Bench != nil {
		sub += "\n" + contEnv(res.Bench.Env, res.Bench.Trials)
		if res.Bench.Partial {
			sub += " · PARTIAL: stopped early"
		}
	}
	option := map[string]any{
		"title": map[string]any{"text": "False sharing: counters on one cache line vs padded", "subtext": sub,
			"left": "center", "itemGap": 6, "subtextStyle": map[string]any{"lineHeight": 16, "color": "#666"}},
		"tooltip":   map[string]any{"trigger": "item"},
		"legend":    map[string]any{"show": len(legend) > 1, "bottom": 0, "data": legend},
		"grid":      map[string]any{"left": 80, "right": 30, "top": 95, "bottom": 90},
		"animation": false,
		"xAxis": map[string]any{"type": "category", "data": categories, "name": "counter layout and goroutines",
			"nameLocation": "middle", "nameGap": 52, "axisLabel": map[string]any{"interval": 0, "lineHeight": 16}},
		"yAxis": map[string]any{"type": "value", "name": "wall time per increment (ns)", "nameLocation": "middle",
			"nameGap": 50, "min": 0},
		"series": series,
	}
	return contFigure("False sharing", option, 460)
}
