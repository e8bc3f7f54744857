package machines

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/parlab/parlab/lib/bench"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0") // the hostile table starts a process per case
	}
	goleak.VerifyTestMain(m)
}

// Made-up machines for the tests: a sweep of one task whose speedup at N workers is speedup(N), with
// a ±3% interval, 10 trials per point.

func sweepOf(env bench.Env, task string, ns []int, speedup func(n int) float64) *bench.Result {
	res := &bench.Result{Env: env, Trials: 10}
	const t1 = 100 * time.Millisecond
	for _, n := range ns {
		s := speedup(n)
		med := time.Duration(float64(t1) / s)
		samples := make([]time.Duration, 10)
		for i := range samples {
			samples[i] = med
		}
		res.Points = append(res.Points, bench.Point{
			Config:  bench.Config{Task: task, Workers: n, Procs: env.GOMAXPROCS},
			Samples: samples, Median: med, Low: med * 99 / 100, High: med * 101 / 100,
			Speedup:    bench.Interval{Value: s, Low: 0.97 * s, High: 1.03 * s},
			Efficiency: bench.Interval{Value: s / float64(n), Low: 0.97 * s / float64(n), High: 1.03 * s / float64(n)},
		})
	}
	return res
}

func upTo(n int) []int {
	var ns []int
	for i := 1; i <= n; i++ {
		ns = append(ns, i)
	}
	return ns
}

var testDay = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// smtServer: 32 physical cores with 2 threads each, sum of squares with s = 0.002 and SMT worth 25% of
// a core: the knee at 32.
func smtServer() *bench.Report {
	env := bench.Env{CPUModel: "Test Server CPU", NumCPU: 64, PhysicalCores: 32, GOMAXPROCS: 64, Time: testDay, LoadBefore: []float64{0.5}}
	m := Model{Cores: 32, Threads: 2, Yield: 0.25}
	return &bench.Report{Env: env, File: "test-server-cpu-64cpu-20261201-00000000.json", CPU: sweepOf(env, "sum of squares, n=100000000", upTo(64),
		func(n int) float64 { return 1 / (0.002 + 0.998/m.Capacity(float64(n))) })}
}

// memoryBound: 16 cores sharing memory bandwidth, the stream task following the USL with σ = 0.05 and
// κ = 0.01 (a peak at N* = 9), and the sum of squares scaling perfectly.
func memoryBound() *bench.Report {
	env := bench.Env{CPUModel: "Test Desktop CPU", NumCPU: 16, PhysicalCores: 16, GOMAXPROCS: 16, Time: testDay.Add(time.Hour)}
	usl := Model{Sigma: 0.05, Kappa: 0.01}.USL()
	rep := &bench.Report{Env: env, File: "test-desktop-cpu-16cpu-20261201-00000001.json", CPU: sweepOf(env, "stream (dot product), n=8388608, passes=8", upTo(16),
		func(n int) float64 { return usl.X(float64(n)) })}
	sq := sweepOf(env, "sum of squares, n=100000000", upTo(16), func(n int) float64 { return float64(n) })
	rep.CPU.Points = append(rep.CPU.Points, sq.Points...)
	return rep
}

// repoReport is the report in the repository's data/bench: a 2-core VM.
func repoReport(t *testing.T) *bench.Report {
	t.Helper()
	r, err := bench.ReadReport(filepath.Join("..", "..", "data", "bench", "amd-epyc-2cpu-20261122-36406086.json"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// yours is a learner's sweep on a 4-core laptop without hardware threads: 1 … 8 workers.
func yours() *bench.Result {
	env := bench.Env{CPUModel: "Test Laptop CPU", NumCPU: 4, PhysicalCores: 4, GOMAXPROCS: 4, Time: testDay.Add(2 * time.Hour)}
	return sweepOf(env, "sum of squares, n=10000000", []int{1, 2, 3, 4, 8}, func(n int) float64 {
		if n == 1 {
			return 1
		}
		return 0.97 * float64(min(n, 4))
	})
}
