//go:build race

package racy

import (
	"os"
	"os/exec"
	"testing"
)

// TestWithoutRaceDetector runs this package's tests again without -race in a child `go test`, so that
// `go test -race ./...` still checks the racy code it cannot run itself.
func TestWithoutRaceDetector(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the package's tests without -race")
	}
	goCmd, err := findGo()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(goCmd, "test", "-count=1", "-short", ".")
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Errorf("go test without -race: %v\n%s", err, out)
	}
}
