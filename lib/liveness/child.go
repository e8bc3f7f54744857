package liveness

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// Program is a tiny program whose main goroutine sends on a channel nobody receives from, with or
// without something else beside it. [Child] builds it and runs it in a child process.
type Program int

const (
	// SendAlone: ch <- 1 and nothing else. Every goroutine is blocked: the runtime reports the deadlock.
	SendAlone Program = iota
	// SendWhilePipeRead: the same, while another goroutine waits to read from a pipe — as a GoNB cell's
	// program waits for messages from the kernel once it has shown something. A read of a pipe or a
	// socket waits in the runtime's network poller, and a thread sleeping in the poller counts as
	// running: the runtime cannot know that no data will ever come.
	SendWhilePipeRead
	// SendWhileSignalNotify: the same, after signal.Notify(c, os.Interrupt) — as nb.Run does, to stop
	// on Kernel → Interrupt. The os/signal package keeps a goroutine waiting for signals.
	SendWhileSignalNotify
	// SendWhileTimer: the same, while another goroutine sleeps for an hour. A pending timer will wake
	// someone, so the runtime waits for it: the deadlock would be reported an hour late.
	SendWhileTimer
	// SendWithCgo: ch <- 1 and nothing else, in a program that imports package net built with cgo (the
	// default where a C compiler is installed) — as every GoNB cell that shows something is. In a cgo
	// program the detector is off: C code could call back into Go and wake a goroutine at any time
	// (go.dev/issue/12734).
	SendWithCgo
)

var programNames = [...]string{
	"ch <- 1, nothing else",
	"ch <- 1, another goroutine reading a pipe",
	"ch <- 1, after signal.Notify",
	"ch <- 1, another goroutine in time.Sleep(1h)",
	"ch <- 1, nothing else, in a cgo program (net imported)",
}

func (p Program) String() string {
	if int(p) >= 0 && int(p) < len(programNames) {
		return programNames[p]
	}
	return fmt.Sprintf("Program(%d)", int(p))
}

// Programs lists every Program, in order.
func Programs() []Program {
	return []Program{SendAlone, SendWhilePipeRead, SendWhileSignalNotify, SendWhileTimer, SendWithCgo}
}

// The programs' source: one main package, its mode the first argument; net.go adds package net when
// built with the tag withnet.
var (
	//go:embed child/main.go.txt
	childMain []byte
	//go:embed child/net.go.txt
	childNet []byte
)

// ChildResult is what Child saw.
type ChildResult struct {
	Program Program
	// Detected is true when the runtime stopped the program with "all goroutines are asleep - deadlock!".
	Detected bool
	// After is the time from the start of the child to its end (Detected), or the timeout (killed).
	After time.Duration
	// Report is the first lines of what the child wrote on standard error: the runtime's report.
	Report string
	// Skipped says why the program could not run here (SendWithCgo without a C compiler), or "".
	Skipped string
}

// Child builds p (the first time: with the go command, into the user's cache directory; a second or so)
// and runs it in a child process, and returns whether the runtime reported the deadlock within timeout
// (10 ms … 1 min), after which the child is killed. The programs are built without the race detector,
// whose runtime never reports a deadlock (go.dev/issue/20588); SendWithCgo needs cgo (a C compiler) and
// is reported Skipped without one. Nothing of the child is left when Child returns.
func Child(ctx context.Context, p Program, timeout time.Duration) (ChildResult, error) {
	if int(p) < 0 || int(p) >= len(programNames) {
		return ChildResult{}, fmt.Errorf("liveness: program = %d is not allowed: want one of liveness.Programs()", int(p))
	}
	if timeout < 10*time.Millisecond || timeout > time.Minute {
		return ChildResult{}, fmt.Errorf("liveness: timeout = %v is not allowed: want 10ms to 1m", timeout)
	}
	r := ChildResult{Program: p}
	exe, err := build(ctx, p == SendWithCgo)
	if err != nil {
		if p == SendWithCgo && errors.Is(err, errNoCgo) {
			r.Skipped = err.Error()
			return r, nil
		}
		return r, err
	}
	mode := int(p)
	if p == SendWithCgo {
		mode = int(SendAlone)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe, fmt.Sprint(mode))
	cmd.Env = append(os.Environ(), "GOTRACEBACK=single")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	runErr := cmd.Run()
	r.After = time.Since(start)
	r.Report = firstLines(stderr.String(), 8)
	r.Detected = strings.Contains(stderr.String(), "all goroutines are asleep - deadlock!")
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return r, ctx.Err()
	case cctx.Err() != nil: // killed at the timeout: nothing was reported
		r.After = timeout
	case runErr != nil && !errors.As(runErr, &exit):
		return r, fmt.Errorf("liveness: the child could not run: %w", runErr)
	}
	return r, nil
}

