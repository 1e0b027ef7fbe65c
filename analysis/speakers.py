"""Choosing the speaker of a quote among the attributions around it: a verb of saying before or after it,
"according to", words someone is said to have used, or the speaker of what came before."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .attribution import PASSIVE_BEFORE, Attribution, subject_of
from .segment import Segmentation

__all__ = ["SentenceStarts", "adjacent_paragraphs", "choose_attribution", "follows_on", "user_of_words"]


class SentenceStarts:
    """Where the sentence holding a position begins, from the segmenter's sentences (bisect per lookup)."""

    def __init__(self, seg: Segmentation) -> None:
        self.starts = [x.start for x in seg.sentences]

    def __call__(self, floor: int, pos: int) -> int:
        """The start of the sentence holding ``pos``, but not before ``floor``."""
        k = bisect_right(self.starts, pos) - 1
        return max(floor, min(self.starts[k], pos)) if k >= 0 else floor


_GAP_BREAK = re.compile(r"[!?“\"]")
_FULL_STOP = re.compile(r"(\S*)\.\s")


def _breaks_sentence(gap: str) -> bool:
    """Whether a full stop ends a sentence in ``gap``: not one after an initial or an abbreviation ("Harry J.
    Kazianis", "Dr. Keith Ahamad", "U.S.-based")."""
    return any(not (len(m.group(1)) <= 3 and m.group(1)[:1].isupper()) for m in _FULL_STOP.finditer(gap))


def _names_its_speaker(gap: str, speaker: str) -> bool:
    """Whether the words between a quote and its verb are its speaker with a role or an apposition: '," University
    political scientist Hamish Telford said', '," Harry J. Kazianis, director of defence studies at X, said'."""
    lead = gap.lstrip(" ,—–")
    return bool(speaker) and speaker[:1].isupper() and lead[: len(speaker) + 80].find(speaker) >= 0 and len(gap.split()) <= 30
_SENTENCE_END = re.compile(r"[.!?]\s")


_NEAREST = 20


def choose_attribution(quote: tuple[int, int], close_end: int, sent_start: int, text: str,
            atts: list[Attribution], starts: list[int]) -> tuple[Attribution | None, str]:
    """Pick the attribution of one quote among the paragraph's attributions."""
    q_open = quote[0] - 1
    # Only the few attributions nearest the quote can be its own: bounded work per quote.
    hi = bisect_right(starts, q_open)
    before = atts[max(bisect_left(starts, sent_start), hi - _NEAREST) : hi]
    leading = [a for a in before if a.end <= q_open and a.verb != "according to"]
    if leading:
        return leading[-1], "leading"
    inner = text[quote[0]:quote[1]].rstrip()
    first_after = bisect_left(starts, close_end)
    after = atts[first_after : first_after + 1]
    if after:
        a = after[0]
        gap = text[close_end : a.start]
        ended = inner.endswith(".") and not gap.strip(" ,")[:1].islower() and a.verb != "according to"
        if not ended and not _GAP_BREAK.search(gap) and not _breaks_sentence(gap) and (
                len(gap.split()) <= 8 or _names_its_speaker(gap, a.speaker)):
            return a, "trailing"
    lo = bisect_left(starts, sent_start)
    near = atts[lo : lo + _NEAREST]
    around = [a for a in near if a.verb == "according to"
              and not _SENTENCE_END.search(text, min(close_end, a.start), max(close_end, a.start))]
    if around:
        return around[0], "according"
    return None, ""


_USED_WORDS = re.compile(
    r"(?:\b(?:described\s+as|called|calling|dubbed|termed|labell?ed|branded|expressed|expressing|voiced|writing|"
    r"describ(?:ed|ing)\s+(?:[\w-]+\s+){1,4}as|called\s+(?:the|a|an|it|this|that|his|her|their|them|him)\s+(?:[\w-]+\s+){0,2})"
    r"|(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s?)\s*$"
)


def user_of_words(text: str, sent_start: int, open_at: int) -> str:
    """Who is said to have used the words quoted at ``open_at``: the owner in 'Musk's "production hell"', the
    subject in 'Pilon called the conclusion "bold"' or 'the department expressed "deep concern"'."""
    m = _USED_WORDS.search(text, max(sent_start, open_at - 80), open_at)
    if not m:
        return ""
    if m.group("owner"):
        return m.group("owner")
    if PASSIVE_BEFORE.search(text, max(sent_start, m.start() - 12), m.start()):
        return ""  # "the arrest was described as": by someone unnamed
    return subject_of(text, m.start(), sent_start)




_FOLLOW_ON_WORDS = 5  # fewer words quoted without a speaker are a phrase (a scare quote, a title), not a statement
_FOLLOW_ON_PARAGRAPHS = 2


def follows_on(text: str, quote: tuple[int, int], body_index: dict[int, int], previous: int | None,
                paragraph: int) -> bool:
    """Whether an unattributed quote continues the previous speaker: a whole sentence, at most two body
    paragraphs after their quote."""
    words = text[quote[0] : quote[1]].split()
    if previous is None or len(words) < _FOLLOW_ON_WORDS or not words[-1].endswith((".", "!", "?", ".”", ",")):
        return False
    return 0 <= body_index.get(paragraph, 0) - body_index.get(previous, -99) <= _FOLLOW_ON_PARAGRAPHS


def adjacent_paragraphs(seg: Segmentation, a: int, b: int) -> bool:
    """Whether paragraph ``b`` follows ``a`` with only furniture or nothing between."""
    return all(p.kind not in ("body",) for p in seg.paragraphs[a + 1 : b])
