"""sumsq.py — the sum of squares 0² + 1² + … + (n−1)² in CPython: serially, on W threads, on W processes.

Usage: python3 sumsq.py MODE N WORKERS    (MODE: serial | threads | processes)
Prints one line: "<ns> <sum mod 2**64>". The time covers the whole computation, including creating the
threads or the process pool, as the classic multiprocessing example does. Run by parlab's lib/gil.
"""
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def part(lo_hi):
    lo, hi = lo_hi
    return sum(i * i for i in range(lo, hi))


def chunks(n, w):
    q, r = divmod(n, w)
    out, lo = [], 0
    for i in range(w):
        hi = lo + q + (1 if i < r else 0)
        out.append((lo, hi))
        lo = hi
    return out


if __name__ == "__main__":
    mode, n, w = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    start = time.perf_counter_ns()
    if mode == "serial":
        total = part((0, n))
    else:
        pool = ThreadPoolExecutor if mode == "threads" else ProcessPoolExecutor
        with pool(max_workers=w) as ex:
            total = sum(ex.map(part, chunks(n, w)))
    took = time.perf_counter_ns() - start
    print(took, total % 2**64, flush=True)
