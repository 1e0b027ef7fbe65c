"""A Dask cluster as an :class:`~analysis.run.Executor`."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future

__all__ = ["DaskExecutor"]


class DaskExecutor:
    """Jobs and chunks as tasks on the cluster of ``client``: each chunked step's shared inputs go to every
    worker once, and each chunk is a task."""

    def __init__(self, client) -> None:
        self.client = client

    def submit(self, func: Callable, *args, beside: bool = False) -> Future:
        return self.client.submit(func, *args, pure=False)

    def map_chunks(self, func: Callable, chunks: list, **shared) -> list:
        if not chunks:
            return []
        # A one-item list, so that a dict or a list is sent whole rather than item by item.
        sent = {k: v if v is None else self.client.scatter([v], broadcast=True, hash=False)[0] for k, v in shared.items()}
        return self.client.gather(self.client.map(func, chunks, pure=False, **sent))
