package liveness

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"time"
)

// Program is a tiny program whose main goroutine sends on a channel nobody receives from, with or
// without something else alive beside it. [Child] runs one in a child process.
type Program int

const (
	// SendAlone: ch <- 1 and nothing else. Every goroutine is blocked: the runtime reports the deadlock.
	SendAlone Program = iota
	// SendWhilePipeRead: the same, while another goroutine waits to read from a pipe — as GoNB's cell
	// programs wait for messages from the kernel once they have shown something. A read of a pipe or a
	// socket waits in the runtime's network poller, and a thread sleeping in the poller counts as
	// running: the runtime cannot know no data will ever come.
	SendWhilePipeRead
	// SendWhileSignalNotify: the same, after signal.Notify(c, os.Interrupt) — as nb.Run does to stop on
	// Kernel → Interrupt. The os/signal package keeps a goroutine waiting for signals in the runtime,
	// which counts as alive: a signal could arrive any moment.
	SendWhileSignalNotify
	// SendWhileTimer: the same, while another goroutine sleeps for an hour. A pending timer will wake
	// someone, so the runtime waits for it: the deadlock is reported an hour late.
	SendWhileTimer
)

var programNames = [...]string{
	"ch <- 1, nothing else",
	"ch <- 1, another goroutine reading a pipe",
	"ch <- 1, after signal.Notify",
	"ch <- 1, another goroutine in time.Sleep(1h)",
}

func (p Program) String() string {
	if int(p) < len(programNames) {
		return programNames[p]
	}
	return fmt.Sprintf("Program(%d)", int(p))
}

// Programs lists every Program, in order.
func Programs() []Program {
	return []Program{SendAlone, SendWhilePipeRead, SendWhileSignalNotify, SendWhileTimer}
}

// childEnv names the Program a child process runs instead of its main function.
const childEnv = "PARLAB_LIVENESS_PROGRAM"

// init runs the Program named in the environment, in a process that Child started: before main, so
// that the child is just that program, whatever program imported this package.
func init() {
	v, ok := os.LookupEnv(childEnv)
	if !ok {
		return
	}
	for _, p := range Programs() {
		if v == fmt.Sprint(int(p)) {
			runProgram(p) // returns only if the runtime let it
		}
	}
	fmt.Fprintf(os.Stderr, "liveness: no program %q\n", v)
	os.Exit(3)
}

// keep holds what a program must not let the garbage collector close (the pipe's write end).
var keep []any

// runProgram sets up p's companion, then blocks the calling goroutine (the main one) forever.
func runProgram(p Program) {
	switch p {
	case SendWhilePipeRead:
		r, w, err := os.Pipe()
		if err != nil {
			fmt.Fprintln(os.Stderr, "liveness:", err)
			os.Exit(3)
		}
		keep = append(keep, w)
		go func() {
			buf := make([]byte, 1)
			r.Read(buf) // nobody ever writes
		}()
	case SendWhileSignalNotify:
		c := make(chan os.Signal, 1)
		signal.Notify(c, os.Interrupt)
	case SendWhileTimer:
		go time.Sleep(time.Hour)
	}
	sendForever()
}

// sendForever is the deadlock: a send on a channel that nobody receives from.
func sendForever() {
	ch := make(chan int)
	ch <- 1
}

// ChildResult is what Child saw.
type ChildResult struct {
	Program Program
	// Detected is true when the runtime stopped the program with "all goroutines are asleep - deadlock!".
	Detected bool
	// After is the time from the start of the child to its end (Detected), or the timeout (killed).
	After time.Duration
	// Report is the first lines of what the child wrote on standard error: the runtime's report.
	Report string
}

// Child runs p in a child process — the running program itself, started again with p named in its
// environment (this package's init runs p instead of main), so nothing is compiled — and returns
// whether the runtime reported the deadlock within timeout (10 ms … 1 min), after which the child is
// killed. Nothing of the child is left when it returns.
func Child(ctx context.Context, p Program, timeout time.Duration) (ChildResult, error) {
	if int(p) < 0 || int(p) >= len(programNames) {
		return ChildResult{}, fmt.Errorf("liveness: program = %d is not allowed: want one of liveness.Programs()", int(p))
	}
	if timeout < 10*time.Millisecond || timeout > time.Minute {
		return ChildResult{}, fmt.Errorf("liveness: timeout = %v is not allowed: want 10ms to 1m", timeout)
	}
	exe, err := os.Executable()
	if err != nil {
		return ChildResult{}, fmt.Errorf("liveness: cannot find this program to start it again: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe)
	cmd.Env = append(childEnviron(), fmt.Sprintf("%s=%d", childEnv, int(p)))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	runErr := cmd.Run()
	r := ChildResult{Program: p, After: time.Since(start)}
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

// childEnviron is this process's environment without the variables that tie a program to the notebook
// (GoNB's pipes), so the child is a plain program.
func childEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GONB_") || strings.HasPrefix(kv, childEnv+"=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// firstLines returns the first n lines of s, without a trailing newline.
func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}
