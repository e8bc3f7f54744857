// Package exercise holds the self-checks of the CPU-bound notebook's exercises. Each check runs the
// learner's code, or reads the learner's answer, and returns whether it passes and a message that says
// what was right, or gives a specific hint. Checks never panic on the learner's code: a panic is
// caught and reported as a hint, and a function that does not return within its time limit is
// reported as stuck.
package exercise
