package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Number formats a measured or computed value for a label or tooltip: whole numbers from 1000 up
// (7060), else three significant digits (47.8, 0.169), ∞ for +Inf.
func Number(x float64) string {
	switch {
	case math.IsInf(x, 1):
		return "∞"
	case math.IsNaN(x) || math.IsInf(x, -1):
		return fmt.Sprint(x)
	case math.Abs(x) >= 1000 && math.Abs(x) < 1e15:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case x == math.Trunc(x) && math.Abs(x) < 1000:
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}

// WithUnit writes a value and its unit: "1.9×" and "85%" without a space, "12.3 ms" with one, and a
// count of one in the singular ("1 goroutine").
func WithUnit(v float64, unit string) string {
	if v == 1 && len(unit) > 3 && strings.HasSuffix(unit, "s") && strings.IndexFunc(unit, func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	}) < 0 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return Number(v) + unitSuffix(unit)
}

func unitSuffix(unit string) string {
	switch {
	case unit == "":
		return ""
	case unit == "×" || unit == "%" || strings.HasPrefix(unit, "×") || strings.HasPrefix(unit, "%"):
		return unit
	}
	return " " + unit
}

// TimeUnit picks ns, µs, ms, s or min for durations up to top, so that top reads as a number from 1 to
// 999 (or more minutes), and returns it with the duration of one unit: value = float64(d) / float64(per).
func TimeUnit(top time.Duration) (unit string, per time.Duration) {
	switch {
	case top >= 10*time.Minute:
		return "min", time.Minute
	case top >= time.Second:
		return "s", time.Second
	case top >= time.Millisecond:
		return "ms", time.Millisecond
	case top >= time.Microsecond:
		return "µs", time.Microsecond
	}
	return "ns", time.Nanosecond
}

// Nice rounds x up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten: an axis maximum that
// reads well. It returns 1 for x ≤ 0 and for non-finite x.
func Nice(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// round6 keeps six significant digits, so the option stays short: 1.8181818181818181 is sent as 1.81818.
func round6(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64) // always parses: it was formatted so
	return v
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// wrap breaks text into lines of at most width characters at spaces; "\n" in text starts a new line.
func wrap(text string, width int) []string {
	if text == "" {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(text, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
	}
	return lines
}

// tickInterval returns a tick interval that divides an integer axis maximum into 4 to 8 whole steps, so
// that the last label is a regular tick and does not crowd the one before it.
func tickInterval(top float64) (float64, bool) {
	if top != math.Trunc(top) || top < 2 || top > 1e6 {
		return 0, false
	}
	for c := math.Ceil(top / 8); c <= top/4; c++ {
		if math.Mod(top, c) == 0 {
			return c, true
		}
	}
	return 0, false
}

// px formats a length in pixels for go-echarts' string-typed positions.
func px(n int) string { return strconv.Itoa(n) }

// pct formats a percentage of the chart's width or height.
func pct(p float64) string { return strconv.FormatFloat(p, 'f', 1, 64) + "%" }

// palette is ECharts 5's default colour list (and go-echarts'), so a whisker or a band can take its
// series' colour.
var palette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// Colour returns the i-th colour of the palette (cycling), for adapters that colour by position.
func Colour(i int) string { return palette[((i%len(palette))+len(palette))%len(palette)] }
