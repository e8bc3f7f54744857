package bench

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/internal/round"
)

// NoisyFraction is when a point is flagged noisy: its interval's half-width is more than this
// fraction of its median.
const NoisyFraction = 0.10

// Result is what a sweep measured, with the machine it was measured on. It is written and read as
// JSON ([Result.WriteFile], [ReadFile]); durations are in nanoseconds there. Every method works on
// a nil *Result, as on a result with nothing measured.
type Result struct {
	Env     Env           `json:"env"`
	Trials  int           `json:"trials"` // asked for per configuration
	Seed    uint64        `json:"seed"`
	Elapsed time.Duration `json:"elapsed_ns"`
	// Partial is true when the sweep was stopped early; Stopped then says when and why, and
	// points may have fewer than Trials samples (or be missing).
	Partial bool   `json:"partial"`
	Stopped string `json:"stopped,omitempty"`
	// Points are the configurations with at least one sample, ordered by task (as given), then
	// GOMAXPROCS, then workers.
	Points []Point `json:"points"`
	// Capacity is the capacity probe of each GOMAXPROCS value of the sweep with at least two threads
	// to compare (see Capacity): what the machine gave a perfectly parallel loop during the run.
	Capacity []Capacity `json:"capacity,omitempty"`
}

// Point is one configuration's measurements and their summary.
type Point struct {
	Config
	Samples []time.Duration `json:"samples_ns"` // in the order measured
	Median  time.Duration   `json:"median_ns"`
	// Low and High bound the 95% confidence interval of the median (see Coverage). Both are zero
	// when the point has fewer than MinTrials samples (a partial result): no interval, see
	// HasInterval.
	Low  time.Duration `json:"low_ns"`
	High time.Duration `json:"high_ns"`
	// Coverage is the probability that [Low, High] holds the true median: at least 0.95, or 0
	// when there is no interval.
	Coverage float64 `json:"coverage"`
	// Speedup is T(1 worker)/T(this), medians, with a bootstrap 95% interval: the one-worker run of
	// the same task under the same GOMAXPROCS is the baseline (not the best serial program, which may
	// be faster still). Efficiency is Speedup divided by the cores the point could use,
	// Env.CoresUsed(Workers, Procs) = min(Workers, GOMAXPROCS, NumCPU): goroutines beyond the cores
	// only take turns, so they are not counted as capacity. Both are zero when
	// the baseline has no samples (a partial result), and have a Value but no interval
	// (Interval.Known is false) when this point or its baseline has fewer than MinTrials samples.
	Speedup    Interval `json:"speedup"`
	Efficiency Interval `json:"efficiency"`
	// Noisy is true when the interval's half-width is more than NoisyFraction of the median, and
	// also when there is no interval at all (fewer than MinTrials samples): either way the median
	// is not a number to draw a conclusion from.
	Noisy bool `json:"noisy"`
}

// HasInterval reports whether the median has its 95% interval: false for a point of a partial
// result with fewer than MinTrials samples, whose median should be shown without whiskers and not
// compared with anything.
func (p Point) HasInterval() bool { return p.Low != 0 || p.High != 0 }

func (r *Result) summarize(configs []Config, samples [][]time.Duration) {
	base := map[[2]any][]time.Duration{} // (task, procs) → one-worker samples
	for i, c := range configs {
		if c.Workers == 1 {
			base[[2]any{c.Task, c.Procs}] = samples[i]
		}
	}
	r.Points = r.Points[:0]
	for i, c := range configs {
		xs := samples[i]
		if len(xs) == 0 {
			continue
		}
		p := Point{Config: c, Samples: xs}
		p.Median, p.Low, p.High, p.Coverage = MedianCI(xs) // no interval below MinTrials samples
		p.Noisy = !p.HasInterval() || float64(p.High-p.Low)/2 > NoisyFraction*float64(p.Median)
		if b := base[[2]any{c.Task, c.Procs}]; len(b) > 0 {
			p.Speedup = Ratio(b, xs, r.Seed+uint64(i)) // no interval when either has < MinTrials
			w := float64(r.Env.CoresUsed(c.Workers, c.Procs))
			p.Efficiency = Interval{p.Speedup.Value / w, p.Speedup.Low / w, p.Speedup.High / w}
		}
		r.Points = append(r.Points, p)
	}
}

// Warnings returns what a reader of the result should know, in plain sentences: a race-detector
// build, a busy machine,
// noisy points, points with too few trials for an interval. That the result is partial is not
// among them: Partial and Stopped say so, for the caller to show as it sees fit.
func (r *Result) Warnings() []string {
	if r == nil {
		return nil
	}
	var w []string
	if race := r.Env.Race(); race != "" {
		w = append(w, race)
	}
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	var noisy, few int
	var widest *Point
	for i, p := range r.Points {
		switch {
		case !p.HasInterval():
			few++
		case p.Noisy:
			noisy++
			if widest == nil || halfWidth(p) > halfWidth(*widest) {
				widest = &r.Points[i]
			}
		}
	}
	if noisy > 0 {
		what := fmt.Sprintf("%d of %d points are", noisy, len(r.Points))
		if noisy == len(r.Points) {
			what = fmt.Sprintf("All %d points are", noisy)
		}
		if noisy == 1 && len(r.Points) > 1 {
			what = fmt.Sprintf("1 of %d points is", len(r.Points))
		}
		w = append(w, fmt.Sprintf("%s noisy: the 95%% interval of the median is wider than ±%.0f%% of it (the widest, ±%.0f%%, at %s). Re-run on a quieter machine or with more trials.",
			what, 100*NoisyFraction, 100*halfWidth(*widest), widest.Config))
	}
	if few > 0 {
		w = append(w, fmt.Sprintf("%d of %d points have fewer than %d trials, too few for a 95%% interval: no conclusion is drawn from them.", few, len(r.Points), MinTrials))
	}
	return w
}

