package figure

import (
	"context"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/parlab/parlab/lib/chart"
)

// TestFiguresInBrowser writes every figure to one standalone page (as an exported notebook would hold
// them), opens it in headless Chromium, checks that every chart drew without a console error, and moves
// the Amdahl explorer's slider: the curve must be recomputed in the page, with no kernel behind it.
func TestFiguresInBrowser(t *testing.T) {
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
	figs := everyFigure(t)
	names := make([]string, 0, len(figs))
	for n := range figs {
		names = append(names, n)
	}
	slices.Sort(names)
	all := []any{figs["AmdahlExplorer"]}
	for _, n := range names {
		if n != "AmdahlExplorer" {
			all = append(all, figs[n])
		}
	}
	page := filepath.Join(t.TempDir(), "figures.html")
	out, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := chart.WritePage(out, "every figure", all...); err != nil {
		if strings.Contains(err.Error(), "is not installed") {
			t.Skipf("ECharts is not installed (%v): run make setup", err)
		}
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
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	var (
		mu            sync.Mutex
		consoleErrors []string // guarded by mu
	)
	msgs := chromedp.Console(ctx)
	go func() { // ends with ctx
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Source == "" && (m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException) {
				mu.Lock()
				consoleErrors = append(consoleErrors, m.String())
				mu.Unlock()
			}
		}
	}()
	if _, err := chromedp.Run(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String())); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	type state struct {
		Charts, Drawn, Noscript int
		Before, After           float64
		Out                     string
	}
	// Each figure is a .parlab-figure; the explorer is the first. Its Amdahl series has id "amdahl".
	const js = `(function () {
  var figs = document.querySelectorAll('.parlab-figure'), s = {Charts: figs.length, Drawn: 0,
    Noscript: document.querySelectorAll('.parlab-noscript').length};
  figs.forEach(function (f) { s.Drawn += f.querySelectorAll('canvas').length > 0 ? 1 : 0; });
  var chart = echarts.getInstanceByDom(figs[0].querySelector('.parlab-chart'));
  var last = function () {
    var a = chart.getOption().series.filter(function (x) { return x.id === 'amdahl'; })[0].data;
    var v = a[a.length - 1];
    return (v.value || v)[1];
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
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		s, err = chromedp.Run(ctx, chromedp.Evaluate[state](js))
		if (err == nil && s.Drawn == len(all)) || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("evaluating the page: %v", err)
	}
	t.Logf("page state: %+v", s)
	if s.Charts != len(all) || s.Drawn != len(all) || s.Noscript != 0 {
		t.Errorf("%d figures, %d drawn, %d 'scripts did not run' notes; want %d, %d, 0", s.Charts, s.Drawn, s.Noscript, len(all), len(all))
	}
	if want := 1 / (0.1 + 0.9/32); math.Abs(s.Before-want) > 1e-4 {
		t.Errorf("explorer before the slider moved: S(32) = %v, want %v (s = 0.1)", s.Before, want)
	}
	if want := 1 / (0.25 + 0.75/32); math.Abs(s.After-want) > 1e-9 {
		t.Errorf("explorer after the slider moved to 0.25: S(32) = %v, want %v", s.After, want)
	}
	if !strings.HasPrefix(s.Out, "s = 0.250") {
		t.Errorf("explorer readout %q; want it to start with s = 0.250", s.Out)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(consoleErrors) > 0 {
		t.Errorf("console errors: %q", consoleErrors)
	}
}
