package profile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	pp "github.com/google/pprof/profile"
)

// Func is one function's share of a profile.
type Func struct {
	Name string // as the profile names it: "github.com/parlab/parlab/lib/logreport.Parse"
	// Flat is the time sampled in the function's own code; Cum in it and in everything it called
	// (counted once per sample, also for a recursive function).
	Flat, Cum time.Duration
	// FlatShare and CumShare are Flat and Cum as fractions of the profile's Total.
	FlatShare, CumShare float64
}

// Profile is a parsed profile.
type Profile struct {
	// Unit says what the values measure: "cpu nanoseconds", "delay nanoseconds".
	Unit string
	// Total is the sum of every sample's value; Samples is the number of samples the profiler took.
	Total   time.Duration
	Samples int
	// Funcs are every function in the profile, by decreasing Flat (then Cum, then name).
	Funcs []Func
	// Runs and Wall are how many times CPU ran the function and for how long; 0 for a parsed file.
	Runs int
	Wall time.Duration
	// stacks are the samples' call stacks, outermost frame first, with their values.
	stacks []stack
}

type stack struct {
	frames []string
	value  int64
}

// Limits of a profile.
const (
	maxSamples = 1 << 20
	maxDepth   = 512
	minRun     = 10 * time.Millisecond
	maxRun     = time.Minute
	maxWall    = 5 // CPU's wall time, at most, in multiples of least
)

// cpuTime returns the CPU time this process has used, user and system (0 where unknown).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// CPU runs f again and again with the CPU profiler on until the program has used at least least of CPU
// time (10 ms to 1 min) — or for at most 5 × least of wall time, when other programs keep the cores
// busy — and at least once, and returns the profile. The profiler samples CPU time, so a busy machine
// gives the same number of samples, only later. A panic in f stops the profiler and goes on up.
func CPU(ctx context.Context, least time.Duration, f func()) (*Profile, error) {
	if f == nil {
		return nil, errors.New("profile: CPU was given no function to profile")
	}
	if least < minRun || least > maxRun {
		return nil, fmt.Errorf("profile: least = %v is not allowed: want from %v to %v of running (the profiler takes 100 samples a second)", least, minRun, maxRun)
	}
	var buf bytes.Buffer
	if err := pprof.StartCPUProfile(&buf); err != nil {
		return nil, fmt.Errorf("profile: %w (another CPU profile is running: stop it first)", err)
	}
	start, cpu0, runs := time.Now(), cpuTime(), 0
	func() {
		defer pprof.StopCPUProfile()
		spent := func() time.Duration {
			if cpu0 == 0 { // CPU time unknown: wall time instead
				return time.Since(start)
			}
			return cpuTime() - cpu0
		}
		for runs == 0 || (spent() < least && time.Since(start) < maxWall*least && ctx.Err() == nil) {
			f()
			runs++
		}
	}()
	wall := time.Since(start)
	p, err := Parse(&buf)
	if err != nil {
		return nil, err
	}
	p.Runs, p.Wall = runs, wall
	if ctx.Err() != nil {
		return p, ctx.Err()
	}
	return p, nil
}

