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
// Tracing slows a program — channel-heavy code several times over (BenchmarkTraceOverhead compares
// the same ping-pong traced and untraced) — so a traced run's durations show who ran when, never how
// fast. Time the same code untraced (package bench).
//
// Keep traced runs short: the trace is held in memory (BenchmarkParse reports its bytes per event and
// the parse time per event), and a chart draws at most a few tens of thousands of marks anyway.
// BenchmarkRecorderBeginEnd measures what one recorded span costs.
//
// # GOMAXPROCS and limits
//
// Trace sets GOMAXPROCS for the run through package procs (1 … procs.Limit(), or 0 to leave it) and
// restores it afterwards; do not run another experiment that sets GOMAXPROCS at the same time. A
// Recorder has at most 10 000 workers and 2²⁰ spans per worker; a Timeline at most 2¹⁶ lanes. Bad
// values are errors naming the parameter, found before anything is allocated or run.
//
// Trace starts the tracer's own goroutine; it ends before Trace returns. Trace cannot interrupt the
// function it traces, and Parse cannot be interrupted: both return when their work is done. Nothing
// else starts goroutines.
package timeline
