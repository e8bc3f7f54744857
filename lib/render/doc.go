// Package render draws images in parallel — a Mandelbrot region and a small ray-traced scene — split
// between worker goroutines in one of three ways, and says who drew what: the decompositions and the load
// balance of notebook 07.
//
// A [Scene] gives each pixel's colour and the work it took (Mandelbrot iterations, rays). [Render] draws a
// scene on Options.Workers goroutines with a [Split]:
//
//	Blocks    one contiguous band of rows per worker, fixed in advance
//	Cyclic    row y to worker y mod workers, fixed in advance
//	Dynamic   square tiles of Options.Tile pixels handed out by a shared atomic counter, each worker
//	          taking the next tile when it has finished one
//
// and returns a [Frame]: the image, its checksum, the work and pixels of each worker, and with
// Options.Record every piece of work with its times and a timeline.Timeline of each worker's busy spans.
// [Serial] draws on the calling goroutine: every split gives the same image, pixel for pixel, and the
// same Checksum (Σ pixel·(p+1) modulo 2⁶⁴, as package workload defines its checksums: independent of who
// drew what). [Task] wraps a render as a workload.Task for bench.Sweep.
//
// [Profile] measures what every tile costs on one goroutine; [Costs.Simulate] replays the splits on any
// number of simulated cores (package sim) with those costs, and [QueueCost] measures what Dynamic pays
// per tile. [CheckQueue] and [CheckTile] are the self-checks of the notebook's exercises.
//
// # Limits and costs
//
// Images are 1 to 4096 pixels a side, 1 to 1024 workers, and pixels × the most work a pixel can take at
// most 2³⁶ (iterations or rays: as many Mandelbrot iterations are about a minute of one core, and a ray
// costs several iterations); Mandelbrot has 1 to 65 536 iterations per
// pixel, Spheres 1–16 samples, 1–16 shadow rays and 0–8 reflections. A value outside is an error naming
// the parameter. A frame holds 4 bytes per pixel, and with Record an Item per piece of work (a row,
// a band or a tile).
//
// # Goroutines and cancellation
//
// Render starts Options.Workers goroutines (none for one worker) and waits for them: all have ended when
// it returns. Each worker looks at its context at the start of every row of a piece and after about a
// millisecond of work (2²⁰ Mandelbrot iterations, 2¹³ rays); a single pixel takes at most 65 536
// iterations or 2 448 rays, well under a millisecond. Once the context is cancelled Render returns its
// error and no frame. Profile checks its context between tiles and rows the same way. Costs.Simulate
// starts no goroutines. The checks run the learner's function through check.Call (see there).
package render
