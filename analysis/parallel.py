"""Worker processes on one machine, shared by loading and analysis."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

__all__ = ["default_workers", "map_in_workers", "worker_pool"]


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _can_fork() -> bool:
    # fork is fast and safe in a single-threaded program; a threaded host (the dashboard) must spawn.
    return threading.active_count() == 1 and "fork" in mp.get_all_start_methods()


@contextmanager
def worker_pool(workers: int, *, spawn: bool = True,
                before_fork: Callable[[], object] | None = None) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``workers`` processes, or None for one worker (or none that may be started).

    Args:
        spawn: whether to spawn workers where forking is unsafe. A spawned
            worker imports the package first (about half a second): worth it
            for analysis, not for short work such as reading metadata.
        before_fork: called before forking, to do once what every worker would otherwise do.
    """
    fork = _can_fork()
    if workers <= 1 or not (fork or spawn):
        yield None
        return
    if fork and before_fork is not None:
        before_fork()
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork" if fork else "spawn")) as pool:
        # Forked workers all start at the first task: now, before any thread (the topic model's OpenMP) exists.
        pool.submit(int).result()
        try:
            yield pool
        except BaseException:
            pool.shutdown(cancel_futures=True)  # an error or an interrupt: the work queued is not wanted
            raise


_MAP_CHUNK = 64


def map_in_workers(func: Callable, items: Iterable, *, workers: int | None = None) -> list:
    """``[func(x) for x in items]`` on forked worker processes (here where forking is unsafe).

    The workers start on the first items while the rest are still being read from ``items``.
    """
    with worker_pool(workers or default_workers(), spawn=False) as pool:
        if pool is None:
            return [func(x) for x in items]
        return list(pool.map(func, items, chunksize=_MAP_CHUNK))
