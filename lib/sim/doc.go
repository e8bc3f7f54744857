// Package sim is a deterministic discrete-event simulator of cores running tasks, so the course's
// analogies — and machines with more cores than the learner's — can be watched on a timeline.
//
// A [Task] is a list of phases: CPU phases need a core, IO phases wait without one, Shared phases need
// one of a few shared units (Config.Shared: espresso machines, printers) and wait in line for a free one,
// without a core. [Run] schedules the tasks on Config.Cores cores, either run to completion (a task keeps
// its core until it finishes computing or starts waiting) or time-slicing with Config.Quantum (Go's
// scheduler preempts a goroutine after about 10 ms), optionally paying Config.Switch each time a core
// changes task (the overhead that makes too fine a time slice slow). Ties are broken by task and core
// order, so the same input always gives the same schedule. The result is a timeline.Timeline with the
// same segments a real trace gives: running on a core, runnable (waiting for a core), blocked (IO, a
// shared unit); the shared units have a timeline of their own (Result.Shared).
//
// Ready-made [Scenario]s: [Jugglers] (one juggler vs two), [Secretaries] (one alternating phone calls
// and the appointment book vs two), [Baristas] (one taking orders while an espresso machine runs vs
// several, sharing the shop's machines) and [WebServer] (many unfinished requests interleaved on a few
// cores). [CheckMaxBalls] and [CheckBaristasNeeded] are the self-checks of notebook 01's exercises; the
// answers they expect are [MaxBalls] and [Needed], which the simulations agree with.
//
// # How close to a real run
//
// The model ignores scheduling overhead and caches: a switch between goroutines costs a fraction of a
// microsecond, which matters only when slices are that short (Config.Switch can add it). How well it
// agrees with real goroutines on one P is measured by BenchmarkAgreement, which reports real ÷
// simulated for CPU-bound goroutines taking turns and for goroutines whose sleeps overlap.
//
// # Limits
//
// Run starts no goroutines and takes no context: it refuses, before simulating, more than 1024 cores,
// more than 2 million events (arrivals, phases and time slices) and more than 2²⁷ events × cores, so
// its work is bounded. The ready-made scenarios state their own limits; a bad value is an error naming
// the parameter.
package sim
