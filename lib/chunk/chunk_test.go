package chunk

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/check"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestBounds(t *testing.T) {
	for _, c := range []struct{ n, k int }{{12, 3}, {10, 3}, {7, 16}, {0, 2}, {1, 1}, {math.MaxInt, 7}, {math.MaxInt, math.MaxInt}} {
		next := 0
		for i := range min(c.k, 64) { // the first pieces of the huge cases
			lo, hi := Bounds(c.n, c.k, i)
			if lo != next || hi < lo || hi-lo > c.n/c.k+1 || hi-lo < c.n/c.k {
				t.Fatalf("Bounds(%d, %d, %d) = [%d, %d); want it to start at %d with %d or %d items", c.n, c.k, i, lo, hi, next, c.n/c.k, c.n/c.k+1)
			}
			next = hi
		}
		if c.k <= 64 && next != c.n {
			t.Errorf("pieces of (%d, %d) end at %d; want %d", c.n, c.k, next, c.n)
		}
	}
	if lo, hi := Bounds(math.MaxInt, 2, 1); hi != math.MaxInt || lo != math.MaxInt/2+1 {
		t.Errorf("Bounds(MaxInt, 2, 1) = [%d, %d); want [%d, %d)", lo, hi, math.MaxInt/2+1, math.MaxInt)
	}
}

func TestBoundsPanicsOnMisuse(t *testing.T) {
	for _, c := range [][3]int{{-1, 2, 0}, {5, 0, 0}, {5, 2, 2}, {5, 2, -1}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(fmt.Sprint(r), "chunk: Bounds") {
					t.Errorf("Bounds%v: recovered %v; want a panic starting with \"chunk: Bounds\"", c, r)
				}
			}()
			Bounds(c[0], c[1], c[2])
		}()
	}
}

// Learners' answers, right and wrong.

func byBounds(n, k int) [][2]int {
	out := make([][2]int, k)
	for i := range out {
		lo, hi := Bounds(n, k, i)
		out[i] = [2]int{lo, hi}
	}
	return out
}

func byProducts(n, k int) [][2]int { // lo = i*n/k: the other classic right answer
	out := make([][2]int, k)
	for i := range out {
		out[i] = [2]int{i * n / k, (i + 1) * n / k}
	}
	return out
}

func dropsRemainder(n, k int) [][2]int {
	out := make([][2]int, k)
	for i := range out {
		out[i] = [2]int{i * (n / k), (i + 1) * (n / k)}
	}
	return out
}

func overlaps(n, k int) [][2]int {
	out := byBounds(n, k)
	if k > 1 && out[1][1] > out[1][0] {
		out[1][0]--
	}
	return out
}

func lastTakesRest(n, k int) [][2]int {
	out := make([][2]int, k)
	for i := range out {
		out[i] = [2]int{i * (n / k), (i + 1) * (n / k)}
	}
	out[k-1][1] = n
	return out
}

func skipsEmpty(n, k int) [][2]int {
	var out [][2]int
	for _, p := range byBounds(n, k) {
		if p[1] > p[0] {
			out = append(out, p)
		}
	}
	return out
}

func TestCheck(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	cases := []struct {
		name    string
		fn      Func
		outcome check.Outcome
		message string // in the Message
		hint    string // in the Hint
	}{
		{"bounds", byBounds, check.Passed, "Right for all 6 cases", ""},
		{"products", byProducts, check.Passed, "Right for all 6 cases", ""},
		{"drops the remainder", dropsRemainder, check.NotPassed, "are in no piece", "remainder"},
		{"overlaps", overlaps, check.NotPassed, "inside the piece before it", "overlap"},
		{"starts before 0", func(n, k int) [][2]int { out := byBounds(n, k); out[0][0] = -1; return out }, check.NotPassed,
			"piece 0 starts at -1, before item 0", "first piece starts at 0"},
		{"last piece takes the rest", lastTakesRest, check.NotPassed, "piece sizes range from 0 to 7", "differ by at most one"},
		{"skips empty pieces", skipsEmpty, check.NotPassed, "pieces, want 16", "exactly k pieces"},
		{"nil", nil, check.NotPassed, "nil", "chunk.Check(chunks)"},
		{"panics", func(n, k int) [][2]int { return make([][2]int, k)[:k+1] }, check.NotPassed, "panicked", ""},
		{"hangs", func(n, k int) [][2]int { <-block; return nil }, check.NotPassed, "did not return", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := checkWith(c.fn, 200*time.Millisecond)
			if r.Outcome != c.outcome || !strings.Contains(r.Message, c.message) || !strings.Contains(r.Hint, c.hint) {
				t.Errorf("Check = %v\nwant outcome %v, a message with %q and a hint with %q", r, c.outcome, c.message, c.hint)
			}
		})
	}
}
