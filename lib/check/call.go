package check

import (
	"errors"
	"fmt"
	"path"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/parlab/parlab/lib/internal/goid"
)

// DefaultLimit is the time limit of a call whose limit is zero or negative.
const DefaultLimit = 10 * time.Second

// grace is how long [Call] waits, after the function returned, for the goroutines it started to end
// before it counts them as left running: a goroutine that has just called wg.Done still needs a moment
// to return, longer on a busy machine.
const grace = 500 * time.Millisecond

// ErrGoexit is the error of a call whose function ended its goroutine with runtime.Goexit (t.FailNow
// does) instead of returning.
var ErrGoexit = errors.New("the call ended its goroutine with runtime.Goexit instead of returning")

// TimeoutError is the error of a call that did not return within its limit.
type TimeoutError struct {
	// Limit is the time the call was given.
	Limit time.Duration
	// Goroutines counts the goroutines still running when the limit passed: the call's own and every
	// goroutine it started (directly or not) that had not ended.
	Goroutines int
	// Stacks holds their stack traces: where each one was waiting, those waiting in the same place
	// shown once with their number, at most 20 places or 64 KiB (see [LeakError]). It is empty when
	// the call was not accounting for goroutines ([Time]).
	Stacks string
}

func (e *TimeoutError) Error() string {
	others := ""
	if n := e.Goroutines - 1; n > 0 {
		others = fmt.Sprintf(", nor had %d %s it started", n, plural(n, "goroutine", "goroutines"))
	}
	return fmt.Sprintf("the call did not return within %v%s", e.Limit, others)
}

// PanicError is the error of a call whose function panicked.
type PanicError struct {
	// Value is what was passed to panic.
	Value any
	// Frame is where the panic happened: the innermost function outside the runtime, with its file
	// and line ("main.parallelSum (main.go:12)").
	Frame string
	// Stack is the panicking goroutine's stack trace.
	Stack string
}

func (e *PanicError) Error() string {
	if e.Frame == "" {
		return fmt.Sprintf("the call panicked: %v", e.Value)
	}
	return fmt.Sprintf("the call panicked: %v (in %s)", e.Value, e.Frame)
}

// Unwrap returns the panic's value when it is an error, so errors.Is and errors.As see it.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// LeakError is the error of a call that returned while goroutines it started were still running.
type LeakError struct {
	// Goroutines counts the goroutines the call started, directly or not, still running half a second
	// after it returned.
	Goroutines int
	// Stacks holds their stack traces, bounded for a learner to read: goroutines waiting in the same
	// place (the same state and functions, whatever their arguments) are shown once, with how many
	// there are ("1000 goroutines like this one:"), the largest groups first; past 20 places or 64 KiB
	// the rest are only counted ("… and 12 more goroutines, in 3 other places.").
	Stacks string
}

func (e *LeakError) Error() string {
	return fmt.Sprintf("the call returned but left %d %s it started running", e.Goroutines, plural(e.Goroutines, "goroutine", "goroutines"))
}

// Call runs f in a goroutine of its own and returns its result, or an error saying why there is none:
//
//   - *TimeoutError when f has not returned within limit (zero or less means DefaultLimit);
//   - *PanicError when f panicked (recovered; the panic's value and where it happened are in it);
//   - ErrGoexit when f called runtime.Goexit;
//   - *LeakError when f returned but goroutines it started — directly, or started by those — were
//     still running half a second later. The result is f's result then: the call itself succeeded.
//
// Goroutines are told apart by ancestry ("created by … in goroutine N" in their stack traces), so a
// check's own goroutines — a test server, say — never count, even when they start goroutines during
// the call; a goroutine whose creator has ended and is unknown counts as the call's.
//
// # Goroutine lifetimes
//
// A goroutine cannot be stopped from outside. When the limit passes, Call returns, and f's goroutine
// and those it started stay where they are — blocked, or computing — until they end by themselves or
// the program exits (in a notebook, each cell is its own program, so at the end of the cell); f's
// late result is dropped. The same holds for goroutines left running after f returned. A panic in a
// goroutine f started (not in f itself) cannot be recovered by anyone but that goroutine: it ends the
// program, as any unrecovered panic does.
//
// Call waits for nothing else: when it returns, it has no goroutine of its own left running. It takes
// two snapshots of every goroutine's stack (runtime.Stack), more while goroutines f started are
// ending; each stops the program for a moment, tens of microseconds with a few hundred goroutines.
func Call[T any](limit time.Duration, f func() T) (T, error) {
	return call(limit, f, true, nil)
}

