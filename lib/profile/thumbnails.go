package profile

import (
	"fmt"
	"math"
	"strings"
	"time"

	pp "github.com/google/pprof/profile"

	"github.com/parlab/parlab/lib/check"
	"github.com/parlab/parlab/lib/scaling"
)

// thumbnailStacks is the exercise's profile: call stacks (outermost first, below runtime.main and
// main.main) with their number of 10 ms samples, 1000 in all. A batch of images is decoded, resized
// and encoded — three loops over independent images — then an index file is written (serial: one
// file, sorted) and progress is logged.
var thumbnailStacks = []struct {
	frames string
	count  int64
}{
	{"main.processBatch", 20},
	{"main.processBatch main.decodeAll", 5},
	{"main.processBatch main.decodeAll image/jpeg.Decode image/jpeg.(*decoder).processSOS", 150},
	{"main.processBatch main.decodeAll image/jpeg.Decode runtime.mallocgc", 25},
	{"main.processBatch main.resizeAll", 5},
	{"main.processBatch main.resizeAll main.resize", 30},
	{"main.processBatch main.resizeAll main.resize main.lanczos", 300},
	{"main.processBatch main.resizeAll main.resize main.clamp", 90},
	{"main.processBatch main.resizeAll main.resize runtime.mallocgc", 95},
	{"main.processBatch main.encodeAll", 5},
	{"main.processBatch main.encodeAll image/png.Encode compress/flate.(*compressor).deflate", 190},
	{"main.processBatch main.encodeAll image/png.Encode hash/crc32.update", 25},
	{"main.processBatch main.writeIndex", 5},
	{"main.processBatch main.writeIndex sort.Slice", 20},
	{"main.processBatch main.writeIndex fmt.Fprintf", 15},
	{"main.processBatch main.logProgress fmt.Fprintf", 5},
	{"main.processBatch main.logProgress os.(*File).Write syscall.write", 15},
}

// ThumbnailCores is the number of cores the exercise asks about.
const ThumbnailCores = 8

// ThumbnailLoops are the loops over images in the exercise's program: each can be parallelised.
var ThumbnailLoops = []string{"main.decodeAll", "main.resizeAll", "main.encodeAll"}

// Thumbnails returns the exercise's profile: a thumbnail service processing a batch of images, 10 s of
// CPU in 1000 samples. It is made for the exercise (not measured), written in pprof's format with the
// pprof package and read back with Parse, as a profile from a file would be.
func Thumbnails() *Profile {
	raw := &pp.Profile{
		SampleType: []*pp.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}},
		PeriodType: &pp.ValueType{Type: "cpu", Unit: "nanoseconds"},
		Period:     int64(10 * time.Millisecond),
	}
	funcs, locs := map[string]*pp.Function{}, map[string]*pp.Location{}
	loc := func(name string) *pp.Location {
		if l := locs[name]; l != nil {
			return l
		}
		f := &pp.Function{ID: uint64(len(funcs) + 1), Name: name, SystemName: name, Filename: "main.go"}
		funcs[name] = f
		raw.Function = append(raw.Function, f)
		l := &pp.Location{ID: uint64(len(locs) + 1), Line: []pp.Line{{Function: f, Line: int64(10 * len(locs))}}}
		locs[name] = l
		raw.Location = append(raw.Location, l)
		return l
	}
	for _, s := range thumbnailStacks {
		frames := append([]string{"runtime.main", "main.main"}, strings.Fields(s.frames)...)
		var ls []*pp.Location
		for i := len(frames) - 1; i >= 0; i-- { // leaf first
			ls = append(ls, loc(frames[i]))
		}
		raw.Sample = append(raw.Sample, &pp.Sample{Location: ls, Value: []int64{s.count, s.count * raw.Period}})
	}
	var buf strings.Builder
	if err := raw.Write(&buf); err != nil {
		panic("profile: writing the thumbnail profile: " + err.Error()) // a fixed profile: cannot fail
	}
	p, err := Parse(strings.NewReader(buf.String()))
	if err != nil {
		panic("profile: reading the thumbnail profile back: " + err.Error())
	}
	return p
}

