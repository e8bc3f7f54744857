// Command numbers runs the benchmarks listed in data/numbers/list.tsv, writes what they measured, with
// the machine and its load, to data/numbers/<hostname>.txt, and rewrites the README's table of library
// numbers (between the lines <!-- numbers:begin --> and <!-- numbers:end -->) from it. `make numbers`
// runs it:
//
//	go run ./kernel-setup/numbers [-count 6] [-benchtime 1s] [-readme=false]
//
// The file holds go test's own output lines, so benchstat reads it, after "key: value" lines naming
// the machine. Each row of the table is the median of -count runs with its 95% order-statistic
// interval (bench.MedianCI). A benchmark of any package is added by a line in list.tsv; nothing here
// names a package. Run it on a quiet machine: the load before and after is written with the numbers.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/datadir"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// row is one line of list.tsv.
type row struct {
	pkg, bench, metric, what string
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("numbers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	count := fs.Int("count", 6, "runs of each benchmark (at least 6, for a 95% interval of the median)")
	benchtime := fs.String("benchtime", "1s", "go test -benchtime of each run")
	readme := fs.Bool("readme", true, "rewrite the README's table")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *count < bench.MinTrials || *count > 100 {
		fmt.Fprintf(stderr, "numbers: -count = %d is not allowed: want from %d to 100\n", *count, bench.MinTrials)
		return 2
	}
	if err := measure(*count, *benchtime, *readme, stdout); err != nil {
		fmt.Fprintln(stderr, "numbers:", err)
		return 1
	}
	return 0
}

func measure(count int, benchtime string, readme bool, stdout io.Writer) error {
	data, err := datadir.Dir()
	if err != nil {
		return err
	}
	root := filepath.Dir(data)
	list, err := os.ReadFile(filepath.Join(data, "numbers", "list.tsv"))
	if err != nil {
		return err
	}
	rows, err := parseList(list)
	if err != nil {
		return err
	}
	env := bench.CaptureEnv()
	var raw bytes.Buffer // go test's benchmark lines, every package
	for _, pkg := range packages(rows) {
		out, err := runPackage(root, pkg, rows, count, benchtime)
		if err != nil {
			return err
		}
		raw.Write(out)
	}
	env.LoadAfter = bench.CaptureEnv().LoadBefore
	results := parseResults(raw.Bytes(), env.GOMAXPROCS)
	var b strings.Builder
	for _, kv := range [][2]string{
		{"machine", env.Hostname}, {"cpu", env.CPUModel}, {"logical-cpus", strconv.Itoa(env.NumCPU)},
		{"gomaxprocs", strconv.Itoa(env.GOMAXPROCS)}, {"cpu-quota", fmt.Sprint(env.CPUQuota)},
		{"go", env.GoVersion}, {"goos", env.OS}, {"goarch", env.Arch},
		{"load-before", fmt.Sprint(env.LoadBefore)}, {"load-after", fmt.Sprint(env.LoadAfter)},
		{"date", env.Time.Format(time.RFC3339)}, {"count", strconv.Itoa(count)}, {"benchtime", benchtime},
	} {
		fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
	}
	b.Write(raw.Bytes())
	out := filepath.Join(data, "numbers", env.Hostname+".txt")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	table, err := renderTable(rows, results, env, "data/numbers/"+env.Hostname+".txt")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Written to %s.\n\n%s", out, table)
	if !readme {
		return nil
	}
	path := filepath.Join(root, "README.md")
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	updated, err := replaceBetween(string(old), table)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(updated), 0o644)
}

// parseList reads list.tsv: comments and blank lines skipped, four tab-separated fields a line.
func parseList(b []byte) ([]row, error) {
	var rows []row
	for i, line := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || !strings.HasPrefix(f[0], "./") || !strings.HasPrefix(f[1], "Benchmark") || f[2] == "" || f[3] == "" {
			return nil, fmt.Errorf("list.tsv line %d: %q: want package (./lib/…), benchmark, metric and what, separated by tabs", i+1, line)
		}
		rows = append(rows, row{f[0], f[1], f[2], f[3]})
	}
	if len(rows) == 0 {
		return nil, errors.New("list.tsv lists no benchmarks")
	}
	return rows, nil
}

// packages returns the packages of rows, each once, in the order of their first row.
func packages(rows []row) []string {
	var pkgs []string
	seen := map[string]bool{}
	for _, r := range rows {
		if !seen[r.pkg] {
			seen[r.pkg] = true
			pkgs = append(pkgs, r.pkg)
		}
	}
	return pkgs
}

// runPackage builds pkg's test binary once and runs each of its listed benchmarks count times,
// returning go test's output.
func runPackage(root, pkg string, rows []row, count int, benchtime string) ([]byte, error) {
	dir, err := os.MkdirTemp("", "parlab-numbers-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "test")
	build := exec.Command("go", "test", "-c", "-o", bin, pkg)
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building the tests of %s: %v\n%s", pkg, err, out)
	}
	var out bytes.Buffer
	done := map[string]bool{}
	for _, r := range rows {
		if r.pkg != pkg || done[r.bench] {
			continue
		}
		done[r.bench] = true
		fmt.Fprintf(os.Stderr, "numbers: %s %s × %d …\n", pkg, r.bench, count)
		cmd := exec.Command(bin, "-test.run=^$", "-test.bench="+benchRegexp(r.bench), "-test.count="+strconv.Itoa(count), "-test.benchtime="+benchtime)
		cmd.Dir = filepath.Join(root, pkg)
		b, err := cmd.CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("%s %s: %v\n%s", pkg, r.bench, err, b)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "Benchmark") {
				out.WriteString("pkg-dir: " + pkg + "\n" + line + "\n")
			}
		}
	}
	return out.Bytes(), nil
}

