package workload

import (
	"math"
	"testing"
	"time"
)

// FuzzChunks checks the size arithmetic of every task: for any number of items, chunk size and
// workers the tasks can pass, chunksFor gives between 1 and n chunks of at most per items (or 4
// per worker), and span cuts [0, n) into exactly those chunks, in order, none empty, without
// overflowing. Seeds (testdata/fuzz/FuzzChunks) include n = MaxInt, the size that once gave four
// chunks of 2.3·10¹⁸ squares.
func FuzzChunks(f *testing.F) {
	f.Add(10, 3, 1)
	f.Add(math.MaxInt, sumSquaresChunk, 4)
	f.Add(1, 1<<16, MaxWorkers)
	f.Fuzz(func(t *testing.T, n, per, workers int) {
		if n < 0 || per < 1 || workers < 1 || workers > MaxWorkers {
			t.Skip()
		}
		k := chunksFor(n, per, workers)
		if k < 1 || (n > 0 && k > n) {
			t.Fatalf("chunksFor(%d, %d, %d) = %d; want from 1 to n", n, per, workers, k)
		}
		if n == 0 {
			return
		}
		if k < 4*workers && k < n {
			t.Fatalf("chunksFor(%d, %d, %d) = %d; want at least 4 per worker, or n", n, per, workers, k)
		}
		// Every chunk holds ⌊n/k⌋ or one more, which must be at most per unless there are n chunks
		// of one item; check the first, the last and the boundary between the longer and shorter ones.
		q, r := n/k, n%k
		if q > per || (q == per && r > 0) {
			t.Fatalf("chunksFor(%d, %d, %d) = %d chunks of up to %d items; want at most %d", n, per, workers, k, q+min(r, 1), per)
		}
		for _, i := range []int{0, max(r-1, 0), r % k, k - 1} {
			lo, hi := span(n, k, i)
			if lo < 0 || hi <= lo || hi > n || hi-lo > q+1 {
				t.Fatalf("span(%d, %d, %d) = [%d, %d); want a non-empty part of [0, %d) of at most %d items", n, k, i, lo, hi, n, q+1)
			}
			if i == 0 && lo != 0 || i == k-1 && hi != n {
				t.Fatalf("span(%d, %d, %d) = [%d, %d); want the chunks to cover [0, %d) from end to end", n, k, i, lo, hi, n)
			}
			if i > 0 {
				if plo, _ := span(n, k, i-1); plo >= lo {
					t.Fatalf("span(%d, %d, %d) starts at %d, not after chunk %d at %d", n, k, i, lo, i-1, plo)
				}
				if _, phi := span(n, k, i-1); phi != lo {
					t.Fatalf("chunk %d ends at %d but chunk %d starts at %d; want no gap or overlap", i-1, phi, i, lo)
				}
			}
		}
	})
}

// FuzzSizes checks every constructor's bounds: any sizes give a task or an error, never a panic,
// and a task that was made has sizes within the bounds, whose products fit easily in 64 bits.
func FuzzSizes(f *testing.F) {
	f.Add(100, 10, 10, 0.5, int64(time.Millisecond))
	f.Add(math.MaxInt, math.MaxInt, math.MaxInt, 1.0, int64(math.MaxInt64))
	f.Add(maxSide, maxSide, maxIter, 0.0, int64(0))
	f.Fuzz(func(t *testing.T, a, b, c int, s float64, wait int64) {
		w := time.Duration(wait)
		made := func(task Task, err error) bool {
			if (task == nil) == (err == nil) {
				t.Fatalf("got task %v and error %v; want exactly one", task, err)
			}
			return err == nil
		}
		if made(SumSquares(a)) && a > maxSquares {
			t.Fatalf("SumSquares(%d) accepted, above %d", a, maxSquares)
		}
		if made(Primes(a)) && a > maxPrimesN {
			t.Fatalf("Primes(%d) accepted, above %d", a, maxPrimesN)
		}
		if made(SerialFraction(a, s)) && (a > maxSquares || !(s >= 0 && s <= 1)) {
			t.Fatalf("SerialFraction(%d, %v) accepted", a, s)
		}
		if made(Mandelbrot(a, b, c)) && uint64(a)*uint64(b)*uint64(c) > maxMandelWork {
			t.Fatalf("Mandelbrot(%d, %d, %d) accepted, above %d iterations", a, b, c, uint64(maxMandelWork))
		}
		if made(Mixed(a, b, w)) && (a > maxTasks || uint64(a)*uint64(b) > maxSquares || w < 0 || w > maxWait) {
			t.Fatalf("Mixed(%d, %d, %v) accepted", a, b, w)
		}
		if made(Sleep(a, w)) && (a > maxTasks || w < 0 || w > maxWait) {
			t.Fatalf("Sleep(%d, %v) accepted", a, w)
		}
		if a <= 64 { // larger ones allocate
			if made(MatMul(a)) && a < 1 {
				t.Fatalf("MatMul(%d) accepted", a)
			}
			if made(Stream(a, b)) && (a < 1 || b < 1 || b > 1000) {
				t.Fatalf("Stream(%d, %d) accepted", a, b)
			}
		} else if a > maxMatMulN {
			if made(MatMul(a)) {
				t.Fatalf("MatMul(%d) accepted, above %d", a, maxMatMulN)
			}
		}
		if a > maxStreamN && made(Stream(a, 1)) {
			t.Fatalf("Stream(%d, 1) accepted, above %d", a, maxStreamN)
		}
	})
}
