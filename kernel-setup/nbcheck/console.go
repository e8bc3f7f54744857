package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

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
			if m.Source == "network" && strings.Contains(m.Text, "ERR_NAME_NOT_RESOLVED") {
				// Only 127.0.0.1 resolves: the page wanted something from the internet (a CDN, say).
				c.mu.Lock()
				c.msgs = append(c.msgs, fmt.Sprintf("network request to %s: the page must work offline", hostOf(m.URL)))
				c.mu.Unlock()
				continue
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
		if !strings.HasPrefix(m, "network request") {
			m = "JavaScript " + m
		}
		fails = append(fails, Failure{Notebook: name, Cell: -1, Text: m})
	}
	return fails
}

// hostOf returns the scheme and host of u (never the query, which may hold a token).
func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Scheme + "://" + p.Host + p.Path
	}
	return shortURL(u)
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
