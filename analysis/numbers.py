"""Number grammar of English news: how a number is written (digits, words, ranges, percentages, sums of money,
powers of ten, vague amounts) and what it is worth."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence

import pandas as pd

from .patterns import StartScan, words_pattern
from .thresholds import YEARS

__all__ = ["CURRENCY_SIGN", "SHARE", "UNIT_SUFFIX", "VAGUE_AMOUNT", "fraction_value", "NumberCandidate", "longest_numbers", "lower_same_length", "number_candidates", "parse_number_words"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1_000, "tens of thousands": 10_000,
          "hundreds of thousands": 100_000, "hundreds of millions": 100_000_000, "millions": 1_000_000,
          "billions": 1_000_000_000, "a dozen": 12, "dozen": 12}
_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth", "thousandth", "millionth"]

_NUMWORD = words_pattern([*_UNITS, *_TENS, *_SCALES])
_ORDWORD = words_pattern(_ORDINAL_WORDS)
# Word patterns run on the lower-cased text: IGNORECASE makes a scan several times slower.
# A run of number words, possibly ending in an ordinal ("a hundred and fiftieth").
# "and a half" only before a scale word: "four and a half million".
_WORD_NUMBER = (rf"(?:a\s+)?(?:{_NUMWORD}(?:[\s-]+(?:and\s+(?:a\s+half\s+(?=hundred|thousand|million|billion|trillion))?)?)?)*"
                rf"(?:{_NUMWORD}|{_ORDWORD})\b")
_VAGUE_WORDS = (r"tens of thousands|hundreds of thousands|hundreds of millions|dozens|hundreds|thousands|millions|billions"
                r"|a dozen")
# Amounts no number is written for: their value is the order of magnitude they name, and they are marked vague, never
# compared as exact figures ("a dozen" is twelve, near enough).
VAGUE_AMOUNT = re.compile(r"(?i:tens of thousands|hundreds of thousands|hundreds of millions|dozens|hundreds|thousands"
                          r"|millions|billions)")
# Vague amounts and number words in one scan (no match of one can overlap a match of the other). The
# lookahead for the words either can start with, as a trie, turns away most words ("the", "said") in a few
# letters, before any branch is tried; the word boundary before it turns away the positions inside words.
_FIRST_WORDS = words_pattern([*_UNITS, *_TENS, *_SCALES, *_ORDINAL_WORDS,
                              *{v.split()[0] for v in _VAGUE_WORDS.split("|")} - {"a"}])  # "a " is looked for alone
_WORDS_OF_NUMBER = StartScan(rf"(?=a\s|{_FIRST_WORDS})(?:(?P<vague>{_VAGUE_WORDS})\b|(?P<words>{_WORD_NUMBER}))")
_ORDINAL_END = re.compile(rf"(?:{_ORDWORD})$")
_SCALE_WORD_END = re.compile(r"(?:hundred|thousand|million|billion|trillion)$")
_SCALE_ALONE = re.compile(r"(?:a\s+)?(?:hundred|thousand|million|billion)")
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent|per\s?cent)", re.IGNORECASE)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# "$25 bln", "222-million-euro": a scale word after a space, or joined by a hyphen in a compound.
_SCALE_SUFFIX = r"(?:\s*(?:million|billion|trillion|thousand|bn|bln|mln|tn|m|k)\b|-(?:million|billion|trillion|thousand)\b)?"
# Currency signs and codes as news writes them before a sum: "$", "US$", "$US", "A$", "RM", "Rs", "CHF ", "EUR ".
_CURRENCY = r"(?:US\$|\$US|A\$|C\$|NZ\$|HK\$|S\$|R\$|RM|Rs\.?\s?|USD\s?|EUR\s?|GBP\s?|CHF\s?|JPY\s?|INR\s?|[$£€¥₽₹])"
_PERCENT = r"(?:\s?%|\s?percent\b|\s?per\s?cent\b|pc\b)"  # "24pc" in British papers
# A unit written straight after the digits ("54GB", "121ft", "30mm"): the number is a measure.
_UNIT_SUFFIX = r"(?:(?i:mm|cm|km|ft|kg|lbs?|mph|kph|gb|mb|tb|kb|nm|kwh|mwh|gwh|kw|mw|gw|ghz|mhz)\b|[CF]\b)"  # "30C": degrees
# Powers of ten as plain text writes them: "10^6", "3.2 x 10^6".
_POWER = r"(?:\s?[x×]\s?10\^|\^)[-−]?\d{1,2}"
_ONE_NUMBER = rf"{_CURRENCY}?(?:{_DIGITS})(?:{_POWER})?(?:{_UNIT_SUFFIX}|{_SCALE_SUFFIX}{_PERCENT}?)"
# A minus sign starts a number only after a space or the start ("-260 degrees"); elsewhere a hyphen joins ("F-16").
NUMBER = re.compile(
    rf"(?<![\w.,/:-])(?=[-−\d$£€¥₽₹UEGACNHSRJI])(?=[-−\d$£€¥₽₹]|.[A-Z$s])(?P<low>(?:[-−](?=\d))?{_ONE_NUMBER})"
    # A hyphen joins a range only spaced alike on both sides: "50-60", "50 - 60"; "Stoxx 50 -1.3%" is two numbers.
    rf"(?:(?:\s*(?:to|and|or)\s*|\s+[-–]\s+|[-–])(?P<high>{_ONE_NUMBER}))?(?![\w/]|[.,]\d|-(?![a-z])\w)"  # "21-member" is 21
)
_DIGIT_RUN = re.compile(r"\d+")
_BEFORE_FIRST_DIGIT = 4  # the most characters a number has before its first digit: "USD 5", "Rs. 5", "NZ$5"


def find_numbers(text: str, start: int, end: int) -> Iterator[re.Match]:
    """The matches of ``NUMBER`` in ``text[start:end]``, as ``finditer`` finds them, but tried only just before
    each run of digits (every number has one): three times faster than trying every position."""
    last = start
    for digits in _DIGIT_RUN.finditer(text, start, end):
        first_digit = digits.start()
        if first_digit < last:
            continue
        for pos in range(max(last, first_digit - _BEFORE_FIRST_DIGIT), first_digit + 1):
            if m := NUMBER.match(text, pos, end):
                yield m
                last = m.end()
                break
_NUMBER_WORD_BREAK = re.compile(r"[\s-]+")
_SCORE = re.compile(r"\d{1,2}\s*[-–]\s*\d{1,2}")
_TO_BETWEEN = re.compile(r"\s*to\s*")
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                 "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10}
_SMALL = words_pattern(["a", "one", *[w for w in _UNITS if _UNITS[w] >= 2 and _UNITS[w] <= 9]])
# Shares are found from their rare words (a denominator, "50/50") or after a number ("1 in 9"), never by trying every
# position: the scans that find numbers are most of extraction's cost.
# Plain literals are found fastest, one by one with str.find (twice as fast as one regular expression of all seven);
# where a word starts and ends is checked on the few hits.
_SHARE_ANCHORS = ("half", "third", "quarter", "fifth", "sixth", "tenth", "50/50")
_NUMERATOR_BEFORE = re.compile(rf"\b({_SMALL})[\s-]+$")
_HALF_OF = re.compile(r"half(?=\s+(?:of|a|an|the)\b)")
_PERIOD_BEFORE = re.compile(r"\b(?:first|second|the)\s+$")
_IN_TAIL = re.compile(rf"\s+in\s+(\d{{1,4}}|{words_pattern([*_UNITS, *_TENS])})\b(?!\s*(?:%|percent|per\b)|[.,]\d)")
SHARE = re.compile(rf"(?:{_SMALL})[\s-]+(?:{words_pattern(list(_DENOMINATORS))})|half|50/50"
                   rf"|(?:\d{{1,3}}|{_SMALL})\s+in\s+(?:\d{{1,4}}|{words_pattern([*_UNITS, *_TENS])})")
# "one to three years", "four or even five parties", "four to five thousand people" (the scale is both ends').
_RANGE_TAIL = re.compile(rf"\s+(?:to|or)\s+(?:even\s+|perhaps\s+|possibly\s+|maybe\s+)?({_NUMWORD})"
                         r"(?:\s+(hundred|thousand|million|billion))?\b")
_UNIT_PAIR = re.compile(rf"({words_pattern(list(_UNITS))})-({words_pattern(list(_UNITS))})")
_PERCENT_SIGN = re.compile(r"%|per\s?cent|\dpc\b")
UNIT_SUFFIX = re.compile(_UNIT_SUFFIX + "$")
_DIGITS_RE = re.compile(_DIGITS)
CURRENCY_SIGN = re.compile(_CURRENCY)
_POWER_RE = re.compile(r"([x×]\s?10)?\^([-−]?\d+)")
_SCALE_VALUES = {"trillion": 1e12, "tn": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "million": 1e6, "mln": 1e6,
                 "thousand": 1e3}
_SCALE_WORD = re.compile(r"\d[\s-]*(trillion|tn|billion|bn|bln|million|mln|thousand)\b")  # one scale word each
_MILLION_M = re.compile(r"\d\s*m\b")
# What "m" after a number counts in millions: a plural or a unit of weight or volume ("35m devices", "1.2m tons").
_CHANGE_BEFORE = re.compile(r"\b(?:rose|rise|rises|fell|fall|falls|climbed|dropped|jumped|slipped|gained|lost|declined"
                            r"|grew|increased|decreased|slid|surged|plunged|sank|up|down|added)(?:\s+by)?\s+$")
_COUNTED_AFTER = re.compile(r"\s+(?:[a-z]+[^s\W]s\b|people\b|tons?\b|tonnes?\b|barrels?\b)")
_THOUSAND_K = re.compile(r"\d\s*k\b")


NumberCandidate = tuple[int, int, float, "float | None", bool, bool]  # start, end, value, high, is_percent, is_money


def number_candidates(text: str, low: str, start: int, end: int) -> list[tuple[NumberCandidate, int]]:
    """Numbers in digits, words and vague amounts in ``text[start:end]``, each with where its match ended.

    ``low`` is the text lower-cased, with the same offsets.
    """
    out: list[tuple[NumberCandidate, int]] = []
    for m in find_numbers(text, start, end):
        first, last, found = m.start(), m.end(), m.group()
        low_value, pct = _to_float(m.group("low"))
        if low.endswith("minus ", start, first) and low_value > 0:  # "minus 233 Celsius"
            low_value = -low_value
        high = None
        if not CURRENCY_SIGN.match(found) and _MILLION_M.search(m.group("low").lower()) \
                and _COUNTED_AFTER.match(text, m.end("low")):
            low_value *= 1e6  # "1.2m tons", "35m devices": "m" before what is counted is million, not metres
        if m.group("high"):
            high, pct_h = _to_float(m.group("high"))
            if pct and _TO_BETWEEN.fullmatch(text, m.end("low"), m.start("high")) \
                    and _CHANGE_BEFORE.search(low, max(start, first - 24), first):
                # "rose 0.4 per cent to 13176", "fell by 2 percent to 62 percent": after a verb of change, a percentage
                # written out before "to" is the change and what follows the level it reached ("60% to 70% of the
                # troops", "rose 3 to 4 percent" are ranges).
                money = bool(CURRENCY_SIGN.match(m.group("low")))
                out.append(((m.start("low"), m.end("low"), low_value, None, pct, money), last))
                out.append(((m.start("high"), m.end("high"), high, None, pct_h, bool(CURRENCY_SIGN.match(
                    m.group("high")))), last))
                continue
            pct = pct or pct_h
            low_value = _shared_scale(m.group("low"), low_value, m.group("high"), high)
            if high <= low_value:  # "1-2" as a score, or a list: keep the first number only
                if high < low_value and found.strip(" -–")[:1].isdigit() and _SCORE.fullmatch(found):
                    continue  # "6-4, 7-5": a score, no figure
                money = bool(CURRENCY_SIGN.match(m.group("low")))
                out.append(((m.start("low"), m.end("low"), low_value, None, pct, money), last))
                if _TO_BETWEEN.match(text, m.end("low"), m.start("high")):  # "fell from 108 to 90": both figures
                    out.append(((m.start("high"), m.end("high"), high, None, pct, money), last))
                continue
        out.append(((first, last, low_value, high, pct, bool(CURRENCY_SIGN.match(found))), last))
        if found.isdigit():
            _share_after(low, first, last, end, out)
    # "from 24.2 to 33-35 billion euros": a bare number before "to" and a scaled one shares its scale.
    for k in range(len(out) - 1):
        (s1, e1, v1, h1, p1, m1), last1 = out[k]
        (s2, e2, v2, _, _, _), _ = out[k + 1]
        if h1 is None and _TO_BETWEEN.fullmatch(text, e1, s2):
            scaled = _shared_scale(text[s1:e1], v1, text[s2:e2], v2)
            if scaled != v1:
                out[k] = ((s1, e1, scaled, h1, p1, m1), last1)
    for m in _WORDS_OF_NUMBER.finditer(low, start, end):
        first, last, phrase = m.start("at"), m.end("at"), m.group("at")
        if m.group("vague"):  # "thousands of", "hundreds of millions": the least it can be (VAGUE_AMOUNT tells them)
            out.append(((first, last, float(_VAGUE[phrase]), None, False, False), last))
            continue
        if _ORDINAL_END.search(phrase):
            continue  # an ordinal, or a number word that is part of one
        value = parse_number_words(phrase)
        if value is None or _SCALE_ALONE.fullmatch(phrase):
            continue
        _share_after(low, first, last, end, out)
        # "one to three years", "five or six": a range in words (the longest reading wins over its two numbers).
        tail = _RANGE_TAIL.match(low, last, end)
        second = parse_number_words(tail.group(1)) if tail else None
        if second is not None and tail is not None and value < second:
            scale = _SCALES[tail.group(2)] if tail.group(2) and not _SCALE_WORD_END.search(phrase) else 1
            out.append(((first, tail.end(), value * scale, second * scale, False, False), tail.end()))
        if phrase == "one":
            # "one of many", "one soldier": a pronoun or determiner, not a figure.
            continue
        s = first + (2 if phrase.startswith("a ") else 0)
        pct = bool(_PERCENT_AFTER.match(text, last, last + 9))
        pair = _UNIT_PAIR.fullmatch(phrase)
        if pair and _UNITS[pair.group(1)] < _UNITS[pair.group(2)]:  # "two-four aircraft": from two to four
            out.append(((s, last, float(_UNITS[pair.group(1)]), float(_UNITS[pair.group(2)]), pct, False), last))
            continue
        out.append(((s, last, value, None, pct, False), last))
    # Shares: "two-thirds", "a third of", "three-quarters", "half of", "50/50" ("1 in 9" is found after its number).
    for first, anchor in _find_all(low, _SHARE_ANCHORS, start, end):
        last = first + len(anchor) + (low.startswith("s", first + len(anchor)) and anchor != "half")
        if (first > start and low[first - 1].isalpha()) or (last < end and (low[last].isalnum() or low[last] == "/")):
            continue  # inside a word ("thirdly", "halfway") or a longer number
        word = low[first:last]
        if word == "half":
            if not _HALF_OF.match(low, first) or _PERIOD_BEFORE.search(low, max(start, first - 8), first):
                continue  # "the first half of 2017": a period
        elif word != "50/50":
            top = _NUMERATOR_BEFORE.search(low, max(start, first - 8), first)
            if top is None:
                continue  # "the third man", "a fifth term": ordinals
            first = top.start()
        value = fraction_value(low[first:last])
        if value is not None:
            out.append(((first, last, value, None, False, False), last))
    return out


def _shared_scale(low_text: str, low_value: float, high_text: str, high_value: float) -> float:
    """The low end of a range written with one scale word at its top: "5-6 million" starts at 5 million."""
    scale = _SCALE_WORD.search(high_text.lower())
    if scale is None or _SCALE_WORD.search(low_text.lower()) or not _DIGITS_RE.fullmatch(low_text.strip()):
        return low_value
    factor = _SCALE_VALUES[scale.group(1)]
    return low_value * factor if low_value * factor <= high_value else low_value


def _find_all(text: str, words: tuple[str, ...], start: int, end: int) -> list[tuple[int, str]]:
    """Where each of ``words`` occurs in ``text[start:end]``, in order (none of them can overlap another)."""
    out = []
    for word in words:
        pos = text.find(word, start, end)
        while pos >= 0:
            out.append((pos, word))
            pos = text.find(word, pos + len(word), end)
    out.sort()
    return out


def _share_after(low: str, start: int, end: int, limit: int, out: list[tuple[NumberCandidate, int]]) -> None:
    """A share written as "1 in 9" or "one in three", from its first number."""
    tail = _IN_TAIL.match(low, end, limit)
    if tail:
        value = fraction_value(low[start : tail.end()])
        if value is not None:
            out.append(((start, tail.end(), value, None, False, False), tail.end()))


def longest_numbers(candidates: list[NumberCandidate]) -> list[NumberCandidate]:
    """Candidates in order, keeping the longest of overlapping ones."""
    kept: list[NumberCandidate] = []
    for c in sorted(candidates):
        if kept and c[0] < kept[-1][1]:
            if c[1] - c[0] > kept[-1][1] - kept[-1][0]:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


def lower_same_length(text: str) -> str:
    """The text lower-cased with every offset kept (a few characters lower-case to two)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def fraction_value(phrase: str) -> float | None:
    """A share as a fraction: "two-thirds" 0.667, "a quarter" 0.25, "half" 0.5, "1 in 9" 0.111, "50/50" 0.5;
    None when it is no share ("3 in 2"; "10 in 2016", a year)."""
    low = phrase.lower()
    if low == "50/50":
        return 0.5
    if low == "half":
        return 0.5
    parts = re.split(r"\s+in\s+", low)
    if len(parts) == 2:
        top, bottom = (float(p) if p.isdigit() else parse_number_words(p) for p in parts)
        if top is None or bottom is None or not 0 < top < bottom or (bottom >= YEARS[0] and len(parts[1]) == 4):
            return None
        return top / bottom
    words = _NUMBER_WORD_BREAK.split(low)
    top = 1.0 if words[0] == "a" else parse_number_words(words[0])
    bottom = _DENOMINATORS.get(words[-1])
    return top / bottom if top and bottom and top < bottom else None


