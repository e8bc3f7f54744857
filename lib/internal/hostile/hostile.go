package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.uber.org/goleak"
)

// Limits every case runs under.
const (
	// Limit is how long one call may take before it counts as a hang.
	Limit = 20 * time.Second
	// StopWithin is how soon after its context is cancelled a call with Interrupt set must return.
	StopWithin = time.Second
	// DefaultMaxHeap is the heap a case may use when its MaxHeap is zero.
	DefaultMaxHeap = 1 << 30
)

// Case is one bad input to one entry point.
type Case struct {
	// Name identifies the case in test output, e.g. "SumSquares/n=MaxInt"; unique within one Run.
	Name string
	// Param is the parameter an error must name, e.g. "n" or "workers".
	Param string
	// Call calls the entry point with the bad input and returns its error. With Interrupt set, ctx is
	// cancelled that long after the call starts.
	Call func(ctx context.Context) error
	// Accepts says that a nil error is a documented correct result for this input. Call must then check
	// the value it got and return an error describing any nonsense.
	Accepts bool
	// Interrupt, when positive, cancels Call's context this long after the call starts; the call must
	// then return within StopWithin, with an error that is (or wraps) the context's error or names Param.
	Interrupt time.Duration
	// MaxHeap is the most heap, in bytes, the call may use; 0 means DefaultMaxHeap.
	MaxHeap int64
}

// outcome is what the child process reports about its case, as one line of JSON on standard output.
type outcome struct {
	Err      string        `json:"err,omitempty"`
	Canceled bool          `json:"canceled,omitempty"` // the error is or wraps the context's error
	Panic    string        `json:"panic,omitempty"`
	Heap     int64         `json:"heap,omitempty"` // set when the heap went over the cap
	Leaked   string        `json:"leaked,omitempty"`
	Elapsed  time.Duration `json:"elapsed"`
	Stopped  time.Duration `json:"stopped,omitempty"` // from the cancel to the return, with Interrupt set
}

const (
	envCase = "PARLAB_HOSTILE_CASE"
	marker  = "PARLAB_HOSTILE_OUTCOME "
)

// Run checks every case, each in a child process, as parallel subtests of t. It must be the only call of
// Run in its test function.
func Run(t *testing.T, cases []Case) {
	t.Helper()
	if name, ok := os.LookupEnv(envCase); ok {
		for _, c := range cases {
			if c.Name == name {
				child(c)
			}
		}
		fmt.Fprintf(os.Stderr, "hostile: no case named %q in %s\n", name, t.Name())
		os.Exit(3)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if c.Name == "" || seen[c.Name] || c.Call == nil {
			t.Fatalf("hostile: case %q: every case needs a unique Name and a Call", c.Name)
		}
		seen[c.Name] = true
	}
	test := t.Name()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if problem := judge(c, test); problem != "" {
				t.Errorf("%s (param %q): %s", c.Name, c.Param, problem)
			}
		})
	}
}

// judge runs c in a child process started from test and returns what is wrong, or "".
func judge(c Case, test string) string {
	ctx, cancel := context.WithTimeout(context.Background(), Limit+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+regexp.QuoteMeta(test)+"$", "-test.count=1", "-test.v=false")
	// A -race binary sleeps 1 s at exit (GORACE atexit_sleep_ms) to catch late reports; a case's child
	// has reported already, so it skips that (options set in GORACE itself still win).
	cmd.Env = append(os.Environ(), envCase+"="+c.Name, "GORACE=atexit_sleep_ms=0 "+os.Getenv("GORACE"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return fmt.Sprintf("did not return within %v: a hang (nothing bounded it)", Limit)
	}
	var o outcome
	found := false
	for _, line := range strings.Split(stdout.String(), "\n") {
		if j, ok := strings.CutPrefix(line, marker); ok && json.Unmarshal([]byte(j), &o) == nil {
			found = true
		}
	}
	if !found {
		return fmt.Sprintf("the process died (%v): %s", err, tail(stderr.String(), 12))
	}
	maxHeap := c.MaxHeap
	if maxHeap == 0 {
		maxHeap = DefaultMaxHeap
	}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss := ru.Maxrss * 1024 // kilobytes on Linux
			if cap := 3*maxHeap + 512<<20; raceEnabled && rss > 4*cap || !raceEnabled && rss > cap {
				return fmt.Sprintf("peak memory %d MiB, over the cap of %d MiB heap: the input was not bounded before allocating", rss>>20, maxHeap>>20)
			}
		}
	}
	return o.problem(c)
}

