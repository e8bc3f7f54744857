package figure

import (
	_ "embed"
	"fmt"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/scaling"
)

//go:embed explorer.js
var explorerJS string

// GustafsonAmdahl draws the two laws side by side for the same program, from N = 1 to maxN (0: 64):
// each s in serial is the serial share of the program's base run, on one worker, and both laws start
// from it, so the comparison is fair.
//
//   - Left, Amdahl: the problem stays the same size; s is the serial share of the one-worker run, and
//     the speedup flattens towards 1/s.
//   - Middle, Gustafson: the problem grows with N so that each N-worker run lasts as long as the base
//     run; the serial part stays the same, so s is also the serial share of every N-worker run, and the
//     scaled speedup s + (1 − s)·N keeps rising.
//   - Right: the grown problem's serial share on one worker, s_A = s / (s + (1 − s)·N)
//     (scaling.GustafsonToAmdahl). Amdahl's law with that s_A gives the middle panel's speedup: the laws
//     agree; they describe different problems.
//
// Each s has one colour in all three panels.
func GustafsonAmdahl(serial []float64, maxN int) (chart.Figure, error) {
	switch {
	case len(serial) == 0:
		return chart.Figure{}, fmt.Errorf("figure: GustafsonAmdahl was given no serial fractions; want 1 to 6 values in [0, 1], such as 0.05, 0.1, 0.25")
	case len(serial) > 6:
		return chart.Figure{}, fmt.Errorf("figure: GustafsonAmdahl was given %d serial fractions; at most 6 stay readable", len(serial))
	case maxN < 0 || maxN == 1:
		return chart.Figure{}, fmt.Errorf("figure: GustafsonAmdahl: maxN = %d; want 0 (automatic, 64) or at least 2", maxN)
	}
	if maxN == 0 {
		maxN = 64
	}
	top := float64(maxN)
	y := chart.Axis{Name: "speedup", Unit: "×", Max: top, Integer: true}
	amdahl := chart.Panel{Title: "Amdahl: fixed size, s of the 1-worker run", X: axisTo(workersAxis, top), Y: y}
	gustafson := chart.Panel{Title: "Gustafson: size ∝ N, s of each N-worker run",
		X: chart.Axis{Name: "workers N, problem size ∝ N", Unit: "goroutines", Integer: true, Max: top}, Y: y}
	share := chart.Panel{Title: "The grown problem's serial share on 1 worker",
		X: chart.Axis{Name: "workers N, problem size ∝ N", Unit: "goroutines", Integer: true, Max: top},
		Y: chart.Axis{Name: "s_A = s / (s + (1−s)·N)", Unit: "%"}}
	for i, s := range serial {
		if !(s >= 0 && s <= 1) {
			return chart.Figure{}, fmt.Errorf("figure: GustafsonAmdahl: serial fraction %v is outside [0, 1]; s is the share of the time that cannot run in parallel", s)
		}
		name, colour := "s = "+chart.Number(s), chosenColours[i%len(chosenColours)]
		amdahl.Curves = append(amdahl.Curves, chart.Curve{Name: name, Colour: colour,
			F: func(n float64) float64 { return scaling.Amdahl(s, n) }, From: 1, To: top})
		gustafson.Curves = append(gustafson.Curves, chart.Curve{Name: name, Colour: colour,
			F: func(n float64) float64 { return scaling.Gustafson(s, n) }, From: 1, To: top})
		share.Curves = append(share.Curves, chart.Curve{Name: name, Colour: colour,
			F: func(n float64) float64 { return 100 * scaling.GustafsonToAmdahl(s, n) }, From: 1, To: top})
	}
	ideal := chart.Curve{Name: "ideal S = N", Colour: "#999", Width: 1, Points: []chart.XY{{X: 1, Y: 1}, {X: top, Y: top}}}
	amdahl.Curves = append(amdahl.Curves, ideal)
	gustafson.Curves = append(gustafson.Curves, ideal)
	return chart.Plot{
		Title: "Amdahl (fixed problem) beside Gustafson (problem grows with N), for the same program",
		Subtitle: "Each s is the serial share of the program's base run, on one worker. Left: S = 1/(s + (1−s)/N), never above 1/s. " +
			"Middle: the problem grows so each N-worker run lasts as long as the base run; S = s + (1−s)·N. " +
			"Right: the grown problem's serial share on one worker shrinks as N grows — Amdahl's law with that share gives the middle curve.",
		Panels: []chart.Panel{amdahl, gustafson, share},
	}.Figure()
}

