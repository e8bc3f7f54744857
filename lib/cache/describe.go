package cache

import (
	"fmt"
	"strings"
)

// Step is the latency measured inside one level of the hierarchy.
type Step struct {
	// Name is "L1d", "L2", "L3", "DRAM" (the largest working set, when it is at least 4 × the largest
	// cache), "largest measured" (the largest working set, when it is not), or "up to 64 KiB" and
	// "at 256 MiB" when the system reports no caches.
	Name  string
	Bytes int64 // the working set the latency was read at
	// NsPerAccess is the measured point's median and interval.
	NsPerAccess float64
	Low, High   float64
}

// Steps reads the latency of each level off the curve: for each cache the system reports, the
// largest measured working set at most half its size (comfortably inside it); then the largest working
// set measured, named "DRAM" when it is at least 4 × the largest cache and "largest measured" when it
// is not (part of it may still be in that cache). Without reported caches, Steps returns the sizes just
// before the two largest jumps and the largest size.
func (r Result) Steps() []Step {
	if len(r.Points) == 0 {
		return nil
	}
	step := func(name string, p Point) Step {
		return Step{name, p.Bytes, p.NsPerAccess.Value, p.NsPerAccess.Low, p.NsPerAccess.High}
	}
	var out []Step
	if len(r.Levels) > 0 {
		for _, l := range r.Levels {
			var in *Point
			for i, p := range r.Points {
				if p.Bytes <= l.Bytes/2 {
					in = &r.Points[i]
				}
			}
			if in != nil {
				out = append(out, step(l.Name(), *in))
			}
		}
		last := r.Points[len(r.Points)-1]
		switch {
		case last.Bytes >= 4*r.Levels[len(r.Levels)-1].Bytes:
			out = append(out, step("DRAM", last))
		case len(out) == 0 || out[len(out)-1].Bytes != last.Bytes:
			out = append(out, step(LargestMeasured, last))
		}
		return out
	}
	// No reported caches: the two largest jumps between neighbouring sizes.
	type jump struct {
		at    int
		ratio float64
	}
	var js []jump
	for i := 1; i < len(r.Points); i++ {
		if a := r.Points[i-1].NsPerAccess.Value; a > 0 {
			js = append(js, jump{i - 1, r.Points[i].NsPerAccess.Value / a})
		}
	}
	for k := 0; k < 2 && len(js) > 0; k++ {
		best := 0
		for i, j := range js {
			if j.ratio > js[best].ratio {
				best = i
			}
		}
		if js[best].ratio > 1.3 {
			p := r.Points[js[best].at]
			out = append(out, step("up to "+Size(p.Bytes), p))
		}
		js = append(js[:best], js[best+1:]...)
	}
	last := r.Points[len(r.Points)-1]
	out = append(out, step("at "+Size(last.Bytes), last))
	return out
}

// LargestMeasured names the step at the largest working set when it is less than 4 × the largest
// reported cache, so not DRAM for certain.
const LargestMeasured = "largest measured"

// Slowdown is how many times longer one access took at the largest working set measured than at the
// smallest; ok is false with fewer than two sizes or a zero time. Describe states the same ratio, and a
// notebook's prediction should compare with it.
func (r Result) Slowdown() (ratio float64, ok bool) {
	if len(r.Points) < 2 || r.Points[0].NsPerAccess.Value <= 0 {
		return 0, false
	}
	return r.Points[len(r.Points)-1].NsPerAccess.Value / r.Points[0].NsPerAccess.Value, true
}

// SlowdownLabel names what Slowdown compares, with the sizes measured: "one access at 256 MiB (DRAM)
// vs at 4 KiB" — for a prediction's label.
func (r Result) SlowdownLabel() string {
	if len(r.Points) < 2 {
		return "largest vs smallest working set, per access"
	}
	first, last := r.Points[0], r.Points[len(r.Points)-1]
	where := ""
	if n := len(r.Levels); n > 0 && last.Bytes >= 4*r.Levels[n-1].Bytes {
		where = " (DRAM)"
	}
	return fmt.Sprintf("one access at %s%s vs at %s", Size(last.Bytes), where, Size(first.Bytes))
}

// Describe says in a sentence what each level cost on this machine, from Steps.
func (r Result) Describe() string {
	st := r.Steps()
	if len(st) == 0 {
		return "Nothing was measured."
	}
	var parts []string
	for _, s := range st {
		what := s.Name
		for _, l := range r.Levels {
			if l.Name() == s.Name {
				what = fmt.Sprintf("%s (%s)", s.Name, Size(l.Bytes))
			}
		}
		switch s.Name {
		case "DRAM":
			what = fmt.Sprintf("DRAM (at %s)", Size(s.Bytes))
		case LargestMeasured:
			what = fmt.Sprintf("the largest working set measured (%s)", Size(s.Bytes))
		}
		parts = append(parts, fmt.Sprintf("%s **%.1f ns**", what, s.NsPerAccess))
	}
	text := "One dependent access took, read at a working set inside each level: " + strings.Join(parts, ", ") + "."
	if k, ok := r.Slowdown(); ok {
		first, last := r.Points[0], r.Points[len(r.Points)-1]
		text += fmt.Sprintf(" From the smallest working set, %s (%.2f ns), to the largest, %s (%.1f ns), one access became **%.0f×** slower — the same instruction, only the data farther away.",
			Size(first.Bytes), first.NsPerAccess.Value, Size(last.Bytes), last.NsPerAccess.Value, k)
	}
	if n := len(st); n > 0 && st[n-1].Name == LargestMeasured {
		big := r.Levels[len(r.Levels)-1]
		text += fmt.Sprintf(" %s is less than 4 × the %s (%s), so part of it may still be in that cache: DRAM was not reached, and an access there costs more. A larger maximum size (%s or more) reaches it.",
			Size(st[n-1].Bytes), big.Name(), Size(big.Bytes), Size(4*big.Bytes))
	}
	if len(r.Levels) == 0 {
		text += " (This system reports no cache sizes, so the levels are read from the largest jumps of the curve.)"
	}
	if r.Partial {
		text += " *The run was interrupted: larger sizes were not measured.*"
	}
	return text
}
