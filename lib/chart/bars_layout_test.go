package chart_test

import (
	"math"
	"regexp"
	"strconv"
	"testing"

	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
)

// In ECharts' SVG (server-side rendering) a bar is a closed path "M x y l w 0 l 0 h l -w 0 Z", a whisker
// line "M x1 y1 L x2 y2" (the stem first, then the two caps), a label a text translated to its anchor;
// each carries its series' and datum's index.
var (
	barRE   = regexp.MustCompile(`<path d="M([-\d.]+) ([-\d.]+)l([-\d.]+) 0l0 ([-\d.]+)l[-\d.]+ 0Z" fill="#[0-9a-f]+" ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)" ecmeta_ssr_type="chart"`)
	lineRE  = regexp.MustCompile(`<path d="M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)" fill="#000" stroke="#333"[^>]*ecmeta_series_index="(\d+)" ecmeta_data_index="(\d+)"`)
	labelRE = regexp.MustCompile(`transform="translate\(([-\d.]+) ([-\d.]+)\)" fill="#222">([^<]+)<`)
)

// TestBarsWhiskersSitOnTheirOwnBars draws two series side by side with ECharts itself, both orientations,
// and checks that each bar's whisker and label lie on that bar's centre line, not on the category's
// (where they fell between the two bars, the second series' label hidden behind the first's bar).
func TestBarsWhiskersSitOnTheirOwnBars(t *testing.T) {
	for _, horizontal := range []bool{false, true} {
		fig, err := chart.Bars{Title: "two series", Categories: []string{"0", "8"}, Horizontal: horizontal,
			Value: chart.Axis{Name: "throughput", Unit: "items/s"},
			Series: []chart.BarSeries{
				{Name: "steady", Bars: []chart.Bar{{Value: 854, Low: 820, High: 880, Label: "854"}, {Value: 882, Low: 870, High: 890, Label: "882"}}},
				{Name: "bursty", Bars: []chart.Bar{{Value: 476, Low: 466, High: 480, Label: "476"}, {Value: 680, Low: 670, High: 690, Label: "680"}}},
			}}.Figure()
		if err != nil {
			t.Fatal(err)
		}
		svg := ct.Render(t, fig)
		num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
		// centre[series][datum]: the bar's centre across the category axis, and its half width.
		type span struct{ mid, half float64 }
		centre := map[[2]string]span{}
		for _, m := range barRE.FindAllStringSubmatch(svg, -1) {
			x, y, w, h := num(m[1]), num(m[2]), num(m[3]), num(m[4])
			if horizontal {
				centre[[2]string{m[5], m[6]}] = span{y + h/2, math.Abs(h) / 2}
			} else {
				centre[[2]string{m[5], m[6]}] = span{x + w/2, math.Abs(w) / 2}
			}
		}
		if len(centre) != 4 {
			t.Fatalf("horizontal %v: found %d bars in the SVG; want 4", horizontal, len(centre))
		}
		stems := map[[2]string]float64{} // the whisker's stem, across the category axis
		for _, m := range lineRE.FindAllStringSubmatch(svg, -1) {
			k := [2]string{m[5], m[6]}
			if _, ok := stems[k]; ok {
				continue // a cap
			}
			if horizontal {
				stems[k] = num(m[2])
			} else {
				stems[k] = num(m[1])
			}
		}
		labels := map[string]float64{}
		for _, m := range labelRE.FindAllStringSubmatch(svg, -1) {
			if horizontal {
				labels[m[3]] = num(m[2])
			} else {
				labels[m[3]] = num(m[1])
			}
		}
		// The ends series come after the two bar series: series 2 carries series 0's ends, 3 series 1's.
		for s, series := range []string{"0", "1"} {
			ends := strconv.Itoa(s + 2)
			for d, datum := range []string{"0", "1"} {
				bar := centre[[2]string{series, datum}]
				stem, ok := stems[[2]string{ends, datum}]
				if !ok || math.Abs(stem-bar.mid) > 1 {
					t.Errorf("horizontal %v, series %s, category %d: whisker at %.1f (found %v); want on its bar's centre %.1f (±%.1f)",
						horizontal, series, d, stem, ok, bar.mid, bar.half)
				}
				text := []string{"854", "882", "476", "680"}[2*s+d]
				if got, ok := labels[text]; !ok || math.Abs(got-bar.mid) > 1 {
					t.Errorf("horizontal %v: label %q at %.1f (found %v); want on its bar's centre %.1f", horizontal, text, got, ok, bar.mid)
				}
			}
		}
	}
}
