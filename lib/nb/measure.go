package nb

import (
	"context"
	"fmt"
	"html"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/janpfeifer/gonb/gonbui"

	"github.com/parlab/parlab/lib/bench"
)

// cacheEnv names the directory where Measure keeps results; by default a parlab/sweeps folder in
// the user's cache directory (~/.cache on Linux).
const cacheEnv = "PARLAB_CACHE"

// Measure runs a sweep from a notebook cell and returns its result:
//
//   - a live progress bar shows the runs done, the time spent and an estimate of the time left;
//   - Kernel → Interrupt (SIGINT) stops it within a second; the trials measured so far come back
//     as a result marked Partial, with a note in the cell, and a nil error, so the cell goes on to
//     draw them (charts mark them partial);
//   - a complete result is cached under the sweep's Key: running the cell again with the same
//     parameters on the same machine returns it at once, saying so, instead of measuring again.
//     Change a parameter, or call ClearCache, to measure again.
//
// Warnings about the result (a busy machine, noisy points) are shown below the progress bar.
// Outside a notebook it prints the same notes as text. Errors are bad parameters or a task whose
// parallel checksum differs from its serial one; nothing keeps running after Measure returns.
func Measure(s bench.Sweep) (*bench.Result, error) {
	key, err := s.Key()
	if err != nil {
		return nil, err
	}
	path := cachePath(key)
	if path != "" {
		if res, err := bench.ReadFile(path); err == nil && !res.Partial {
			note("info", fmt.Sprintf("Using the result measured at %s (%d configurations × %d trials): the parameters have not changed. "+
				"Change one, or call nb.ClearCache(), to measure again.", res.Env.Time.Local().Format("15:04:05"), len(res.Points), res.Trials))
			warn(res)
			return res, nil
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar()
	user := s.Progress
	s.Progress = func(p bench.Progress) {
		bar.update(p)
		if user != nil {
			user(p)
		}
	}
	res, err := bench.Run(ctx, s)
	bar.close()
	if res != nil && res.Partial && ctx.Err() != nil {
		note("partial", fmt.Sprintf("Interrupted (%s). What was measured is kept, marked partial: %d configurations, some with fewer trials than asked. It is not cached.",
			res.Stopped, len(res.Points)))
		warn(res)
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	if path != "" {
		if err := res.WriteFile(path); err != nil {
			note("info", "The result could not be cached, so the next run will measure again: "+err.Error())
		}
	}
	note("info", fmt.Sprintf("Measured %d configurations × %d trials in %.1f s.", len(res.Points), res.Trials, res.Elapsed.Seconds()))
	warn(res)
	return res, nil
}

// ClearCache forgets every result Measure and Cached have cached, so that they measure again, and every
// value Keep has kept.
func ClearCache() error {
	dir := cacheDir()
	if dir == "" {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("nb: clearing the cache of measurements: %w", err)
	}
	return nil
}

func cacheDir() string {
	if d := os.Getenv(cacheEnv); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "parlab", "sweeps")
}

func cachePath(key string) string {
	d := cacheDir()
	if d == "" {
		return ""
	}
	return filepath.Join(d, key+".json")
}

func note(kind, text string) {
	colour, bg := "#2e86c1", "#ebf5fb"
	switch kind {
	case "partial":
		colour, bg = "#c0392b", "#fdecea"
	case "warning":
		colour, bg = "#b9770e", "#fef5e7"
	}
	display(fmt.Sprintf(`<div class="parlab-%s" style="border-left:4px solid %s;background:%s;padding:6px 10px;font-family:sans-serif">%s</div>`,
		kind, colour, bg, html.EscapeString(text)), text)
}

// warn shows a result's warnings, one note each.
func warn(res Warner) {
	for _, w := range res.Warnings() {
		note("warning", w)
	}
}

// progressBar shows a sweep's progress in one transient output block, updated at most ten times a
// second (the last update always shows).
type progressBar struct {
	id   string
	last time.Time
}

func newProgressBar() *progressBar {
	return &progressBar{id: "parlab-progress-" + gonbui.UniqueId()}
}

func (b *progressBar) update(p bench.Progress) {
	if !gonbui.IsNotebook || (time.Since(b.last) < 100*time.Millisecond && p.Done < p.Total) {
		return
	}
	b.last = time.Now()
	gonbui.UpdateHTML(b.id, progressHTML(p))
}

// close removes the bar: what stays in the cell is the notes and charts that follow.
func (b *progressBar) close() {
	if gonbui.IsNotebook {
		gonbui.UpdateHTML(b.id, "")
	}
}

func progressHTML(p bench.Progress) string {
	last := p.Last.String()
	if p.Last.Workers == 0 {
		last = "the serial reference run of " + p.Last.Task
	}
	pct := 100 * float64(p.Done) / float64(max(p.Total, 1))
	return fmt.Sprintf(`<div class="parlab-progress" style="font-family:sans-serif;max-width:600px">`+
		`<div style="background:#e5e8e8;border-radius:3px;height:14px"><div style="background:#2e86c1;width:%.1f%%;height:14px;border-radius:3px"></div></div>`+
		`<div style="font-size:90%%;color:#444;margin-top:3px">Measuring: %d of %d runs (%.0f%%) · %s elapsed · about %s left · last: %s · Kernel → Interrupt stops and keeps what was measured</div></div>`,
		pct, p.Done, p.Total, pct, roundDuration(p.Elapsed), roundDuration(p.Left), html.EscapeString(last))
}

func roundDuration(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1f s", d.Seconds())
	}
	return d.Round(time.Second).String()
}
