package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A proc is a child process in a process group of its own. JupyterHub starts the proxy, its service and
// every learner's server in sessions of their own, so stopping the group is not enough: every process
// started for the run carries the run's marker in its environment, and reap finds them by it.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // the exit error, set before done is closed
}

// startProc starts name with args in dir, in a new process group, with env; its output goes to out.
func startProc(dir string, env []string, out io.Writer, name string, args ...string) (*proc, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout = out
	cmd.Stderr = out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &proc{cmd: cmd, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// exited reports whether the process has ended, and how.
func (p *proc) exited() (bool, error) {
	select {
	case <-p.done:
		return true, p.err
	default:
		return false, nil
	}
}

// stop sends sig to the process group, waits up to grace for the process to exit, then kills the group.
// It returns when the process has exited (or after another 10 s).
func (p *proc) stop(sig syscall.Signal, grace time.Duration) {
	if done, _ := p.exited(); done {
		return
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, sig)
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-p.done:
		return
	case <-t.C:
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
	}
}

// markerVar is the variable whose value marks every process of one run: hub.sh passes it on to the hub,
// and jupyterhub_config.py to the proxy, the status service, every learner's server and so their kernels.
const markerVar = "PARLAB_HUB_TAG"

// newMarker returns a fresh value for markerVar.
func newMarker() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return "hubcheck-" + hex.EncodeToString(b)
}

// hasMarker reports whether process pid carries markerVar=marker.
func hasMarker(pid int, marker string) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/environ")
	want := []byte(markerVar + "=" + marker + "\x00")
	return err == nil && (bytes.HasPrefix(b, want) || bytes.Contains(b, append([]byte{0}, want...)))
}

// marked lists the running processes (Linux /proc; elsewhere none) whose environment holds
// markerVar=marker, with their command names.
func marked(marker string) (pids []int, names []string) {
	environs, _ := filepath.Glob("/proc/[0-9]*/environ")
	for _, e := range environs {
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(e)))
		if pid == os.Getpid() || !hasMarker(pid, marker) {
			continue
		}
		comm, _ := os.ReadFile(filepath.Join(filepath.Dir(e), "comm"))
		pids = append(pids, pid)
		names = append(names, strings.TrimSpace(string(comm)))
	}
	return pids, names
}

// reap waits up to grace for the processes carrying marker to end, kills those left and returns their
// names.
func reap(marker string, grace time.Duration) []string {
	deadline := time.Now().Add(grace)
	for {
		pids, names := marked(marker)
		if len(pids) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			for _, pid := range pids {
				if hasMarker(pid, marker) { // still the same process, not a reused pid
					_ = syscall.Kill(pid, syscall.SIGKILL)
				}
			}
			return names
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// envWith returns the environment of this process without the named variables, plus extra.
func envWith(drop []string, extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		skip := false
		for _, d := range drop {
			skip = skip || k == d
		}
		if !skip {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}
