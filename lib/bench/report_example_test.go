package bench_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Two runs on two machines that share a host name, as cloud machines do: two files, named after the
// machine, the day and the run; saving the same report again changes nothing.
func ExampleSaveReport() {
	dir, err := os.MkdirTemp("", "reports")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	day := time.Date(2026, 11, 22, 1, 25, 36, 0, time.UTC)
	a := bench.Env{Hostname: "vm", CPUModel: "AMD EPYC 7763 64-Core Processor", NumCPU: 16, Time: day}
	b := bench.Env{Hostname: "vm", CPUModel: "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", NumCPU: 16, Time: day}
	for _, run := range []struct {
		env  bench.Env
		json string
	}{{a, `{"run": 1}`}, {b, `{"run": 2}`}, {a, `{"run": 1}`}} {
		path, err := bench.SaveReport(dir, run.env, []byte(run.json))
		fmt.Println(filepath.Base(path), err)
	}
	entries, _ := os.ReadDir(dir)
	fmt.Println(len(entries), "files")
	// Output:
	// amd-epyc-7763-16cpu-20261122-8766d48d.json <nil>
	// intel-xeon-platinum-8375c-16cpu-20261122-3f5c394a.json <nil>
	// amd-epyc-7763-16cpu-20261122-8766d48d.json <nil>
	// 2 files
}

// The reports in this repository's data/bench, read by globbing the folder: the folder is the index.
func ExampleReports() {
	reports, skipped, err := bench.Reports(filepath.Join("..", "..", "data", "bench"))
	if err != nil {
		fmt.Println(err)
		return
	}
	r := reports[0]
	fmt.Println(r.File)
	fmt.Println(r.Machine(), "·", r.Env.Date(), "· load", r.Env.Load(), "·", len(skipped), "skipped")
	// Output:
	// amd-epyc-2cpu-20261122-36406086.json
	// AMD EPYC, 2 logical CPUs · 2026-11-22 · load 0.55 → 0.87 · 0 skipped
}

// The table notebook 09 shows of the reports: one row per machine and run, with its load.
func ExampleReportTable() {
	reports, _, err := bench.Reports(filepath.Join("..", "..", "data", "bench"))
	if err != nil {
		fmt.Println(err)
		return
	}
	header, rows := bench.ReportTable(reports)
	fmt.Println(header[1], "|", header[4])
	fmt.Println(rows[0][1], "|", rows[0][4])
	// Output:
	// machine | load before → after (1 min)
	// AMD EPYC, 2 logical CPUs | 0.55 → 0.87
}
