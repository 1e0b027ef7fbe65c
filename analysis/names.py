"""One person or organisation, one name: the short and long forms a document uses mapped to its fullest."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from threading import Lock

from rapidfuzz.distance import Levenshtein

from .lexicon import OFFICE_WORDS
from .noun_phrases import (
    ACRONYM_SUFFIX,
    CAPITALISED,
    LONG_FORM,
    MIDDLE_INITIAL,
    OWNER_BEFORE_NAME,
    PARENTHESISED_ACRONYM,
    POSSESSIVE_END,
    SPACED_NAME_RUN,
    SURNAME,
    is_organisation,
    person_name,
)

__all__ = ["canonical_names", "corpus_names"]

_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s")
_WORD_JOIN = re.compile(r"[-'’]")
_NOT_A_NAME = re.compile(r"\b(?:The|In|On|At|By|For|But|And|As|If|When)\s")


def canonical_names(names: list[str], text: str) -> dict[str, str]:
    """Map each name to its fullest form in the document.

    "Costa" becomes "Valeria Costa" and "The Gazette" becomes "The Daily
    Gazette" when the longer form appears; an acronym introduced as
    "Long Name (ABC)" maps both ways to "Long Name (ABC)". Linear in the text
    and the number of names: the text is scanned once, not once per name.
    """
    acronyms = _acronyms(text)
    distinct = list(dict.fromkeys(names))
    longest_ending: dict[str, str] = {}  # "Gazette" -> "The Daily Gazette": the longest name ending in those words
    for m in sorted((n for n in distinct if n[:1].isupper()), key=len, reverse=True):
        for cut in _SPACE.finditer(m):
            longest_ending.setdefault(m[cut.end():], m)
    first_full: FirstFullNames | None = None
    out: dict[str, str] = {}
    for n in distinct:
        bare = ACRONYM_SUFFIX.sub("", _LEADING_THE.sub("", n))
        if bare in acronyms or bare.lower() in acronyms:
            out[n] = acronyms.get(bare) or acronyms[bare.lower()]
            continue
        if not n[:1].isupper():
            out[n] = n
            continue
        longer = longest_ending.get(bare, "")
        if len(longer) <= len(n):
            longer = ""
        if not longer and SURNAME.fullmatch(bare):
            # A surname alone: its first mention in the text usually gives the full name.
            if first_full is None:
                first_full = _first_full_names(text)
            full = first_full.get(bare)
            if full and not _NOT_A_NAME.search(full):
                longer = full
        out[n] = longer or n
    return out


# Read for the speakers of a document's quotes and again for all its names: computed once per text (so are the
# first full names below).
@lru_cache(maxsize=4)
def _acronyms(text: str) -> dict[str, str]:
    """Acronyms introduced as "Long Name (ABC)": both "ABC" and "long name" map to "Long Name (ABC)"."""
    acronyms: dict[str, str] = {}
    for m in PARENTHESISED_ACRONYM.finditer(text):
        start = m.start()
        while start > 0 and text[start - 1].isspace():
            start -= 1
        if start == m.start():
            continue  # "(ABC)" right after a word introduces nothing
        found = LONG_FORM.search(text, max(0, start - 200), start)
        if found is None:
            continue
        long = _LEADING_THE.sub("", found.group(1))
        acronyms[m.group(1)] = f"{long} ({m.group(1)})"
        acronyms[long.lower()] = f"{long} ({m.group(1)})"
    return acronyms


class FirstFullNames:
    """For each capitalised word, its first appearance after one or two capitalised words ("Jane Ann Doe"), the
    text read only as far as a lookup needs: a surname's first mention is usually near the start. Shared through
    a cache, so reading on is locked: two threads on one text must not each take runs the other needs."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._runs = SPACED_NAME_RUN.finditer(text)
        self._first: dict[str, str] = {}
        self._lock = Lock()

    def get(self, word: str) -> str:
        with self._lock:
            return self._read_to(word)

    def _read_to(self, word: str) -> str:
        first = self._first
        while word not in first:
            run = next(self._runs, None)
            if run is None:
                return ""
            words = run.group().split(" ")
            if self._text[max(0, run.start() - 4) : run.start()] in (" of ", "for "):
                # "Secretary of State Antony Blinken", "Minister for Foreign Affairs ...": the office, not a first name.
                while len(words) > 2 and words[0].lower() in OFFICE_WORDS:
                    words = words[1:]
            for k in range(1, len(words)):
                w = words[k]
                if w not in first:
                    first[w] = person_name(" ".join(words[max(0, k - 2) : k + 1]))
                if "-" in w or "'" in w or "’" in w:
                    for stem in _stems(w):
                        if stem not in first:
                            first[stem] = person_name(" ".join([*words[max(0, k - 2) : k], stem]))
        return first[word]


