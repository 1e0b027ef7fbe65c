"""The Dask engine and Parquet results folders give the same analysis as the single-machine path."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analysis import Corpus, analyze, dask_engine, load_corpus
from analysis.dask_engine import analyze_dask
from analysis.export import read_parquet, to_json_dict

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow  # each test starts a local Dask cluster or a CLI run

# Everything but the topic model, which runs in a cluster worker (checked for equal quality instead).
EXTRACTED = ("quotes", "figures", "sources", "furniture", "quote_matches", "figure_groups", "stories", "copies",
             "similarity", "claims", "speakers")


@pytest.fixture(scope="module")
def news_sample() -> Corpus:
    """The first 150 articles of the real NewsArticles corpus (fetched once into the bench cache)."""
    from bench.run import DEFAULT_CACHE, fetch_corpus

    path = fetch_corpus(DEFAULT_CACHE)
    corpus = load_corpus(path)
    return Corpus(corpus.documents[:150])


def assert_same(a, b, tables=EXTRACTED):
    ja, jb = to_json_dict(a), to_json_dict(b)
    for name in tables:
        assert ja[name] == jb[name], f"{name} differs between engines"


def topic_quality(result) -> float:
    """Mean silhouette (cosine) of the passages' topics on their TF-IDF vectors: higher is better separated."""
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics import silhouette_score

    from analysis.topics import TermCounts

    X = TfidfTransformer(sublinear_tf=True).fit_transform(TermCounts.from_texts(result.passages["text"].tolist()).matrix)
    return float(silhouette_score(X, result.passages["topic"], metric="cosine"))


def assert_topics_as_good(dask, local):
    """The topic model runs in a cluster worker, where BLAS may sum in another order: topics of equal quality."""
    assert len(dask.passages) == len(local.passages)
    assert abs(len(dask.topics) - len(local.topics)) <= 1
    q_dask, q_local = topic_quality(dask), topic_quality(local)
    assert q_dask >= q_local - 0.01, (q_dask, q_local)


def test_dask_on_a_local_cluster_matches_one_machine_on_the_seeds():
    corpus = load_corpus(SEEDS)
    dask, local = analyze_dask(corpus, workers=2, partition_size=2), analyze(corpus, workers=1)
    assert_same(dask, local, tables=EXTRACTED)
    assert_topics_as_good(dask, local)


@pytest.mark.network
def test_dask_matches_one_machine_on_real_news(news_sample, monkeypatch):
    from analysis.compare import alignment, candidates
    from analysis.run.dask import DaskExecutor

    local = analyze(news_sample, workers=1)
    # Small chunks, so that candidate pairs and alignments really are split into many cluster tasks.
    monkeypatch.setattr(candidates, "_CANDIDATE_BLOCK_ROWS", 37)
    monkeypatch.setattr(alignment, "_ALIGN_CHUNK_CELLS", 2_000)
    tasks = Counter()

    class Counted(DaskExecutor):
        def map_chunks(self, func, chunks, **shared):
            tasks.update({func.__name__: len(chunks)})
            return super().map_chunks(func, chunks, **shared)

    monkeypatch.setattr(dask_engine, "DaskExecutor", Counted)
    dask = analyze_dask(news_sample, workers=2, partition_size=40)
    assert tasks["_candidate_block"] > 20 and tasks["align_chunk"] > 3, tasks
    assert len(local.quotes) > 300 and len(local.figures) > 300  # a real test: plenty to compare
    assert_same(dask, local, tables=EXTRACTED)
    assert_topics_as_good(dask, local)


@pytest.mark.network
def test_vocabulary_and_term_counts_on_the_cluster_equal_one_machine(news_sample):
    from dask.distributed import Client, LocalCluster

    from analysis.dask_engine import extract_partition, gathered_term_counts
    from analysis.topics import TermCounts

    texts = [d.text for d in news_sample]
    parts = [texts[k : k + 30] for k in range(0, len(texts), 30)]
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        futures = client.map(extract_partition, parts)
        on_cluster = gathered_term_counts(client, futures)
        results = [r for part in client.gather(futures) for r in part]
    here = TermCounts.from_terms([t for r in results for t in r.terms])
    assert list(on_cluster.vocabulary) == list(here.vocabulary) and len(here.vocabulary) > 5000
    assert (on_cluster.matrix != here.matrix).nnz == 0


def test_cli_dask_engine_writes_a_results_folder_the_dashboard_reads(tmp_path):
    out = tmp_path / "results"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(SEEDS), "--engine", "dask", "--workers", "2",
                           "--out", str(out), "--quiet"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (out / "results.json").exists() and (out / "quotes.parquet").exists()
    back = read_parquet(out)
    # Extraction and comparison are identical; k-means topics may differ in another process (BLAS threads).
    assert_same(back, analyze(load_corpus(SEEDS)), tables=("quotes", "figures", "sources", "quote_matches",
                                                           "figure_groups", "stories", "copies", "speakers"))
    assert len(back.passages) == len(analyze(load_corpus(SEEDS)).passages) and len(back.topics) >= 2
    assert set(back.texts) == set(load_corpus(SEEDS).ids)


def test_parquet_results_replace_an_older_folder_whole_and_refuse_other_folders(tmp_path, seed_analysis):
    from analysis.export import write_parquet

    out = write_parquet(seed_analysis, tmp_path / "results")
    write_parquet(seed_analysis.select(seed_analysis.documents["id"][:2]), out)
    assert len(read_parquet(out).documents) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["results"]  # no temporary folders left behind
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(ValueError, match="not a results folder"):
        write_parquet(seed_analysis, other)
    with pytest.raises(ValueError, match="not a results folder"):
        read_parquet(other)
    assert Path(other / "holiday.jpg").exists()


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(SEEDS), "--scheduler", "tcp://127.0.0.1:1",
                           "--out", str(tmp_path / "x.json")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and done.stderr.strip() == "error: --scheduler needs --engine dask"
    assert not (tmp_path / "x.json").exists()


def test_unreachable_scheduler_is_one_clear_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "analysis", "analyze", str(SEEDS), "--engine", "dask",
                           "--scheduler", "tcp://127.0.0.1:9", "--out", str(tmp_path / "r")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in done.stderr
    pd.testing.assert_index_equal(pd.Index([]), pd.Index([p.name for p in tmp_path.iterdir()]))
