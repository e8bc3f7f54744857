package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/bench"
)

// TestTwoMachinesOneHostName runs `make bench` twice into one folder, in quick mode, as two machines
// that share a host name — as every cloud VM called "vm" does. The second machine is this one under
// `taskset -c 0`: one logical CPU, which is how a 1-CPU VM looks to the program (runtime.NumCPU and
// /proc/self/status both read the affinity); without taskset or a second CPU, it is this machine
// again, which must get a file of its own too. Both reports must be in the folder, each with its
// machine and load, and neither may replace the other.
func TestTwoMachinesOneHostName(t *testing.T) {
	if testing.Short() {
		t.Skip("runs make bench twice (about 25 s)")
	}
	mk, err := exec.LookPath("make")
	if err != nil {
		t.Skip("make is not installed")
	}
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var second []string // how the second machine is started
	if ts, err := exec.LookPath("taskset"); err == nil && runtime.NumCPU() > 1 {
		second = []string{ts, "-c", "0"}
	}
	run := func(prefix ...string) {
		t.Helper()
		args := append(prefix, mk, "-s", "-C", root, "bench", "BENCH_ARGS=-dir "+dir)
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "PARLAB_QUICK=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		if !strings.Contains(string(out), "Written to "+dir) {
			t.Fatalf("%s did not say where it wrote the report:\n%s", strings.Join(args, " "), out)
		}
	}
	run()
	run(second...)

	reps, skipped, err := bench.Reports(dir)
	if err != nil || len(skipped) > 0 {
		t.Fatalf("reading the reports: %v, skipped %q", err, skipped)
	}
	if len(reps) != 2 {
		t.Fatalf("%d reports in the folder after two runs; want 2", len(reps))
	}
	a, b := reps[0], reps[1]
	if a.File == b.File || a.Env.Hostname != b.Env.Hostname {
		t.Errorf("files %s (host %q) and %s (host %q); want two files from one host name", a.File, a.Env.Hostname, b.File, b.Env.Hostname)
	}
	for _, r := range reps {
		if !r.Quick || r.Env.NumCPU < 1 || len(r.Env.LoadBefore) == 0 || len(r.Env.LoadAfter) == 0 || r.CPU == nil || len(r.CPU.Points) == 0 || r.IO == nil {
			t.Errorf("%s: want a quick-mode report with its machine, its load before and after, and both sweeps; got %s, load %s", r.File, r.Machine(), r.Env.Load())
		}
		name := bench.ReportName(r.Env, nil) // the machine and day, then a hash of the file
		if prefix := name[:len(name)-len("00000000.json")]; !strings.HasPrefix(r.File, prefix) {
			t.Errorf("%s is not named after its machine and day (%s…)", r.File, prefix)
		}
	}
	if second != nil && (a.Env.NumCPU != runtime.NumCPU() || b.Env.NumCPU != 1 || !strings.Contains(b.File, "-1cpu-")) {
		t.Errorf("the second machine (taskset -c 0) has %d CPUs in %s; want 1, and the first %d", b.Env.NumCPU, b.File, a.Env.NumCPU)
	}
}
