package nb

import (
	"context"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
)

type withBench struct {
	N     int
	Bench *bench.Result
}

func TestRunReturnsResult(t *testing.T) {
	calls := 0
	got, err := Run(func(ctx context.Context, progress func(bench.Progress)) (*withBench, error) {
		progress(bench.Progress{Done: 1, Total: 2})
		calls++
		return &withBench{N: 7, Bench: &bench.Result{}}, nil
	})
	if err != nil || got == nil || got.N != 7 || calls != 1 {
		t.Fatalf("Run = %+v, %v after %d calls; want N 7, nil error, 1 call", got, err, calls)
	}
}

func TestRunPassesErrors(t *testing.T) {
	bad := errors.New("counter: a Goroutines value is 0; want 1 to 1024")
	_, err := Run(func(ctx context.Context, progress func(bench.Progress)) (int, error) { return 0, bad })
	if !errors.Is(err, bad) {
		t.Errorf("Run error %v; want %v", err, bad)
	}
	if _, err := Run[int](nil); err == nil || !strings.Contains(err.Error(), "nil function") {
		t.Errorf("Run(nil) error %v; want one saying the function is nil", err)
	}
}

// TestRunInterrupt sends this process SIGINT, as Kernel → Interrupt does: the experiment's context is
// cancelled, and its partial result comes back without an error.
func TestRunInterrupt(t *testing.T) {
	go func() {
		time.Sleep(50 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGINT)
	}()
	start := time.Now()
	got, err := Run(func(ctx context.Context, progress func(bench.Progress)) (withBench, error) {
		select {
		case <-ctx.Done():
			return withBench{N: 3}, ctx.Err()
		case <-time.After(10 * time.Second):
			return withBench{}, errors.New("not interrupted")
		}
	})
	if err != nil || got.N != 3 {
		t.Fatalf("interrupted Run = %+v, %v; want the partial result and no error", got, err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Run returned %v after SIGINT; want within 2 s", took)
	}
}

func TestBenchOf(t *testing.T) {
	br := &bench.Result{Trials: 6}
	for _, tt := range []struct {
		name string
		v    any
		want *bench.Result
	}{
		{"struct", withBench{Bench: br}, br},
		{"pointer", &withBench{Bench: br}, br},
		{"nil pointer", (*withBench)(nil), nil},
		{"no field", struct{ N int }{1}, nil},
		{"not a struct", 3, nil},
		{"nil", nil, nil},
	} {
		if got := benchOf(tt.v); got != tt.want {
			t.Errorf("%s: benchOf = %p; want %p", tt.name, got, tt.want)
		}
	}
}
