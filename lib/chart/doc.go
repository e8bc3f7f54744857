// Package chart draws: a few primitives for parlab's figures, built with go-echarts, and the one place
// that knows how to show a chart in a notebook. It knows no topic: nothing here imports bench, timeline
// or any other measuring package, and they import nothing from here.
//
// # Primitives
//
// Each primitive is a plain struct of typed values; its Figure method builds the go-echarts chart
// (charts.NewLine, NewBar, NewCustom, NewScatter, NewHeatMap, NewBoxPlot, NewTreeMap with opts.*) and
// returns a [Figure]:
//
//   - [Plot]: lines through measured points with 95% intervals as whiskers (a point without an interval,
//     as after an interrupted sweep, is hollow and has none; the legend says why), the trials as dots,
//     model curves (points or a function), labelled marks; linear or log axes, one panel or several.
//   - [Bars]: bars over categories, with whiskers and labels, vertical or horizontal.
//   - [Gantt]: lanes over time, stacked panels with one zoom; short bars merged when there are too many.
//   - [HeatMap]: a grid of cells coloured by value (speedup over workers × GOMAXPROCS).
//   - [BoxPlot]: the spread of samples per category (the trials behind a median).
//   - [TreeMap]: a hierarchy of sizes as nested rectangles (a CPU profile).
//   - [Picture]: an image, embedded as a PNG (Show and WritePage take it like a Figure).
//   - [Slider] and [Script] make a figure interactive in the page, without the kernel.
//
// Every axis names its unit: a primitive refuses an axis without one.
//
// # How to build a chart for a new topic
//
// Put the adapter next to the others, in package figure (lib/figure/<topic>.go): a function from the
// topic's typed result to a Figure, which checks its input (nil, empty, stopped early) with a sentence,
// maps the result onto one primitive, and says in the subtitle where the numbers came from:
//
//	func Latency(res *mytopic.Result) (chart.Figure, error) {
//		if res == nil {
//			return chart.Figure{}, errors.New("figure: the result is nil: run mytopic.Measure first")
//		}
//		s := chart.Series{Name: "median"}
//		for _, p := range res.Points {
//			s.Points = append(s.Points, chart.Point{X: float64(p.N), Y: p.Ms.Value, Low: p.Ms.Low, High: p.Ms.High})
//		}
//		return chart.Plot{Title: "Latency vs load", Panels: []chart.Panel{{
//			X: chart.Axis{Name: "requests in flight", Unit: "requests", Integer: true},
//			Y: chart.Axis{Name: "latency", Unit: "ms"},
//			Series: []chart.Series{s},
//		}}}.Figure()
//	}
//
// and the notebook calls chart.Show(figure.Latency(res)). Test it with package charttest, which runs the
// figure's script in node, and look at it in the browser check's screenshots. When no primitive fits,
// add one here: a struct, a Figure method that builds a go-echarts chart, and (only for what ECharts
// cannot draw by itself) a helper in js/. A learner's own go-echarts chart needs none of this:
// chart.Show(line) shows a *charts.Line as it is.
//
// # Why two packages
//
// The drawing (this package) and the adapters (package figure, one file per topic) are split so that a
// new topic adds a file to figure and edits nothing here, and so that the drawing code can be read, and
// reused in a learner's cell, without the course's topics around it. One adapter package rather than one
// per topic keeps a notebook to two imports, chart and figure, and its cells reading
// chart.Show(figure.Speedup(res)).
//
// # go-echarts, and what parlab adds to it
//
// Options are go-echarts' typed structs. Where go-echarts v2.7.2 has no field for an ECharts option
// (series silent and clip, tooltip confine, several title components, a numeric axis-label interval), a
// charts.ConfigurationVisitor merges it into the option: go-echarts' own hook for that (render.go,
// type extras). JavaScript that ECharts needs and go-echarts cannot express — the renderItem of whiskers
// and Gantt bars, tooltips — lives in js/*.js, ordinary files sent to the page once per kernel with
// ECharts; an option names those functions (parlab.whisker) through opts.FuncOpts, and a figure's own
// tables (tooltip units, the Gantt chart's task names) travel beside the option as JSON (parlab.data).
// The option is encoded here, not by go-echarts' renderer, so that an encoding error (a NaN) is returned
// instead of an empty chart.
//
// # Offline, with or without RequireJS
//
// ECharts (5.6.0, 1.03 MB minified) is read from the pinned copy that kernel-setup downloads and checks
// (kernel-setup/echarts/echarts.min.js) and sent into the page once per kernel, with parlab's runtime
// (js/): [SendECharts] does it explicitly and [Show] does it on first use. It is never fetched from a
// CDN. Classic Notebook 6 and the nbconvert HTML export load RequireJS, whose define() makes the UMD
// header of echarts.min.js register an anonymous module instead of the global echarts ("Mismatched
// anonymous define() module", then "echarts is not defined"). The loader therefore evaluates the library
// with define, exports and module shadowed, so it always takes its global path; pages without RequireJS
// (JupyterLab, Notebook 7, VS Code) take the same path.
//
// Each figure gets its own random element id, so re-running a cell in the same page never clashes. Where
// scripts cannot run (an untrusted notebook, a static viewer) the output keeps one line of text saying so,
// instead of an empty box; the script removes that line when it draws. HTML is written with html/template.
//
// # Errors
//
// Builders return errors as sentences that name the parameter; rendering errors are returned, never
// dropped. Show prints them too — in the cell as a red box, or on standard error outside a notebook — so a
// learner who ignores the returned error still sees it. Show accepts a builder's (Figure, error) pair
// directly: chart.Show(figure.Speedup(res)).
package chart
