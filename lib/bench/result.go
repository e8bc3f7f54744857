package bench

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// NoisyFraction is when a point is flagged noisy: its interval's half-width is more than this
// fraction of its median.
const NoisyFraction = 0.10

// Result is what a sweep measured, with the machine it was measured on. It is saved and loaded as
// JSON (Save, Load); durations are in nanoseconds there.
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
	// Speedup is T(1 worker)/T(this), medians, with a bootstrap 95% interval; Efficiency is
	// Speedup/Workers. The baseline is the same task under the same GOMAXPROCS. Both are zero when
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
			w := float64(c.Workers)
			p.Efficiency = Interval{p.Speedup.Value / w, p.Speedup.Low / w, p.Speedup.High / w}
		}
		r.Points = append(r.Points, p)
	}
}

// Warnings returns what a reader of the result should know, in plain sentences: a busy machine,
// a partial result, noisy points.
func (r *Result) Warnings() []string {
	var w []string
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	if r.Partial {
		w = append(w, "This result is partial ("+r.Stopped+"): some configurations have fewer trials than asked, or none.")
	}
	var noisy, unknown []string
	for _, p := range r.Points {
		switch {
		case !p.HasInterval():
			unknown = append(unknown, fmt.Sprintf("%s (%d)", p.Config, len(p.Samples)))
		case p.Noisy:
			noisy = append(noisy, p.Config.String())
		}
	}
	if len(unknown) > 0 {
		w = append(w, fmt.Sprintf("%d of %d points have fewer than %d trials and so no 95%% interval; their medians are shown without one and support no conclusion: %s.",
			len(unknown), len(r.Points), MinTrials, strings.Join(unknown, "; ")))
	}
	switch {
	case len(noisy) == 0:
	case len(noisy) == len(r.Points):
		w = append(w, fmt.Sprintf("All %d points are noisy (their 95%% interval is wider than ±%.0f%% of the median). Re-run on a quieter machine or with more trials.",
			len(noisy), 100*NoisyFraction))
	default:
		w = append(w, fmt.Sprintf("%d of %d points are noisy (their 95%% interval is wider than ±%.0f%% of the median): %s. Re-run on a quieter machine or with more trials.",
			len(noisy), len(r.Points), 100*NoisyFraction, strings.Join(noisy, "; ")))
	}
	return w
}

// Markdown returns the result as a Markdown table, one row per point, with the warnings below it.
func (r *Result) Markdown() string {
	var b strings.Builder
	b.WriteString("| task | workers | GOMAXPROCS | median | 95% interval | speedup (95% interval) | efficiency | noisy |\n")
	b.WriteString("|---|--:|--:|--:|--:|--:|--:|:-:|\n")
	for _, p := range r.Points {
		noisy := ""
		if p.Noisy {
			noisy = "yes"
		}
		median, speedup := "no interval", "no interval"
		if p.HasInterval() {
			median = fmt.Sprintf("%s – %s", round(p.Low), round(p.High))
		}
		if p.Speedup.Known() {
			speedup = fmt.Sprintf("%.2f – %.2f", p.Speedup.Low, p.Speedup.High)
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %s | %s | %.2f (%s) | %.0f%% | %s |\n",
			p.Task, p.Workers, p.Procs, round(p.Median), median, p.Speedup.Value, speedup, 100*p.Efficiency.Value, noisy)
	}
	for _, w := range r.Warnings() {
		b.WriteString("\n" + w + "\n")
	}
	return b.String()
}

// round shows a duration with three significant digits.
func round(d time.Duration) time.Duration {
	for unit := time.Duration(1); unit < time.Hour; unit *= 10 {
		if d < 1000*unit {
			return d.Round(unit)
		}
	}
	return d.Round(time.Second)
}

// Save writes the result as indented JSON to path, creating its directory.
func (r *Result) Save(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: encoding the result: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("bench: saving the result: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("bench: saving the result: %w", err)
	}
	return nil
}

// Load reads a result written by Save.
func Load(path string) (*Result, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("bench: loading a result: %w", err)
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("bench: %s is not a saved result: %w", path, err)
	}
	return &r, nil
}

// WriteCSV writes the raw samples as CSV, one row per sample, for a spreadsheet: task, workers,
// GOMAXPROCS, trial (in the order measured), seconds, and the point's median, interval and speedup
// (an interval's ends are 0 when the point has none).
func (r *Result) WriteCSV(w io.Writer) error {
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
