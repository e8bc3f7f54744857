// Command parlab-bench runs parlab's standard sweep and the C and Python peers of its
// sum-of-squares kernel side by side, prints the results as Markdown and writes them, with the
// machine they were measured on and its load, to a new file in data/bench. `make bench` runs it:
//
//	go run ./lib/cmd/parlab-bench [-dir folder]
//
// The file is named after the machine and the run (bench.ReportName:
// <CPU model>-<logical CPUs>cpu-<date>-<hash>.json), never after the host name, which cloud
// machines share, and it never replaces another file: every run adds one. Notebook 09 reads every
// file in the folder (bench.Reports).
//
// With PARLAB_QUICK=1 in the environment it uses the small quick-mode sizes and few trials.
// The C peer is built with gcc -O2 -fopenmp (without -fopenmp when that fails) and the Python peer
// run with python3; each is skipped, with the reason printed, when its tool is missing. The peers'
// sources are in peers/ and embedded in the program.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/compare"
	"github.com/parlab/parlab/lib/datadir"
	"github.com/parlab/parlab/lib/workload"
)

// report is what one run of parlab-bench measured: the machine, its load and the sweeps
// (bench.Report, what notebooks compare across machines), and what only this command reads.
type report struct {
	bench.Report
	Peers    *peerResults `json:"peers"`
	Overhead harnessCost  `json:"overhead"`
	Targets  []target     `json:"targets"`
	Notes    []string     `json:"notes,omitempty"` // what was skipped and why
}

// target is one of the goals of the harness issue, with what was measured. Ratios of peers are
// medians of per-round ratios (compare.Result.Ratio).
type target struct {
	What     string         `json:"what"`
	Goal     string         `json:"goal"`
	Measured bench.Interval `json:"measured"` // value and 95% interval
	Met      bool           `json:"met"`      // the value meets the goal
}

func main() {
	dir := flag.String("dir", "", "the folder to write the report to (default data/bench in this checkout)")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "parlab-bench:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if dir == "" {
		data, err := datadir.Dir()
		if err != nil {
			return fmt.Errorf("%w; or give the folder to write to with -dir", err)
		}
		dir = filepath.Join(data, bench.ReportsDir)
	}
	rep := &report{Report: bench.Report{Env: bench.CaptureEnv(), Quick: workload.Quick()}}
	if w := rep.Env.Busy(); w != "" {
		fmt.Fprintln(os.Stderr, "warning:", w)
	}
	var err error
	var targets []string // the tasks whose speedup is a target
	if rep.CPU, targets, err = cpuSweep(ctx); err != nil {
		return err
	}
	if rep.IO, err = ioSweep(ctx); err != nil {
		return err
	}
	if rep.Peers, err = peers(ctx, rep); err != nil {
		return err
	}
	if rep.Overhead, err = overhead(ctx); err != nil {
		return err
	}
	rep.targets(targets)
	rep.Env.LoadAfter = bench.CaptureEnv().LoadBefore
	fmt.Print(rep.markdown())
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	out, err := bench.SaveReport(dir, rep.Env, append(b, '\n'))
	if err != nil {
		return err
	}
	fmt.Printf("\nWritten to %s. Notebook 09 reads every report in %s.\n", out, dir)
	return nil
}

// cpuSweep is the standard sweep of the CPU-bound, serial-fraction and memory-bound tasks at their
// default sizes over 1 … NumCPU workers. It also returns the names of the tasks whose speedup is a
// target: the sum of squares and Mandelbrot.
func cpuSweep(ctx context.Context) (*bench.Result, []string, error) {
	tasks, err := workload.Standard()
	if err != nil {
		return nil, nil, err
	}
	var workers []int
	for w := 1; w <= runtime.NumCPU(); w++ {
		workers = append(workers, w)
	}
	res, err := sweep(ctx, "CPU sweep", bench.Sweep{Tasks: tasks, Workers: workers})
	return res, []string{tasks[0].Name(), tasks[1].Name()}, err
}