_first_full_names = lru_cache(maxsize=4)(FirstFullNames)


def _stems(word: str) -> list[str]:
    """A word's stems at hyphens and apostrophes: "Doe's" is also "Doe"."""
    return [word[:m.start()] for m in _WORD_JOIN.finditer(word) if m.start() >= 2]


def _nickname(short: str, long: str) -> bool:
    """Whether a first name is the short form of another ("Doug" of "Douglas", "Will" of "William"), or another
    spelling of it ("Sergei" and "Sergey", "Stephan" and "Stefan")."""
    if short == long:
        return False
    short, long = sorted((short, long), key=len)
    return (3 <= len(short) < len(long) and long.startswith(short)) or (
        len(short) >= 5 and short[0] == long[0] and Levenshtein.distance(short, long) <= 1)


# A surname alone is the person the corpus names in full with it this often (by documents): "Trump" is Donald Trump
# where he has nine in ten of the documents naming a Trump in full; "Kim", shared by several, stays as written.
SURNAME_OWNER_SHARE = 0.75


def _person_key(name: str) -> str:
    """A person's name as compared across documents: no role, middle initial, owner ("Al Jazeera's Imtiaz Tyab") or
    possessive ending."""
    return MIDDLE_INITIAL.sub("", POSSESSIVE_END.sub("", OWNER_BEFORE_NAME.sub("", person_name(name.strip()))))


def corpus_names(mentions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """One name per person across a corpus, from (document, name) mentions already made canonical within their
    document (:func:`canonical_names`): the role dropped ("President Donald Trump" is Donald Trump), a middle
    initial and an owner too ("Donald J. Trump", "Al Jazeera's Imtiaz Tyab"), a word run into a name's front
    ("State Rex Tillerson") and a short first name ("Doug Chin" beside "Douglas Chin") joined to the name they
    stand for, and a surname alone under the full name it stands for in most documents of the corpus ("Trump" is Donald Trump; "Melania Trump" stays herself). Returns name ->
    canonical name for every name given."""
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc, name in mentions:
        if name:
            docs_of[name].add(doc)
    key_of = {name: _person_key(name) if name[:1].isupper() and not is_organisation(name) else name for name in docs_of}
    documents: Counter[str] = Counter()
    for name, key in key_of.items():
        documents[key] += len(docs_of[name])
    merged = _same_people(_full_names_by_surname(key_of, docs_of), documents)
    key_of = {name: merged.get(key, key) for name, key in key_of.items()}
    by_surname = _full_names_by_surname(key_of, docs_of)
    out = {}
    for name, key in key_of.items():
        owners = by_surname.get(key) if " " not in key and CAPITALISED.fullmatch(key) else None
        if owners:
            top, count = owners.most_common(1)[0]
            if count >= SURNAME_OWNER_SHARE * sum(owners.values()):
                key = top
        out[name] = key
    return out


def _full_names_by_surname(key_of: dict[str, str], docs_of: dict[str, set[str]]) -> dict[str, Counter[str]]:
    """Which full names (two capitalised words or more) each surname belongs to, counted by documents."""
    by_surname: dict[str, Counter[str]] = defaultdict(Counter)
    for name, key in key_of.items():
        words = key.split()
        if len(words) >= 2 and all(CAPITALISED.fullmatch(w) for w in words) and ". " not in key:
            by_surname[words[-1]][key] += len(docs_of[name])
    return by_surname


def _same_people(by_surname: dict[str, Counter[str]], documents: Counter[str]) -> dict[str, str]:
    """Full names that are another's: with a word run into their front ("State Rex Tillerson" is Rex Tillerson), or
    a short first name beside the long one ("Doug Chin" and "Douglas Chin" are whichever more documents write)."""
    merged: dict[str, str] = {}
    for keys in by_surname.values():
        for key in keys:
            words = key.split()
            if len(words) >= 3 and " ".join(words[1:]) in keys:
                merged[key] = " ".join(words[1:])
            elif len(words) == 2:
                alike = [k for k in keys if len(k.split()) == 2 and _nickname(words[0], k.split()[0])]
                if alike:
                    merged[key] = max([key, *alike], key=lambda k: (documents[k], len(k)))
    for key in list(merged):  # follow each chain to its end ("House Speaker Paul Ryan" -> "Paul Ryan")
        seen = {key}
        while merged[key] in merged and merged[key] not in seen:
            seen.add(merged[key])
            merged[key] = merged[merged[key]]
    return merged
