"""Comparison across outlets: shared quotes and figures, same-story groups and who copied whom.

Similarity is built from evidence that survives rewording: quotes carried
over (quotes are rarely rewritten, even by synonym spinners), figures about
the same thing, and sentence alignment. A synonym-spun copy is a document
whose sentences line up one-to-one with another's while many single words
are swapped; its side of each swap uses the rarer words in the corpus.
"""

from __future__ import annotations

import operator
import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from cydifflib import SequenceMatcher
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .figures import figure_context
from .topics import split_joined

__all__ = [
    "CodedNarratives",
    "DocumentFeatures",
    "candidate_pairs",
    "code_narratives",
    "compare_documents",
    "document_features",
    "format_value",
    "frame",
    "group_figures",
    "match_quotes",
    "normalize_words",
    "serial_map",
    "word_diff",
    "word_neighbours",
    "WordPairs",
]

_WORDS = re.compile(r"[\w]+(?:['’][\w]+)?")


def normalize_words(s: str) -> list[str]:
    return _WORDS.findall(s.lower().replace("’", "'"))


@lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    return " ".join(normalize_words(word))


def _edited_regions(a: Sequence, b: Sequence) -> list[tuple[int, int, int, int]]:
    """What lies between the runs of equal words of ``a`` and ``b`` (lists of words, or sentences coded by
    :func:`code_narratives`): (i1, i2, j1, j2), where
    ``a[i1:i2]`` became ``b[j1:j2]`` (a replacement, or with one side empty a deletion or an insertion).

    The non-equal opcodes difflib would give where its blocks agree. The longest
    common subsequence comes from rapidfuzz (C++, a hundred times faster than
    difflib); it agrees with difflib's longest-block matching on most sentences.
    Used where many sentence pairs are compared; the diffs shown to readers keep
    difflib, whose blocks read better.
    """
    out = []
    i = j = 0  # where the last run of equal words ended
    for block in Indel.opcodes(a, b).as_matching_blocks():  # the last block is empty, at the ends of a and b
        if block.a > i or block.b > j:
            out.append((i, block.a, j, block.b))
        i, j = block.a + block.size, block.b + block.size
    return out


def word_diff(a: str, b: str) -> tuple[str, list[dict]]:
    """Word-level differences from ``a`` to ``b``: a readable line and the edit operations."""
    wa, wb = a.split(), b.split()
    # Compare words without case or punctuation, but show them as written.
    parts, ops = [], []
    # cydifflib: difflib's algorithm and results (any difference is a bug to its authors), compiled: twice as fast.
    sm = SequenceMatcher(a=[_word_key(w) for w in wa], b=[_word_key(w) for w in wb], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            parts.append(" ".join(wa[i1:i2]))
            continue
        old, new = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        ops.append({"op": tag, "from": old, "to": new})
        if old:
            parts.append(f"[-{old}-]")
        if new:
            parts.append(f"{{+{new}+}}")
    return " ".join(p for p in parts if p), ops


def _incidence(features: list) -> sparse.csr_matrix:
    """A 0/1 items × features matrix from the distinct hashable features of each item."""
    flat = [f for feats in features for f in feats]
    cols, vocab = pd.factorize(pd.Series(flat, dtype=object)) if flat else (np.zeros(0, dtype=np.int64), [])
    rows = np.repeat(np.arange(len(features)), [len(feats) for feats in features])
    return sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(len(features), len(vocab)))


def serial_map(func: Callable, chunks: list, **shared) -> list:
    """``func(chunk, **shared)`` for every chunk, here and in order: one machine's way to run the chunked steps.

    A Dask client runs the same chunks on a cluster instead (:mod:`analysis.dask_engine`).
    """
    return [func(chunk, **shared) for chunk in chunks]


def candidate_pairs(features: list[set] | sparse.spmatrix, *, blocks: list | None = None, max_df: int = 200,
                    top_k: int = 20, map_chunks: Callable = serial_map) -> list[tuple[int, int, int]]:
    """Pairs of items (i < j) that share features, with how many: the candidates to compare closely.

    ``features`` is a set of hashable features per item, or a sparse matrix
    with one row per item. Features carried by more than ``max_df`` items say
    nothing (a phrase everybody uses) and are ignored. Each item keeps the
    ``top_k`` later items sharing the most features with it, so the cost grows
    with the number of items, not with all pairs. Items in the same block (the
    same document) are never paired when ``blocks`` is given. The work is done
    in blocks of items, run by ``map_chunks`` (see :func:`serial_map`).
    """
    r, c, v = _candidate_arrays(features, blocks=blocks, max_df=max_df, top_k=top_k, map_chunks=map_chunks)
    return list(zip(r.tolist(), c.tolist(), v.tolist()))


_CANDIDATE_BLOCK_ROWS = 5_000  # items whose shared features are counted at once: bounds the memory it takes
_CANDIDATE_MIN_BLOCKS = 4  # a few thousand items still make blocks enough to share among a few workers
_CANDIDATE_MIN_BLOCK_ROWS = 500  # below this a block costs more to send than to compute
_TOP_K_BINS = 64  # shared counts told apart when finding what may be in an item's top_k


def _candidate_arrays(features: list[set] | sparse.spmatrix, *, blocks: list | None = None, max_df: int = 200,
                      top_k: int = 20, map_chunks: Callable = serial_map) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`candidate_pairs` as arrays of items, partners and shared counts, sorted by item and partner."""
    empty = (np.zeros(0, dtype=np.int64),) * 3
    if sparse.issparse(features):
        M = sparse.csr_matrix(features, dtype=np.int32)
        M.data[:] = 1
    else:
        M = _incidence(features)
    if M.nnz == 0:
        return empty
    df = np.bincount(M.indices, minlength=M.shape[1])
    M = M[:, np.flatnonzero((df >= 2) & (df <= max_df))]
    codes = pd.factorize(pd.Series(blocks, dtype=object))[0] if blocks is not None else None
    n = M.shape[0]
    rows = min(_CANDIDATE_BLOCK_ROWS, max(_CANDIDATE_MIN_BLOCK_ROWS, -(-n // _CANDIDATE_MIN_BLOCKS)))
    spans = [(lo, min(lo + rows, n)) for lo in range(0, n, rows)]
    parts = map_chunks(_candidate_block, spans, M=M, codes=codes, top_k=top_k)
    return tuple(np.concatenate(arrays) for arrays in zip(*parts)) if parts else empty


def _candidate_block(span: tuple[int, int], *, M: sparse.csr_matrix, codes: np.ndarray | None,
                     top_k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidates of items ``span[0]`` to ``span[1] - 1``: their ``top_k`` later partners."""
    lo, hi = span
    # Partners come later than the item, so only items from lo on can be partners.
    shared = (M[lo:hi] @ M[lo:].T).tocoo()
    r, c, v = shared.row.astype(np.int64) + lo, shared.col.astype(np.int64) + lo, shared.data.astype(np.int64)
    keep = c > r
    if codes is not None:
        keep &= codes[r] != codes[c]
    r, c, v = r[keep], c[keep], v[keep]
    if len(r) == 0:
        return (np.zeros(0, dtype=np.int64),) * 3
    # Only what can be among an item's top_k is sorted: its entries sharing at least as many features as its
    # top_k-th. That count comes from a histogram per item; counts of _TOP_K_BINS or more share its last bin,
    # which keeps more entries, never fewer. Sorting every entry cost four times as much as the rest.
    binned = np.minimum(v, _TOP_K_BINS - 1)
    hist = np.bincount((r - lo) * _TOP_K_BINS + binned, minlength=(hi - lo) * _TOP_K_BINS).reshape(hi - lo, -1)
    at_least = np.cumsum(hist[:, ::-1], axis=1)[:, ::-1]  # per item: its entries sharing each count or more
    floor = np.maximum((at_least >= top_k).sum(axis=1) - 1, 0)
    keep = binned >= floor[r - lo]
    r, c, v = r[keep], c[keep], v[keep]
    # By item, then most shared features, then partner: one sort of a single key (faster than three).
    n, vmax = M.shape[0], int(v.max())
    key_fits = n * n * (vmax + 1) < 2**62  # always, short of a hundred million items
    order = np.argsort((r * (vmax + 1) + (vmax - v)) * n + c) if key_fits else np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    first = np.r_[0, np.flatnonzero(np.diff(r)) + 1]
    rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)]))
    keep = rank < top_k
    r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, r))
    return r[order], c[order], v[order]


