package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// hubStatus is the file parlab-hubstatus keeps (kernel-setup/hubstatus/doc.go).
type hubStatus struct {
	Time         time.Time `json:"time"`
	Learners     int       `json:"learners"`
	BusyLearners int       `json:"busy_learners"`
	BusyKernels  int       `json:"busy_kernels"`
	RecentBusy   int       `json:"recent_busy_learners"`
}

// A watcher samples, every period until stop is called, the hub's status file, the load average and
// the memory of each learner's processes (their server and everything below it: kernel, compiler, the
// cells' programs). One goroutine, which stop waits for.
type watcher struct {
	stopc chan struct{}
	done  chan struct{}

	mu          sync.Mutex     // guards the fields below
	maxBusy     int            // the most busy learners the status file ever showed
	maxRecent   int            // the most recently busy learners it ever showed
	statusSeen  int            // samples where the file could be read and parsed
	peakPSS     map[string]int // learner → the largest sum of their processes' PSS seen, in KiB
	maxLoad     float64        // the largest 1-minute load average seen
	samples     int
	statusError string // the last reason the file could not be read
}

// watch starts sampling; servers maps each learner to their server's process id.
func watch(statusPath string, servers map[string]int, period time.Duration) *watcher {
	w := &watcher{stopc: make(chan struct{}), done: make(chan struct{}), peakPSS: map[string]int{}}
	go func() {
		defer close(w.done)
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			w.sample(statusPath, servers)
			select {
			case <-w.stopc:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// stop ends the sampling and waits for the goroutine to return.
func (w *watcher) stop() {
	close(w.stopc)
	<-w.done
}

func (w *watcher) sample(statusPath string, servers map[string]int) {
	var st hubStatus
	b, err := os.ReadFile(statusPath)
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	mem := map[string]int{}
	kids := children()
	for name, pid := range servers {
		mem[name] = pss(pid) + sumPSS(descendantsOf(pid, kids))
	}
	load := loadAverage()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.samples++
	if err != nil {
		w.statusError = err.Error()
	} else {
		w.statusSeen++
		w.maxBusy = max(w.maxBusy, st.BusyLearners)
		w.maxRecent = max(w.maxRecent, st.RecentBusy)
	}
	for name, kib := range mem {
		w.peakPSS[name] = max(w.peakPSS[name], kib)
	}
	w.maxLoad = max(w.maxLoad, load)
}

// children maps each process id to its children's, from /proc/*/stat (Linux; elsewhere empty).
func children() map[int][]int {
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	kids := map[int][]int{}
	for _, s := range stats {
		b, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		str := string(b)
		i := strings.LastIndexByte(str, ')') // the command name may hold spaces and parentheses
		if i < 0 {
			continue
		}
		f := strings.Fields(str[i+1:]) // f[1] is field 4, the parent's id
		if len(f) < 2 {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(s)))
		ppid, _ := strconv.Atoi(f[1])
		kids[ppid] = append(kids[ppid], pid)
	}
	return kids
}

// descendantsOf lists every process below pid.
func descendantsOf(pid int, kids map[int][]int) []int {
	var out []int
	queue := []int{pid}
	for len(queue) > 0 && len(out) < 100000 {
		cur := queue[0]
		queue = queue[1:]
		out = append(out, kids[cur]...)
		queue = append(queue, kids[cur]...)
	}
	return out
}

func sumPSS(pids []int) int {
	total := 0
	for _, p := range pids {
		total += pss(p)
	}
	return total
}

// pss returns a process's proportional set size in KiB (shared pages divided among the processes sharing
// them, so sums over processes do not count a shared library twice), or its resident size where the kernel
// has no smaps_rollup; 0 when the process is gone.
func pss(pid int) int {
	dir := "/proc/" + strconv.Itoa(pid)
	if kib, ok := procField(dir+"/smaps_rollup", "Pss:"); ok {
		return kib
	}
	kib, _ := procField(dir+"/status", "VmRSS:")
	return kib
}

// procField reads a "Key: 123 kB" line.
func procField(path, key string) (int, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), key); ok {
			fields := strings.Fields(rest)
			if len(fields) > 0 {
				n, err := strconv.Atoi(fields[0])
				return n, err == nil
			}
		}
	}
	return 0, false
}

// loadAverage returns the 1-minute load average, or 0 where /proc/loadavg is missing.
func loadAverage() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}
