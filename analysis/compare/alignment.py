"""Sentence alignment of candidate copies: how many sentences line up, word for word or with words swapped."""

from __future__ import annotations

import operator
import sys
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import pandas as pd
import pyarrow.compute as pc
from rapidfuzz import fuzz, process
from scipy import sparse

from ..thresholds import ALIGNED_SCORE, VERBATIM_SCORE
from ..tokens import split_joined
from .words import edited_regions

_FIRST_WORD_CODE = 0x10000  # past the Basic Multilingual Plane: no surrogates, and a million codes
_WORD_CODES = sys.maxunicode + 1 - _FIRST_WORD_CODE


@dataclass(frozen=True, slots=True)
class CodedNarratives:
    """Each document's narrative sentences with every word coded (:func:`code_narratives`), and how many
    documents' narratives hold each word, by code."""

    sentences: list[list[str | tuple[int, ...]]]
    df: list[int]
    # Documents × runs of four words (within a sentence) that two documents or more share, 1 where held; a run
    # shared by few documents is phrasing one took from the other, one shared by many a stock phrase.
    phrases: sparse.csr_matrix
    phrase_weights: np.ndarray  # per run: 2 / the documents holding it (1 for a run two documents share)
    phrase_counts: np.ndarray  # per document: its distinct runs of four words, shared or not


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
    phrases, weights, counts = _shared_phrases(narratives, distinct, codes, lengths)
    spans = list(map(slice, (ends - lengths).tolist(), ends.tolist()))
    if len(words) <= _WORD_CODES:
        chars = (codes.astype("<u4") + _FIRST_WORD_CODE).tobytes().decode("utf-32-le")
        code_of = dict(zip(distinct, map(chars.__getitem__, spans)))
    else:
        as_ints = codes.tolist()
        code_of = {sentence: tuple(as_ints[span]) for sentence, span in zip(distinct, spans)}
    return CodedNarratives([[code_of[sentence] for sentence in narr] for narr in narratives], df.tolist(),
                           phrases, weights, counts)


_MIX = np.int64(1_000_003)


