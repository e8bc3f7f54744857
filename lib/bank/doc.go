// Package bank is the classic shared-state demonstration: money moves between accounts while many
// goroutines make transfers, and the total must never change.
//
// A [Ledger] is a set of accounts. [Locked] guards them all with one sync.Mutex; [PerAccount] gives each
// account its own mutex and always locks the lower-numbered account first, so two opposite transfers can
// run without deadlocking. The unsynchronised ledger, whose total drifts, is racy.Bank in package racy
// (kept apart so that `go test -race ./...` stays clean). [Run] makes random transfers from several
// goroutines and reports the total before and after: the invariant holds when they are equal.
//
// [Deadlock] shows what happens when two goroutines lock two mutexes in opposite order: each holds one
// and waits forever for the other. Go's runtime reports a deadlock only when every goroutine is blocked,
// so a partial deadlock like this one goes unnoticed; Deadlock detects it by a timeout and returns a
// [*DeadlockError] — it never hangs the caller — and then releases the two goroutines (sync.Mutex may be
// unlocked by a goroutine other than the one that locked it), so nothing is left running.
package bank
