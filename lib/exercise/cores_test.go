package exercise

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// TestCheckCoresUsed: right answers pass; each kind of wrong answer fails with a hint naming the bound
// it forgot; a hang and a panic become hints.
func TestCheckCoresUsed(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, c := range []struct {
		name    string
		f       func(g, p, n int) int
		outcome check.Outcome
		says    string
	}{
		{"min of three", func(g, p, n int) int { return min(g, p, n) }, check.Passed, "min(goroutines, GOMAXPROCS, CPUs)"},
		{"nested", func(g, p, n int) int { return min(min(g, p), n) }, check.Passed, "Right"},
		{"goroutines", func(g, p, n int) int { return g }, check.NotPassed, "take turns"},
		{"forgets the CPUs", func(g, p, n int) int { return min(g, p) }, check.NotPassed, "logical CPUs"},
		{"forgets the goroutines", func(g, p, n int) int { return min(p, n) }, check.NotPassed, "only 2 things to run"},
		{"forgets GOMAXPROCS", func(g, p, n int) int { return min(g, n) }, check.NotPassed, "caps the threads"},
		{"GOMAXPROCS", func(g, p, n int) int { return p }, check.NotPassed, "want 2"},
		{"hangs", func(g, p, n int) int { <-release; return 0 }, check.NotPassed, "did not return within"},
		{"panics", func(g, p, n int) int { return []int{}[g] }, check.NotPassed, "panicked"},
		{"nil", nil, check.NotPassed, "nil"},
	} {
		got := checkCoresUsed(c.f, 300*time.Millisecond)
		if got.Outcome != c.outcome || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("%s: got %v; want %v and %q", c.name, got, c.outcome, c.says)
		}
		if got.Outcome == check.NotPassed && got.Hint == "" {
			t.Errorf("%s: no hint in %q", c.name, got)
		}
	}
}

// TestCheckSerialShare: the Karp–Flatt metric passes; 1/S, 1 − S/N, a missing division and NaN fail
// with their own hints; a hang and a panic become hints.
func TestCheckSerialShare(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	for _, c := range []struct {
		name    string
		f       func(s float64, n int) float64
		outcome check.Outcome
		says    string
	}{
		{"Karp–Flatt", func(s float64, n int) float64 { N := float64(n); return (1/s - 1/N) / (1 - 1/N) }, check.Passed, "Karp–Flatt"},
		{"solved another way", func(s float64, n int) float64 { N := float64(n); return (N/s - 1) / (N - 1) }, check.Passed, "Right"},
		{"1/S", func(s float64, n int) float64 { return 1 / s }, check.NotPassed, "Take it out"},
		{"1 − S/N", func(s float64, n int) float64 { return 1 - s/float64(n) }, check.NotPassed, "1 − efficiency"},
		{"no division", func(s float64, n int) float64 { return 1/s - 1/float64(n) }, check.NotPassed, "Divide by (1 − 1/N)"},
		{"NaN", func(s float64, n int) float64 { return math.NaN() }, check.NotPassed, "not a number"},
		{"hangs", func(s float64, n int) float64 { <-release; return 0 }, check.NotPassed, "did not return within"},
		{"panics", func(s float64, n int) float64 { return []float64{}[n] }, check.NotPassed, "panicked"},
		{"nil", nil, check.NotPassed, "nil"},
	} {
		got := checkSerialShare(c.f, 300*time.Millisecond)
		if got.Outcome != c.outcome || !strings.Contains(got.Message+" "+got.Hint, c.says) {
			t.Errorf("%s: got %v; want %v and %q", c.name, got, c.outcome, c.says)
		}
		if got.Outcome == check.NotPassed && got.Hint == "" {
			t.Errorf("%s: no hint in %q", c.name, got)
		}
	}
}
