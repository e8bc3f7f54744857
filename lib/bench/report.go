package bench

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/datadir"
)

// Report is what one run of make bench (lib/cmd/parlab-bench) measured on one machine: the machine
// and its load, and the standard sweeps. Its file holds more (the C and Python peers, the
// harness's overhead, targets), which the command reads and writes; a Report keeps what compares
// across machines.
type Report struct {
	Env   Env     `json:"env"`
	Quick bool    `json:"quick"`     // measured in quick mode: small sizes, few trials
	CPU   *Result `json:"cpu_sweep"` // the computing tasks over 1 … NumCPU workers
	IO    *Result `json:"io_sweep"`  // the waiting tasks over 1 … 16 workers
	// File is the name of the file the report was read from, without its folder; "" for a report
	// not read from a file.
	File string `json:"-"`
}

// ReportsDir is the folder of make bench's reports in a parlab checkout, under its data folder.
const ReportsDir = "bench"

// maxReports bounds the files Reports reads from one folder.
const maxReports = 1000

// ReportName returns the file name make bench gives a report measured on env whose JSON is data:
//
//	<CPU model>-<logical CPUs>cpu-<date>-<hash>.json     amd-epyc-2cpu-20261122-3f9c2a1b.json
//
// The CPU model is lower case with its trademarks, "CPU", "Processor", core counts and clock
// speed dropped, at most 40 bytes of [a-z0-9-] ("<os>-<arch>" when unknown); the date is the day
// the run started, UTC; the hash is the first 8 hex digits of data's SHA-256. Two runs differ in
// their samples, so two machines with the same host name, model and core count measured on the same
// day still get two names, and the same file copied twice keeps its one name.
func ReportName(env Env, data []byte) string {
	return reportName(env, data, 8)
}

func reportName(env Env, data []byte, hashLen int) string {
	sum := sha256.Sum256(data)
	date := "undated"
	if !env.Time.IsZero() {
		date = env.Time.UTC().Format("20060102")
	}
	return fmt.Sprintf("%s-%dcpu-%s-%s.json", modelSlug(env), max(env.NumCPU, 0), date, hex.EncodeToString(sum[:])[:hashLen])
}

// modelSlug turns a CPU model into a short file-name part: "Intel(R) Xeon(R) Platinum 8375C CPU @
// 2.90GHz" → "intel-xeon-platinum-8375c", "AMD Ryzen 9 7950X 16-Core Processor" → "amd-ryzen-9-7950x";
// "<os>-<arch>" when the model is unknown.
func modelSlug(env Env) string {
	model := strings.ToLower(env.CPUModel)
	model, _, _ = strings.Cut(model, "@")      // the clock speed
	model, _, _ = strings.Cut(model, " with ") // "with Radeon Graphics"
	for _, noise := range []string{"(r)", "(tm)"} {
		model = strings.ReplaceAll(model, noise, " ")
	}
	var words []string
	for _, w := range strings.Split(slug(model), "-") {
		if w != "" && w != "cpu" && w != "processor" {
			words = append(words, w)
		}
	}
	s := strings.Join(words, "-")
	for len(s) > 40 {
		i := strings.LastIndexByte(s, '-')
		if i <= 0 {
			s = s[:40]
			break
		}
		s = s[:i]
	}
	if s == "" {
		s = slug(env.OS + "-" + env.Arch)
	}
	if s == "" {
		s = "unknown-cpu"
	}
	return s
}

// slug keeps the letters a–z and digits of s and joins the runs of them with "-"; "16-core" (a core
// count) is dropped.
func slug(s string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) {
		for part := range strings.SplitSeq(w, "-") {
			if part != "" {
				words = append(words, part)
			}
		}
	}
	for i := 0; i+1 < len(words); i++ { // "16", "core": a core count
		if words[i+1] == "core" && strings.Trim(words[i], "0123456789") == "" {
			words = slices.Delete(words, i, i+2)
			i--
		}
	}
	return strings.Join(words, "-")
}

