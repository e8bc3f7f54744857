package check

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestExplain(t *testing.T) {
	for _, tt := range []struct {
		name        string
		err         error
		message     string
		hint        string
		notInHint   string
		detailTitle string
	}{
		{"timeout", &TimeoutError{Limit: 10 * time.Second, Goroutines: 3, Stacks: "goroutine 9 [chan receive]:"},
			"fetchAll(5 URLs) did not return within 10s, and 2 goroutines it started had not ended either.", "a WaitGroup whose Done is missing", "", "where each goroutine was waiting"},
		{"timeout alone", &TimeoutError{Limit: time.Second, Goroutines: 1},
			"fetchAll(5 URLs) did not return within 1s.", "a channel nobody sends on", "stacks below", ""}, // a timed run (Time) has no stacks
		{"panic", &PanicError{Value: "index out of range [5] with length 5", Frame: "main.fetchAll (main.go:12)", Stack: "…"},
			"fetchAll(5 URLs) panicked in main.fetchAll (main.go:12): index out of range [5] with length 5.", "an index out of range", "", "the stack of the panic"},
		{"leak", &LeakError{Goroutines: 1, Stacks: "goroutine 12 [select]:"},
			"fetchAll(5 URLs) returned while 1 goroutine it started was still running.", "Wait for every goroutine", "", "where the goroutines left running were"},
		{"goexit", ErrGoexit, "fetchAll(5 URLs) ended its goroutine with runtime.Goexit", "Return normally", "", ""},
		{"other", errors.New("connection refused"), "fetchAll(5 URLs) failed: connection refused.", "", "", ""},
	} {
		r := Explain("fetchAll(5 URLs)", tt.err)
		if r.Outcome != NotPassed || !strings.HasPrefix(r.Message, tt.message) || !strings.Contains(r.Hint, tt.hint) || r.Detail.Title != tt.detailTitle ||
			tt.notInHint != "" && strings.Contains(r.Hint, tt.notInHint) {
			t.Errorf("%s: got %v, %q, hint %q, detail %q; want not yet, %q, a hint with %q (and without %q), detail %q",
				tt.name, r.Outcome, r.Message, r.Hint, r.Detail.Title, tt.message, tt.hint, tt.notInHint, tt.detailTitle)
		}
	}
	if r := Explain("f()", nil); r != (Result{}) {
		t.Errorf("Explain(nil) = %+v; want the zero Result", r)
	}
}
