package figure

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/chart"
	"github.com/parlab/parlab/lib/render"
)

// workerColours are the colours Owners paints the workers in (ECharts' palette), with names for the
// caption.
var workerColours = []struct {
	name string
	c    color.RGBA
}{
	{"blue", color.RGBA{0x54, 0x70, 0xc6, 255}}, {"green", color.RGBA{0x91, 0xcc, 0x75, 255}},
	{"yellow", color.RGBA{0xfa, 0xc8, 0x58, 255}}, {"red", color.RGBA{0xee, 0x66, 0x66, 255}},
	{"sky blue", color.RGBA{0x73, 0xc0, 0xde, 255}}, {"dark green", color.RGBA{0x3b, 0xa2, 0x72, 255}},
	{"orange", color.RGBA{0xfc, 0x84, 0x52, 255}}, {"purple", color.RGBA{0x9a, 0x60, 0xb4, 255}},
	{"pink", color.RGBA{0xea, 0x7c, 0xcc, 255}},
}

// Picture shows a rendered frame as it is, captioned with what it is and how long it took; with base (a
// serial render of the same image, or nil) the caption adds the speedup. One render each: a single
// timing, to be read as such (sweeps measure properly).
func Picture(f *render.Frame, base *render.Frame) (chart.Picture, error) {
	if f == nil || f.Image == nil {
		return chart.Picture{}, errors.New("figure: the frame is nil: render one with render.Render")
	}
	o := f.Options
	how := fmt.Sprintf("%s on %d %s", splitName(o), o.Workers, plural1(o.Workers, "worker", "workers"))
	caption := fmt.Sprintf("%s, %d×%d px — %s: %v", f.Scene, o.Width, o.Height, how, roundDur(f.Elapsed))
	if base != nil && base.Elapsed > 0 && f.Elapsed > 0 {
		caption += fmt.Sprintf(", %.2f× as fast as one goroutine (%v)", float64(base.Elapsed)/float64(f.Elapsed), roundDur(base.Elapsed))
		if base.Checksum == f.Checksum {
			caption += "; the same image, pixel for pixel"
		} else {
			caption += "; ⚠ NOT the same image as the serial one"
		}
	}
	return chart.Picture{Title: caption + ". (One run each.)", Image: f.Image, Width: min(o.Width, 900)}, nil
}

// splitName is "blocks", "cyclic" or "dynamic, 32 px tiles".
func splitName(o render.Options) string {
	if o.Split == render.Dynamic {
		return fmt.Sprintf("dynamic, %d px tiles", o.Tile)
	}
	return o.Split.String()
}

// Owners shows who drew what: the frame's image with every piece of work tinted in its worker's colour
// (the colours repeat after nine workers), captioned with each worker's share of the pixels and of the
// work. The frame must have been rendered with Options.Record.
func Owners(f *render.Frame) (chart.Picture, error) {
	if f == nil || f.Image == nil {
		return chart.Picture{}, errors.New("figure: the frame is nil: render one with render.Render")
	}
	if len(f.Items) == 0 {
		return chart.Picture{}, errors.New("figure: the frame has no record of who drew what: render it with Options.Record = true")
	}
	src := f.Image
	img := image.NewRGBA(src.Rect)
	for _, it := range f.Items {
		wc := workerColours[it.Worker%len(workerColours)].c
		for y := it.Rect.Min.Y; y < it.Rect.Max.Y; y++ {
			for x := it.Rect.Min.X; x < it.Rect.Max.X; x++ {
				c := src.RGBAAt(x, y)
				// Half the picture (as grey, so the worker's colour reads), half the worker's colour.
				g := (uint16(c.R)*3 + uint16(c.G)*6 + uint16(c.B)) / 10
				edge := f.Options.Split == render.Dynamic && (x == it.Rect.Min.X || y == it.Rect.Min.Y)
				k := uint16(55)
				if edge {
					k = 85
				}
				mix := func(a uint8) uint8 { return uint8((uint16(a)*k + g*(100-k)) / 100) }
				img.SetRGBA(x, y, color.RGBA{mix(wc.R), mix(wc.G), mix(wc.B), 255})
			}
		}
	}
	total, pixels := f.TotalWork(), f.Options.Width*f.Options.Height
	var parts []string
	for k := range f.Work {
		if k == len(workerColours) {
			parts = append(parts, "… (the colours repeat)")
			break
		}
		work := 0.0
		if total > 0 {
			work = 100 * float64(f.Work[k]) / float64(total)
		}
		parts = append(parts, fmt.Sprintf("worker %d (%s) %.0f%% of the pixels, %.0f%% of the %ss",
			k, workerColours[k].name, 100*float64(f.Pixels[k])/float64(pixels), work, f.Unit))
	}
	on := fmt.Sprintf("%d workers", f.Options.Workers)
	if f.Options.Workers == 1 {
		on = "1 worker"
	}
	caption := fmt.Sprintf("Who drew what — %s on %s: %s. Balance (most work ÷ average): %.2f.",
		splitName(f.Options), on, strings.Join(parts, "; "), f.Balance())
	return chart.Picture{Title: caption, Image: img, Width: min(f.Options.Width, 900)}, nil
}

