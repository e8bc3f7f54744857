package pool

import (
	"fmt"
	"strings"
)

// Describe says in sentences what the curves show on a machine with procs Ps (GOMAXPROCS): for each
// batch, the pool size with the highest throughput and how it compares with a pool of one, and what a
// pool of procs workers did. A pool is called fastest only when its 95% interval overlaps no other
// pool's; otherwise the sentence names the pools within noise of it (intervals overlapping), or says
// that too few trials left no interval to judge by.
func Describe(curves []Curve, procs int) string {
	var parts []string
	for _, c := range curves {
		if s := c.describe(procs); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// describe is Describe for one curve.
func (c Curve) describe(procs int) string {
	best, ok := c.Best()
	if !ok {
		return ""
	}
	one, hasOne := c.At(1)
	timesOne := func(p Point) string {
		if !hasOne || one.Throughput.Value <= 0 || p.Size == 1 {
			return ""
		}
		return fmt.Sprintf(", %.1f× a pool of one", p.Throughput.Value/one.Throughput.Value)
	}
	// The pools whose interval overlaps the best one's; unknown when a point has no interval.
	known := true
	var close []Point
	for _, p := range c.Points {
		if !p.Throughput.Known() {
			known = false
			continue
		}
		if p.Size != best.Size && overlap(p, best) {
			close = append(close, p)
		}
	}
	head := fmt.Sprintf("%s: %.0f items/s%s", c.name(best), best.Throughput.Value, timesOne(best))
	var s string
	switch {
	case !known:
		s = fmt.Sprintf("The %s batch had its highest median with %s (too few trials for intervals: "+
			"no pool can be called the fastest)", c.Kind, head)
	case len(close) == 0:
		s = fmt.Sprintf("The %s batch went fastest with %s", c.Kind, head)
	default:
		var sizes, names []string
		for _, p := range close {
			if p.PerItem {
				names = append(names, c.name(p))
			} else {
				sizes = append(sizes, fmt.Sprint(p.Size))
			}
		}
		switch len(sizes) {
		case 0:
		case 1:
			names = append([]string{"a pool of " + sizes[0]}, names...)
		default:
			names = append([]string{"pools of " + andList(sizes)}, names...)
		}
		verb, none := "are", "none of them is clearly the fastest"
		if len(close) == 1 {
			verb, none = "is", "neither is clearly faster"
		}
		s = fmt.Sprintf("The %s batch had its highest median with %s; %s %s within noise of it (the 95%% "+
			"intervals overlap), so %s", c.Kind, head, andList(names), verb, none)
	}
	p, ok := c.At(procs)
	if !ok {
		return s + "."
	}
	if p.Size == best.Size {
		return s + fmt.Sprintf(". That pool is GOMAXPROCS = %d.", procs)
	}
	s += fmt.Sprintf(". A pool of GOMAXPROCS = %d", procs)
	switch {
	case p.PerItem:
		s += fmt.Sprintf(" (for %d items, one goroutine per item)", c.Items)
	case p.Size == 1:
		s += " (the pool of one)"
	}
	s += fmt.Sprintf(" did %.0f items/s, %.0f%% of the highest%s", p.Throughput.Value,
		100*p.Throughput.Value/best.Throughput.Value, timesOne(p))
	if known && overlap(p, best) {
		s += " — within noise of it"
	}
	return s + "."
}

// name says which pool a point is: "a pool of 4", "one goroutine per item", or for a pool larger than
// the batch "a pool of 64 (for 32 items, one goroutine per item)".
func (c Curve) name(p Point) string {
	switch {
	case p.PerItem && p.Size == c.Items:
		return "one goroutine per item"
	case p.PerItem:
		return fmt.Sprintf("a pool of %d (for %d items, one goroutine per item)", p.Size, c.Items)
	}
	return fmt.Sprintf("a pool of %d", p.Size)
}

// overlap reports whether two points' 95% intervals overlap.
func overlap(a, b Point) bool {
	return a.Throughput.Low <= b.Throughput.High && b.Throughput.Low <= a.Throughput.High
}

// andList joins names as "a, b and c".
func andList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
