package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/internal/hostile"
)

// The CPU models are the "model name" lines of /proc/cpuinfo on the machines named (Intel's and AMD's
// spellings, trademarks included); the last two are what CaptureEnv records without one.
func TestReportName(t *testing.T) {
	day := time.Date(2026, 11, 22, 23, 59, 0, 0, time.FixedZone("UTC-5", -5*3600)) // 2026-11-23 in UTC
	for _, tt := range []struct {
		model, os, arch string
		cpus            int
		want            string
	}{
		{"AMD EPYC", "linux", "amd64", 2, "amd-epyc-2cpu-20261123-"},
		{"Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", "linux", "amd64", 64, "intel-xeon-platinum-8375c-64cpu-20261123-"},
		{"AMD Ryzen 9 7950X 16-Core Processor", "linux", "amd64", 32, "amd-ryzen-9-7950x-32cpu-20261123-"},
		{"AMD EPYC 7763 64-Core Processor", "linux", "amd64", 128, "amd-epyc-7763-128cpu-20261123-"},
		{"Intel(R) Core(TM) i7-8550U CPU @ 1.80GHz", "linux", "amd64", 8, "intel-core-i7-8550u-8cpu-20261123-"},
		{"AMD Ryzen 7 PRO 4750U with Radeon Graphics", "linux", "amd64", 16, "amd-ryzen-7-pro-4750u-16cpu-20261123-"},
		{"Neoverse-N1 " + strings.Repeat("very long model name ", 5), "linux", "arm64", 4, "neoverse-n1-very-long-model-name-very-4cpu-20261123-"},
		{"", "darwin", "arm64", 10, "darwin-arm64-10cpu-20261123-"},
		{"", "", "", 1, "unknown-cpu-1cpu-20261123-"},
		{"../../etc/passwd", "linux", "amd64", 1, "etc-passwd-1cpu-20261123-"},
	} {
		env := Env{CPUModel: tt.model, OS: tt.os, Arch: tt.arch, NumCPU: tt.cpus, Time: day}
		got := ReportName(env, []byte("{}"))
		if !strings.HasPrefix(got, tt.want) || !regexp.MustCompile(`-[0-9a-f]{8}\.json$`).MatchString(got) {
			t.Errorf("ReportName(%q, %d CPUs) = %q; want %q followed by 8 hex digits and .json", tt.model, tt.cpus, got, tt.want)
		}
	}
	env := Env{CPUModel: "AMD EPYC", NumCPU: 2, Time: day}
	if a, b := ReportName(env, []byte("one run")), ReportName(env, []byte("another run")); a == b {
		t.Errorf("two reports with the same machine and day have one name %q; want two", a)
	}
	if got := ReportName(Env{NumCPU: 1, OS: "linux", Arch: "amd64"}, nil); !strings.Contains(got, "-undated-") {
		t.Errorf("ReportName without a time = %q; want it undated", got)
	}
}

