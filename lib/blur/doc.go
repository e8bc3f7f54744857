// Package blur smooths an image with a box filter — each pixel becomes the average of the
// (2·radius+1)² pixels around it — split into bands of rows between worker goroutines: image processing,
// the other everyday computation that is split between cores the way notebook 07 splits a rendering.
//
// Every pixel costs the same few additions, so the bands are perfectly balanced; but each addition needs
// bytes from memory, and all cores share the memory bus and the last-level cache. A blur over an image
// larger than the caches moves several bytes for each operation, which is why it speeds up less with
// more cores than rendering does (notebook 08 measures the memory wall).
//
// [Box] blurs an image, [Pattern] makes a test image, [Task] wraps a blur as a workload.Task for
// bench.Sweep; the checksum is render.Checksum of the blurred image, the same for any number of workers.
//
// # Limits, goroutines and cancellation
//
// Images are 1 to 4096 pixels a side (a 4096² RGBA image is 64 MiB, and a blur holds three), radius 1 to
// 64, workers 1 to 1024. A value outside is an error naming the parameter. Box starts one goroutine per
// worker for each of its two passes and waits for them; all have ended when it returns. Each worker looks
// at its context before every row; a row is at most 4096 pixels (microseconds). Once the context is
// cancelled Box returns its error and no image.
package blur
