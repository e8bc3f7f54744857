package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// A learner is one test learner: their server, token, copy of the notebook and kernel.
type learner struct {
	name    string
	token   string        // the learner's own API token: what their browser session would carry
	pid     int           // their server's process id
	started time.Duration // from asking the hub to start their server to its being ready
	nb      map[string]any
	session string // the Notebook session (notebook ↔ kernel)
	kernel  string
	conn    *kernelConn
	results map[int]result // by cell index
	retried int            // kernels that died at start and were started again in a new session
}

// base is the learner's server behind the hub's proxy.
func (l *learner) base(h *hub) string { return h.base + "/user/" + l.name }

// api calls the learner's own server with their token.
func (l *learner) api(ctx context.Context, h *hub, method, p string, body, into any, codes ...int) error {
	return h.want(ctx, method, "/user/"+l.name+p, l.token, body, into, codes...)
}

// contentsPath is the Notebook contents API path of a file in the learner's notebook folder.
func contentsPath(rel string) string {
	var parts []string
	for _, p := range strings.Split(path.Clean(rel), "/") {
		parts = append(parts, url.PathEscape(p))
	}
	return "/api/contents/" + strings.Join(parts, "/")
}

// open fetches the learner's copy of the notebook at rel (relative to their ~/parlab).
func (l *learner) open(ctx context.Context, h *hub, rel string) error {
	var model struct {
		Type    string         `json:"type"`
		Content map[string]any `json:"content"`
	}
	if err := l.api(ctx, h, http.MethodGet, contentsPath(rel)+"?content=1", nil, &model, http.StatusOK); err != nil {
		return err
	}
	if model.Type != "notebook" || model.Content == nil {
		return fmt.Errorf("%s is a %q, not a notebook", rel, model.Type)
	}
	l.nb = model.Content
	return nil
}

// startKernel starts a kernel for the notebook (as opening it in the page does), opens its websocket and
// waits until it answers. A kernel that dies before it answers is shut down and started once more in a
// new session (new ports), as a learner would close the notebook and open it again; the retry is
// reported on stdout and counted in l.retried.
func (l *learner) startKernel(ctx context.Context, h *hub, rel string) error {
	err := l.startKernelOnce(ctx, h, rel)
	if !errors.Is(err, errKernelDied) {
		return err
	}
	fmt.Printf("hubcheck: %s's kernel died at start (%v); closing the session and starting a new one\n", l.name, err)
	l.retried++
	if cerr := l.closeKernel(ctx, h); cerr != nil {
		return fmt.Errorf("%v; then closing its session: %v", err, cerr)
	}
	if err := l.startKernelOnce(ctx, h, rel); err != nil {
		return fmt.Errorf("the kernel died at start, and again in a new session: %w", err)
	}
	return nil
}

func (l *learner) startKernelOnce(ctx context.Context, h *hub, rel string) error {
	var s struct {
		ID     string `json:"id"`
		Kernel struct {
			ID string `json:"id"`
		} `json:"kernel"`
	}
	body := map[string]any{"path": rel, "type": "notebook", "name": "", "kernel": map[string]any{"name": "parlab"}}
	if err := l.api(ctx, h, http.MethodPost, "/api/sessions", body, &s, http.StatusCreated); err != nil {
		return err
	}
	l.session, l.kernel = s.ID, s.Kernel.ID
	conn, err := dialKernel(ctx, l.base(h), l.token, l.kernel)
	if err != nil {
		return err
	}
	l.conn = conn
	rctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return conn.waitReady(rctx)
}

// run executes one cell in the learner's kernel.
func (l *learner) run(ctx context.Context, h *hub, c codeCell, timeout time.Duration) error {
	interrupt := func() error {
		return l.api(ctx, h, http.MethodPost, "/api/kernels/"+l.kernel+"/interrupt", nil, nil, http.StatusNoContent)
	}
	r, err := l.conn.execute(ctx, c.source, timeout, interrupt)
	if l.results == nil {
		l.results = map[int]result{}
	}
	l.results[c.index] = r
	return err
}

// save writes the learner's copy back with the outputs of the cells that ran, and extra cells appended,
// as the page's File → Save does.
func (l *learner) save(ctx context.Context, h *hub, rel string, extra []map[string]any) error {
	cells := asList(l.nb["cells"])
	for i, c := range cells {
		m, _ := c.(map[string]any)
		if r, ok := l.results[i]; ok && m != nil {
			m["outputs"] = outputsList(r.Outputs)
			m["execution_count"] = nullIfZero(r.Count)
		}
	}
	for _, e := range extra {
		cells = append(cells, e)
	}
	l.nb["cells"] = cells
	return l.api(ctx, h, http.MethodPut, contentsPath(rel), map[string]any{"type": "notebook", "format": "json", "content": l.nb},
		nil, http.StatusOK, http.StatusCreated)
}

// closeKernel ends the learner's session (and so their kernel) and closes the websocket.
func (l *learner) closeKernel(ctx context.Context, h *hub) error {
	if l.conn != nil {
		l.conn.close()
		l.conn = nil
	}
	if l.session == "" {
		return nil
	}
	err := l.api(ctx, h, http.MethodDelete, "/api/sessions/"+l.session, nil, nil, http.StatusNoContent)
	l.session = ""
	return err
}

// codeCellJSON returns a new nbformat 4.5 code cell with outputs.
func codeCellJSON(source string, r result) map[string]any {
	return map[string]any{"cell_type": "code", "id": randomHex(4), "metadata": map[string]any{}, "source": source,
		"outputs": outputsList(r.Outputs), "execution_count": nullIfZero(r.Count)}
}

func outputsList(outs []map[string]any) []any {
	l := make([]any, 0, len(outs))
	for _, o := range outs {
		l = append(l, o)
	}
	return l
}

func nullIfZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
