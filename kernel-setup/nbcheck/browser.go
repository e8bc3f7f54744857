package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// browserConfig adds the browser stage's settings to config.
type browserConfig struct {
	config
	chromium   string
	runTimeout time.Duration // for Run All in one notebook
}

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
