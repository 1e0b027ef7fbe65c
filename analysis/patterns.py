"""Regular-expression tools the extractors share: a word list as a trie, a fast scan for matches that start a word,
and a bounded look back. Every scan of a whole text costs about a quarter of a second per 12 MB in Python's ``re``:
these keep each extractor's scans few and in C."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

__all__ = ["StartScan", "lookback_start", "words_pattern"]

_SPACE = re.compile(r"\s")


def words_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, written as a trie ("sa(?:id|ys)").

    Python's regular expressions try the branches of a plain alternation one
    by one at every position; a trie tries each letter once, which makes
    scanning a text for a hundred words several times faster.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        alternatives = "|".join(branches)
        if "" in node:  # a word ends here, and longer words go on
            return f"(?:{alternatives})?"
        return alternatives if len(branches) == 1 else f"(?:{alternatives})"

    return emit(root)


class StartScan:
    """Matches of ``pattern`` that start only after a character outside ``not_after`` (a regular-expression
    class body) or at the start of the text: ``(?<![\\w])pattern`` for ``not_after=r"\\w"``, a word's start.

    Found several times faster than with the look-behind. Python's regular expressions skip characters in C only
    when a pattern opens with a character class, and otherwise try every position. Here the scan jumps to the
    characters the match may follow, and the pattern is tried there, in a look-ahead. Read the match from the
    group ``at``: ``m.start("at")``, ``m.group("at")``. Matches do not overlap, as with ``re.finditer``.
    """

    def __init__(self, pattern: str, *, not_after: str = r"\w") -> None:
        self._scan = re.compile(rf"[^{not_after}](?=(?P<at>{pattern}))")
        self._first = re.compile(rf"(?=(?P<at>{pattern}))")

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
        end = len(text) if end is None else end
        last = start
        if start == 0 and (m := self._first.match(text, 0, end)):
            yield m
            last = m.end("at")
        for m in self._scan.finditer(text, max(start - 1, 0), end):
            if m.start("at") >= last:
                yield m
                last = m.end("at")


def lookback_start(text: str, floor: int, pos: int, size: int) -> int:
    """Where a window of about ``size`` characters before ``pos`` starts, never before ``floor``.

    Moved forward to a space so that no word is cut. Extractors look back a
    bounded distance, so a huge paragraph costs time in proportion to its length.
    """
    lo = pos - size
    if lo <= floor:
        return floor
    m = _SPACE.search(text, lo, pos)
    return m.start() if m else pos
