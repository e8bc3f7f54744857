// Package sim is a deterministic discrete-event simulator of cores running tasks, so the course's
// analogies — and machines with more cores than the learner's — can be watched on a timeline.
//
// A [Task] is a list of phases: CPU phases need a core, IO phases wait without one. [Run] schedules the
// tasks on Config.Cores cores, either run to completion (a task keeps its core until it finishes
// computing or starts waiting) or time-slicing with Config.Quantum (Go's scheduler preempts a goroutine
// after about 10 ms), optionally paying Config.Switch each time a core changes task (the overhead that
// makes too fine a time slice slow). Ties are broken by task and core order, so the same input always gives the same
// schedule. The result is a timeline.Timeline with the same segments a real trace gives: running on a
// core, runnable (waiting for a core), blocked (IO).
//
// Ready-made [Scenario]s: [Jugglers] (one juggler vs two), [Secretaries] (one alternating phone calls
// and the appointment book vs two), [Baristas] (one taking orders while the machine runs vs several) and
// [WebServer] (many unfinished requests interleaved on a few cores).
//
// # How close to a real run (AMD EPYC, 2 cores, Go 1.26.8, load average 4–10 from other test runs)
//
// On one P, four goroutines each computing ≈ 10 ms used 0.88–1.12 of the CPU time of one goroutine doing
// the four pieces in turn (simulated: 1.00; CPU time, because it is what a core of their own would take —
// wall time at that load gave anything from ×3.7 to ×14.7 for a ×4). Eight goroutines that each compute
// 0.06 ms and sleep 5 ms, five times, on one P took 1.04–1.09 of the simulated wall time, with the
// simulator calibrated by the one-goroutine run (fastest of 7 interleaved trials). agree_test.go accepts
// ±30% and ±35%, and skips the CPU case under -race, which makes goroutines cost ×5–8. The model ignores
// scheduling overhead (≈ 0.3 µs per goroutine switch) and caches.
//
// Run starts no goroutines. It refuses more than 20 million time slices (a tiny quantum on long tasks).
package sim
