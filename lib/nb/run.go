package nb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"reflect"
	"syscall"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

// Run runs, from a notebook cell, an experiment that is not a plain bench.Sweep but takes a context
// and a progress callback — counter.Measure, falseshare.Measure — and returns what it returned:
//
//   - the same live progress bar as Measure, removed when the experiment ends;
//   - Kernel → Interrupt (SIGINT) cancels the context; when the experiment then returns a result
//     with the context's error, Run shows a note that the result is partial and returns it with a
//     nil error, so the cell goes on to draw what was measured;
//   - when the result is a struct, or a pointer to one, with a field Bench *bench.Result (as
//     counter.Contention and falseshare.Result have), the harness's warnings (a busy machine, noisy
//     points) are shown below, as Measure does.
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
	br := benchOf(res)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		note("partial", "Interrupted: what was measured before the interrupt is kept and drawn, marked partial.")
		if br != nil {
			warn(br)
		}
		return res, nil
	}
	if err != nil {
		return res, err
	}
	note("info", fmt.Sprintf("Measured in %.1f s.", time.Since(start).Seconds()))
	if br != nil {
		warn(br)
	}
	return res, nil
}

// benchOf returns the Bench *bench.Result field of v (a struct or a pointer to one), or nil.
func benchOf(v any) *bench.Result {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return nil
	}
	f := rv.FieldByName("Bench")
	if !f.IsValid() || !f.CanInterface() {
		return nil
	}
	br, _ := f.Interface().(*bench.Result)
	return br
}
