// Package liveness shows the ways a concurrent program stops making progress although nothing crashes —
// deadlock, livelock and starvation — and what Go's runtime can and cannot see of them. It is the last
// section of notebook 05.
//
//   - [Child] builds and runs a tiny deadlocked program (a send nobody receives) in a child process,
//     alone or with a companion — a goroutine reading a pipe, signal.Notify, a sleeping goroutine, the
//     cgo runtime — and reports whether the runtime said "all goroutines are asleep - deadlock!". It says
//     so only when nothing could ever wake anyone: a thread waiting in the network poller (pipes,
//     sockets), os/signal's waiting goroutine, a pending timer or, in a cgo program, C code that might
//     call back into Go, each keep it quiet. That is why `ch <- 1` in a GoNB cell that has shown
//     something hangs silently: the cell's program is a cgo program (GoNB's display library imports
//     package net) and has a goroutine waiting on a pipe for messages from the kernel. A program built
//     with -race never reports it either (go.dev/issue/20588). [Goroutines] lists the goroutines of the
//     running program and [ThisProgram] says whether it is a cgo program, to see it.
//   - [Deadlock] makes a partial deadlock the runtime never reports (two transfers locking two accounts
//     in opposite orders), catches it with a timeout, and records it on a timeline.
//   - [Livelock] makes two polite goroutines that keep letting go and retrying in step — busy, and no
//     progress — and shows random backoff breaking the symmetry.
//   - [Starvation] makes a greedy goroutine that keeps retaking a mutex, against a polite one that asks
//     with TryLock (never served) or with Lock (served within about a millisecond: sync.Mutex's
//     starvation mode).
//
// Each returns a [Run]: what each goroutine did and when ([Span]s of an [Activity]) and how much
// progress it made; figure.Liveness draws them.
//
// # Child processes
//
// Child builds the programs (embedded source, the go command found on PATH or beside the Go that built
// the running program) once into the user's cache directory (parlab/liveness), with CGO_ENABLED=0, and
// the cgo one with CGO_ENABLED=1 and package net; a build takes about a second, later runs reuse it. The
// child is killed at its timeout and waited for: nothing is left running.
//
// # Limits, goroutines and cancellation
//
// Every experiment's durations are bounded (stated on each) and a bad value is an error naming it.
// Every goroutine an experiment starts has ended when it returns: the deadlocked transfers are released
// after the timeout, the polite goroutines give up when the run ends. Livelock and Starvation stop early
// when their context ends.
package liveness
