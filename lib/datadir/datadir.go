// Package datadir finds the data/ folder of the parlab checkout a program runs from, where recorded
// measurements live with the machine they came from: data/bench (make bench), data/results (results
// a notebook saves), data/numbers (make numbers).
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
	"strings"
)

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

// ResultPath returns the path of the result called name in data/results/: name.json. name is a plain
// file name — letters, digits, '-', '_' and '.', not starting with '.', at most 100 characters — so
// that it cannot point outside the folder; a final ".json" is allowed and ignored.
func ResultPath(name string) (string, error) {
	if err := validateName(name); err != nil {
		return "", err
	}
	data, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(data, "results", strings.TrimSuffix(name, ".json")+".json"), nil
}

// validateName checks a result name (see ResultPath).
func validateName(name string) error {
	base := strings.TrimSuffix(name, ".json")
	ok := base != "" && !strings.HasPrefix(base, ".") && len(base) <= 100
	for _, r := range base {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r)) {
			ok = false
		}
	}
	if !ok {
		shown := name
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		return fmt.Errorf("datadir: result name %q is not allowed: use up to 100 letters, digits, '-', '_' and '.', not starting with '.', e.g. \"mandelbrot-2cores\"", shown)
	}
	return nil
}
