package cache

import (
	"fmt"
	"strings"
)

// Step is the latency measured inside one level of the hierarchy.
type Step struct {
	Name  string // "L1d", "L2", "L3", "DRAM", or "up to 64 KiB" when the system reports no caches
	Bytes int64  // the working set the latency was read at
	// NsPerAccess is the measured point's median and interval.
	NsPerAccess float64
	Low, High   float64
}

// Steps reads the latency of each level off the curve: for each cache the system reports, the
// largest measured working set at most half its size (comfortably inside it); for DRAM, the largest
// working set measured when it is at least 4 × the largest cache. Without reported caches, Steps
// returns the sizes just before the two largest jumps and the largest size.
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
		if last.Bytes >= 4*r.Levels[len(r.Levels)-1].Bytes {
			out = append(out, step("DRAM", last))
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
		parts = append(parts, fmt.Sprintf("%s **%.1f ns**", what, s.NsPerAccess))
	}
	text := "One dependent access took, read at a working set inside each level: " + strings.Join(parts, ", ") + "."
	if len(st) >= 2 && st[0].NsPerAccess > 0 {
		text += fmt.Sprintf(" From the smallest to the largest working set, one access became **%.0f×** slower — the same instruction, only the data farther away.",
			st[len(st)-1].NsPerAccess/st[0].NsPerAccess)
	}
	if len(r.Levels) == 0 {
		text += " (This system reports no cache sizes, so the levels are read from the largest jumps of the curve.)"
	}
	if r.Partial {
		text += " *The run was interrupted: larger sizes were not measured.*"
	}
	return text
}
