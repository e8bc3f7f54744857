package main

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

//go:embed peers/sumsq.c peers/sumsq_mp.py
var peerFiles embed.FS

// peerN is the size of the classic example: 10 million squares.
const peerN = 10_000_000

// Peer is one program's times for the sum of squares of 10⁷.
type Peer struct {
	Name     string          `json:"name"`
	How      string          `json:"how"`
	Samples  []time.Duration `json:"samples_ns"`
	Median   time.Duration   `json:"median_ns"`
	Low      time.Duration   `json:"low_ns"`
	High     time.Duration   `json:"high_ns"`
	Checksum uint64          `json:"checksum"`
}

func (p *Peer) add(d time.Duration, sum uint64) {
	p.Samples = append(p.Samples, d)
	p.Checksum = sum
}

// peers times Go's sum-of-squares kernel and its C and Python peers. Their trials are
// interleaved one by one, in a shuffled order each round, so that a busy machine slows them alike
// and their ratios stay meaningful; each C or Python process warms up (C) or starts its pool
// (Python, as the classic example does) inside the same round.
func peers(ctx context.Context, rep *Report) error {
	dir, err := os.MkdirTemp("", "parlab-bench-peers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{"sumsq.c", "sumsq_mp.py"} {
		b, _ := peerFiles.ReadFile("peers/" + name)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	n := runtime.NumCPU()
	goSerial := &Peer{Name: "go serial", How: "workload.SumSquaresRange(1, 10⁷), one goroutine"}
	goPar := &Peer{Name: "go parallel", How: fmt.Sprintf("workload.SumSquares(10⁷).Run with %d goroutines", n)}
	cSerial := &Peer{Name: "c serial", How: "the same loop in C, gcc -O2"}
	cOmp := &Peer{Name: "c openmp", How: fmt.Sprintf("the same loop in C, gcc -O2 -fopenmp, %d threads", n)}
	goSame := &Peer{Name: "go same work as python", How: "2 goroutines, each Σ i² for i in 0 … 10⁷−1"}
	py := &Peer{Name: "python multiprocessing", How: "Pool(2).map(sum(i*i for i in range(10⁷))) ×2, pool start included"}
	cBin, note := buildC(dir)
	if note != "" {
		rep.Notes = append(rep.Notes, note)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		rep.Notes = append(rep.Notes, "The Python peer was skipped: python3 is not installed.")
	}
	par, err := workload.SumSquares(peerN)
	if err != nil {
		return err
	}
	rounds, pyRounds := 30, 6
	if workload.Quick() {
		rounds, pyRounds = bench.MinTrials, 1
	}
	steps := []func() error{
		func() error {
			runtime.GC()
			t0 := time.Now()
			s := workload.SumSquaresRange(1, peerN)
			goSerial.add(time.Since(t0), s)
			return nil
		},
		func() error {
			runtime.GC()
			t0 := time.Now()
			s, err := par.Run(ctx, n)
			goPar.add(time.Since(t0), s)
			return err
		},
	}
	if cBin != "" {
		steps = append(steps, func() error {
			out, err := exec.CommandContext(ctx, cBin, strconv.Itoa(peerN), "1", strconv.Itoa(n)).Output()
			if err != nil {
				return fmt.Errorf("running the C peer: %w", err)
			}
			return parse(out, map[string]*Peer{"serial": cSerial, "openmp": cOmp})
		})
	}
	sameWork := func() error {
		runtime.GC()
		t0 := time.Now()
		var wg sync.WaitGroup
		var r [2]uint64
		for w := range 2 {
			wg.Go(func() { r[w] = workload.SumSquaresRange(1, peerN-1) })
		}
		wg.Wait()
		goSame.add(time.Since(t0), r[0])
		return nil
	}
	pyStep := func() error {
		out, err := exec.CommandContext(ctx, python, filepath.Join(dir, "sumsq_mp.py"), strconv.Itoa(peerN), "1").Output()
		if err != nil {
			return fmt.Errorf("running the Python peer: %w", err)
		}
		return parse(out, map[string]*Peer{"python": py})
	}
	steps[0]() // warm-up of the Go kernels
	steps[1]()
	*goSerial, *goPar = Peer{Name: goSerial.Name, How: goSerial.How}, Peer{Name: goPar.Name, How: goPar.How}
	rng := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintln(os.Stderr, "peers: Go, C and Python, sum of squares of 10⁷ …")
	for r := range rounds {
		round := append(slices.Clone(steps), sameWork)
		if python != "" && r < pyRounds {
			round = append(round, pyStep)
		}
		rng.Shuffle(len(round), func(i, j int) { round[i], round[j] = round[j], round[i] })
		for _, step := range round {
			if err := step(); err != nil {
				return err
			}
		}
	}
	for _, p := range []*Peer{goSerial, goPar, cSerial, cOmp, goSame, py} {
		if len(p.Samples) > 0 {
			p.Median, p.Low, p.High, _ = bench.MedianCI(p.Samples)
			rep.Peers = append(rep.Peers, *p)
		}
	}
	for _, p := range []*Peer{cSerial, cOmp, goPar} {
		if len(p.Samples) > 0 && p.Checksum != goSerial.Checksum {
			return fmt.Errorf("%s returned checksum %d, but Go's serial kernel %d", p.Name, p.Checksum, goSerial.Checksum)
		}
	}
	if len(py.Samples) > 0 && py.Checksum != goSame.Checksum {
		return fmt.Errorf("the Python peer's checksum %d differs from Go's %d", py.Checksum, goSame.Checksum)
	}
	return nil
}

// buildC compiles the C peer with OpenMP, or without it when that fails; it returns the binary, or
// "" and the reason it was skipped, and a note on what was left out.
func buildC(dir string) (bin, note string) {
	gcc, err := exec.LookPath("gcc")
	if err != nil {
		return "", "The C peer was skipped: gcc is not installed."
	}
	src, bin := filepath.Join(dir, "sumsq.c"), filepath.Join(dir, "sumsq")
	out, err := exec.Command(gcc, "-O2", "-fopenmp", "-o", bin, src).CombinedOutput()
	if err == nil {
		return bin, ""
	}
	out2, err2 := exec.Command(gcc, "-O2", "-o", bin, src).CombinedOutput()
	if err2 != nil {
		return "", fmt.Sprintf("The C peer was skipped: gcc could not build it: %s", strings.TrimSpace(string(out2)))
	}
	return bin, fmt.Sprintf("The C OpenMP peer was skipped: gcc -fopenmp failed (%s).", firstLine(out))
}

func firstLine(b []byte) string {
	line, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return line
}

// parse reads lines "<label> <ns> <checksum>" into the peers named by label.
func parse(out []byte, into map[string]*Peer) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || into[f[0]] == nil {
			return fmt.Errorf("unexpected line %q", sc.Text())
		}
		ns, err1 := strconv.ParseInt(f[1], 10, 64)
		sum, err2 := strconv.ParseUint(f[2], 10, 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("unexpected line %q", sc.Text())
		}
		into[f[0]].add(time.Duration(ns), sum)
	}
	return sc.Err()
}
