package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

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

	// Re-run the last chart cell in the same page, as a learner does after an edit (a comment is appended, so
	// GoNB compiles it again): its chart must draw again (fresh element ids), and the time it takes is the
	// warm compile + run of a chart cell.
	if len(fails) == 0 && lastChart >= 0 {
		start := time.Now()
		_, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(jsEditAndRun, lastChart, lastChart)))
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
			if js, err := chromedp.Run(ctx, chromedp.Evaluate[string](jsNotebookJSON)); err == nil {
				if live, err := parseNotebook([]byte(js)); err == nil {
					fails = append(fails, scanNotebook(nb.name, live)...) // nothing had failed before the re-run
				}
			}
			detail += fmt.Sprintf(", re-ran chart cell %d in %.1f s", lastChart+1, took.Seconds())
		}
	}
	fails = append(fails, screenshot(ctx, nb.name, shot)...)
	return append(fails, con.failures(nb.name)...), detail
}

type runState struct {
	Done    bool `json:"done"`
	Running int  `json:"running"`
	Unrun   int  `json:"unrun"`
	Errors  int  `json:"errors"`
	Idle    bool `json:"idle"`
	Dead    bool `json:"dead"`
}
