/* sumsq.c — the C peer of parlab's sum-of-squares kernel (lib/workload.SumSquaresRange).
 *
 * Usage: sumsq N MODE THREADS
 * MODE serial runs the loop on one thread, MODE openmp (when built with -fopenmp) on THREADS threads:
 * once untimed, then once timed, printing one line "<MODE> <ns> <checksum>". parlab-bench interleaves
 * such runs with Go's (lib/compare), one per round.
 * The checksum is 1² + … + N² modulo 2⁶⁴ (unsigned wrap-around), as in Go.
 * Built by `make bench` (lib/cmd/parlab-bench) with: gcc -O2 [-fopenmp] sumsq.c -o sumsq
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

static int64_t now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* KEEP makes s opaque to the optimiser without any instruction: gcc -O2 would otherwise replace
 * the whole loop by its closed form (measured: 30 ns instead of milliseconds for N = 10⁷), which
 * is not the loop Go runs. */
#define KEEP(s) __asm__("" : "+r"(s))

/* ALIGNED_LOOPS starts each loop on a 32-byte boundary. Where gcc -O2 happened to place this
 * loop, it straddled a 32-byte boundary and ran at 2 cycles per iteration instead of 1 on the
 * AMD EPYC parlab was measured on (5.5 ms instead of 2.75 ms for N = 10⁷); Go's loop fits in one
 * 32-byte block. The comparison is of the loops, not of where a linker happens to put them. */
#define ALIGNED_LOOPS optimize("align-loops=32")

/* The same loop as Go's SumSquaresRange. noipa keeps it a real call every time (gcc would otherwise
 * see that it has no side effects and reuse the warm-up's answer), as in Go. */
__attribute__((noipa, ALIGNED_LOOPS)) static uint64_t sum_squares(uint64_t lo, uint64_t hi) {
	uint64_t s = 0;
	for (uint64_t i = lo; i <= hi; i++) {
		s += i * i;
		KEEP(s);
	}
	return s;
}

#ifdef _OPENMP
__attribute__((noipa, ALIGNED_LOOPS)) static uint64_t sum_squares_omp(uint64_t n, int threads) {
	uint64_t s = 0;
#pragma omp parallel for reduction(+ : s) num_threads(threads) schedule(static)
	for (uint64_t i = 1; i <= n; i++) {
		s += i * i;
		KEEP(s);
	}
	return s;
}
#endif

int main(int argc, char **argv) {
	if (argc != 4) {
		fprintf(stderr, "usage: %s N serial|openmp THREADS\n", argv[0]);
		return 2;
	}
	uint64_t n = strtoull(argv[1], NULL, 10);
	const char *mode = argv[2];
	int threads = atoi(argv[3]);
	uint64_t s;
	int64_t t0, d;
	if (strcmp(mode, "serial") == 0) {
		volatile uint64_t sink = sum_squares(1, n); /* warm-up */
		(void)sink;
		t0 = now_ns();
		s = sum_squares(1, n);
		d = now_ns() - t0;
	} else if (strcmp(mode, "openmp") == 0) {
#ifdef _OPENMP
		volatile uint64_t sink = sum_squares_omp(n, threads); /* warm-up: starts the thread pool */
		(void)sink;
		t0 = now_ns();
		s = sum_squares_omp(n, threads);
		d = now_ns() - t0;
#else
		(void)threads;
		fprintf(stderr, "%s: built without OpenMP\n", argv[0]);
		return 3;
#endif
	} else {
		fprintf(stderr, "%s: MODE is %s; want serial or openmp\n", argv[0], mode);
		return 2;
	}
	printf("%s %lld %llu\n", mode, (long long)d, (unsigned long long)s);
	return 0;
}
