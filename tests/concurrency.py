"""Helpers for tests that send requests or run operations at the same moment, to show that row
locks and transactions hold (tests/test_outreach_concurrency.py, test_programs.py,
test_scale_out.py)."""

import threading

from django.db import connections

BARRIER_SECONDS = 30


def run_at_once(count: int, work, *, timeout: float = 120) -> list:
    """Call ``work(n)`` for each n in range(count), each in a thread of its own, all released
    together by a barrier. Each thread has its own database connections, closed when it is done.

    Returns the results in order of n. Fails with every error when any call raised, and when a
    thread is still running after ``timeout`` seconds (a deadlock, a lock never released)."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(n):
        try:
            barrier.wait(timeout=BARRIER_SECONDS)
            results[n] = work(n)
        except Exception as error:  # reported below, in the test's own thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    stuck = sum(thread.is_alive() for thread in threads)
    assert not stuck, f"{stuck} of {count} threads still running after {timeout} s"
    assert not errors, errors
    return results