# --- per-document features -----------------------------------------------------


@dataclass(slots=True)
class DocumentFeatures:
    """What the comparison needs from one document, made with its extraction (in parallel, cached).

    Words are normalised (:func:`normalize_words`) and space-joined: cheap to
    send between processes and to store.
    """

    narrative: list[str]  # body sentences with their quotations cut out
    narrative_words: str  # the distinct words of the narrative
    quote_words: list[str]  # per quote
    figure_stems: list[str]  # per figure: stems of the words around it
    figure_classes: list[tuple[str, str]]  # per figure: classes of counted things in its sentence, in its subject


def document_features(text: str, body_sentences: list[tuple[int, int]], quotes: list[tuple[int, int]],
                      figures: list[tuple[int, int, int, int, str]]) -> DocumentFeatures:
    """Features of one document: ``quotes`` are (start, end) spans, ``figures`` are (start, end,
    sentence_start, sentence_end, subject)."""
    narrative = [" ".join(normalize_words(s)) for s in _narrative_sentences(text, body_sentences, quotes)]
    distinct = " ".join(dict.fromkeys(" ".join(narrative).split()))
    quote_words = [" ".join(normalize_words(text[a:b])) for a, b in quotes]
    contexts: dict[str, tuple[str, str]] = {}  # many figures share a sentence: read it once
    stems, classes = [], []
    for start, end, s0, s1, subject in figures:
        context = figure_context(text, start, end, s0, s1)
        if context not in contexts:
            words = normalize_words(context)
            contexts[context] = " ".join(sorted(_stems(words))), " ".join(sorted(_classes(words)))
        context_stems, context_classes = contexts[context]
        stems.append(context_stems)
        classes.append((context_classes, " ".join(sorted(_classes(normalize_words(subject or ""))))))
    return DocumentFeatures(narrative, distinct, quote_words, stems, classes)


# --- quotes -----------------------------------------------------------------

_MIN_QUOTE_WORDS = 3
# partial_ratio slides the shorter text along the longer, so its cost grows with the product of their lengths:
# seconds a pair once both pass a few thousand characters (a transcript, or a stray quote mark that ran on to the
# end of an article). Past this length it compares words instead of characters: a sixth of the length, scores
# within a point or two, a hundred times faster.
_PARTIAL_MAX_CHARS = 1000


