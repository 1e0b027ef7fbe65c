"""Reported figures: the numbers a story gives, what they count and on whose authority.

Numbers that are not figures are left out by their grammar: dates ("March
25", "2022-05-22"), years, times, ordinals ("150th", "a hundred and
fiftieth"), identifiers ("COVID-19", "F-16") and numbers used as pronouns
("one of many").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import cast

from .attribution import Attribution, find_attributions
from .kinds import FigureKind
from .lexicon import MONTH_ABBREVIATIONS, MONTHS
from .model import Figure
from .noun_phrases import named_part
from .numbers import (
    CURRENCY_SIGN,
    SHARE,
    UNIT_SUFFIX,
    VAGUE_AMOUNT,
    NumberCandidate,
    fraction_value,
    longest_numbers,
    lower_same_length,
    number_candidates,
    parse_number_words,
)
from .patterns import lookback_start
from .segment import Segmentation
from .thresholds import MAX_AGE, YEARS

__all__ = ["Figure", "extract_figures", "figure_context", "parse_number_words"]

_MONTHS = [*MONTHS, *MONTH_ABBREVIATIONS]
_QUALIFIERS = [
    "as many as", "as much as", "as few as", "more than", "greater than", "fewer than", "less than",
    "at least", "at most", "up to", "upwards of", "close to", "nearly", "almost", "about", "around",
    "roughly", "approximately", "some", "over", "under", "an estimated", "estimated", "just over",
    "just under", "well over", "more than", "no fewer than", "no more than", "exceeding", "below", "above",
    "between", "from",
]
_QUALIFIER_WORDS = "|".join(sorted(map(re.escape, set(_QUALIFIERS)), key=len, reverse=True))
_QUALIFIER_RE = re.compile(rf"(?:^|\s)({_QUALIFIER_WORDS})\s*$", re.IGNORECASE)
# A qualifier right before a number that does not start the search window: it follows a space.
_QUALIFIER_AFTER_SPACE = re.compile(rf"\s({_QUALIFIER_WORDS})\s*$", re.IGNORECASE)
# Units a measure is written in after its number: temperature, length, area, weight, volume, speed, data, power.
MEASURE_UNIT = re.compile(
    r"^[\s-]*(degrees?(?:\s+(?:celsius|fahrenheit|c|f))?|celsius|fahrenheit|°[cf]|(?:square\s+|cubic\s+)?(?:metres?|meters?|"
    r"kilometres?|kilometers?|miles?|feet|foot|ft|inch(?:es)?|centimetres?|centimeters?|millimetres?|millimeters?|"
    r"yards?)|km|cm|mm|kilograms?|kilos?|kg|grams?|tonnes?|tons?|lbs?|litres?|liters?|gallons?|barrels?|acres?|"
    r"hectares?|mph|km/h|kph|knots|gigabytes?|megabytes?|terabytes?|gb|mb|tb|nanometres?|nanometers?|nm|"
    r"(?:kilo|mega|giga)?watts?|kw|mw|gw|kwh|mwh|gwh)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"^[\s-]*(?:more\s+)?(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b", re.IGNORECASE)
_MONEY_WORD = re.compile(r"^[\s-]*(dollars?|euros?|pounds?|rubles?|roubles?|yuan|yen|rupees?|hryvnias?)\b", re.IGNORECASE)
_STOP_AFTER = re.compile(
    r"^(?:to|in|on|at|for|by|with|from|into|who|which|that|were|was|are|is|have|has|had|will|would|"
    r"could|and|or|but|than|as|per|after|before|since|during|over|under|while|because|if|of|the|a|an|"
    r"here|there|this|these|those|it|its|their|his|her|our|been|being|be|not|also|said|say|says|later|"
    r"ago|earlier|apiece|each|—|–|-|"
    # a pronoun, an auxiliary, a time or a relative word ends the noun phrase: "them", "men did", "countries next
    # week", "children whose parents"
    r"them|they|we|you|him|he|she|did|do|does|can|may|might|must|should|shall|next|last|yesterday|today|"
    r"tomorrow|now|then|when|where|whose|whom)$",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(r"(?:" + "|".join(_MONTHS) + r")\.?\s+$", re.IGNORECASE)
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(_MONTHS) + r")\b", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_TIME_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|[AP]M\b)|:\d\d")
_IDENTIFIER_BEFORE = re.compile(
    r"[A-Za-z]-$|[A-Za-z]$|#\s*$|\b(?:No|Nos|Art|Article|Section|Page|Vol|Flight|Room|Route|Highway|Resolution)\.?\s+$"
)
_THIS_BEFORE = re.compile(r"\bthis\s+$", re.IGNORECASE)
_JOINED_UNIT = re.compile(r"-(?:year|month|week|day|hour|minute|second|mile|kilometre|kilometer|metre|meter|foot|inch"
                         r"|mph|km|storey|story|acre)\b(?:-old\b)?(?=\s+[a-z])")
_OF_THE = re.compile(r"\s*(?:of\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?)?")
_LEADING_DETERMINER = re.compile(r"^(?:the|a|an|its|their)\s+", re.IGNORECASE)
# How far around a number its qualifier, subject and unit are looked for.
_LOOKBACK = 200
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,.;:!?()“”\"]")

# "24 hours a day", "seven days a week", "365 days a year": all the time, no figure.
_ALL_THE_TIME = re.compile(r"[\s-]*(hours?\s+a\s+day|days?\s+a\s+week|days?\s+a\s+year|weeks?\s+a\s+year)\b", re.IGNORECASE)
_ALL_THE_TIME_VALUES = {"hours a day": 24, "days a week": 7, "days a year": 365, "weeks a year": 52}
# "He weighed 208 pounds": pounds of weight where the sentence speaks of weighing.
_WEIGHT = re.compile(r"\b(?:weigh|weighs|weighed|weighing|weight|heavy|heavier|lbs?)\b", re.IGNORECASE)
_POUNDS = re.compile(r"^[\s-]*(pounds?)\b", re.IGNORECASE)


# A person's age is no reported figure: "aged 62", "John Smith, 45, said" (a name, the number alone between commas).
# Also "a boy of 17", "now 28,", "the 35 year-old", "2 years old".
_AGE_BEFORE = re.compile(r"(?:\b[Aa]ged?\s+|[A-Z][\w'’-]+,\s*|\bnow\s+)$")
_AGE_AFTER = re.compile(r"\s*,")
_PERSON_OF = re.compile(r"\b(?:boy|girl|man|woman|teenager|child|son|daughter|youth)\s+of\s+$", re.IGNORECASE)
_YEARS_OLD = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b", re.IGNORECASE)


def _is_age(text: str, start: int, end: int, raw: str) -> bool:
    if not raw.replace(",", "").isdigit() and parse_number_words(raw) is None:
        return False
    if _YEARS_OLD.match(text, end):
        return True  # "a 2,500-year-old city", "a 13-month-old girl", "2 years old"
    if not (raw.isdigit() and int(raw) <= MAX_AGE):
        return False
    before = text[max(0, start - 40) : start]
    if not raw.isdigit():
        return False
    if _PERSON_OF.search(before):
        return True
    m = _AGE_BEFORE.search(before)
    return m is not None and (m.group().lower().startswith("age") or bool(_AGE_AFTER.match(text, end)))


def _is_date_range(text: str, start: int, low: float, high: float) -> bool:
    """Years ("between 2012 and 2015", "from 1965 to 2012") or days of a month ("May 14-15")."""
    if all(v.is_integer() and YEARS[0] <= v <= YEARS[1] for v in (low, high)):
        return True
    return high <= 31 and bool(_MONTH_BEFORE.search(text[max(0, start - 16) : start]))


# A capitalised word right before a bare number names something ("FTSE 100", "Barrio 18", "Phase 11", "News 19"):
# not at a sentence's start, where "Police" or "About" may open it.
_NAME_BEFORE = re.compile(r"(?:(?<=[\w,&]\s)|(?<=\())[A-Z][A-Za-z]*(?:['’]s)?:?\s$")
# A number word with a capital inside a sentence is part of a name: "the 13th Five-Year Plan".
_WORD_BEFORE = re.compile(r"[\w,][ \t]\Z")  # on the same line: a heading above is no title's word
# "per 1,000 cubic feet": the amount a rate is given for, not a figure.
_PER_BEFORE = re.compile(r"\bper\s+$", re.IGNORECASE)
# A number alone, closing a sentence: a list's numbering ("... will shake. 2.").
_NUMBERING = re.compile(r"\s*\.?\s*$")


# Digits grouped by spaces ("0800 555 111") or led by a zero are a phone number or a code; "two-time champion" and
# "a one-time vice president" say how often or what once was, not how many; a number alone in quote marks is a
# title ("25", the album).
_DIGIT_GROUP_AFTER = re.compile(r" \d")
_DIGIT_GROUP_BEFORE = re.compile(r"\d $")
_TIMES_AFTER = re.compile(r"-time\b", re.IGNORECASE)
_PHONE = re.compile(r"0\d{1,4}[-\s]\d{5,8}|\d{3,4}-\d{6,8}")
_OPENING_MARK = re.compile(r"[\"“‘']$")
_CLOSING_MARK = re.compile(r"[\"”’']")


def _is_date_or_id(text: str, start: int, end: int, raw: str) -> bool:
    before = text[max(0, start - 16) : start]
    after = text[end : end + 14]
    bare = raw.replace(",", "")
    digits = bare.lstrip("-−")
    if digits.isdigit() and ((len(digits) >= 3 and digits[0] == "0") or _DIGIT_GROUP_AFTER.match(after)
                             or _DIGIT_GROUP_BEFORE.search(before) or len(digits) >= 7):
        return True  # 0800 555 111; 9036100 (a count that large is written with commas or in words)
    if _TIMES_AFTER.match(after):
        return True  # two-time, one-time
    if _OPENING_MARK.search(before) and _CLOSING_MARK.match(after):
        return True  # "25"
    if len(raw) == 4 and raw.isdigit() and YEARS[0] <= int(raw) <= YEARS[1]:
        return True  # a year ("1,800" is a count: years take no comma)
    day = len(bare) <= 2 and bare.isdigit()
    if day and _MONTH_BEFORE.search(before):
        return True  # March 25
    if day and _MONTH_AFTER.match(after):
        return True  # 25 March
    if _ORDINAL_SUFFIX.match(after):
        return True
    if _TIME_AFTER.match(after):
        return True  # a time
    if _IDENTIFIER_BEFORE.search(before):
        return True  # COVID-19, F-16, No. 5
    if bare.isdigit() and (_NAME_BEFORE.search(text, max(0, start - 30), start) or _PER_BEFORE.search(before)):
        return True  # FTSE 100; per 1,000
    if raw[:1].isupper() and _WORD_BEFORE.search(before):
        return True  # Five-Year Plan
    if bare.isdigit() and _NUMBERING.fullmatch(text, end, min(len(text), end + 3)) and text[max(0, start - 2) : start] in (". ", "\n"):
        return True  # a list's numbering
    # "this 12 months": a singular demonstrative before a plural is no count.
    return bool(_THIS_BEFORE.search(before))


def _subject_after(text: str, pos: int, end: int) -> str:
    """The thing counted: the noun phrase right after the number ("of soldiers", "Russian troops")."""
    rest = text[pos : min(end, pos + _LOOKBACK)]
    # "a seven-year prison sentence", "a 76-minute press conference": the unit joined to the number describes what
    # follows, the thing the figure is about.
    rest = rest[joined.end() :] if (joined := _JOINED_UNIT.match(rest)) else rest
    rest = rest[cast("re.Match[str]", _OF_THE.match(rest)).end() :]  # everything in _OF_THE is optional: it always matches
    words: list[str] = []
    for tok in _WORD_TOKEN.findall(rest[:120]):
        # Another number opens another figure: "the ban covers seven countries" is no subject of the ban's days.
        if not tok[0].isalpha() or _STOP_AFTER.match(tok) or len(words) == 4 or (words and parse_number_words(tok)):
            break
        words.append(tok)
    # A participle after a plural noun is the verb ("30 people refused", "voters stayed home").
    for k in range(1, len(words)):
        if words[k].endswith(("ed", "ing")) and words[k][0].islower() and _plural(words[k - 1]):
            words = words[:k]
            break
    while len(words) > 1 and words[-1].endswith(("ed", "ing")) and words[-1][0].islower():
        words.pop()
    if len(words) == 1 and words[0].endswith(("ed", "ing", "ly")):
        return ""
    return " ".join(words)


def _plural(word: str) -> bool:
    return word.lower() in {"people", "men", "women", "children", "police", "staff", "personnel"} or (
        word.endswith("s") and not word.endswith("ss")
    )


_LEVEL_VERBS = ["goes", "went", "is", "was", "are", "were", "stands", "stood", "rose", "fell", "reached", "hit", "total", "totals", "totalled", "totaled", "climbed", "jumped", "exceed", "exceeds", "exceeded", "topped", "increased", "decreased", "dropped"]
_BEFORE_SUBJECT = re.compile(
    rf"(?:\b(?:[Tt]he|[Aa])\s+)?\b([A-Za-z][a-z]+(?:\s+[a-z]+)?)\s+(?:{'|'.join(_LEVEL_VERBS)})(?:\s+(?:to|at|by))?\s*$",
)
# The patterns above end with one of these words: a window ending otherwise is not searched.
_SUBJECT_BEFORE_LAST = frozenset([*_LEVEL_VERBS, "to", "at", "by"])
_AT_SUBJECT = re.compile(r"(?:estimate[sd]?|put|puts|placed?|places|numbered|number|count(?:ed)?)\s+((?:[A-Za-z]+\s+){0,3}?[a-z]+)\s+at\s*$")


def _subject_before(text: str, sent_start: int, pos: int, window_end: int) -> str:
    """What a number before it measures ("the death toll rose to 40"); the window ends before any qualifier."""
    left = text[lookback_start(text, sent_start, pos, _LOOKBACK) : window_end]
    last = left.rsplit(None, 1)[-1:]
    if not last or last[0] not in _SUBJECT_BEFORE_LAST:
        return ""
    m = _AT_SUBJECT.search(left) if last[0] == "at" else None
    if m:
        return _LEADING_DETERMINER.sub("", m.group(1))
    m = _BEFORE_SUBJECT.search(left)
    if m:
        return m.group(1)
    return ""


def _sentence_candidates(text: str, seg: Segmentation) -> Iterator[tuple[int, list[NumberCandidate]]]:
    """(sentence index, candidates) for the sentences of body paragraphs.

    Each paragraph is scanned once rather than sentence by sentence (most of
    the cost is the scan). A match that runs past its sentence's end (none
    does in ordinary text) sends the sentences it touches back to a scan of
    their own, so the result is exactly that of scanning sentence by sentence.
    """
    low = lower_same_length(text)
    sentences = seg.sentences
    by_paragraph: dict[int, list[int]] = {}
    for k, sent in enumerate(sentences):
        by_paragraph.setdefault(sent.paragraph, []).append(k)
    for p in seg.paragraphs:
        if p.kind != "body" or p.index not in by_paragraph:
            continue
        ks = by_paragraph[p.index]
        starts = [sentences[k].start for k in ks]
        found: list[list[NumberCandidate]] = [[] for _ in ks]
        rescan: set[int] = set()
        for cand, match_end in number_candidates(text, low, p.start, p.end):
            j = bisect_right(starts, cand[0]) - 1
            if j < 0:
                rescan.update(range(len(ks)))
                continue
            found[j].append(cand)
            if match_end > sentences[ks[j]].end:
                rescan.update(range(j, bisect_left(starts, match_end) + 1))
        for j, k in enumerate(ks):
            if j in rescan:
                sent = sentences[k]
                found[j] = [c for c, _ in number_candidates(text, low, sent.start, sent.end)]
            yield k, longest_numbers(found[j])


_LONGEST_QUALIFIER = max(map(len, _QUALIFIERS))


def _qualifier_before(text: str, floor: int, pos: int) -> tuple[str, int]:
    """The hedge right before a number ("more than", "nearly"), and where the window before it ends.

    Same as searching the whole look-back window for a qualifier that ends it,
    but only its last few characters are read: a qualifier ends at the window's
    last word, and none is longer than ``_LONGEST_QUALIFIER``.
    """
    lo = lookback_start(text, floor, pos, _LOOKBACK)
    j = pos
    while j > lo and text[j - 1].isspace():
        j -= 1
    tail = max(lo, j - _LONGEST_QUALIFIER - 1)
    m = (_QUALIFIER_RE if tail == lo else _QUALIFIER_AFTER_SPACE).search(text[tail:pos])
    return (m.group(1).lower(), tail + m.start()) if m else ("", pos)


class _Quotes:
    """The speaker of the quote holding a position: bisect over quote starts with the furthest end so far."""

    def __init__(self, quotes: list[tuple[int, int, str]]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q[0])
        self.starts = [q[0] for q in self.quotes]
        self.reach = list(accumulate((q[1] for q in self.quotes), max))

    def speaker_at(self, pos: int) -> str | None:
        k = bisect_right(self.starts, pos)
        first = bisect_right(self.reach, pos, 0, k)  # the first quote (by start) still open at pos
        return self.quotes[first][2] if first < k else None


def _source(atts: tuple[Attribution, ...], starts: list[int], quotes: _Quotes, sent: tuple[int, int],
            prev_sent: tuple[int, int] | None, pos: int) -> str:
    speaker = quotes.speaker_at(pos)
    if speaker is not None:
        return speaker
    lo, hi = bisect_left(starts, sent[0]), bisect_left(starts, sent[1])
    if lo < hi:
        # The nearest attribution in the sentence names the source (the earlier one on a tie).
        k = bisect_left(starts, pos, lo, hi)  # the nearest is just before or at pos; min keeps the earlier on a tie
        return named_part(min(atts[max(lo, k - 1) : min(hi, k + 1)], key=lambda a: abs(a.start - pos)).speaker)
    if prev_sent:
        k = bisect_left(starts, prev_sent[1]) - 1
        if k >= 0 and atts[k].start >= prev_sent[0]:
            return named_part(atts[k].speaker)
    return ""


def extract_figures(text: str, seg: Segmentation, quotes: list[tuple[int, int, str]] | None = None, *,
                    attributions: Mapping[int, tuple[Attribution, ...]] | None = None) -> list[Figure]:
    """Every reported figure in the article text.

    ``quotes`` are (start, end, speaker) spans: a number inside a quote is on
    the speaker's authority. ``attributions`` are each content paragraph's
    :func:`find_attributions`, when already read.
    """
    quoted = _Quotes(quotes or [])
    out: list[Figure] = []
    sentences = seg.sentences
    atts_cache: dict[int, tuple[tuple[Attribution, ...], list[int]]] = {}
    weighing: dict[int, bool] = {}
    paragraphs = {p.index: p for p in seg.paragraphs}
    for i, candidates in _sentence_candidates(text, seg):
        sent = sentences[i]
        for s, e, value, high, pct, money in candidates:
            raw = text[s:e]
            if not pct and not money and high is None and (_is_date_or_id(text, s, e, raw) or _is_age(text, s, e, raw)):
                continue
            if not pct and not money and high is not None and (_is_date_range(text, s, value, high)
                                                               or _PHONE.fullmatch(raw)):
                continue  # 2012-2015; 053-9430690
            if sent.paragraph not in atts_cache:
                p = paragraphs[sent.paragraph]
                atts = attributions[p.index] if attributions is not None else find_attributions(text, p.start, p.end)
                atts_cache[sent.paragraph] = atts, [a.start for a in atts]
            qualifier, window_end = _qualifier_before(text, sent.start, s)
            if qualifier == "between" and high is None:
                qualifier = ""
            after_text = text[e : min(sent.end, e + _LOOKBACK)]
            if (always := _ALL_THE_TIME.match(after_text)) and _ALL_THE_TIME_VALUES.get(always.group(1).lower()) == value:
                continue  # "24 hours a day, seven days a week": always, no figure
            # "Pounds" of weight where the sentence speaks of weighing (read once per sentence, and only then).
            weight = bool(_POUNDS.match(after_text)) and weighing.setdefault(
                i, _WEIGHT.search(text, sent.start, sent.end) is not None)
            kind = (FigureKind.PERCENT if pct else FigureKind.MONEY if money or (_MONEY_WORD.match(after_text) and not weight)
                    else FigureKind.COUNT)
            if kind == FigureKind.COUNT and SHARE.fullmatch(raw.lower()) and fraction_value(raw) == value:
                kind = FigureKind.SHARE
            elif kind == FigureKind.COUNT and _DURATION.match(after_text):
                kind = FigureKind.DURATION
            elif kind == FigureKind.COUNT and (UNIT_SUFFIX.search(raw) or MEASURE_UNIT.match(after_text) or weight):
                kind = FigureKind.MEASURE
            subject = _subject_after(text, e, sent.end) or _subject_before(text, sent.start, s, window_end)
            prev = sentences[i - 1] if i > 0 and sentences[i - 1].paragraph == sent.paragraph else None
            source = _source(
                *atts_cache[sent.paragraph], quoted, (sent.start, sent.end),
                (prev.start, prev.end) if prev else None, s,
            )
            out.append(Figure(s, e, raw, value, high, qualifier, str(kind), subject, source,
                              sent.paragraph, sent.start, sent.end, _unit(kind, raw, after_text),
                              VAGUE_AMOUNT.fullmatch(raw) is not None))
    return out


def _unit(kind: FigureKind, raw: str, after: str) -> str:
    """A figure's unit: the currency as written before or after it, "%", a duration's or a measure's unit."""
    if kind == FigureKind.PERCENT:
        return "%"
    if kind == FigureKind.SHARE:
        return "share"
    if kind == FigureKind.MONEY:
        sign = CURRENCY_SIGN.search(raw)
        word = _MONEY_WORD.match(after)
        return sign.group().strip() if sign else word.group(1).lower() if word else ""
    if kind == FigureKind.DURATION:
        # the kind is "duration" only when _DURATION matched ``after``
        return cast("re.Match[str]", _DURATION.match(after)).group(1).lower()
    if kind == FigureKind.MEASURE:
        suffix = UNIT_SUFFIX.search(raw)
        # the kind is "measure" only when one of the three matched (a weight is "pounds" after the number)
        unit = cast("re.Match[str]", suffix or MEASURE_UNIT.match(after) or _POUNDS.match(after))
        return (unit.group() if suffix else unit.group(1)).lower()
    return ""


def figure_context(text: str, start: int, end: int, sentence_start: int, sentence_end: int, *, width: int = 300) -> str:
    """A figure's sentence, or the part of it within ``width`` characters of the figure, marked with "…".

    A run-on "sentence" can be a whole page; comparing or showing all of it for
    each of its figures would cost time and memory in its length squared.
    """
    lo, hi = max(sentence_start, start - width), min(sentence_end, end + width)
    return ("…" if lo > sentence_start else "") + text[lo:hi] + ("…" if hi < sentence_end else "")
