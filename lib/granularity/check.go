package granularity

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/check"
)

// ChooseFunc is the learner's rule for a chunk size: how many squares each chunk of total squares
// should hold when workers goroutines share them.
type ChooseFunc func(total, workers int) int

// chunkConfig sizes CheckChunk; tests make it smaller.
type chunkConfig struct {
	limit  time.Duration
	total  int // the timed case
	rounds int
}

func defaultChunkConfig() chunkConfig {
	return chunkConfig{limit: 10 * time.Second, total: 1 << 21, rounds: 10}
}

// MinChunk is the smallest chunk CheckChunk accepts without timing it: 64 squares are tens of ns of
// work on any machine, no more than the channel send that hands the chunk to a worker.
const MinChunk = 64

// CheckChunk is the self-check of the exercise "choose a chunk size". It asks choose for a few
// (total, workers) pairs and judges, in order:
//
//  1. Every answer is a size from 1 to total.
//  2. For total = 2²¹ squares and workers = GOMAXPROCS (the timed case): at least MinChunk squares
//     per chunk (smaller chunks are all overhead on any machine), and at least as many chunks as
//     workers (fewer leave workers with nothing to do) — both by counting, not timing.
//  3. Speed: the pool (one channel send per chunk) with the learner's size, timed in 10 interleaved
//     rounds (check.Time) against the same pool with every power of 4 from 256 to total/workers. It
//     passes when the rounds agree that the learner's size takes less than 1.25× the time of the
//     best of that sweep, and is "not yet" when they agree on more than 1.5×; otherwise the machine
//     was too busy to tell (check.Undecided).
//
// A call that hangs, panics or leaves goroutines running is reported with a hint (check.Call).
func CheckChunk(choose ChooseFunc) check.Result { return checkChunk(choose, defaultChunkConfig()) }

func checkChunk(choose ChooseFunc, cfg chunkConfig) check.Result {
	if choose == nil {
		return check.NotYet("The function is nil.", "Pass your function: granularity.CheckChunk(chooseChunk).")
	}
	workers := runtime.GOMAXPROCS(0)
	ask := func(total, w int) (int, check.Result, bool) {
		c, err := check.Call(cfg.limit, func() int { return choose(total, w) })
		if err != nil {
			return 0, check.Explain(fmt.Sprintf("chooseChunk(%d, %d)", total, w), err), false
		}
		if c < 1 || c > total {
			return 0, check.NotYet(fmt.Sprintf("chooseChunk(%d, %d) = %d: a chunk must hold from 1 to %d squares.", total, w, c, total),
				"Return a size between 1 and total; min and max keep it there."), false
		}
		return c, check.Result{}, true
	}
	for _, q := range [][2]int{{1000, 2}, {10, 16}, {1 << 22, 1}, {1 << 20, 64}} {
		if _, r, ok := ask(q[0], q[1]); !ok {
			return r
		}
	}
	c, r, ok := ask(cfg.total, workers)
	if !ok {
		return r
	}
	chunks := (cfg.total-1)/c + 1
	if c < MinChunk {
		return check.NotYet(fmt.Sprintf("chooseChunk(%d, %d) = %d: %d chunks of %d squares. Each chunk costs a channel send (tens to hundreds of ns, see the price list) and holds only a few ns of work: the pool would spend its time handing out chunks.",
			cfg.total, workers, c, chunks, c),
			"Make a chunk hold far more work than its hand-over costs: thousands of squares, at least.")
	}
	if workers > 1 && chunks < workers {
		return check.NotYet(fmt.Sprintf("chooseChunk(%d, %d) = %d gives %d chunk(s) for %d workers: %d worker(s) get nothing to do.",
			cfg.total, workers, c, chunks, workers, workers-chunks),
			"Cut at least as many chunks as workers — better a few per worker, so that one slow worker does not hold up the end.")
	}
	return chunkSpeed(c, workers, cfg)
}