// SaveReport writes data, the JSON of a report measured on env, into dir under [ReportName] and
// returns the path. It never replaces a file: when dir already holds a file of that name with the
// same bytes, the report is already saved and SaveReport returns its path; with other bytes (a
// collision of the 8-digit hash, about one in 4·10⁹ for a pair) it saves under the full 64-digit
// hash. dir is created if needed.
func SaveReport(dir string, env Env, data []byte) (string, error) {
	switch {
	case dir == "":
		return "", errors.New("bench: saving a report: dir is empty; give the folder to save it in (data/bench in a checkout)")
	case len(data) == 0:
		return "", errors.New("bench: saving a report: data is empty; give the report's JSON")
	case len(data) > maxResultBytes:
		return "", fmt.Errorf("bench: saving a report: data is %d bytes, more than a report can be (%d)", len(data), maxResultBytes)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("bench: saving a report: dir %w", err)
	}
	for _, hashLen := range []int{8, 64} {
		path := filepath.Join(dir, reportName(env, data, hashLen))
		err := writeNew(path, data)
		if !errors.Is(err, fs.ErrExist) {
			return path, err
		}
		if old, rerr := os.ReadFile(path); rerr == nil && bytes.Equal(old, data) {
			return path, nil
		}
	}
	return "", fmt.Errorf("bench: saving a report: %s and its long name already hold other reports; nothing was written", ReportName(env, data))
}

// writeNew creates path, which must not exist, and writes data to it; a failed write leaves no file.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("bench: saving a report: %w", err)
	}
	return nil
}

// ReadReport reads a report written by make bench, in its current format or an earlier one (every
// format has the same env, quick, cpu_sweep and io_sweep; what else a file holds is not read). It
// refuses a file that is not a report: not JSON, larger than a report can be, or without a machine
// (env.num_cpu) and a sweep with measurements.
func ReadReport(path string) (*Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bench: reading a report: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && (fi.IsDir() || fi.Size() > maxResultBytes) {
		if fi.IsDir() {
			return nil, fmt.Errorf("bench: reading a report: %s is a folder, not a report", path)
		}
		return nil, fmt.Errorf("bench: %s is %d bytes, too large for a report (at most %d)", path, fi.Size(), maxResultBytes)
	}
	var r Report
	if err := json.NewDecoder(io.LimitReader(f, maxResultBytes)).Decode(&r); err != nil {
		return nil, fmt.Errorf("bench: %s is not a make bench report: %w", path, err)
	}
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("bench: %s is not a make bench report: %w", path, err)
	}
	r.File = filepath.Base(path)
	return &r, nil
}

// validate checks what the comparisons of reports rely on.
func (r *Report) validate() error {
	if r.Env.NumCPU < 1 || r.Env.NumCPU > maxCPUs {
		return fmt.Errorf("its env.num_cpu is %d; want the logical CPUs of the machine, 1 to %d", r.Env.NumCPU, maxCPUs)
	}
	if (r.CPU == nil || len(r.CPU.Points) == 0) && (r.IO == nil || len(r.IO.Points) == 0) {
		return errors.New("it has no cpu_sweep or io_sweep with measurements")
	}
	for _, res := range []*Result{r.CPU, r.IO} {
		if res == nil {
			continue
		}
		for i, p := range res.Points {
			if p.Workers < 1 || p.Procs < 1 || p.Median <= 0 {
				return fmt.Errorf("point %d (%s) has workers %d, GOMAXPROCS %d and median %v; want positive values", i, clip(p.Task, 60), p.Workers, p.Procs, p.Median)
			}
		}
	}
	return nil
}