def parse_number_words(words: str) -> float | None:
    """Value of an English number phrase: "two", "a hundred", "thirty-five thousand"."""
    total: float = 0
    current: float = 0  # ints but for "and a half"
    seen = False
    tokens = _NUMBER_WORD_BREAK.split(words.lower())
    for k, w in enumerate(tokens):
        if w in ("a", "and", ""):
            # "a" is one before a scale ("a hundred", "a million"); before "three" it is an article: "a three course
            # meal" is three.
            if w == "a" and k + 1 < len(tokens) and tokens[k + 1] in _SCALES:
                current = max(current, 1)
            continue
        if w == "half" and current:  # "four and a half million"
            current += 0.5
        elif w in _UNITS:
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
    if s.isdigit():  # most numbers: nothing else to read
        return float(s), False
    low = s.lower()
    pct = bool(_PERCENT_SIGN.search(low))
    m = _DIGITS_RE.search(s)
    value = float(m.group().replace(",", "")) if m else 0.0
    if s[0] in "-−":
        value = -value
    power = _POWER_RE.search(s)
    if power:
        exponent = int(power.group(2).replace("−", "-"))
        if power.group(1):
            value *= 10.0**exponent
        elif value > 0 and abs(exponent * math.log10(value)) < 300:  # 2^10; never a float overflow
            value **= exponent
    scale = _SCALE_WORD.search(low)
    if scale:
        value *= _SCALE_VALUES[scale.group(1)]
    elif _MILLION_M.search(low) and CURRENCY_SIGN.search(s):
        value *= 1e6
    elif _THOUSAND_K.search(low):
        value *= 1e3
    return value, pct


def format_value(low: float, high: float | None) -> str:
    """A figure's value as a reader writes it: 22,000 or 60–70."""
    def written(x: float) -> str:
        return f"{x:,.0f}" if float(x).is_integer() else f"{x:,}"
    return f"{written(low)}–{written(high)}" if high is not None and not pd.isna(high) else written(low)


def written_values(values: Sequence[float], highs: Sequence[float | None], qualifiers: Sequence[str]) -> list[str]:
    """A group's values as written, with their qualifiers ("about 350", "400")."""
    return sorted({(f"{q.lower()} " if q else "") + format_value(v, h) for v, h, q in zip(values, highs, qualifiers)})
