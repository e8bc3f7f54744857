package chart

import (
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

func TestFromEChartsKeepsOptionAndHeight(t *testing.T) {
	fig, err := FromECharts(lineChart())
	if err != nil {
		t.Fatal(err)
	}
	if fig.Height != 320 {
		t.Errorf("Height = %d, want 320 (from the go-echarts initialization option)", fig.Height)
	}
	for _, want := range []string{`"time vs workers"`, `"series"`, `"line"`} {
		if !strings.Contains(fig.Option, want) {
			t.Errorf("Option lacks %s: %s", want, fig.Option)
		}
	}
}

func TestHTMLGivesEveryDisplayItsOwnID(t *testing.T) {
	fig := Figure{Title: "t", Option: `{series: []}`, Controls: `<input id="{{id}}-s">`, Script: `document.getElementById(id + "-s");`}
	a, err := HTML(fig)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := HTML(fig)
	idA := idRE.FindString(a)
	if idA == "" || idA == idRE.FindString(b) {
		t.Fatalf("ids %q and %q: want two different non-empty ids", idA, idRE.FindString(b))
	}
	if strings.Contains(a, "{{") {
		t.Errorf("placeholder left in output:\n%s", a)
	}
	if !strings.Contains(a, `<input id="`+idA+`-s">`) {
		t.Errorf("Controls' {{id}} was not replaced by %s:\n%s", idA, a)
	}
	if !strings.Contains(a, `class="parlab-noscript"`) {
		t.Errorf("no text for viewers without scripts:\n%s", a)
	}
}

func TestHTMLEscapesScriptEndInOption(t *testing.T) {
	got, err := HTML(Figure{Option: `{title: {text: "</script><b>x"}}`})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(strings.ToLower(got), "</script"); n != 1 {
		t.Errorf("found %d </script tags, want 1 (the fragment's own):\n%s", n, got)
	}
}

func TestBadInputIsASentence(t *testing.T) {
	var nilFig *Figure
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"nil", nil, "nothing to show"},
		{"nil *Figure", nilFig, "nil *Figure"},
		{"empty option", Figure{Title: "speedup"}, `figure "speedup" has an empty option`},
		{"negative height", Figure{Option: "{}", Height: -1}, "height -1 px"},
		{"wrong type", 42, "cannot show a int"},
	}
	for _, tt := range tests {
		_, err := HTML(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: HTML error = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
}

func TestShowReportsBuilderError(t *testing.T) {
	err := Show(Figure{}, os.ErrNotExist)
	if err != os.ErrNotExist {
		t.Errorf("Show(fig, err) = %v, want the builder's error back", err)
	}
	if err := Show(Figure{Option: "{}"}); err != ErrNotNotebook {
		t.Errorf("Show outside a notebook = %v, want ErrNotNotebook", err)
	}
}

func TestWritePage(t *testing.T) {
	if _, err := os.Stat(AssetPath()); err != nil {
		t.Skipf("ECharts asset not installed (%v): run make setup", err)
	}
	var b strings.Builder
	if err := WritePage(&b, "demo", lineChart(), Figure{Option: "{}"}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if n := strings.Count(page, `class="parlab-chart"`); n != 2 {
		t.Errorf("page has %d charts, want 2", n)
	}
	if !strings.Contains(page, "function (define, exports, module)") {
		t.Error("library is not wrapped to shadow RequireJS's define")
	}
}

func TestAssetProblemsAreExplained(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvECharts, filepath.Join(dir, "missing.js"))
	if err := WritePage(&strings.Builder{}, "x"); err == nil || !strings.Contains(err.Error(), "make setup") {
		t.Errorf("missing asset: err = %v, want a hint to run make setup", err)
	}
	bad := filepath.Join(dir, "echarts.min.js")
	os.WriteFile(bad, []byte("var echarts = {};"), 0o644)
	t.Setenv(EnvECharts, bad)
	if err := WritePage(&strings.Builder{}, "x"); err == nil || !strings.Contains(err.Error(), "checksum") {
		t.Errorf("tampered asset: err = %v, want a checksum error", err)
	}
}
