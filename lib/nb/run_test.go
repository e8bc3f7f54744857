package nb

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	var start time.Time
	got, err := Run(func(ctx context.Context, progress func(bench.Progress)) (withBench, error) {
		// Sent from inside the experiment, where Run's signal handler is installed: sent earlier, the
		// default handler would end the test program.
		start = time.Now()
		syscall.Kill(os.Getpid(), syscall.SIGINT)
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

// warned is a topic result that carries warnings, as counter.Contention does.
type warned struct{ n int }

func (w *warned) Warnings() []string { return []string{fmt.Sprintf("warning %d", w.n)} }

func TestRunShowsWarnings(t *testing.T) {
	out := captureStdout(t, func() {
		if _, err := Run(func(ctx context.Context, progress func(bench.Progress)) (*warned, error) { return &warned{7}, nil }); err != nil {
			t.Error(err)
		}
	})
	if !strings.Contains(out, "warning 7") {
		t.Errorf("Run printed %q; want the result's warning", out)
	}
}

// captureStdout returns what f printed to standard output.
func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	f()
	os.Stdout = old
	w.Close()
	return <-done
}

func TestGoNBVersion(t *testing.T) {
	// In a test binary GoNB is a dependency of the module, so its pinned version is known.
	if got := gonbVersion(); got != "v0.11.4" {
		t.Errorf("gonbVersion() = %q; want the v0.11.4 go.mod pins", got)
	}
}

func TestTook(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{25 * time.Second, "25 s"}, {1500 * time.Millisecond, "1.5 s"}, {100 * time.Millisecond, "0.1 s"},
		{42 * time.Millisecond, "42 ms"}, {time.Millisecond, "1 ms"}, {300 * time.Microsecond, "under a millisecond"},
	} {
		if got := took(c.d); got != c.want {
			t.Errorf("took(%v) = %q; want %q", c.d, got, c.want)
		}
	}
}
