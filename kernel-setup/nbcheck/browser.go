package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// browserConfig adds the browser stage's settings to config.
type browserConfig struct {
	config
	chromium   string
	runTimeout time.Duration // for Run All in one notebook
}

// minDrawn is how many pixels of a chart's canvas must differ from its background: axes and labels alone
// are thousands at the charts' ~900×400 px.
const minDrawn = 500

// chartWait bounds the wait for charts to draw once a page has loaded or its cells have run.
var chartWait = 20 * time.Second

// browserCheck starts Jupyter and Chromium, checks every notebook that executed cleanly live and as HTML
// export, and stops both on every path.
func browserCheck(cfg browserConfig, nbs []executed) []Failure {
	shots := filepath.Join(cfg.out, "screenshots")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		return []Failure{{Notebook: "browser", Cell: -1, Text: err.Error()}}
	}
	fmt.Println("nbcheck: browser check: jupyter notebook on 127.0.0.1 + headless Chromium")
	srv, err := startServer(cfg.config, filepath.Join(shots, "jupyter-server.log"))
	if err != nil {
		return []Failure{{Notebook: "browser", Cell: -1, Text: "could not start Jupyter: " + err.Error()}}
	}
	defer srv.stop()
	defer onInterrupt(srv.stop)()

	browserCtx, stopBrowser, err := startBrowser(cfg.chromium)
	if err != nil {
		return []Failure{{Notebook: "browser", Cell: -1, Text: err.Error()}}
	}
	defer stopBrowser()
	defer onInterrupt(stopBrowser)()

	var fails []Failure
	for _, nb := range nbs {
		if len(nb.fails) > 0 || nb.notebook == "" {
			fmt.Printf("skip browser  %-32s (execution failed)\n", nb.name)
			continue
		}
		want := countCharts(nb.notebook)
		start := time.Now()
		f, detail := checkLive(browserCtx, cfg, srv, nb, filepath.Join(shots, nb.name+".png"), want)
		report("browser", nb.name, time.Since(start), detail, f)
		fails = append(fails, f...)
		if err := srv.shutdownKernels(); err != nil {
			fails = append(fails, Failure{Notebook: nb.name, Cell: -1, Text: "could not shut its kernel down: " + err.Error()})
		}
		if nb.html == "" {
			continue
		}
		start = time.Now()
		f, detail = checkHTML(browserCtx, nb, filepath.Join(shots, nb.name+".html.png"), want)
		report("html", nb.name, time.Since(start), detail, f)
		fails = append(fails, f...)
	}
	return fails
}

// startBrowser starts headless Chromium with a fresh profile; stop ends it (chromedp kills and waits for
// it) and removes the profile.
func startBrowser(chromium string) (ctx context.Context, stop func(), err error) {
	userData, err := os.MkdirTemp("", "nbcheck-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(userData),
		chromedp.WindowSize(1200, 900),
		// Offline except for the Jupyter server: nothing may come from a CDN.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	stop = func() {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(userData)
	}
	// The first Run starts Chromium, which lives as long as this context (so no timeout here: chromedp
	// bounds the start itself, waiting at most 20 s for the browser's DevTools address).
	if _, err := chromedp.Run(browserCtx, chromedp.Evaluate[chromedp.Void]("1")); err != nil {
		stop()
		return nil, nil, fmt.Errorf("could not start %s: %v", chromium, err)
	}
	return browserCtx, stop, nil
}

