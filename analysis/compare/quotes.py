"""The same quote across documents: candidates by shared word trigrams, matched when near-identical or truncated,
with a readable word diff of each matched pair."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..frames import frame
from ..kinds import How
from ..lexicon import stop_words
from ..noun_phrases import FULL_NAME
from ..run import Executor, serial_map
from ..thresholds import (
    MIN_QUOTE_WORDS,
    QUOTE_MATCH_PARTIAL,
    QUOTE_MATCH_RATIO,
    QUOTE_MIN_CONTENT_WORDS,
    QUOTE_MIN_SHARED_TRIGRAMS,
    SPEAKER_CHANGE_MIN_CONTENT_WORDS,
)
from ..tokens import split_joined
from .candidates import candidate_arrays
from .words import normalize_words, word_diff

# partial_ratio slides the shorter text along the longer, so its cost grows with the product of their lengths:
# seconds a pair once both pass a few thousand characters (a transcript, or a stray quote mark that ran on to the
# end of an article). Past this length it compares words instead of characters: a sixth of the length, scores
# within a point or two, a hundred times faster.
PARTIAL_MAX_CHARS = 1000


def match_quotes(quotes: pd.DataFrame, words: list[str] | None = None, *,
                 executor: Executor | None = None) -> tuple[pd.DataFrame, pd.Series]:
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
    a, b, shared = candidate_arrays(trigrams, blocks=docs, executor=executor)
    # Near-identical texts keep most of the shorter one's trigrams; cheap to check first, for all pairs at once.
    sizes = np.diff(trigrams.indptr)
    close = shared >= QUOTE_MIN_SHARED_TRIGRAMS * np.minimum(sizes[a], sizes[b])
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
    ratio = quote_scores(left, right, fuzz.ratio)
    # Truncation is looked for when both sides have four words or more: in characters, or in words for long texts.
    fewest_words = np.fromiter((min(sa.count(" "), sb.count(" ")) + 1 for sa, sb in zip(left, right)), dtype=np.int64,
                               count=len(left))
    chars = np.fromiter((min(len(sa), len(sb)) for sa, sb in zip(left, right)), dtype=np.int64, count=len(left))
    partial = np.zeros(len(left))
    by_chars = np.flatnonzero((fewest_words >= 4) & (chars <= PARTIAL_MAX_CHARS))
    partial[by_chars] = partial_scores([left[k] for k in by_chars], [right[k] for k in by_chars], ratio[by_chars])
    by_words = np.flatnonzero(chars > PARTIAL_MAX_CHARS)
    partial[by_words] = partial_scores([left[k].split() for k in by_words], [right[k].split() for k in by_words],
                                        ratio[by_words])
    truncated = np.fromiter((sa in sb or sb in sa for sa, sb in zip(left, right)), dtype=bool, count=len(left))
    accepted = identical.copy()
    score = np.where(identical, 1.0, 0.0)
    kind = np.where(identical, "identical", "").astype(object)
    matched = (ratio >= QUOTE_MATCH_RATIO) | (partial >= QUOTE_MATCH_PARTIAL)
    hits = np.flatnonzero(matched[pair_of])
    k, u = other[hits], pair_of[hits]
    accepted[k] = True
    score[k] = np.round(np.maximum(ratio[u], partial[u]) / 100, 3)
    kind[k] = np.where(truncated[u] | ((partial[u] >= QUOTE_MATCH_PARTIAL) & (ratio[u] < QUOTE_MATCH_RATIO)),
                       "truncated", "reworded")
    # A readable diff of each distinct pair of texts as written, in chunks the worker processes share.
    texts = quotes["text"].tolist()
    written = pd.factorize(pd.Series(texts, dtype=object))[0] if n else np.zeros(0, dtype=np.int64)
    n_written = int(written.max()) + 1 if n else 1
    diff_pairs, diff_of = np.unique(written[a[k]] * n_written + written[b[k]], return_inverse=True)
    text_of_written = np.empty(n_written, dtype=object)
    text_of_written[written] = texts
    jobs = list(zip(text_of_written[diff_pairs // n_written].tolist(), text_of_written[diff_pairs % n_written].tolist()))
    chunks = [jobs[lo : lo + _DIFF_CHUNK_PAIRS] for lo in range(0, len(jobs), _DIFF_CHUNK_PAIRS)]
    lines = pa.array(["", *(line for part in (executor.map_chunks if executor else serial_map)(_diff_chunk, chunks) for line in part)], type=pa.string())
    line_of = np.zeros(len(a), dtype=np.int64)  # line 0 is empty: identical texts have no diff
    line_of[k] = diff_of + 1
    # A quote is matched only by words that say something: "as soon as possible", "I don't think so" are said by many.
    content = _content_words(joined)
    accepted &= np.minimum(content[a], content[b]) >= QUOTE_MIN_CONTENT_WORDS
    a, b, score, kind, line_of = a[accepted], b[accepted], score[accepted], kind[accepted], line_of[accepted]
    speaker = np.asarray(quotes["speaker"].tolist(), dtype=object)
    lower = np.asarray([s.lower() for s in speaker], dtype=object)
    # A speaker changed only where both documents name someone in full, by name at a verb of saying or "according
    # to" at the quote, in a quote of words enough to be one statement: a follow-on quote, a pronoun or a description
    # ("the president") is too weak a reading to set against another (speaker_changes reads the texts too).
    how = quotes["how"].tolist() if "how" in quotes else [""] * n
    as_written = quotes["speaker_as_written"].tolist() if "speaker_as_written" in quotes else [""] * n
    firm = np.fromiter((h in _FIRM_ATTRIBUTION and FULL_NAME.match(x) is not None and _named_at_cue(x, w)
                        for h, x, w in zip(how, speaker, as_written)), dtype=np.bool_, count=n)
    firm &= content >= SPEAKER_CHANGE_MIN_CONTENT_WORDS
    # Each quote's strings go to Arrow once and are gathered there for each pair, not converted pair by pair.
    doc_of, id_of, speaker_of, text_of = (pa.array(values, type=pa.string()) for values in
                                          (docs, quotes["id"].tolist(), speaker.tolist(), texts))
    ia, ib = pa.array(a, type=pa.int64()), pa.array(b, type=pa.int64())
    matches = frame({
        "a_doc": doc_of.take(ia), "a_quote": id_of.take(ia), "b_doc": doc_of.take(ib), "b_quote": id_of.take(ib),
        "score": score, "kind": kind, "speaker_a": speaker_of.take(ia), "speaker_b": speaker_of.take(ib),
        "speaker_changed": firm[a] & firm[b] & (lower[a] != lower[b]),
        "diff": lines.take(pa.array(line_of, type=pa.int64())), "a_text": text_of.take(ia), "b_text": text_of.take(ib),
    })
    # Clusters of matching quotes, numbered in the order of their first quote.
    _, component = connected_components(sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)), directed=False)
    first = np.full(component.max() + 1 if n else 0, n)
    np.minimum.at(first, component, np.arange(n))
    cluster = np.argsort(np.argsort(first, kind="stable"), kind="stable")[component] if n else np.zeros(0, dtype=int)
    return matches, pd.Series(cluster, index=quotes.index)


_DIFF_CHUNK_PAIRS = 5_000  # pairs of quotes whose diffs are written in one chunk
_FIRM_ATTRIBUTION = frozenset([How.LEADING, How.TRAILING, How.ACCORDING])


def _named_at_cue(speaker: str, written: str) -> bool:
    """Whether the phrase at a quote's verb names its speaker ("Sen. Jeff Sessions", "Sessions"), rather than
    pointing at them ("he", "the senator")."""
    return bool(written) and speaker.split()[-1] in written.split()


def speaker_changes(matches: pd.DataFrame, quotes: pd.DataFrame, texts: dict[str, str]) -> np.ndarray:
    """Which matched quotes, marked as credited to two people, surely are: neither document names the other speaker
    around its quote (a document that does tells of both: "X quoted Y", a question and its answer)."""
    changed = matches["speaker_changed"].to_numpy(dtype=bool).copy() if len(matches) else np.zeros(0, dtype=bool)
    if not changed.any():
        return changed
    where = quotes.set_index("id")[["doc", "sentence_start", "sentence_end"]]
    for k in np.flatnonzero(changed).tolist():
        row = matches.iloc[k]
        for quote, other in ((row["a_quote"], row["speaker_b"]), (row["b_quote"], row["speaker_a"])):
            doc, s0, s1 = where.loc[quote]
            window = texts[doc][max(0, int(s0) - _AROUND_QUOTE) : int(s1) + _AROUND_QUOTE]
            if other.split()[-1] in window:
                changed[k] = False
    return changed


_AROUND_QUOTE = 300  # characters either side of a quote's sentence read for the other speaker's name


def _content_words(joined: list[str]) -> np.ndarray:
    """How many words of each quote (normalised, space-joined) are not stop words."""
    stop = stop_words()
    return np.fromiter((sum(w not in stop for w in text.split()) for text in joined), dtype=np.int64, count=len(joined))


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
    # A trigram starts here (texts shorter than MIN_QUOTE_WORDS have none).
    first = np.flatnonzero((position <= lengths[owner] - 3) & (lengths[owner] >= MIN_QUOTE_WORDS))
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


def quote_scores(left: list, right: list, scorer: Callable, score_cutoff: float | None = None) -> np.ndarray:
    """``scorer`` of each pair ``left[k]``, ``right[k]``, on every CPU (0 below ``score_cutoff``)."""
    return process.cpdist(left, right, scorer=scorer, score_cutoff=score_cutoff, workers=-1) if left else np.zeros(0)


def partial_scores(left: list, right: list, ratio: np.ndarray) -> np.ndarray:
    """``fuzz.partial_ratio`` of each pair where it can decide the match or its score, else 0.

    A pair whose ratio is below 80 matches on a partial ratio of 92 or more;
    one of 80 or more matches anyway, and scores the larger of the two. So
    each pair is scored with a cutoff (92, or its ratio rounded down), below
    which rapidfuzz gives 0 and may stop early: the matches and their scores
    are those of the full scores, in about three quarters of the time.
    """
    cutoff = np.where(ratio < QUOTE_MATCH_RATIO, float(QUOTE_MATCH_PARTIAL), np.floor(ratio))
    out = np.zeros(len(left))
    for value in np.unique(cutoff).tolist():
        rows = np.flatnonzero(cutoff == value)
        out[rows] = quote_scores([left[k] for k in rows], [right[k] for k in rows], fuzz.partial_ratio, value)
    return out


def shared_quote_sentences(doc: str, source: str, quotes: pd.DataFrame) -> list[list[float]]:
    """The evidence of two documents retelling one interview: the sentences of each quote they share, as [sentence
    start, end in ``doc``, sentence start, end in ``source``, how alike the two quotes are (0-100)], in ``doc``'s
    order. ``quotes`` carry their ``cluster``."""
    mine, theirs = (quotes[(quotes["doc"] == d) & (quotes["cluster"] >= 0)] for d in (doc, source))
    first = {c: (s, e, t) for c, s, e, t in zip(theirs["cluster"].tolist(), theirs["sentence_start"].tolist(),
                                               theirs["sentence_end"].tolist(), theirs["text"].tolist())}
    out, seen = [], set()
    for c, s, e, t in zip(mine["cluster"].tolist(), mine["sentence_start"].tolist(), mine["sentence_end"].tolist(),
                          mine["text"].tolist()):
        if c in first and c not in seen:
            seen.add(c)
            s2, e2, t2 = first[c]
            out.append([s, e, s2, e2, round(fuzz.ratio(t, t2), 1)])
    return sorted(out)
