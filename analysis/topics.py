"""Topics: TF-IDF over passages, clustered and merged, with the number of topics coming from the data.

``TopicModel`` follows scikit-learn's estimator conventions: ``__init__`` only
stores parameters, ``fit`` returns self, fitted attributes end in ``_``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from .lexicon import GENERIC_VERBS, GENERIC_WORDS
from .thresholds import DOC_WEIGHT, DOC_WEIGHT_FULL_AT, MERGE_DISTANCE
from .tokens import passage_terms, split_joined
from .topic_labels import label, topic_phrases

# scikit-learn is imported where a model is fitted, not here: importing it takes about a second, which
# opening a results folder in the dashboard (no fitting at all) should not pay.

__all__ = ["TermCounts", "TopicModel", "distinctive_terms", "topic_terms"]


@dataclass(frozen=True, slots=True)
class TermCounts:
    """How often each term occurs in each passage: a sparse passages × terms matrix and its sorted vocabulary."""

    matrix: sparse.csr_matrix
    vocabulary: np.ndarray

    @classmethod
    def from_terms(cls, terms: Sequence[str], vocabulary: Sequence[str] | None = None) -> TermCounts:
        """Counts from :func:`passage_terms` strings, one per passage, on ``vocabulary`` (sorted, holding
        every term) when given, as when each part of a corpus is counted on the whole corpus's vocabulary."""
        # Arrow splits, codes and sorts a million words in C++: three to four times pandas' speed on objects.
        lengths, flat = split_joined(terms)
        if vocabulary is None:
            coded = pc.dictionary_encode(flat)
            order = pc.array_sort_indices(coded.dictionary).to_numpy()  # UTF-8 byte order: Python's string order
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            codes = rank[coded.indices.to_numpy()]
            vocabulary = coded.dictionary.take(pa.array(order)).to_numpy(zero_copy_only=False)
        else:
            # A copy: Arrow's buffer is read-only, and the matrix sorts its rows in place.
            codes = pc.index_in(flat, value_set=pa.array(list(vocabulary), type=pa.large_string())).to_numpy().copy()
        # Each passage's words are one row already: built as CSR directly, each row's repeated terms summed in
        # place, rather than through coordinates.
        matrix = sparse.csr_matrix((np.ones(len(codes), dtype=np.int64), codes, np.r_[0, np.cumsum(lengths)]),
                                   shape=(len(terms), len(vocabulary)))
        matrix.sum_duplicates()
        return cls(matrix, np.asarray(vocabulary, dtype=object))

    @classmethod
    def from_texts(cls, texts: Sequence[str]) -> TermCounts:
        return cls.from_terms([passage_terms(t) for t in texts])

    def sum_by(self, groups: Sequence, names: Sequence) -> TermCounts:
        """Counts summed over the passages of each group (a document, an outlet): one row per name, in order.

        ``groups`` names each passage's group; a name no passage has gets a row of zeros.
        """
        index = {g: i for i, g in enumerate(names)}
        codes = np.fromiter((index[g] for g in groups), dtype=np.int64, count=len(groups))
        G = sparse.csr_matrix((np.ones(len(codes), dtype=np.int64), (codes, np.arange(len(codes)))),
                              shape=(len(names), len(codes)))
        return TermCounts((G @ self.matrix).tocsr(), self.vocabulary)


_MINI_BATCH_FROM = 2000  # passages from which k-means runs in mini-batches
_SVD_SAMPLE = 2000  # passages the reduction is fitted on; every passage is then projected
_MAX_FEATURES = 50_000


