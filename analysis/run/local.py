"""Worker processes on one machine, shared by loading and analysis."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from . import serial_map

__all__ = ["ProcessExecutor", "default_workers", "map_in_workers", "worker_pool"]


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


class ProcessExecutor:
    """This machine's worker processes as an :class:`~analysis.run.Executor`: jobs run on them at once, and
    chunked steps on the free workers and this process.

    A chunked step runs here, a chunk at a time, and whenever a worker is free
    (not busy with a background job such as the topic model, nor with this
    step) it is sent its share of the chunks not yet started, as one task: the
    shared inputs (a matrix of the whole corpus) travel once per task. Who
    runs a chunk never changes its result.
    """

    def __init__(self, pool: ProcessPoolExecutor, workers: int) -> None:
        self.pool, self.workers = pool, workers
        self.jobs: list[Future] = []

    def submit(self, func: Callable, *args, beside: bool = False) -> Future:
        job = self.pool.submit(func, *args)
        self.jobs.append(job)
        return job

    def map_chunks(self, func: Callable, chunks: list, **shared) -> list:
        """:func:`~analysis.run.serial_map`'s contract, on the free workers and this process."""
        out = [None] * len(chunks)
        todo = list(range(len(chunks)))  # not yet started; this process takes from the front, workers from the back
        tasks: list[tuple[list[int], Future]] = []
        while todo:
            busy = sum(not job.done() for job in self.jobs) + sum(not t.done() for _, t in tasks)
            free = max(0, self.workers - busy)  # jobs may queue beyond the workers
            size = max(1, len(todo) // (free + 1))
            for _ in range(free):
                if len(todo) <= 1:  # the last chunk is done here rather than sent
                    break
                share, todo = todo[-size:], todo[:-size]
                tasks.append((share, self.pool.submit(serial_map, func, [chunks[k] for k in share], **shared)))
            k = todo.pop(0)
            out[k] = func(chunks[k], **shared)
        for share, task in tasks:
            for k, result in zip(share, task.result()):
                out[k] = result
        return out
