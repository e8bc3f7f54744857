package bench

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Env is the machine a result was measured on.
type Env struct {
	Time      time.Time `json:"time"`
	Hostname  string    `json:"hostname"`
	GoVersion string    `json:"go_version"`
	OS        string    `json:"os"`
	Arch      string    `json:"arch"`
	CPUModel  string    `json:"cpu_model"`
	NumCPU    int       `json:"num_cpu"` // logical CPUs this process may use
	// OnlineCPUs is how many logical CPUs the whole machine has online (Linux:
	// /sys/devices/system/cpu/online), more than NumCPU when the process is pinned to some of them
	// (taskset, a container's cpuset); the load average counts the whole machine's. 0 means unknown.
	OnlineCPUs int `json:"online_cpus,omitempty"`
	// PhysicalCores is how many physical cores those logical CPUs sit on: fewer than NumCPU when a
	// core runs two hardware threads (SMT, Hyper-Threading). 0 means unknown (not Linux, no
	// topology in /sys, or a result saved before parlab recorded it).
	PhysicalCores int `json:"physical_cores,omitempty"`
	GOMAXPROCS    int `json:"gomaxprocs"` // when the sweep started (its default unless set)
	// CPUQuota is the cgroup CPU limit in CPUs (1.5 = one and a half cores); 0 means no limit.
	CPUQuota float64 `json:"cpu_quota"`
	// LoadBefore and LoadAfter are the 1-, 5- and 15-minute load averages before and after the
	// sweep; nil where the system does not report them. The sweep's own work raises LoadAfter.
	LoadBefore []float64 `json:"load_before,omitempty"`
	LoadAfter  []float64 `json:"load_after,omitempty"`
	// Hub is what a parlab class hub knew when the sweep started; nil outside a hub (see HubStatusEnv).
	Hub *Hub `json:"hub,omitempty"`
	// RaceDetector is true when the measuring program was built with the race detector (-race; in
	// GoNB, %goflags -race), which slows memory accesses 2–20×: its times are not the program's.
	RaceDetector bool `json:"race_detector,omitempty"`
}

// CoresUsed is how many cores a run of workers goroutines under GOMAXPROCS = procs can keep busy at
// once: min(workers, procs, NumCPU), at least 1 — the cores efficiency divides by. GOMAXPROCS bounds
// the threads executing Go code at once, and the logical CPUs bound what the operating system can
// run at once; a NumCPU of 0 (not recorded) bounds nothing.
func (e Env) CoresUsed(workers, procs int) int {
	n := min(workers, procs)
	if e.NumCPU > 0 {
		n = min(n, e.NumCPU)
	}
	return max(n, 1)
}

// Race returns a warning in plain words when the result was measured by a program built with the
// race detector, and "" otherwise.
func (e Env) Race() string {
	if !e.RaceDetector {
		return ""
	}
	return "This was measured with the race detector on (the cell was built with -race; in GoNB, %goflags -race), " +
		"which slows every memory access 2–20×: these times describe the detector, not your program. " +
		"Run a cell holding `%goflags \"\"` to switch it off, then run this cell again."
}

// HubStatusEnv names the variable a parlab class hub (make hub) gives every learner's kernel: the path
// of a JSON file the hub rewrites every second (kernel-setup/hubstatus) with how many learners'
// kernels are running code.
const HubStatusEnv = "PARLAB_HUB_STATUS"

// Hub is a class hub's count of learners when a sweep started.
type Hub struct {
	Learners     int `json:"learners"`      // learners whose Jupyter server was running
	BusyLearners int `json:"busy_learners"` // learners whose kernel was running code, this one included
	// RecentBusyLearners counts the learners seen running code in the hub's last few seconds
	// (recent_seconds in the file, 10 by default), this one included.
	RecentBusyLearners int `json:"recent_busy_learners"`
}

// hubFresh is how old the hub's file may be: older, the hub (or its counter) has stopped.
const hubFresh = 10 * time.Second

