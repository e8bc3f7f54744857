package gotool

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"golang.org/x/perf/benchfmt"

	"github.com/parlab/parlab/lib/datadir"
	"github.com/parlab/parlab/lib/profile"
)

// Limits of the commands.
const (
	benchLimit = 2 * time.Minute
	toolLimit  = 30 * time.Second
	maxOutput  = 4 << 20
)

// Root returns the root of the parlab checkout this program runs from.
func Root() (string, error) {
	d, err := datadir.Dir()
	if err != nil {
		return "", fmt.Errorf("gotool: %w", err)
	}
	return filepath.Dir(d), nil
}

// command prepares a command in the checkout's root, in a process group of its own that a cancelled
// context kills whole.
func command(ctx context.Context, name string, args ...string) (*exec.Cmd, error) {
	root, err := Root()
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = root
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	return cmd, nil
}

// run runs the command and returns its combined output, cut at maxOutput.
func run(ctx context.Context, limit time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd, err := command(ctx, name, args...)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	text := out.String()
	if len(text) > maxOutput {
		text = text[:maxOutput] + "\n… (cut)"
	}
	if ctx.Err() != nil {
		return text, fmt.Errorf("gotool: %s was stopped: %w", strings.Join(append([]string{name}, args...), " "), ctx.Err())
	}
	if err != nil {
		return text, fmt.Errorf("gotool: %s failed (%v):\n%s", strings.Join(append([]string{name}, args...), " "), err, lastLines(text, 20))
	}
	return text, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

var (
	pkgRE     = regexp.MustCompile(`^\./lib/[a-z0-9/]+$`)
	patternRE = regexp.MustCompile(`^[A-Za-z0-9_/=.^$|()-]+$`)
	timeRE    = regexp.MustCompile(`^([0-9]+x|[0-9]+(ms|s))$`)
)

// BenchCommand returns the command line Bench runs, for the learner to read and copy.
func BenchCommand(pkg, pattern string, count int, benchtime string) string {
	return fmt.Sprintf("go test -run '^$' -bench '%s' -count %d -benchtime %s %s", pattern, count, benchtime, pkg)
}

// Bench runs `go test -run '^$' -bench pattern -count count -benchtime benchtime pkg` in the checkout
// and returns its output. pkg is a package of this checkout ("./lib/granularity"), pattern a benchmark
// pattern (letters, digits, _/=.^$|()-), count from 1 to 100, benchtime like "100x" or "200ms".
func Bench(ctx context.Context, pkg, pattern string, count int, benchtime string) (string, error) {
	switch {
	case !pkgRE.MatchString(pkg):
		return "", fmt.Errorf("gotool: pkg = %q is not allowed: want a package of this checkout, such as \"./lib/granularity\"", pkg)
	case !patternRE.MatchString(pattern):
		return "", fmt.Errorf("gotool: pattern = %q is not allowed: want a benchmark name or pattern, such as \"Granularity\"", pattern)
	case count < 1 || count > 100:
		return "", fmt.Errorf("gotool: count = %d is not allowed: want from 1 to 100 (benchstat needs at least 6 for an interval)", count)
	case !timeRE.MatchString(benchtime):
		return "", fmt.Errorf("gotool: benchtime = %q is not allowed: want a number of iterations (\"100x\") or a time (\"200ms\", \"1s\")", benchtime)
	}
	return run(ctx, benchLimit, "go", "test", "-run", "^$", "-bench", pattern, "-count", fmt.Sprint(count), "-benchtime", benchtime, pkg)
}

// Benchstat writes each input (name → benchmark output) to a file of that name in a temporary folder
// and runs `go tool benchstat args… names…` on them; it returns benchstat's table. Names must be plain
// file names ("old.txt").
func Benchstat(ctx context.Context, args []string, inputs []Input) (string, error) {
	if len(inputs) == 0 {
		return "", errors.New("gotool: Benchstat was given no inputs")
	}
	dir, err := os.MkdirTemp("", "parlab-benchstat-")
	if err != nil {
		return "", fmt.Errorf("gotool: %w", err)
	}
	defer os.RemoveAll(dir)
	full := append([]string{"tool", "benchstat"}, args...)
	for _, in := range inputs {
		if in.Name == "" || in.Name != filepath.Base(in.Name) || strings.HasPrefix(in.Name, "-") {
			return "", fmt.Errorf("gotool: input name %q is not allowed: want a plain file name such as \"new.txt\"", in.Name)
		}
		p := filepath.Join(dir, in.Name)
		if err := os.WriteFile(p, []byte(in.Text), 0o600); err != nil {
			return "", fmt.Errorf("gotool: %w", err)
		}
		full = append(full, p)
	}
	out, err := run(ctx, toolLimit, "go", full...)
	return strings.ReplaceAll(out, dir+string(filepath.Separator), ""), err
}

// Input is one benchmark output given to Benchstat, under a file name.
type Input struct{ Name, Text string }

// Samples reads benchmark output (the text `go test -bench` prints) with x/perf's benchfmt and returns,
// for each benchmark in the order first seen, its time per operation in each run.
func Samples(output string) (names []string, perOp map[string][]time.Duration, err error) {
	perOp = map[string][]time.Duration{}
	r := benchfmt.NewReader(strings.NewReader(output), "bench.txt")
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue // a syntax error or unit metadata: not a result
		}
		v, ok := res.Value("sec/op")
		if !ok {
			continue
		}
		name := string(res.Name.Full())
		if _, seen := perOp[name]; !seen {
			names = append(names, name)
		}
		perOp[name] = append(perOp[name], time.Duration(v*1e9))
	}
	if err := r.Err(); err != nil {
		return nil, nil, fmt.Errorf("gotool: reading benchmark output: %w", err)
	}
	if len(names) == 0 {
		return nil, nil, errors.New("gotool: the output holds no benchmark results")
	}
	return names, perOp, nil
}

// TraceProfile runs `go tool trace -pprof=kind file` (kind: net, sync, syscall or sched) and parses the
// profile it writes: where goroutines waited, and how long.
func TraceProfile(ctx context.Context, file, kind string) (*profile.Profile, error) {
	switch kind {
	case "net", "sync", "syscall", "sched":
	default:
		return nil, fmt.Errorf("gotool: kind = %q is not allowed: want net, sync, syscall or sched", kind)
	}
	ctx, cancel := context.WithTimeout(ctx, toolLimit)
	defer cancel()
	cmd, err := command(ctx, "go", "tool", "trace", "-pprof="+kind, file)
	if err != nil {
		return nil, err
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("gotool: go tool trace -pprof=%s failed (%v): %s", kind, err, lastLines(errOut.String(), 10))
	}
	p, err := profile.Parse(&out)
	if err != nil {
		return nil, fmt.Errorf("gotool: go tool trace -pprof=%s: %w", kind, err)
	}
	return p, nil
}
