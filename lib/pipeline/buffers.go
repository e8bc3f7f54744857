package pipeline

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"github.com/parlab/parlab/lib/workload"
)

// BufferSweep is notebook 05's backpressure experiment: a two-stage pipeline (produce → consume) whose
// stages cost the same on average, run with every channel capacity in Buffers, once with steady stages
// and once with bursty ones (out of phase: while one is slow the other is fast). Zero fields take the
// defaults in brackets (quick mode, see workload.Quick, in parentheses).
type BufferSweep struct {
	Buffers []int         // channel capacities, each 0 … 10 000, at most 16 [0, 1, 2, 4, 8, 16, 32 (0, 2, 8)]
	Items   int           // items per run, 1 … 100 000 [64 (24)]
	Cost    time.Duration // each stage's mean cost per item, 0 … 1 s [1 ms]
	Trials  int           // timed runs per configuration [bench's default]
}

const maxBufferValues = 16

func (s BufferSweep) withDefaults() BufferSweep {
	quick := workload.Quick()
	if len(s.Buffers) == 0 {
		s.Buffers = []int{0, 1, 2, 4, 8, 16, 32}
		if quick {
			s.Buffers = []int{0, 2, 8}
		}
	}
	if s.Items == 0 {
		s.Items = 64
		if quick {
			s.Items = 24
		}
	}
	if s.Cost == 0 {
		s.Cost = time.Millisecond // shorter waits are mostly the timer's own delay
	}
	return s
}

// config returns the pipeline of one configuration.
func (s BufferSweep) config(buffer int, bursty bool) Config {
	return Config{Items: s.Items, Buffer: buffer, Stages: []Stage{
		{Name: "produce", Cost: s.Cost, Bursty: bursty},
		{Name: "consume", Cost: s.Cost, Bursty: bursty},
	}}
}

// run is one configuration as a workload.Task: its checksum is the number of items that came out.
type run1 struct {
	name string
	cfg  Config
}

func (t run1) Name() string { return t.name }
func (t run1) Serial(ctx context.Context) (uint64, error) {
	r, err := run(ctx, t.cfg)
	if err != nil {
		return 0, err
	}
	return uint64(r.Done), nil
}
func (t run1) Run(ctx context.Context, workers int) (uint64, error) { return t.Serial(ctx) }

func taskName(buffer int, bursty bool, items int, cost time.Duration) string {
	kind := "steady"
	if bursty {
		kind = "bursty"
	}
	return fmt.Sprintf("pipeline, 2 %s stages of %v per item, %d items, buffer %d", kind, cost, items, buffer)
}

// Bench returns the lib/bench sweep that times every configuration (each a task; one worker), for
// nb.Measure, which caches it, or bench.Run.
func (s BufferSweep) Bench() (bench.Sweep, error) {
	s = s.withDefaults()
	if len(s.Buffers) > maxBufferValues {
		return bench.Sweep{}, fmt.Errorf("pipeline: Buffers has %d values; want at most %d", len(s.Buffers), maxBufferValues)
	}
	var tasks []workload.Task
	for _, bursty := range []bool{false, true} {
		for _, b := range sortedUnique(s.Buffers) {
			cfg, err := s.config(b, bursty).withDefaults()
			if err != nil {
				return bench.Sweep{}, err
			}
			tasks = append(tasks, run1{taskName(b, bursty, cfg.Items, s.Cost), cfg})
		}
	}
	return bench.Sweep{Tasks: tasks, Workers: []int{1}, Trials: s.Trials}, nil
}

func sortedUnique(xs []int) []int {
	out := slices.Clone(xs)
	slices.Sort(out)
	return slices.Compact(out)
}

// BufferCurve is the throughput against channel capacity of the steady or the bursty pipeline.
type BufferCurve struct {
	Bursty bool
	Points []BufferPoint // increasing Buffer
	// Bound is the most items per second the stages allow, one per mean cost: the throughput no buffer
	// can beat.
	Bound float64
	// Ceiling is the throughput the stages' costs allow with an unbounded buffer and hand-offs that
	// take no time (see Ideal), and Enough the smallest buffer that reaches it. Bursty stages stay
	// below Bound however large the buffer: the first slow block and the last overlap with nothing.
	Ceiling float64
	Enough  int
}

// BufferPoint is one capacity.
type BufferPoint struct {
	Buffer     int
	Throughput bench.Interval // items per second: Items ÷ the median time, with its 95% interval
	Noisy      bool
	// Ideal is the throughput the stages' costs allow with this buffer if hand-offs took no time and
	// timers were exact: the measured throughput's ceiling.
	Ideal float64
}

