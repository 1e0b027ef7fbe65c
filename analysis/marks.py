"""Quote marks and dashes damaged by scraping, read as the marks they were.

Scraped news often loses its curly punctuation to a bad encoding step: a closing ``”``, an apostrophe ``’`` or an
em dash ``—`` becomes ``"?`` and the space after it is lost (``choice,"?Sen. Warren said``, ``teachers"?unions``,
``the asylum process "?had been low``). Read as written, the ``,"`` opens a quote that swallows the narrative, and
the ``?`` ends a sentence in the middle of it. Sound text never has a straight quote mark followed by a question
mark and a letter, so one such place marks the whole document as damaged, and every ``"?`` in it is read again:

- after a space it was a dash: ``—`` and a space;
- after a word, a closing mark where a quote is open, else an apostrophe (``teachers’ unions``), each with its space.

The repaired text has the length of the original, so every offset found in it points at the same place in the text
the user gave.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["MarkRepair", "repair_marks"]

_DAMAGED = re.compile(r'"\?(?=[^\W\d_])')  # a quote mark, a question mark, a letter: never in sound text
_MARK = re.compile(r'"\??')
_LOWER = re.compile(r"[a-z]")


class MarkRepair(NamedTuple):
    text: str  # the text with its damaged marks read as what they were, offsets unchanged
    closing: int  # '"?' read as a closing quote mark
    apostrophes: int  # '"?' read as an apostrophe
    dashes: int  # '"?' read as a dash

    @property
    def note(self) -> str:
        """What was read differently, for the document's notes; "" when nothing was."""
        parts = [f"{n} {what}" for n, what in ((self.closing, "closing quote marks"), (self.apostrophes, "apostrophes"),
                                               (self.dashes, "dashes")) if n]
        if not parts:
            return ""
        return (f'damaged punctuation: "? was read as {", ".join(parts)} (curly marks lost in scraping); '
                "offsets are those of the text as given")


def repair_marks(text: str) -> MarkRepair:
    """``text`` with the punctuation that scraping damaged into ``"?`` read as it was, when the text shows such
    damage; otherwise ``text`` unchanged."""
    if _DAMAGED.search(text) is None:
        return MarkRepair(text, 0, 0, 0)
    chars = list(text)
    closing = apostrophes = dashes = 0
    quote_open = False
    line_end = -1
    for m in _MARK.finditer(text):
        i = m.start()
        if i > line_end:  # quotes are paired within a paragraph: a new one starts with none open
            quote_open = False
            line_end = text.find("\n", i)
            line_end = len(text) if line_end < 0 else line_end
        if m.end() - i == 1:  # a sound mark: opens or closes
            quote_open = not quote_open
            continue
        before = text[i - 1] if i else " "
        if before.isspace():
            chars[i], chars[i + 1] = "—", " "
            dashes += 1
        elif quote_open and not _possessive_inside(text, i):
            chars[i], chars[i + 1] = "”", " "
            closing += 1
            quote_open = False
        else:
            chars[i], chars[i + 1] = "’", " "
            apostrophes += 1
    return MarkRepair("".join(chars), closing, apostrophes, dashes)


def _possessive_inside(text: str, i: int) -> bool:
    """Whether the damaged mark at ``i``, inside an open quote, is a plural's apostrophe ('the countries"?defence
    ministries') rather than the quote's end: an "s" before it, a lower-case word after it, and another mark later
    in the paragraph to close the quote."""
    if text[i - 1] != "s" or not _LOWER.match(text, i + 2):
        return False
    line_end = text.find("\n", i)
    return text.find('"', i + 2, line_end if line_end >= 0 else len(text)) >= 0
