"""Quote marks: those damaged by scraping read as the marks they were, and quotes paired.

Quote marks are paired within a paragraph; a paragraph that opens a quote and
never closes it continues into the next paragraph only when that one opens
with a quote mark (the print convention for long quotes), so a stray mark
cannot swallow the rest of an article. Apostrophes and inch marks are told
apart from quote marks by the characters around them.


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
from dataclasses import dataclass
from typing import NamedTuple

from .segment import Paragraph, Segmentation

__all__ = ["DOUBLE_OPEN", "MarkRepair", "QuoteSpan", "quote_inner", "quote_spans", "repair_marks"]

_DAMAGED = re.compile(r'"\?(?=[^\W\d_])')  # a quote mark, a question mark, a letter: never in sound text
# A hyphen between a comma or closing mark and a lower-case word: a space lost in scraping (never sound hyphenation).
_HYPHEN_FOR_SPACE = re.compile(r'-(?<=[,;:"”’]-)(?=[a-z])')  # the hyphen first, so that the scan skips in C
_MAYBE_DAMAGED = re.compile(r'"\??')
_LOWER = re.compile(r"[a-z]")


class MarkRepair(NamedTuple):
    text: str  # the text with its damaged marks read as what they were, offsets unchanged
    closing: int  # '"?' read as a closing quote mark
    apostrophes: int  # '"?' read as an apostrophe
    dashes: int  # '"?' read as a dash
    spaces: int  # a hyphen read as the space it stands for ('burrow,"-says')

    @property
    def note(self) -> str:
        """What was read differently, for the document's notes; "" when nothing was."""
        parts = [f"{n} {what}" for n, what in ((self.closing, "closing quote marks"), (self.apostrophes, "apostrophes"),
                                               (self.dashes, "dashes")) if n]
        notes = [f'"? was read as {", ".join(parts)} (curly marks lost in scraping)'] if parts else []
        if self.spaces:
            notes.append(f"{self.spaces} hyphens after punctuation were read as spaces")
        return f"damaged punctuation: {'; '.join(notes)}; offsets are those of the text as given" if notes else ""


def repair_marks(text: str) -> MarkRepair:
    """``text`` with the punctuation that scraping damaged (into ``"?``, or a space into a hyphen) read as it was,
    when the text shows such damage; otherwise ``text`` unchanged."""
    damaged = _DAMAGED.search(text) is not None
    if not damaged and _HYPHEN_FOR_SPACE.search(text) is None:
        return MarkRepair(text, 0, 0, 0, 0)
    chars = list(text)
    closing = apostrophes = dashes = 0
    quote_open = False
    line_end = -1
    for m in _MAYBE_DAMAGED.finditer(text) if damaged else ():
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
    # '"...burrow,"-says Barthel', 'Meanwhile,-the': a hyphen lost a space after punctuation.
    spaces = 0
    for m in _HYPHEN_FOR_SPACE.finditer(text):
        chars[m.start()] = " "
        spaces += 1
    return MarkRepair("".join(chars), closing, apostrophes, dashes, spaces)


def _possessive_inside(text: str, i: int) -> bool:
    """Whether the damaged mark at ``i``, inside an open quote, is a plural's apostrophe ('the countries"?defence
    ministries') rather than the quote's end: an "s" before it, a lower-case word after it, and another mark later
    in the paragraph to close the quote."""
    if text[i - 1] != "s" or not _LOWER.match(text, i + 2):
        return False
    line_end = text.find("\n", i)
    return text.find('"', i + 2, line_end if line_end >= 0 else len(text)) >= 0


# --- pairing quote marks --------------------------------------------------------------------------------------------

DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_OPEN_CONTEXT = " \t\n([{—–-/:;,"
_MARK = re.compile("[\"'“”«»„‘’]")


@dataclass(slots=True)
class QuoteSpan:
    open_at: int  # position of the opening mark
    close_at: int  # position of the closing mark (== paragraph end when continued)
    paragraph: int
    continued: bool = False


def _double_role(text: str, i: int, start: int, end: int) -> str | None:
    """Whether the straight double quote at ``i`` opens, closes, or is an inch mark."""
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isdigit() and not nxt.isalnum():
        return None  # 5'10" or a 12" record
    if prev in _OPEN_CONTEXT and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]—–-" or i + 1 >= end):
        return "close"
    return "either"


def _single_role(text: str, i: int, start: int, end: int) -> str | None:
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if prev.isalnum() and nxt.isalnum():
        return None  # didn't, O'Brien
    if text[i] in "'’" and nxt.isdigit() and not prev.isalnum():
        return None  # the '90s
    if prev in _OPEN_CONTEXT and nxt.isalnum():
        return "open" if text[i] in "'‘" else None
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]—–-" or i + 1 >= end):
        return "close" if text[i] in "'’" else None
    return None


def _pair_paragraph(text: str, p: Paragraph, continuing: bool) -> tuple[list[QuoteSpan], bool]:
    """Quote spans of one paragraph, and whether its last quote runs on to the next."""
    spans: list[QuoteSpan] = []
    open_at: int | None = p.start - 1 if continuing else None
    kind = "double" if continuing else None
    single_open: int | None = None
    i = p.start
    if continuing and text[p.start] in DOUBLE_OPEN + '"':
        open_at, i = p.start, p.start + 1
    for mark in _MARK.finditer(text, i, p.end):  # only the marks matter: skip the letters between them
        i = mark.start()
        c = text[i]
        if c in DOUBLE_OPEN or c in _DOUBLE_CLOSE or c == '"':
            role = "open" if c in DOUBLE_OPEN else "close" if c in _DOUBLE_CLOSE else _double_role(text, i, p.start, p.end)
            if role == "either":
                role = "close" if kind == "double" else "open"
            if role == "open" and kind != "double":
                open_at, kind, single_open = i, "double", None
            elif role == "open" and kind == "double":
                open_at = i  # the earlier mark was never closed: drop it
            elif role == "close" and kind == "double" and open_at is not None:
                spans.append(QuoteSpan(open_at, i, p.index))
                open_at, kind = None, None
        elif c in "'‘’" and kind != "double":
            role = _single_role(text, i, p.start, p.end)
            if role == "open" and single_open is None:
                single_open = i
            elif role == "close" and single_open is not None:
                if i - single_open <= 300:
                    spans.append(QuoteSpan(single_open, i, p.index))
                single_open = None
    # An unclosed quote that opened at the paragraph's start may run on.
    runs_on = kind == "double" and open_at is not None and open_at == p.start
    if runs_on and open_at is not None:  # runs_on already implies open_at is set
        spans.append(QuoteSpan(open_at, p.end, p.index, continued=True))
    return spans, runs_on


def quote_spans(text: str, seg: Segmentation) -> list[QuoteSpan]:
    # Headings are the outlet's own words: quote marks there are scare quotes.
    content = [p for p in seg.content if p.kind == "body"]
    out: list[QuoteSpan] = []
    carry = False
    for k, p in enumerate(content):
        starts_with_mark = text[p.start] in DOUBLE_OPEN + '"'
        spans, runs_on = _pair_paragraph(text, p, carry and starts_with_mark)
        if runs_on:
            nxt = content[k + 1] if k + 1 < len(content) else None
            if nxt is None or text[nxt.start] not in DOUBLE_OPEN + '"':
                spans = spans[:-1]  # nothing continues it: an unbalanced mark
                runs_on = False
        out.extend(spans)
        carry = runs_on
    return out


def quote_inner(text: str, s: QuoteSpan) -> tuple[int, int]:
    a, b = s.open_at + 1, s.close_at
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
