// Package ilp measures parallelism inside one core, on one goroutine: instruction-level parallelism
// (ILP) and SIMD.
//
// A core starts a new floating-point addition every cycle or two, but each takes several cycles
// (3–4 on current x86 and arm64 cores) to finish. A sum with one accumulator, s += x[i], is one long
// dependency chain: every addition waits for the one before, so the core does one addition per
// latency. With k independent accumulators (s0 += x[i], s1 += x[i+1], …, added together at the end)
// k chains run through the core's pipelined adders at once, up to its throughput. [Measure] times the
// sum with 1, 2, 4 and 8 accumulators, and a dot product three ways: a plain loop, a plain Go loop with
// four accumulators, and gonum's floats.Dot. All on one goroutine: any gain is from within one core.
//
// # SIMD, and what this CPU has
//
// Go's compiler does not auto-vectorise: a Go loop issues one scalar operation per element. SIMD
// (one instruction on several lanes) reaches Go code through assembly. gonum v0.17.0 has an assembly
// floats.Dot on amd64 only: SSE2 instructions on 2 float64 lanes with two accumulators (four partial
// sums), so much of its gain over the plain loop is ILP, as the four-accumulator Go loop shows; on
// arm64 and every other architecture floats.Dot is a plain Go loop. [DotAssembly] says which one this
// program runs. Both are limited here by the vectors being in the L1 or L2 cache, not by memory.
//
// # Limits, goroutines and cancellation
//
// Length is 8 to 2²⁰ float64s per vector, Reps 1 to 10⁶ passes per trial (at most 2³² elements per
// trial in all), Trials as package compare allows; a bad value is an error naming the field, before
// anything runs. Measure starts no goroutines of its own and looks at its context between passes (a
// pass of 2²⁰ elements is about a millisecond), returning what it measured with the context's error.
//
// [CheckSum] is the self-check of the exercise "rewrite a reduction with independent accumulators".
// BenchmarkKernels times each kernel; data/numbers has the times with the machine they came from.
package ilp
