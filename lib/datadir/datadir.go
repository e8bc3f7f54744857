// Package datadir finds the data/ folder of the parlab checkout a program runs from, where recorded
// measurements live with the machine they came from: data/bench (make bench; one file per run, read
// with bench.Reports), data/numbers (make numbers); a result of any sweep can be written there with
// bench.Result.WriteFile.
//
// It knows nothing of notebooks, so a command-line program can use it without pulling in the
// notebook packages. The checkout is found by walking up from the notebook's folder ($GONB_DIR,
// which GoNB sets) or, outside a notebook, from the working directory, to the go.mod of
// github.com/parlab/parlab. Nothing is cached: every call looks again.
package datadir

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// maxPath is the longest path Linux accepts (PATH_MAX).
const maxPath = 4096

// module is the first line of the checkout's go.mod.
const module = "module github.com/parlab/parlab\n"

// Dir returns the data/ folder of the parlab checkout this program runs from, or an error saying
// that it does not run from one. The folder need not exist yet.
func Dir() (string, error) {
	start := os.Getenv("GONB_DIR")
	if start == "" {
		var err error
		if start, err = os.Getwd(); err != nil {
			return "", fmt.Errorf("datadir: finding the data folder: %w", err)
		}
	}
	if len(start) > maxPath {
		return "", fmt.Errorf("datadir: the folder to start from (%d bytes) is longer than any path can be (%d), so it is not inside a parlab checkout", len(start), maxPath)
	}
	start, err := filepath.Abs(start)
	if err != nil {
		return "", fmt.Errorf("datadir: finding the data folder: %w", err)
	}
	for dir := start; ; dir = filepath.Dir(dir) {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && bytes.HasPrefix(b, []byte(module)) {
			return filepath.Join(dir, "data"), nil
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("datadir: " + start + " is not inside a parlab checkout (no go.mod of github.com/parlab/parlab above it), so there is no data folder")
		}
	}
}