// TileCosts draws the measured time of every tile as a heat map laid out like the image (tiles merged
// into at most 16 columns so that each cell stays readable; a cell's tooltip gives its work too).
func TileCosts(c *render.Costs) (chart.Figure, error) {
	if c == nil || len(c.Time) == 0 {
		return chart.Figure{}, errors.New("figure: no tile costs to draw: measure them with render.Profile")
	}
	k := max(1, (c.Cols+15)/16) // tiles merged per cell, across and down
	cols, rows := (c.Cols+k-1)/k, (c.Rows+k-1)/k
	val := make([][]float64, rows)
	work := make([][]int64, rows)
	for r := range val {
		val[r] = make([]float64, cols)
		work[r] = make([]int64, cols)
	}
	var top time.Duration
	cell := make([][]time.Duration, rows)
	for r := range cell {
		cell[r] = make([]time.Duration, cols)
	}
	for i, d := range c.Time {
		r, q := (i/c.Cols)/k, (i%c.Cols)/k
		cell[r][q] += d
		work[r][q] += c.Work[i]
	}
	for r := range cell {
		for q := range cell[r] {
			top = max(top, cell[r][q])
		}
	}
	unit, per := chart.TimeUnit(top)
	if top < 20*time.Millisecond {
		unit, per = "µs", time.Microsecond // whole numbers of µs read better in the cells than 0.00705 ms
	}
	notes := make([][]string, rows)
	for r := range cell {
		notes[r] = make([]string, cols)
		for q := range cell[r] {
			val[r][q] = math.Round(float64(cell[r][q])/float64(per)*10) / 10
			notes[r][q] = fmt.Sprintf("%d %ss", work[r][q], c.Unit)
		}
	}
	side := c.Tile * k
	xl, yl := make([]string, cols), make([]string, rows)
	for q := range xl {
		xl[q] = fmt.Sprint(q * side)
	}
	for r := range yl {
		yl[r] = fmt.Sprint(r * side)
	}
	// The heat map's y axis grows upwards; the image's rows go down: list the rows bottom first, so that
	// the top of the chart is the top of the image.
	for i, j := 0, rows-1; i < j; i, j = i+1, j-1 {
		yl[i], yl[j] = yl[j], yl[i]
		val[i], val[j] = val[j], val[i]
		notes[i], notes[j] = notes[j], notes[i]
	}
	what := fmt.Sprintf("each cell one %d px tile as timed", c.Tile)
	if k > 1 {
		what = fmt.Sprintf("each cell a %d px square: the sum of %d×%d of the %d px tiles timed", side, k, k, c.Tile)
	}
	return chart.HeatMap{
		Title: "Time per tile, drawn on one goroutine",
		Subtitle: fmt.Sprintf("%s, %d×%d px · %s (its top-left pixel on the axes) · fastest of %d %s · the whole image %v",
			c.Scene, c.Width, c.Height, what, c.Passes, plural1(c.Passes, "pass", "passes"), roundDur(c.Total())),
		X: chart.Axis{Name: "x", Unit: "px"}, Y: chart.Axis{Name: "y, down from the top", Unit: "px"},
		XLabels: xl, YLabels: yl, Values: val, Notes: notes,
		Value: chart.Axis{Name: "time", Unit: unit},
	}.Figure()
}

// TileSweep draws the median time of the dynamic split against the tile side (log scale), with each
// median's 95% interval, and the serial render as a dashed line.
func TileSweep(r *render.TileTimes) (chart.Figure, error) {
	if r == nil || len(r.Median) == 0 {
		return chart.Figure{}, errors.New("figure: the tile sweep is nil or empty: run render.TileSweep{…}.Measure")
	}
	var top time.Duration
	for i := range r.Median {
		top = max(top, r.Median[i], r.High[i])
	}
	top = max(top, r.SerialMedian)
	unit, per := chart.TimeUnit(top)
	ms := func(d time.Duration) float64 { return float64(d) / float64(per) }
	s := chart.Series{Name: fmt.Sprintf("dynamic on %d workers", r.Workers)}
	for i, t := range r.Tiles {
		if r.Median[i] <= 0 {
			continue
		}
		p := chart.Point{X: float64(t), Y: ms(r.Median[i]), Low: ms(r.Low[i]), High: ms(r.High[i]),
			Note: fmt.Sprintf("%d tiles · %d rounds", r.Pieces[i], len(r.Times[i]))}
		for _, d := range r.Times[i] {
			p.Samples = append(p.Samples, ms(d))
		}
		s.Points = append(s.Points, p)
	}
	if len(s.Points) == 0 {
		return chart.Figure{}, errors.New("figure: the tile sweep has no finished round to draw")
	}
	panel := chart.Panel{
		X:      chart.Axis{Name: "tile side", Unit: "px", Log: 2},
		Y:      chart.Axis{Name: "median time per render", Unit: unit},
		Series: []chart.Series{s},
	}
	if r.SerialMedian > 0 {
		panel.Curves = []chart.Curve{{Name: "one goroutine, no tiles", Colour: "#888", Style: chart.Dashed, Width: 1.5,
			Points: []chart.XY{{X: float64(r.Tiles[0]), Y: ms(r.SerialMedian)}, {X: float64(r.Tiles[len(r.Tiles)-1]), Y: ms(r.SerialMedian)}}}}
	}
	var warn []string
	if r.Partial {
		warn = append(warn, "Interrupted: some sizes have fewer rounds than asked.")
	}
	return chart.Plot{Title: "Tile size: overhead on the left, imbalance on the right",
		Subtitle: fmt.Sprintf("%s, %d×%d px · %s", r.Scene, r.Width, r.Height, envLine(r.Env)),
		Warnings: warn, Panels: []chart.Panel{panel}}.Figure()
}

