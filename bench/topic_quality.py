"""Topic quality: NPMI coherence on the corpus itself and topic diversity, for this project's topics and for plain
scikit-learn baselines (k-means and NMF on the same TF-IDF passages, told the same number of topics).

    python bench/topic_quality.py                       # the seeds and NewsArticles
    python bench/topic_quality.py --corpora seeds       # only the seeds

NPMI coherence (Bouma 2009; as topic-model papers use it, e.g. Röder et al. 2015): for each topic's top 10 words,
the mean over word pairs of log(p(a, b) / (p(a) p(b))) / -log p(a, b), where p is the share of passages (or of
documents) holding the words: from -1 (never together) through 0 (independent) to 1 (always together). Topic diversity (Dieng et al.
2020): the share of distinct words among all topics' top 25. Both are read on the corpus's own passages, so no
reference corpus is downloaded. Results are printed and written as JSON (bench/results-topics.json).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from itertools import combinations
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from analysis import analyze, load_corpus  # noqa: E402
from analysis.topics import TermCounts, topic_terms  # noqa: E402
from bench.run import DEFAULT_CACHE, fetch_corpus  # noqa: E402

TOP_COHERENCE, TOP_DIVERSITY = 10, 25


def npmi(top_words: list[list[str]], counts: TermCounts) -> float:
    """Mean NPMI of the topics' top words, on which passages hold each word."""
    index = {w: i for i, w in enumerate(counts.vocabulary)}
    present = (counts.matrix > 0).astype(np.int64).tocsc()
    n = present.shape[0]
    scores = []
    for words in top_words:
        cols = [index[w] for w in words[:TOP_COHERENCE] if w in index]
        if len(cols) < 2:
            continue
        sub = present[:, cols]
        together = (sub.T @ sub).toarray()
        single = np.diag(together) / n
        pairs = []
        for a, b in combinations(range(len(cols)), 2):
            joint = together[a, b] / n
            pairs.append(-1.0 if joint == 0 else
                         (np.log(joint / (single[a] * single[b])) / -np.log(joint) if joint < 1 else 1.0))
        scores.append(float(np.mean(pairs)))
    return round(float(np.mean(scores)), 4) if scores else float("nan")


def diversity(top_words: list[list[str]]) -> float:
    words = [w for ws in top_words for w in ws[:TOP_DIVERSITY]]
    return round(len(set(words)) / len(words), 4) if words else float("nan")


def top_words_of(weights: np.ndarray, vocabulary: np.ndarray, k: int = TOP_DIVERSITY) -> list[list[str]]:
    return [[str(vocabulary[i]) for i in np.argsort(-row, kind="stable")[:k] if row[i] > 0] for row in weights]


def baselines(counts: TermCounts, n_topics: int) -> dict[str, list[list[str]]]:
    """Top words of plain k-means and NMF on the passages' TF-IDF, told ``n_topics``."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfTransformer

    df = np.bincount(counts.matrix.indices, minlength=counts.matrix.shape[1])
    keep = np.flatnonzero((df >= 2) & (df <= 0.7 * counts.matrix.shape[0]))
    X = TfidfTransformer(sublinear_tf=True).fit_transform(counts.matrix[:, keep])
    vocabulary = counts.vocabulary[keep]
    labels = KMeans(n_topics, random_state=0, n_init=4).fit_predict(X)
    centroids = np.vstack([np.asarray(X[labels == t].mean(axis=0)).ravel() for t in range(n_topics)])
    nmf = NMF(n_topics, random_state=0, init="nndsvda", max_iter=400).fit(X)
    return {"k-means": top_words_of(centroids, vocabulary), "NMF": top_words_of(nmf.components_, vocabulary)}


def ours(result) -> list[list[str]]:
    """Each topic's top words as the topics table chooses them (topic_terms), to 25 words."""
    from sklearn.feature_extraction.text import TfidfTransformer

    counts = TermCounts.from_texts(result.passages["text"].tolist())
    X = TfidfTransformer(sublinear_tf=True).fit_transform(counts.matrix)
    labels = result.passages["topic"].to_numpy()
    topics = sorted(set(labels))
    codes = np.searchsorted(topics, labels)
    return topic_terms(X, counts.vocabulary, codes, len(topics), TOP_DIVERSITY)


def measure(name: str, path: Path) -> dict:
    t0 = time.perf_counter()
    result = analyze(load_corpus(path))
    seconds = round(time.perf_counter() - t0, 2)
    counts = TermCounts.from_texts(result.passages["text"].tolist())
    per_document = counts.sum_by(result.passages["doc"].tolist(), result.documents["id"].tolist())
    n_topics = len(result.topics)
    rows = {"this project": ours(result), **baselines(counts, n_topics)}
    return {"corpus": name, "passages": len(result.passages), "topics": n_topics, "analysis_seconds": seconds,
            "labels": result.topics["label"].tolist()[:12],
            "models": {m: {"npmi_passages": npmi(words, counts), "npmi_documents": npmi(words, per_document),
                           "diversity": diversity(words)} for m, words in rows.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", default="seeds,news", help="comma-separated: seeds, news")
    ap.add_argument("--out", type=Path, default=HERE / "results-topics.json")
    args = ap.parse_args()
    paths = {"seeds": HERE.parent / "seeds", "news": None}
    runs = []
    for name in args.corpora.split(","):
        path = paths[name] if name != "news" else fetch_corpus(DEFAULT_CACHE)
        run = measure(name, path)
        runs.append(run)
        print(f"{name}: {run['passages']} passages, {run['topics']} topics")
        for model, q in run["models"].items():
            print(f"  {model:13s} NPMI {q['npmi_passages']:+.3f} in passages, {q['npmi_documents']:+.3f} in documents;"
                  f"  diversity {q['diversity']:.3f}")
    args.out.write_text(json.dumps(runs, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
