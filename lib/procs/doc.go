// Package procs sets GOMAXPROCS for an experiment and puts it back afterwards, and bounds the values an
// experiment accepts.
//
// GOMAXPROCS is the largest number of OS threads that execute Go code at the same instant (threads blocked
// in system calls or cgo do not count). It belongs to the whole process: [Set] changes it for every
// goroutine, so two experiments that each set it must not run at the same time — run sweeps one after
// the other. Every parlab package that changes GOMAXPROCS does it through [Set], and every parameter that
// names a GOMAXPROCS value is checked with [Validate] before anything runs.
//
// Since Go 1.25 the runtime follows the CPU quota of its cgroup by default, and runtime.GOMAXPROCS(n)
// freezes that automatic value; the restore function of [Set] brings the automatic default back when the
// value in force before was that default.
package procs
