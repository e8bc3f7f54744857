// Package cache measures the memory hierarchy from one goroutine: the time of one memory access
// against the size of the data it touches (the working set), from a few KiB, which fit in the L1
// cache, to hundreds of MiB, which only main memory (DRAM) holds.
//
// [Measure] builds, for each size, a random cyclic chain through the working set — one pointer per
// 64-byte cache line, in a random order (Sattolo's algorithm) so that the hardware prefetcher cannot
// guess the next line — and follows it: each load needs the address the previous load returned, so
// the loads cannot overlap and the time per step is the latency of one access at that level. On log
// axes the curve climbs in steps: L1, L2, L3, DRAM. At large sizes a step also includes TLB misses
// (the page-table walk for a 4 KiB page not in the address-translation cache), which are part of what
// a random access to DRAM costs.
//
// [Levels] reads the cache sizes the operating system reports (Linux: /sys/devices/system/cpu/cpu0/
// cache); nil where it reports none (macOS, some containers). Sizes are measured one after another,
// each with its own warm-up and Trials timed chases; a step between levels is 2–10×, far beyond what
// drift between sizes changes.
//
// # Limits, goroutines and cancellation
//
// MinBytes from 4 KiB, MaxBytes up to 1 GiB and at most half the memory available, Steps (accesses per
// trial) 2¹⁰ to 2²⁶, Trials as bench allows; a bad value is an error naming the field, before anything
// runs. Measure allocates one buffer of MaxBytes (plus a chain of as many 4-byte indexes as lines),
// starts no goroutines and looks at its context every 2¹⁴ accesses (a few milliseconds at DRAM
// latency), returning the sizes measured with the context's error.
package cache