// call is Call; account false skips the goroutine accounting (for timed rounds), and first, when not
// nil, runs in f's goroutine just before f (Traced marks the goroutine with it).
func call[T any](limit time.Duration, f func() T, account bool, first func()) (T, error) {
	var zero T
	if f == nil {
		return zero, errors.New("check: Call was given a nil function")
	}
	if limit <= 0 {
		limit = DefaultLimit
	}
	var before map[int64]bool
	if account {
		before = map[int64]bool{}
		for _, g := range snapshot() {
			before[g.id] = true
		}
	}
	type outcome struct {
		v   T
		err error
	}
	done := make(chan outcome, 1) // buffered: a late result is dropped, never blocks
	root := make(chan int64, 1)
	go func() {
		root <- goid.Current()
		returned := false
		defer func() {
			if returned {
				return
			}
			if p := recover(); p != nil {
				done <- outcome{err: newPanicError(p)}
				return
			}
			done <- outcome{err: ErrGoexit} // recover is nil only when the goroutine is exiting by Goexit
		}()
		if first != nil {
			first()
		}
		v := f()
		returned = true
		done <- outcome{v: v}
	}()
	id := <-root
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case o := <-done:
		if o.err != nil || !account {
			return o.v, o.err
		}
		if left := leftRunning(id, before, false); len(left) > 0 {
			return o.v, &LeakError{Goroutines: len(left), Stacks: stacks(left)}
		}
		return o.v, nil
	case <-timer.C:
		var left []gstack
		if account {
			left = leftRunning(id, before, true)
		}
		n := max(len(left), 1) // f's goroutine at least
		return zero, &TimeoutError{Limit: limit, Goroutines: n, Stacks: stacks(left)}
	}
}

// newPanicError records a recovered panic, called from the deferred function that recovered it.
func newPanicError(p any) *PanicError {
	e := &PanicError{Value: p, Stack: string(debug.Stack())}
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	panicking := false // past runtime.gopanic: the frames below are where the panic happened
	for {
		fr, more := frames.Next()
		switch {
		case fr.Function == "runtime.gopanic":
			panicking = true
		case panicking && !strings.HasPrefix(fr.Function, "runtime."):
			e.Frame = fmt.Sprintf("%s (%s:%d)", fr.Function, path.Base(fr.File), fr.Line)
			return e
		}
		if !more {
			return e
		}
	}
}

// gstack is one goroutine of a snapshot.
type gstack struct {
	id, parent int64 // parent 0: not known (started by the runtime)
	text       string
}

// maxSnapshot bounds the buffer of one snapshot: 64 MiB holds the stacks of some 200 000 goroutines
// blocked in a learner's function. A program with more sees only those whose stacks fit.
const maxSnapshot = 64 << 20

// snapshotSize is the buffer size the last snapshot needed, where the next one starts.
var snapshotSize atomic.Int64

// snapshot returns every goroutine's stack trace, parsed (runtime.Stack with all = true), or as many
// as fit in maxSnapshot bytes.
func snapshot() []gstack {
	size := max(int(snapshotSize.Load()), 64<<10)
	for {
		buf := make([]byte, size)
		n := runtime.Stack(buf, true)
		if n < len(buf) || size >= maxSnapshot {
			snapshotSize.Store(int64(size))
			return parseStacks(buf[:n], n == len(buf))
		}
		size = min(2*size, maxSnapshot)
	}
}

// parseStacks parses the output of runtime.Stack; full says the buffer was full, so that the last
// goroutine's trace may be cut short, and it is left out.
func parseStacks(buf []byte, full bool) []gstack {
	texts := strings.Split(strings.TrimSpace(string(buf)), "\n\n")
	if full {
		texts = texts[:len(texts)-1]
	}
	var out []gstack
	for _, text := range texts {
		id, ok := goid.Parse(text)
		if !ok {
			continue
		}
		g := gstack{id: id, text: text}
		if i := strings.LastIndex(text, "\ncreated by "); i >= 0 {
			line, _, _ := strings.Cut(text[i+1:], "\n")
			if strings.HasPrefix(line, "created by runtime.") {
				continue // the runtime's own (GC workers, shown with GOTRACEBACK=system)
			}
			if _, after, ok := strings.Cut(line, " in goroutine "); ok {
				fmt.Sscan(after, &g.parent)
			}
		}
		out = append(out, g)
	}
	return out
}

// leftRunning returns the goroutines descended from root that are running now. With includeRoot
// (after a timeout) it answers at once and root itself counts; otherwise (after root's function
// returned) it waits up to grace for them to end, looking again at growing intervals.
func leftRunning(root int64, before map[int64]bool, includeRoot bool) []gstack {
	parent := map[int64]int64{} // every creator seen, kept across snapshots
	deadline := time.Now().Add(grace)
	for wait := time.Millisecond; ; wait *= 2 {
		gs := snapshot()
		for _, g := range gs {
			parent[g.id] = g.parent
		}
		var left []gstack
		for _, g := range gs {
			if g.id == root {
				if includeRoot {
					left = append(left, g)
				}
				continue
			}
			if !before[g.id] && descends(g.id, root, before, parent) {
				left = append(left, g)
			}
		}
		if includeRoot || len(left) == 0 || !time.Now().Before(deadline) {
			return left
		}
		time.Sleep(min(wait, time.Until(deadline)))
	}
}

