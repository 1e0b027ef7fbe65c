"""Metadata as far as an article's own text tells it: title, byline, dateline, and the author bio's outlet."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlparse

from .lexicon import MONTH_ABBREVIATIONS, MONTHS
from .noun_phrases import is_organisation, proper_name
from .segment import paragraphs

__all__ = ["agency_credit", "infer_metadata", "outlet_from_url", "parse_date"]


_BYLINE = re.compile(r"(?:^|\n)[^\w\n]*(?:[Ww]ritten[ \t]+)?[Bb]y[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})")
_WRITERS_BYLINE = re.compile(r"[Bb]y[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})")
_BIO_NAME = re.compile(
    r"(?:^|\n)([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}) is an? [^.\n]{0,60}?\b"
    r"(?i:reporter|correspondent|editor|writer|journalist|fellow|columnist|contributor|producer)"
    r"(?:[^.\n]{0,80}?\b(?:at|for|with) (?:the )?([A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}))?"
)
_BIO_OUTLET = re.compile(r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}) is an? ([A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2}) (?:[a-z]+ )?(?:reporter|correspondent|editor|writer|journalist)")
_HEAD_CHARS = 1_000


def infer_metadata(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Title, author, date and outlet as far as the text itself tells them."""
    paras = paragraphs(text)  # sentences are not needed here
    meta: dict[str, str] = {}
    source: dict[str, str] = {}
    first = next((p for p in paras if p.kind in ("heading", "body")), None)
    if first is not None and first.kind == "heading" and first.index <= 3:
        meta["title"], source["title"] = text[first.start : first.end].strip(), "text: first heading"
    # Bylines and datelines open an article: the head is its first paragraphs, and never more than their first lines.
    head = "\n".join(text[p.start : p.end] for p in paras[:6] if p.kind in ("metadata", "heading", "byline", "body"))
    head = head[:_HEAD_CHARS]
    byline = _BYLINE.search(head) or _WRITERS_BYLINE.search(
        "\n".join(text[p.start : p.end] for p in paras[:4] if p.kind != "body")
    )
    if byline:
        meta["author"], source["author"] = byline.group(1).strip(), "text: byline"
    for p in reversed(paras):
        if p.kind != "bio":
            continue
        bio = text[p.start : p.end]
        m = _BIO_NAME.search(bio)
        if m and "author" not in meta:
            meta["author"], source["author"] = m.group(1), "text: author bio"
        o = _BIO_OUTLET.search(bio)
        outlet = (o.group(2) if o else "") or (m.group(2) if m and m.group(2) else "")
        if outlet and "outlet" not in meta:
            meta["outlet"], source["outlet"] = outlet, "text: author bio"
    date = _dateline(head)
    if date:
        meta["date"], source["date"] = date, "text: dateline"
    return meta, source


def outlet_from_url(url: str) -> str:
    """The outlet's domain from an article link: "https://www.bbc.co.uk/news/x" -> "bbc.co.uk"."""
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return re.sub(r"^(?:www\d?|m|amp|edition|news)\.", "", host.lower())


_MONTH_NUMBER = {**{m: k for k, m in enumerate(MONTHS, 1)},
                 **{a: MONTHS.index(next(m for m in MONTHS if m.startswith(a[:3]))) + 1 for a in MONTH_ABBREVIATIONS}}
_MONTH = r"\b(?P<month>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\.?"
_DATE_FORMS = [
    re.compile(r"\b(?P<year>\d{4})([-/])(?P<num>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"),  # 2026-03-14, ISO times, 2026/3/4
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),  # March 14, 2026
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),  # 14 March 2026
]


def _dateline(head: str) -> str:
    """The first whole date in an article's head, as written ("14 March 2026", "March 14, 2026", "2026-03-14")."""
    found = [m for m in (form.search(head) for form in _DATE_FORMS) if m]
    return min(found, key=lambda m: m.start()).group(0) if found else ""


def parse_date(text: str) -> date | None:
    """The calendar day a date as news writes it names ("Published 9:46 PM CDT Sep 26, 2013", "14 March 2026 -",
    "2017-01-03T10:00:00"); None when there is no whole date in it."""
    for form in _DATE_FORMS:
        for m in form.finditer(text or ""):
            parts = m.groupdict()
            month = int(parts["num"]) if parts.get("num") else _MONTH_NUMBER[parts["month"].lower()]
            try:
                return date(int(parts["year"]), month, int(parts["day"]))
            except ValueError:  # "February 30": not a day
                continue
    return None


