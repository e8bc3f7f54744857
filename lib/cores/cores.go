package cores

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Topology is what the system reports about its processors. A count is 0 when nothing reported it.
type Topology struct {
	Model string // CPU model name
	// Logical is the logical CPUs online: what the OS schedules threads on.
	Logical int
	// Cores is the physical cores: distinct (socket, core) pairs among the logical CPUs.
	Cores   int
	Sockets int
	// ThreadsPerCore is Logical/Cores when both are known: 2 with hyperthreads (SMT), 1 without.
	ThreadsPerCore int
	// Kinds counts logical CPUs by relative capacity where the system reports differing ones (a
	// hybrid CPU's performance and efficiency cores, arm's big.LITTLE): capacity → CPUs. Nil when all
	// are alike or nothing is reported.
	Kinds map[int]int
	// Usable is the logical CPUs this process may run on (runtime.NumCPU: its affinity mask).
	Usable int
	// Quota is the cgroup CPU limit in CPUs; 0 for none.
	Quota float64
	// GOMAXPROCS is the Go runtime's current value.
	GOMAXPROCS int
	// Source says where the topology came from: "/sys/devices/system/cpu", "/proc/cpuinfo", or
	// "Go's runtime only".
	Source string
	// Lscpu holds lscpu's summary lines about CPUs, cores, threads and sockets, when lscpu ran.
	Lscpu []string
}

const sysCPU = "/sys/devices/system/cpu"

// Read reports this machine's topology.
func Read() Topology {
	env := bench.CaptureEnv()
	t := Topology{Model: env.CPUModel, Usable: runtime.NumCPU(), Quota: env.CPUQuota, GOMAXPROCS: runtime.GOMAXPROCS(0)}
	if !fromSys(&t, sysCPU) {
		fromCpuinfo(&t, "/proc/cpuinfo")
	}
	if t.Logical == 0 {
		t.Logical, t.Source = t.Usable, "Go's runtime only"
	}
	if t.Cores > 0 && t.Logical >= t.Cores {
		t.ThreadsPerCore = t.Logical / t.Cores
	}
	t.Lscpu = lscpu()
	return t
}

// fromSys reads /sys/devices/system/cpu/cpuN/topology; false when there is nothing to read.
func fromSys(t *Topology, dir string) bool {
	cpus, _ := filepath.Glob(filepath.Join(dir, "cpu[0-9]*"))
	cores, sockets, caps := map[[2]int]bool{}, map[int]bool{}, map[int]int{}
	for _, c := range cpus {
		core, err1 := readInt(filepath.Join(c, "topology", "core_id"))
		pkg, err2 := readInt(filepath.Join(c, "topology", "physical_package_id"))
		if err1 != nil || err2 != nil {
			continue // offline, or no topology
		}
		t.Logical++
		cores[[2]int{pkg, core}] = true
		sockets[pkg] = true
		if cp, err := readInt(filepath.Join(c, "cpu_capacity")); err == nil {
			caps[cp]++
		}
	}
	if t.Logical == 0 {
		return false
	}
	t.Cores, t.Sockets, t.Source = len(cores), len(sockets), dir
	if len(caps) > 1 {
		t.Kinds = caps
	}
	return true
}

// fromCpuinfo reads /proc/cpuinfo's processor, physical id and core id lines.
func fromCpuinfo(t *Topology, path string) {
	f, err := os.Open(path)
	if err != nil {
		return
	}
	defer f.Close()
	cores, sockets := map[[2]int]bool{}, map[int]bool{}
	pkg, logical := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		switch strings.TrimSpace(k) {
		case "processor":
			logical++
		case "physical id":
			if err == nil {
				pkg = n
				sockets[n] = true
			}
		case "core id":
			if err == nil {
				cores[[2]int{pkg, n}] = true
			}
		}
	}
	if logical == 0 {
		return
	}
	t.Logical, t.Source = logical, path
	if len(cores) > 0 {
		t.Cores, t.Sockets = len(cores), len(sockets)
	}
}

func readInt(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(string(b)))
}

// lscpu returns lscpu's lines about CPUs, threads, cores and sockets; nil when it is not installed.
func lscpu() []string {
	path, err := exec.LookPath("lscpu")
	if err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, path).Output()
	if err != nil {
		return nil
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		k, _, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "CPU(s)", "On-line CPU(s) list", "Thread(s) per core", "Core(s) per socket", "Core(s) per cluster", "Socket(s)", "Model name":
			lines = append(lines, strings.Join(strings.Fields(l), " "))
		}
	}
	return lines
}

// Rows returns the topology as rows of a two-column table (what, value), for nb.Table.
func (t Topology) Rows() [][]string {
	count := func(n int) string {
		if n == 0 {
			return "not reported"
		}
		return strconv.Itoa(n)
	}
	quota := "none"
	if t.Quota > 0 {
		quota = strconv.FormatFloat(t.Quota, 'g', 4, 64) + " CPUs"
	}
	rows := [][]string{
		{"CPU model", t.Model},
		{"logical CPUs (what the OS schedules on)", count(t.Logical)},
		{"physical cores", count(t.Cores)},
		{"threads per core (2 = hyperthreads)", count(t.ThreadsPerCore)},
		{"sockets", count(t.Sockets)},
		{"CPUs this process may use (runtime.NumCPU)", count(t.Usable)},
		{"cgroup CPU quota", quota},
		{"GOMAXPROCS", count(t.GOMAXPROCS)},
		{"read from", t.Source},
	}
	if len(t.Kinds) > 0 {
		var ks []int
		for k := range t.Kinds {
			ks = append(ks, k)
		}
		sort.Sort(sort.Reverse(sort.IntSlice(ks)))
		var parts []string
		for _, k := range ks {
			parts = append(parts, fmt.Sprintf("%d CPUs of capacity %d", t.Kinds[k], k))
		}
		rows = append(rows, []string{"kinds of core", strings.Join(parts, ", ")})
	}
	for _, l := range t.Lscpu {
		k, v, _ := strings.Cut(l, ":")
		rows = append(rows, []string{"lscpu: " + k, strings.TrimSpace(v)})
	}
	return rows
}

