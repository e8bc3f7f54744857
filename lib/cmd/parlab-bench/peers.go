package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/workload"
)

//go:embed peers/sumsq.c peers/sumsq_mp.py
var peerFiles embed.FS

// peerN is the size of the classic example: 10 million squares.
const peerN = 10_000_000

// Names of the peers, as entries of the two comparisons and in the targets.
const (
	goSerial = "go serial"
	goPar    = "go parallel"
	cSerial  = "c serial"
	cOMP     = "c openmp"
	goSame   = "go same work as python"
	python   = "python multiprocessing"
)

// peerResults is what the peers of the sum-of-squares kernel measured: Go and C side by side, and the
// classic Python multiprocessing example beside Go doing the same work, each comparison interleaved
// round by round (lib/compare), so that a busy machine slows the two sides of every ratio alike.
type peerResults struct {
	Native *compare.Result   `json:"native"`           // Go and C, 10⁷ squares
	Python *compare.Result   `json:"python,omitempty"` // Python's example and Go; nil without python3
	How    map[string]string `json:"how"`              // what each entry ran
}

// peers times Go's sum-of-squares kernel and its C and Python peers. Each C or Python run is a process
// that warms up (C) or starts its pool (Python, as the classic example does) before its timed part.
func peers(ctx context.Context, rep *report) (*peerResults, error) {
	dir, err := os.MkdirTemp("", "parlab-bench-peers-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"sumsq.c", "sumsq_mp.py"} {
		b, _ := peerFiles.ReadFile("peers/" + name)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return nil, err
		}
	}
	n := runtime.NumCPU()
	want := workload.SumSquaresRange(1, peerN)
	par, err := workload.SumSquares(peerN)
	if err != nil {
		return nil, err
	}
	out := &peerResults{How: map[string]string{
		goSerial: "workload.SumSquaresRange(1, 10⁷), one goroutine",
		goPar:    fmt.Sprintf("workload.SumSquares(10⁷).Run with %d goroutines", n),
		cSerial:  "the same loop in C, gcc -O2",
		cOMP:     fmt.Sprintf("the same loop in C, gcc -O2 -fopenmp, %d threads", n),
		goSame:   "2 goroutines, each Σ i² for i in 0 … 10⁷−1",
		python:   "Pool(2).map(sum(i*i for i in range(10⁷))) ×2, pool start included",
	}}
	check := func(name string, got uint64) error {
		if got != want {
			return fmt.Errorf("%s returned checksum %d, but Go's serial kernel %d", name, got, want)
		}
		return nil
	}
	native := []compare.Impl{
		{Name: goSerial, Run: func(context.Context) error { return check(goSerial, workload.SumSquaresRange(1, peerN)) }},
		{Name: goPar, Run: func(ctx context.Context) error {
			s, err := par.Run(ctx, n)
			if err != nil {
				return err
			}
			return check(goPar, s)
		}},
	}
	cBin, omp, note := buildC(dir)
	if note != "" {
		rep.Notes = append(rep.Notes, note)
	}
	if cBin != "" {
		native = append(native, compare.Impl{Name: cSerial, Time: program(check, cSerial, "serial", cBin, strconv.Itoa(peerN), "serial", strconv.Itoa(n))})
		if omp {
			native = append(native, compare.Impl{Name: cOMP, Time: program(check, cOMP, "openmp", cBin, strconv.Itoa(peerN), "openmp", strconv.Itoa(n))})
		}
	}
	rounds := 30
	if workload.Quick() {
		rounds = bench.MinTrials
	}
	fmt.Fprintln(os.Stderr, "peers: Go and C, sum of squares of 10⁷ …")
	if out.Native, err = compare.Run(ctx, "sum of squares of 10⁷: Go and C", rounds, 1, native...); err != nil {
		return nil, err
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		rep.Notes = append(rep.Notes, "The Python peer was skipped: python3 is not installed.")
		return out, nil
	}
	same := compare.Impl{Name: goSame, Run: func(context.Context) error {
		var wg sync.WaitGroup
		var r [2]uint64
		for w := range 2 {
			wg.Go(func() { r[w] = workload.SumSquaresRange(1, peerN-1) })
		}
		wg.Wait()
		if r[0] != r[1] || r[0] != want-uint64(peerN)*uint64(peerN) {
			return fmt.Errorf("%s returned %d and %d, want %d", goSame, r[0], r[1], want-uint64(peerN)*uint64(peerN))
		}
		return nil
	}}
	pyCheck := func(name string, got uint64) error { // Python's sum stops at 10⁷−1
		if w := want - uint64(peerN)*uint64(peerN); got != w {
			return fmt.Errorf("%s returned checksum %d, but Go's %d", name, got, w)
		}
		return nil
	}
	fmt.Fprintln(os.Stderr, "peers: the Python multiprocessing example and Go …")
	out.Python, err = compare.Run(ctx, "the classic multiprocessing example: Python and Go", bench.MinTrials, 1,
		same, compare.Impl{Name: python, Time: program(pyCheck, python, "python", py, filepath.Join(dir, "sumsq_mp.py"), strconv.Itoa(peerN))})
	return out, err
}

// program returns a Time function that runs a peer and reads its line "<label> <ns> <checksum>",
// checking the checksum with check.
func program(check func(string, uint64) error, name, label, bin string, args ...string) func(context.Context) (time.Duration, error) {
	return func(ctx context.Context) (time.Duration, error) {
		out, err := exec.CommandContext(ctx, bin, args...).Output()
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) && len(ee.Stderr) > 0 {
				return 0, fmt.Errorf("running the %s peer: %v: %s", name, err, firstLine(ee.Stderr))
			}
			return 0, fmt.Errorf("running the %s peer: %w", name, err)
		}
		d, sum, err := parse(out, label)
		if err != nil {
			return 0, fmt.Errorf("the %s peer: %w", name, err)
		}
		return d, check(name, sum)
	}
}

// buildC compiles the C peer with OpenMP, or without it when that fails. It returns the binary
// ("" when it could not be built), whether it has OpenMP, and a note on what was left out and why.
func buildC(dir string) (bin string, omp bool, note string) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		return "", false, "The C peer was skipped: gcc is not installed."
	}
	src, bin := filepath.Join(dir, "sumsq.c"), filepath.Join(dir, "sumsq")
	out, err := exec.Command(gcc, "-O2", "-fopenmp", "-o", bin, src).CombinedOutput()
	if err == nil {
		return bin, true, ""
	}
	out2, err2 := exec.Command(gcc, "-O2", "-o", bin, src).CombinedOutput()
	if err2 != nil {
		return "", false, fmt.Sprintf("The C peer was skipped: gcc could not build it: %s", strings.TrimSpace(string(out2)))
	}
	return bin, false, fmt.Sprintf("The C OpenMP peer was skipped: gcc -fopenmp failed (%s).", firstLine(out))
}

func firstLine(b []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return line
}

// parse reads a peer's one line "<label> <ns> <checksum>".
func parse(out []byte, label string) (time.Duration, uint64, error) {
	f := strings.Fields(string(out))
	if len(f) != 3 || f[0] != label {
		return 0, 0, fmt.Errorf("printed %q; want one line \"%s <ns> <checksum>\"", strings.TrimSpace(string(out)), label)
	}
	ns, err1 := strconv.ParseInt(f[1], 10, 64)
	sum, err2 := strconv.ParseUint(f[2], 10, 64)
	if err1 != nil || err2 != nil || ns <= 0 {
		return 0, 0, fmt.Errorf("printed %q; want a positive time in ns and a checksum", strings.TrimSpace(string(out)))
	}
	return time.Duration(ns), sum, nil
}