// benchRegexp turns a benchmark's full name into go test's -bench pattern: each level between
// slashes matched exactly.
func benchRegexp(name string) string {
	parts := strings.Split(name, "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	return strings.Join(parts, "/")
}

// results maps package and benchmark name (without the -N suffix) to metric to its values.
type results map[string]map[string][]float64

// parseResults reads go test's benchmark lines, each preceded by a "pkg-dir: ./…" line. go test
// appends "-<GOMAXPROCS>" to each name when GOMAXPROCS is not 1; procs says which it was.
func parseResults(b []byte, procs int) results {
	suffix := ""
	if procs != 1 {
		suffix = "-" + strconv.Itoa(procs)
	}
	res := results{}
	pkg := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg-dir: "); ok {
			pkg = p
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		key := pkg + " " + strings.TrimSuffix(f[0], suffix)
		if res[key] == nil {
			res[key] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 { // after the name and the iterations: value unit pairs
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				res[key][f[i+1]] = append(res[key][f[i+1]], v)
			}
		}
	}
	return res
}

// renderTable is the README's table: one row per listed benchmark, with the machine.
func renderTable(rows []row, res results, env bench.Env, file string) (string, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "Measured by `make numbers` on %s (%s, %d logical CPUs, %s), %s, load average %.2f before and %.2f after; "+
		"median of %s runs with its 95%% interval; every run in [%s](%s).\n\n",
		env.Hostname, orUnknown(env.CPUModel), env.NumCPU, env.GoVersion, env.Time.Format("2006-01-02"),
		first(env.LoadBefore), first(env.LoadAfter), runsOf(rows, res), file, file)
	b.WriteString("| what | package | measured (95% interval) |\n|---|---|--:|\n")
	for _, r := range rows {
		vs := res[r.pkg+" "+r.bench][r.metric]
		if len(vs) == 0 {
			return "", fmt.Errorf("%s %s reported no %s: is the name in list.tsv as go test prints it?", r.pkg, r.bench, r.metric)
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", r.what, strings.TrimPrefix(r.pkg, "./lib/"), summary(vs, r.metric))
	}
	return b.String(), nil
}

// summary is the median of vs and its 95% order-statistic interval, in the metric's unit: times in
// ns/op and metrics ending in -ns are shown in the unit that reads best. With fewer than
// bench.MinTrials runs there is no interval, and the cell says how many runs the median is of.
func summary(vs []float64, metric string) string {
	const scale = 1e6 // values as Durations, to reuse bench.MedianCI
	ds := make([]time.Duration, len(vs))
	for i, v := range vs {
		ds[i] = time.Duration(v * scale)
	}
	med, lo, hi, _ := bench.MedianCI(ds)
	f := func(d time.Duration) float64 { return float64(d) / scale }
	val := func(x float64) string { return fmt.Sprintf("%.3g", x) }
	head := val(f(med)) + " " + metric
	if metric == "ns/op" || strings.HasSuffix(metric, "-ns") {
		val = func(ns float64) string { return time.Duration(ns).Round(time.Duration(roundTo(ns))).String() }
		head = val(f(med))
	}
	if lo == 0 && hi == 0 {
		return fmt.Sprintf("%s (%d run%s, too few for an interval)", head, len(vs), map[bool]string{true: "", false: "s"}[len(vs) == 1])
	}
	return fmt.Sprintf("%s (%s – %s)", head, val(f(lo)), val(f(hi)))
}

// roundTo is the step that leaves three significant digits of ns, at least 1 ns.
func roundTo(ns float64) float64 {
	step := 1.0
	for ns >= 1000*step {
		step *= 10
	}
	return step
}

func runsOf(rows []row, res results) string {
	counts := map[int]bool{}
	for _, r := range rows {
		counts[len(res[r.pkg+" "+r.bench][r.metric])] = true
	}
	var cs []string
	for c := range counts {
		cs = append(cs, strconv.Itoa(c))
	}
	sort.Strings(cs)
	return strings.Join(cs, " or ")
}

func first(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	return xs[0]
}

func orUnknown(s string) string {
	if s == "" {
		return "CPU model unknown"
	}
	return s
}

const (
	beginMarker = "<!-- numbers:begin -->"
	endMarker   = "<!-- numbers:end -->"
)

// replaceBetween puts table between the README's markers, replacing what was there.
func replaceBetween(readme, table string) (string, error) {
	i, j := strings.Index(readme, beginMarker), strings.Index(readme, endMarker)
	if i < 0 || j < i {
		return "", fmt.Errorf("README.md has no %s … %s lines to put the table between", beginMarker, endMarker)
	}
	return readme[:i+len(beginMarker)] + "\n" + table + readme[j:], nil
}
