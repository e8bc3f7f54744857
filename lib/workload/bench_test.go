package workload

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkSumSquaresKernel is the loop that lib/cmd/parlab-bench compares with C: 10⁷ squares.
// ns-per-square is the time of one square (one iteration of the loop).
func BenchmarkSumSquaresKernel(b *testing.B) {
	var sink uint64
	for b.Loop() {
		sink += SumSquaresRange(1, 10_000_000)
	}
	_ = sink
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/10_000_000, "ns-per-square")
}

// BenchmarkChunk times the largest piece of work between two checks of the context, for each kind
// of task: the time a cancelled Run may go on before it notices. doc.go promises under 10 ms.
func BenchmarkChunk(b *testing.B) {
	var sink uint64
	b.Run("sum-of-squares", func(b *testing.B) {
		for b.Loop() {
			sink += SumSquaresRange(1, sumSquaresChunk)
		}
	})
	b.Run("primes-n=2^30", func(b *testing.B) { // a budget of divisions near the largest n
		for b.Loop() {
			budget, m := divisionsBudget, maxPrimesN-divisionsBudget
			for ; budget > 0; m++ {
				_, d := trialDivide(m)
				budget -= d + 1
			}
			sink += uint64(m)
		}
	})
	b.Run("mandelbrot", func(b *testing.B) { // one budget of iterations, inside the set
		for b.Loop() {
			_, _, n := escape(0, 0, 0, 0, iterationBudget)
			sink += uint64(n)
		}
	})
	b.Run("matmul-tile-n=2048", func(b *testing.B) {
		t, err := MatMul(maxMatMulN)
		if err != nil {
			b.Skip(err)
		}
		_, body := t.(matMul).tiles()
		for b.Loop() {
			sink += body(0)
		}
	})
	b.Run("stream", func(b *testing.B) {
		t, err := Stream(DefaultSizes().StreamN, 1)
		if err != nil {
			b.Fatal(err)
		}
		s := t.(stream)
		k := chunksFor(len(s.a), streamChunk, 1)
		for b.Loop() {
			sink += s.chunk(k)(0)
		}
	})
	_ = sink
}

// BenchmarkChunkSize compares the sum of squares of 10⁷ on 2 workers with chunks of 2¹⁶ squares
// (what the tasks use) and of 2²⁰: with large chunks a worker that starts late gets less than its
// share.
func BenchmarkChunkSize(b *testing.B) {
	const n = 10_000_000
	t := sumSquares{n}
	for _, per := range []int{1 << 16, 1 << 20} {
		b.Run(fmt.Sprintf("chunk=%d", per), func(b *testing.B) {
			k := chunksFor(n, per, 2)
			for b.Loop() {
				if _, err := parallelChunks(context.Background(), 2, k, t.chunk(k)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTasks runs every task at its default size on 1 … GOMAXPROCS workers (and the I/O tasks
// on up to 16): compare the sub-benchmarks' ns/op to read the speedups. Each run's checksum is
// checked against the serial one.
func BenchmarkTasks(b *testing.B) {
	d := DefaultSizes()
	srv, err := NewServer(d.Wait, 8)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	cpu := []func() (Task, error){
		func() (Task, error) { return SumSquares(d.SumSquaresN) },
		func() (Task, error) { return Mandelbrot(d.MandelW, d.MandelH, d.MandelIter) },
		func() (Task, error) { return Primes(d.PrimesN) },
		func() (Task, error) { return MatMul(d.MatMulN) },
		func() (Task, error) { return SerialFraction(d.SumSquaresN, 0.1) },
		func() (Task, error) { return Stream(d.StreamN, d.StreamPasses) },
		func() (Task, error) { return Mixed(d.MixedTasks, d.MixedWork, d.MixedWait) },
	}
	var procs []int
	for w := 1; w <= runtime.GOMAXPROCS(0); w++ {
		procs = append(procs, w)
	}
	io := []func() (Task, error){
		func() (Task, error) { return Sleep(d.WaitTasks, d.Wait) },
		func() (Task, error) { return HTTP(srv, d.WaitTasks) },
	}
	for _, set := range []struct {
		makers  []func() (Task, error)
		workers []int
	}{{cpu, procs}, {io, []int{1, 4, 16}}} {
		for _, mk := range set.makers {
			task, err := mk()
			if err != nil {
				b.Fatal(err)
			}
			want, err := task.Serial(context.Background())
			if err != nil {
				b.Fatal(err)
			}
			for _, w := range set.workers {
				b.Run(fmt.Sprintf("%s/workers-%d", task.Name(), w), func(b *testing.B) {
					for b.Loop() {
						got, err := task.Run(context.Background(), w)
						if err != nil || got != want {
							b.Fatalf("checksum %d, error %v; want %d", got, err, want)
						}
					}
				})
			}
		}
	}
}
