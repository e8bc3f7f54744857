package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// A proc is a child process in its own process group. Jupyter starts kernels in sessions of their own, so
// stop also kills every descendant it finds, not only the group.
type proc struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	err  error         // the exit error, set before done is closed
}

// startProc starts name with args in dir, in a new process group.
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

// wait waits up to timeout for the process to exit. exited is false if it is still running; err is
// its exit error once it has exited.
func (p *proc) wait(timeout time.Duration) (exited bool, err error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-p.done:
		return true, p.err
	case <-t.C:
		return false, nil
	}
}

// stop sends sig to the process group, waits up to grace, then kills the group and every descendant that
// was alive when stop began (kernels, gopls, cell programs). It returns when the process has exited.
func (p *proc) stop(sig syscall.Signal, grace time.Duration) {
	select {
	case <-p.done:
		return
	default:
	}
	kids := descendants(p.cmd.Process.Pid)
	pgid := p.cmd.Process.Pid
	_ = syscall.Kill(-pgid, sig)
	if exited, _ := p.wait(grace); !exited {
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
	}
	for _, k := range kids {
		if startTime(k.pid) == k.start { // the same process, not a reused pid
			_ = syscall.Kill(k.pid, syscall.SIGKILL)
		}
	}
	p.wait(10 * time.Second)
}

type procID struct {
	pid   int
	start string // start time in clock ticks since boot (/proc/<pid>/stat field 22)
}

// descendants lists the processes below pid, read from /proc (Linux); elsewhere it returns none.
func descendants(pid int) []procID {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	children := map[int][]int{}
	for _, s := range stats {
		child, _ := strconv.Atoi(filepath.Base(filepath.Dir(s)))
		if ppid := statField(child, 4); ppid != "" {
			pp, _ := strconv.Atoi(ppid)
			children[pp] = append(children[pp], child)
		}
	}
	var out []procID
	queue := []int{pid}
	for len(queue) > 0 && len(out) < 10000 {
		cur := queue[0]
		queue = queue[1:]
		for _, c := range children[cur] {
			out = append(out, procID{pid: c, start: startTime(c)})
			queue = append(queue, c)
		}
	}
	return out
}

func startTime(pid int) string { return statField(pid, 22) }

// statField returns field n (1-based, as in proc(5)) of /proc/<pid>/stat, or "".
func statField(pid, n int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the command name may hold spaces and parentheses
	if i < 0 {
		return ""
	}
	fields := strings.Fields(s[i+1:]) // fields from 3 on
	if n < 3 || n-3 >= len(fields) {
		return ""
	}
	return fields[n-3]
}

// Every Jupyter process nbcheck starts gets NBCHECK_RUN=<run>.<tag> in its environment, which its kernels,
// gopls and the cells' programs inherit: leftovers finds them by it, wherever they were reparented. <run>
// is random per nbcheck process; <tag> names one nbconvert run or the server.
var runID = func() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}()

var tagCount atomic.Int64

// newMarker returns a fresh NBCHECK_RUN=<run>.<tag> variable.
func newMarker(tag string) string {
	return fmt.Sprintf("NBCHECK_RUN=%s.%s%d", runID, tag, tagCount.Add(1))
}

// allMarkers matches every marker of this nbcheck process.
func allMarkers() string { return "NBCHECK_RUN=" + runID + "." }

// leftovers lists the running processes whose environment holds a variable starting with marker (Linux;
// elsewhere none), with their names.
func leftovers(marker string) (ids []procID, names []string) {
	environs, _ := filepath.Glob("/proc/[0-9]*/environ")
	for _, e := range environs {
		b, err := os.ReadFile(e)
		if err != nil || !bytes.HasPrefix(b, []byte(marker)) && !bytes.Contains(b, []byte("\x00"+marker)) {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(e)))
		if pid == os.Getpid() {
			continue
		}
		comm, _ := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/comm")
		ids = append(ids, procID{pid: pid, start: startTime(pid)})
		names = append(names, strings.TrimSpace(string(comm)))
	}
	return ids, names
}

// reapLeftovers waits up to grace for the processes marked with marker to end (a kernel that is shutting
// down takes a moment), then kills the rest and returns their names.
func reapLeftovers(marker string, grace time.Duration) []string {
	deadline := time.Now().Add(grace)
	for {
		ids, names := leftovers(marker)
		if len(ids) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			for _, id := range ids {
				if startTime(id.pid) == id.start {
					_ = syscall.Kill(id.pid, syscall.SIGKILL)
				}
			}
			return names
		}
		time.Sleep(250 * time.Millisecond)
	}
}
