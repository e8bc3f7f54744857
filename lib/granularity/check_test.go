package granularity

import (
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/procs"
)

func testChunkConfig() chunkConfig { return chunkConfig{limit: time.Second, total: 1 << 18, rounds: 6} }

// expect asserts a check's outcome and that its message and hint hold every word given.
func expect(t *testing.T, name string, r check.Result, want check.Outcome, words ...string) {
	t.Helper()
	if r.Outcome != want {
		t.Errorf("%s: got %v (%s / %s), want %v", name, r.Outcome, r.Message, r.Hint, want)
		return
	}
	text := r.Message + " " + r.Hint
	for _, w := range words {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q does not say %q", name, text, w)
		}
	}
}

func TestCheckChunk(t *testing.T) {
	restore, err := procs.Set("GOMAXPROCS", 2)
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	cfg := testChunkConfig()
	// Right: a few chunks per worker. Passes, or is too busy to judge on a loaded machine; never "not yet".
	r := checkChunk(func(total, workers int) int { return max(1, total/(4*workers)) }, cfg)
	if r.Outcome == check.NotPassed {
		t.Errorf("a few chunks per worker: got not yet (%s / %s)", r.Message, r.Hint)
	}
	expect(t, "nil", checkChunk(nil, cfg), check.NotPassed, "nil")
	expect(t, "one square per chunk", checkChunk(func(int, int) int { return 1 }, cfg), check.NotPassed, "channel send", "thousands")
	expect(t, "everything in one chunk", checkChunk(func(total, _ int) int { return total }, cfg), check.NotPassed, "1 chunk(s) for 2 workers")
	expect(t, "zero", checkChunk(func(int, int) int { return 0 }, cfg), check.NotPassed, "from 1 to")
	expect(t, "more than total", checkChunk(func(total, _ int) int { return total + 1 }, cfg), check.NotPassed, "from 1 to")
	expect(t, "panics", checkChunk(func(int, int) int { panic("boom") }, cfg), check.NotPassed)
	release := make(chan struct{})
	defer close(release)
	expect(t, "hangs", checkChunk(func(int, int) int { <-release; return 1 }, cfg), check.NotPassed)
}

// feeders: a right answer and each kind of wrong one the hints name.
func feedBatches(size int) FeedFunc {
	return func(items []uint64, out chan<- []uint64) {
		for lo := 0; lo < len(items); lo += size {
			out <- items[lo:min(lo+size, len(items))]
		}
		close(out)
	}
}

func TestCheckBatches(t *testing.T) {
	const limit, wait = time.Second, 200 * time.Millisecond
	expect(t, "batches of 256", checkBatches(feedBatches(256), limit, wait), check.Passed, "391 channel operations")
	expect(t, "batches of 4096", checkBatches(feedBatches(4096), limit, wait), check.Passed)
	expect(t, "nil", checkBatches(nil, limit, wait), check.NotPassed, "nil")
	expect(t, "one item per send", checkBatches(feedBatches(1), limit, wait), check.NotPassed, "held 1 items", "64")
	expect(t, "everything at once", checkBatches(feedBatches(1<<20), limit, wait), check.NotPassed, "held 100003 items", "4096")
	reuse := func(items []uint64, out chan<- []uint64) {
		buf := make([]uint64, 0, 128)
		for _, x := range items {
			if buf = append(buf, x); len(buf) == 128 {
				out <- buf
				buf = buf[:0] // the bug: the receiver still holds this array
			}
		}
		if len(buf) > 0 {
			out <- buf
		}
		close(out)
	}
	expect(t, "reused buffer", checkBatches(reuse, limit, wait), check.NotPassed, "share the same memory", "new slice")
	noClose := func(items []uint64, out chan<- []uint64) {
		for lo := 0; lo < len(items); lo += 100 {
			out <- items[lo:min(lo+100, len(items))]
		}
	}
	expect(t, "no close", checkBatches(noClose, limit, wait), check.NotPassed, "without closing", "close(out)")
	dropsTail := func(items []uint64, out chan<- []uint64) {
		for lo := 0; lo+100 <= len(items); lo += 100 {
			out <- items[lo : lo+100]
		}
		close(out)
	}
	expect(t, "drops the last partial batch", checkBatches(dropsTail, limit, wait), check.NotPassed, "got 0 items", "exactly once")
	twice := func(items []uint64, out chan<- []uint64) { close(out); close(out) }
	expect(t, "closes twice", checkBatches(twice, limit, wait), check.NotPassed)
	release := make(chan struct{})
	defer close(release)
	expect(t, "hangs", checkBatches(func([]uint64, chan<- []uint64) { <-release }, limit, wait), check.NotPassed)
}
