package chart_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/chart"
	ct "github.com/parlab/parlab/lib/chart/charttest"
)

func TestHeatMap(t *testing.T) {
	h := chart.HeatMap{
		Title:   "speedup",
		X:       chart.Axis{Name: "workers", Unit: "goroutines"},
		Y:       chart.Axis{Name: "GOMAXPROCS", Unit: "Ps"},
		XLabels: []string{"1", "2", "4"}, YLabels: []string{"1", "2"},
		Values: [][]float64{{1, 1, 1}, {1, 1.9, math.NaN()}},
		Notes:  [][]string{{"", "", ""}, {"", "95% interval 1.8 – 2×", ""}},
		Value:  chart.Axis{Name: "speedup", Unit: "×"},
	}
	fig, err := h.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	if got := ct.Axis(m, "xAxis", 0)["data"].([]any); len(got) != 3 || got[2] != "4" {
		t.Errorf("x categories %v; want the labels 1, 2, 4", got)
	}
	data := ct.Series(m, "heatmap")[0]["data"].([]any)
	if len(data) != 5 {
		t.Errorf("%d cells; want 5 (the NaN cell left empty)", len(data))
	}
	vm := m["visualMap"].([]any)[0].(map[string]any)
	if vm["min"] != nil || math.Abs(vm["max"].(float64)-1.9) > 1e-6 {
		t.Errorf("colour scale %v – %v; want 0 (left out: ECharts' default) – 1.9", vm["min"], vm["max"])
	}
	r := ct.Eval(t, fig, "")
	if !strings.Contains(strings.Join(r.Tips, "|"), "1 goroutine, 1 Ps: <b>1×</b>") {
		t.Errorf("tooltips %q", r.Tips)
	}
	ct.Render(t, fig)

	h.Values[1][1] = math.Inf(1)
	if _, err := h.Figure(); err == nil || !strings.Contains(err.Error(), "cell (2, 2) is +Inf") {
		t.Errorf("an infinite cell: err = %v", err)
	}
	h.Values = h.Values[:1]
	if _, err := h.Figure(); err == nil || !strings.Contains(err.Error(), "1 rows of values for 2 y categories") {
		t.Errorf("missing row: err = %v", err)
	}
}

func TestBoxPlot(t *testing.T) {
	b := chart.BoxPlot{
		Title: "trials", Categories: []string{"1", "2"},
		CategoryAxis: chart.Axis{Name: "workers", Unit: "goroutines"},
		Value:        chart.Axis{Name: "time per run", Unit: "ms"},
		Groups: []chart.BoxGroup{{Name: "GOMAXPROCS=2", Samples: [][]float64{
			{1, 2, 3, 4, 5, 6, 7, 8, 9, 100}, // 100 is far beyond the box: an outlier
			{5},
		}}},
	}
	fig, err := b.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	box := ct.Series(m, "boxplot")[0]["data"].([]any)[0].(map[string]any)["value"].([]any)
	// Type-7 quartiles of 1…9, 100: 3.25, 5.5, 7.75; the whiskers reach 1 and 9 (within 1.5 box lengths).
	want := []float64{1, 3.25, 5.5, 7.75, 9}
	for i, w := range want {
		if box[i].(float64) != w {
			t.Errorf("box %v; want %v", box, want)
			break
		}
	}
	out := ct.Series(m, "scatter")
	if len(out) != 1 || len(out[0]["data"].([]any)) != 1 {
		t.Errorf("outliers %v; want the one sample of 100", out)
	}
	ct.Render(t, fig)
	b.Value.Log = 10
	if _, err := b.Figure(); err == nil || !strings.Contains(err.Error(), "logarithmic") {
		t.Errorf("log axis: err = %v", err)
	}
}

func TestTreeMap(t *testing.T) {
	tm := chart.TreeMap{Title: "profile", Unit: "ms of CPU", Nodes: []chart.TreeNode{
		{Name: "main", Children: []chart.TreeNode{{Name: "spin", Value: 300}, {Name: "sum", Value: 120}}},
		{Name: "runtime", Value: 80},
		{Name: "idle", Value: 0},
	}}
	fig, err := tm.Figure()
	if err != nil {
		t.Fatal(err)
	}
	m := ct.OptionJSON(t, fig)
	nodes := ct.Series(m, "treemap")[0]["data"].([]any)
	if len(nodes) != 2 || nodes[0].(map[string]any)["value"] != 420.0 {
		t.Errorf("nodes %v; want main (420, the sum of its children) and runtime; idle left out", nodes)
	}
	ct.Render(t, fig)
	for _, tt := range []struct {
		tm   chart.TreeMap
		want string
	}{
		{chart.TreeMap{Title: "x", Nodes: tm.Nodes}, "has no unit"},
		{chart.TreeMap{Title: "x", Unit: "ms"}, "is empty"},
		{chart.TreeMap{Title: "x", Unit: "ms", Nodes: []chart.TreeNode{{Name: "a", Value: -1}}}, `node "a" has the value -1`},
		{chart.TreeMap{Title: "x", Unit: "ms", Nodes: []chart.TreeNode{{Name: "a", Value: 1, Children: []chart.TreeNode{{Name: "b", Value: 2}}}}}, "less than its children's 2"},
	} {
		if _, err := tt.tm.Figure(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v; want it to contain %q", err, tt.want)
		}
	}
}

func TestPictureIsAnEmbeddedPNG(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{200, 10, 10, 255})
	var page bytes.Buffer
	err := chart.WritePage(&page, "p", chart.Picture{Title: `a "red" <dot>`, Image: img, Width: 300, Pixelated: true})
	if err != nil {
		if strings.Contains(err.Error(), "is not installed") {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	s := page.String()
	m := regexp.MustCompile(`src="data:image/png;base64,([^"]+)"`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no embedded PNG in the page")
	}
	raw, err := base64.StdEncoding.DecodeString(m[1])
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if r, _, _, _ := got.At(1, 1).RGBA(); r>>8 != 200 || got.Bounds() != img.Bounds() {
		t.Errorf("decoded %v with (1,1) red %d; want the same image", got.Bounds(), r>>8)
	}
	for _, want := range []string{`alt="a &#34;red&#34; &lt;dot&gt;"`, "image-rendering:pixelated", "width:300px"} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if err := chart.WritePage(&page, "p", chart.Picture{Title: "none"}); err == nil || !strings.Contains(err.Error(), "has no image") {
		t.Errorf("no image: err = %v", err)
	}
}