def match_quotes(quotes: pd.DataFrame, words: list[str] | None = None, *,
                 map_chunks: Callable = serial_map) -> tuple[pd.DataFrame, pd.Series]:
    """Pairs of quotes in different documents that are the same quotation.

    ``words`` holds each quote's normalised words, space-joined (made from
    the texts when not given). Candidates share a word trigram (see
    :func:`candidate_pairs`); a pair matches when the texts are near-identical
    or one is a truncation of the other. Returns the pairs and, for every
    quote, the id of its cluster of matching quotes.
    """
    n = len(quotes)
    joined = words if words is not None else [" ".join(normalize_words(t)) for t in quotes["text"]]
    trigrams = _trigram_matrix(joined)
    docs = quotes["doc"].tolist()
    a, b, shared = _candidate_arrays(trigrams, blocks=docs, map_chunks=map_chunks)
    # Near-identical texts keep most of the shorter one's trigrams; cheap to check first, for all pairs at once.
    sizes = np.diff(trigrams.indptr)
    close = shared >= 0.2 * np.minimum(sizes[a], sizes[b])
    a, b = a[close], b[close]
    # The same words (a quote carried over unchanged, the usual case) match without scoring.
    text_code = pd.factorize(pd.Series(joined, dtype=object))[0] if n else np.zeros(0, dtype=np.int64)
    identical = text_code[a] == text_code[b]
    # The others are scored all at once, on every CPU; each pair of distinct texts once, since copies of an
    # article carry the same quotes (both scores are symmetric).
    other = np.flatnonzero(~identical)
    n_texts = int(text_code.max()) + 1 if n else 1
    low, high = np.minimum(text_code[a[other]], text_code[b[other]]), np.maximum(text_code[a[other]], text_code[b[other]])
    distinct_pairs, pair_of = np.unique(low * n_texts + high, return_inverse=True)
    text_of_code = np.empty(n_texts, dtype=object)
    text_of_code[text_code] = joined
    left, right = text_of_code[distinct_pairs // n_texts].tolist(), text_of_code[distinct_pairs % n_texts].tolist()
    ratio = _scores(left, right, fuzz.ratio)
    # Truncation is looked for when both sides have four words or more: in characters, or in words for long texts.
    fewest_words = np.fromiter((min(sa.count(" "), sb.count(" ")) + 1 for sa, sb in zip(left, right)), dtype=np.int64,
                               count=len(left))
    chars = np.fromiter((min(len(sa), len(sb)) for sa, sb in zip(left, right)), dtype=np.int64, count=len(left))
    partial = np.zeros(len(left))
    by_chars = np.flatnonzero((fewest_words >= 4) & (chars <= _PARTIAL_MAX_CHARS))
    partial[by_chars] = _partial_scores([left[k] for k in by_chars], [right[k] for k in by_chars], ratio[by_chars])
    by_words = np.flatnonzero(chars > _PARTIAL_MAX_CHARS)
    partial[by_words] = _partial_scores([left[k].split() for k in by_words], [right[k].split() for k in by_words],
                                        ratio[by_words])
    truncated = np.fromiter((sa in sb or sb in sa for sa, sb in zip(left, right)), dtype=bool, count=len(left))
    accepted = identical.copy()
    score = np.where(identical, 1.0, 0.0)
    kind = np.where(identical, "identical", "").astype(object)
    matched = (ratio >= 80) | (partial >= 92)
    hits = np.flatnonzero(matched[pair_of])
    k, u = other[hits], pair_of[hits]
    accepted[k] = True
    score[k] = np.round(np.maximum(ratio[u], partial[u]) / 100, 3)
    kind[k] = np.where(truncated[u] | ((partial[u] >= 92) & (ratio[u] < 80)), "truncated", "reworded")
    # A readable diff of each distinct pair of texts as written, in chunks the worker processes share.
    texts = quotes["text"].tolist()
    written = pd.factorize(pd.Series(texts, dtype=object))[0] if n else np.zeros(0, dtype=np.int64)
    n_written = int(written.max()) + 1 if n else 1
    diff_pairs, diff_of = np.unique(written[a[k]] * n_written + written[b[k]], return_inverse=True)
    text_of_written = np.empty(n_written, dtype=object)
    text_of_written[written] = texts
    jobs = list(zip(text_of_written[diff_pairs // n_written].tolist(), text_of_written[diff_pairs % n_written].tolist()))
    chunks = [jobs[lo : lo + _DIFF_CHUNK_PAIRS] for lo in range(0, len(jobs), _DIFF_CHUNK_PAIRS)]
    lines = pa.array(["", *(line for part in map_chunks(_diff_chunk, chunks) for line in part)], type=pa.string())
    line_of = np.zeros(len(a), dtype=np.int64)  # line 0 is empty: identical texts have no diff
    line_of[k] = diff_of + 1
    a, b, score, kind, line_of = a[accepted], b[accepted], score[accepted], kind[accepted], line_of[accepted]
    speaker = np.asarray(quotes["speaker"].tolist(), dtype=object)
    lower = np.asarray([s.lower() for s in speaker], dtype=object)
    # Each quote's strings go to Arrow once and are gathered there for each pair, not converted pair by pair.
    doc_of, id_of, speaker_of, text_of = (pa.array(values, type=pa.string()) for values in
                                          (docs, quotes["id"].tolist(), speaker.tolist(), texts))
    ia, ib = pa.array(a, type=pa.int64()), pa.array(b, type=pa.int64())
    matches = frame({
        "a_doc": doc_of.take(ia), "a_quote": id_of.take(ia), "b_doc": doc_of.take(ib), "b_quote": id_of.take(ib),
        "score": score, "kind": kind, "speaker_a": speaker_of.take(ia), "speaker_b": speaker_of.take(ib),
        "speaker_changed": (speaker[a] != "") & (speaker[b] != "") & (lower[a] != lower[b]),
        "diff": lines.take(pa.array(line_of, type=pa.int64())), "a_text": text_of.take(ia), "b_text": text_of.take(ib),
    })
    # Clusters of matching quotes, numbered in the order of their first quote.
    _, component = connected_components(sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    first = np.full(component.max() + 1 if n else 0, n)
    np.minimum.at(first, component, np.arange(n))
    cluster = np.argsort(np.argsort(first, kind="stable"), kind="stable")[component] if n else np.zeros(0, dtype=int)
    return matches, pd.Series(cluster, index=quotes.index)


_DIFF_CHUNK_PAIRS = 5_000  # pairs of quotes whose diffs are written in one chunk


def frame(columns: dict[str, Sequence]) -> pd.DataFrame:
    """``pd.DataFrame(columns)`` for columns of plain values (strings, numbers, None) or Arrow arrays, built
    through Arrow.

    The same frame; where pandas keeps strings in Arrow (pandas 3) it is made
    several times faster, since the strings are not converted one by one.
    """
    if not len(next(iter(columns.values()), ())):
        return pd.DataFrame({name: np.asarray(values.to_pylist(), dtype=object) if isinstance(values, pa.Array) else values
                             for name, values in columns.items()})
    return pa.table({name: values if isinstance(values, pa.Array) else pa.array(values)
                     for name, values in columns.items()}).to_pandas()


def _trigram_matrix(joined: list[str]) -> sparse.csr_matrix:
    """Texts × word trigrams, 1 where the text (space-joined words) has the trigram.

    Words become integer codes and each trigram a code made of its words' codes,
    for all texts at once: no string is built per trigram.
    """
    # Arrow codes the words in C++ (codes in order of first appearance, as pd.factorize gives).
    lengths, flat = split_joined(joined)
    coded = pc.dictionary_encode(flat)
    codes, vocabulary = coded.indices.to_numpy().astype(np.int64), coded.dictionary
    owner = np.repeat(np.arange(len(joined)), lengths)
    position = np.arange(len(codes)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    # A trigram starts here (texts shorter than _MIN_QUOTE_WORDS have none).
    first = np.flatnonzero((position <= lengths[owner] - 3) & (lengths[owner] >= _MIN_QUOTE_WORDS))
    if not len(first):
        return sparse.csr_matrix((len(joined), 0), dtype=np.int32)
    # Pairs of words coded first, then pairs and third words: codes stay far below 2**63 however large the corpus.
    n_words = len(vocabulary)
    pair = pd.factorize(codes[first] * n_words + codes[first + 1])[0]
    trigram, _ = pd.factorize(pair * n_words + codes[first + 2])
    matrix = sparse.csr_matrix((np.ones(len(first), dtype=np.int32), (owner[first], trigram)),
                               shape=(len(joined), int(trigram.max()) + 1))
    matrix.sum_duplicates()
    matrix.data[:] = 1
    return matrix


def _diff_chunk(pairs: list[tuple[str, str]]) -> list[str]:
    return [word_diff(x, y)[0] for x, y in pairs]


def _scores(left: list, right: list, scorer: Callable, score_cutoff: float | None = None) -> np.ndarray:
    """``scorer`` of each pair ``left[k]``, ``right[k]``, on every CPU (0 below ``score_cutoff``)."""
    return process.cpdist(left, right, scorer=scorer, score_cutoff=score_cutoff, workers=-1) if left else np.zeros(0)


def _partial_scores(left: list, right: list, ratio: np.ndarray) -> np.ndarray:
    """``fuzz.partial_ratio`` of each pair where it can decide the match or its score, else 0.

    A pair whose ratio is below 80 matches on a partial ratio of 92 or more;
    one of 80 or more matches anyway, and scores the larger of the two. So
    each pair is scored with a cutoff (92, or its ratio rounded down), below
    which rapidfuzz gives 0 and may stop early: the matches and their scores
    are those of the full scores, in about three quarters of the time.
    """
    cutoff = np.where(ratio < 80, 92.0, np.floor(ratio))
    out = np.zeros(len(left))
    for value in np.unique(cutoff).tolist():
        rows = np.flatnonzero(cutoff == value)
        out[rows] = _scores([left[k] for k in rows], [right[k] for k in rows], fuzz.partial_ratio, value)
    return out


# --- figures ----------------------------------------------------------------

# Words for the same counted thing, as news writes them.
_CLASSES = {
    "casualties": "killed kill dead death deaths died die losses loss casualties casualty fatalities "
                  "wounded injured toll bodies body",
    "people": "soldiers soldier troops troop troopers trooper servicemen serviceman personnel men people "
              "fighters reservists conscripts draftees recruits civilians residents persons",
    "detained": "arrested detained held holding imprisoned jailed captured prisoners detainees",
    "displaced": "fled displaced refugees evacuated homeless",
}
_CLASS_BIT = {c: 1 << k for k, c in enumerate(_CLASSES)}
_TALLY_BITS = _CLASS_BIT["casualties"] | _CLASS_BIT["people"]
_PRONOUNS = {"them", "they", "it", "those", "these", "us", "we"}
_CLASS_OF = {w: c for c, words in _CLASSES.items() for w in words.split()}
_STOP = frozenset(
    ["the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "that", "this", "with", "from", "by", "as", "is", "was", "were", "are", "be", "been", "has", "have", "had", "it", "its", "their", "his", "her", "they", "he", "she", "we", "you", "i", "not", "no", "more", "than", "about", "over", "up", "some"]
)


def _stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if w not in _STOP and not w.isdigit() and len(w) > 2}


def _classes(words: list[str]) -> set[str]:
    return {_CLASS_OF[w] for w in words if w in _CLASS_OF}


# A stem around more figures than this ("people", "year") does not by itself make two of them candidates.
_FIGURE_MAX_DF = 50


def group_figures(figures: pd.DataFrame, stems: list[str], classes: list[tuple[str, str]], *,
                  map_chunks: Callable = serial_map) -> tuple[pd.DataFrame, pd.Series]:
    """Group figures about the same thing across documents; flag groups whose values disagree.

    ``stems`` and ``classes`` are each figure's from :func:`document_features`.
    Two figures from different documents are linked when they are of the same
    kind and either their sentences share much of their vocabulary or both
    count the same class of thing (deaths and losses, troops and soldiers) in
    the same role. The rules run on all candidate pairs at once.
    """
    cols = ["group", "docs", "values", "n_figures", "disagree", "label", "figures"]
    n = len(figures)
    # Few distinct sets of classes: each turned into bits once.
    mask = {names: sum(_CLASS_BIT[c] for c in names.split()) for names in {x for pair in classes for x in pair}}
    sent_mask = np.fromiter((mask[c] for c, _ in classes), dtype=np.int64, count=n)
    subj_mask = np.fromiter((mask[c] for _, c in classes), dtype=np.int64, count=n)
    kinds, docs = figures["kind"].tolist(), figures["doc"].tolist()
    doc_code = pd.factorize(pd.Series(docs, dtype=object))[0]
    value, high = figures["value"].to_numpy(dtype=float), figures["high"].to_numpy(dtype=float)
    S = _incidence([s.split() for s in stems])
    # Every rule below needs shared vocabulary (a Jaccard floor), so candidates share a stem; and a kind.
    a_parts, b_parts, shared_parts = [], [], []
    for rows in pd.Series(np.arange(n)).groupby(np.asarray(kinds, dtype=object), sort=True).groups.values():
        rows = np.sort(np.asarray(rows))
        S_kind = S[rows]
        r, c, v = _candidate_arrays(S_kind, max_df=_FIGURE_MAX_DF, map_chunks=map_chunks)
        # The candidates' shared stems are counted on stems around 2 to _FIGURE_MAX_DF figures of the kind;
        # a stem around one figure is shared by none, so the more common stems are all that is left to add.
        common = S_kind[:, np.flatnonzero(np.bincount(S_kind.indices, minlength=S.shape[1]) > _FIGURE_MAX_DF)]
        a_parts.append(rows[r])
        b_parts.append(rows[c])
        shared_parts.append(v + _pair_dots(common, r, c))
    a = np.concatenate(a_parts) if a_parts else np.zeros(0, dtype=np.int64)
    b = np.concatenate(b_parts) if b_parts else np.zeros(0, dtype=np.int64)
    shared = np.concatenate(shared_parts) if shared_parts else np.zeros(0)
    sizes = np.asarray(S.sum(axis=1)).ravel()
    union = sizes[a] + sizes[b] - shared
    jacc = np.divide(shared, union, out=np.zeros(len(a)), where=union > 0)
    # Deaths, losses and troops killed are one tally, even within one article.
    tally = lambda x: ((sent_mask[x] & _CLASS_BIT["casualties"]) > 0) & ((subj_mask[x] & _TALLY_BITS) > 0)
    casualty = tally(a) & tally(b)
    same_thing = ((subj_mask[a] & subj_mask[b]) != 0) | ((subj_mask[a] | subj_mask[b]) == 0)
    same_value = (value[a] == value[b]) & ((high[a] == high[b]) | (np.isnan(high[a]) & np.isnan(high[b])))
    across = ((jacc >= 0.3) & same_thing) | casualty | (same_value & (jacc >= 0.2))
    link = (jacc >= 0.1) & np.where(doc_code[a] == doc_code[b], casualty, across)
    graph = sparse.coo_matrix((np.ones(int(link.sum())), (a[link], b[link])), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    group = np.full(n, -1, dtype=int)
    subject_list, id_list = figures["subject"].fillna("").astype(str).tolist(), figures["id"].astype(str).tolist()
    rows = []
    gid = 0
    order = np.argsort(component, kind="stable")  # members of a component together, in figure order
    bounds = np.flatnonzero(np.r_[True, np.diff(component[order]) != 0, True])
    linked = [order[lo:hi].tolist() for lo, hi in zip(bounds[:-1], bounds[1:]) if hi - lo >= 2]
    for members in sorted(linked, key=lambda m: m[0]):
        group_docs = sorted({docs[m] for m in members})
        if len(group_docs) < 2:
            continue
        vals = sorted({format_value(value[m], high[m]) for m in members})
        subjects = Counter(subject_list[m] for m in members if subject_list[m] and subject_list[m].lower() not in _PRONOUNS)
        label = subjects.most_common(1)[0][0] if subjects else kinds[members[0]]
        group[members] = gid
        rows.append((gid, group_docs, vals, len(members), len(vals) > 1, label, [id_list[m] for m in members]))
        gid += 1
    return pd.DataFrame(rows, columns=cols), pd.Series(group, index=figures.index)


def format_value(low: float, high: float | None) -> str:
    """A figure's value as a reader writes it: 22,000 or 60–70."""
    f = lambda x: f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    return f"{f(low)}–{f(high)}" if high is not None and not pd.isna(high) else f(low)


# --- documents --------------------------------------------------------------


@dataclass(slots=True)
class _DocView:
    id: str
    narrative: list[str]  # sentences with quotations removed
    n_quotes: int
    n_figures: int


def _narrative_sentences(text: str, sentences: list[tuple[int, int]], quote_spans: list[tuple[int, int]]) -> list[str]:
    """The sentences with the quotations cut out, those of six words or more."""
    spans = sorted(quote_spans)
    starts = [qs for qs, _ in spans]
    reach = list(accumulate((qe for _, qe in spans), max))  # the furthest end of any span so far
    out = []
    for s, e in sentences:
        parts, cur = [], s
        # Only the spans that can overlap the sentence: from the first whose reach passes its start.
        for k in range(bisect_right(reach, s), bisect_left(starts, e)):
            qs, qe = spans[k]
            if qe <= s:
                continue
            parts.append(text[cur:max(cur, qs - 1)])
            cur = min(e, qe + 1)
        parts.append(text[cur:e])
        words = " ".join(parts).split()
        if len(words) >= 6:
            out.append(" ".join(words))
    return out


# A sentence lines up with its best match in the other document when half their words or more line up in order
# (rapidfuzz's ratio on words: twice the words in common, in order, over the words of both); 95 or more is verbatim,
# about a word in twenty changed. Words, not characters: unrelated sentences of one language share letters enough
# to score 40 to 55 on characters, but 15 to 35 on words, so the threshold sits well clear of them.
_ALIGNED_SCORE = 50
_VERBATIM_SCORE = 95
_FIRST_WORD_CODE = 0x10000  # past the Basic Multilingual Plane: no surrogates, and a million codes
_WORD_CODES = sys.maxunicode + 1 - _FIRST_WORD_CODE


@dataclass(frozen=True, slots=True)
class CodedNarratives:
    """Each document's narrative sentences with every word coded (:func:`code_narratives`), and how many
    documents' narratives hold each word, by code."""

    sentences: list[list[str | tuple[int, ...]]]
    df: list[int]


def code_narratives(narratives: list[list[str]], narrative_words: list[str] | None = None) -> CodedNarratives:
    """The narratives (each document's normalised sentences, :class:`DocumentFeatures`) with every word coded as
    one character, the same word as the same character; ``narrative_words`` are each one's distinct words when
    already known.

    rapidfuzz scores such strings as it scores the lists of words, three to four times faster than lists or the
    sentences' own characters. With more distinct words than there are characters, each sentence is a tuple of
    its words' codes instead: the same scores, more slowly.
    """
    if narrative_words is None:
        narrative_words = [" ".join(dict.fromkeys(w for sentence in narr for w in sentence.split())) for narr in narratives]
    distinct = list(dict.fromkeys(sentence for narr in narratives for sentence in narr))
    lengths, flat = split_joined(distinct)
    coded = pc.dictionary_encode(flat)
    codes, words = coded.indices.to_numpy().astype(np.int64), coded.dictionary
    # Each word's document frequency: its count among the documents' distinct words (Arrow counts in C++).
    counted = pc.value_counts(split_joined(narrative_words)[1])
    at = pc.index_in(counted.field(0), value_set=words).to_numpy(zero_copy_only=False)
    known = ~np.isnan(at.astype(float))
    df = np.zeros(len(words), dtype=np.int64)
    df[at[known].astype(np.int64)] = counted.field(1).to_numpy()[known]
    ends = np.cumsum(lengths)
    spans = list(map(slice, (ends - lengths).tolist(), ends.tolist()))
    if len(words) <= _WORD_CODES:
        chars = (codes.astype("<u4") + _FIRST_WORD_CODE).tobytes().decode("utf-32-le")
        code_of = dict(zip(distinct, map(chars.__getitem__, spans)))
    else:
        as_ints = codes.tolist()
        code_of = {sentence: tuple(as_ints[span]) for sentence, span in zip(distinct, spans)}
    return CodedNarratives([[code_of[sentence] for sentence in narr] for narr in narratives], df.tolist())


_NO_ALIGNMENT = {"aligned": 0.0, "verbatim": 0.0, "spun": 0.0, "spun_sentences": 0, "rarity": 0.0}
_ALIGN_BATCH_CELLS = 2_000_000  # sentence pairs scored in one call (16 MB of scores)


def _alignments(narratives: Mapping[int, list] | list[list], jobs: list[tuple[int, int]],
                df: list[int]) -> dict[tuple[int, int], dict]:
    """The alignment of each (short, long) document pair in ``jobs``; ``narratives`` holds their sentences, coded
    (:class:`CodedNarratives`), and ``df`` each word's document frequency by code.

    A document's sentences are scored against all its partners' sentences in
    one call (one call per pair costs more than the scoring), and each
    partner's best matches are read from that matrix all at once.
    """
    by_short: dict[int, list[int]] = defaultdict(list)
    for short, long_ in jobs:
        by_short[short].append(long_)
    out: dict[tuple[int, int], dict] = {}
    edits: dict[tuple, tuple[bool, float]] = {}
    for short, partners in by_short.items():
        a = narratives[short]
        if not a:
            out.update({(short, long_): _NO_ALIGNMENT for long_ in partners})
            continue
        batch: list[int] = []
        for k, long_ in enumerate(partners):
            batch.append(long_)
            cells = len(a) * sum(len(narratives[x]) for x in batch)
            if k + 1 < len(partners) and cells + len(a) * len(narratives[partners[k + 1]]) <= _ALIGN_BATCH_CELLS:
                continue
            out.update(_align_batch(a, [narratives[x] for x in batch], df, edits, short, batch))
            batch = []
    return out


def _align_batch(a: list, partners: list[list], df: list[int], edits: dict[tuple, tuple[bool, float]], short: int,
                 ids: list[int]) -> dict[tuple[int, int], dict]:
    """How the sentences ``a`` line up with each partner's, and how many words were swapped.

    Sentences are given coded (:func:`code_narratives`). Each sentence of
    ``a`` is aligned with its best match in the partner when the match scores
    ``_ALIGNED_SCORE`` or more; ``_VERBATIM_SCORE`` or more counts as verbatim.
    ``edits`` keeps :func:`_sentence_edits` of sentence pairs already seen:
    copies of one article repeat them.
    """
    # Partners that copy one another share most sentences: each distinct sentence is a column once.
    column_of: dict = {}
    # Where each partner's sentences are, side by side: their columns.
    placed = [column_of.setdefault(s, len(column_of)) for sentences in partners for s in sentences]
    scores = np.zeros((len(a), len(column_of)))
    # A sentence found word for word in every partner needs no scoring (a copy keeps most): it scores 100 there.
    sets = [set(sentences) for sentences in partners]
    needed = [i for i, s in enumerate(a) if any(s not in found for found in sets)]
    if needed and column_of:
        # One thread: a batch is small (threads cost more to start than they save) and chunks run in parallel.
        scores[needed] = process.cdist([a[i] for i in needed], list(column_of), scorer=fuzz.ratio,
                                       score_cutoff=_ALIGNED_SCORE, dtype=np.float64)
    exact = [(i, column_of[s]) for i, s in enumerate(a) if s in column_of]
    if exact:
        rows, cols = zip(*exact)
        scores[list(rows), list(cols)] = 100.0
    lengths = np.fromiter(map(len, partners), dtype=np.int64, count=len(partners))
    starts = np.cumsum(lengths) - lengths
    out = {(short, x): _NO_ALIGNMENT for x, n in zip(ids, lengths.tolist()) if n == 0}
    filled = np.flatnonzero(lengths)
    if not len(filled):
        return out
    # Every partner's sentences side by side; the best score of each sentence of a within each partner.
    full = scores[:, placed]
    best = np.maximum.reduceat(full, starts[filled], axis=1)
    aligned, verbatim = (best >= _ALIGNED_SCORE).sum(axis=0), (best >= _VERBATIM_SCORE).sum(axis=0)
    spun, rarity = np.zeros(len(filled)), np.zeros(len(filled))
    # Only sentences that align but not word for word are read closely: were words swapped one for one?
    for i, p in zip(*np.nonzero((best >= _ALIGNED_SCORE) & (best < _VERBATIM_SCORE))):
        x = filled[p]
        k = int(full[i, starts[x] : starts[x] + lengths[x]].argmax())  # the first best match, as extractOne
        key = (a[i], partners[x][k])
        if key not in edits:
            edits[key] = _sentence_edits(*key, df)
        swapped, swap_rarity = edits[key]
        spun[p] += swapped
        rarity[p] += swap_rarity
    n = len(a)
    for p, x in enumerate(filled.tolist()):
        out[(short, ids[x])] = {"aligned": aligned[p] / n, "verbatim": verbatim[p] / n,
                                "spun": spun[p] / max(aligned[p], 1), "spun_sentences": int(spun[p]),
                                "rarity": rarity[p]}
    return out


# Sentence pairs one chunk of alignments may score (a short document's sentences times its partner's). Chunks
# are cut by this cost rather than by document pairs: a pair of long near-copies costs a thousand short ones,
# and chunks of equal cost keep every worker busy to the end.
_ALIGN_CHUNK_CELLS = 250_000


def _alignment_chunks(narratives: list[list], jobs: list[tuple[int, int]]) -> list[tuple[dict, list]]:
    """``jobs`` in chunks that keep each short document's pairs together, each with the narratives it reads."""
    by_short: dict[int, list[int]] = defaultdict(list)
    for short, long_ in jobs:
        by_short[short].append(long_)
    chunks, current, cells = [], [], 0
    for k, (short, partners) in enumerate(by_short.items()):
        current.extend((short, long_) for long_ in partners)
        cells += len(narratives[short]) * sum(len(narratives[long_]) for long_ in partners)
        if cells >= _ALIGN_CHUNK_CELLS or k + 1 == len(by_short):
            involved = {i for job in current for i in job}
            chunks.append(({i: narratives[i] for i in involved}, current))
            current, cells = [], 0
    return chunks


def _align_chunk(chunk: tuple[dict[int, list], list[tuple[int, int]]], *, df: list[int]) -> dict[tuple[int, int], dict]:
    narratives, jobs = chunk
    return _alignments(narratives, jobs, df)


def _sentence_edits(sa: str | tuple[int, ...], sb: str | tuple[int, ...], df: list[int]) -> tuple[bool, float]:
    """Whether coded sentence b reads as a with words swapped one for one, and how much rarer b's swapped words are
    (``df``: each word's document frequency, by code)."""
    swapped = changed = 0
    rarity = 0.0
    # A word's code: its character's, or the code itself in a tuple.
    code, base = (ord, _FIRST_WORD_CODE) if isinstance(sa, str) else (operator.index, 0)
    for i1, i2, j1, j2 in _edited_regions(sa, sb):
        changed += max(i2 - i1, j2 - j1)
        if i2 > i1 and j2 > j1 and abs((i2 - i1) - (j2 - j1)) <= 1:  # words replaced about one for one
            swapped += i2 - i1
            # Which side uses the rarer words: the spinner's side.
            rarity += (sum(df[code(w) - base] for w in sb[j1:j2]) / (j2 - j1)
                       - sum(df[code(w) - base] for w in sa[i1:i2]) / (i2 - i1))
    return swapped >= 2 and swapped >= 0.6 * changed, rarity


# Pairs that may be copies get their sentences aligned: similar words, or quotes in common (a copy keeps
# them, even a synonym-spun one). One shared quote already makes the same story; copies share more.
_ALIGN_MIN_LEXICAL = 0.25
_ALIGN_MIN_QUOTES = 2
# A synonym-spun copy rewords its source sentence after sentence: half its sentences or more line up with the
# source's, and several of them read as words swapped one for one. One or two such sentences are what templated
# reports share (two appeals for missing people, two readouts of ministers' talks: one frame, other names and
# places), and are no evidence of spinning.
_SPUN_MIN_ALIGNED = 0.5
_SPUN_MIN_SENTENCES = 3


# Words shared by more documents than this do not make two documents candidates. A fixed cap keeps the
# candidate search linear in the corpus: each word can pair at most this many documents with each other.
_DOC_MAX_DF = 100
# A quote carried by more documents than this does not by itself make them candidate pairs.
_WIDELY_QUOTED = 50


@dataclass(frozen=True, slots=True)
class WordPairs:
    """Pairs of documents (``left[k] < right[k]``, sorted) and their word similarity: the cosine of the
    documents' TF-IDF vectors, kept for the similarity of other pairs (None without any term)."""

    left: np.ndarray
    right: np.ndarray
    lexical: np.ndarray
    tfidf: sparse.csr_matrix | None


def word_neighbours(term_counts: sparse.spmatrix, *, neighbours: int = 15,
                    map_chunks: Callable = serial_map) -> WordPairs:
    """Each document's ``neighbours`` sharing the most uncommon words (:func:`candidate_pairs`), with their
    word similarity; ``term_counts`` is a documents × terms count matrix.

    A step of :func:`compare_documents` that needs only the counts, so it can
    run elsewhere while the quotes are being matched.
    """
    X = _tfidf(term_counts)
    if X is None:
        empty = np.zeros(0, dtype=np.int64)
        return WordPairs(empty, empty, np.zeros(0), None)
    left, right, _ = _candidate_arrays(X, max_df=_DOC_MAX_DF, top_k=neighbours, map_chunks=map_chunks)
    return WordPairs(left, right, _pair_dots(X, left, right), X)


def _tfidf(term_counts: sparse.spmatrix) -> sparse.csr_matrix | None:
    """Sublinear TF-IDF vectors of the documents, unit length; None without any term."""
    counts = sparse.csr_matrix(term_counts)
    if not counts.nnz:
        return None
    from sklearn.feature_extraction.text import TfidfTransformer  # imported late, as in topics.py

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts)


def compare_documents(
    doc_ids: list[str],
    term_counts: sparse.spmatrix | None,
    narratives: list[list[str]] | CodedNarratives | Callable[[], CodedNarratives],
    quote_clusters: dict[str, set[int]],
    figure_groups: dict[str, set[int]] | Callable[[], dict[str, set[int]]],
    *,
    neighbours: int = 15,
    word_pairs: WordPairs | Callable[[], WordPairs] | None = None,
    map_chunks: Callable = serial_map,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pairwise similarity with its evidence, same-story groups, and copies.

    ``term_counts`` is a documents × terms count matrix (from
    :class:`~analysis.topics.TermCounts`; None when ``word_pairs`` are given); ``narratives`` are each document's
    normalised narrative sentences (:class:`DocumentFeatures`), or them coded
    by :func:`code_narratives` (or a function that returns them, called when the sentences are aligned). Candidate
    pairs are each document's ``neighbours`` sharing the most uncommon words
    (:func:`candidate_pairs`) plus every pair that shares a quote, so the cost
    grows with documents times ``neighbours``, not with all pairs. Finding the
    candidates and aligning their sentences run in chunks by ``map_chunks``.
    ``quote_clusters`` and ``figure_groups`` hold each document's quote
    clusters and figure groups; ``figure_groups`` may be a function that
    returns them, called once the sentences are aligned (they may still be
    being made elsewhere until then). ``word_pairs`` are the pairs sharing
    uncommon words from :func:`word_neighbours` when already made (or a
    function that returns them, as ``figure_groups``).
    """
    n = len(doc_ids)
    sim_cols = ["a", "b", "score", "lexical", "shared_quotes", "quotes_a_in_b", "quotes_b_in_a",
                "shared_figures", "aligned", "verbatim", "spun", "relation", "evidence"]
    if n < 2:
        return (pd.DataFrame(columns=sim_cols), pd.DataFrame({"id": [0] * n, "docs": [doc_ids] * n}),
                pd.DataFrame(columns=["doc", "source", "kind", "confidence", "evidence"]))
    Q = _sets_matrix(doc_ids, quote_clusters)
    # Documents sharing the most uncommon words (sparse nearest neighbours without all pairs), and documents
    # sharing a quote that few carry: a quote everybody carries is no sign that two of them copied, and pairing
    # all of them would be quadratic.
    if word_pairs is None:
        word_pairs = word_neighbours(term_counts, neighbours=neighbours, map_chunks=map_chunks)
    elif callable(word_pairs):
        word_pairs = word_pairs()
    few = Q[:, np.flatnonzero(np.bincount(Q.indices, minlength=Q.shape[1]) <= _WIDELY_QUOTED)]
    quoted = sparse.triu(few @ few.T, k=1).tocoo()
    by_words = word_pairs.left * n + word_pairs.right  # sorted, as the pairs are
    code = np.sort(np.concatenate([by_words, quoted.row.astype(np.int64) * n + quoted.col]))
    code = code[np.r_[True, code[1:] != code[:-1]]] if len(code) else code  # distinct (np.unique hashes: slower)
    left, right = code // n, code % n
    # Word similarity comes with the pairs found by words; only the pairs found by quotes alone need it worked out.
    lexical_all, by_quotes = np.zeros(len(code)), np.ones(len(code), dtype=bool)
    at = np.searchsorted(code, by_words)
    lexical_all[at], by_quotes[at] = word_pairs.lexical, False
    if word_pairs.tfidf is not None:
        lexical_all[by_quotes] = _pair_dots(word_pairs.tfidf, left[by_quotes], right[by_quotes])

    shared_q = _pair_dots(Q, left, right).astype(int)
    n_quotes = np.asarray(Q.sum(axis=1)).ravel()
    qa, qb = n_quotes[left], n_quotes[right]
    qa_in_b = np.divide(shared_q, qa, out=np.zeros(len(left)), where=qa > 0)
    qb_in_a = np.divide(shared_q, qb, out=np.zeros(len(left)), where=qb > 0)
    quote_share = np.divide(shared_q, np.minimum(qa, qb), out=np.zeros(len(left)), where=(qa > 0) & (qb > 0))
    # The shorter narrative is aligned against the longer one, for pairs that may be copies:
    # even a synonym-spun copy keeps a quarter of its words, or the quotes.
    if callable(narratives):
        narratives = narratives()
    coded = narratives if isinstance(narratives, CodedNarratives) else code_narratives(narratives)
    sentences = np.fromiter(map(len, coded.sentences), dtype=np.int64, count=n)
    short = np.where(sentences[left] <= sentences[right], left, right)
    long_ = np.where(short == left, right, left)
    may_copy = (lexical_all >= _ALIGN_MIN_LEXICAL) | (shared_q >= _ALIGN_MIN_QUOTES)
    jobs = list(zip(short[may_copy].tolist(), long_[may_copy].tolist()))
    found: dict[tuple[int, int], dict] = {}
    for part in map_chunks(_align_chunk, _alignment_chunks(coded.sentences, jobs), df=coded.df):
        found.update(part)
    aligned_pairs = [found[job] for job in jobs]
    al = {key: np.zeros(len(left)) for key in _NO_ALIGNMENT}
    for key, column in al.items():
        column[may_copy] = [pair[key] for pair in aligned_pairs]
    aligned, verbatim, spun = al["aligned"], al["verbatim"], al["spun"]
    F = _sets_matrix(doc_ids, figure_groups() if callable(figure_groups) else figure_groups)
    shared_f = _pair_dots(F, left, right).astype(int)
    score = np.maximum.reduce([0.5 * lexical_all + 0.5 * quote_share, aligned, lexical_all])
    relation = np.select(
        [verbatim >= 0.5,
         (aligned >= _SPUN_MIN_ALIGNED) & (spun >= 0.4) & (al["spun_sentences"] >= _SPUN_MIN_SENTENCES),
         (shared_q >= 2) & (quote_share >= 0.5),
         (shared_q >= 1) | (shared_f >= 2) | (lexical_all >= 0.5) | (aligned >= 0.3)],
        ["verbatim", "spun", "rewrite", "same story"], "")
    ids = np.asarray(doc_ids, dtype=object)
    sim = pd.DataFrame({
        "a": ids[left], "b": ids[right], "score": score.round(3), "lexical": lexical_all.round(3), "shared_quotes": shared_q,
        "quotes_a_in_b": qa_in_b.round(3), "quotes_b_in_a": qb_in_a.round(3), "shared_figures": shared_f,
        "aligned": aligned.round(3), "verbatim": verbatim.round(3), "spun": spun.round(3), "relation": relation,
        "evidence": _evidence(shared_q, shared_f, aligned, lexical_all),
        "short_doc": ids[short], "rarity": al["rarity"],
    }, columns=[*sim_cols, "short_doc", "rarity"])
    related = relation != ""
    stories = _stories(doc_ids, left[related], right[related])
    copies = _copies(sim)
    return sim[sim_cols].sort_values("score", ascending=False, kind="stable").reset_index(drop=True), stories, copies


def _sets_matrix(doc_ids: list[str], sets: dict[str, set[int]]) -> sparse.csr_matrix:
    """Documents × ids, 1 where the document's set holds the id (quote clusters, figure groups)."""
    rows = [k for k, d in enumerate(doc_ids) for _ in sets.get(d, ())]
    cols = [c for d in doc_ids for c in sets.get(d, ())]
    width = max(cols, default=-1) + 1
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(doc_ids), width))


def _evidence(shared_q: np.ndarray, shared_f: np.ndarray, aligned: np.ndarray, lexical: np.ndarray) -> list[str]:
    """Each pair's evidence in words: shared quotes and figures, aligned sentences, word similarity."""
    out = [f"word similarity {x:.2f}" for x in lexical.tolist()]
    # Most pairs have only their word similarity to show: the others are written out one by one.
    for k in np.flatnonzero((shared_q > 0) | (shared_f > 0) | (aligned >= 0.2)).tolist():
        q, f, share = int(shared_q[k]), int(shared_f[k]), float(aligned[k])
        bits = []
        if q:
            bits.append(f"{q} shared quote{'s' * (q != 1)}")
        if f:
            bits.append(f"{f} shared figure{'s' * (f != 1)}")
        if share >= 0.2:
            bits.append(f"{share:.0%} of sentences align")
        out[k] = "; ".join([*bits, out[k]])
    return out


_PAIR_DOTS_CELLS = 2**18  # left rows spread out at once: about 2 MB of float64, which stays in a CPU's cache


def _pair_dots(X: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Dot products of rows ``left[k]`` and ``right[k]`` of ``X``, pairs sorted by ``left``.

    A block of left rows is spread into dense rows at once; the partners' entries
    are read straight from the CSR arrays and summed per pair. Gathering all left
    and right rows as matrices would copy every pair's rows; a block rather than
    one row at a time matters where rows are short and partners few (figures).
    """
    X = sparse.csr_matrix(X)
    out = np.zeros(len(left))
    if not len(left) or not X.nnz:
        return out
    indptr, indices, data = X.indptr, X.indices, X.data
    row_lengths = np.diff(indptr)
    width = X.shape[1]
    block = max(1, _PAIR_DOTS_CELLS // width)
    dense = np.zeros(block * width)  # filled for each block, then cleared again: no allocation per block
    bounds = np.flatnonzero(np.r_[True, left[1:] != left[:-1], True])  # where each left row's pairs start
    for g0 in range(0, len(bounds) - 1, block):
        g1 = min(g0 + block, len(bounds) - 1)
        lo, hi = bounds[g0], bounds[g1]
        rows = left[bounds[g0:g1]]
        spread = _row_entries(indptr[rows], row_lengths[rows])
        cells = np.repeat(np.arange(len(rows)) * width, row_lengths[rows]) + indices[spread]
        dense[cells] = data[spread]
        partners = right[lo:hi]
        lengths = row_lengths[partners]
        if lengths.sum():
            entries = _row_entries(indptr[partners], lengths)
            slot = np.repeat(np.repeat(np.arange(len(rows)) * width, np.diff(bounds[g0 : g1 + 1])), lengths)
            products = data[entries] * dense[slot + indices[entries]]
            filled = lengths > 0
            out[lo:hi][filled] = np.add.reduceat(products, (np.cumsum(lengths) - lengths)[filled])
        dense[cells] = 0.0
    return out


def _row_entries(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Positions in a CSR matrix's arrays of the rows starting at ``starts`` with ``lengths`` entries, in turn."""
    offsets = np.cumsum(lengths) - lengths
    return np.arange(int(lengths.sum())) - np.repeat(offsets - starts, lengths)


def _stories(doc_ids: list[str], a: np.ndarray, b: np.ndarray) -> pd.DataFrame:
    """Documents linked through related pairs (``a[k]``, ``b[k]``) as stories: the largest first, then by their
    first document."""
    n = len(doc_ids)
    k, label = connected_components(sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    members = np.argsort(label, kind="stable")  # story by story, each one's documents in order
    sizes = np.bincount(label, minlength=k)
    starts = np.cumsum(sizes) - sizes
    order = np.lexsort((members[starts], -sizes))
    ids = np.asarray(doc_ids, dtype=object)
    return pd.DataFrame({"id": range(k),
                         "docs": [ids[members[starts[g] : starts[g] + sizes[g]]].tolist() for g in order.tolist()]})


def _copies(sim: pd.DataFrame) -> pd.DataFrame:
    """Which document derives from which, for pairs related closer than "same story"."""
    close = sim[sim["relation"].isin(("verbatim", "spun", "rewrite"))]
    a, b, short, relation = (close[c].to_numpy(dtype=object) for c in ("a", "b", "short_doc", "relation"))
    in_b, in_a, verbatim, rarity = (close[c].to_numpy(dtype=float) for c in ("quotes_a_in_b", "quotes_b_in_a",
                                                                               "verbatim", "rarity"))
    spun = relation == "spun"
    # A spun copy is the side whose swapped words are rarer in the corpus: the long side when its words are.
    spun_doc = np.where(rarity < 0, np.where(short == a, b, a), short)
    # Otherwise the derived document is the one whose quotes the other contains, or else the shorter.
    derived = np.where(np.abs(in_b - in_a) > 0.05, np.where(in_b > in_a, a, b), short)
    doc = np.where(spun, spun_doc, derived)
    confidence = np.where(spun, np.minimum(1.0, 0.5 + np.abs(rarity) / 50), np.maximum.reduce([in_b, in_a, verbatim]))
    copies = pd.DataFrame({"doc": doc.tolist(), "source": np.where(doc == b, a, b).tolist(), "kind": relation.tolist(),
                           "confidence": [round(x, 3) for x in confidence.tolist()],
                           "evidence": close["evidence"].tolist()})
    # A document gets one source: the closest relation, then the most confident.
    order = {"verbatim": 0, "spun": 1, "rewrite": 2}
    copies["_o"] = copies["kind"].map(order)
    copies = copies.sort_values(["doc", "_o", "confidence"], ascending=[True, True, False], kind="stable")
    return copies.drop_duplicates("doc").drop(columns="_o").reset_index(drop=True)


def doc_sets(df: pd.DataFrame, column: str) -> dict[str, set[int]]:
    """doc -> set of cluster ids, for quotes or figures."""
    out: dict[str, set[int]] = defaultdict(set)
    for d, c in zip(df["doc"].tolist(), df[column].tolist()):
        if c is not None and not (isinstance(c, float) and np.isnan(c)) and c >= 0:
            out[d].add(int(c))
    return out
