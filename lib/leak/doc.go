// Package leak finds goroutine leaks: goroutines that a function started and that are still running
// after it returned — most often blocked forever on a send nobody will receive. [Find] calls the
// function through lib/check's guarded call, which tells the goroutines the call started from every
// other by ancestry and waits half a second for them to end, and reports how many goroutines the
// program had before and after, and the stacks of those left running: where each one is stuck.
//
// [Replicas] makes the example of notebook 05: several replicas of a service that answer after
// different delays, for a "first answer wins" function. [CheckFirst] is the self-check of the exercise
// "find and fix the leak" in such a function.
//
// # Goroutines
//
// A leaked goroutine cannot be stopped from outside: Find reports it and leaves it where it is, until it
// ends by itself or the program exits (in a notebook, at the end of the cell). Find itself leaves
// nothing running. It takes at least half a second when something leaked (the wait for stragglers), a
// few milliseconds otherwise.
package leak
