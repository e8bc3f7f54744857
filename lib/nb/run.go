package nb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Warner is a result with warnings for its reader — a busy machine, noisy points — that Measure
// and Run show below it. *bench.Result is one, and so is every topic result that carries a
// harness result (counter.Contention, falseshare.Result).
type Warner interface {
	Warnings() []string
}

// Run runs, from a notebook cell, an experiment that is not a plain bench.Sweep but takes a context
// and a progress callback — counter.Measure, falseshare.Measure — and returns what it returned:
//
//   - the same live progress bar as Measure, removed when the experiment ends;
//   - Kernel → Interrupt (SIGINT) cancels the context; when the experiment then returns a result
//     with the context's error, Run shows a note that the result is partial and returns it with a
//     nil error, so the cell goes on to draw what was measured;
//   - when the result is a [Warner], its warnings are shown below, as Measure does.
//
// Nothing is cached: every call measures. run must return once its context is cancelled; every
// goroutine Run starts has ended when it returns.
func Run[T any](run func(ctx context.Context, progress func(bench.Progress)) (T, error)) (T, error) {
	if run == nil {
		var zero T
		return zero, errors.New("nb: Run was given a nil function: pass the experiment to run")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgressBar()
	start := time.Now()
	res, err := run(ctx, bar.update)
	bar.close()
	w, _ := any(res).(Warner)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		note("partial", "Interrupted: what was measured before the interrupt is kept and drawn, marked partial.")
		if w != nil {
			warn(w)
		}
		return res, nil
	}
	if err != nil {
		return res, err
	}
	note("info", "Measured in "+took(time.Since(start))+".")
	if w != nil {
		warn(w)
	}
	return res, nil
}

// took says how long a measurement took, in a unit that shows it: "0.04 s" rather than "0.0 s".
func took(d time.Duration) string {
	switch s := d.Seconds(); {
	case s >= 10:
		return fmt.Sprintf("%.0f s", s)
	case s >= 0.1:
		return fmt.Sprintf("%.1f s", s)
	case d >= time.Millisecond:
		return fmt.Sprintf("%.0f ms", s*1000)
	}
	return "under a millisecond"
}
