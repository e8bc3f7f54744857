package cache

import (
	"bufio"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// lineBytes is the distance between two links of the chain: one cache line on x86-64 and most arm64
// (Apple's 128-byte lines hold two links, which the random order still rarely visits together).
const lineBytes = 64

// Limits on Config.
const (
	minBytes   = 4 << 10
	maxBytes   = 1 << 30
	minSteps   = 1 << 10
	maxSteps   = 1 << 26
	checkEvery = 1 << 14 // accesses between two looks at the context
)

// Config says what [Measure] measures. Zero fields take the defaults in brackets.
type Config struct {
	// MinBytes and MaxBytes bound the working sets: MinBytes from 4 KiB [4 KiB], MaxBytes up to 1 GiB
	// and half the available memory [256 MiB, or 4 × the largest cache if that is more, within the
	// bounds; 64 MiB in quick mode]. Sizes are the powers of two between them and the halfway points
	// (×1.5) between those.
	MinBytes, MaxBytes int64
	// Steps is the accesses of one timed chase, 2¹⁰ to 2²⁶ [2¹⁸; 2¹⁷ in quick mode].
	Steps int
	// Trials per size, bench.MinTrials to bench.MaxTrials [bench.MinTrials].
	Trials int
	// Progress, when not nil, is called after each chase, in the calling goroutine.
	Progress func(bench.Progress)
}

// Point is one working-set size.
type Point struct {
	Bytes int64
	// NsPerAccess is the time of one step of the chase: the median over trials, with its 95% interval.
	NsPerAccess bench.Interval
	Noisy       bool
}

// Result is what Measure found.
type Result struct {
	Config Config // with defaults filled in
	Points []Point
	// Levels are the caches the operating system reports (nil when it reports none).
	Levels  []Level
	Env     bench.Env
	Partial bool // stopped before every size was measured
}

func (c Config) withDefaults() (Config, error) {
	if c.MinBytes == 0 {
		c.MinBytes = minBytes
	}
	if c.MaxBytes == 0 {
		c.MaxBytes = 256 << 20
		if ls := Levels(); len(ls) > 0 {
			c.MaxBytes = max(c.MaxBytes, 4*ls[len(ls)-1].Bytes)
		}
		if workload.Quick() {
			c.MaxBytes = 64 << 20
		}
		c.MaxBytes = min(c.MaxBytes, maxBytes)
		if avail, ok := AvailableBytes(); ok {
			c.MaxBytes = max(c.MinBytes, min(c.MaxBytes, int64(avail/4)))
		}
	}
	if c.Steps == 0 {
		c.Steps = 1 << 18
		if workload.Quick() {
			c.Steps = 1 << 17
		}
	}
	if c.Trials == 0 {
		c.Trials = bench.MinTrials
	}
	switch {
	case c.MinBytes < minBytes || c.MinBytes > maxBytes:
		return c, fmt.Errorf("cache: MinBytes is %d; want %d (4 KiB) to %d (1 GiB)", c.MinBytes, minBytes, maxBytes)
	case c.MaxBytes < c.MinBytes || c.MaxBytes > maxBytes:
		return c, fmt.Errorf("cache: MaxBytes is %d; want MinBytes (%d) to %d (1 GiB)", c.MaxBytes, c.MinBytes, maxBytes)
	case c.Steps < minSteps || c.Steps > maxSteps:
		return c, fmt.Errorf("cache: Steps is %d accesses per chase; want %d to %d (0 means 2¹⁸)", c.Steps, minSteps, maxSteps)
	case c.Trials < bench.MinTrials || c.Trials > bench.MaxTrials:
		return c, fmt.Errorf("cache: Trials is %d; want %d to %d (0 means %d)", c.Trials, bench.MinTrials, bench.MaxTrials, bench.MinTrials)
	}
	if avail, ok := AvailableBytes(); ok && uint64(c.MaxBytes) > avail/2 {
		return c, fmt.Errorf("cache: MaxBytes is %s, more than half the memory available (%s); want less", Size(c.MaxBytes), Size(int64(avail)))
	}
	return c, nil
}

// Sizes returns the working-set sizes of a measurement from lo to hi bytes: powers of two and the
// halfway points between them, rounded to whole cache lines.
func Sizes(lo, hi int64) []int64 {
	var out []int64
	for p := int64(1) << 12; p <= hi; p <<= 1 {
		for _, s := range []int64{p, p + p/2} {
			if s >= lo && s <= hi {
				out = append(out, s/lineBytes*lineBytes)
			}
		}
	}
	return out
}

// Measure follows a random chain through each working-set size, Trials times after one untimed
// warm-up, smallest size first. When ctx is cancelled it returns the sizes measured so far, Partial,
// with ctx's error.
func Measure(ctx context.Context, cfg Config) (Result, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Result{}, err
	}
	res := Result{Config: cfg, Levels: Levels(), Env: bench.CaptureEnv()}
	sizes := Sizes(cfg.MinBytes, cfg.MaxBytes)
	buf := make([]uint64, cfg.MaxBytes/8)
	rng := newRand()
	total, done, start := len(sizes)*(1+cfg.Trials), 0, time.Now()
	for _, size := range sizes {
		first := link(buf, int(size/lineBytes), rng)
		var samples []time.Duration
		for trial := -1; trial < cfg.Trials; trial++ {
			t0 := time.Now()
			p, ok := chase(ctx, buf, first, cfg.Steps)
			d := time.Since(t0)
			if !ok {
				res.Partial = true
				res.Env.LoadAfter = bench.CaptureEnv().LoadBefore
				return res, ctx.Err()
			}
			if p >= uint64(len(buf)) {
				return res, fmt.Errorf("cache: the chain left the buffer at %d", p) // impossible: a broken chain
			}
			if trial >= 0 {
				samples = append(samples, d)
			}
			done++
			if cfg.Progress != nil {
				el := time.Since(start)
				cfg.Progress(bench.Progress{Done: done, Total: total, Elapsed: el, Left: el / time.Duration(done) * time.Duration(total-done),
					Last: bench.Config{Task: "pointer chase, " + Size(size), Workers: 1}})
			}
		}
		m, lo, hi, _ := bench.MedianCI(samples)
		n := float64(cfg.Steps)
		pt := Point{Bytes: size, NsPerAccess: bench.Interval{Value: float64(m) / n, Low: float64(lo) / n, High: float64(hi) / n}}
		pt.Noisy = !pt.NsPerAccess.Known() || (pt.NsPerAccess.High-pt.NsPerAccess.Low)/2 > bench.NoisyFraction*pt.NsPerAccess.Value
		res.Points = append(res.Points, pt)
	}
	res.Env.LoadAfter = bench.CaptureEnv().LoadBefore
	runtime.KeepAlive(buf)
	return res, nil
}

