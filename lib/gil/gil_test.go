package gil

import (
	"context"
	"os"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// The race detector sleeps a second as a process exits; the hostile table starts a process per
	// case, so without this it would spend minutes sleeping.
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
	goleak.VerifyTestMain(m)
}

func TestGoSumMatchesFormula(t *testing.T) {
	// Σ_{i<n} i² = (n−1)n(2n−1)/6, exact in uint64 for these n.
	for _, n := range []int{1, 2, 3, 10, 1000, 100_001} {
		m := uint64(n)
		want := (m - 1) * m * (2*m - 1) / 6
		for _, w := range []int{1, 2, 3, 7} {
			if got := goSum(n, w); got != want {
				t.Errorf("goSum(%d, %d) = %d, want %d", n, w, got, want)
			}
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	for _, tt := range []struct {
		n, w int
		want string
	}{{0, 2, "n = 0 is not allowed"}, {10, 0, "workers = 0 is not allowed"}} {
		if _, err := Compare(context.Background(), tt.n, tt.w, 6); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Compare(%d, %d): err = %v, want %q", tt.n, tt.w, err, tt.want)
		}
	}
}

func TestCompareRunsPython(t *testing.T) {
	if _, err := Python(); err != nil {
		t.Skip(err)
	}
	res, err := Compare(context.Background(), 20_000, 2, 6)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 5 {
		t.Fatalf("got %d entries, want 5", len(res.Entries))
	}
	for _, e := range res.Entries {
		if len(e.Samples) != 6 || e.Median <= 0 {
			t.Errorf("%s: %d samples, median %v; want 6 samples and a positive median", e.Name, len(e.Samples), e.Median)
		}
	}
	if res.Entries[2].Name != "Python, 2 processes" {
		t.Errorf("entry 3 is %q, want \"Python, 2 processes\"", res.Entries[2].Name)
	}
}
