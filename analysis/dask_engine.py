"""The analysis on Dask, for corpora that outgrow one machine.

Per-document extraction — nearly all of the work, and independent per
document — runs in partitions on a Dask cluster: a local one started for the
run, or an existing one given by its scheduler address. The corpus-level
steps (topics, candidate pairs, comparison) then run once on the combined
per-document results, exactly as on one machine, so both engines give the
same tables.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from .corpus import Corpus
from .pipeline import Analysis, DocumentResult, _split_extraction, analyze_document, combine, default_workers

__all__ = ["analyze_dask"]


def _extract_partition(texts: list[str]) -> list[DocumentResult]:
    return [analyze_document(t) for t in texts]


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("the Dask engine needs Dask: pip install 'dask[distributed]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="15s")
        except (OSError, TimeoutError) as exc:
            raise ValueError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
        with client:
            yield client
        return
    cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


def analyze_dask(corpus: Corpus, *, scheduler: str | None = None, workers: int | None = None,
                 partition_size: int = 200) -> Analysis:
    """Analyse ``corpus`` with per-document extraction on a Dask cluster.

    Args:
        corpus: the documents.
        scheduler: address of a running scheduler ("tcp://host:8786"); without
            it a local cluster is started for this run and closed after it.
        workers: worker processes of the local cluster; default one per CPU.
        partition_size: documents per task.

    Raises:
        ValueError: the corpus is empty, Dask is missing, the scheduler cannot
            be reached, or ``partition_size`` is below 1.
    """
    if len(corpus) == 0:
        raise ValueError("cannot analyse an empty corpus")
    if partition_size < 1:
        raise ValueError(f"partition_size must be at least 1, got {partition_size}")
    docs = list(corpus)
    t0 = time.perf_counter()
    with _client(scheduler, workers) as client:
        texts = [d.text for d in docs]
        partitions = [texts[k : k + partition_size] for k in range(0, len(texts), partition_size)]
        futures = client.map(_extract_partition, partitions, pure=False)
        per_partition = client.gather(futures)
    results = {d.id: r for d, r in zip(docs, (r for part in per_partition for r in part))}
    return combine(docs, results, _split_extraction(results, time.perf_counter() - t0))
