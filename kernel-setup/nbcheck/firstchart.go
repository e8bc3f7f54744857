package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
)

// firstChartTimes is what -first-chart measured, each from the moment `make lab` started.
type firstChartTimes struct {
	URL, Server, Kernel, Chart time.Duration
}

func (t firstChartTimes) String() string {
	return fmt.Sprintf("first chart on screen %.1f s after `make lab` started in a fresh clone "+
		"(address printed %.1f s, server answering %.1f s, kernel connected %.1f s)",
		t.Chart.Seconds(), t.URL.Seconds(), t.Server.Seconds(), t.Kernel.Seconds())
}

var labURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+/\S+token=[0-9a-f]+`)

// firstChart measures what a new learner waits for: it clones the checkout at root (its committed HEAD) into
// a temporary directory, starts `make lab` there with an empty Go build cache (GOCACHE in the temporary
// directory; the module cache, Jupyter and Chromium are as installed), opens the address it prints in headless
// Chromium, runs every cell of notebook 00 as Cell → Run All does, and stops the clock when the first chart's
// canvas has drawn. Everything it started is stopped and the clone removed before it returns.
func firstChart(root, chromium string, limit time.Duration) (firstChartTimes, error) {
	var t firstChartTimes
	tmp, err := os.MkdirTemp("", "parlab-first-chart-")
	if err != nil {
		return t, err
	}
	defer os.RemoveAll(tmp)
	clone := filepath.Join(tmp, "parlab")
	if out, err := exec.Command("git", "clone", "--quiet", root, clone).CombinedOutput(); err != nil {
		return t, fmt.Errorf("git clone: %v\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return t, err
	}
	marker := newMarker("firstchart")
	env := append(os.Environ(), "GOCACHE="+filepath.Join(tmp, "gocache"), "PARLAB_OPEN_BROWSER=False",
		"PARLAB_PORT="+strconv.Itoa(port), marker)
	pr, pw := io.Pipe()
	start := time.Now()
	p, err := startProc(clone, env, pw, "make", "lab")
	if err != nil {
		return t, err
	}
	defer func() {
		p.stop(syscall.SIGINT, 10*time.Second)
		pw.Close()
		reapLeftovers(marker, 5*time.Second)
	}()
	urls := make(chan string, 1)
	var logMu sync.Mutex
	var log strings.Builder
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if m := labURL.FindString(sc.Text()); m != "" {
				select {
				case urls <- m:
				default:
				}
			}
		}
	}()
	logTailStr := func() string {
		logMu.Lock()
		defer logMu.Unlock()
		return logTail([]byte(log.String()), 12)
	}
	var url string
	select {
	case url = <-urls:
		t.URL = time.Since(start)
	case <-time.After(limit):
		return t, fmt.Errorf("make lab printed no address within %v:\n%s", limit, logTailStr())
	}
	for {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > limit {
			return t, fmt.Errorf("the server at %s did not answer within %v:\n%s", url, limit, logTailStr())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Server = time.Since(start)

	browserCtx, stopBrowser, err := startBrowser(chromium)
	if err != nil {
		return t, err
	}
	defer stopBrowser()
	ctx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, limit)
	defer cancelT()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
		return t, fmt.Errorf("opening %s: %v", url, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](jsKernelReady, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(limit))); err != nil {
		return t, fmt.Errorf("the kernel did not connect: %v\n%s", err, logTailStr())
	}
	t.Kernel = time.Since(start)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](jsRunAll)); err != nil {
		return t, err
	}
	for {
		s, err := chromedp.Run(ctx, chromedp.Evaluate[chartState](jsCharts))
		if err != nil {
			return t, fmt.Errorf("no chart drew within %v: %v\n%s", limit, err, logTailStr())
		}
		for _, c := range s.Charts {
			if c.Drawn >= minDrawn {
				t.Chart = time.Since(start)
				return t, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
}
