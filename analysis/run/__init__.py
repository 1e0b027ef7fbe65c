"""Where the corpus-level work runs: here, on this machine's worker processes, or on a Dask cluster.

Every engine is an :class:`Executor` with two calls. ``submit`` starts a job
whose result is wanted later (the topic model, the figure groups); with
workers it starts at once elsewhere, here it runs when its result is first
asked for, except the jobs marked ``beside``, which run in a thread beside
this process's work. ``map_chunks`` runs a chunked step (candidate pairs,
sentence alignment, quote diffs) and returns the chunks' results in order.
Who runs a chunk never changes its result, so every engine gives the same
tables.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

__all__ = ["Executor", "SerialExecutor", "serial_map"]


class Executor(Protocol):
    def submit(self, func: Callable, *args, beside: bool = False) -> Future:
        """``func(*args)`` as a job; ``beside``: it runs alongside this process even without workers."""

    def map_chunks(self, func: Callable, chunks: list, **shared) -> list:
        """``[func(chunk, **shared) for chunk in chunks]``, wherever the engine runs them."""


def serial_map(func: Callable, chunks: list, **shared) -> list:
    """``func(chunk, **shared)`` for every chunk, here and in order."""
    return [func(chunk, **shared) for chunk in chunks]


class _Deferred(Future):
    """A job run here when its result is first asked for: without workers, nothing else would run it sooner."""

    def __init__(self, func: Callable, args: tuple) -> None:
        super().__init__()
        self._job: tuple[Callable, tuple] | None = (func, args)

    def result(self, timeout: float | None = None):
        if self._job is not None:
            func, args = self._job
            self._job = None
            try:
                self.set_result(func(*args))
            except BaseException as exc:
                self.set_exception(exc)
        return super().result(timeout)


class SerialExecutor:
    """Everything in this process; jobs marked ``beside`` in a thread (numerical work that releases the GIL).

    A thread rather than a forked process: OpenMP, which k-means uses, cannot
    run in a child forked after it started. Use it as a context manager, so
    the thread is joined.
    """

    def __init__(self) -> None:
        self._thread: ThreadPoolExecutor | None = None

    def submit(self, func: Callable, *args, beside: bool = False) -> Future:
        if not beside:
            return _Deferred(func, args)
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1)
        return self._thread.submit(func, *args)

    def map_chunks(self, func: Callable, chunks: list, **shared) -> list:
        return serial_map(func, chunks, **shared)

    def __enter__(self) -> SerialExecutor:
        return self

    def __exit__(self, *exc) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True)
