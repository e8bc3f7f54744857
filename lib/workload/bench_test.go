package workload

import (
	"context"
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkSumSquaresKernel is the loop that lib/cmd/parlab-bench compares with C: 10⁷ squares.
func BenchmarkSumSquaresKernel(b *testing.B) {
	var sink uint64
	for b.Loop() {
		sink += SumSquaresRange(1, 10_000_000)
	}
	_ = sink
}

// BenchmarkTasks runs every task at its default size on 1 … GOMAXPROCS workers (and the I/O tasks
// on up to 16): compare the sub-benchmarks' ns/op to read the speedups. Each run's checksum is
// checked against the serial one.
func BenchmarkTasks(b *testing.B) {
	srv, err := NewServer(DefaultWait, 8)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	cpu := []func() (Task, error){
		func() (Task, error) { return SumSquares(DefaultSumSquaresN) },
		func() (Task, error) { return Mandelbrot(DefaultMandelW, DefaultMandelH, DefaultMandelIter) },
		func() (Task, error) { return Primes(DefaultPrimesN) },
		func() (Task, error) { return MatMul(DefaultMatMulN) },
		func() (Task, error) { return SerialFraction(DefaultSumSquaresN, 0.1) },
		func() (Task, error) { return Stream(DefaultStreamN, DefaultStreamPasses) },
		func() (Task, error) { return Mixed(DefaultMixedTasks, DefaultMixedWork, DefaultMixedWait) },
	}
	var procs []int
	for w := 1; w <= runtime.GOMAXPROCS(0); w++ {
		procs = append(procs, w)
	}
	io := []func() (Task, error){
		func() (Task, error) { return Sleep(DefaultWaitTasks, DefaultWait) },
		func() (Task, error) { return HTTP(srv, DefaultWaitTasks) },
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
