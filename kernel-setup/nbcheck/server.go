package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is a classic Jupyter Notebook server on 127.0.0.1 with a random token, for the browser check.
type server struct {
	root    string
	port    int
	token   string
	tmp     string // JUPYTER_CONFIG_DIR and JUPYTER_RUNTIME_DIR, removed by stop
	proc    *proc
	log     *os.File
	logPath string // the server's and its kernels' output
	marker  string // in the environment of the server, its kernels and their children
}

// readOnlyConfig is the server's only configuration: a contents manager that refuses every write, so a
// notebook opened by the check can never be saved with its outputs (it is committed without them), and
// checkpoints kept in the server's temporary directory, not in .ipynb_checkpoints beside the notebooks.
// (A pre_save_hook cannot refuse: the Notebook server logs its exception and saves anyway.)
const readOnlyConfig = `
from notebook.services.contents.filemanager import FileContentsManager
from tornado import web

class ReadOnlyContentsManager(FileContentsManager):
    def _refuse(self, *args, **kwargs):
        raise web.HTTPError(403, "nbcheck: notebooks are read-only while they are checked")
    save = _refuse
    delete_file = _refuse
    rename_file = _refuse
    create_checkpoint = _refuse
    restore_checkpoint = _refuse

c.NotebookApp.contents_manager_class = ReadOnlyContentsManager
c.FileCheckpoints.checkpoint_dir = %s
c.NotebookApp.open_browser = False
`

// startServer starts `jupyter notebook` serving root and waits until it answers, for at most a minute.
// Its output goes to logPath. The caller must call stop.
func startServer(cfg config, logPath string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	tok := make([]byte, 24)
	if _, err := rand.Read(tok); err != nil {
		return nil, err
	}
	s := &server{root: cfg.root, port: port, token: hex.EncodeToString(tok), logPath: logPath}
	if s.tmp, err = os.MkdirTemp("", "nbcheck-jupyter-"); err != nil {
		return nil, err
	}
	conf := fmt.Sprintf(readOnlyConfig, strconv.Quote(filepath.Join(s.tmp, "checkpoints")))
	if err := os.WriteFile(filepath.Join(s.tmp, "jupyter_notebook_config.py"), []byte(conf), 0o600); err != nil {
		s.stop()
		return nil, err
	}
	if s.log, err = os.Create(logPath); err != nil {
		s.stop()
		return nil, err
	}
	s.marker = newMarker("server")
	env := jupyterEnv(cfg.root, cfg.quick, s.marker, "JUPYTER_CONFIG_DIR="+s.tmp, "JUPYTER_RUNTIME_DIR="+s.tmp)
	args := []string{"notebook", "--no-browser", "--ip=127.0.0.1", "--port=" + strconv.Itoa(port), "--port-retries=0",
		"--NotebookApp.token=" + s.token, "--notebook-dir=" + cfg.root}
	if os.Geteuid() == 0 {
		args = append(args, "--allow-root") // containers and CI runners often run as root
	}
	s.proc, err = startProc(cfg.root, env, s.log, cfg.jupyter, args...)
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("starting jupyter notebook: %v", err)
	}
	deadline := time.Now().Add(time.Minute)
	for {
		if err := s.api(http.MethodGet, "/api/status", nil); err == nil {
			return s, nil
		}
		if exited, err := s.proc.wait(500 * time.Millisecond); exited {
			s.stop()
			return nil, fmt.Errorf("jupyter notebook exited before serving (%v); see %s", err, logPath)
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("jupyter notebook did not answer on 127.0.0.1:%d within a minute; see %s", port, logPath)
		}
	}
}

// notebookURL is where the classic Notebook UI opens the notebook at path (inside root).
func (s *server) notebookURL(path string) string {
	rel, _ := filepath.Rel(s.root, path)
	var parts []string
	for _, p := range strings.Split(filepath.ToSlash(rel), "/") {
		parts = append(parts, url.PathEscape(p))
	}
	return fmt.Sprintf("http://127.0.0.1:%d/notebooks/%s?token=%s", s.port, strings.Join(parts, "/"), s.token)
}

// shutdownKernels ends every session (and so every kernel) the server runs.
func (s *server) shutdownKernels() error {
	var sessions []struct {
		ID string `json:"id"`
	}
	if err := s.api(http.MethodGet, "/api/sessions", &sessions); err != nil {
		return err
	}
	for _, ses := range sessions {
		if err := s.api(http.MethodDelete, "/api/sessions/"+ses.ID, nil); err != nil {
			return err
		}
	}
	return nil
}

// api calls the server's REST API with the token; when into is non-nil the JSON answer is decoded into it.
func (s *server) api(method, path string, into any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, fmt.Sprintf("http://127.0.0.1:%d%s", s.port, path), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if into != nil {
		return json.NewDecoder(resp.Body).Decode(into)
	}
	return nil
}

// stop shuts the kernels down, stops the server (SIGTERM, then SIGKILL for it and everything it started)
// and removes its temporary directory. It is safe to call on a partly started server.
func (s *server) stop() {
	if s.proc != nil {
		_ = s.shutdownKernels()
		s.proc.stop(syscall.SIGTERM, 10*time.Second)
		reapLeftovers(s.marker, 5*time.Second)
	}
	if s.log != nil {
		s.log.Close()
	}
	if s.tmp != "" {
		os.RemoveAll(s.tmp)
	}
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
