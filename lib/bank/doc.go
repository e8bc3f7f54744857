// Package bank is the classic shared-state demonstration: money moves between accounts while many
// goroutines make transfers, and the total must never change.
//
// A [Ledger] is a set of accounts. [Locked] guards them all with one sync.Mutex; [PerAccount] gives each
// account its own mutex and always locks the lower-numbered account first, so two opposite transfers can
// run without deadlocking; [Owned] gives the balances to one goroutine, which the others send their
// transfers to on a channel (message passing: no lock at all). The unsynchronised ledger, whose total drifts, is racy.Bank in package racy
// (kept apart so that `go test -race ./...` stays clean). [Run] makes random transfers from several
// goroutines and reports the total before and after: the invariant holds when they are equal.
//
// What happens when two goroutines lock two accounts in opposite order — a partial deadlock the runtime
// cannot see — is package liveness (liveness.Deadlock, notebook 05).
//
// [CheckLockOrder] is the self-check for a learner's lock order: it returns a check.Result, decided by
// whether the learner's orders make a circle, and shows the transfers running in that order.
//
// # Limits and cancellation
//
// Sizes are bounded before anything is allocated or started (accounts 2 … 2²⁰, goroutines 1 … 10 000,
// at most 2³² transfers per Run), and a bad value is an error naming
// the parameter. [ValidateNew] and [ValidateTransfer] are those checks, for other ledgers (racy.Bank).
// Run checks for cancellation every few thousand transfers, counted over all its goroutines.
//
// # Cost
//
// BenchmarkLedgers measures the wall time of one transfer with one mutex for the whole ledger, with a
// mutex per account and with an owner goroutine, on 1, 2 and 4 goroutines ("locked-2", "peraccount-2",
// "owned-2"). Each transfer
// also draws three random numbers; the random sources, the accounts and the per-goroutine counts are
// kept on separate cache lines, because false sharing between them made two goroutines' per-account
// transfers slower than one goroutine's.
package bank
