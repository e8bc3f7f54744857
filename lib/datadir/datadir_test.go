package datadir

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/internal/hostile"
)

func TestDir(t *testing.T) {
	t.Setenv("GONB_DIR", filepath.Join("..", "..", "notebooks"))
	got, err := Dir()
	if err != nil || filepath.Base(got) != "data" || !filepath.IsAbs(got) {
		t.Errorf("Dir() = %q, %v; want the checkout's data folder, absolute", got, err)
	}
	t.Setenv("GONB_DIR", t.TempDir())
	if got, err := Dir(); err == nil || !strings.Contains(err.Error(), "not inside a parlab checkout") {
		t.Errorf("Dir() outside a checkout = %q, %v; want an error saying so", got, err)
	}
}

func TestResultPath(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module github.com/parlab/parlab\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GONB_DIR", filepath.Join(root, "notebooks"))
	for _, name := range []string{"demo-1", "demo-1.json", "a.b_c"} {
		got, err := ResultPath(name)
		want := filepath.Join(root, "data", "results", strings.TrimSuffix(name, ".json")+".json")
		if err != nil || got != want {
			t.Errorf("ResultPath(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

// TestHostileInputs: names that could leave data/results/, or are not names at all.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for label, name := range map[string]string{
		"empty": "", "parent": "../x", "slash": "a/b", "hidden": ".hidden", "space": "sp ace",
		"json only": ".json", "NUL": "a\x00b", "huge": strings.Repeat("a", 1<<20), "absolute": "/etc/passwd",
	} {
		cases = append(cases, hostile.Case{Name: "ResultPath/" + label, Param: "result name", Call: func(context.Context) error {
			p, err := ResultPath(name)
			if err == nil {
				return accepted(p)
			}
			return err
		}})
	}
	hostile.Run(t, cases)
}

// accepted is the error of a name that was accepted: the path it gave.
type accepted string

func (e accepted) Error() string { return "accepted, giving " + string(e) }

func TestMain(m *testing.M) {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0") // the hostile table starts a process per case
	}
	os.Exit(m.Run())
}