// chunkSpeed is step 3.
func chunkSpeed(c, workers int, cfg chunkConfig) check.Result {
	var sizes []int
	for s := 256; s <= (cfg.total-1)/workers+1; s *= 4 {
		sizes = append(sizes, s)
	}
	if len(sizes) == 0 {
		sizes = []int{cfg.total}
	}
	mine := slices.Index(sizes, c)
	fs := make([]check.Timed, 0, len(sizes)+1)
	for _, s := range sizes {
		fs = append(fs, check.Timed{Name: fmt.Sprint(s), Run: func() { _, _ = Run(context.Background(), Pool, cfg.total, s, workers) }})
	}
	if mine < 0 {
		mine = len(fs)
		fs = append(fs, check.Timed{Name: "yours", Run: func() { _, _ = Run(context.Background(), Pool, cfg.total, c, workers) }})
	}
	t, err := check.Time(cfg.rounds, cfg.limit, fs...)
	if err != nil {
		return check.Explain("timing the pool", err)
	}
	best, bestMs := 0, 0.0
	var table strings.Builder
	table.WriteString("squares per chunk   median time per run\n")
	for i := range sizes {
		m, _, _, _ := bench.MedianCI(t.Times[i])
		ms := float64(m) / 1e6
		if i == 0 || ms < bestMs {
			best, bestMs = i, ms
		}
		fmt.Fprintf(&table, "%17d   %.3f ms\n", sizes[i], ms)
	}
	if mine == len(sizes) {
		m, _, _, _ := bench.MedianCI(t.Times[mine])
		fmt.Fprintf(&table, "%17d   %.3f ms (yours)\n", c, float64(m)/1e6)
	}
	if mine == best {
		return check.Pass(fmt.Sprintf("%d squares per chunk was the fastest of the sweep on this machine (%d chunks for %d workers).",
			c, (cfg.total-1)/c+1, workers)).WithDetail("The sweep", table.String())
	}
	ratio := t.Ratio(mine, best)
	switch {
	case ratio.Below(1.25):
		return check.Pass(fmt.Sprintf("%d squares per chunk took %s the time of the best size in the sweep, %d: close enough — the flat bottom of the curve is wide.",
			c, ratio, sizes[best])).WithDetail("The sweep", table.String())
	case ratio.Above(1.5):
		why, hint := "too small: the pool spends its time handing out chunks", "Try larger chunks: thousands of squares or more."
		if c > sizes[best] {
			why, hint = "too large: with so few chunks, the workers run out of work at different times and some sit idle at the end",
				"Try smaller chunks: a few per worker at least."
		}
		return check.NotYet(fmt.Sprintf("%d squares per chunk took %s the time of %d squares per chunk, the best of the sweep: %s.",
			c, ratio, sizes[best], why), hint).WithDetail("The sweep", table.String())
	}
	return check.TooBusy(fmt.Sprintf("%d squares per chunk took %s the time of the best size in the sweep (%d): the rounds disagree too much to tell whether that is within 1.25×. Run the check again when the machine is quieter.",
		c, ratio, sizes[best])).WithDetail("The sweep", table.String())
}

// FeedFunc is the learner's producer: send every item, in order, in slices, on out, then close it.
type FeedFunc func(items []uint64, out chan<- []uint64)

// Batch limits of CheckBatches: every slice holds at most MaxBatch items, every slice but the last at
// least MinBatch.
const (
	MinBatch = 64
	MaxBatch = 4096
)

// CheckBatches is the self-check of the exercise "batch a per-item channel". It calls feed with 0, 1,
// 1000 and 100 003 items on an unbuffered channel that it receives from, counting the channel
// operations, and judges by counting alone, never by time:
//
//   - feed closes the channel once, after its last send (a missing close would leave a receiver
//     waiting forever: the check waits a second for it);
//   - the slices received, joined, are exactly the items in order, read after the channel closed;
//     when they are not and two slices share memory, a buffer was reused after it was sent (the
//     receiver's items changed under it), which the hint tells apart from a missing or repeated item;
//   - every slice holds at most MaxBatch items, and every slice but the last at least MinBatch, so
//     100 003 items take 25 to 1 563 sends instead of 100 003.
func CheckBatches(feed FeedFunc) check.Result {
	return checkBatches(feed, 10*time.Second, time.Second)
}

func checkBatches(feed FeedFunc, limit, closeWait time.Duration) check.Result {
	if feed == nil {
		return check.NotYet("The function is nil.", "Pass your function: granularity.CheckBatches(feed).")
	}
	var big batchRun
	for _, n := range []int{0, 1, 1000, 100_003} {
		items := make([]uint64, n)
		for i := range items {
			items[i] = uint64(7*i + 3)
		}
		run, r, ok := runFeed(feed, items, limit, closeWait)
		if !ok {
			return r
		}
		if r, ok := judgeBatches(items, run); !ok {
			return r
		}
		big = run
	}
	return check.Pass(fmt.Sprintf("100 003 items arrived in order, in %d channel operations instead of 100 003: one per %.0f items.",
		len(big.batches), 100_003/float64(max(1, len(big.batches))))).
		WithAdvice("Each channel operation costs about as much as a few hundred squares (the price list); a batch spreads that cost over all its items.")
}

