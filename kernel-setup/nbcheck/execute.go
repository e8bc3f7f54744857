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
	// DEBUG logging makes nbclient log each cell's source as it starts it: when the kernel dies, that names
	// the cell (the log is about as big as the notebook's outputs).
	log, err := runJupyter(cfg, cfg.nbTimeout, "nbconvert", "--log-level=DEBUG", "--to", "notebook", "--execute", "--allow-errors",
		"--ExecutePreprocessor.kernel_name=parlab",
		"--ExecutePreprocessor.timeout="+strconv.Itoa(int(cfg.cellTimeout.Seconds())),
		"--ExecutePreprocessor.interrupt_on_timeout=True",
		"--ExecutePreprocessor.startup_timeout=120",
		"--output-dir", dirs[0], "--output", name, path)
	res.took = time.Since(start)
	_ = os.WriteFile(logPath, log, 0o644)
	if err != nil {
		text := fmt.Sprintf("nbconvert failed (%v)", err)
		if e := lastException(log); e != "" {
			text += ": " + e
		}
		f := Failure{Notebook: name, Cell: -1, Text: text + "; see " + rel(cfg.root, logPath)}
		if src, rerr := os.ReadFile(path); rerr == nil {
			if nb, perr := parseNotebook(src); perr == nil {
				if i := runningCell(log, nb); i >= 0 {
					f.Cell, f.Source = i, firstLine(string(nb.Cells[i].Source))
				}
			}
		}
		res.fails = append(res.fails, f)
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
// with all its descendants), and returns its combined output. Processes it leaves behind (a kernel's
// gopls when the kernel died, say) are killed; if it succeeded, that is an error.
func runCmd(cfg config, timeout time.Duration, name string, args ...string) (_ []byte, err error) {
	var out bytes.Buffer
	marker := newMarker("exec")
	p, err := startProc(cfg.root, jupyterEnv(cfg.root, cfg.quick, marker), &out, name, args...)
	if err != nil {
		return nil, err
	}
	defer func() {
		grace := 5 * time.Second // a kernel that shuts down normally takes a moment
		if err != nil {
			grace = 0 // it failed already: kill what is left at once
		}
		if names := reapLeftovers(marker, grace); len(names) > 0 && err == nil {
			err = fmt.Errorf("it left %d process(es) running (%s): killed", len(names), strings.Join(names, ", "))
		}
	}()
	defer onInterrupt(func() { p.stop(syscall.SIGINT, 10*time.Second) })()
	ok, err := p.wait(timeout)
	if !ok {
		// SIGINT lets nbclient shut its kernel down; stop kills whatever is left.
		p.stop(syscall.SIGINT, 15*time.Second)
		return out.Bytes(), fmt.Errorf("still running after %v, stopped", timeout)
	}
	return out.Bytes(), err
}

// rel returns path relative to root when it is inside it.
func rel(root, path string) string {
	if r, err := filepath.Rel(root, path); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return path
}
