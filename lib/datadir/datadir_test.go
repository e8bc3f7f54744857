package datadir

import (
	"context"
	"errors"
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

// TestHostileInputs: Dir's only input is $GONB_DIR (or the working directory). Outside a checkout,
// whatever it holds, Dir says so in a sentence.
func TestHostileInputs(t *testing.T) {
	var cases []hostile.Case
	for label, dir := range map[string]string{
		"root": "/", "missing": "/no/such/dir", "file": "/etc/hostname", "relative": "../../../../../../../..",
		"huge": "/" + strings.Repeat("a/", 1<<15),
	} {
		cases = append(cases, hostile.Case{Name: "GONB_DIR=" + label, Param: "not inside a parlab checkout", Call: func(context.Context) error {
			os.Setenv("GONB_DIR", dir)
			got, err := Dir()
			if err == nil {
				return errors.New("found a data folder outside the checkout: " + got)
			}
			return err
		}})
	}
	hostile.Run(t, cases)
}

func TestMain(m *testing.M) {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0") // the hostile table starts a process per case
	}
	os.Exit(m.Run())
}