// ioSweep is the standard sweep of the waiting tasks over 1 … 16 workers.
func ioSweep(ctx context.Context) (*bench.Result, error) {
	d := workload.DefaultSizes()
	srv, err := workload.NewServer(d.Wait, 8)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	sleep, err := workload.Sleep(d.WaitTasks, d.Wait)
	if err != nil {
		return nil, err
	}
	get, err := workload.HTTP(srv, d.WaitTasks)
	if err != nil {
		return nil, err
	}
	return sweep(ctx, "I/O sweep", bench.Sweep{Tasks: []workload.Task{sleep, get}, Workers: []int{1, 2, 4, 8, 16}})
}

func sweep(ctx context.Context, name string, s bench.Sweep) (*bench.Result, error) {
	var last time.Time
	every, format := 250*time.Millisecond, "\r%s: %d/%d runs, %.0f s, about %.0f s left   "
	if fi, err := os.Stderr.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		every, format = 5*time.Second, "%s: %d/%d runs, %.0f s, about %.0f s left\n" // a log, not a terminal
	}
	s.Progress = func(p bench.Progress) {
		if time.Since(last) > every || p.Done == p.Total {
			last = time.Now()
			fmt.Fprintf(os.Stderr, format, name, p.Done, p.Total, p.Elapsed.Seconds(), p.Left.Seconds())
		}
	}
	res, err := bench.Run(ctx, s)
	fmt.Fprintln(os.Stderr)
	return res, err
}

// harnessCost is what the harness adds per trial, measured with a task that does nothing.
type harnessCost struct {
	// InTrial is the median time of a trial of the empty task: what the harness adds to every
	// measured time (two clock reads, an interface call, a context check).
	InTrial time.Duration `json:"in_trial_ns"`
	// PerTrial is the harness's wall time per run of the empty task, everything included
	// (runtime.GC before each trial, shuffling, bookkeeping) — time spent, but outside the samples.
	PerTrial time.Duration `json:"per_trial_ns"`
}

type nothing struct{}

func (nothing) Name() string                                   { return "nothing" }
func (nothing) Serial(context.Context) (uint64, error)         { return 0, nil }
func (nothing) Run(ctx context.Context, w int) (uint64, error) { return 0, ctx.Err() }

// overhead times the harness on the empty task. PerTrial is the time from the end of the first
// run (the serial reference) to the end of the last, divided by the runs in between: each is a
// runtime.GC, a timed empty run and the bookkeeping, and nothing else (the summary at the end,
// bootstrap included, is not per trial).
func overhead(ctx context.Context) (harnessCost, error) {
	const trials = 200
	var first, last time.Time
	res, err := bench.Run(ctx, bench.Sweep{
		Tasks: []workload.Task{nothing{}}, Workers: []int{1}, Trials: trials,
		Progress: func(p bench.Progress) {
			if p.Done == 1 {
				first = time.Now()
			}
			last = time.Now()
		},
	})
	if err != nil {
		return harnessCost{}, err
	}
	return harnessCost{InTrial: res.Points[0].Median, PerTrial: last.Sub(first) / (trials + 1)}, nil
}

