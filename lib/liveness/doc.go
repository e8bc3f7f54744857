// Package liveness shows the ways a concurrent program stops making progress although nothing crashes —
// deadlock, livelock and starvation — and what Go's runtime can and cannot see of them. It is the last
// section of notebook 05.
//
//   - [Child] runs a tiny deadlocked program (a send nobody receives) in a child process, alone or with
//     a companion — a goroutine reading a pipe, signal.Notify, a sleeping goroutine — and reports
//     whether the runtime said "all goroutines are asleep - deadlock!". It only says so when no thread
//     could ever wake anyone: one waiting in the network poller (pipes, sockets), in os/signal, or a
//     pending timer keeps it quiet. That is why `ch <- 1` in a GoNB cell that has shown something hangs
//     silently: the cell's program has a goroutine waiting for messages from the kernel on a pipe
//     (gonbui's reader). A program built with -race never reports it at all (go.dev/issue/20588).
//     [Goroutines] lists the goroutines of the running program, to see it.
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
// Child starts the running program's own executable again (os.Executable) with the program's number in
// the environment variable PARLAB_LIVENESS_PROGRAM; this package's init function sees it and runs that
// program instead of main. So a program that imports this package, started with that variable set, is
// a deadlock demonstration, not itself: set it only through Child. The child is killed at its timeout
// and waited for: nothing is left running.
//
// # Limits, goroutines and cancellation
//
// Every experiment's durations are bounded (stated on each) and a bad value is an error naming it.
// Every goroutine an experiment starts has ended when it returns: the deadlocked transfers are released
// after the timeout, the polite goroutines give up when the run ends. Livelock and Starvation stop early
// when their context ends.
package liveness