// Parse reads a profile in pprof's format (gzip-compressed or not) with the pprof tool's parser.
func Parse(r io.Reader) (*Profile, error) {
	raw, err := pp.Parse(io.LimitReader(r, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("profile: reading the profile: %w", err)
	}
	return fromPprof(raw)
}

func fromPprof(raw *pp.Profile) (*Profile, error) {
	if len(raw.SampleType) == 0 {
		return nil, errors.New("profile: the profile has no sample type")
	}
	if len(raw.Sample) > maxSamples {
		return nil, fmt.Errorf("profile: the profile has %d samples; at most %d are read", len(raw.Sample), maxSamples)
	}
	vi := len(raw.SampleType) - 1
	st := raw.SampleType[vi]
	p := &Profile{Unit: st.Type + " " + st.Unit}
	scale := int64(1)
	switch st.Unit {
	case "nanoseconds":
	case "microseconds":
		scale = 1000
	case "seconds":
		scale = 1e9
	default:
		// counts or bytes: kept as they are, read as "nanoseconds" by Duration fields
	}
	// A CPU profile's first value counts the samples merged into each record (identical stacks are
	// one record); other profiles' records are one sample each.
	counts := vi > 0 && raw.SampleType[0].Unit == "count"
	flat, cum := map[string]int64{}, map[string]int64{}
	for _, s := range raw.Sample {
		if len(s.Value) <= vi || s.Value[vi] <= 0 {
			continue
		}
		v := s.Value[vi] * scale
		var frames []string // leaf first
		for _, loc := range s.Location {
			for _, ln := range loc.Line {
				name := "?"
				if ln.Function != nil && ln.Function.Name != "" {
					name = ln.Function.Name
				}
				frames = append(frames, name)
			}
		}
		if len(frames) == 0 {
			frames = []string{"(unknown)"}
		}
		if len(frames) > maxDepth {
			return nil, fmt.Errorf("profile: a call stack has %d frames; at most %d are read", len(frames), maxDepth)
		}
		flat[frames[0]] += v
		seen := map[string]bool{}
		for _, f := range frames {
			if !seen[f] {
				seen[f] = true
				cum[f] += v
			}
		}
		slices.Reverse(frames)
		p.stacks = append(p.stacks, stack{frames, v})
		p.Total += time.Duration(v)
		if counts {
			p.Samples += int(s.Value[0])
		} else {
			p.Samples++
		}
	}
	for name, c := range cum {
		f := Func{Name: name, Flat: time.Duration(flat[name]), Cum: time.Duration(c)}
		if p.Total > 0 {
			f.FlatShare, f.CumShare = float64(f.Flat)/float64(p.Total), float64(f.Cum)/float64(p.Total)
		}
		p.Funcs = append(p.Funcs, f)
	}
	slices.SortFunc(p.Funcs, func(a, b Func) int {
		if a.Flat != b.Flat {
			return int(b.Flat - a.Flat)
		}
		if a.Cum != b.Cum {
			return int(b.Cum - a.Cum)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return p, nil
}

// Top returns the n functions with the most flat time (all of them when n ≤ 0 or larger).
func (p *Profile) Top(n int) []Func {
	if p == nil {
		return nil
	}
	if n <= 0 || n > len(p.Funcs) {
		n = len(p.Funcs)
	}
	return p.Funcs[:n]
}

// TopCum returns the n functions with the most cumulative time.
func (p *Profile) TopCum(n int) []Func {
	if p == nil {
		return nil
	}
	fs := slices.Clone(p.Funcs)
	slices.SortStableFunc(fs, func(a, b Func) int { return int(b.Cum - a.Cum) })
	if n <= 0 || n > len(fs) {
		n = len(fs)
	}
	return fs[:n]
}

// Func returns the function with exactly that name, or false.
func (p *Profile) Func(name string) (Func, bool) {
	if p == nil {
		return Func{}, false
	}
	for _, f := range p.Funcs {
		if f.Name == name {
			return f, true
		}
	}
	return Func{}, false
}

// Short shortens a function's name to its last path element: "logreport.Parse",
// "flate.(*compressor).deflate".
func Short(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// Node is a function in a call tree: Value is its cumulative time below the tree's root, Self the time
// in its own code; Children are the functions it called, by decreasing Value.
type Node struct {
	Name     string
	Value    time.Duration
	Self     time.Duration
	Children []*Node
}

// Tree returns the call tree below root: for each sample whose stack holds root, the frames from
// root's outermost call to the leaf. Children smaller than minShare of the root's value (0 to 1) are
// merged into one child named "other". ok is false when no sample holds root.
func (p *Profile) Tree(root string, minShare float64) (*Node, bool) {
	if p == nil {
		return nil, false
	}
	top := &Node{Name: root}
	for _, s := range p.stacks {
		i := slices.Index(s.frames, root)
		if i < 0 {
			continue
		}
		n := top
		n.Value += time.Duration(s.value)
		for _, f := range s.frames[i+1:] {
			var next *Node
			for _, c := range n.Children {
				if c.Name == f {
					next = c
					break
				}
			}
			if next == nil {
				next = &Node{Name: f}
				n.Children = append(n.Children, next)
			}
			next.Value += time.Duration(s.value)
			n = next
		}
		n.Self += time.Duration(s.value)
	}
	if top.Value == 0 {
		return nil, false
	}
	prune(top, time.Duration(minShare*float64(top.Value)))
	return top, true
}

// prune sorts children by value and merges those below min into "other".
func prune(n *Node, min time.Duration) {
	slices.SortStableFunc(n.Children, func(a, b *Node) int { return int(b.Value - a.Value) })
	var kept []*Node
	var other *Node
	for _, c := range n.Children {
		if c.Value >= min && min >= 0 {
			prune(c, min)
			kept = append(kept, c)
			continue
		}
		if other == nil {
			other = &Node{Name: "other"}
		}
		other.Value += c.Value
		other.Self += c.Value
	}
	if other != nil {
		kept = append(kept, other)
	}
	n.Children = kept
}

// Table returns the n functions with the most flat time (all when n ≤ 0), as a header and rows for a
// table (nb.Table): function, flat and its share, cumulative and its share.
func (p *Profile) Table(n int) (header []string, rows [][]string) {
	header = []string{"function", "flat", "flat %", "cum", "cum %"}
	for _, f := range p.Top(n) {
		rows = append(rows, []string{Short(f.Name), round3(f.Flat).String(), fmt.Sprintf("%.1f%%", 100*f.FlatShare),
			round3(f.Cum).String(), fmt.Sprintf("%.1f%%", 100*f.CumShare)})
	}
	return header, rows
}

// ShareOf returns the cumulative time of the function name as a fraction of the cumulative time of
// the function within (its caller, or the program's main function): the f that Amdahl's law takes
// when name's work is what gets parallelised. ok is false when either is missing from the profile.
func (p *Profile) ShareOf(name, within string) (f float64, ok bool) {
	a, okA := p.Func(name)
	b, okB := p.Func(within)
	if !okA || !okB || b.Cum <= 0 {
		return 0, false
	}
	return float64(a.Cum) / float64(b.Cum), true
}

// round3 rounds d to three significant digits (a nanosecond at least).
func round3(d time.Duration) time.Duration {
	unit := time.Duration(1)
	for unit*1000 <= d {
		unit *= 10
	}
	return d.Round(unit)
}
