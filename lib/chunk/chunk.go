// Package chunk cuts n items into k contiguous pieces for k goroutines — the first step of almost every
// parallel loop — and checks a learner's own way of doing it.
//
// [Bounds] gives piece i of k as the half-open range [lo, hi): pieces cover 0 … n−1 exactly once, in
// order, and their sizes differ by at most one (the first n mod k pieces get one item more). With more
// pieces than items, the last k − n pieces are empty. Bounds computes without overflow for every n and
// k that fit an int.
//
// [Check] is the self-check of the exercise "cut n items into k chunks": it calls the learner's function
// through check.Call on a table of cases chosen for the classic mistakes (a remainder left out, pieces
// that overlap, more pieces than items, zero items) and returns a check.Result whose hint names the
// mistake. It is also the worked example of a check in CONTRIBUTING.md.
package chunk

import (
	"fmt"
	"time"

	"github.com/parlab/parlab/lib/check"
)

// Bounds returns piece i of k when n items are cut into k contiguous pieces whose sizes differ by at
// most one: the half-open range [lo, hi). It needs n ≥ 0, k ≥ 1 and 0 ≤ i < k, and panics otherwise —
// a caller's bug, not a learner's input.
func Bounds(n, k, i int) (lo, hi int) {
	if n < 0 || k < 1 || i < 0 || i >= k {
		panic(fmt.Sprintf("chunk: Bounds(%d, %d, %d): want n ≥ 0, k ≥ 1 and 0 ≤ i < k", n, k, i))
	}
	q, r := n/k, n%k
	lo = i*q + min(i, r)
	hi = lo + q
	if i < r {
		hi++
	}
	return lo, hi
}

// Func is the learner's function: the k pieces of n items as half-open ranges {lo, hi}, in order.
type Func func(n, k int) [][2]int

// limit bounds one call of the learner's function.
const limit = 5 * time.Second

// cases are the inputs Check tries, each for a classic mistake.
var cases = []struct{ n, k int }{
	{12, 3},   // divides evenly
	{10, 3},   // a remainder: 4, 3, 3
	{1001, 4}, // a remainder of 1
	{7, 16},   // more pieces than items
	{0, 2},    // nothing to cut
	{5, 1},    // one piece
}

// Check is the self-check of the exercise "cut n items into k contiguous chunks". It passes when, for
// every case, fn returns k pieces that cover 0 … n−1 exactly once, in order, with sizes that differ by at
// most one. A hang (5 s), a panic or a goroutine left running is reported with a hint.
func Check(fn Func) check.Result {
	return checkWith(fn, limit)
}

func checkWith(fn Func, limit time.Duration) check.Result {
	if fn == nil {
		return check.NotYet("The function is nil.", "Pass your function: chunk.Check(chunks).")
	}
	for _, c := range cases {
		what := fmt.Sprintf("chunks(%d, %d)", c.n, c.k)
		got, err := check.Call(limit, func() [][2]int { return fn(c.n, c.k) })
		if err != nil {
			return check.Explain(what, err)
		}
		if msg, hint := judge(got, c.n, c.k); msg != "" {
			return check.NotYet(fmt.Sprintf("%s = %v: %s", what, got, msg), hint)
		}
	}
	return check.Pass(fmt.Sprintf("Right for all %d cases, including a remainder, more pieces than items and nothing to cut.", len(cases)))
}

// judge says what is wrong with pieces as the cut of n items into k, or "" when nothing is.
func judge(pieces [][2]int, n, k int) (msg, hint string) {
	if len(pieces) != k {
		return fmt.Sprintf("%d pieces, want %d", len(pieces), k),
			"Return exactly k pieces, one per goroutine, even when some are empty."
	}
	next, small, large := 0, n, 0
	for i, p := range pieces {
		lo, hi := p[0], p[1]
		switch {
		case lo < 0:
			return fmt.Sprintf("piece %d starts at %d, before item 0", i, lo),
				"Items are numbered from 0 to n−1: the first piece starts at 0, and no piece before it."
		case lo < next:
			return fmt.Sprintf("piece %d starts at %d, inside the piece before it", i, lo),
				"Pieces overlap: piece i should start where piece i−1 ended (half-open ranges [lo, hi))."
		case lo > next:
			return fmt.Sprintf("items %d … %d are in no piece", next, lo-1),
				"Some items are left out: piece i should start exactly where piece i−1 ended."
		case hi < lo:
			return fmt.Sprintf("piece %d ends (%d) before it starts (%d)", i, hi, lo),
				"A piece is [lo, hi) with lo ≤ hi; an empty piece has lo == hi."
		}
		next = hi
		small, large = min(small, hi-lo), max(large, hi-lo)
	}
	if next != n {
		if next < n {
			return fmt.Sprintf("items %d … %d are in no piece", next, n-1),
				"The remainder is left out: when n is not a multiple of k, n/k items per piece miss n mod k of them. Give the first n mod k pieces one item more (or use lo = i*n/k, hi = (i+1)*n/k)."
		}
		return fmt.Sprintf("the pieces go up to %d, past the last item %d", next-1, n-1),
			"The last piece must end at n: check the bound of the last piece."
	}
	if large-small > 1 {
		return fmt.Sprintf("piece sizes range from %d to %d", small, large),
			"Spread the remainder: sizes should differ by at most one, or the goroutine with the biggest piece keeps the others waiting."
	}
	return "", ""
}