// checkLive opens the notebook in classic Notebook, runs all its cells and checks outputs and charts.
// The notebook file must still hold no outputs afterwards.
func checkLive(browserCtx context.Context, cfg browserConfig, srv *server, nb executed, shot string, want int) (fails []Failure, detail string) {
	fail := func(format string, args ...any) Failure {
		return Failure{Notebook: nb.name, Cell: -1, Text: fmt.Sprintf(format, args...)}
	}
	defer func() {
		// The server refuses every write, so this only double-checks. The file is never written here: people
		// edit notebooks while checks run, and their edits must win.
		if hasOutputs(nb.source) {
			fails = append(fails, fail("%s holds outputs after the browser check: clear them before committing", rel(cfg.root, nb.source)))
		}
	}()

	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, cfg.runTimeout+3*time.Minute)
	defer cancelT()
	con := watchConsole(ctx)
	step := func(what string, a chromedp.Action[chromedp.Void]) bool {
		if _, err := chromedp.Run(ctx, a); err != nil {
			fails = append(fails, fail("%s: %v", what, err))
			return false
		}
		return true
	}
	if !step("opening the notebook", chromedp.Navigate(srv.notebookURL(nb.source))) ||
		!step("waiting for the kernel (2 min)", chromedp.Poll[chromedp.Void](jsKernelReady,
			chromedp.WithPollingTimeout(2*time.Minute), chromedp.WithPollingInterval(250*time.Millisecond))) ||
		!step("Cell → Run All", chromedp.Evaluate[chromedp.Void](jsRunAll)) {
		return append(fails, con.failures(nb.name)...), ""
	}
	state, err := chromedp.Run(ctx, chromedp.Poll[runState]("(s => s.done ? s : false)("+jsRunState+")",
		chromedp.WithPollingTimeout(cfg.runTimeout), chromedp.WithPollingInterval(500*time.Millisecond)))
	if err != nil {
		last, _ := chromedp.Run(ctx, chromedp.Evaluate[runState](jsRunState))
		fails = append(fails, fail("Run All did not finish within %v (%d cell(s) running, %d not run, kernel idle: %v)",
			cfg.runTimeout, last.Running, last.Unrun, last.Idle))
	} else if state.Dead {
		fails = append(fails, fail("the kernel died while the cells ran (see %s)", rel(cfg.root, srv.logPath)))
	}

	// The outputs as the page holds them, through the same scan as headless execution.
	lastChart := -1
	if js, err := chromedp.Run(ctx, chromedp.Evaluate[string](jsNotebookJSON)); err != nil {
		fails = append(fails, fail("reading the notebook from the page: %v", err))
	} else if live, err := parseNotebook([]byte(js)); err != nil {
		fails = append(fails, fail("reading the notebook from the page: %v", err))
	} else {
		// Kept for people to look at what the page held (build/ is not in git).
		_ = os.WriteFile(strings.TrimSuffix(shot, ".png")+".live.ipynb", []byte(js), 0o644)
		fails = append(fails, scanNotebook(nb.name, live)...)
		if i := unexecuted(live); i >= 0 && len(fails) == 0 {
			fails = append(fails, Failure{Notebook: nb.name, Cell: i, Source: firstLine(string(live.Cells[i].Source)), Text: "the cell did not run"})
		}
		for i, c := range live.Cells {
			if hasChart(c.Outputs) {
				lastChart = i
			}
		}
	}
	cf, detail := checkCharts(ctx, nb.name, want)
	fails = append(fails, cf...)

	// Re-run the last chart cell in the same page, as a learner does after changing a parameter: its chart
	// must draw again (fresh element ids), and the time it takes is the warm compile + run of a chart cell.
	if len(fails) == 0 && lastChart >= 0 {
		start := time.Now()
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("Jupyter.notebook.execute_cells([%d])", lastChart)))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[chromedp.Void]("(s => s.done && s.running === 0 && !s.dead)("+jsRunState+")",
				chromedp.WithPollingTimeout(cfg.runTimeout), chromedp.WithPollingInterval(100*time.Millisecond)))
		}
		took := time.Since(start)
		if err != nil {
			fails = append(fails, fail("re-running cell %d: %v", lastChart+1, err))
		} else {
			cf, _ := checkCharts(ctx, nb.name, want)
			fails = append(fails, cf...)
			detail += fmt.Sprintf(", re-ran chart cell %d in %.1f s", lastChart+1, took.Seconds())
		}
	}
	fails = append(fails, screenshot(ctx, nb.name, shot)...)
	return append(fails, con.failures(nb.name)...), detail
}

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

type runState struct {
	Done    bool `json:"done"`
	Running int  `json:"running"`
	Unrun   int  `json:"unrun"`
	Errors  int  `json:"errors"`
	Idle    bool `json:"idle"`
	Dead    bool `json:"dead"`
}

type chartState struct {
	Charts []struct {
		ID       string `json:"id"`
		Canvases int    `json:"canvases"`
		Drawn    int    `json:"drawn"`
		Err      string `json:"err"`
	} `json:"charts"`
	Noscript []string `json:"noscript"`
}

// ok reports whether every chart drew and no "scripts did not run" line is visible.
func (s chartState) ok(want int) bool {
	if len(s.Charts) < want || len(s.Noscript) > 0 {
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

// console collects a tab's JavaScript errors: console.error calls and uncaught exceptions.
type console struct {
	mu   sync.Mutex
	msgs []string // guarded by mu
}

// watchConsole subscribes to the console of ctx's tab; it stops when ctx ends. It also dismisses any
// alert, confirm or prompt dialog (which would stall the page) and records it as an error.
func watchConsole(ctx context.Context) *console {
	c := &console{}
	msgs := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for d, err := range dialogs {
			if err != nil {
				return
			}
			c.mu.Lock()
			c.msgs = append(c.msgs, fmt.Sprintf("dialog (%s): %s", d.Type, shorten(d.Message, 200)))
			c.mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Source != "" { // the browser's own log (network, security), not the page's scripts
				continue
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == "assert" {
				c.mu.Lock()
				c.msgs = append(c.msgs, fmt.Sprintf("%s (%s:%d)", shorten(m.String(), 300), shortURL(m.URL), m.Line+1))
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *console) failures(name string) []Failure {
	c.mu.Lock()
	defer c.mu.Unlock()
	var fails []Failure
	for _, m := range c.msgs {
		fails = append(fails, Failure{Notebook: name, Cell: -1, Text: "JavaScript " + m})
	}
	return fails
}

// shortURL drops the query (the server's token) and keeps the last path element.
func shortURL(u string) string {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	if i := strings.LastIndexByte(u, '/'); i >= 0 && i < len(u)-1 {
		u = u[i+1:]
	}
	if u == "" {
		return "page"
	}
	return u
}
