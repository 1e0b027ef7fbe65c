"""Words as the comparison sees them: normalised for matching, and word-level differences of two texts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cydifflib import SequenceMatcher
from rapidfuzz.distance import Indel

_WORDS = re.compile(r"[\w]+(?:['’][\w]+)?")


def normalize_words(s: str) -> list[str]:
    return _WORDS.findall(s.lower().replace("’", "'"))


@lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    return " ".join(normalize_words(word))


def edited_regions(a: Sequence, b: Sequence) -> list[tuple[int, int, int, int]]:
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
    sm = SequenceMatcher(a=[word_key(w) for w in wa], b=[word_key(w) for w in wb], autojunk=False)
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


def changed_words(a: list[str], b: list[str]) -> tuple[set[int], set[int]]:
    """The positions of the words of ``a`` and of ``b`` that the other does not keep, compared as
    :func:`word_diff` compares them (without case or punctuation)."""
    sm = SequenceMatcher(a=[word_key(w) for w in a], b=[word_key(w) for w in b], autojunk=False)
    only_a: set[int] = set()
    only_b: set[int] = set()
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            only_a.update(range(i1, i2))
            only_b.update(range(j1, j2))
    return only_a, only_b
