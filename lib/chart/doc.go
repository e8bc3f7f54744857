// Package chart is the one place that knows how to show a chart in a notebook.
//
// A chart is a [Figure]: an ECharts option (a JavaScript object literal), a height, a title, and optionally
// some HTML controls and a script that runs after the chart is drawn (a slider that redraws curves, say).
// Builders in this package turn parlab's typed results into Figures; a go-echarts chart converts with
// [FromECharts]. [Show] displays either kind in the GoNB notebook, [HTML] returns the same fragment as text.
//
// # Offline, with or without RequireJS
//
// ECharts (5.6.0, 1.03 MB minified) is read from the pinned copy that kernel-setup downloads and checks
// (kernel-setup/echarts/echarts.min.js) and sent into the page once per kernel: [Load] does it explicitly and
// [Show] does it on first use. It is never fetched from a CDN. Classic Notebook 6 and the nbconvert HTML
// export load RequireJS, whose define() makes the UMD header of echarts.min.js register an anonymous
// module instead of the global echarts ("Mismatched anonymous define() module", then "echarts is not
// defined"). The loader therefore evaluates the library with define, exports and module shadowed, so it
// always takes its global path; pages without RequireJS (JupyterLab, Notebook 7, VS Code) take the same path.
//
// Each figure gets its own random element id, so re-running a cell in the same page never clashes. Where
// scripts cannot run (an untrusted notebook, a static viewer) the output keeps one line of text saying so,
// instead of an empty box; the script removes that line when it draws.
//
// # Errors
//
// Rendering errors are returned, never dropped. Show also prints them in the cell as a sentence, so a
// learner who ignores the returned error still sees it. Show accepts a builder's (Figure, error) pair
// directly: chart.Show(chart.Speedup(res)).
package chart
