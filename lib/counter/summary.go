package counter

import (
	"fmt"
	"strings"
)

// Summary says in plain words what Measure found, under the largest GOMAXPROCS measured: each kind's
// cost per increment with one goroutine (nothing to contend for) and with the most goroutines
// measured, how many times slower sharing the counter made it, and which kind was cheapest there.
// It is built from the measurements only: a kind without both points is left out, and the text says
// so when nothing can be compared. It is Markdown.
func (c *Contention) Summary() string {
	if c == nil || len(c.Costs) == 0 {
		return "Nothing was measured, so there is nothing to compare."
	}
	procs, most := 0, 0
	for _, x := range c.Costs {
		procs = max(procs, x.Procs)
	}
	var kinds []string
	seen := map[string]bool{}
	for _, x := range c.Costs {
		if x.Procs != procs {
			continue
		}
		most = max(most, x.Goroutines)
		if !seen[x.Kind] {
			seen[x.Kind] = true
			kinds = append(kinds, x.Kind)
		}
	}
	type pair struct {
		kind      string
		one, many Cost
	}
	var pairs []pair
	for _, k := range kinds {
		one, ok1 := c.Cost(k, 1, procs)
		many, ok2 := c.Cost(k, most, procs)
		if ok1 && ok2 {
			pairs = append(pairs, pair{k, one, many})
		}
	}
	if len(pairs) == 0 || most == 1 {
		return fmt.Sprintf("Under GOMAXPROCS=%d no kind was measured with both 1 goroutine and more, so contention cannot be compared.", procs)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Under GOMAXPROCS=%d, one increment cost, with 1 goroutine → with %d goroutines sharing the counter: ", procs, most)
	cheapest := pairs[0]
	for i, p := range pairs {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "**%s** %s → %s ns (%s)", p.kind, ns(p.one.NsPerOp.Value), ns(p.many.NsPerOp.Value), change(p.many.NsPerOp.Value/p.one.NsPerOp.Value))
		if p.many.NsPerOp.Value < cheapest.many.NsPerOp.Value {
			cheapest = p
		}
	}
	fmt.Fprintf(&b, ". With %d goroutines the cheapest was **%s**.", most, cheapest.kind)
	return b.String()
}

// ns formats nanoseconds with three significant digits.
func ns(v float64) string {
	if v >= 100 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// change describes a ratio of costs in words.
func change(r float64) string {
	switch {
	case r >= 1.1:
		return fmt.Sprintf("%.1f× slower", r)
	case r <= 1/1.1:
		return fmt.Sprintf("%.1f× faster", 1/r)
	}
	return "about the same"
}
