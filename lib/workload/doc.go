// Package workload holds the work parlab measures: CPU-bound, I/O-bound, mixed, serial-fraction and
// memory-bound tasks, each able to run serially or on any number of worker goroutines and each
// returning a deterministic checksum, so a parallel run is checked against the serial one.
//
// Every task implements [Task]. Sizes are in natural units — elements, pixels, tasks, durations —
// and each has a Default value sized for a 2-core laptop (30–200 ms serially; see below); in quick
// mode ([Quick], PARLAB_QUICK=1 or CI=true) the defaults are ten times smaller. A size that is not
// allowed, or that needs more than half the available memory, is an error that names the
// parameter, the value and what is allowed; nothing panics. On a bigger machine pass bigger sizes:
// for the same time per worker at N workers, multiply a default by N/2 (Gustafson's scaled
// speedup).
//
// # Tasks
//
//	SumSquares(n)            1² + … + n² modulo 2⁶⁴ (the classic multiprocessing example)   CPU
//	Primes(n)                π(n) by trial division; uneven chunks                           CPU
//	Mandelbrot(w, h, iter)   one row per chunk; rows through the set cost more                CPU
//	MatMul(n)                C = A·B with gonum in 64×64 tiles                                CPU
//	Sleep(tasks, wait)       tasks waits                                                      I/O
//	HTTP(srv, requests)      GET requests to a loopback [Server] with latency and capacity    I/O
//	Mixed(tasks, work, wait) each task computes, then waits                                   CPU + I/O
//	SerialFraction(n, s)     SumSquares with the fraction s done by one goroutine            Amdahl
//	Stream(n, passes)        Σ aᵢ·bᵢ over two arrays of n float64s, passes times              memory
//
// # Checksums
//
// The exact sum of squares overflows 64 bits from n ≈ 3.8·10⁶ (at n = 10⁷ it is about 3.3·10²⁰), so
// the checksum of the sum-of-squares tasks is defined as the sum modulo 2⁶⁴ — what a wrapping uint64
// accumulator holds, the same in Go and C. Checksums of the other tasks are sums too, of integers
// or of exactly computed floating-point values, so they do not depend on which worker did what, or
// in which order.
//
// # Goroutines
//
// Run starts at most workers goroutines, which take chunks from a shared counter as they finish
// one, so uneven chunks balance; all of them have ended when Run returns. A chunk is at most about
// a millisecond of work (sum of squares: 2¹⁶ squares, ≈ 18 µs), so after ctx is cancelled Run
// returns within milliseconds. A [Server] runs until Close, which waits for its goroutines.
//
// # Measured
//
// Serial times at the default sizes, best of 5 runs, on the 2-core AMD EPYC VM (Go 1.26.8, Debian
// 12) parlab was written on: sum of squares n = 10⁸ 27.7 ms (0.28 ns, about one cycle, per square:
// the same 5-instruction loop gcc -O2 emits for the C peer); primes n = 2·10⁶ 180 ms; Mandelbrot
// 960×540×256 81 ms; matrix multiply n = 512 37 ms; stream n = 2²³ 5.0 ms per pass; mixed 40 × (3·10⁶
// squares + 2 ms) 129 ms. The machine was shared with other jobs, so these are sizes, not
// benchmarks; speedups come from lib/bench (make bench), with their intervals.
package workload
