// Package roofline measures this machine's two ceilings — how fast its cores compute and how fast its
// memory feeds them — and places kernels under them: the roofline model (Williams, Waterman and
// Patterson, "Roofline", Communications of the ACM 52(4), 2009).
//
// # The model
//
// A kernel's arithmetic intensity I is the operations it does per byte it moves to or from main
// memory. On a machine that computes at most P operations per ns on all its cores and moves at most B
// bytes per ns (B GB/s) between memory and all its cores, the kernel can reach at most
//
//	attainable(I) = min(P, I·B)   operations per ns
//
// Below the ridge I = P/B it is memory-bound: more cores add compute but not bandwidth, which all cores
// share, so its speedup flattens once the memory bus is full. Above it, it is compute-bound and scales
// with the cores.
//
// # What is measured
//
// [MeasureRoof] measures P with an FMA-heavy loop — twelve independent chains of x = x·a + b, two
// floating-point operations each, which the compiler fuses into one fused multiply-add (FMA) where the
// target always has one (arm64; amd64 built with GOAMD64=v3 or later) and issues as a multiply and an
// add otherwise — on GOMAXPROCS goroutines at once; and B with the STREAM triad aᵢ = bᵢ + s·cᵢ on
// GOMAXPROCS goroutines, each on its own part of three arrays together at least four times the
// largest cache, counting 24 bytes per element as STREAM does (a write also reads its line first, so
// the bus carries about a third more). Go's compiler does not vectorise, so P is the peak of scalar
// Go code: SIMD assembly could go 2–8× higher; B is what any code gets.
//
// [Place] measures kernels on 1 and more goroutines with package bench (which also runs its capacity
// probe) and places each at its intensity and its throughput on all cores. [Course] returns the
// course's workloads — sum of squares, Mandelbrot, prime counting, gonum's matrix product, the stream
// dot product — and a 3×3 blur, with operation and byte counts stated on each. The byte counts are the
// compulsory traffic (each input read once, each output written once): a kernel whose data stays in
// the caches moves less and sits further right than its count says.
//
// # Limits, goroutines and cancellation
//
// Every size is bounded and checked before anything runs (an error names the field). The loops look at
// their context every few milliseconds; every goroutine has ended when a function returns. [Check]
// is the self-check of the exercise "compute a kernel's arithmetic intensity and predict its bound".
package roofline