// A report as make bench writes it: env, quick, cpu_sweep and io_sweep, and peers in today's format.
func reportJSON(t *testing.T, env Env, median time.Duration) []byte {
	t.Helper()
	p := Point{Config: Config{Task: "sum of squares, n=1000", Workers: 1, Procs: 1}, Samples: []time.Duration{median}, Median: median}
	b, err := json.MarshalIndent(map[string]any{
		"env": env, "quick": true,
		"cpu_sweep": &Result{Env: env, Trials: 6, Points: []Point{p}},
		"io_sweep":  nil,
		"peers":     map[string]any{"native": map[string]any{"title": "t"}},
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSaveReportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	env := Env{CPUModel: "AMD EPYC", OS: "linux", Arch: "amd64", NumCPU: 2, Hostname: "vm", Time: time.Date(2026, 11, 22, 1, 25, 36, 0, time.UTC)}
	first, second := reportJSON(t, env, time.Millisecond), reportJSON(t, env, 2*time.Millisecond)
	p1, err1 := SaveReport(dir, env, first)
	p2, err2 := SaveReport(dir, env, second)
	if err1 != nil || err2 != nil || p1 == p2 {
		t.Fatalf("two runs on one host name saved as %q (%v) and %q (%v); want two files", p1, err1, p2, err2)
	}
	again, err := SaveReport(dir, env, first)
	if err != nil || again != p1 {
		t.Errorf("the same report saved again went to %q (%v); want its one file %q", again, err, p1)
	}
	// A file that holds other bytes under the report's name (a hash collision, simulated) is kept,
	// and the report goes under its long name.
	third := reportJSON(t, env, 3*time.Millisecond)
	squatter := filepath.Join(dir, ReportName(env, third))
	if err := os.WriteFile(squatter, []byte("someone else's"), 0o644); err != nil {
		t.Fatal(err)
	}
	p3, err := SaveReport(dir, env, third)
	if err != nil || len(filepath.Base(p3)) != len(filepath.Base(squatter))+56 {
		t.Errorf("saving beside a collision gave %q, %v; want the name with the full hash", p3, err)
	}
	if b, _ := os.ReadFile(squatter); string(b) != "someone else's" {
		t.Errorf("the file already there now holds %q; it must never be replaced", b)
	}
	if err := os.WriteFile(filepath.Join(dir, reportName(env, second, 64)), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p2, []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := SaveReport(dir, env, second); err == nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("both names taken: SaveReport = %q, %v; want an error saying nothing was written", p, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 5 {
		t.Errorf("%d files in the folder; want 5 (3 reports, 2 squatters)", len(entries))
	}
}

func TestReportsReadsBothFormatsAndSaysWhatItSkips(t *testing.T) {
	dir := t.TempDir()
	// The repository's own report, as make bench wrote it in November 2026 (peers as a list).
	old, err := os.ReadFile(filepath.Join("..", "..", "data", "bench", "amd-epyc-2cpu-20261122-36406086.json"))
	if err != nil {
		t.Fatal(err)
	}
	env := Env{CPUModel: "Test CPU", NumCPU: 4, PhysicalCores: 2, Time: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	for name, b := range map[string][]byte{
		"old.json":       old,
		"new.json":       reportJSON(t, env, time.Millisecond),
		"notes.txt":      []byte("not a report, and not read: not .json"),
		"broken.json":    []byte(`{"env": `),
		"empty.json":     nil,
		"no-sweeps.json": []byte(`{"env": {"num_cpu": 2}}`),
		"no-cpus.json":   []byte(`{"env": {"num_cpu": 0}, "cpu_sweep": {"points": []}}`),
		"a-result.json":  []byte(`{"env": {"num_cpu": 2}, "trials": 6, "points": [{"task": "x", "workers": 1, "gomaxprocs": 1, "median_ns": 5}]}`),
		"bad-point.json": []byte(`{"env": {"num_cpu": 2}, "cpu_sweep": {"points": [{"task": "x", "workers": 0, "gomaxprocs": 1, "median_ns": 5}]}}`),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.json"), 0o755); err != nil {
		t.Fatal(err)
	}
	reps, skipped, err := Reports(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 2 || reps[0].File != "old.json" || reps[1].File != "new.json" {
		t.Fatalf("read %d reports %v; want old.json, then new.json (oldest first)", len(reps), reps)
	}
	o := reps[0]
	if o.Env.Hostname != "vm" || o.Env.NumCPU != 2 || o.Env.Load() != "0.55 → 0.87" || len(o.CPU.Points) != 14 || len(o.IO.Points) != 10 {
		t.Errorf("the old report reads as %s, load %s, %d and %d points; want vm's 2 CPUs, load 0.55 → 0.87, 14 and 10 points",
			o.Machine(), o.Env.Load(), len(o.CPU.Points), len(o.IO.Points))
	}
	if got := reps[1].Machine(); got != "Test CPU, 4 logical CPUs on 2 physical cores" {
		t.Errorf("Machine() = %q", got)
	}
	want := map[string]string{
		"broken.json": "not a make bench report", "empty.json": "EOF", "no-sweeps.json": "no cpu_sweep or io_sweep",
		"no-cpus.json": "env.num_cpu is 0", "a-result.json": "no cpu_sweep or io_sweep", "bad-point.json": "workers 0",
	}
	if len(skipped) != len(want) {
		t.Errorf("skipped %q; want one sentence for each of %d files", skipped, len(want))
	}
	for file, why := range want {
		found := false
		for _, s := range skipped {
			found = found || strings.HasPrefix(s, "Skipped "+file+": ") && strings.Contains(s, why)
		}
		if !found {
			t.Errorf("skipped %q; want a sentence saying %s was skipped because %q", skipped, file, why)
		}
	}
}

func TestReportsOfTheCheckout(t *testing.T) {
	t.Setenv("GONB_DIR", filepath.Join("..", "..", "notebooks"))
	reps, skipped, err := Reports("")
	if err != nil || len(reps) == 0 || len(skipped) > 0 {
		t.Errorf("Reports(\"\") = %d reports, skipped %q, %v; want the reports of data/bench", len(reps), skipped, err)
	}
	t.Setenv("GONB_DIR", t.TempDir())
	if _, _, err := Reports(""); err == nil || !strings.Contains(err.Error(), "give the folder") {
		t.Errorf("Reports(\"\") outside a checkout: %v; want an error asking for the folder", err)
	}
}

// Linux prints CPU lists as ranges ("0-3,8-11"); the cores are each CPU's package and core id.
func TestCoresOf(t *testing.T) {
	smt := func(cpu int) (string, bool) { return fmt.Sprintf("0/%d", cpu%4), true } // 4 cores × 2 threads: CPU n and n+4 share a core
	for _, tt := range []struct {
		list string
		core func(int) (string, bool)
		want int
	}{
		{"0-7", smt, 4},
		{"0-3", smt, 4},
		{"0,4", smt, 1},
		{"0-1,4-5", smt, 2},
		{"0", smt, 1},
		{"", smt, 0},
		{"3-1", smt, 0},
		{"0-x", smt, 0},
		{"-1", smt, 0},
		{"0-100000000", smt, 0},
		{"0-3", func(int) (string, bool) { return "", false }, 0},
	} {
		if got := coresOf(tt.list, tt.core); got != tt.want {
			t.Errorf("coresOf(%q) = %d; want %d", tt.list, got, tt.want)
		}
	}
	if got := allowedList("Name:\tx\nCpus_allowed:\t3\nCpus_allowed_list:\t0-1\nMems_allowed:\t1\n"); got != "0-1" {
		t.Errorf("allowedList = %q; want 0-1", got)
	}
	if env := CaptureEnv(); env.PhysicalCores < 0 || env.PhysicalCores > env.NumCPU {
		t.Errorf("CaptureEnv: %d physical cores for %d logical CPUs", env.PhysicalCores, env.NumCPU)
	}
}

// TestHostileReports: the folder a notebook reads reports from is a Parameters value; whatever it
// holds, Reports answers with reports, sentences about skipped files, or an error naming dir.
func TestHostileReports(t *testing.T) {
	big := filepath.Join(os.TempDir(), "parlab-hostile-reports-big")
	var cases []hostile.Case
	for label, dir := range map[string]string{
		"missing": "/no/such/folder", "file": "/etc/hostname", "huge": "/" + strings.Repeat("a/", 1<<15),
		"nul": "a\x00b",
	} {
		cases = append(cases, hostile.Case{Name: "Reports/dir=" + label, Param: "dir", Call: func(context.Context) error {
			reps, _, err := Reports(dir)
			if err == nil && len(reps) > 0 {
				return fmt.Errorf("read %d reports from %q", len(reps), dir)
			}
			if err == nil {
				return errors.New("no error and no reports: want a sentence naming dir")
			}
			return err
		}})
	}
	cases = append(cases,
		hostile.Case{Name: "Reports/dir=no reports", Accepts: true, Call: func(context.Context) error {
			reps, skipped, err := Reports("/proc/self/fd")
			if err != nil || len(reps) > 0 || len(skipped) > 0 {
				return fmt.Errorf("Reports = %d reports, skipped %q, %v; want none, nothing skipped, no error", len(reps), skipped, err)
			}
			return nil
		}},
		hostile.Case{Name: "Reports/a 300 MB report", Accepts: true, Call: func(context.Context) error {
			os.MkdirAll(big, 0o755)
			defer os.RemoveAll(big)
			f, err := os.Create(filepath.Join(big, "big.json"))
			if err != nil {
				return err
			}
			f.Truncate(300 << 20)
			f.Close()
			reps, skipped, err := Reports(big)
			if err != nil || len(reps) > 0 || len(skipped) != 1 || !strings.Contains(skipped[0], "too large") {
				return fmt.Errorf("Reports = %d reports, skipped %q, %v; want the file skipped as too large", len(reps), skipped, err)
			}
			return nil
		}},
		hostile.Case{Name: "SaveReport/dir=empty", Param: "dir", Call: func(context.Context) error {
			_, err := SaveReport("", Env{}, []byte("{}"))
			return err
		}},
		hostile.Case{Name: "SaveReport/dir=a file", Param: "dir", Call: func(context.Context) error {
			_, err := SaveReport("/etc/hostname", Env{}, []byte("{}"))
			return err
		}},
		hostile.Case{Name: "SaveReport/data=nil", Param: "data", Call: func(context.Context) error {
			_, err := SaveReport(os.TempDir(), Env{}, nil)
			return err
		}},
	)
	hostile.Run(t, cases)
}

func TestReportTable(t *testing.T) {
	quiet := &Report{File: "a.json", Env: Env{CPUModel: "X", NumCPU: 4, GoVersion: "go1.26.8", LoadBefore: []float64{0.5}, LoadAfter: []float64{1}}}
	busy := &Report{File: "b.json", Quick: true, Env: Env{NumCPU: 2, OS: "linux", Arch: "arm64", LoadBefore: []float64{3}}}
	h, rows := ReportTable([]*Report{quiet, nil, busy})
	if len(h) != 6 || len(rows) != 2 {
		t.Fatalf("%d columns, %d rows; want 6 and 2 (nil skipped)", len(h), len(rows))
	}
	want := [][]string{
		{"a.json", "X, 4 logical CPUs", "go1.26.8", "undated", "0.50 → 1.00", "full"},
		{"b.json", "unknown CPU (linux/arm64), 2 logical CPUs", "", "undated", "3.00 (busy)", "quick (small sizes)"},
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q; want %q", i, rows[i], want[i])
		}
	}
}
