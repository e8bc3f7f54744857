//go:build unix

package sim

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/procs"
)

var sink atomic.Int64

func spin(n int) {
	s := 0
	for i := range n {
		s += i * i
	}
	sink.Add(int64(s))
}

// run starts k goroutines running body and waits for them; it returns the wall time and the CPU time
// the process used meanwhile (user + system, all threads).
func run(k int, body func()) (wall, cpu time.Duration) {
	runtime.GC()
	var wg sync.WaitGroup
	c0 := cpuTime()
	start := time.Now()
	for range k {
		wg.Add(1)
		go func() { defer wg.Done(); body() }()
	}
	wg.Wait()
	return time.Since(start), cpuTime() - c0
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func wallOf(k int, body func()) func() time.Duration {
	return func() time.Duration { w, _ := run(k, body); return w }
}

func cpuOf(k int, body func()) func() time.Duration {
	return func() time.Duration { _, c := run(k, body); return c }
}

// fastest measures every config `trials` times, interleaved so that a change in machine load hits all
// configs alike, after one untimed warm-up each; it returns each config's minimum: the run least
// disturbed by other processes, which is the run the simulator (a machine of its own) describes.
func fastest(trials int, configs ...func() time.Duration) []time.Duration {
	all := make([][]time.Duration, len(configs))
	for _, c := range configs {
		c()
	}
	for range trials {
		for i, c := range configs {
			all[i] = append(all[i], c())
		}
	}
	out := make([]time.Duration, len(configs))
	for i, xs := range all {
		out[i] = slices.Min(xs)
	}
	return out
}

func oneP(b *testing.B) {
	restore, err := procs.Set("procs", 1)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(restore)
}

// median returns the median of xs (xs is not empty).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkAgreement compares the simulator with real runs of the same goroutines on one P, and
// reports real ÷ simulated (metric real/sim; 1 is perfect agreement) and the real ratio itself. Each
// iteration is one comparison of 7 interleaved trials per configuration (fastest kept: the run least
// disturbed by other processes, which is the run the simulator — a machine of its own — describes).
// The model ignores scheduling overhead and caches; a busy machine, and the race detector, which makes
// goroutines cost several times more, move the ratio away from 1.
//
//   - cpu-bound: k = 4 CPU-bound goroutines against one goroutine doing the same 4 pieces in turn. The
//     simulator says both take the same time (ratio 1.00). It compares process CPU time, not wall time:
//     with one P a CPU-bound run's makespan on a core of its own is its CPU time, which does not grow
//     while other processes hold the core; both runs do the same work, so a busy machine disturbs them
//     alike. real-ratio is the measured ×.
//   - io-bound: k = 8 goroutines that each compute ≈ 0.1 ms and sleep 5 ms, five times. The simulator,
//     calibrated with the measured one-goroutine run (its sleep as the I/O phase), predicts the wall time
//     of the k-goroutine run — barely longer than one, because the sleeps overlap. real-ratio is the k
//     goroutines' wall time ÷ one goroutine's.
func BenchmarkAgreement(b *testing.B) {
	b.Run("cpu-bound", func(b *testing.B) {
		oneP(b)
		const k, work = 4, 30_000_000 // ≈ 10 ms per piece on an idle core
		var real, vs []float64
		for b.Loop() {
			m := fastest(7,
				cpuOf(1, func() {
					for range k {
						spin(work)
					}
				}),
				cpuOf(k, func() { spin(work) }),
			)
			piece := m[0] / k
			serial, _ := Run(Config{Cores: 1, Quantum: 10 * time.Millisecond}, []Task{{Phases: cpu(k * piece)}})
			var tasks []Task
			for range k {
				tasks = append(tasks, Task{Phases: cpu(piece)})
			}
			conc, _ := Run(Config{Cores: 1, Quantum: 10 * time.Millisecond}, tasks)
			simRatio := float64(conc.Timeline.Span) / float64(serial.Timeline.Span)
			realRatio := float64(m[1]) / float64(m[0])
			real, vs = append(real, realRatio), append(vs, realRatio/simRatio)
		}
		b.ReportMetric(median(vs), "real/sim")
		b.ReportMetric(median(real), "real-ratio")
	})
	b.Run("io-bound", func(b *testing.B) {
		oneP(b)
		const k, rounds, work, nap = 8, 5, 200_000, 5 * time.Millisecond // ≈ 0.1 ms of computing per round
		body := func() {
			for range rounds {
				spin(work)
				time.Sleep(nap)
			}
		}
		var real, vs []float64
		for b.Loop() {
			m := fastest(7, wallOf(1, func() { spin(work) }), wallOf(1, body), wallOf(k, body))
			c := m[0]
			wait := max(m[1]/rounds-c, 0) // the sleep as it really took, wake-up included
			var phases []Phase
			for range rounds {
				phases = append(phases, Compute("spin", c), Wait("sleep", wait))
			}
			var tasks []Task
			for range k {
				tasks = append(tasks, Task{Phases: phases})
			}
			res, err := Run(Config{Cores: 1, Quantum: 10 * time.Millisecond}, tasks)
			if err != nil {
				b.Fatal(err)
			}
			real = append(real, float64(m[2])/float64(m[1]))
			vs = append(vs, float64(m[2])/float64(res.Timeline.Span))
		}
		b.ReportMetric(median(vs), "real/sim")
		b.ReportMetric(median(real), "real-ratio")
	})
}