# News agencies whose copy outlets carry under their own name, credited as news writes it.
_AGENCIES = r"(?:AP|AFP|Reuters|dpa|DPA|Xinhua|EFE|ANSA|UPI|KNA|epd|AAP|PTI|IANS|Interfax|TASS|Yonhap|Kyodo|PA|Bloomberg)"
_AGENCY_CREDIT = re.compile(
    rf"\(\s*{_AGENCIES}(?:\s*[,/]\s*{_AGENCIES})*\s*\)"  # "(AP)", "(AFP, Reuters)": a dateline or a sign-off
    # "Source: News agencies", "Al Jazeera and news agencies" (a credit; "told several news agencies" is none)
    r"|\b(?:[Ss]ources?:\W*|and\s+)[Nn]ews\s+[Aa]gencies\b|\b(?:SOURCES?:\W*|AND\s+)NEWS\s+AGENCIES\b"
    r"|\b(?:The\s+)?Associated\s+Press\b[^.\n]{0,60}\bcontributed"  # "The Associated Press contributed to this report"
    rf"|\b{_AGENCIES}\b[^.\n]{{0,40}}\bcontributed\s+to\s+this\s+report"
    r"|\b(?:Reporting|Writing)\s+by\s+[A-Z][^.\n]{0,80}\b[Ee]diting\s+by\b"  # a wire's sign-off
    r"|^\s*[A-Z][A-Za-z .,-]{1,40}\s*\(\s*(?:AP|AFP|Reuters)\s*\)\s*[—–-]",  # "WASHINGTON (AP) —"
    re.MULTILINE,
)


# What every credit holds, each alternative opening with a literal so that the scan skips in C; the whole pattern,
# whose alternatives open with a word boundary or a line start, is tried only around these (no credit is longer).
_CREDIT_CUE = re.compile(rf"\(\s*{_AGENCIES}|News\s+[Aa]gencies|news\s+[Aa]gencies|NEWS\s+AGENCIES|contributed"
                         r"|Editing\s+by|editing\s+by")
_CREDIT_REACH = 200


def agency_credit(text: str) -> str:
    """The credit a text gives a news agency whose copy it carries ("(AFP, Reuters)", "Source: News agencies", "The
    Associated Press contributed to this report"), as written; "" when it gives none."""
    for cue in _CREDIT_CUE.finditer(text):
        m = _AGENCY_CREDIT.search(text, max(0, cue.start() - _CREDIT_REACH), cue.end() + _CREDIT_REACH)
        if m:
            return " ".join(m.group().split())
    return ""


# Who an interview is given to, as news writes it: "spoke to CNN", "speaking with the BBC", "in an interview with
# Reuters", "interviewed by NPR" ("told CNN" is read with the verbs of saying, :mod:`.attribution`). Each alternative
# opens with a literal, one pattern per literal: Python scans for one literal in C, but tries an alternation of them
# at every position (seven times slower over NewsArticles); a text without the word is not scanned at all.
# Each word is looked for without its first letter, so that one test finds it opening a sentence too ("Speaking
# with CNN, ...").
_INTERVIEWED = tuple((word, re.compile(pattern)) for word, pattern in (
    ("poke", r"[Ss]poke\s+(?:to|with)\s+"), ("peaking", r"[Ss]peaking\s+(?:to|with)\s+"),
    ("alked", r"[Tt]alked\s+(?:to|with)\s+"), ("alking", r"[Tt]alking\s+(?:to|with)\s+"),
    ("nterview", r"[Ii]nterview\s+with\s+|[Ii]nterviewed\s+by\s+")))
_INTERVIEWER = re.compile(r"(?:[Tt]he\s+)?[A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}")


def interviewers(text: str, told: Iterable[str] = ()) -> str:
    """The organisations a text's speakers give their words to ("CNN" in "the officer told CNN", "spoke to the BBC",
    "in an interview with Reuters"), "; "-joined: those told first, then those interviewed, each in the order of the
    text; "" when none. ``told`` are the names its verbs of telling address
    (:class:`~analysis.attribution.Attribution` ``addressee``). A person told ("told Comey") is no interviewer: only
    organisations count."""
    cues = sorted(cue.end() for word, pattern in _INTERVIEWED if word in text for cue in pattern.finditer(text))
    found = [m.group() for end in cues if (m := _INTERVIEWER.match(text, end))]
    names = (proper_name(n.split(". ")[0].removeprefix("the ").removeprefix("The ")) for n in (*told, *found))
    return "; ".join(dict.fromkeys(n for n in names if n and is_organisation(n)))