// problem says what is wrong with an outcome of c, or "".
func (o outcome) problem(c Case) string {
	switch {
	case o.Panic != "":
		return "panicked: " + o.Panic
	case o.Heap > 0:
		return fmt.Sprintf("used %d MiB of heap, over its cap: the input was not bounded before allocating", o.Heap>>20)
	case o.Elapsed > Limit:
		return fmt.Sprintf("took %v, longer than the %v a bad input may take", o.Elapsed.Round(time.Millisecond), Limit)
	case c.Interrupt > 0 && o.Stopped > StopWithin:
		return fmt.Sprintf("returned %v after its context was cancelled, want within %v", o.Stopped.Round(time.Millisecond), StopWithin)
	case o.Leaked != "":
		return "left goroutines running after it returned: " + o.Leaked
	case o.Err == "" && !c.Accepts:
		return "accepted the input silently: want an error naming " + fmt.Sprintf("%q", c.Param)
	case o.Err == "":
		return ""
	case c.Interrupt > 0 && o.Canceled:
		return ""
	case c.Accepts && !strings.Contains(o.Err, c.Param):
		return "a documented input gave nonsense: " + o.Err
	case !strings.Contains(o.Err, c.Param):
		return fmt.Sprintf("its error does not name the parameter %q: %s", c.Param, o.Err)
	case strings.Contains(o.Err, "runtime error"):
		return "its error is a runtime error, not a sentence: " + o.Err
	}
	return ""
}

// child runs c in this process, prints its outcome and exits.
func child(c Case) {
	maxHeap := c.MaxHeap
	if maxHeap == 0 {
		maxHeap = DefaultMaxHeap
	}
	debug.SetMemoryLimit(maxHeap) // the GC works harder before the watchdog below gives up
	report := func(o outcome) {
		b, _ := json.Marshal(o)
		fmt.Printf("\n%s%s\n", marker, b)
		os.Exit(0)
	}
	go watchHeap(maxHeap, func(h int64) { report(outcome{Heap: h}) })

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelled time.Time
	if c.Interrupt > 0 {
		time.AfterFunc(c.Interrupt, func() { cancelled = time.Now(); cancel() })
	}
	ignore := goleak.IgnoreCurrent()
	start := time.Now()
	done := make(chan outcome, 1)
	go func() {
		var o outcome
		defer func() {
			if r := recover(); r != nil {
				o.Panic = fmt.Sprintf("%v\n%s", r, tail(string(debug.Stack()), 16))
			}
			done <- o
		}()
		if err := c.Call(ctx); err != nil {
			o.Err = err.Error()
			o.Canceled = errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
		}
	}()
	var o outcome
	select {
	case o = <-done:
	case <-time.After(Limit):
		report(outcome{Elapsed: time.Since(start)})
	}
	o.Elapsed = time.Since(start)
	if !cancelled.IsZero() {
		o.Stopped = time.Since(cancelled)
	}
	cancel()
	if err := goleak.Find(ignore, goleak.IgnoreAnyFunction("github.com/parlab/parlab/lib/internal/hostile.watchHeap")); err != nil {
		o.Leaked = tail(err.Error(), 12)
	}
	report(o)
}

// watchHeap calls over with the heap size once it exceeds maxHeap, checking every 5 ms.
func watchHeap(maxHeap int64, over func(int64)) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	for {
		metrics.Read(s)
		if h := int64(s[0].Value.Uint64()); h > maxHeap {
			over(h)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// tail returns at most the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