// link writes a random cyclic chain through the first lines lines of buf (one link every 8 uint64s,
// 64 bytes): buf[8i] holds the index in buf of the next link. Sattolo's algorithm makes one cycle
// through all lines. It returns the index of the first link.
func link(buf []uint64, lines int, rng *rand.Rand) uint64 {
	perm := make([]uint32, lines)
	for i := range perm {
		perm[i] = uint32(i)
	}
	for i := lines - 1; i > 0; i-- {
		j := rng.IntN(i) // j < i: Sattolo, a single cycle
		perm[i], perm[j] = perm[j], perm[i]
	}
	for i := range lines {
		buf[8*i] = 8 * uint64(perm[i])
	}
	return 0
}

// chase follows steps links from first and returns where it ended; false when ctx was cancelled.
func chase(ctx context.Context, buf []uint64, first uint64, steps int) (uint64, bool) {
	p := first
	for done := 0; done < steps; {
		k := min(checkEvery, steps-done)
		for range k {
			p = buf[p]
		}
		done += k
		if ctx.Err() != nil {
			return p, false
		}
	}
	return p, true
}

// AvailableBytes returns the memory available to new programs (MemAvailable in /proc/meminfo), and
// false where the system does not say.
func AvailableBytes() (uint64, bool) {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && k == "MemAvailable" {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err == nil && kb < math.MaxUint64/1024 {
				return kb * 1024, true
			}
		}
	}
	return 0, false
}

// Measure is the package's Measure(ctx, c) with c.Progress set to progress: the shape nb.Run takes.
func (c Config) Measure(ctx context.Context, progress func(bench.Progress)) (Result, error) {
	if progress != nil {
		c.Progress = progress
	}
	return Measure(ctx, c)
}

// Warnings returns what a reader should know: a busy machine, noisy sizes.
func (r Result) Warnings() []string {
	var w []string
	if b := r.Env.Busy(); b != "" {
		w = append(w, b)
	}
	noisy := 0
	for _, p := range r.Points {
		if p.Noisy {
			noisy++
		}
	}
	if noisy > 0 {
		w = append(w, fmt.Sprintf("%d of %d sizes are noisy: the 95%% interval of their median is wider than ±%.0f%% of it.", noisy, len(r.Points), 100*bench.NoisyFraction))
	}
	return w
}

// newRand is the deterministic source of the chains' order.
func newRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }
