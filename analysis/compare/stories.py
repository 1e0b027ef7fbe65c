"""Stories: documents grouped by weighted evidence that they tell one event, with a cohesion criterion.

Two reports of one event share its names and numbers (the people, places,
teams and tallies) as well as its vocabulary; two events of the same kind
(two earthquakes, two shootings) share the vocabulary but rarely the names.
So a pair's similarity weighs both, and quotes they share add to it by how
informative each is. Groups are made by average linkage: a document joins a
story only if it is, on average, close to all of its documents, so one
strong link cannot chain unrelated events together as connected components
did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform

from ..figures import MEASURE_UNIT
from ..lexicon import FUNCTION_WORDS, MONTHS, WEEKDAYS
from ..thresholds import (
    NAME_STEM,
    QUOTE_INFORMATIVE_WORDS,
    STORY_MIN_SIMILARITY,
    STORY_NAME_WEIGHT,
    UNATTRIBUTED_QUOTE_WEIGHT,
)
from .candidates import pair_dots

# A capitalised word after a word, a comma or a closing mark and a space (not a sentence's or a quotation's first), or
# a number.
# A measure's number (90 mph, 30mm, 12 metres) tells the kind of event as often as the event: it is left out.
_MEASURE_AHEAD = MEASURE_UNIT.pattern.removeprefix("^").replace(r"[\s-]*(", r"[\s-]*(?:", 1)  # no group: findall
# The first character is matched before the look-behinds that tell which it is, so that the scan skips in C from one
# capital or digit to the next.
_NAME_OR_NUMBER = re.compile(
    r"[A-Z\d](?:(?<=[\w,;)\]%”’]\s[A-Z])[\w'’-]+|(?<=\d)(?<![\w.,]\d)(?:[\d,.]*\d)?(?![\d,.]*\d)"
    rf"(?!(?i:{_MEASURE_AHEAD})))")
_SPEAKER_WORD = re.compile(r"[^\W\d_]{3,}")
_POSSESSIVE = re.compile(r"['’]s$|['’-]+$")
_CALENDAR_WORDS = frozenset(MONTHS + WEEKDAYS)  # names, but no story's: not for its label
_STORY_COLUMNS = ["id", "docs", "label", "cohesion", "evidence"]


def name_terms(sentences: list[str]) -> str:
    """The names and numbers of a document, space-joined: capitalised words that do not open a sentence or a
    quotation (and are not function words), and numbers as digits ("1,200" as "#1200") unless a measure's."""
    # One scan of all sentences (a blank line apart, so none runs into the next); lower-case words, most of a text,
    # are passed over by the pattern itself.
    found = _NAME_OR_NUMBER.findall("\n\n".join(sentences))
    return " ".join(["#" + w.replace(",", "").rstrip(".") if w[0].isdigit() else _POSSESSIVE.sub("", w)
                     for w in found if w[0].isdigit() or w.lower() not in FUNCTION_WORDS])


@dataclass(frozen=True, slots=True)
class NameVectors:
    """The documents' names as sublinear TF-IDF vectors, unit length: whole (``words``, for labels, with their
    ``vocabulary``) and by their first :data:`NAME_STEM` letters (``stems``, for similarity: "Chile" and "Chilean"
    are one). All None without any name."""

    words: sparse.csr_matrix | None
    vocabulary: np.ndarray | None
    stems: sparse.csr_matrix | None


def name_vectors(terms: list[str]) -> NameVectors:
    """:class:`NameVectors` of the documents' :func:`name_terms`, from one count of their names."""
    if not any(terms):
        return NameVectors(None, None, None)
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer  # imported late: a second's import

    vectorizer = CountVectorizer(token_pattern=r"\S+", lowercase=False)
    counts = vectorizer.fit_transform(terms)
    vocabulary = vectorizer.get_feature_names_out().astype(object)
    stem_of = pd.factorize(pd.Series([w if w.startswith("#") else w[:NAME_STEM] for w in vocabulary]))[0]
    merge = sparse.csr_matrix((np.ones(len(stem_of)), (np.arange(len(stem_of)), stem_of)),
                              shape=(len(stem_of), int(stem_of.max()) + 1))
    return NameVectors(TfidfTransformer(sublinear_tf=True).fit_transform(counts), vocabulary,
                       TfidfTransformer(sublinear_tf=True).fit_transform(counts @ merge))


def quote_weights(quotes: pd.DataFrame) -> dict[int, float]:
    """How much a quote shared by two documents says that they tell one story, per quote cluster (0 to 1).

    By its length: the shortest wording in the cluster counts, so a three-word
    fragment matched inside a long quote counts little. A phrase nobody is
    said to have said (a scare-quoted name, a slogan) counts less again, and
    words said by different people (no name in common: "We were a very close
    family", from two families) are a stock phrase, not one quote: nothing.
    """
    if not len(quotes):
        return {}
    out = {}
    speakers = quotes["speaker"].fillna("").astype(str).tolist()
    # pandas-stubs allow .str.len() on str elements only; pandas counts the words of each list too.
    lengths = quotes["text"].str.split().str.len().tolist()  # type: ignore[misc]  # pandas-stubs: see above
    members: dict[int, list[int]] = {}
    for k, cluster in enumerate(quotes["cluster"].tolist()):
        if cluster >= 0:
            members.setdefault(int(cluster), []).append(k)
    for cluster, rows in members.items():
        said = [set(_SPEAKER_WORD.findall(speakers[k].lower())) for k in rows if speakers[k]]
        weight = min(1.0, min(lengths[k] for k in rows) / QUOTE_INFORMATIVE_WORDS)
        if not said:
            weight *= UNATTRIBUTED_QUOTE_WEIGHT
        elif len(said) > 1 and not set.intersection(*said):
            weight = 0.0
        out[cluster] = weight
    return out


def pair_quote_evidence(Q: sparse.csr_matrix, weights: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per pair, the chance-style sum of its shared quotes' weights: 1 - Π(1 - w). ``Q`` is documents × clusters."""
    if not Q.shape[1] or not len(left):
        return np.zeros(len(left))
    # log(1 - w) summed over shared clusters is a weighted dot product of the pair's rows.
    logs = np.log1p(-np.minimum(weights, 0.999))
    shared = Q[left].multiply(Q[right]) @ logs
    return 1.0 - np.exp(np.asarray(shared).ravel())


def text_similarity(words: sparse.csr_matrix | None, names: sparse.csr_matrix | None,
                    rows: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
    """Cosine of content words and of names, weighed together: a dense block rows × cols (cols default rows)."""
    cols = rows if cols is None else cols
    out = np.zeros((len(rows), len(cols)))
    for X, weight in ((words, 1.0 - STORY_NAME_WEIGHT), (names, STORY_NAME_WEIGHT)):
        if X is not None:
            out += weight * (X[rows] @ X[cols].T).toarray()
    return out


def cluster_stories(n: int, left: np.ndarray, right: np.ndarray, similarity: np.ndarray,
                    words: sparse.csr_matrix | None, names: sparse.csr_matrix | None) -> tuple[np.ndarray, dict]:
    """Story labels of ``n`` documents by average linkage at :data:`STORY_MIN_SIMILARITY`, and each story's
    cohesion (the average similarity of its pairs; stories of two documents or more).

    ``similarity`` is known for the candidate pairs (``left``, ``right``),
    evidence included; any other pair within a group of linked documents is
    compared by its words and names. Average linkage merges two groups only if
    some pair across them reaches the threshold, so it runs within each
    connected part of the candidate graph at the threshold, never on all
    pairs. A part too large to compare all its pairs (near-copies by the
    thousand) is first cut at a higher similarity, step by step.
    """
    labels = np.empty(n, dtype=np.int64)
    cohesion: dict[int, float] = {}
    next_label = 0
    local = np.empty(n, dtype=np.int64)  # a document's place in the part being cut (scratch for _parts)
    parts = list(_parts(np.arange(n), np.arange(len(left)), left, right, similarity, STORY_MIN_SIMILARITY, local))
    # The pairs of all small parts are compared in one go: a product per part costs more than its few pairs.
    small = [k for k, (members, _) in enumerate(parts) if 2 < len(members) <= _SMALL_PART]
    blocks = dict(zip(small, _small_blocks([parts[k][0] for k in small], words, names)))
    for k, (members, known) in enumerate(parts):
        if len(members) <= 2:
            # One document is its own story; two make a part only through a pair at the threshold: one story.
            labels[members] = next_label
            if len(members) == 2:
                cohesion[next_label] = float(similarity[known].max())
            next_label += 1
            continue
        position = {d: k for k, d in enumerate(members.tolist())}
        S = blocks.pop(k) if k in blocks else text_similarity(words, names, members)
        a = np.fromiter((position[d] for d in left[known].tolist()), dtype=np.int64, count=len(known))
        b = np.fromiter((position[d] for d in right[known].tolist()), dtype=np.int64, count=len(known))
        S[a, b] = S[b, a] = np.maximum(similarity[known], S[a, b])
        D = np.clip(1.0 - S, 0.0, None)
        np.fill_diagonal(D, 0.0)
        found = fcluster(linkage(squareform(D, checks=False), "average"), 1.0 - STORY_MIN_SIMILARITY, "distance") - 1
        for story in range(int(found.max()) + 1):
            idx = np.flatnonzero(found == story)
            if len(idx) > 1:
                block = S[np.ix_(idx, idx)]
                cohesion[next_label + story] = float(block[np.triu_indices(len(idx), 1)].mean())
        labels[members] = found + next_label
        next_label += int(found.max()) + 1
    return labels, cohesion


def _small_blocks(parts: list[np.ndarray], words: sparse.csr_matrix | None,
                  names: sparse.csr_matrix | None) -> list[np.ndarray]:
    """:func:`text_similarity` of each small part with itself."""
    if not parts:
        return []
    tri = [np.triu_indices(len(m), 1) for m in parts]
    a = np.concatenate([m[i] for m, (i, _) in zip(parts, tri)])
    b = np.concatenate([m[j] for m, (_, j) in zip(parts, tri)])
    sims = np.zeros(len(a))
    for X, weight in ((words, 1.0 - STORY_NAME_WEIGHT), (names, STORY_NAME_WEIGHT)):
        if X is not None:
            sims += weight * pair_dots(X, a, b)
    out, at = [], 0
    for m, (i, j) in zip(parts, tri):
        S = np.eye(len(m))
        S[i, j] = S[j, i] = sims[at : at + len(i)]
        out.append(S)
        at += len(i)
    return out


_SMALL_PART = 64
_DENSE_MAX = 3000  # documents whose pairs are all compared at once (72 MB of similarities)
_CUT_STEP = 0.05


def _parts(members: np.ndarray, pairs: np.ndarray, left: np.ndarray, right: np.ndarray, similarity: np.ndarray,
           floor: float, local: np.ndarray):
    """The connected parts of ``members`` linked by ``pairs`` at ``floor`` or more, each with its pairs; a part of
    more than ``_DENSE_MAX`` documents is cut again at a higher floor."""
    strong = pairs[similarity[pairs] >= floor]
    local[members] = np.arange(len(members))
    graph = sparse.coo_matrix((np.ones(len(strong)), (local[left[strong]], local[right[strong]])),
                              shape=(len(members), len(members)))
    _, part = connected_components(graph, directed=False)
    pair_part = part[local[left[pairs]]]
    same = pair_part == part[local[right[pairs]]]
    pairs, pair_part = pairs[same], pair_part[same]
    by_pair = np.argsort(pair_part, kind="stable")
    pairs, pair_part = pairs[by_pair], pair_part[by_pair]
    order = np.argsort(part, kind="stable")
    bounds = np.flatnonzero(np.r_[True, part[order][1:] != part[order][:-1], True])
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        inside = members[order[start:end]]
        p = part[order[start]]
        known = pairs[np.searchsorted(pair_part, p, "left") : np.searchsorted(pair_part, p, "right")]
        if len(inside) > _DENSE_MAX and floor < 1.0:
            yield from _parts(inside, known, left, right, similarity, floor + _CUT_STEP, local)
        else:
            yield inside, known


def story_table(doc_ids: list[str], labels: np.ndarray, cohesions: dict[int, float], names: sparse.csr_matrix | None,
                name_vocabulary: np.ndarray | None, Q: sparse.csr_matrix, F: sparse.csr_matrix,
                copies: pd.DataFrame) -> pd.DataFrame:
    """One row per story, the largest first, then by its first document: its documents, a label (the names most of
    its documents carry), its cohesion (the average similarity of its pairs) and the evidence that holds it."""
    n, ids = len(doc_ids), np.asarray(doc_ids, dtype=object)
    index = {d: k for k, d in enumerate(doc_ids)}
    n_stories = int(labels.max(initial=-1)) + 1
    G = sparse.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(n_stories, n))  # stories × documents
    shared_quotes, shared_figures = ((G @ (M > 0).astype(float) >= 2).sum(axis=1).A.ravel().astype(int)
                                     if M.shape[1] else np.zeros(n_stories, dtype=int) for M in (Q, F))
    copies_in = np.zeros(n_stories, dtype=np.int64)  # copies whose source is in their story
    if len(copies):
        doc, source = (labels[[index[d] for d in copies[c].tolist()]] for c in ("doc", "source"))
        np.add.at(copies_in, doc[doc == source], 1)
    if names is not None:
        weight, carried = (G @ names).tocsr(), (G @ (names > 0).astype(float)).tocsr()
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1], True])
    rows: list[tuple[list[str], str, float | None, str]] = []
    for start, end in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        members = order[start:end]
        docs = ids[members].tolist()
        if len(members) == 1:
            rows.append((docs, "", None, ""))
            continue
        story = int(labels[members[0]])
        cohesion = cohesions[story]
        label = (_story_label(weight, carried, name_vocabulary, story, len(members))
                 if names is not None and name_vocabulary is not None else "")  # both None without names (NameVectors)
        bits = [f"average similarity {cohesion:.2f}"]
        if label:
            bits.append(f"names in common: {label.replace(' / ', ', ')}")
        for count, one, many in ((shared_quotes[story], "shared quote", "shared quotes"),
                                 (shared_figures[story], "shared figure", "shared figures"),
                                 (copies_in[story], "copy", "copies")):
            if count:
                bits.append(f"{count} {one if count == 1 else many}")
        rows.append((docs, label, round(cohesion, 3), "; ".join(bits)))
    rows.sort(key=lambda r: (-len(r[0]), index[r[0][0]]))
    return pd.DataFrame([(k, *r) for k, r in enumerate(rows)], columns=_STORY_COLUMNS)


def _story_label(weight: sparse.csr_matrix, carried: sparse.csr_matrix, vocabulary: np.ndarray, story: int,
                 size: int) -> str:
    """The three names (not numbers, days or months) that half the story's documents or more carry (two at least),
    by their summed weight."""
    lo, hi = weight.indptr[story], weight.indptr[story + 1]
    terms, summed = weight.indices[lo:hi], weight.data[lo:hi]
    counts = carried[story].toarray().ravel()[terms]
    held = (counts * 2 >= size) & (counts >= 2)
    best = [terms[k] for k in np.argsort(-summed, kind="stable").tolist() if held[k]]
    return " / ".join([vocabulary[t] for t in best if not vocabulary[t].startswith("#")
                       and vocabulary[t].lower() not in _CALENDAR_WORDS][:3])