// Simulated draws the speedup of each split on each number of simulated cores as bars (labelled as a
// simulation: a model fed with measured tile costs, not a measurement), each bar labelled with its
// speedup and the busiest and idlest core's share of the time.
func Simulated(runs []render.Simulated) (chart.Figure, error) {
	if len(runs) == 0 {
		return chart.Figure{}, errors.New("figure: no simulations to draw: run Costs.Simulate first")
	}
	var cats []string
	catIndex := map[int]int{}
	var splits []render.Split
	for _, s := range runs {
		if _, ok := catIndex[s.Cores]; !ok {
			catIndex[s.Cores] = len(cats)
			cats = append(cats, fmt.Sprintf("%d cores", s.Cores))
		}
		seen := false
		for _, x := range splits {
			seen = seen || x == s.Split
		}
		if !seen {
			splits = append(splits, s.Split)
		}
	}
	var series []chart.BarSeries
	for _, sp := range splits {
		bs := chart.BarSeries{Name: sp.String()}
		bs.Bars = make([]chart.Bar, len(cats))
		for i := range bs.Bars {
			bs.Bars[i].Skip = true
		}
		for _, s := range runs {
			if s.Split != sp {
				continue
			}
			// No Label: labels are centred on the category and would collide between the splits.
			bs.Bars[catIndex[s.Cores]] = chart.Bar{Value: round2(s.Speedup),
				Note: fmt.Sprintf("%.1f× · makespan %v; busiest core %.0f%% busy, idlest %.0f%%", s.Speedup, roundDur(s.Makespan), 100*s.Busiest, 100*s.Idlest)}
		}
		series = append(series, bs)
	}
	return chart.Bars{Title: "Simulated: the splits on more cores",
		Subtitle:   "A model, not a measurement: each core draws the tiles it is given, each tile taking the time measured for it on this machine",
		Categories: cats, CategoryAxis: "simulated cores",
		Value:  chart.Axis{Name: "speedup over one core", Unit: "×"},
		Series: series}.Figure()
}

func round2(v float64) float64 { return math.Round(100*v) / 100 }

func roundDur(d time.Duration) time.Duration {
	switch {
	case d >= 100*time.Millisecond:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(100 * time.Nanosecond)
}

func plural1(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Crops shows the same w×h window, from the centre of two images of the same size, side by side and
// enlarged with sharp pixels to fit 900 px: an image before and after a filter, say. The title is the
// caption.
func Crops(title string, before, after *image.RGBA, w, h int) (chart.Picture, error) {
	if before == nil || after == nil {
		return chart.Picture{}, errors.New("figure: Crops needs two images")
	}
	if before.Rect.Size() != after.Rect.Size() {
		return chart.Picture{}, fmt.Errorf("figure: Crops was given images of %v and %v pixels; want the same size", before.Rect.Size(), after.Rect.Size())
	}
	w, h = min(w, before.Rect.Dx()), min(h, before.Rect.Dy())
	if w < 1 || h < 1 {
		return chart.Picture{}, fmt.Errorf("figure: Crops was asked for a %d×%d window; want at least 1×1", w, h)
	}
	x0 := before.Rect.Min.X + (before.Rect.Dx()-w)/2
	y0 := before.Rect.Min.Y + (before.Rect.Dy()-h)/2
	const gap = 8
	out := image.NewRGBA(image.Rect(0, 0, 2*w+gap, h))
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	for y := range h {
		for x := range w {
			out.SetRGBA(x, y, before.RGBAAt(x0+x, y0+y))
			out.SetRGBA(w+gap+x, y, after.RGBAAt(after.Rect.Min.X+x0-before.Rect.Min.X+x, after.Rect.Min.Y+y0-before.Rect.Min.Y+y))
		}
	}
	return chart.Picture{Title: title, Image: out, Width: min(900, max(2*w+gap, 900/(2*w+gap)*(2*w+gap))), Pixelated: true}, nil
}
