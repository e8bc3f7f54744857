package chart

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

func lineChart() *charts.Line {
	l := charts.NewLine()
	l.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{Height: "320px"}),
		charts.WithTitleOpts(opts.Title{Title: "time vs workers"}),
	)
	l.SetXAxis([]int{1, 2, 3}).AddSeries("time", []opts.LineData{{Value: 3.0}, {Value: 1.6}, {Value: 1.6}})
	return l
}

func barFigure(t *testing.T) Figure {
	t.Helper()
	fig, err := Bars{Title: "b", Categories: []string{"x"}, Value: Axis{Name: "v", Unit: "count"},
		Series: []BarSeries{{Name: "n", Bars: []Bar{{Value: 1}}}}}.Figure()
	if err != nil {
		t.Fatal(err)
	}
	return fig
}

func TestGoEChartsChartKeepsOptionAndHeight(t *testing.T) {
	fig, err := figureOf(lineChart())
	if err != nil {
		t.Fatal(err)
	}
	if fig.Height != 320 {
		t.Errorf("Height = %d, want 320 (from the go-echarts initialization option)", fig.Height)
	}
	if fig.Title != "time vs workers" {
		t.Errorf("Title = %q, want the go-echarts chart's own title, time vs workers", fig.Title)
	}
	if frag, err := fig.fragment(); err != nil || !strings.Contains(frag, `Interactive chart "time vs workers"`) {
		t.Errorf("fragment (error %v) does not name the chart by its title in the no-script line: %.300s", err, frag)
	}
	if untitled, _ := figureOf(charts.NewLine()); untitled.Title != "" {
		t.Errorf("a chart without a title got Title %q, want empty (the fragment says \"chart\")", untitled.Title)
	}
	opt, err := fig.Option()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"time vs workers"`, `"series"`, `"line"`} {
		if !strings.Contains(opt, want) {
			t.Errorf("option lacks %s: %s", want, opt)
		}
	}
}

func TestHTMLGivesEveryDisplayItsOwnID(t *testing.T) {
	fig := barFigure(t)
	fig.Sliders = []Slider{{Name: "s", Label: "serial fraction", Min: 0, Max: 1, Step: 0.01, Value: 0.1}}
	fig.Script = Script{Code: "slider('s');", Params: map[string]int{"n": 1}}
	a, err := fig.fragment()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := fig.fragment()
	idA := idRE.FindString(a)
	if idA == "" || idA == idRE.FindString(b) {
		t.Fatalf("ids %q and %q: want two different non-empty ids", idA, idRE.FindString(b))
	}
	for _, want := range []string{`<input type="range" id="` + idA + `-s"`, `class="parlab-noscript"`, `var id = "` + idA + `"`,
		`{"n":1}`, `class="parlab-readout"`} {
		if !strings.Contains(a, want) {
			t.Errorf("fragment lacks %s:\n%s", want, a)
		}
	}
}

func TestHTMLEscapesScriptEndAndTitle(t *testing.T) {
	fig := barFigure(t)
	fig.Title = `</script><b>"x"`
	bar := fig.Chart.(*charts.Bar)
	bar.SetGlobalOptions(charts.WithTitleOpts(opts.Title{Title: "</script><!-- x"}))
	got, err := fig.fragment()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.ToLower(got), "</script"); n != 1 {
		t.Errorf("found %d </script tags, want 1 (the fragment's own):\n%s", n, got)
	}
	if strings.Contains(got, "<!--") || strings.Contains(got, `<b>"x"`) {
		t.Errorf("an HTML comment opener or the unescaped title is in the fragment:\n%s", got)
	}
}

func TestBadInputIsASentence(t *testing.T) {
	var nilFig *Figure
	ok := barFigure(t)
	badSlider := ok
	badSlider.Sliders = []Slider{{Name: "s-1", Min: 0, Max: 1, Step: 0.1}}
	nanParams := ok
	nanParams.Script = Script{Code: ";", Params: math.NaN()}
	nanChart := charts.NewLine()
	nanChart.AddSeries("x", []opts.LineData{{Value: math.NaN()}})
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"nil", nil, "nothing to show"},
		{"nil *Figure", nilFig, "nil *Figure"},
		{"no chart", Figure{Title: "speedup"}, `figure "speedup" has no chart`},
		{"negative height", Figure{Chart: lineChart(), Height: -1}, "height -1 px"},
		{"wrong type", 42, "cannot show a int"},
		{"slider name", badSlider, `slider named "s-1"`},
		{"NaN parameter", nanParams, "encoding the script's parameters"},
		{"NaN in a go-echarts chart", nanChart, "encoding the chart's option"},
	}
	for _, tt := range tests {
		fig, err := figureOf(tt.in)
		if err == nil {
			_, err = fig.fragment()
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

// stderrOf returns what f wrote to standard error.
func stderrOf(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	f()
	os.Stderr = old
	w.Close()
	return <-done
}

func TestShowOutsideANotebookSaysWhy(t *testing.T) {
	var err error
	printed := stderrOf(t, func() { err = Show(barFigure(t)) })
	if !errors.Is(err, errNotNotebook) {
		t.Errorf("Show outside a notebook = %v, want errNotNotebook", err)
	}
	if !strings.Contains(printed, "not running in a GoNB notebook") {
		t.Errorf("Show printed %q on standard error; want the sentence", printed)
	}
	builder := errors.New("figure: the result is nil")
	printed = stderrOf(t, func() { err = Show(Figure{}, builder) })
	if err != builder || !strings.Contains(printed, "the result is nil") {
		t.Errorf("Show(fig, err) = %v and printed %q; want the builder's error back, printed", err, printed)
	}
}

func TestWritePage(t *testing.T) {
	if _, err := os.Stat(assetPath()); err != nil {
		t.Skipf("ECharts asset not installed (%v): run make setup", err)
	}
	var b bytes.Buffer
	if err := WritePage(&b, "demo <1>", lineChart(), barFigure(t)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, `class="parlab-chart"`); n != 2 {
		t.Errorf("page has %d charts, want 2", n)
	}
	for _, want := range []string{"function (define, exports, module)", "<title>demo &lt;1&gt;</title>", `data-version="` + echartsVersion + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if err := WritePage(&b, "x", Figure{}); err == nil || !strings.Contains(err.Error(), "figure 1 of 1") {
		t.Errorf("a bad figure: err = %v, want it to say which figure", err)
	}
}

func TestAssetProblemsAreExplained(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(envECharts, filepath.Join(dir, "missing.js"))
	if err := WritePage(&strings.Builder{}, "x"); err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Errorf("missing asset: err = %v, want a hint to run make setup", err)
	}
	bad := filepath.Join(dir, "echarts.min.js")
	if err := os.WriteFile(bad, []byte("var echarts = {};"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envECharts, bad)
	if err := WritePage(&strings.Builder{}, "x"); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("tampered asset: err = %v, want a checksum error", err)
	}
}
