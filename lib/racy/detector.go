package racy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// detectorProgram is the small racy program [DetectorReport] builds with -race: two goroutines
// incrementing one int64 without synchronisation, the same race as [Counter].
const detectorProgram = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var n int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			for range 1000 {
				n++ // line 14: the unsynchronised read-modify-write
			}
		})
	}
	wg.Wait()
	fmt.Println("count:", n)
}
`

// DetectorReport writes a small racy program — two goroutines incrementing one int64 without
// synchronisation, the race of [Counter] — to a temporary directory, runs it with `go run -race`, and
// returns what it printed: the race detector's WARNING: DATA RACE report (naming main.go:14, the
// increment), the count, and "exit status 66". It needs the go command (found on PATH or in
// $GOROOT/bin) and spends most of its time building. When ctx ends the go command is killed and
// DetectorReport returns within a second with ctx's error. The error is nil when the report contains
// a data race; the temporary directory is removed before returning.
func DetectorReport(ctx context.Context) (string, error) {
	goCmd, err := findGo()
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "parlab-race-")
	if err != nil {
		return "", fmt.Errorf("racy: cannot make a temporary directory for the race demo: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(detectorProgram), 0o644); err != nil {
		return "", fmt.Errorf("racy: cannot write the race demo program: %w", err)
	}
	cmd := exec.CommandContext(ctx, goCmd, "run", "-race", "main.go")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off", "GO111MODULE=auto", "GORACE=halt_on_error=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// Killing `go run` leaves the program it built (or the compiler) holding the output pipe; stop
	// waiting for it shortly after.
	cmd.WaitDelay = 500 * time.Millisecond
	runErr := cmd.Run()
	report := out.String()
	if ctx.Err() != nil {
		return report, fmt.Errorf("racy: the race demo was stopped: %w", ctx.Err())
	}
	if !strings.Contains(report, "WARNING: DATA RACE") {
		return report, fmt.Errorf("racy: `go run -race` printed no race report (%v); is the race detector supported here (it needs linux, darwin, windows or freebsd on amd64/arm64)?", runErr)
	}
	return report, nil
}

func findGo() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	if root := os.Getenv("GOROOT"); root != "" {
		p := filepath.Join(root, "bin", "go")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("racy: the go command is not on PATH (nor in $GOROOT/bin); the race detector demo needs it")
}