// Reports reads every report in dir (its *.json files; "" means data/bench in this parlab
// checkout), oldest measurement first. The folder is the index: whatever file is copied into it
// (scp, git) is read, and there is no list to regenerate or to merge. Files that are not reports
// are skipped, each with a sentence in skipped saying why; so is every file past the first 1000. An
// error means the folder itself could not be read.
func Reports(dir string) (reports []*Report, skipped []string, err error) {
	if dir == "" {
		data, err := datadir.Dir()
		if err != nil {
			return nil, nil, fmt.Errorf("bench: finding the reports: %w; give the folder of the reports instead", err)
		}
		dir = filepath.Join(data, ReportsDir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("bench: reading the reports in dir %q: %w", clip(dir, 200), err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".json") && !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if len(names) > maxReports {
		skipped = append(skipped, fmt.Sprintf("%s holds %d reports; only the first %d by name are read.", dir, len(names), maxReports))
		names = names[:maxReports]
	}
	for _, name := range names {
		r, err := ReadReport(filepath.Join(dir, name))
		if err != nil {
			skipped = append(skipped, fmt.Sprintf("Skipped %s: %s.", name, strings.TrimPrefix(err.Error(), "bench: ")))
			continue
		}
		reports = append(reports, r)
	}
	slices.SortStableFunc(reports, func(a, b *Report) int {
		if c := a.Env.Time.Compare(b.Env.Time); c != 0 {
			return c
		}
		return strings.Compare(a.File, b.File)
	})
	return reports, skipped, nil
}

// Machine describes the machine of the report in a few words: "AMD EPYC, 2 logical CPUs on 2
// physical cores".
func (r *Report) Machine() string {
	if r == nil {
		return "no machine"
	}
	return r.Env.Machine()
}

// Machine describes the machine in a few words: its CPU model, logical CPUs and physical cores
// (when known), GOMAXPROCS and CPU quota when they limit it.
func (e Env) Machine() string {
	model := e.CPUModel
	if model == "" {
		model = "unknown CPU (" + e.OS + "/" + e.Arch + ")"
	}
	s := fmt.Sprintf("%s, %d logical CPU%s", model, e.NumCPU, plural(e.NumCPU))
	if e.PhysicalCores > 0 {
		s += fmt.Sprintf(" on %d physical core%s", e.PhysicalCores, plural(e.PhysicalCores))
	}
	if e.GOMAXPROCS > 0 && e.GOMAXPROCS < e.NumCPU {
		s += fmt.Sprintf(", GOMAXPROCS %d", e.GOMAXPROCS)
	}
	if e.CPUQuota > 0 {
		s += fmt.Sprintf(", limited to %.3g CPUs", e.CPUQuota)
	}
	return s
}

// Load says the 1-minute load average before and after the run ("0.55 → 0.87"), "unknown" when
// not recorded.
func (e Env) Load() string {
	if len(e.LoadBefore) == 0 {
		return "unknown"
	}
	s := fmt.Sprintf("%.2f", e.LoadBefore[0])
	if len(e.LoadAfter) > 0 {
		s += fmt.Sprintf(" → %.2f", e.LoadAfter[0])
	}
	return s
}

// Date is the day the run started, UTC ("2026-11-22"), or "undated".
func (e Env) Date() string {
	if e.Time.IsZero() {
		return "undated"
	}
	return e.Time.UTC().Format(time.DateOnly)
}

// clip shortens s to at most n bytes for an error message, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// ReportTable returns the reports as a table for nb.Table: one row per report, with its file, machine,
// Go version, day, load (marked busy when it was above half the CPUs) and whether it ran in quick mode.
func ReportTable(reports []*Report) (header []string, rows [][]string) {
	header = []string{"file", "machine", "Go", "measured", "load before → after (1 min)", "mode"}
	for _, r := range reports {
		if r == nil {
			continue
		}
		load, mode := r.Env.Load(), "full"
		if r.Env.Busy() != "" {
			load += " (busy)"
		}
		if r.Quick {
			mode = "quick (small sizes)"
		}
		rows = append(rows, []string{r.File, r.Machine(), r.Env.GoVersion, r.Env.Date(), load, mode})
	}
	return header, rows
}
