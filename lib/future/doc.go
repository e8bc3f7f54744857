// Package future is a future — "a value that will be there later" — in Go: a goroutine computing it and
// a channel of capacity one that carries its result. [Go] starts the work and returns at once;
// [Future.Await] waits for the result, or for its context to end, whichever comes first. What other
// languages write as
//
//	let p = fetch(url)      // JavaScript: a Promise; Python: asyncio.create_task; C#: a Task
//	let v = await p
//
// is in Go
//
//	f := future.Go(ctx, func(ctx context.Context) (string, error) { return fetch(ctx, url) })
//	v, err := f.Await(ctx)
//
// — and without this package, a goroutine sending on make(chan T, 1) and a receive, in a select with
// ctx.Done() when waiting must be bounded. The channel's capacity of one is what lets the goroutine end
// even when nobody awaits it any more: its send never waits, so nothing leaks.
//
// [Demo] is notebook 05's experiment: three lookups of different lengths made one after another, as
// futures awaited together, and as futures awaited with a deadline shorter than the slowest; it
// records when each ran and when the caller waited, for figure.Futures.
//
// # Goroutines and cancellation
//
// Go starts one goroutine, which ends when the function returns; cancel the context passed to Go to
// make the function stop early. A panic in the function does not crash the program, as it would in a
// bare goroutine: Go recovers it and the Future's error is a *PanicError with the panic's value and
// stack — as a rejected Promise carries its exception — and so is a function that calls
// runtime.Goexit (a t.FailNow, say). Await never leaves anything running. The demo's lookups are waits that
// end when their context does; Demo returns when its last lookup has ended.
package future
