// Package figure turns parlab's typed results into figures: one file per topic, each a few functions
// from a result (a bench.Result, scaling points, a timeline.Timeline, …) to a chart.Figure built with
// package chart's primitives. In a notebook:
//
//	chart.Show(figure.Speedup(res))
//
// Package chart draws and knows no topic; the measuring packages know neither: arrows point from
// figure to chart and to the topics, never back.
package figure