class TopicModel:
    """Cluster passages into topics and describe each by its terms, phrases and examples.

    The number of topics comes from the data. Passages are clustered into
    more groups than a corpus of that size can hold topics (a number that
    grows with the square root of its documents), then groups whose centres
    (less the corpus's mean) point the same way are merged, average linkage
    on their cosine distance, until every pair left is at least
    ``merge_distance`` apart. A passage is
    read together with the document it belongs to (``doc_weight``): a story's
    paragraphs share its subject even where they share few words.

    Parameters
    ----------
    merge_distance:
        Cosine distance (0 to 2) below which two groups of passages are one
        topic; smaller gives more, finer topics.
    doc_weight:
        Weight of a passage's document, beside the passage itself, when
        passages are grouped (0: the passage alone); in a corpus of fewer
        than ``DOC_WEIGHT_FULL_AT`` documents, in proportion to their number.
    max_topics:
        An upper bound on the number of topics, or None for none.
    n_topics:
        Exactly this many topics (as many as the passages allow), or None for the model's own choice.
    n_terms:
        How many top terms describe a topic.
    n_examples:
        How many example passages each topic keeps.
    random_state:
        Seed for the clustering, so the same input gives the same topics.
    """

    def __init__(self, *, merge_distance: float = MERGE_DISTANCE, doc_weight: float = DOC_WEIGHT,
                 max_topics: int | None = None, n_topics: int | None = None, n_terms: int = 8, n_examples: int = 3,
                 random_state: int = 0) -> None:
        self.merge_distance = merge_distance
        self.doc_weight = doc_weight
        self.max_topics = max_topics
        self.n_topics = n_topics
        self.n_terms = n_terms
        self.n_examples = n_examples
        self.random_state = random_state

    def fit(self, passages: Sequence[str], *, counts: TermCounts | None = None,
            documents: Sequence | None = None) -> TopicModel:
        """Fit topics to ``passages``; ``counts`` are their term counts when already made (:class:`TermCounts`),
        ``documents`` names the document each passage belongs to (without it, each passage stands alone)."""
        if not 0 < self.merge_distance <= 2:
            raise ValueError(f"merge_distance must be in (0, 2], got {self.merge_distance}")
        if self.doc_weight < 0:
            raise ValueError(f"doc_weight must be 0 or more, got {self.doc_weight}")
        if self.max_topics is not None and self.max_topics < 1:
            raise ValueError(f"max_topics must be at least 1, got {self.max_topics}")
        if self.n_topics is not None and self.n_topics < 1:
            raise ValueError(f"n_topics must be at least 1, got {self.n_topics}")
        if documents is not None and len(documents) != len(passages):
            raise ValueError(f"documents has {len(documents)} entries for {len(passages)} passages")
        if not passages:
            raise ValueError("cannot fit topics on zero passages")
        if counts is not None and counts.matrix.shape[0] != len(passages):
            raise ValueError(f"counts has {counts.matrix.shape[0]} rows for {len(passages)} passages")
        from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

        n = len(passages)
        counts = counts if counts is not None else TermCounts.from_texts(passages)
        # As scikit-learn's TfidfVectorizer with min_df, max_df and max_features, on counts made once.
        C, terms = counts.matrix, counts.vocabulary
        df = np.bincount(C.indices, minlength=C.shape[1])
        keep = (df >= (2 if n >= 50 else 1)) & (df <= (0.7 if n >= 20 else 1.0) * n)
        if keep.sum() > _MAX_FEATURES:
            total = np.asarray(C.sum(axis=0)).ravel()
            kept = np.flatnonzero(keep)
            keep = np.zeros_like(keep)
            keep[np.sort(kept[np.argsort(-total[kept], kind="stable")[:_MAX_FEATURES]])] = True
        if keep.any():
            columns = np.flatnonzero(keep)
            self.vocabulary_ = {str(t): i for i, t in enumerate(terms[columns])}
            self.terms_ = np.asarray(terms[columns], dtype=object)
            self.tfidf_ = TfidfTransformer(sublinear_tf=True)
            X = self.tfidf_.fit_transform(C[:, columns])
            self.vectorizer_ = None
        else:
            # Nothing but stop words and numbers: fall back to every token.
            self.vectorizer_ = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b")
            X = self.vectorizer_.fit_transform([p or "empty" for p in passages])
            self.terms_ = np.asarray(self.vectorizer_.get_feature_names_out())
        reduced = self._with_documents(self._reduce(X), documents)
        self.n_topics_, self.labels_ = self._cluster(reduced, n_documents=len(set(documents)) if documents is not None else n)
        self._describe(X, passages)
        self.themes_, self.theme_labels_ = self._themes(reduced)
        return self

    def _reduce(self, X: sparse.csr_matrix) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.preprocessing import normalize

        n, m = X.shape
        k = min(100, n - 1, m - 1)
        if k < 2:
            return X.toarray()
        self.svd_ = TruncatedSVD(n_components=k, random_state=self.random_state)
        with np.errstate(divide="ignore", invalid="ignore"):  # identical passages have no variance to explain
            if n <= _SVD_SAMPLE:
                return normalize(self.svd_.fit_transform(X))
            # A large corpus: the directions are found on a sample, every passage is projected onto them.
            # Terms the sample lacks would get zero weight anyway; leaving them out makes the fit much cheaper.
            sample = X[self._sample(n, _SVD_SAMPLE)]
            present = np.flatnonzero(sample.getnnz(axis=0))
            self.svd_.n_components = min(k, len(present) - 1)
            self.svd_.fit(sample[:, present])
            self.components_ = np.zeros((self.svd_.n_components, m))
            self.components_[:, present] = self.svd_.components_
            return normalize(X @ self.components_.T)

    def _sample(self, n: int, size: int) -> np.ndarray:
        return np.sort(np.random.default_rng(self.random_state).choice(n, size, replace=False))

    def _with_documents(self, Z: np.ndarray, documents: Sequence | None) -> np.ndarray:
        """Each passage's reduced vector plus ``doc_weight`` times its document's (the mean of its passages')."""
        if documents is None or self.doc_weight == 0:
            return Z
        from sklearn.preprocessing import normalize

        codes, _ = pd.factorize(pd.Series(documents, dtype=object))
        weight = self.doc_weight * min(1.0, (codes.max() + 1) / DOC_WEIGHT_FULL_AT)
        G = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(codes.max() + 1, len(codes)))
        D = normalize(np.asarray(G @ Z))
        return normalize(Z + weight * D[codes])

    def _cluster(self, Z: np.ndarray, *, n_documents: int) -> tuple[int, np.ndarray]:
        """Groups of passages (k-means, more groups than there can be topics), merged into topics."""
        from sklearn.cluster import AgglomerativeClustering

        n = Z.shape[0]
        # More groups than topics: about three per topic a corpus of this many documents holds, and passages five
        # to a group at least.
        groups = min(n // 5, int(3 * np.sqrt(n_documents)) + 5)
        if self.n_topics is not None:  # enough groups to make the topics asked for
            groups = max(groups, min(n // 2, self.n_topics))
        groups = min(groups, distinct_rows(Z, groups))  # repeated passages cannot form more groups
        if n < 4 or groups < 2:
            return 1, np.zeros(n, dtype=int)
        labels = self._kmeans(groups, n).fit_predict(Z)
        # Centred on the corpus's mean: what every passage shares (news vocabulary) would make all centres alike.
        centres = np.vstack([Z[labels == g].mean(axis=0) for g in range(groups)]) - Z.mean(axis=0)
        if self.n_topics is not None:
            merged = AgglomerativeClustering(n_clusters=min(self.n_topics, groups), metric="cosine",
                                             linkage="average").fit(centres).labels_
        else:
            merged = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                             distance_threshold=self.merge_distance).fit(centres).labels_
        if self.max_topics is not None and merged.max() + 1 > self.max_topics:
            merged = AgglomerativeClustering(n_clusters=self.max_topics, metric="cosine", linkage="average").fit(centres).labels_
        labels = merged[labels]
        k = int(labels.max()) + 1
        # Number topics by size, largest first, so ids are stable and readable.
        order = np.argsort(-np.bincount(labels, minlength=k), kind="stable")
        remap = np.empty(k, dtype=int)
        remap[order] = np.arange(k)
        return k, remap[labels]

    def _kmeans(self, k: int, n: int):
        from sklearn.cluster import KMeans, MiniBatchKMeans

        if n > _MINI_BATCH_FROM:
            # One start: its groups are merged into topics next, so a better start changes little (NewsArticles: NPMI
            # 0.328 with three starts, 0.329 with one; ECB+ NMI 0.936 both) and costs a third of the topic stage.
            return MiniBatchKMeans(n_clusters=k, random_state=self.random_state, n_init=1, batch_size=2048)
        return KMeans(n_clusters=k, random_state=self.random_state, n_init=4)

    def _describe(self, X: sparse.csr_matrix, passages: Sequence[str]) -> None:
        self.examples_: list[list[int]] = []
        centroids = []
        for t in range(self.n_topics_):
            rows = np.flatnonzero(self.labels_ == t)
            centroid = np.asarray(X[rows].mean(axis=0)).ravel()
            centroids.append(centroid)
            sims = X[rows] @ centroid
            self.examples_.append([int(rows[i]) for i in np.argsort(-sims, kind="stable")[: self.n_examples]])
        self.centroids_ = np.vstack(centroids) if centroids else np.zeros((0, X.shape[1]))
        self.top_terms_ = topic_terms(X, self.terms_, self.labels_, self.n_topics_, self.n_terms)

        self.phrases_ = topic_phrases(passages, self.labels_, self.n_topics_, self.random_state)
        self.topic_labels_ = [label(phrases) or " / ".join(terms[:3]) or f"topic {t}"
                              for t, (phrases, terms) in enumerate(zip(self.phrases_, self.top_terms_))]

    def _themes(self, Z: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """Each topic's broader theme, and the themes' names: topics whose passages point the same way, merged into
        about the square root of their number (11 topics, 3 themes; 25, 5). A theme is named by the first words of
        its two largest topics; fewer than four topics are each their own theme."""
        from sklearn.cluster import AgglomerativeClustering

        k = self.n_topics_
        if k < 4:
            return np.arange(k), list(self.topic_labels_)
        centres = np.vstack([Z[self.labels_ == t].mean(axis=0) for t in range(k)]) - Z.mean(axis=0)
        themes = AgglomerativeClustering(n_clusters=max(2, round(np.sqrt(k))), metric="cosine",
                                         linkage="average").fit(centres).labels_
        # Numbered by their largest topic (topics are numbered by size), and named by their two largest.
        order = {theme: n for n, theme in enumerate(dict.fromkeys(themes.tolist()))}
        themes = np.array([order[t] for t in themes.tolist()])
        names = [" / ".join(dict.fromkeys(self.topic_labels_[t].split(" / ")[0] for t in np.flatnonzero(themes == h)[:2]))
                 for h in range(len(order))]
        return themes, _unique(names)

    def transform(self, passages: Sequence[str]) -> np.ndarray:
        """The topic of each new passage: the nearest topic centroid."""
        if self.vectorizer_ is not None:
            X = self.vectorizer_.transform(passages)
        else:
            rows, cols = [], []
            for i, p in enumerate(passages):
                for term in passage_terms(p).split():
                    if term in self.vocabulary_:
                        rows.append(i)
                        cols.append(self.vocabulary_[term])
            counts = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(passages), len(self.terms_)))
            X = self.tfidf_.transform(counts)
        return np.asarray((X @ self.centroids_.T).argmax(axis=1)).ravel()


_CORE_SHARE = 0.5  # the share of a topic's passages, nearest its centre, whose words describe it (see topic_terms)


def topic_terms(X: sparse.csr_matrix, terms: np.ndarray, labels: np.ndarray, n_topics: int,
                n_terms: int) -> list[list[str]]:
    """Each topic's ``n_terms`` most distinctive words; ``X`` is passages by the TF-IDF of ``terms``.

    A word scores its share s of the topic's core passages times log(s / p), p its share of all passages: the
    word's part in how the core's words differ from the corpus's, so a word must be both common in the topic
    and rare outside it. The core is the half of the topic's passages nearest its TF-IDF centroid (at least
    five): passages a topic took in for their document, not their own words, do not blur it.
    On NewsArticles (3,824 documents, 26 topics) NPMI in passages rose from 0.274 (centroid weights, all
    passages) to 0.329 and topic diversity from 0.734 to 0.869; a core of 30%, 50%, 75% and 100% gave NPMI
    0.333, 0.329, 0.322 and 0.315; the binary KL divergence instead of s log(s / p) gave 0.336.
    The verbs and counting words of any story ("went", "number") never describe a topic.
    """
    present = (X > 0).astype(np.float64).tocsr()
    corpus_share = np.asarray(present.mean(axis=0)).ravel()
    generic = np.isin(terms, list(GENERIC_VERBS | GENERIC_WORDS))
    out = []
    for t in range(n_topics):
        rows = np.flatnonzero(labels == t)
        centroid = np.asarray(X[rows].mean(axis=0)).ravel()
        nearest = np.argsort(-(X[rows] @ centroid), kind="stable")
        core = rows[nearest[: max(5, int(np.ceil(len(rows) * _CORE_SHARE)))]]
        share = np.asarray(present[core].mean(axis=0)).ravel()
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.where((share > corpus_share) & ~generic, share * np.log(share / corpus_share), 0.0)
        top = np.argsort(-score, kind="stable")[:n_terms]
        out.append([str(terms[i]) for i in top if score[i] > 0])
    return out


def distinct_rows(Z: np.ndarray, enough: int) -> int:
    """How many distinct rows ``Z`` has (to six decimals), counting no further than ``enough``.

    Reading rows until enough are distinct, rather than sorting them all:
    most corpora have as many distinct passages as topics in their first rows.
    """
    seen: set[bytes] = set()
    for row in Z:
        seen.add((np.round(row, 6) + 0.0).tobytes())  # + 0.0: -0.0 and 0.0 are the same value
        if len(seen) >= enough:
            break
    return len(seen)


def distinctive_terms(texts: Sequence[str] | TermCounts, groups: list[str] | dict[str, list[str]], *,
                      n_terms: int = 10, prior: float = 0.01) -> pd.DataFrame:
    """Terms most distinctive of each group against the rest (one-vs-rest).

    Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
    Quinn 2008), as a z-score: it stays sensible on a handful of short
    documents, where raw frequency differences are noise. ``texts`` are the
    passages, or their :class:`TermCounts`; ``groups`` names each passage's
    group ("" for none: a document without an outlet counts in the rest, never as an outlet); a dict of such
    lists (level -> groups) scores several groupings on one count of the words and adds a ``level`` column.
    """
    columns = ["group", "term", "z", "count", "rank"]
    levels = groups if isinstance(groups, dict) else {None: groups}
    empty = pd.DataFrame(columns=columns if not isinstance(groups, dict) else ["level", *columns])
    counts = texts if isinstance(texts, TermCounts) else TermCounts.from_texts(texts)
    if counts.matrix.shape[0] == 0 or counts.matrix.nnz == 0:
        return empty
    X, vocab = counts.matrix, counts.vocabulary
    frames = []
    for level, level_groups in levels.items():
        frame = _log_odds(X, vocab, level_groups, n_terms, prior)
        if level is not None:
            frame.insert(0, "level", level)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _log_odds(X: sparse.csr_matrix, vocab: np.ndarray, groups: list[str], n_terms: int, prior: float) -> pd.DataFrame:
    columns = ["group", "term", "z", "count", "rank"]
    names = sorted(set(groups))
    index = {g: i for i, g in enumerate(names)}
    G = sparse.csr_matrix((np.ones(len(groups)), ([index[g] for g in groups], np.arange(len(groups)))),
                          shape=(len(names), len(groups)))
    # Sparse throughout: a term a group never uses is never among its most distinctive,
    # so only the (group, term) pairs that occur are scored (thousands of groups fit in memory).
    counts = (G @ X).tocoo()
    total = np.asarray(X.sum(axis=0), dtype=float).ravel()
    alpha = prior * total / max(total.sum(), 1) * len(vocab) + 1e-3
    a0 = alpha.sum()
    group_size = np.asarray(counts.sum(axis=1), dtype=float).ravel()
    g, t, yi = counts.row, counts.col, counts.data.astype(float)
    yj = total[t] - yi
    ni, nj = group_size[g], total.sum() - group_size[g]
    a = alpha[t]
    with np.errstate(divide="ignore", invalid="ignore"):  # a one-word vocabulary: nothing is distinctive
        delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
        z = delta / np.sqrt(1.0 / (yi + a) + 1.0 / (yj + a))
    finite = np.isfinite(z)
    g, t, yi, z = g[finite], t[finite], yi[finite], z[finite]
    top, rank = top_per_group(g, z, t, n_terms)
    g, t, yi, z = g[top], t[top], yi[top], z[top]
    scored = np.asarray(names, dtype=object)[g] != ""  # "": counted in the rest of every group, never scored
    g, t, yi, z, rank = g[scored], t[scored], yi[scored], z[scored], rank[scored]
    return pd.DataFrame({
        "group": np.asarray(names, dtype=object)[g],
        "term": vocab[t].astype(object),
        "z": np.round(z, 3),
        "count": yi.astype(int),
        "rank": rank + 1,
    }, columns=columns)


def top_per_group(g: np.ndarray, z: np.ndarray, t: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of each group's ``k`` highest ``z`` (ties by term ``t``), in that order, groups in turn, and
    each one's rank within its group (from 0).

    The same as sorting everything with ``np.lexsort((t, -z, g))`` and keeping
    each group's first ``k``, but with millions of (group, term) entries that
    sort dominated: ``k`` passes of per-group maxima bound what can be in a
    group's top ``k``, and only those few entries are sorted. ``g`` is sorted.
    """
    if not len(z):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
    group_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(g)]))
    left = z.astype(float)
    floor = np.full(len(starts), -np.inf)
    for _ in range(k):  # each pass removes every entry equal to its group's highest: at least one
        floor = np.maximum.reduceat(left, starts)
        left[left == floor[group_of]] = -np.inf
    candidates = np.flatnonzero(z >= floor[group_of])
    order = candidates[np.lexsort((t[candidates], -z[candidates], g[candidates]))]
    first = np.r_[0, np.flatnonzero(np.diff(g[order])) + 1]
    rank = np.arange(len(order)) - np.repeat(first, np.diff(np.r_[first, len(order)]))
    return order[rank < k], rank[rank < k]


def _unique(names: list[str]) -> list[str]:
    """Names made unique in order: a second "trump / russia" becomes "trump / russia (2)"."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out
