package cores

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parlab/parlab/lib/internal/says"
)

func writeFile(t *testing.T, path, v string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(v), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFromSys: 4 logical CPUs on 2 cores (hyperthreads), one socket, two kinds of core.
func TestFromSys(t *testing.T) {
	dir := t.TempDir()
	for cpu, c := range []struct{ core, pkg, capacity string }{{"0", "0", "1024"}, {"1", "0", "1024"}, {"0", "0", "512"}, {"1", "0", "512"}} {
		d := filepath.Join(dir, "cpu"+string(rune('0'+cpu)))
		writeFile(t, filepath.Join(d, "topology", "core_id"), c.core+"\n")
		writeFile(t, filepath.Join(d, "topology", "physical_package_id"), c.pkg+"\n")
		writeFile(t, filepath.Join(d, "cpu_capacity"), c.capacity+"\n")
	}
	writeFile(t, filepath.Join(dir, "cpufreq", "x"), "") // not a cpuN directory
	var top Topology
	if !fromSys(&top, dir) {
		t.Fatal("fromSys found nothing")
	}
	if top.Logical != 4 || top.Cores != 2 || top.Sockets != 1 || len(top.Kinds) != 2 {
		t.Errorf("topology %+v; want 4 logical, 2 cores, 1 socket, 2 kinds", top)
	}
	top.ThreadsPerCore, top.GOMAXPROCS, top.Usable = 2, 4, 4
	d := top.Describe()
	for _, w := range []string{"4 logical CPUs", "2 physical cores", "bends at 2", "2 kinds"} {
		if !strings.Contains(d, w) {
			t.Errorf("Describe() = %q; want %q", d, w)
		}
	}
	if fromSys(&Topology{}, filepath.Join(dir, "missing")) {
		t.Error("fromSys of a missing directory found something")
	}
}

func TestFromCpuinfo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cpuinfo")
	var b strings.Builder
	for i, pc := range [][2]string{{"0", "0"}, {"0", "1"}, {"1", "0"}, {"1", "1"}, {"0", "0"}, {"0", "1"}, {"1", "0"}, {"1", "1"}} {
		b.WriteString("processor\t: " + string(rune('0'+i)) + "\nphysical id\t: " + pc[0] + "\ncore id\t\t: " + pc[1] + "\n\n")
	}
	writeFile(t, path, b.String())
	var top Topology
	fromCpuinfo(&top, path)
	if top.Logical != 8 || top.Cores != 4 || top.Sockets != 2 {
		t.Errorf("topology %+v; want 8 logical CPUs, 4 cores, 2 sockets", top)
	}
	// arm64's cpuinfo has no core id: the logical count alone.
	writeFile(t, path, "processor\t: 0\nBogoMIPS\t: 50\n\nprocessor\t: 1\n")
	top = Topology{}
	fromCpuinfo(&top, path)
	if top.Logical != 2 || top.Cores != 0 {
		t.Errorf("topology %+v; want 2 logical CPUs and cores not reported", top)
	}
	if d := (Topology{Logical: 2, GOMAXPROCS: 2, Usable: 2}).Describe(); !strings.Contains(d, "does not report how many physical cores") {
		t.Errorf("Describe() = %q", d)
	}
}

func TestRead(t *testing.T) {
	top := Read()
	if top.Logical < 1 || top.Usable < 1 || top.GOMAXPROCS < 1 || top.Source == "" {
		t.Errorf("Read() = %+v; want at least one CPU and a source", top)
	}
	if rows := top.Rows(); len(rows) < 9 {
		t.Errorf("Rows() has %d rows; want at least 9", len(rows))
	}
}

// TestDescribeSpeedup: the sentence and the chart's core mark on 1, 2, 16 and 64 CPUs, with and
// without hyperthreads and a capacity line, never claim a curve or a line the process cannot draw.
func TestDescribeSpeedup(t *testing.T) {
	cases := []struct {
		name          string
		top           Topology
		probe         bool
		want, notWant []string
		markWants     string
	}{
		{"1 of 2 CPUs", Topology{Logical: 2, Cores: 2, ThreadsPerCore: 1, Usable: 1, GOMAXPROCS: 1}, false,
			[]string{"only **one CPU**", "cannot rise", "2 logical CPUs"}, []string{"dotted capacity line shows", "2 CPUs actually"}, ""},
		{"1 CPU machine", Topology{Logical: 1, Cores: 1, ThreadsPerCore: 1, Usable: 1, GOMAXPROCS: 1}, false,
			[]string{"only **one CPU**"}, []string{"This machine has 1 logical"}, ""},
		{"GOMAXPROCS 1 of 16", Topology{Logical: 16, Cores: 8, ThreadsPerCore: 2, Usable: 16, GOMAXPROCS: 1}, false,
			[]string{"only **one CPU**"}, []string{"look for the bend"}, ""},
		{"2 CPUs", Topology{Logical: 2, Cores: 2, ThreadsPerCore: 1, Usable: 2, GOMAXPROCS: 2}, true,
			[]string{"no hyperthread bend", "the 2 CPUs this process may use"}, []string{"one CPU"}, "2 physical cores"},
		{"2 CPUs no probe", Topology{Logical: 2, Cores: 2, ThreadsPerCore: 1, Usable: 2, GOMAXPROCS: 2}, false,
			[]string{"no hyperthread bend"}, []string{"dotted"}, "2 physical cores"},
		{"16 hyperthreads", Topology{Logical: 16, Cores: 8, ThreadsPerCore: 2, Usable: 16, GOMAXPROCS: 16}, true,
			[]string{"bend at **8**", "16 logical CPUs", "the 16 CPUs this process may use"}, []string{"stops before"}, "8 physical cores"},
		{"64 hyperthreads, 4 allowed", Topology{Logical: 64, Cores: 32, ThreadsPerCore: 2, Usable: 4, GOMAXPROCS: 4}, true,
			[]string{"bend is at **32**", "may use only 4 CPUs", "the 4 CPUs this process"}, []string{"64 CPUs this"}, "the machine's 32 physical cores (this process may use 4 CPUs)"},
		{"64, no cores reported", Topology{Logical: 64, Usable: 64, GOMAXPROCS: 64}, true,
			[]string{"does not report its physical cores", "the 64 CPUs"}, nil, ""},
	}
	for _, c := range cases {
		got := c.top.DescribeSpeedup(c.probe)
		says.Check(t, c.name, got, c.want, c.notWant)
		if m := c.top.CoresMark(); m != c.markWants {
			t.Errorf("%s: CoresMark = %q, want %q", c.name, m, c.markWants)
		}
	}
}