// Describe says in sentences what the topology means for a computing program's speedup.
func (t Topology) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "This machine reports **%d logical CPUs**", t.Logical)
	switch {
	case t.Cores == 0:
		b.WriteString("; it does not report how many physical cores they are, so whether two of them share a core is unknown here.")
	case t.ThreadsPerCore > 1:
		fmt.Fprintf(&b, " on **%d physical cores** (%d threads per core: hyperthreads). Two threads of one core share its execution units, so a computing loop's speedup usually bends at %d, not %d.",
			t.Cores, t.ThreadsPerCore, t.Cores, t.Logical)
	default:
		fmt.Fprintf(&b, " on **%d physical cores**: one thread per core, no hyperthreads reported.", t.Cores)
		if strings.Contains(strings.ToLower(t.Model), "epyc") || strings.Contains(strings.ToLower(t.Model), "xeon") || t.Logical <= 4 {
			b.WriteString(" Inside a virtual machine those cores may still be hyperthreads of the host, sharing a core with someone else's work: no file here says so, and only a measurement (the capacity probe below) can tell.")
		}
	}
	if len(t.Kinds) > 1 {
		fmt.Fprintf(&b, " Its cores are of %d kinds (different capacities): a goroutine on an efficiency core runs slower than one on a performance core, so speedup stops being linear once the fast cores are taken.", len(t.Kinds))
	}
	if t.Usable < t.Logical {
		fmt.Fprintf(&b, " This process may use only %d of them (its CPU affinity).", t.Usable)
	}
	if t.Quota > 0 {
		fmt.Fprintf(&b, " A cgroup quota limits it to %.2g CPUs' worth of time.", t.Quota)
	}
	fmt.Fprintf(&b, " GOMAXPROCS is %d.", t.GOMAXPROCS)
	return b.String()
}

// MayUse is the CPUs this process's goroutines may run on at once: the smaller of Usable (its
// affinity) and GOMAXPROCS, counting only those reported (0 when neither is).
func (t Topology) MayUse() int {
	n := t.Usable
	if t.GOMAXPROCS > 0 && (n == 0 || t.GOMAXPROCS < n) {
		n = t.GOMAXPROCS
	}
	return n
}

// CoresMark is the label of the physical-core mark on a speedup chart: the machine's cores, and how
// many CPUs this process may use when that is fewer. It is "" when there is nothing to mark: no core
// count reported, or a process that may use only one CPU, whose curve cannot reach any bend.
func (t Topology) CoresMark() string {
	may := t.MayUse()
	switch {
	case t.Cores == 0 || may == 1:
		return ""
	case may > 0 && may < t.Logical:
		return fmt.Sprintf("the machine's %d physical cores (this process may use %d CPUs)", t.Cores, may)
	}
	return fmt.Sprintf("%d physical cores", t.Cores)
}

// DescribeSpeedup says what a computing loop's speedup curve on 1 … MayUse()+1 goroutines can show
// here: the hyperthread bend, if any, and whether this process may use enough CPUs to reach it. probe
// says whether the chart draws the capacity probe's dotted line; the sentence mentions it only then.
func (t Topology) DescribeSpeedup(probe bool) string {
	may := t.MayUse()
	var b strings.Builder
	switch {
	case may == 1:
		b.WriteString("This process may use only **one CPU** (its CPU affinity or GOMAXPROCS), so the curve cannot rise: the goroutines only take turns on it, and no capacity line or hyperthread bend can show. With more CPUs the curve would climb with the capacity probe up to the CPUs the process may use, and on a machine with two threads per core bend at the physical-core count.")
		if t.Logical > 1 {
			fmt.Fprintf(&b, " This machine has %d logical CPUs: run without a CPU affinity limit to see it.", t.Logical)
		}
		return b.String()
	case t.ThreadsPerCore > 1 && may > 0 && may <= t.Cores:
		fmt.Fprintf(&b, "This machine has hyperthreads, and its bend is at **%d** goroutines, the physical cores; this process may use only %d CPUs, so the curve stops before it.", t.Cores, may)
	case t.ThreadsPerCore > 1:
		fmt.Fprintf(&b, "This machine has hyperthreads: look for the bend at **%d** goroutines, the physical cores, well before the %d logical CPUs.", t.Cores, t.Logical)
	case t.Cores > 0:
		b.WriteString("This machine reports one thread per core, so there is no hyperthread bend to see here; on a machine with two threads per core, the curve bends at the physical-core count.")
	default:
		b.WriteString("This system does not report its physical cores, so where a hyperthread bend would be is unknown here.")
	}
	if probe && may > 0 {
		fmt.Fprintf(&b, " The dotted capacity line shows what the %d CPUs this process may use actually gave.", may)
	}
	return b.String()
}
