package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config holds what every stage needs.
type config struct {
	root        string
	jupyter     string        // the jupyter command
	python      string        // a python3 with nbformat, for signing
	cellTimeout time.Duration // per cell, enforced by nbconvert (interrupt, then fail)
	nbTimeout   time.Duration // per notebook, enforced here (stop the process group)
	quick       bool          // PARLAB_QUICK=1
	out         string        // <root>/build
}

// executed describes one notebook after stage 1.
type executed struct {
	name     string
	source   string // the notebook in notebooks/
	notebook string // build/executed/<name>.ipynb, "" if nbconvert wrote none
	html     string // build/html/<name>.html, "" if not exported
	took     time.Duration
	fails    []Failure
}

// execute runs one notebook through nbconvert and the kernel, scans the result and exports it to HTML.
func execute(cfg config, path string) executed {
	name := notebookName(path)
	res := executed{name: name, source: path, fails: checkSource(name, path)}
	fail := func(format string, args ...any) {
		res.fails = append(res.fails, Failure{Notebook: name, Cell: -1, Text: fmt.Sprintf(format, args...)})
	}
	dirs := []string{filepath.Join(cfg.out, "executed"), filepath.Join(cfg.out, "html")}
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fail("%v", err)
			return res
		}
	}
	outNB := filepath.Join(dirs[0], name+".ipynb")
	logPath := filepath.Join(dirs[0], name+".log")
	_ = os.Remove(outNB)

	start := time.Now()
	log, err := runJupyter(cfg, cfg.nbTimeout, "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=gonb",
		"--ExecutePreprocessor.timeout="+strconv.Itoa(int(cfg.cellTimeout.Seconds())),
		"--ExecutePreprocessor.interrupt_on_timeout=True",
		"--ExecutePreprocessor.startup_timeout=120",
		"--output-dir", dirs[0], "--output", name, path)
	res.took = time.Since(start)
	_ = os.WriteFile(logPath, log, 0o644)
	if err != nil {
		fail("nbconvert failed: %v; last lines of %s:\n%s", err, rel(cfg.root, logPath), logTail(log, 12))
	}
	b, rerr := os.ReadFile(outNB)
	if rerr != nil {
		if err == nil {
			fail("nbconvert wrote no executed notebook (%v)", rerr)
		}
		return res
	}
	res.notebook = outNB
	nb, perr := parseNotebook(b)
	if perr != nil {
		fail("%s: %v", rel(cfg.root, outNB), perr)
		return res
	}
	timedOut := bytes.Contains(log, []byte("Timeout waiting for execute reply"))
	for _, f := range scanNotebook(name, nb) {
		if timedOut && strings.Contains(f.Text, "signal: ") {
			f.Text = fmt.Sprintf("ran longer than the per-cell timeout of %v and was interrupted (%s)", cfg.cellTimeout, f.Text)
		}
		res.fails = append(res.fails, f)
	}
	if i := unexecuted(nb); i >= 0 && err == nil {
		res.fails = append(res.fails, Failure{Notebook: name, Cell: i, Source: firstLine(string(nb.Cells[i].Source)), Text: "the cell was not executed"})
	}

	// Trust the executed notebook (nbconvert does not sign it), so classic Notebook keeps its scripts, and
	// export it to HTML for the offline check.
	if out, err := runCmd(cfg, time.Minute, cfg.python, "-m", "nbformat.sign", outNB); err != nil {
		fail("signing %s failed: %v\n%s", rel(cfg.root, outNB), err, logTail(out, 5))
	}
	htmlDir := dirs[1]
	if out, err := runJupyter(cfg, 2*time.Minute, "nbconvert", "--to", "html", "--output-dir", htmlDir, "--output", name, outNB); err != nil {
		fail("HTML export failed: %v\n%s", err, logTail(out, 8))
	} else {
		res.html = filepath.Join(htmlDir, name+".html")
	}
	return res
}

// runJupyter runs `jupyter args…` in the repository root with the Jupyter environment.
func runJupyter(cfg config, timeout time.Duration, args ...string) ([]byte, error) {
	return runCmd(cfg, timeout, cfg.jupyter, args...)
}

// runCmd runs a command with the Jupyter environment, bounded by timeout (then interrupted, then killed
// with all its descendants), and returns its combined output.
func runCmd(cfg config, timeout time.Duration, name string, args ...string) ([]byte, error) {
	var out bytes.Buffer
	p, err := startProc(cfg.root, jupyterEnv(cfg.root, cfg.quick), &out, name, args...)
	if err != nil {
		return nil, err
	}
	defer onInterrupt(func() { p.stop(syscall.SIGINT, 10*time.Second) })()
	err, ok := p.wait(timeout)
	if !ok {
		// SIGINT lets nbclient shut its kernel down; stop kills whatever is left.
		p.stop(syscall.SIGINT, 15*time.Second)
		return out.Bytes(), fmt.Errorf("still running after %v, stopped", timeout)
	}
	return out.Bytes(), err
}

// logTail returns the last n meaningful lines of a Jupyter log: GoNB's own log lines and Go stack frames
// are left out.
func logTail(log []byte, n int) string {
	var keep []string
	for _, line := range strings.Split(string(log), "\n") {
		t := strings.TrimSpace(line)
		if t == "" || klogLine(line) || strings.HasPrefix(line, "\t") || strings.HasPrefix(t, "goroutine ") ||
			strings.HasPrefix(t, "github.com/") || strings.HasPrefix(t, "main.") {
			continue
		}
		keep = append(keep, "    "+line)
	}
	if len(keep) > n {
		keep = keep[len(keep)-n:]
	}
	return strings.Join(keep, "\n")
}

// klogLine reports whether line is a glog/klog line such as "I1122 00:02:16.985554 14859 main.go:187] …".
func klogLine(line string) bool {
	if len(line) < 6 || !strings.ContainsRune("IWEF", rune(line[0])) {
		return false
	}
	for _, c := range line[1:5] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return line[5] == ' '
}

// rel returns path relative to root when it is inside it.
func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}
