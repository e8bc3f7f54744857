package nb

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/parlab/parlab/lib/bench"
)

// gonbVersion returns the version of GoNB this checkout pins: the gonbui module this program was built
// with (kernel-setup builds the kernel from the same module graph), or, where the binary carries no
// module information (test binaries), the version required in the checkout's go.mod; "unknown" if neither.
func gonbVersion() string {
	const gonb = "github.com/janpfeifer/gonb"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, d := range info.Deps {
			if d.Path == gonb {
				return d.Version
			}
		}
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "unknown"
	}
	mod, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "..", "go.mod"))
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(mod), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == gonb {
			return f[1]
		}
	}
	return "unknown"
}

// Machine captures this machine's description (bench.CaptureEnv), shows it as a table, adds a warning
// when the machine is busy, and returns it so later cells can adapt their text to it.
func Machine() bench.Env {
	e := bench.CaptureEnv()
	quota := "none (all logical CPUs may be used)"
	if e.CPUQuota > 0 {
		quota = fmt.Sprintf("%.2f CPUs", e.CPUQuota)
	}
	load := "not reported by this system"
	if len(e.LoadBefore) == 3 {
		load = fmt.Sprintf("%.2f, %.2f, %.2f (last 1, 5, 15 minutes)", e.LoadBefore[0], e.LoadBefore[1], e.LoadBefore[2])
	}
	model := e.CPUModel
	if model == "" {
		model = "not reported by this system"
	}
	rows := [][]string{
		{"Go", strings.TrimPrefix(e.GoVersion, "go") + " (" + e.OS + "/" + e.Arch + ")"},
		{"GoNB", gonbVersion()},
		{"CPU model", model},
		{"logical CPUs (runtime.NumCPU)", fmt.Sprint(e.NumCPU)},
		{"GOMAXPROCS (most threads executing Go code at once)", fmt.Sprint(e.GOMAXPROCS)},
		{"cgroup CPU quota", quota},
		{"load average", load},
	}
	if e.OnlineCPUs > e.NumCPU {
		rows = slices.Insert(rows, 4, []string{"logical CPUs of the whole machine (the load average counts them all)", fmt.Sprint(e.OnlineCPUs)})
	}
	if e.Hub != nil {
		rows = append(rows, []string{"class hub", fmt.Sprintf("%d learner(s) logged in, %d running code (you included)", e.Hub.Learners, e.Hub.BusyLearners)})
	}
	Table([]string{"", "this machine"}, rows)
	if w := e.Busy(); w != "" {
		Markdownf("**Warning.** %s", w)
	}
	if w := e.Race(); w != "" {
		Markdownf("**Warning.** %s", w)
	}
	return e
}