// AmdahlExplorer draws Amdahl's law with a slider for the serial fraction s (starting at s) that redraws,
// in the browser, Amdahl's curve, its ceiling 1/s and Gustafson's scaled speedup for the same s, from
// N = 1 to maxN (0: 64). It needs no kernel, so it also works in an exported HTML page. measured, when
// not nil, adds measured speedups with their whiskers and the fitted s (what scaling.FitAmdahl takes),
// so a learner can slide s until the curve meets the points.
func AmdahlExplorer(s float64, maxN int, measured []scaling.Point) (chart.Figure, error) {
	if !(s >= 0 && s <= 1) {
		return chart.Figure{}, fmt.Errorf("figure: AmdahlExplorer: serial fraction %v is outside [0, 1]; s is the share of the one-worker time that cannot run in parallel", s)
	}
	if maxN < 0 || maxN == 1 {
		return chart.Figure{}, fmt.Errorf("figure: AmdahlExplorer: maxN = %d; want 0 (automatic, 64) or at least 2", maxN)
	}
	if maxN == 0 {
		maxN = 64
	}
	top := float64(maxN)
	panel := chart.Panel{Y: chart.Axis{Name: "speedup", Unit: "×", Max: top, Integer: true}}
	sub := "Drag the slider: the curves are recomputed in the page, without the kernel."
	if measured != nil {
		fit, err := scaling.FitAmdahl(measured)
		if err != nil {
			return chart.Figure{}, fmt.Errorf("figure: AmdahlExplorer: %w", err)
		}
		top = max(top, float64(fit.MaxN))
		panel.Series = []chart.Series{measuredPoints("measured speedup", measured, 1)}
		panel.Curves = fitted(fmt.Sprintf("Amdahl fit s = %.3f", fit.Serial), explorerFitColour, fit.Speedup, float64(fit.MaxN), top)
		sub = fmt.Sprintf("Your measurements fit s = %.3f (95%% interval %.3f–%.3f). ", fit.Serial, fit.Lower, fit.Upper) + sub
		if fit.Underdetermined() {
			sub = fmt.Sprintf("⚠ One speedup with N > 1 (N = %d): s is solved from it, not fitted. ", fit.MaxN) + sub
		}
	}
	panel.X = axisTo(workersAxis, top)
	panel.Y.Max = top
	// The first curves are drawn from Go too, so the figure is right before the slider is touched.
	var ceiling []chart.XY
	if s > 0 && 1/s <= 2*top {
		ceiling = []chart.XY{{X: 1, Y: 1 / s}, {X: top, Y: 1 / s}}
	}
	panel.Curves = append(panel.Curves,
		chart.Curve{Name: "ideal S = N", Colour: "#999", Width: 1, Points: []chart.XY{{X: 1, Y: 1}, {X: top, Y: top}}},
		chart.Curve{Name: "Amdahl S(N) for the slider's s", Colour: amdahlColour, Width: 2.5, ID: "amdahl",
			F: func(n float64) float64 { return scaling.Amdahl(s, n) }, From: 1, To: top},
		chart.Curve{Name: "ceiling 1/s", Colour: amdahlColour, Style: chart.Dotted, Width: 1.5, ID: "ceiling", Points: ceiling},
		chart.Curve{Name: "Gustafson s + (1−s)N, problem grown with N", Colour: gustafsonColour, ID: "gustafson",
			F: func(n float64) float64 { return scaling.Gustafson(s, n) }, From: 1, To: top})
	fig, err := chart.Plot{Title: "Amdahl's law explorer", Subtitle: sub, Panels: []chart.Panel{panel}}.Figure()
	if err != nil {
		return chart.Figure{}, err
	}
	sliderMax := 0.5
	if s > sliderMax {
		sliderMax = 1
	}
	fig.Sliders = []chart.Slider{{Name: "s", Label: "serial fraction s", Min: 0, Max: sliderMax, Step: 0.005, Value: s}}
	fig.Script = chart.Script{Code: explorerJS, Params: map[string]float64{"maxN": top}}
	return fig, nil
}