// targets compares what was measured with the goals: the speedup of the named tasks at NumCPU
// workers, Go against its peers, and the harness's overhead.
func (r *report) targets(speedupOf []string) {
	n := runtime.NumCPU()
	for _, task := range speedupOf {
		if s, ok := r.CPU.SpeedupAt(task, 0, n); ok {
			r.Targets = append(r.Targets, target{
				What:     fmt.Sprintf("speedup of %s at workers = NumCPU = %d", task, n),
				Goal:     fmt.Sprintf("≥ 0.95 × %d = %.2f", n, 0.95*float64(n)),
				Measured: s, Met: s.Value >= 0.95*float64(n),
			})
		}
	}
	ratio := func(res *compare.Result, what, goal, num, den string, ok func(float64) bool) {
		iv, found := res.Ratio(num, den)
		if !found {
			return
		}
		r.Targets = append(r.Targets, target{What: what, Goal: goal, Measured: iv, Met: ok(iv.Value)})
	}
	if r.Peers != nil {
		ratio(r.Peers.Native, "Go sum of squares (n = 10⁷, serial) time ÷ C gcc -O2 time", "≤ 1.1", goSerial, cSerial, func(v float64) bool { return v <= 1.1 })
		ratio(r.Peers.Native, fmt.Sprintf("Go sum of squares (n = 10⁷, %d goroutines) time ÷ C OpenMP (%d threads) time", n, n), "≤ 1.1", goPar, cOMP, func(v float64) bool { return v <= 1.1 })
		ratio(r.Peers.Python, "Python multiprocessing example time ÷ Go doing the same work", "≥ 50", python, goSame, func(v float64) bool { return v >= 50 })
	}
	for _, o := range []struct {
		what string
		d    time.Duration
	}{
		{"harness overhead inside each timed trial ÷ a 10 ms trial", r.Overhead.InTrial},
		{"harness time per trial in all (runtime.GC before each trial included) ÷ a 10 ms trial", r.Overhead.PerTrial},
	} {
		frac := float64(o.d) / float64(10*time.Millisecond)
		r.Targets = append(r.Targets, target{What: o.what, Goal: "< 1%", Measured: bench.Interval{Value: frac, Low: frac, High: frac}, Met: frac < 0.01})
	}
}

// markdown renders the report.
func (r *report) markdown() string {
	var b strings.Builder
	e := r.Env
	fmt.Fprintf(&b, "# parlab-bench on %s\n\n%s · GOMAXPROCS %d · CPU quota %s · %s %s/%s · load %v before, %v after · %s%s\n\n",
		e.Hostname, e.Machine(), e.GOMAXPROCS, quota(e.CPUQuota), e.GoVersion, e.OS, e.Arch, e.LoadBefore, e.LoadAfter,
		e.Time.Format(time.RFC3339), map[bool]string{true: " · quick mode", false: ""}[r.Quick])
	b.WriteString("## Targets\n\n| what | goal | measured (95% interval) | met |\n|---|---|--:|:-:|\n")
	for _, t := range r.Targets {
		m := fmt.Sprintf("%.3g (%.3g – %.3g)", t.Measured.Value, t.Measured.Low, t.Measured.High)
		if strings.Contains(t.Goal, "%") {
			m = fmt.Sprintf("%.3g%%", 100*t.Measured.Value)
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.What, t.Goal, m, map[bool]string{true: "yes", false: "**no**"}[t.Met])
	}
	b.WriteString("\n## Sum of squares: Go and its peers\n\n| program | how | median | 95% interval | trials |\n|---|---|--:|--:|--:|\n")
	if r.Peers != nil {
		for _, res := range []*compare.Result{r.Peers.Native, r.Peers.Python} {
			if res == nil {
				continue
			}
			for _, e := range res.Entries {
				fmt.Fprintf(&b, "| %s | %s | %s | %s – %s | %d |\n", e.Name, r.Peers.How[e.Name], ms(e.Median), ms(e.Low), ms(e.High), len(e.Samples))
			}
		}
	}
	for _, n := range r.Notes {
		b.WriteString("\n" + n + "\n")
	}
	fmt.Fprintf(&b, "\nHarness overhead, measured with a task that does nothing: %v inside each timed trial (%.4f%% of 10 ms), %s per trial in all, runtime.GC before each trial included.\n",
		r.Overhead.InTrial, 100*float64(r.Overhead.InTrial)/float64(10*time.Millisecond), ms(r.Overhead.PerTrial))
	b.WriteString("\n## CPU sweep\n\n" + r.CPU.Markdown())
	b.WriteString("\n## I/O sweep\n\n" + r.IO.Markdown())
	return b.String()
}

// ms shows a duration in milliseconds with three significant digits.
func ms(d time.Duration) string {
	return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
}

func quota(q float64) string {
	if q == 0 {
		return "none"
	}
	return fmt.Sprintf("%.2f CPUs", q)
}