// batchRun is what the receiver got: the slices, read after the channel closed.
type batchRun struct {
	batches [][]uint64
}

// runFeed calls feed with items and receives everything it sends.
func runFeed(feed FeedFunc, items []uint64, limit, closeWait time.Duration) (batchRun, check.Result, bool) {
	ch := make(chan []uint64)
	stop, done := make(chan struct{}), make(chan struct{})
	var run batchRun
	closed := false
	go func() { // the receiver: ends when feed closes ch, or when stop is closed
		defer close(done)
		for {
			select {
			case b, ok := <-ch:
				if !ok {
					closed = true
					return
				}
				run.batches = append(run.batches, b) // read only after the close: reading now would race with a sender that reuses it
			case <-stop:
				return
			}
		}
	}()
	what := fmt.Sprintf("feed(%d items, out)", len(items))
	_, err := check.Call(limit, func() struct{} { feed(items, ch); return struct{}{} })
	if err != nil {
		close(stop)
		<-done
		return run, check.Explain(what, err), false
	}
	select {
	case <-done:
	case <-time.After(closeWait):
		close(stop)
		<-done
	}
	if !closed {
		return run, check.NotYet(fmt.Sprintf("%s returned without closing out: a receiver ranging over it would wait forever.", what),
			"Call close(out) once, after the last send."), false
	}
	return run, check.Result{}, true
}

// judgeBatches checks the slices of one run against the items.
func judgeBatches(items []uint64, run batchRun) (check.Result, bool) {
	n := len(items)
	joined := slices.Concat(run.batches...)
	if !slices.Equal(joined, items) {
		if overlap(run.batches) {
			return check.NotYet(fmt.Sprintf("With %d items, the receiver got %d items%s — and two of the slices it received share the same memory: a batch was changed after it was sent.", n, len(joined), firstDiff(joined, items)),
				"A slice you have sent belongs to the receiver: don't reuse its array for the next batch. Start each batch with a new slice (make, or a sub-slice of items)."), false
		}
		return check.NotYet(fmt.Sprintf("With %d items, the receiver got %d items%s.", n, len(joined), firstDiff(joined, items)),
			"Send every item exactly once, in order: slices items[lo:hi] with lo stepping by the batch size and hi = min(lo+batch, len(items))."), false
	}
	for i, b := range run.batches {
		last := i == len(run.batches)-1
		if len(b) > MaxBatch || (!last && len(b) < MinBatch) {
			return check.NotYet(fmt.Sprintf("With %d items, slice %d of %d held %d items; every slice should hold at most %[6]d, and every one but the last at least %[5]d.", n, i+1, len(run.batches), len(b), MinBatch, MaxBatch),
				fmt.Sprintf("Cut the items into batches of a fixed size between %d and %d (the last batch takes what is left).", MinBatch, MaxBatch)), false
		}
	}
	if n == 0 && len(run.batches) > 1 {
		return check.NotYet(fmt.Sprintf("With no items, feed sent %d slices.", len(run.batches)), "With no items there is nothing to send: just close(out)."), false
	}
	return check.Result{}, true
}

// firstDiff describes where got first differs from want.
func firstDiff(got, want []uint64) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("; item %d is %d, want %d", i, got[i], want[i])
		}
	}
	if len(got) < len(want) {
		return fmt.Sprintf("; the first %d are right, then it stops", len(got))
	}
	return fmt.Sprintf("; the first %d are right, then come %d more", len(want), len(got)-len(want))
}

// overlap reports whether two of the slices share memory, by the addresses of their elements.
func overlap(bs [][]uint64) bool {
	type span struct{ lo, hi uintptr }
	var spans []span
	for _, b := range bs {
		if len(b) > 0 {
			lo := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
			spans = append(spans, span{lo, lo + uintptr(len(b))*unsafe.Sizeof(b[0])})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.lo, b.lo) })
	for i := 1; i < len(spans); i++ {
		if spans[i].lo < spans[i-1].hi {
			return true
		}
	}
	return false
}
