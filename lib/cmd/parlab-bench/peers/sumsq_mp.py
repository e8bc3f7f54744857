"""sumsq_mp.py — the classic Python multiprocessing example, the Python peer of parlab's sum of squares.

Two processes, each computing sum(i * i for i in range(N)). Usage: python3 sumsq_mp.py N
Prints one line: "python <ns> <checksum>", the time of the whole example (creating the pool
included, as the example does) and the sum modulo 2**64, to compare with Go's checksum.
Run by `make bench` (lib/cmd/parlab-bench), once per round, interleaved with Go (lib/compare).
"""
import sys
import time
from multiprocessing import Pool


def sum_squares(n):
    return sum(i * i for i in range(n))


if __name__ == "__main__":
    n = int(sys.argv[1])
    start = time.perf_counter_ns()
    with Pool(2) as pool:
        results = pool.map(sum_squares, [n, n])
    took = time.perf_counter_ns() - start
    print("python", took, results[0] % 2**64, flush=True)
