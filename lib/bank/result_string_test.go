package bank

import (
	"strings"
	"testing"
)

func TestResultString(t *testing.T) {
	for _, tt := range []struct {
		before, after int64
		want          string
	}{
		{100, 100, "the invariant holds"},
		{100, 107, ": 7 appeared from nowhere, the invariant is broken"},
		{100, 93, ": 7 vanished, the invariant is broken"},
	} {
		r := Result{Config: Config{Goroutines: 4}, Accounts: 10, Before: tt.before, After: tt.after}
		if got := r.String(); !strings.HasSuffix(got, tt.want) {
			t.Errorf("Result{Before: %d, After: %d}.String() = %q; want it to end with %q", tt.before, tt.after, got, tt.want)
		}
	}
}
