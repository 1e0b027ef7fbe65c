"""Reported figures: the numbers a story gives, what they count and on whose authority.

Numbers that are not figures are left out by their grammar: dates ("March
25", "2022-05-22"), years, times, ordinals ("150th", "a hundred and
fiftieth"), identifiers ("COVID-19", "F-16") and numbers used as pronouns
("one of many").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .attribution import Attribution, find_attributions, named_part
from .segment import Segmentation, lookback_start

__all__ = ["Figure", "extract_figures", "figure_context", "parse_number_words"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "tens of thousands": 10_000,
          "hundreds of thousands": 100_000, "millions": 1_000_000, "billions": 1_000_000_000, "a dozen": 12,
          "dozen": 12, "a couple": 2}
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]

_NUMWORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_ORDWORD = "|".join(_ORDINAL_WORDS)
# A run of number words, possibly ending in an ordinal ("a hundred and fiftieth").
_WORD_NUMBER = re.compile(
    rf"\b(?:a\s+)?(?:(?:{_NUMWORD})(?:[\s-]+(?:and\s+)?)?)*(?:{_NUMWORD}|{_ORDWORD})\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(?:tens of thousands|hundreds of thousands|dozens|hundreds|thousands|millions|billions|a dozen)\b", re.IGNORECASE)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_SUFFIX = r"(?:\s*(?:million|billion|trillion|thousand|bn|m|k)\b)?"
_CURRENCY = r"(?:[$£€¥₽]|US\$|USD\s?|EUR\s?|GBP\s?)"
_PERCENT = r"(?:\s?%|\s?percent\b|\s?per\s?cent\b)"
# Powers of ten as plain text writes them: "10^6", "3.2 x 10^6".
_POWER = r"(?:\s?[x×]\s?10\^|\^)[-−]?\d{1,2}"
_ONE_NUMBER = rf"{_CURRENCY}?(?:{_DIGITS})(?:{_POWER})?{_SCALE_SUFFIX}{_PERCENT}?"
_NUMBER = re.compile(
    rf"(?<![\w.,/:-])(?P<low>{_ONE_NUMBER})"
    rf"(?:\s*(?:to|-|–|and)\s*(?P<high>{_ONE_NUMBER}))?(?![\w/]|[.,]\d|-\w)"
)
_QUALIFIERS = [
    "as many as", "as much as", "as few as", "more than", "greater than", "fewer than", "less than",
    "at least", "at most", "up to", "upwards of", "close to", "nearly", "almost", "about", "around",
    "roughly", "approximately", "some", "over", "under", "an estimated", "estimated", "just over",
    "just under", "well over", "more than", "no fewer than", "no more than", "exceeding", "below", "above",
    "between", "from",
]
_QUALIFIER_RE = re.compile(r"(?:^|\s)(" + "|".join(sorted(map(re.escape, set(_QUALIFIERS)), key=len, reverse=True)) + r")\s*$", re.IGNORECASE)
_DURATION = re.compile(r"^\s*(?:more\s+)?(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)\b", re.IGNORECASE)
_MONEY_WORD = re.compile(r"^\s*(dollars?|euros?|pounds?|rubles?|roubles?|yuan|yen|rupees?|hryvnias?)\b", re.IGNORECASE)
_STOP_AFTER = re.compile(
    r"^(?:to|in|on|at|for|by|with|from|into|who|which|that|were|was|are|is|have|has|had|will|would|"
    r"could|and|or|but|than|as|per|after|before|since|during|over|under|while|because|if|of|the|a|an|"
    r"here|there|this|these|those|it|its|their|his|her|our|been|being|be|not|also|said|say|says|later|"
    r"ago|earlier|apiece|each|—|–|-)$",
    re.IGNORECASE,
)
# How far around a number its qualifier, subject and unit are looked for.
_LOOKBACK = 200
_WORD_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,.;:!?()“”\"]")


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    value: float
    high: float | None
    qualifier: str
    kind: str  # count, percent, duration, money
    subject: str
    source: str
    paragraph: int
    sentence_start: int
    sentence_end: int


def parse_number_words(words: str) -> float | None:
    """Value of an English number phrase: "two", "a hundred", "thirty-five thousand"."""
    total, current, seen = 0, 0, False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("a", "and", ""):
            if w == "a":
                current = max(current, 1)
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _to_float(s: str) -> tuple[float, bool]:
    """Value of a digit number, and whether it is a percentage."""
    low = s.lower()
    pct = bool(re.search(r"%|per\s?cent", low))
    m = re.search(_DIGITS, s)
    value = float(m.group().replace(",", "")) if m else 0.0
    power = re.search(r"([x×]\s?10)?\^([-−]?\d+)", s)
    if power:
        exponent = int(power.group(2).replace("−", "-"))
        if power.group(1):
            value *= 10.0**exponent
        elif value > 0 and abs(exponent * math.log10(value)) < 300:  # 2^10; never a float overflow
            value **= exponent
    for word, mult in (("trillion", 1e12), ("billion", 1e9), ("bn", 1e9), ("million", 1e6), ("thousand", 1e3)):
        if re.search(rf"\d\s*{word}\b", low):
            value *= mult
            break
    else:
        if re.search(r"\d\s*m\b", low) and re.search(_CURRENCY, s):
            value *= 1e6
        elif re.search(r"\d\s*k\b", low):
            value *= 1e3
    return value, pct


def _is_date_or_id(text: str, start: int, end: int, raw: str) -> bool:
    before = text[max(0, start - 16) : start]
    after = text[end : end + 14]
    bare = raw.replace(",", "")
    if re.fullmatch(r"\d{4}", bare) and 1800 <= int(bare) <= 2100:
        return True  # a year
    if re.search(r"(?:" + "|".join(_MONTHS) + r")\.?\s+$", before, re.IGNORECASE) and re.fullmatch(r"\d{1,2}", bare):
        return True  # March 25
    if re.match(r"\s+(?:" + "|".join(_MONTHS) + r")\b", after, re.IGNORECASE) and re.fullmatch(r"\d{1,2}", bare):
        return True  # 25 March
    if re.match(r"^(?:st|nd|rd|th)\b", after):
        return True
    if re.match(r"^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|[AP]M\b)", after) or re.match(r"^:\d\d", after):
        return True  # a time
    if re.search(r"[A-Za-z]-$|[A-Za-z]$|#\s*$|\b(?:No|Nos|Art|Article|Section|Page|Vol|Flight|Room|Route|Highway|Resolution)\.?\s+$", before):
        return True  # COVID-19, F-16, No. 5
    # "this 12 months": a singular demonstrative before a plural is no count.
    return bool(re.search(r"\bthis\s+$", before, re.IGNORECASE))


def _subject_after(text: str, pos: int, end: int) -> str:
    """The thing counted: the noun phrase right after the number ("of soldiers", "Russian troops")."""
    rest = text[pos : min(end, pos + _LOOKBACK)]
    m = re.match(r"\s*(?:of\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+)?)?", rest)
    rest = rest[m.end() :] if m else rest
    words: list[str] = []
    for tok in _WORD_TOKEN.findall(rest[:120]):
        if not tok[0].isalpha() or _STOP_AFTER.match(tok) or len(words) == 4:
            break
        words.append(tok)
    # A participle after a plural noun is the verb ("30 people refused", "voters stayed home").
    for k in range(1, len(words)):
        if re.search(r"(?:ed|ing)$", words[k]) and words[k][0].islower() and _plural(words[k - 1]):
            words = words[:k]
            break
    while len(words) > 1 and re.search(r"(?:ed|ing)$", words[-1]) and words[-1][0].islower():
        words.pop()
    if len(words) == 1 and re.search(r"ed$|ing$|ly$", words[0]):
        return ""
    return " ".join(words)


def _plural(word: str) -> bool:
    return word.lower() in {"people", "men", "women", "children", "police", "staff", "personnel"} or (
        word.endswith("s") and not word.endswith("ss")
    )


_BEFORE_SUBJECT = re.compile(
    r"(?:the\s+|a\s+)?([a-z]+(?:\s+[a-z]+)?)\s+(?:goes|went|is|was|are|were|stands|stood|rose|fell|reached|"
    r"hit|totals?|totalled|totaled|climbed|jumped|exceeds?|exceeded|topped|increased|decreased|dropped)"
    r"(?:\s+(?:to|at|by))?\s*$",
)
_AT_SUBJECT = re.compile(r"(?:estimate[sd]?|put|puts|placed?|places|numbered|number|count(?:ed)?)\s+((?:[A-Za-z]+\s+){0,3}?[a-z]+)\s+at\s*$")


def _subject_before(text: str, sent_start: int, pos: int) -> str:
    left = text[lookback_start(text, sent_start, pos, _LOOKBACK) : pos]
    left = re.sub(_QUALIFIER_RE, "", left)
    m = _AT_SUBJECT.search(left)
    if m:
        return re.sub(r"^(?:the|a|an|its|their)\s+", "", m.group(1), flags=re.IGNORECASE)
    m = _BEFORE_SUBJECT.search(left)
    if m:
        return m.group(1)
    return ""


def _candidates(text: str, start: int, end: int) -> list[tuple[int, int, float, float | None, bool, bool]]:
    """(start, end, value, high, is_percent, is_money) for numbers in digits, words and vague amounts."""
    out = []
    for m in _NUMBER.finditer(text, start, end):
        low, pct = _to_float(m.group("low"))
        high = None
        if m.group("high"):
            high, pct_h = _to_float(m.group("high"))
            pct = pct or pct_h
            if high <= low:  # "1-2" as a score, or a list: keep the first number only
                out.append((m.start("low"), m.end("low"), low, None, pct, bool(re.match(_CURRENCY, m.group("low")))))
                continue
        out.append((m.start(), m.end(), low, high, pct, bool(re.match(_CURRENCY, m.group()))))
    for m in _WORD_NUMBER.finditer(text, start, end):
        phrase = m.group()
        if re.search(rf"(?:{_ORDWORD})$", phrase, re.IGNORECASE):
            continue  # an ordinal, or a number word that is part of one
        value = parse_number_words(phrase)
        if value is None or re.fullmatch(r"(?:a\s+)?(?:hundred|thousand|million|billion)", phrase, re.IGNORECASE):
            continue
        if re.fullmatch(r"one", phrase, re.IGNORECASE):
            # "one of many", "one soldier": a pronoun or determiner, not a figure.
            continue
        s = m.start() + (2 if phrase.lower().startswith("a ") else 0)
        pct = bool(re.match(r"\s*(?:%|percent|per\s?cent)", text[m.end() : m.end() + 9], re.IGNORECASE))
        out.append((s, m.end(), value, None, pct, False))
    for m in _VAGUE_RE.finditer(text, start, end):
        out.append((m.start(), m.end(), float(_VAGUE[m.group().lower()]), None, False, False))
    out.sort()
    # Keep the longest of overlapping candidates.
    kept: list[tuple[int, int, float, float | None, bool, bool]] = []
    for c in out:
        if kept and c[0] < kept[-1][1]:
            if c[1] - c[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


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


def extract_figures(text: str, seg: Segmentation, quotes: list[tuple[int, int, str]] | None = None) -> list[Figure]:
    """Every reported figure in the article text.

    ``quotes`` are (start, end, speaker) spans: a number inside a quote is on
    the speaker's authority.
    """
    quoted = _Quotes(quotes or [])
    out: list[Figure] = []
    sentences = seg.sentences
    atts_cache: dict[int, tuple[tuple[Attribution, ...], list[int]]] = {}
    paragraphs = {p.index: p for p in seg.paragraphs}
    for i, sent in enumerate(sentences):
        if paragraphs[sent.paragraph].kind != "body":
            continue
        for s, e, value, high, pct, money in _candidates(text, sent.start, sent.end):
            raw = text[s:e]
            if not pct and not money and high is None and _is_date_or_id(text, s, e, raw):
                continue
            if sent.paragraph not in atts_cache:
                p = paragraphs[sent.paragraph]
                atts = find_attributions(text, p.start, p.end)
                atts_cache[sent.paragraph] = atts, [a.start for a in atts]
            q = _QUALIFIER_RE.search(text[lookback_start(text, sent.start, s, _LOOKBACK) : s])
            qualifier = q.group(1).lower() if q else ""
            if qualifier == "between" and high is None:
                qualifier = ""
            after_text = text[e : min(sent.end, e + _LOOKBACK)]
            kind = "percent" if pct else "money" if money or _MONEY_WORD.match(after_text) else "count"
            if kind == "count" and _DURATION.match(after_text):
                kind = "duration"
            subject = _subject_after(text, e, sent.end) or _subject_before(text, sent.start, s)
            prev = sentences[i - 1] if i > 0 and sentences[i - 1].paragraph == sent.paragraph else None
            source = _source(
                *atts_cache[sent.paragraph], quoted, (sent.start, sent.end),
                (prev.start, prev.end) if prev else None, s,
            )
            out.append(Figure(s, e, raw, value, high, qualifier, kind, subject, source,
                              sent.paragraph, sent.start, sent.end))
    return out


def figure_context(text: str, start: int, end: int, sentence_start: int, sentence_end: int, *, width: int = 300) -> str:
    """A figure's sentence, or the part of it within ``width`` characters of the figure, marked with "…".

    A run-on "sentence" can be a whole page; comparing or showing all of it for
    each of its figures would cost time and memory in its length squared.
    """
    lo, hi = max(sentence_start, start - width), min(sentence_end, end + width)
    return ("…" if lo > sentence_start else "") + text[lo:hi] + ("…" if hi < sentence_end else "")
