package roofline

import (
	"context"
	"runtime"
	"testing"
)

// BenchmarkPeak measures the two roofs on one goroutine and on all of them, as flop/ns and GB/s.
func BenchmarkPeak(b *testing.B) {
	for _, all := range []bool{false, true} {
		name, threads := "one", 1
		if all {
			name, threads = "all", runtime.GOMAXPROCS(0)
		}
		b.Run("compute-"+name, func(b *testing.B) {
			const iters = 1 << 20
			sink := make([]float64, threads)
			for b.Loop() {
				parallel(context.Background(), threads, func(w int) { sink[w] += computeLoop(iters, 0.999, 0.001) })
			}
			b.ReportMetric(float64(OpsPerIteration)*iters*float64(threads)*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "flop/ns")
		})
		b.Run("triad-"+name, func(b *testing.B) {
			n := 1 << 24 // 384 MiB for the three arrays: far past the caches of current machines
			x, y, z := make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n { // touch every page before timing
				x[i], y[i], z[i] = 1, 2, 3
			}
			for b.Loop() {
				parallel(context.Background(), threads, func(w int) { triadRange(x, y, z, n*w/threads, n*(w+1)/threads) })
			}
			b.ReportMetric(24*float64(n)*float64(b.N)/float64(b.Elapsed().Nanoseconds()), "GB/s")
		})
	}
}
