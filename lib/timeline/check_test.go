package timeline

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

func quickInterleave() interleaveConfig {
	// Pieces of about 15 ms (three of Go's 10 ms time slices would do; the race detector slows nothing
	// here, the loop has no memory accesses), waiting up to 300 ms for another piece to begin.
	return interleaveConfig{limit: 3 * time.Second, chunk: 50_000, minChunks: 300, wait: 300 * time.Millisecond}
}

func TestCheckInterleaved(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, tt := range []struct {
		name    string
		f       func(piece func())
		outcome check.Outcome
		message string
		hint    string
	}{
		{"two goroutines", func(piece func()) {
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(piece)
			}
			wg.Wait()
		}, check.Passed, "in progress at the same time on one P, taking turns", ""},
		{"one goroutine and its caller", func(piece func()) {
			done := make(chan struct{})
			go func() { piece(); close(done) }()
			piece()
			<-done
		}, check.Passed, "concurrency without parallelism", ""},
		{"serial", func(piece func()) { piece(); piece() }, check.NotPassed,
			"one after the other. Both ran in twoPieces' own goroutine", "Start each piece in its own goroutine"},
		{"each goroutine waited for", func(piece func()) {
			for range 2 {
				var wg sync.WaitGroup
				wg.Go(piece)
				wg.Wait()
			}
		}, check.NotPassed, "the second goroutine was started only after the first had ended", "between the two go statements"},
		{"one goroutine does both", func(piece func()) {
			var wg sync.WaitGroup
			wg.Go(func() { piece(); piece() })
			wg.Wait()
		}, check.NotPassed, "Both ran in the same goroutine, one that twoPieces started", "two go statements"},
		{"does not wait", func(piece func()) {
			go piece()
			go piece()
		}, check.NotPassed, "returned while 2 of its 2 pieces had not finished", "Wait for the goroutines you start"},
		{"once", func(piece func()) { piece() }, check.NotPassed, "called piece once", "Call piece twice"},
		{"three times", func(piece func()) {
			var wg sync.WaitGroup
			for range 3 {
				wg.Go(piece)
			}
			wg.Wait()
		}, check.NotPassed, "called piece 3 times", "exactly twice"},
		{"never", func(func()) {}, check.NotPassed, "never called piece", "Call piece twice"},
		{"panics", func(func()) { panic("not yet written") }, check.NotPassed, "twoPieces(piece) panicked", "the line it names"},
		{"hangs", func(piece func()) {
			var wg sync.WaitGroup
			wg.Go(piece)
			wg.Go(piece)
			wg.Wait()
			<-release // a receive from a channel nobody sends on (closed at the end of the test)
		}, check.NotPassed, "did not return within 3s", "a channel nobody sends on"},
		{"nil", nil, check.NotPassed, "The function is nil.", "timeline.CheckInterleaved(twoPieces)"},
	} {
		r, tl := checkInterleaved(tt.f, quickInterleave())
		if r.Outcome != tt.outcome || !strings.Contains(r.Message, tt.message) || !strings.Contains(r.Hint, tt.hint) {
			t.Errorf("%s: got %q; want %v, a message with %q and a hint with %q", tt.name, r, tt.outcome, tt.message, tt.hint)
		}
		if tt.f != nil && len(tl.Segments) == 0 {
			t.Errorf("%s: no timeline to draw", tt.name)
		}
	}
}

// A right answer passes every time and a serial one never does, whatever the scheduling: run each a
// few times.
func TestCheckInterleavedRepeatable(t *testing.T) {
	if testing.Short() {
		t.Skip("traces the programs 16 times")
	}
	concurrent := func(piece func()) {
		var wg sync.WaitGroup
		wg.Go(piece)
		wg.Go(piece)
		wg.Wait()
	}
	eachWaited := func(piece func()) {
		for range 2 {
			var wg sync.WaitGroup
			wg.Go(piece)
			wg.Wait()
		}
	}
	for i := range 8 {
		if r, _ := checkInterleaved(concurrent, quickInterleave()); !r.Passed() {
			t.Errorf("run %d: a concurrent answer got %q", i, r)
		}
		if r, _ := checkInterleaved(eachWaited, quickInterleave()); r.Passed() {
			t.Errorf("run %d: a serial answer got %q", i, r)
		}
	}
}
