package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A hub is JupyterHub started by kernel-setup/hub.sh in test mode on 127.0.0.1 for one run, with an admin
// token (the parlab-test service) for the REST API. Its learners' homes and its state live under dir.
type hub struct {
	base    string // http://127.0.0.1:PORT, the proxy: everything goes through it, as in a class
	token   string
	homes   string // the learners' home folders: homes/NAME
	status  string // the status file parlab-hubstatus keeps
	marker  string // markerVar's value in every process of the run
	logPath string
	log     *os.File
	proc    *proc
	client  *http.Client
}

// startHub starts the hub and waits until its REST API answers through the proxy, at most until ctx ends.
// The caller must call stop, also when startHub fails.
func startHub(ctx context.Context, root, dir string, quick bool) (*hub, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	h := &hub{base: fmt.Sprintf("http://127.0.0.1:%d", port), token: randomHex(24), homes: filepath.Join(dir, "homes"),
		status: filepath.Join(dir, "state", "public", "status.json"), marker: newMarker(),
		logPath: filepath.Join(dir, "hub.log"), client: &http.Client{}}
	if h.log, err = os.Create(h.logPath); err != nil {
		return h, err
	}
	// Nothing of the caller's Jupyter or parlab settings (make test's PARLAB_CACHE, say) may reach the hub.
	env := envWith([]string{"PARLAB_CACHE", "PARLAB_QUICK", "JUPYTER_DATA_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_PATH",
		"JUPYTER_RUNTIME_DIR", "NBCHECK_RUN", "PARLAB_HUB_IP", "PARLAB_HUB_PORT", "PARLAB_HUB_SSL_CERT", "PARLAB_HUB_SSL_KEY",
		"PARLAB_HUB_GROUP", "PARLAB_HUB_ADMINS", "PARLAB_HUB_TEST_PASSWORD", markerVar},
		"PARLAB_HUB_API_TOKEN="+h.token, markerVar+"="+h.marker)
	if quick {
		env = append(env, "PARLAB_QUICK=1")
	}
	h.proc, err = startProc(root, env, h.log, filepath.Join(root, "kernel-setup", "hub.sh"), "--test",
		"--port", strconv.Itoa(port), "--state", filepath.Join(dir, "state"), "--homes", h.homes)
	if err != nil {
		return h, fmt.Errorf("starting kernel-setup/hub.sh: %v", err)
	}
	for {
		var info struct {
			Version string `json:"version"`
		}
		if code, err := h.call(ctx, http.MethodGet, "/hub/api/", h.token, nil, &info); err == nil && code == http.StatusOK {
			return h, nil
		}
		if done, err := h.proc.exited(); done {
			return h, fmt.Errorf("the hub exited before it served (%v):\n%s", err, tail(h.logPath, 12))
		}
		select {
		case <-ctx.Done():
			return h, fmt.Errorf("the hub did not answer on %s in time:\n%s", h.base, tail(h.logPath, 12))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// call sends a request to the hub's proxy with token and decodes a JSON answer into into (when not nil).
// It returns the HTTP status; err is set only when no answer came (or it could not be decoded).
func (h *hub) call(ctx context.Context, method, path, token string, body, into any) (int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, h.base+path, rd)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "token "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return resp.StatusCode, err
	}
	if into != nil && resp.StatusCode/100 == 2 && len(b) > 0 {
		if err := json.Unmarshal(b, into); err != nil {
			return resp.StatusCode, fmt.Errorf("%s %s: %v", method, path, err)
		}
	}
	return resp.StatusCode, nil
}

// want calls the API and fails unless the status is one of codes.
func (h *hub) want(ctx context.Context, method, path, token string, body, into any, codes ...int) error {
	code, err := h.call(ctx, method, path, token, body, into)
	if err != nil {
		return err
	}
	for _, c := range codes {
		if code == c {
			return nil
		}
	}
	return fmt.Errorf("%s %s: HTTP %d, want %v", method, path, code, codes)
}

// serverState is the part of the hub's user model about the default server.
type serverState struct {
	Servers map[string]struct {
		Ready   bool    `json:"ready"`
		Pending *string `json:"pending"`
		State   struct {
			PID int `json:"pid"`
		} `json:"state"`
	} `json:"servers"`
}

// startServer asks the hub to start name's server and waits until it is ready; it returns its process id.
func (h *hub) startServer(ctx context.Context, name string) (int, error) {
	if err := h.want(ctx, http.MethodPost, "/hub/api/users/"+name+"/server", h.token, nil, nil, http.StatusCreated, http.StatusAccepted); err != nil {
		return 0, err
	}
	for {
		var u serverState
		if err := h.want(ctx, http.MethodGet, "/hub/api/users/"+name, h.token, nil, &u, http.StatusOK); err != nil {
			return 0, err
		}
		s, ok := u.Servers[""]
		switch {
		case ok && s.Ready:
			return s.State.PID, nil
		case !ok:
			return 0, fmt.Errorf("%s's server stopped while starting:\n%s", name, tail(h.logPath, 12))
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("%s's server was not ready in time:\n%s", name, tail(h.logPath, 12))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// stopServer asks the hub to stop name's server and waits until it has stopped.
func (h *hub) stopServer(ctx context.Context, name string) error {
	if err := h.want(ctx, http.MethodDelete, "/hub/api/users/"+name+"/server", h.token, nil, nil, http.StatusNoContent, http.StatusAccepted); err != nil {
		return err
	}
	for {
		var u serverState
		if err := h.want(ctx, http.MethodGet, "/hub/api/users/"+name, h.token, nil, &u, http.StatusOK); err != nil {
			return err
		}
		if _, running := u.Servers[""]; !running {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s's server did not stop in time", name)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// userToken creates an API token for name, as a learner's own session would have.
func (h *hub) userToken(ctx context.Context, name string) (string, error) {
	var tok struct {
		Token string `json:"token"`
	}
	err := h.want(ctx, http.MethodPost, "/hub/api/users/"+name+"/tokens", h.token,
		map[string]any{"note": "hubcheck", "expires_in": 3600}, &tok, http.StatusCreated, http.StatusOK)
	if err == nil && tok.Token == "" {
		err = errors.New("the hub returned no token for " + name)
	}
	return tok.Token, err
}

// stop stops the hub as Ctrl-C would (SIGINT: it stops every learner's server, its service and the proxy),
// then kills whatever of the run is left. It returns the names of processes that had to be killed after
// the hub itself had exited.
func (h *hub) stop() []string {
	if h.proc != nil {
		h.proc.stop(syscall.SIGINT, 30*time.Second)
	}
	left := reap(h.marker, 5*time.Second)
	if h.log != nil {
		h.log.Close()
	}
	return left
}

// freePort asks the kernel for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// tail returns the last n lines of the file at path, indented.
func tail(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}