def _shared_phrases(narratives: list[list[str]], distinct: list[str], codes: np.ndarray,
                    lengths: np.ndarray) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """The runs of four words of each document's narrative (:attr:`CodedNarratives.phrases`), from the word codes of
    the ``distinct`` sentences, all at once: each run one integer (its four codes mixed), each sentence's runs
    gathered for the documents holding it, and each document's distinct runs kept (by hashing, not sorting)."""
    n_docs = len(narratives)
    empty = (sparse.csr_matrix((n_docs, 0)), np.zeros(0), np.zeros(n_docs))
    if not len(codes):
        return empty
    owner = np.repeat(np.arange(len(distinct)), lengths)
    position = np.arange(len(codes)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    first = np.flatnonzero(position <= lengths[owner] - 4)
    if not len(first):
        return empty
    # Four codes mixed into one 64-bit integer (wrapping): the chance that two runs mix to one is nil.
    c = codes.astype(np.int64)
    mixed = ((c[first] * _MIX ^ c[first + 1]) * _MIX ^ c[first + 2]) * _MIX ^ c[first + 3]
    run = pd.factorize(mixed)[0]
    n_runs = int(run.max()) + 1
    # Each sentence's runs, in order: where they start and how many (runs come sentence by sentence).
    per_sentence = np.bincount(owner[first], minlength=len(distinct))
    starts = np.cumsum(per_sentence) - per_sentence
    index = {sentence: k for k, sentence in enumerate(distinct)}
    held = np.fromiter((index[sentence] for narr in narratives for sentence in narr), dtype=np.int64,
                       count=sum(map(len, narratives)))
    doc_of = np.repeat(np.arange(n_docs), [len(narr) for narr in narratives])
    counts = per_sentence[held]
    at = np.repeat(starts[held] - (np.cumsum(counts) - counts), counts) + np.arange(int(counts.sum()))
    pairs = pd.unique(np.repeat(doc_of, counts) * n_runs + run[at])  # each document's runs once, documents in order
    docs, runs = pairs // n_runs, pairs % n_runs
    df = np.bincount(runs, minlength=n_runs)
    distinct_runs = np.bincount(docs, minlength=n_docs).astype(float)
    shared_run = df >= 2
    column = np.cumsum(shared_run) - 1
    keep = shared_run[runs]
    phrases = sparse.csr_matrix((np.ones(int(keep.sum())), (docs[keep], column[runs[keep]])),
                                shape=(n_docs, int(shared_run.sum())))
    return phrases, 2.0 / df[shared_run], distinct_runs


NO_ALIGNMENT = {"aligned": 0.0, "verbatim": 0.0, "spun": 0.0, "spun_sentences": 0, "rarity": 0.0, "lead": 0.0,
                 "early": 0.0}
_LEAD = 3  # a story's first sentences: what is new in it
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
            out.update({(short, long_): NO_ALIGNMENT for long_ in partners})
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
    ``ALIGNED_SCORE`` or more; ``VERBATIM_SCORE`` or more counts as verbatim.
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
                                       score_cutoff=ALIGNED_SCORE, dtype=np.float64)
    exact = [(i, column_of[s]) for i, s in enumerate(a) if s in column_of]
    if exact:
        rows, cols = zip(*exact)
        scores[list(rows), list(cols)] = 100.0
    lengths = np.fromiter(map(len, partners), dtype=np.int64, count=len(partners))
    starts = np.cumsum(lengths) - lengths
    out = {(short, x): NO_ALIGNMENT for x, n in zip(ids, lengths.tolist()) if n == 0}
    filled = np.flatnonzero(lengths)
    if not len(filled):
        return out
    # Every partner's sentences side by side; the best score of each sentence of a within each partner.
    full = scores[:, placed]
    best = np.maximum.reduceat(full, starts[filled], axis=1)
    aligned, verbatim = (best >= ALIGNED_SCORE).sum(axis=0), (best >= VERBATIM_SCORE).sum(axis=0)
    spun, rarity = np.zeros(len(filled)), np.zeros(len(filled))
    # Only sentences that align but not word for word are read closely: were words swapped one for one?
    for i, p in zip(*np.nonzero((best >= ALIGNED_SCORE) & (best < VERBATIM_SCORE))):
        x = filled[p]
        k = int(full[i, starts[x] : starts[x] + lengths[x]].argmax())  # the first best match, as extractOne
        key = (a[i], partners[x][k])
        if key not in edits:
            edits[key] = _sentence_edits(*key, df)
        swapped, swap_rarity = edits[key]
        spun[p] += swapped
        rarity[p] += swap_rarity
    n = len(a)
    # How much of either story's lead the other holds: an update keeps it, a background paragraph reused does not;
    # and how much of each one's first half the other holds (the lesser of the two): an outlet's stock paragraphs
    # sit near the end of its stories, an update keeps the story from its start.
    lead_short = (best[:_LEAD] >= ALIGNED_SCORE).mean(axis=0)
    early_short = (best[: max(1, n // 2)] >= ALIGNED_SCORE).mean(axis=0)
    for p, x in enumerate(filled.tolist()):
        k = min(_LEAD, int(lengths[x]))
        held = full[:, starts[x] : starts[x] + lengths[x]].max(axis=0) >= ALIGNED_SCORE
        out[(short, ids[x])] = {"aligned": aligned[p] / n, "verbatim": verbatim[p] / n,
                                "spun": spun[p] / max(aligned[p], 1), "spun_sentences": int(spun[p]),
                                "rarity": rarity[p], "lead": max(float(lead_short[p]), float(held[:k].mean())),
                                "early": min(float(early_short[p]), float(held[: max(1, int(lengths[x]) // 2)].mean()))}
    return out


# Sentence pairs one chunk of alignments may score (a short document's sentences times its partner's). Chunks
# are cut by this cost rather than by document pairs: a pair of long near-copies costs a thousand short ones,
# and chunks of equal cost keep every worker busy to the end.
_ALIGN_CHUNK_CELLS = 250_000


def alignment_chunks(narratives: list[list], jobs: list[tuple[int, int]]) -> list[tuple[dict, list]]:
    """``jobs`` in chunks that keep each short document's pairs together, each with the narratives it reads."""
    by_short: dict[int, list[int]] = defaultdict(list)
    for short, long_ in jobs:
        by_short[short].append(long_)
    current: list[tuple[int, int]]
    chunks, current, cells = [], [], 0
    for k, (short, partners) in enumerate(by_short.items()):
        current.extend((short, long_) for long_ in partners)
        cells += len(narratives[short]) * sum(len(narratives[long_]) for long_ in partners)
        if cells >= _ALIGN_CHUNK_CELLS or k + 1 == len(by_short):
            involved = {i for job in current for i in job}
            chunks.append(({i: narratives[i] for i in involved}, current))
            current, cells = [], 0
    return chunks


def align_chunk(chunk: tuple[dict[int, list], list[tuple[int, int]]], *, df: list[int]) -> dict[tuple[int, int], dict]:
    narratives, jobs = chunk
    return _alignments(narratives, jobs, df)


def _sentence_edits(sa: str | tuple[int, ...], sb: str | tuple[int, ...], df: list[int]) -> tuple[bool, float]:
    """Whether coded sentence b reads as a with words swapped one for one, and how much rarer b's swapped words are
    (``df``: each word's document frequency, by code)."""
    swapped = changed = 0
    rarity = 0.0
    # A word's code: its character's, or the code itself in a tuple.
    # (sa and sb are coded alike, so either function takes the words of both.)
    code, base = cast("tuple[Callable[[Any], int], int]",
                      (ord, _FIRST_WORD_CODE) if isinstance(sa, str) else (operator.index, 0))
    for i1, i2, j1, j2 in edited_regions(sa, sb):
        changed += max(i2 - i1, j2 - j1)
        if i2 > i1 and j2 > j1 and abs((i2 - i1) - (j2 - j1)) <= 1:  # words replaced about one for one
            swapped += i2 - i1
            # Which side uses the rarer words: the spinner's side.
            rarity += (sum(df[code(w) - base] for w in sb[j1:j2]) / (j2 - j1)
                       - sum(df[code(w) - base] for w in sa[i1:i2]) / (i2 - i1))
    return swapped >= 2 and swapped >= 0.6 * changed, rarity


def aligned_sentences(copy: list, source: list) -> list[tuple[int, int, float]]:
    """Which sentence of the ``source`` each sentence of the ``copy`` lines up with (coded by
    :func:`code_narratives`): (copy sentence, source sentence, score 0-100), the best match of each copy sentence
    that scores ``ALIGNED_SCORE`` or more, in the copy's order."""
    if not copy or not source:
        return []
    scores = process.cdist(copy, source, scorer=fuzz.ratio, score_cutoff=ALIGNED_SCORE, dtype=np.float64, workers=1)
    best = scores.argmax(axis=1)
    return [(i, int(j), round(float(scores[i, j]), 1)) for i, j in enumerate(best.tolist()) if scores[i, j] >= ALIGNED_SCORE]
