package nb

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
)

// keepName is what a name given to Keep and Recall may be: it becomes a file name.
var keepName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$`)

// keptPath returns the file a value kept under name lives in, beside Measure's cache.
func keptPath(name string) (string, error) {
	if !keepName.MatchString(name) {
		return "", fmt.Errorf("nb: name = %q is not allowed: want letters, digits, '.', '_' or '-', up to 64 characters", name)
	}
	d := cacheDir()
	if d == "" {
		return "", fmt.Errorf("nb: there is no cache folder to keep %q in (set %s)", name, cacheEnv)
	}
	return filepath.Join(d, "kept", name+".json"), nil
}

// Keep saves v, as JSON, under name, so that a later cell — which GoNB runs as a new program — can
// Recall it: the price list measured in one cell, read by the next to predict. Each Keep replaces what
// was kept under that name. The file is in the cache folder (PARLAB_CACHE), and ClearCache forgets it
// with the cached measurements it was most likely made from: after it, Recall says to run the cell that
// keeps the value, which then measures again.
func Keep(name string, v any) error {
	path, err := keptPath(name)
	if err != nil {
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("nb: keeping %q: %w", name, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("nb: keeping %q: %w", name, err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("nb: keeping %q: %w", name, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("nb: keeping %q: %w", name, err)
	}
	return nil
}

// Recall loads into v (a pointer) what Keep saved under name. When nothing was kept, the error says
// so: run the cell that keeps it first.
func Recall(name string, v any) error {
	path, err := keptPath(name)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return fmt.Errorf("nb: nothing is kept under %q yet: run the cell that measures it first", name)
	}
	if err != nil {
		return fmt.Errorf("nb: recalling %q: %w", name, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("nb: recalling %q: %w", name, err)
	}
	return nil
}
