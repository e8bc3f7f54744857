package workload

import "time"

// Sizes are the default sizes of the tasks of this package: each task takes tens to a couple of
// hundred milliseconds serially on one core of a current laptop at these sizes (data/numbers has
// the times measured), and ten times less in quick mode. On a bigger machine pass bigger sizes:
// for the same time per worker at N workers, multiply a size by N/2 (Gustafson's scaled speedup).
type Sizes struct {
	SumSquaresN                  int           // SumSquares and SerialFraction: 10⁸ squares
	PrimesN                      int           // Primes: 2·10⁶
	MandelW, MandelH, MandelIter int           // Mandelbrot: 960×540 pixels, 256 iterations
	MatMulN                      int           // MatMul: 512
	StreamN, StreamPasses        int           // Stream: 2²³ float64s per array (128 MiB for both, past most L3 caches), 8 passes
	MixedTasks, MixedWork        int           // Mixed: 40 tasks of 3·10⁶ squares (about a millisecond of CPU) …
	MixedWait                    time.Duration // … and a wait of 2 ms each
	WaitTasks                    int           // Sleep and HTTP: 40 waits or requests …
	Wait                         time.Duration // … of DefaultWait each
}

// DefaultWait is the wait of the default Sleep task and the latency of the standard Server: 40 waits
// of 5 ms take 200 ms on one worker and 5 ms on 40.
const DefaultWait = 5 * time.Millisecond

// DefaultSizes returns the default sizes, reading quick mode ([Quick]) now: in quick mode the
// sizes that set the amount of work are ten times smaller.
func DefaultSizes() Sizes {
	scaled := func(n, least int) int {
		if Quick() {
			n /= 10
		}
		return max(n, least)
	}
	return Sizes{
		SumSquaresN: scaled(100_000_000, 1000),
		PrimesN:     scaled(2_000_000, 1000),
		MandelW:     scaled(960, 32), MandelH: 540, MandelIter: 256,
		MatMulN: scaled(512, 128),
		StreamN: scaled(1<<23, 1<<16), StreamPasses: 8,
		MixedTasks: scaled(40, 8), MixedWork: 3_000_000, MixedWait: 2 * time.Millisecond,
		WaitTasks: scaled(40, 8), Wait: DefaultWait,
	}
}