// CheckHotSpot is the self-check of the exercise "from a profile, name the loop to parallelise and the
// best speedup": fn is the function the learner would parallelise in the Thumbnails profile, speedup
// what Amdahl's law gives on ThumbnailCores cores when only that function's work runs in parallel:
// S = 1/((1 − f) + f/8), f the function's cumulative share. The answer must name the loop with the
// largest cumulative share (main.resizeAll; main.resize, which it calls once per image, is accepted
// too), and the speedup must be within 1% of Amdahl's for the function named. The hints diagnose the
// usual mistakes: the largest flat time (a leaf called inside a loop), a loop with a smaller share,
// the flat share or the limit 1/(1 − f) used in the formula, s and f swapped.
func CheckHotSpot(fn string, speedup float64) check.Result {
	p := Thumbnails()
	name := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(fn), "()"))
	if name == "" {
		return check.NotYet("No function named.", "Put the name of the function you would parallelise in fn, e.g. \"main.decodeAll\".")
	}
	if !strings.Contains(name, ".") {
		name = "main." + name
	}
	f, ok := p.Func(name)
	if !ok {
		return check.NotYet(fmt.Sprintf("The profile has no function %q.", fn),
			"Copy a name from the chart — its boxes name every function; the table lists only the ten with the most flat time — such as main.decodeAll.")
	}
	s := 1 - f.CumShare
	want := scaling.Amdahl(s, ThumbnailCores)
	switch {
	case name == "main.resizeAll" || name == "main.resize":
	case name == "main.processBatch" || name == "main.main" || name == "runtime.main":
		return check.NotYet(fmt.Sprintf("%s is the whole program: it also writes the index and logs, which cannot run in parallel.", name),
			"Pick one of the loops over images it calls: "+strings.Join(ThumbnailLoops, ", ")+".")
	case name == "main.decodeAll" || name == "main.encodeAll":
		return check.NotYet(fmt.Sprintf("%s is a loop over images, but it holds %.0f%% of the time (cumulative).", name, 100*f.CumShare),
			"Compare the loops by their cumulative share — the time in them and everything they call — and take the largest.")
	case f.FlatShare >= 0.1:
		return check.NotYet(fmt.Sprintf("%s has a lot of flat time (%.0f%%), but it is a function called inside a loop, many times, on a small piece of an image.", name, 100*f.FlatShare),
			"The time that looks biggest in the flat column is not what to parallelise: find the loop over images that calls it, and read its cumulative share.")
	default:
		return check.NotYet(fmt.Sprintf("%s holds only %.0f%% of the time (cumulative).", name, 100*f.CumShare),
			"Parallelise the loop over images with the largest cumulative share.")
	}
	if math.Abs(speedup-want) <= 0.01*want {
		return check.Pass(fmt.Sprintf("%s holds %.1f%% of the time, so s = 1 − %.3f = %.3f stays serial: on %d cores S = 1/(%.3f + %.3f/%d) = %.2f×, and no number of cores gives more than 1/s = %.2f×.",
			name, 100*f.CumShare, f.CumShare, s, ThumbnailCores, s, f.CumShare, ThumbnailCores, want, 1/s))
	}
	hint := "Amdahl: S = 1/(s + (1 − s)/N), where s is the share that stays serial — everything except the function you parallelise — and N = 8."
	switch {
	case near(speedup, scaling.Amdahl(1-f.FlatShare, ThumbnailCores)):
		hint = fmt.Sprintf("You used the flat share (%.1f%%): parallelising %s speeds up everything it calls too, so use its cumulative share (%.1f%%).", 100*f.FlatShare, name, 100*f.CumShare)
	case near(speedup, scaling.Amdahl(f.CumShare, ThumbnailCores)):
		hint = fmt.Sprintf("s and 1 − s are swapped: s is the part that stays serial, 1 − %.3f = %.3f.", f.CumShare, s)
	case near(speedup, 1/s):
		hint = fmt.Sprintf("%.2f is the limit with infinitely many cores; the question asks for %d cores.", 1/s, ThumbnailCores)
	case near(speedup, ThumbnailCores*f.CumShare) || near(speedup, ThumbnailCores):
		hint = "Only the parallelised share gets N times faster; the rest still takes as long as before: S = 1/(s + (1 − s)/N)."
	}
	return check.NotYet(fmt.Sprintf("%s is the right loop; the speedup on %d cores is not %.3g.", name, ThumbnailCores, speedup), hint)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.01*math.Abs(b) }