// halfWidth is half the width of p's interval, as a fraction of its median.
func halfWidth(p Point) float64 {
	if p.Median <= 0 {
		return 0
	}
	return float64(p.High-p.Low) / 2 / float64(p.Median)
}

// Markdown returns the result as a Markdown table, one row per point, with the warnings below it
// and, when the result is partial, a sentence saying so. An interval that is not known (too few
// trials) shows as a dash.
func (r *Result) Markdown() string {
	if r == nil {
		return "Nothing was measured.\n"
	}
	var b strings.Builder
	b.WriteString("| task | workers | GOMAXPROCS | median | 95% interval | speedup (95% interval) | efficiency | noisy |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|:-:|\n")
	for _, p := range r.Points {
		noisy := ""
		if p.Noisy {
			noisy = "yes"
		}
		median := "—"
		if p.HasInterval() {
			median = fmt.Sprintf("%s – %s", round.Duration(p.Low), round.Duration(p.High))
		}
		speedup := fmt.Sprintf("%.2f", p.Speedup.Value)
		if p.Speedup.Known() {
			speedup += fmt.Sprintf(" (%.2f – %.2f)", p.Speedup.Low, p.Speedup.High)
		} else {
			speedup += " (—)"
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %s | %.0f%% | %s |\n",
			p.Task, p.Workers, p.Procs, round.Duration(p.Median), median, speedup, 100*p.Efficiency.Value, noisy)
	}
	if r.Partial {
		b.WriteString("\nThis result is partial (" + r.Stopped + "): some configurations have fewer trials than asked, or none.\n")
	}
	for _, w := range r.Warnings() {
		b.WriteString("\n" + w + "\n")
	}
	return b.String()
}

// WriteFile writes the result as indented JSON to path, creating its directory.
func (r *Result) WriteFile(path string) error {
	if r == nil {
		return errors.New("bench: writing a result: the result is nil: measure one first")
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: encoding the result: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("bench: writing the result: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("bench: writing the result: %w", err)
	}
	return nil
}

// maxResultBytes bounds the file ReadFile reads: a sweep's million runs at most, as JSON.
const maxResultBytes = 256 << 20

// ReadFile reads a result written by WriteFile.
func ReadFile(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("bench: reading a result: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > maxResultBytes {
		return nil, fmt.Errorf("bench: %s is %d bytes, too large for a result (at most %d)", path, fi.Size(), maxResultBytes)
	}
	var r Result
	if err := json.NewDecoder(io.LimitReader(f, maxResultBytes)).Decode(&r); err != nil {
		return nil, fmt.Errorf("bench: %s is not a saved result: %w", path, err)
	}
	return &r, nil
}

// WriteCSV writes the raw samples as CSV, one row per sample, for a spreadsheet: task, workers,
// GOMAXPROCS, trial (in the order measured), seconds, and the point's median, interval and speedup
// (an interval's ends are 0 when the point has none).
func (r *Result) WriteCSV(w io.Writer) error {
	if w == nil {
		return errors.New("bench: writing CSV: the writer is nil")
	}
	if r == nil {
		r = &Result{}
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"task", "workers", "gomaxprocs", "trial", "seconds", "median_s", "low_s", "high_s", "speedup", "speedup_low", "speedup_high", "noisy"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, p := range r.Points {
		for i, s := range p.Samples {
			cw.Write([]string{p.Task, strconv.Itoa(p.Workers), strconv.Itoa(p.Procs), strconv.Itoa(i + 1), f(s.Seconds()),
				f(p.Median.Seconds()), f(p.Low.Seconds()), f(p.High.Seconds()),
				f(p.Speedup.Value), f(p.Speedup.Low), f(p.Speedup.High), strconv.FormatBool(p.Noisy)})
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("bench: writing CSV: %w", err)
	}
	return nil
}

// Group returns the points of one task under one GOMAXPROCS, by increasing workers: one curve of
// a chart, or the input of a scaling fit. task "" means the result's first task, procs 0 its first
// GOMAXPROCS value.
func (r *Result) Group(task string, procs int) []Point {
	if r == nil {
		return nil
	}
	if len(r.Points) > 0 {
		if task == "" {
			task = r.Points[0].Task
		}
		if procs == 0 {
			procs = r.Points[0].Procs
		}
	}
	var g []Point
	for _, p := range r.Points {
		if p.Task == task && p.Procs == procs {
			g = append(g, p)
		}
	}
	return g
}
