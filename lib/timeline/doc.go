// Package timeline records what ran where and when, as per-lane segments: the picture that separates
// concurrency (tasks taking turns on one lane) from parallelism (tasks side by side on several).
//
// A [Timeline] has lanes (a P — the Go scheduler's logical core —, a core, or a worker), tasks (goroutines,
// jobs) and [Segment]s: a task in one [State] (running, runnable, blocked, syscall, GC) from Start to End,
// on a lane or on none. Three sources produce it:
//
//   - [Trace] runs a function under runtime/trace into memory and parses the trace in-process with
//     golang.org/x/exp/trace ([Parse] reads a trace file). The goroutine changing state is the transition's
//     Resource, not Event.Goroutine(). Tasks are the traced function's goroutine and those it started;
//     the GC's mark workers become the task "GC", other runtime goroutines "other goroutines".
//   - [Recorder] records task spans per worker with the monotonic clock, without the tracer.
//   - package sim simulates cores and tasks.
//
// [Timeline.Utilisation], [Timeline.Overlap] and [Timeline.Parallelism] summarise a timeline in numbers.
//
// # Traces are for shape, not timing
//
// Tracing slows a program — channel-heavy code up to ×2.7 on the reference machine — so a traced run's
// durations show who ran when, never how fast. Time the same code untraced (package bench).
//
// Keep traced runs short: the trace is held in memory, about 14 MB per second of channel-heavy code
// (10.2 MB for 0.73 s of ping-pong), and a chart draws at most a few tens of thousands of marks anyway.
//
// # GOMAXPROCS
//
// Trace sets GOMAXPROCS for the run and restores it afterwards. Since Go 1.25, calling
// runtime.GOMAXPROCS(n) freezes the automatic default (which follows the CPU quota);
// runtime.SetDefaultGOMAXPROCS() brings it back, so Trace restores with that when it yields the old value.
//
// # Costs (AMD EPYC, 2 cores, Go 1.26.8, machine shared with other test suites: load average 3–8)
//
//   - Parse: a trace of 1.8–2.1 million events (channel ping-pong) in 0.7–1.6 s of wall time,
//     0.39–0.98 µs per event (BenchmarkParse); the CPU profile shows ≈ 0.46 s of CPU for 2.1 million
//     events, so a million take ≈ 0.25 s on an idle core. x/exp/trace's own reading is 40% of it
//     (BenchmarkReadOnly). About 100 bytes of memory per event while parsing.
//   - Recorder: 0.2–0.4 µs per Begin/End pair (two clock reads; BenchmarkRecorderBeginEnd).
//
// Trace starts the tracer's own goroutine; it ends before Trace returns. Nothing else starts goroutines.
package timeline