// readHub reads the hub's status file at path; nil when path is empty, the file is missing or
// unreadable, or it is older than hubFresh at now.
func readHub(path string, now time.Time) *Hub {
	if path == "" {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var s struct {
		Time time.Time `json:"time"`
		Hub
	}
	if json.Unmarshal(b, &s) != nil || s.Time.IsZero() || now.Sub(s.Time) > hubFresh || s.Time.Sub(now) > hubFresh {
		return nil
	}
	return &s.Hub
}

// CaptureEnv describes this machine now; LoadAfter is left empty.
func CaptureEnv() Env {
	host, _ := os.Hostname()
	return Env{
		Time:          time.Now().UTC().Truncate(time.Second),
		Hostname:      host,
		GoVersion:     runtime.Version(),
		OS:            runtime.GOOS,
		Arch:          runtime.GOARCH,
		CPUModel:      cpuModel(),
		NumCPU:        runtime.NumCPU(),
		OnlineCPUs:    onlineCPUs(),
		PhysicalCores: physicalCores(),
		GOMAXPROCS:    runtime.GOMAXPROCS(0),
		CPUQuota:      cpuQuota(),
		LoadBefore:    loadAverage(),
		Hub:           readHub(os.Getenv(HubStatusEnv), time.Now()),
		RaceDetector:  raceDetector,
	}
}

// Busy returns a warning in plain words when the machine was busy before the sweep — a 1-minute
// load average above half the machine's logical CPUs (OnlineCPUs, or NumCPU when unknown: the load
// average counts every process on the machine, not only those on the CPUs this one may use), or, on
// a class hub, other learners' kernels running code (the load average trails by a minute; the hub
// knows at once) — and "" when it was quiet or the load is unknown. On a run limited to one core
// it speaks of slower times only, not of lower speedups.
func (e Env) Busy() string {
	others := 0
	if e.Hub != nil {
		others = max(e.Hub.BusyLearners, e.Hub.RecentBusyLearners) - 1 // this learner is busy measuring
	}
	cpus := e.NumCPU
	if e.OnlineCPUs > 0 {
		cpus = e.OnlineCPUs
	}
	known := len(e.LoadBefore) > 0 && cpus > 0
	loaded := known && e.LoadBefore[0] > float64(cpus)/2
	slower := "these times are slower and noisier than on a quiet machine, and speedups are lower"
	if e.oneCore() {
		slower = "these times are slower and noisier than on a quiet machine"
	}
	switch {
	case others > 0:
		who := "1 other learner on this class hub was"
		if others > 1 {
			who = fmt.Sprintf("%d other learners on this class hub were", others)
		}
		load := ""
		if known {
			load = fmt.Sprintf(" (load average %.2f on %s)", e.LoadBefore[0], e.cpusWords(cpus))
		}
		return fmt.Sprintf("The machine was busy: %s running code in the seconds before this run%s. Their work competes "+
			"for the same CPUs, so %s; re-run when the others are idle for numbers you can trust.", who, load, slower)
	case loaded:
		return fmt.Sprintf("The machine was busy: its load average was %.2f before the run, more than half of %s. Other programs were "+
			"competing for the CPUs, so %s; close them and re-run for numbers you can trust.", e.LoadBefore[0], e.cpusWords(cpus), slower)
	}
	return ""
}

// cpusWords names the cpus the load average counts ("4 logical CPUs"), saying when they are the whole
// machine's rather than the ones this run could use.
func (e Env) cpusWords(cpus int) string {
	s := fmt.Sprintf("%d logical CPUs", cpus)
	if cpus == 1 {
		s = "1 logical CPU"
	}
	if e.OnlineCPUs > 0 && e.NumCPU > 0 && e.NumCPU < e.OnlineCPUs {
		s = fmt.Sprintf("the whole machine's %s (this run could use %d of them)", s, e.NumCPU)
	}
	return s
}

// oneCore reports whether the run could use one core at most: one logical CPU, or a cgroup quota
// of one CPU or less. There, nothing ran in parallel and no speedup was measured.
func (e Env) oneCore() bool {
	return e.NumCPU == 1 || e.CPUQuota > 0 && e.CPUQuota <= 1
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// physicalCores counts the physical cores under the logical CPUs this process may run on (Linux:
// Cpus_allowed_list in /proc/self/status, each CPU's package and core id in /sys); 0 when unknown.
func physicalCores() int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	return coresOf(allowedList(string(b)), func(cpu int) (string, bool) {
		dir := fmt.Sprintf("/sys/devices/system/cpu/cpu%d/topology/", cpu)
		pkg, err1 := os.ReadFile(dir + "physical_package_id")
		core, err2 := os.ReadFile(dir + "core_id")
		if err1 != nil || err2 != nil {
			return "", false
		}
		return strings.TrimSpace(string(pkg)) + "/" + strings.TrimSpace(string(core)), true
	})
}

// allowedList returns the value of the Cpus_allowed_list line of a /proc/<pid>/status file ("0-3,8").
func allowedList(status string) string {
	for line := range strings.Lines(status) {
		if v, ok := strings.CutPrefix(line, "Cpus_allowed_list:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// maxCPUs bounds the CPU numbers coresOf reads: more than any machine Linux runs on (8192).
const maxCPUs = 1 << 13

// coresOf counts the distinct cores of the CPUs in list ("0-3,8", as Linux prints CPU lists), core
// naming each CPU's core ("package/core"); 0 when list or any core is unknown.
func coresOf(list string, core func(cpu int) (string, bool)) int {
	seen := map[string]bool{}
	cpus := 0
	for part := range strings.SplitSeq(list, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a < 0 || b < a || b >= maxCPUs {
			return 0
		}
		for cpu := a; cpu <= b; cpu++ {
			c, ok := core(cpu)
			if !ok {
				return 0
			}
			seen[c] = true
			if cpus++; cpus > maxCPUs {
				return 0
			}
		}
	}
	return len(seen)
}

// onlineCPUs counts the logical CPUs online on the whole machine (Linux: /sys/devices/system/cpu/online,
// "0-15"); 0 when unknown.
func onlineCPUs() int {
	b, err := os.ReadFile("/sys/devices/system/cpu/online")
	if err != nil {
		return 0
	}
	return countList(strings.TrimSpace(string(b)))
}

// countList counts the CPUs in list ("0-3,8", as Linux prints CPU lists); 0 when it is malformed.
func countList(list string) int {
	n := 0
	return coresOf(list, func(cpu int) (string, bool) {
		n++
		return strconv.Itoa(cpu), true
	})
}

// cpuQuota reads the cgroup v2 cpu.max ("max 100000" or "150000 100000"), then cgroup v1.
func cpuQuota() float64 {
	if b, err := os.ReadFile("/sys/fs/cgroup/cpu.max"); err == nil {
		return quotaOf(strings.Fields(string(b)))
	}
	q, err1 := os.ReadFile("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
	p, err2 := os.ReadFile("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
	if err1 != nil || err2 != nil {
		return 0
	}
	return quotaOf([]string{strings.TrimSpace(string(q)), strings.TrimSpace(string(p))})
}

// quotaOf turns [quota period] into CPUs; "max" or a negative quota (v1's -1) means none.
func quotaOf(f []string) float64 {
	if len(f) != 2 {
		return 0
	}
	q, err1 := strconv.ParseFloat(f[0], 64)
	p, err2 := strconv.ParseFloat(f[1], 64)
	if err1 != nil || err2 != nil || q <= 0 || p <= 0 {
		return 0
	}
	return q / p
}

func loadAverage() []float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return nil
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return nil
	}
	var load []float64
	for _, s := range f[:3] {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil
		}
		load = append(load, v)
	}
	return load
}
