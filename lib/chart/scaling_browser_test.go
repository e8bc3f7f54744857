package chart

import (
	"context"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestScalingChartsInBrowser writes the scaling charts to one standalone page (as an exported notebook
// would hold them), opens it in headless Chromium, checks that every chart drew, and moves the Amdahl
// explorer's slider: the curve must be recomputed in the page, with no kernel behind it.
func TestScalingChartsInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium installed")
	}
	if _, err := os.Stat(AssetPath()); err != nil {
		t.Skipf("ECharts is not installed (%v): run make setup", err)
	}
	explorer, err := AmdahlExplorer(0.1, 32, scalSpeedups())
	if err != nil {
		t.Fatal(err)
	}
	var figs []any
	figs = append(figs, explorer)
	for _, f := range []func() (Figure, error){
		func() (Figure, error) { return ScalingSpeedup(scalTwoCores(), ScalingOptions{USL: true}) },
		func() (Figure, error) { return USL(scalThroughputs(1, 2, 4, 8), "requests/s", 0) },
		func() (Figure, error) { return GustafsonAmdahl([]float64{0.05, 0.25}, 0) },
	} {
		fig, err := f()
		if err != nil {
			t.Fatal(err)
		}
		figs = append(figs, fig)
	}
	page := filepath.Join(t.TempDir(), "scaling.html")
	out, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePage(out, "scaling laws", figs...); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(browser), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1000, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, time.Minute)
	defer cancelT()
	if _, err := chromedp.Run(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String())); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	type state struct {
		Charts, Canvases, Noscript int
		Before, After              float64
		Out                        string
	}
	// Each figure is a .parlab-figure; the explorer is the first. Its Amdahl series has id "amdahl".
	const js = `(function () {
  var figs = document.querySelectorAll('.parlab-figure'), s = {Charts: figs.length, Canvases: 0,
    Noscript: document.querySelectorAll('.parlab-noscript').length};
  figs.forEach(function (f) { s.Canvases += f.querySelectorAll('canvas').length > 0 ? 1 : 0; });
  var chart = echarts.getInstanceByDom(figs[0].querySelector('.parlab-chart'));
  var last = function () {
    var a = chart.getOption().series.filter(function (x) { return x.id === 'amdahl'; })[0].data;
    return a[a.length - 1][1];
  };
  s.Before = last();
  var input = figs[0].querySelector('input[type=range]');
  input.value = '0.25';
  input.dispatchEvent(new Event('input'));
  s.After = last();
  s.Out = figs[0].querySelector('output').textContent;
  return s;
})()`
	var s state
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		s, err = chromedp.Run(ctx, chromedp.Evaluate[state](js))
		if (err == nil && s.Canvases == len(figs)) || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("evaluating the page: %v", err)
	}
	t.Logf("page state: %+v", s)
	if s.Charts != len(figs) || s.Canvases != len(figs) || s.Noscript != 0 {
		t.Errorf("%d figures, %d drawn, %d 'scripts did not run' notes; want %d, %d, 0", s.Charts, s.Canvases, s.Noscript, len(figs), len(figs))
	}
	if want := 1 / (0.1 + 0.9/32); math.Abs(s.Before-want) > 1e-9 {
		t.Errorf("explorer before the slider moved: S(32) = %v, want %v (s = 0.1)", s.Before, want)
	}
	if want := 1 / (0.25 + 0.75/32); math.Abs(s.After-want) > 1e-9 {
		t.Errorf("explorer after the slider moved to 0.25: S(32) = %v, want %v", s.After, want)
	}
	if s.Out == "" || s.Out[:9] != "s = 0.250" {
		t.Errorf("explorer readout %q; want it to start with s = 0.250", s.Out)
	}
}
