package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// testConfig returns a config for the checkout this test runs in, with outputs in a temporary directory;
// it skips the test when the GoNB kernel or Jupyter is not installed yet.
func testConfig(t *testing.T) config {
	t.Helper()
	wd, _ := os.Getwd()
	root, err := findRoot(wd)
	if err != nil {
		t.Fatal(err)
	}
	jupyter := defaultTool("jupyter", "/usr/bin/jupyter")
	if err := checkSetup(root, jupyter); err != nil {
		t.Skipf("needs Jupyter and the GoNB kernel (make lab installs them): %v", err)
	}
	return config{root: root, jupyter: jupyter, python: defaultTool("python3", "/usr/bin/python3"),
		cellTimeout: time.Minute, nbTimeout: 5 * time.Minute, quick: true, out: t.TempDir()}
}

// TestExecuteFixtures runs the fixture notebooks in kernel-setup/testdata through the real kernel: each
// broken one must fail naming the notebook and the cell, the good one must pass. About 40 s.
func TestExecuteFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("runs notebooks through Jupyter (~25 s); not in -short mode")
	}
	cfg := testConfig(t)
	tests := []struct {
		name string
		cell int      // the failing cell, counted as printed (from 1); 0 for a notebook that must pass
		text string   // in the failure's text
		outs []string // in the outputs of a notebook that passes, in this order
	}{
		{"good", 0, "", nil},
		// Issue 13: a size of math.MaxInt and sizes that would allocate terabytes are refused with a
		// sentence naming the parameter, and the kernel lives on.
		{"refuse", 0, "", []string{
			"refused: workload: sum of squares: n = 9223372036854775807 is not allowed:", "want n ≤ 1099511627776",
			"refused: workload: matrix multiply: n = 1048576 is not allowed:", "want n ≤ 2048",
			"refused: workload: stream: n = 1099511627776 is not allowed:",
			"refused: bench: workers = 1099511627776 is not allowed:",
			"the kernel is alive"}},
		{"panic", 3, "panic: fixture panic", nil},
		{"loop", 2, "per-cell timeout", nil},
		{"compile", 3, "does not compile: line 3: cannot use", nil},
		{"die", 3, "DeadKernelError: Kernel died", nil},
		{"race", 4, "WARNING: DATA RACE", nil}, // cell 3 races too, but is tagged expect-race
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := cfg
			if tt.name == "loop" {
				cfg.cellTimeout = 15 * time.Second // long enough to compile the cell on a busy machine
			}
			res := execute(cfg, filepath.Join(cfg.root, "kernel-setup", "testdata", tt.name+".ipynb"))
			t.Logf("%s: %.1f s", tt.name, res.took.Seconds())
			if tt.cell == 0 {
				if len(res.fails) != 0 {
					t.Fatalf("got failures %v, want none", res.fails)
				}
				if res.html == "" {
					t.Errorf("got no HTML export")
				}
				if len(tt.outs) > 0 {
					checkOutputs(t, res.notebook, tt.outs)
				}
				return
			}
			if len(res.fails) == 0 {
				t.Fatalf("got no failure, want cell %d failing with %q", tt.cell, tt.text)
			}
			f := res.fails[0]
			line := f.String()
			wantPrefix := tt.name + ": cell " + itoa(tt.cell) + " (\"// nbcheck fixture:"
			if !strings.HasPrefix(line, wantPrefix) || !strings.Contains(line, tt.text) {
				t.Errorf("got %q, want it to start with %q and contain %q", line, wantPrefix, tt.text)
			}
			if len(res.fails) > 1 {
				t.Errorf("got %d failures %v, want 1: the cells after the broken one run cleanly", len(res.fails), res.fails)
			}
		})
	}
	checkLeftovers(t)
}

// checkOutputs fails the test unless the executed notebook's outputs hold every text of want, in order.
func checkOutputs(t *testing.T, path string, want []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := parseNotebook(b)
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			for _, text := range outputTexts(o) {
				all.WriteString(text)
			}
		}
	}
	rest := all.String()
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			t.Errorf("got outputs %q, want them to contain %q (after the texts before it)", all.String(), w)
			return
		}
		rest = rest[i+len(w):]
	}
}

// checkLeftovers fails the test if a process started for Jupyter is still running a few seconds after
// the test stopped everything.
func checkLeftovers(t *testing.T) {
	t.Helper()
	if names := reapLeftovers(allMarkers(), 10*time.Second); len(names) > 0 {
		t.Errorf("got processes still running after the test: %v (killed), want none", names)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
