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
		cell int    // the failing cell, counted as printed (from 1); 0 for a notebook that must pass
		text string // in the failure's text
	}{
		{"good", 0, ""},
		{"panic", 3, "panic: fixture panic"},
		{"loop", 2, "per-cell timeout"},
		{"compile", 3, "does not compile: line 3: cannot use"},
		{"die", 3, "DeadKernelError: Kernel died"},
		{"race", 4, "WARNING: DATA RACE"}, // cell 3 races too, but is tagged expect-race
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

// checkLeftovers fails the test if a process started for Jupyter is still running a few seconds after
// the test stopped everything.
func checkLeftovers(t *testing.T) {
	t.Helper()
	if names := reapLeftovers(allMarkers(), 10*time.Second); len(names) > 0 {
		t.Errorf("got processes still running after the test: %v (killed), want none", names)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