// descends reports whether goroutine id was started by root, directly or not. A goroutine whose chain
// of creators reaches one that existed before the call is not; one whose chain breaks (a creator that
// ended before any snapshot saw it) is counted as root's, so that nothing the call left is dropped.
func descends(id, root int64, before map[int64]bool, parent map[int64]int64) bool {
	for range 10_000 { // a chain longer than this is not a real one
		p, known := parent[id]
		switch {
		case !known || p == 0:
			return true
		case p == root:
			return true
		case before[p]:
			return false
		}
		id = p
	}
	return true
}

// The text of [TimeoutError.Stacks] and [LeakError.Stacks] is bounded: at most maxGroups kinds of
// stack, and no more once it has reached maxStacksText bytes.
const (
	maxGroups     = 20
	maxStacksText = 64 << 10
)

// stacks returns the stack traces of gs for a learner to read, bounded: goroutines waiting in the same
// place (the same state and functions, whatever their arguments and creator's id) are shown once, with
// how many there are ("1000 goroutines like this one:"), the largest groups first; what does not fit in
// maxGroups groups or maxStacksText bytes is counted at the end ("… and 12 more goroutines, in 3 other
// places").
func stacks(gs []gstack) string {
	type group struct {
		text string // the first goroutine's trace
		n    int
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, g := range gs {
		k := stackKey(g.text)
		if gr := byKey[k]; gr != nil {
			gr.n++
			continue
		}
		gr := &group{text: g.text, n: 1}
		byKey[k] = gr
		groups = append(groups, gr)
	}
	slices.SortStableFunc(groups, func(a, b *group) int { return b.n - a.n })
	var sb strings.Builder
	shown, rest := 0, len(gs)
	for _, gr := range groups {
		if shown == maxGroups || sb.Len() >= maxStacksText {
			break
		}
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		if gr.n > 1 {
			fmt.Fprintf(&sb, "%d goroutines like this one:\n", gr.n)
		}
		sb.WriteString(gr.text)
		shown, rest = shown+1, rest-gr.n
	}
	if rest > 0 {
		fmt.Fprintf(&sb, "\n\n… and %d more %s, in %d other %s.", rest, plural(rest, "goroutine", "goroutines"),
			len(groups)-shown, plural(len(groups)-shown, "place", "places"))
	}
	return sb.String()
}

// stackKey is what goroutines waiting in the same place share: their state without how long they have
// waited ("chan receive", not "chan receive, 2 minutes"), and their functions and lines without the
// arguments and without the creator's goroutine id.
func stackKey(text string) string {
	header, body, _ := strings.Cut(text, "\n")
	state := header
	if i, j := strings.IndexByte(header, '['), strings.LastIndexByte(header, ']'); i >= 0 && j > i {
		state, _, _ = strings.Cut(header[i+1:j], ",")
	}
	lines := strings.Split(body, "\n")
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "\t"):
		case strings.HasPrefix(line, "created by "):
			lines[i], _, _ = strings.Cut(line, " in goroutine ")
		case strings.HasSuffix(line, ")"):
			if j := strings.LastIndexByte(line, '('); j > 0 {
				lines[i] = line[:j]
			}
		}
	}
	return state + "\n" + strings.Join(lines, "\n")
}

// plural returns one or many depending on n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// A Wait is one state in which goroutines of a [LeakError.Stacks] or [TimeoutError.Stacks] text wait
// ("chan send", "select", "sync.Mutex.Lock"), and how many goroutines wait in it.
type Wait struct {
	State      string
	Goroutines int
}

// Waits reads a Stacks text of this package: the states its goroutines wait in, in the order they
// first appear, each with its number of goroutines (a group shown once as "N goroutines like this one:"
// counts N). The goroutines left out past the text's bound are not counted. Any other text gives the
// states of its "goroutine N [state…]" headers.
func Waits(stacks string) []Wait {
	var out []Wait
	at := map[string]int{} // state → index in out
	n := 1                 // how many goroutines the next header stands for
	for _, line := range strings.Split(stacks, "\n") {
		if k, ok := strings.CutSuffix(line, " goroutines like this one:"); ok {
			if _, err := fmt.Sscan(k, &n); err != nil || n < 1 {
				n = 1
			}
			continue
		}
		if !strings.HasPrefix(line, "goroutine ") {
			continue
		}
		i, j := strings.IndexByte(line, '['), strings.IndexAny(line, "],")
		if i < 0 || j <= i {
			n = 1
			continue
		}
		st := line[i+1 : j]
		if k, ok := at[st]; ok {
			out[k].Goroutines += n
		} else {
			at[st] = len(out)
			out = append(out, Wait{State: st, Goroutines: n})
		}
		n = 1
	}
	return out
}
