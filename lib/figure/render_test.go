package figure

import (
	"context"
	"strings"
	"testing"
	"time"

	ct "github.com/parlab/parlab/lib/chart/charttest"
	"github.com/parlab/parlab/lib/render"
)

func renderFrame(t *testing.T, split render.Split, record bool) *render.Frame {
	t.Helper()
	m, err := render.MandelbrotRegion("half", 128)
	if err != nil {
		t.Fatal(err)
	}
	f, err := render.Render(context.Background(), m, render.Options{Width: 64, Height: 36, Workers: 3, Split: split, Tile: 8, Record: record})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestRenderPictures(t *testing.T) {
	serial := renderFrame(t, render.Blocks, false)
	f := renderFrame(t, render.Dynamic, true)
	p, err := Picture(f, serial)
	if err != nil || p.Image != f.Image || !strings.Contains(p.Title, "dynamic, 8 px tiles on 3 workers") || !strings.Contains(p.Title, "pixel for pixel") {
		t.Errorf("Picture: %q, %v", p.Title, err)
	}
	o, err := Owners(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(o.Title, "worker 0 (blue)") || !strings.Contains(o.Title, "Balance") || o.Image.Bounds() != f.Image.Bounds() {
		t.Errorf("Owners: %q, bounds %v", o.Title, o.Image.Bounds())
	}
	// Every worker's colour shows up where that worker drew.
	for _, it := range f.Items[:3] {
		c := o.Image.At(it.Rect.Min.X, it.Rect.Min.Y)
		if c == f.Image.At(it.Rect.Min.X, it.Rect.Min.Y) {
			t.Errorf("the overlay left pixel %v untinted", it.Rect.Min)
		}
	}
	if _, err := Owners(renderFrame(t, render.Cyclic, false)); err == nil || !strings.Contains(err.Error(), "Record") {
		t.Errorf("Owners of an unrecorded frame: %v; want an error naming Record", err)
	}
	if _, err := Picture(nil, nil); err == nil {
		t.Error("Picture(nil) gave no error")
	}
}

func TestTileCostsAndSimulated(t *testing.T) {
	m, _ := render.MandelbrotRegion("half", 128)
	c, err := render.Profile(context.Background(), m, 200, 100, 4, 1) // 50 × 25 tiles: merged 4 to a cell
	if err != nil {
		t.Fatal(err)
	}
	fig, err := TileCosts(c)
	if err != nil {
		t.Fatal(err)
	}
	opt := ct.OptionJSON(t, fig)
	x := ct.Axis(opt, "xAxis", 0)
	if n := len(x["data"].([]any)); n != 13 {
		t.Errorf("heat map has %d columns; want 13 (50 tiles, 4 to a cell)", n)
	}
	if got := ct.Titles(opt); !strings.Contains(got, "each cell a 16 px square: the sum of 4×4 of the 4 px tiles timed") {
		t.Errorf("titles %q do not say a cell sums 4×4 of the 4 px tiles Describe speaks of", got)
	}
	ct.Render(t, fig)
	var runs []render.Simulated
	for _, cores := range []int{2, 16} {
		for _, s := range render.Splits {
			r, err := c.Simulate(s, cores, 20*time.Nanosecond)
			if err != nil {
				t.Fatal(err)
			}
			runs = append(runs, r)
		}
	}
	sf, err := Simulated(runs)
	if err != nil {
		t.Fatal(err)
	}
	if got := ct.Titles(ct.OptionJSON(t, sf)); !strings.Contains(got, "Simulated") || !strings.Contains(got, "not a measurement") {
		t.Errorf("titles %q do not say it is simulated", got)
	}
	ct.Render(t, sf)
	if _, err := TileCosts(nil); err == nil {
		t.Error("TileCosts(nil) gave no error")
	}
	if _, err := Simulated(nil); err == nil {
		t.Error("Simulated(nil) gave no error")
	}
}

func TestTileSweepFigure(t *testing.T) {
	m, _ := render.MandelbrotRegion("half", 64)
	res, err := render.TileSweep{Scene: m, Width: 64, Height: 36, Workers: 2, Tiles: []int{1, 8, 64}, Rounds: 6}.Measure(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := TileSweep(res)
	if err != nil {
		t.Fatal(err)
	}
	if x := ct.Axis(ct.OptionJSON(t, fig), "xAxis", 0); x["type"] != "log" {
		t.Errorf("x axis %v; want a log axis of tile sides", x)
	}
	ct.Render(t, fig)
	if _, err := TileSweep(nil); err == nil {
		t.Error("TileSweep(nil) gave no error")
	}
}