// Ideal returns the items per second a two-stage pipeline of one worker per stage (as BufferSweep's)
// would reach if its hand-offs took no time: each item's finishing times follow from the stage costs
// alone. The producer's send of item i completes once the consumer has received item i−Buffer (item i
// itself when unbuffered); the consumer receives item i once it is sent and item i−1 is done. It
// returns 0 for other pipelines or when the items cost nothing.
func Ideal(cfg Config) float64 {
	if len(cfg.Stages) != 2 || cfg.Items < 1 || cfg.Buffer < 0 {
		return 0
	}
	for _, st := range cfg.Stages {
		if max(st.Workers, 1) != 1 {
			return 0
		}
	}
	a, b := cfg.Stages[0], cfg.Stages[1]
	recv := make([]time.Duration, cfg.Items) // when the consumer received item i
	var start, done time.Duration            // the producer's next item starts; the consumer's last item ends
	for i := range cfg.Items {
		ready := start + a.cost(0, i)
		if cfg.Buffer == 0 {
			recv[i] = max(ready, done)
			start = recv[i]
		} else {
			sent := ready
			if i >= cfg.Buffer {
				sent = max(sent, recv[i-cfg.Buffer])
			}
			recv[i] = max(sent, done)
			start = sent
		}
		done = recv[i] + b.cost(1, i)
	}
	if done <= 0 {
		return 0
	}
	return float64(cfg.Items) / done.Seconds()
}

// Curves reads a result of s.Bench() as the steady curve then the bursty one.
func (s BufferSweep) Curves(res *bench.Result) []BufferCurve {
	if res == nil {
		return nil
	}
	s = s.withDefaults()
	var out []BufferCurve
	for _, bursty := range []bool{false, true} {
		c := BufferCurve{Bursty: bursty}
		if s.Cost > 0 {
			c.Bound = 1 / s.Cost.Seconds()
			c.Ceiling = Ideal(s.config(s.Items, bursty))
			// The smallest buffer that reaches the ceiling: a search over 0 … Items (an item never
			// waits behind more than Items others), to within a part in a thousand.
			c.Enough = sort.Search(s.Items+1, func(b int) bool { return Ideal(s.config(b, bursty)) >= c.Ceiling*0.999 })
		}
		for _, b := range sortedUnique(s.Buffers) {
			name := taskName(b, bursty, s.Items, s.Cost)
			for _, p := range res.Points {
				if p.Task != name || p.Median <= 0 {
					continue
				}
				iv := bench.Interval{Value: float64(s.Items) / p.Median.Seconds()}
				if p.HasInterval() && p.Low > 0 {
					iv.Low, iv.High = float64(s.Items)/p.High.Seconds(), float64(s.Items)/p.Low.Seconds()
				}
				c.Points = append(c.Points, BufferPoint{Buffer: b, Throughput: iv, Noisy: p.Noisy, Ideal: Ideal(s.config(b, bursty))})
			}
		}
		if len(c.Points) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// DescribeBuffers says what the curves show: how much the largest buffer gained over none, for steady
// and for bursty stages, set against what the stages' costs allow (BufferPoint.Ideal,
// BufferCurve.Ceiling) — the measured numbers fall short of those by the hand-offs' and timers' own time.
func DescribeBuffers(curves []BufferCurve) string {
	var parts []string
	for _, c := range curves {
		if len(c.Points) < 2 {
			continue
		}
		first, last := c.Points[0], c.Points[len(c.Points)-1]
		kind := "steady"
		if c.Bursty {
			kind = "bursty"
		}
		gain := last.Throughput.Value / first.Throughput.Value
		s := fmt.Sprintf("With %s stages, a buffer of %d gave %.0f items/s against %.0f unbuffered (%.2f×).", kind, last.Buffer,
			last.Throughput.Value, first.Throughput.Value, gain)
		if c.Ceiling > 0 && first.Ideal > 0 && last.Ideal > 0 {
			switch {
			case c.Enough <= first.Buffer:
				s += fmt.Sprintf(" Their costs alone (hand-offs taking no time) allow %.0f with any buffer", c.Ceiling)
			case c.Enough <= last.Buffer:
				s += fmt.Sprintf(" Their costs alone (hand-offs taking no time) allow %.0f unbuffered and %.0f with a buffer of %d, "+
					"which no larger buffer beats (a buffer of %d is the smallest that reaches it)", first.Ideal, last.Ideal, last.Buffer, c.Enough)
			default:
				s += fmt.Sprintf(" Their costs alone (hand-offs taking no time) allow %.0f unbuffered and %.0f with a buffer of %d; "+
					"a buffer of %d or more would allow %.0f", first.Ideal, last.Ideal, last.Buffer, c.Enough, c.Ceiling)
			}
			if c.Bound > 0 && c.Ceiling < 0.97*c.Bound {
				s += fmt.Sprintf(" — below the %.0f of one item per mean cost, because at the start and the end of the run one "+
					"stage waits for the other", c.Bound)
				if c.Bursty {
					s += " (here through a whole block of slow items)"
				}
			}
			s += fmt.Sprintf("; the measured %.0f is %.0f%% of it.", last.Throughput.Value, 100*last.Throughput.Value/last.Ideal)
		} else if c.Bound > 0 {
			s += fmt.Sprintf(" The stages allow at most %.0f.", c.Bound)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}
