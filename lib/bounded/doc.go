// Package bounded runs a batch of tasks with at most Limit of them in flight, the first failure
// cancelling the rest, the two standard ways — golang.org/x/sync/errgroup (WithContext, SetLimit) and
// golang.org/x/sync/semaphore (a Weighted semaphore and a context of one's own) — and measures what a
// learner should know about them: that the limit holds (the most tasks in flight, counted), and how long
// after the first error every goroutine has stopped.
//
// [Run] runs one [Config] and returns a [Result]: every task's start and end and how it ended (done,
// failed, cancelled, or never run), the time of the first error and of the last goroutine's return;
// figure.Bounded draws it. [Repeat] runs a Config several times for the stop latency's median and
// maximum.
//
// # Work, limits and cancellation
//
// A task waits its Cost (a stand-in for a request): one that watches its context stops at once when the
// group is cancelled; one that does not (Watch false: a plain time.Sleep) finishes its wait first, so the
// group's Wait returns only when the slowest has. Limits: 1 … 1000 tasks, a limit of 1 … 1000, costs of
// 1 µs … 1 s; a bad value is an error naming it. Run waits for every goroutine it starts; when ctx
// ends, the tasks are cancelled as by a failure and Run returns with ctx's error.
package bounded
