package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKernelElsewhere registers the kernel the way `make kernel` does, in a scratch JUPYTER_DATA_DIR, checks
// that `jupyter kernelspec list` shows it, and executes notebook 00 with it from a Jupyter started in another
// directory, with build/bin off PATH and the notebook's first code cell (use-lib.sh) removed: the kernel
// alone must find lib/, GoNB's tools and Go. About 20 s.
func TestKernelElsewhere(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make kernel and a notebook through Jupyter; not in -short mode")
	}
	cfg := testConfig(t)
	data, elsewhere := t.TempDir(), t.TempDir()
	env := func(extra ...string) []string {
		var out []string
		for _, kv := range os.Environ() {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "JUPYTER_DATA_DIR", "NBCHECK_RUN":
				continue
			case "PATH": // what a desktop or an editor might give: no build/bin
				var keep []string
				for _, d := range filepath.SplitList(v) {
					if !strings.HasPrefix(d, cfg.root) {
						keep = append(keep, d)
					}
				}
				kv = "PATH=" + strings.Join(keep, string(os.PathListSeparator))
			}
			out = append(out, kv)
		}
		return append(out, append([]string{"JUPYTER_DATA_DIR=" + data, "PARLAB_QUICK=1"}, extra...)...)
	}

	mk := exec.Command("make", "-s", "kernel")
	mk.Dir, mk.Env = cfg.root, env()
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make kernel: %v\n%s", err, out)
	}
	ls := exec.Command(cfg.jupyter, "kernelspec", "list")
	ls.Dir, ls.Env = elsewhere, env()
	out, err := ls.CombinedOutput()
	if err != nil || !strings.Contains(string(out), filepath.Join(data, "kernels", "parlab")) {
		t.Fatalf("jupyter kernelspec list: %v\n%s\nwant the parlab kernel in %s", err, out, data)
	}

	// Notebook 00 without its first code cell.
	src, err := os.ReadFile(filepath.Join(cfg.root, "notebooks", "00-start-here.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	var nb map[string]any
	if err := json.Unmarshal(src, &nb); err != nil {
		t.Fatal(err)
	}
	cells := nb["cells"].([]any)
	for i, c := range cells {
		if c.(map[string]any)["cell_type"] == "code" {
			nb["cells"] = append(cells[:i:i], cells[i+1:]...)
			break
		}
	}
	b, _ := json.Marshal(nb)
	input := filepath.Join(elsewhere, "skip-first-cell.ipynb")
	if err := os.WriteFile(input, b, 0o644); err != nil {
		t.Fatal(err)
	}

	marker := newMarker("kernel")
	var log strings.Builder
	p, err := startProc(elsewhere, env(marker), &log, cfg.jupyter, "nbconvert", "--to", "notebook", "--execute",
		"--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.startup_timeout=120", "--output", "executed", input)
	if err != nil {
		t.Fatal(err)
	}
	ok, waitErr := p.wait(5 * time.Minute)
	if !ok {
		p.stop(syscall.SIGINT, 15*time.Second)
	}
	reapLeftovers(marker, 5*time.Second)
	if !ok || waitErr != nil {
		t.Fatalf("nbconvert with the make-kernel kernel from %s: %v (finished: %t)\n%s", elsewhere, waitErr, ok, logTail([]byte(log.String()), 15))
	}
	executed, err := os.ReadFile(filepath.Join(elsewhere, "executed.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := parseNotebook(executed)
	if err != nil {
		t.Fatal(err)
	}
	if fails := scanNotebook("00 without its first cell", got); len(fails) > 0 {
		t.Errorf("got failures %v, want none", fails)
	}
	if i := unexecuted(got); i >= 0 {
		t.Errorf("cell %d was not executed", i)
	}
	charts := 0
	for _, c := range got.Cells {
		if hasChart(c.Outputs) {
			charts++
		}
	}
	if charts == 0 {
		t.Errorf("got no chart in the executed notebook, want at least one")
	}
}
