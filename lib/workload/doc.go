// Package workload holds the work parlab measures: CPU-bound, I/O-bound, mixed, serial-fraction and
// memory-bound tasks, each able to run serially or on any number of worker goroutines and each
// returning a deterministic checksum, so a parallel run is checked against the serial one.
//
// Every task implements [Task]. Sizes are in natural units — elements, pixels, tasks, durations.
// [DefaultSizes] gives sizes that take tens to hundreds of milliseconds serially on one core of a
// current laptop, ten times smaller in quick mode ([Quick]).
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
// # Limits
//
// Every size has an upper bound, stated on its constructor, that keeps one serial run to minutes on
// a current core and every product of sizes far from overflowing 64 bits: 2⁴⁰ squares, primes up
// to 2³⁰, 2⁴⁰ Mandelbrot iterations, n ≤ 2048 for MatMul, 2²⁰ waits or requests. Sizes that need
// memory (MatMul, Stream) must also fit in half the memory available when the task is made. A size
// that is not allowed is an error that names the parameter, the value and what is allowed — for a
// size above its bound, with how long it and the bound would take on this machine, timed when the
// error is made; nothing panics. Run accepts 1 to [MaxWorkers] workers.
//
// # Checksums
//
// The exact sum of squares overflows 64 bits from n ≈ 3.8·10⁶ (at n = 10⁷ it is about 3.3·10²⁰), so
// the checksum of the sum-of-squares tasks is defined as the sum modulo 2⁶⁴ — what a wrapping uint64
// accumulator holds, the same in Go and C. Checksums of the other tasks are sums too, of integers
// or of exactly computed floating-point values, so they do not depend on which worker did what, or
// in which order.
//
// # Goroutines and cancellation
//
// Run starts at most min(workers, chunks) goroutines, and none once ctx is cancelled; they take
// chunks from a shared counter as they finish one, so uneven chunks balance, and all of them have
// ended when Run returns. Every task checks ctx between pieces of work of bounded size: 2¹⁶
// squares, 2¹⁸ trial divisions, 2²⁰ Mandelbrot iterations, one 64×64 tile of a matrix product
// (at most 2²³ multiply-adds), 2¹⁶ stream elements; waits and requests end when ctx is done. Each
// such piece takes well under 10 ms on a current core (BenchmarkChunk times them; data/numbers
// has the times measured), so Run returns within about 10 ms of ctx being cancelled, plus the time
// to wake its goroutines. A [Server] runs until Close, which waits for its goroutines.
// [SumSquaresRange] is the bare loop: it takes no context, and its time is proportional to hi − lo.
package workload
