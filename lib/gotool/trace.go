package gotool

import (
	"bufio"
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"regexp"
	"runtime/trace"
	"strings"
	"time"
)

// WriteTrace runs f with the runtime's execution tracer on and writes the trace to the file path, the
// input of `go tool trace`. A trace of a few milliseconds of busy goroutines is a few hundred KiB.
func WriteTrace(path string, f func()) (err error) {
	if f == nil {
		return fmt.Errorf("gotool: WriteTrace was given no function to trace")
	}
	file, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("gotool: %w", err)
	}
	defer func() {
		if cerr := file.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("gotool: %w", cerr)
		}
	}()
	if err := trace.Start(file); err != nil {
		return fmt.Errorf("gotool: %w (is another trace running?)", err)
	}
	defer trace.Stop()
	f()
	return nil
}

// View is a page of the trace viewer.
type View struct {
	Path  string // "/trace?view=proc", relative to the viewer's address
	Title string
}

// Site is what TraceViews found.
type Site struct {
	// Addr is where the viewer listened (http://127.0.0.1:port): gone when TraceViews returned.
	Addr string
	// Views are the links of its main page, in order.
	Views []View
	// Log is what it printed while it ran.
	Log string
}

var (
	listenRE = regexp.MustCompile(`listening on (http://127\.0\.0\.1:[0-9]+)`)
	linkRE   = regexp.MustCompile(`(?s)<a href="([^"]+)"[^>]*>(.*?)</a>`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
)

// TraceViews starts `go tool trace -http=127.0.0.1:0 file` (with BROWSER=true, so that it opens no
// browser window), waits for it to listen, reads its main page and returns the views it offers; then
// it stops the viewer — its whole process group — and waits for it to exit, whatever happened.
func TraceViews(ctx context.Context, file string) (Site, error) {
	ctx, cancel := context.WithTimeout(ctx, toolLimit)
	defer cancel()
	cmd, err := command(ctx, "go", "tool", "trace", "-http=127.0.0.1:0", file)
	if err != nil {
		return Site{}, err
	}
	cmd.Env = append(os.Environ(), "BROWSER=true")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return Site{}, fmt.Errorf("gotool: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return Site{}, fmt.Errorf("gotool: starting go tool trace: %w", err)
	}
	var site Site
	lines := make(chan string, 256)
	go func() { // reads the viewer's log until it exits; ends when Wait closes the pipe
		defer close(lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default: // nobody is listening any more: drop the line
			}
		}
	}()
	defer func() {
		cancel() // kills the viewer's process group (command's Cancel)
		_ = cmd.Wait()
		for range lines { // the reader has ended
		}
	}()
	for site.Addr == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				return site, fmt.Errorf("gotool: go tool trace exited before it listened:\n%s", site.Log)
			}
			site.Log += l + "\n"
			if m := listenRE.FindStringSubmatch(l); m != nil {
				site.Addr = m[1]
			}
		case <-ctx.Done():
			return site, fmt.Errorf("gotool: go tool trace did not listen within %v: %w", toolLimit, ctx.Err())
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, site.Addr+"/", nil)
	if err != nil {
		return site, fmt.Errorf("gotool: %w", err)
	}
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return site, fmt.Errorf("gotool: reading the trace viewer's page: %w", err)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		return site, fmt.Errorf("gotool: reading the trace viewer's page: %w", err)
	}
	for _, m := range linkRE.FindAllStringSubmatch(string(body), -1) {
		title := strings.Join(strings.Fields(html.UnescapeString(tagRE.ReplaceAllString(m[2], ""))), " ")
		if title != "" && title != "⬇" && strings.HasPrefix(m[1], "/") { // ⬇: the raw profile behind the link before it
			site.Views = append(site.Views, View{Path: html.UnescapeString(m[1]), Title: title})
		}
	}
	return site, nil
}
