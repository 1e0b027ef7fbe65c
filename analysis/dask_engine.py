"""The analysis on Dask, for corpora that outgrow one machine.

Per-document extraction — most of the work, and independent per document —
runs in partitions on a Dask cluster: a local one started for the run, or an
existing one given by its scheduler address. The vocabulary and term counts
of the topic model are computed on the cluster too (partial document
frequencies merged in a tree of tasks, then counts per partition), and the
topic model itself (TF-IDF, reduction, clustering) runs as a cluster task
while the client compares the documents. The comparison's heavy steps run on
the cluster in chunks: candidate pairs of documents, quotes and figures
(blocks of rows of the sparse product), and the sentence alignment of
candidate document pairs. The inputs are the same as on one machine, so both
engines give the same tables.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
from scipy import sparse

from .corpus import Corpus
from .extract import analyze_document
from .model import Analysis, DocumentResult
from .pipeline import combine, split_extraction
from .run.dask import DaskExecutor
from .run.local import default_workers
from .topics import TermCounts

__all__ = ["analyze_dask"]


def extract_partition(texts: list[str]) -> list[DocumentResult]:
    return [analyze_document(t) for t in texts]


def _partition_vocabulary(results: list[DocumentResult]) -> Counter:
    """How many passages of a partition hold each term: a partial document frequency."""
    df: Counter = Counter()
    for r in results:
        for terms in r.terms:
            df.update(set(terms.split()))
    return df


def _merge(a: Counter, b: Counter) -> Counter:
    a.update(b)
    return a


def _sorted_terms(df: Counter) -> list[str]:
    return sorted(df)


def _partition_counts(results: list[DocumentResult], vocabulary: list[str]) -> sparse.csr_matrix:
    """A partition's passages × terms counts on the corpus vocabulary."""
    return TermCounts.from_terms([t for r in results for t in r.terms], vocabulary).matrix


def gathered_term_counts(client, partitions: list) -> TermCounts:
    """Term counts of the corpus, computed on the cluster: partial document frequencies are merged in a tree
    of tasks into the vocabulary, then every partition counts its passages on it."""
    level = client.map(_partition_vocabulary, partitions)
    while len(level) > 1:
        pairs = [level[k : k + 2] for k in range(0, len(level), 2)]
        level = [client.submit(_merge, *pair) if len(pair) == 2 else pair[0] for pair in pairs]
    vocabulary = client.submit(_sorted_terms, level[0])
    matrices = client.gather(client.map(_partition_counts, partitions, vocabulary=vocabulary))
    terms = np.asarray(vocabulary.result(), dtype=object)
    return TermCounts(sparse.vstack(matrices, format="csr"), terms)


@contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ValueError("the Dask engine needs Dask: pip install 'news-coverage-analysis[dask]' (or dask[distributed])") from None
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
        futures = client.map(extract_partition, partitions, pure=False)
        per_partition = client.gather(futures)
        results = {d.id: r for d, r in zip(docs, (r for part in per_partition for r in part))}
        timings = split_extraction(results, time.perf_counter() - t0)
        t1 = time.perf_counter()
        counts = gathered_term_counts(client, futures)
        timings["topics"] = timings.get("topics", 0.0) + time.perf_counter() - t1
        # The topic model (TF-IDF, reduction, clustering) runs as a task on the cluster beside the comparison,
        # whose candidate pairs and sentence alignments run there in chunks.
        return combine(docs, results, timings, DaskExecutor(client), counts=counts)
