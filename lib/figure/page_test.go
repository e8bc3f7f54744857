package figure

import (
	"slices"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/chart/charttest"
)

// TestEveryFigureRunsInAPage evaluates every adapter's figure with parlab's runtime (in node): every
// renderItem draws, every tooltip has text.
func TestEveryFigureRunsInAPage(t *testing.T) {
	figs := everyFigure(t)
	names := make([]string, 0, len(figs))
	for n := range figs {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			r := charttest.Eval(t, figs[name], "")
			if r.Option == nil {
				t.Fatal("no option was set")
			}
			if len(r.Tips) == 0 {
				t.Error("no tooltip")
			}
			for _, tip := range r.Tips {
				if strings.TrimSpace(tip) == "" || strings.Contains(tip, "undefined") || strings.Contains(tip, "NaN") {
					t.Errorf("tooltip %q", tip)
				}
			}
		})
	}
}

// TestEveryFigureDrawsWithECharts draws every adapter's figure with ECharts itself, server-side in node:
// every option is one ECharts accepts, and every renderItem draws shapes.
func TestEveryFigureDrawsWithECharts(t *testing.T) {
	figs := everyFigure(t)
	for name, fig := range figs {
		svg := charttest.Render(t, fig)
		if n := strings.Count(svg, "<path"); n < 10 {
			t.Errorf("%s: the SVG has %d paths; want a drawn chart", name, n)
		}
	}
}
