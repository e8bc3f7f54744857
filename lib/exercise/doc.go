// Package exercise holds the self-checks of the CPU-bound notebook's exercises: CheckParallelSum
// (parallelise a sum), CheckAmdahl (Amdahl on paper), CheckCoresUsed (how many cores a run of N
// goroutines under GOMAXPROCS can use) and CheckSerialShare (the serial fraction a measured speedup
// implies: Karp–Flatt). Each check runs the learner's code (through check.Call, so a panic or a hang
// becomes a hint, never a crashed or stuck cell), or reads the learner's answer, and returns a
// check.Result: passed, not yet with a hint that diagnoses what the code did, or — for the part of a
// check that is about speed — too busy to judge.
package exercise