// errNoCgo is the error of a cgo build where cgo is not available.
var errNoCgo = errors.New("this machine cannot build cgo programs (no C compiler, or CGO_ENABLED=0)")

var buildMu sync.Mutex // one build at a time: two cells, or tests, may ask at once

// build returns the path of the program, built with cgo and package net or without either, building it
// into the user's cache directory if it is not there yet.
func build(ctx context.Context, cgo bool) (string, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	goCmd, err := goTool()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%v\x00%s\x00%s\x00%s", runtime.Version(), cgo, goCmd, childMain, childNet)
	key := hex.EncodeToString(h.Sum(nil))[:16]
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "parlab", "liveness", key)
	exe := filepath.Join(dir, "deadlock")
	if _, err := os.Stat(exe); err == nil {
		return exe, nil
	}
	src, err := os.MkdirTemp("", "parlab-liveness-")
	if err != nil {
		return "", fmt.Errorf("liveness: cannot make a directory to build the program in: %w", err)
	}
	defer os.RemoveAll(src)
	for name, b := range map[string][]byte{"main.go": childMain, "net.go": childNet,
		"go.mod": []byte("module parlab.example/deadlock\n\ngo 1.22\n")} {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			return "", fmt.Errorf("liveness: cannot write the program's source: %w", err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("liveness: cannot make the cache directory %s: %w", dir, err)
	}
	tmp := exe + fmt.Sprintf(".%d.tmp", os.Getpid())
	args := []string{"build", "-o", tmp}
	if cgo {
		args = append(args, "-tags", "withnet")
	}
	cmd := exec.CommandContext(ctx, goCmd, append(args, ".")...)
	cmd.Dir = src
	cgoEnv := "CGO_ENABLED=0"
	if cgo {
		cgoEnv = "CGO_ENABLED=1"
	}
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local", "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH, cgoEnv)
	out, err := cmd.CombinedOutput()
	if err != nil {
		os.Remove(tmp)
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		if cgo && (strings.Contains(string(out), "cgo") || strings.Contains(string(out), "gcc") || strings.Contains(string(out), "C compiler")) {
			return "", errNoCgo
		}
		return "", fmt.Errorf("liveness: building the deadlock program failed: %v: %s", err, firstLines(string(out), 5))
	}
	if cgo && !usesCgo(ctx, tmp) {
		os.Remove(tmp)
		return "", errNoCgo
	}
	if err := os.Rename(tmp, exe); err != nil {
		return "", fmt.Errorf("liveness: cannot keep the built program: %w", err)
	}
	return exe, nil
}

// usesCgo reports whether the built program linked the cgo runtime: its mode "cgo" prints
// runtime.NumCgoCall(), which is at least 1 when it did.
func usesCgo(ctx context.Context, exe string) bool {
	out, err := exec.CommandContext(ctx, exe, "cgo").Output()
	return err == nil && strings.TrimSpace(string(out)) != "0"
}

// goTool finds the go command: on PATH, or in the Go installation that built this program.
func goTool() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	//lint:ignore SA1019 the Go installation that built this program has the go command beside it
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	return "", errors.New("liveness: the go command is not on PATH, so the deadlock program cannot be built")
}

// firstLines returns the first n lines of s, without a trailing newline.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// Program facts about the running program, for a notebook to show.

// ThisProgram says whether the running program is a cgo program — in which the runtime never reports
// a deadlock — judged by runtime.NumCgoCall(), which counts the call into C that a program linking the
// cgo runtime makes when it starts.
func ThisProgram() (cgo bool) { return runtime.NumCgoCall() > 0 }
