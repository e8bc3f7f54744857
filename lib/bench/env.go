package bench

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Env is the machine a result was measured on.
type Env struct {
	Time       time.Time `json:"time"`
	Hostname   string    `json:"hostname"`
	GoVersion  string    `json:"go_version"`
	OS         string    `json:"os"`
	Arch       string    `json:"arch"`
	CPUModel   string    `json:"cpu_model"`
	NumCPU     int       `json:"num_cpu"`    // logical CPUs this process may use
	GOMAXPROCS int       `json:"gomaxprocs"` // when the sweep started (its default unless set)
	// CPUQuota is the cgroup CPU limit in CPUs (1.5 = one and a half cores); 0 means no limit.
	CPUQuota float64 `json:"cpu_quota"`
	// LoadBefore and LoadAfter are the 1-, 5- and 15-minute load averages before and after the
	// sweep; nil where the system does not report them. The sweep's own work raises LoadAfter.
	LoadBefore []float64 `json:"load_before,omitempty"`
	LoadAfter  []float64 `json:"load_after,omitempty"`
}

// CaptureEnv describes this machine now; LoadAfter is left empty.
func CaptureEnv() Env {
	host, _ := os.Hostname()
	return Env{
		Time:       time.Now().UTC().Truncate(time.Second),
		Hostname:   host,
		GoVersion:  runtime.Version(),
		OS:         runtime.GOOS,
		Arch:       runtime.GOARCH,
		CPUModel:   cpuModel(),
		NumCPU:     runtime.NumCPU(),
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		CPUQuota:   cpuQuota(),
		LoadBefore: loadAverage(),
	}
}

// Busy returns a warning in plain words when the machine was busy before the sweep — a 1-minute
// load average above half the logical CPUs — and "" when it was quiet or the load is unknown.
func (e Env) Busy() string {
	if len(e.LoadBefore) == 0 || e.NumCPU == 0 || e.LoadBefore[0] <= float64(e.NumCPU)/2 {
		return ""
	}
	return fmt.Sprintf("The machine was busy: its load average was %.2f on %d logical CPUs before the run, "+
		"more than half of them. Other programs were competing for the CPUs, so these times are slower "+
		"and noisier than on a quiet machine, and speedups are lower; close them and re-run for numbers you can trust.",
		e.LoadBefore[0], e.NumCPU)
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
