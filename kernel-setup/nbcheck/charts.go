package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// minDrawn is how many pixels of a chart's canvas must differ from its background: axes and labels alone
// are thousands at the charts' ~900×400 px.
const minDrawn = 500

// chartWait bounds the wait for charts to draw once a page has loaded or its cells have run.
var chartWait = 20 * time.Second

// checkHTML opens the nbconvert HTML export from disk (offline) and checks that its charts draw.
func checkHTML(browserCtx context.Context, nb executed, shot string, want int) ([]Failure, string) {
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelT()
	con := watchConsole(ctx)
	u := url.URL{Scheme: "file", Path: nb.html}
	if _, err := chromedp.Run(ctx, chromedp.Navigate(u.String())); err != nil {
		return []Failure{{Notebook: nb.name + ".html", Cell: -1, Text: fmt.Sprintf("opening %s: %v", nb.html, err)}}, ""
	}
	fails, detail := checkCharts(ctx, nb.name+".html", want)
	fails = append(fails, screenshot(ctx, nb.name+".html", shot)...)
	return append(fails, con.failures(nb.name+".html")...), detail
}

type chartState struct {
	Charts []struct {
		ID       string `json:"id"`
		Canvases int    `json:"canvases"`
		Drawn    int    `json:"drawn"`
		Err      string `json:"err"`
	} `json:"charts"`
	Noscript []string `json:"noscript"`
	Broken   []string `json:"broken"` // alt texts of pictures whose image did not load or is blank
}

// ok reports whether every chart drew and no "scripts did not run" line is visible.
func (s chartState) ok(want int) bool {
	if len(s.Charts) < want || len(s.Noscript) > 0 || len(s.Broken) > 0 {
		return false
	}
	for _, c := range s.Charts {
		if c.Drawn < minDrawn {
			return false
		}
	}
	return true
}

// checkCharts waits up to chartWait for every chart on the page to draw, then reports those that did not.
// want is the number of charts the executed notebook holds.
func checkCharts(ctx context.Context, name string, want int) ([]Failure, string) {
	var s chartState
	deadline := time.Now().Add(chartWait)
	for {
		var err error
		s, err = chromedp.Run(ctx, chromedp.Evaluate[chartState](jsCharts))
		if err != nil {
			return []Failure{{Notebook: name, Cell: -1, Text: "reading the charts: " + err.Error()}}, ""
		}
		if s.ok(want) || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	var fails []Failure
	add := func(format string, args ...any) {
		fails = append(fails, Failure{Notebook: name, Cell: -1, Text: fmt.Sprintf(format, args...)})
	}
	if len(s.Charts) < want {
		add("%d chart(s) on the page, want %d (as many as the executed notebook holds)", len(s.Charts), want)
	}
	for _, c := range s.Charts {
		switch {
		case c.Err != "":
			add("chart %s: reading its canvas: %s", c.ID, c.Err)
		case c.Canvases == 0:
			add("chart %s has no canvas: ECharts did not draw it", c.ID)
		case c.Drawn < minDrawn:
			add("chart %s is blank: %d pixel(s) differ from the background, want at least %d", c.ID, c.Drawn, minDrawn)
		}
	}
	for _, t := range s.Noscript {
		add("a chart's \"scripts did not run\" line is still visible: %q", t)
	}
	for _, alt := range s.Broken {
		add("picture %q shows no image (it did not load, or fewer than 500 of its pixels differ from its corner)", alt)
	}
	return fails, fmt.Sprintf("%d chart(s)", len(s.Charts))
}

// screenshot saves a PNG of the whole page.
func screenshot(ctx context.Context, name, path string) []Failure {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](jsUnfoldPage)); err != nil {
		return []Failure{{Notebook: name, Cell: -1, Text: "screenshot: " + err.Error()}}
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		return []Failure{{Notebook: name, Cell: -1, Text: "screenshot: " + err.Error()}}
	}
	return nil
}

// countCharts counts the charts in an executed notebook's outputs.
func countCharts(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	nb, err := parseNotebook(b)
	if err != nil {
		return 0
	}
	n := 0
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			n += strings.Count(string(o.Data["text/html"]), `class="parlab-chart"`)
		}
	}
	return n
}
