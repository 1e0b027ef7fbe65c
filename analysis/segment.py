"""Text segmentation: paragraphs, page furniture, sentences and passages.

Every span keeps offsets into the document's text exactly as read, so whatever
the engine reports can be shown in its original sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import FUNCTION_WORDS

__all__ = [
    "CONTENT_KINDS",
    "Paragraph",
    "Segmentation",
    "Sentence",
    "paragraphs",
    "segment",
]

# Paragraph kinds that the analysis reads; everything else is page furniture.
CONTENT_KINDS = frozenset({"body", "heading"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int
    kind: str  # body, heading, or a furniture kind (caption, ad, bio, byline, ...)
    index: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Segmentation:
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    passages: list[tuple[int, int]] = field(default_factory=list)

    @property
    def content(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in CONTENT_KINDS]

    @property
    def furniture(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind not in CONTENT_KINDS]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (binary search over sorted starts)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


# --- paragraphs -------------------------------------------------------------

_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]+")


def _split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines, or lines where a block is a list of them.

    Plain-text copies of web pages use either a blank line or a single newline
    between paragraphs; a block is only kept whole when it looks hard-wrapped
    (most of its lines end without sentence punctuation and are of similar length).
    """
    spans: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        lines = [m for m in _LINE.finditer(block.group())]
        if len(lines) > 2 and _hard_wrapped([m.group() for m in lines]):
            spans.append(_strip(text, block.start(), block.end()))
            continue
        for m in lines:
            spans.append(_strip(text, block.start() + m.start(), block.start() + m.end()))
    return [s for s in spans if s[1] > s[0]]


def _hard_wrapped(lines: list[str]) -> bool:
    body = lines[:-1]
    lengths = [len(x.rstrip()) for x in body]
    if not lengths or max(lengths) > 100 or min(lengths) < 40:
        return False
    open_ends = sum(1 for x in body if not x.rstrip().endswith((".", "!", "?", ":", '"', "”")))
    return open_ends >= 0.6 * len(body)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- page furniture ---------------------------------------------------------

# Site chrome and widgets that web-to-text copies carry along.
_NETWORK = r"(?:facebook|twitter|google\+?|whatsapp|tumblr|linkedin|stumble(?:upon)?|digg|reddit|pinterest|e-?mail|xing|vk|print)"
_CHROME = re.compile(
    r"^\W*(top of page|bottom of page|skip to (main )?content|advertisement|sponsored( content)?|"
    r"read more\b.*|continue reading|share( this( article)?)?|share on \w+|print|email|comments?|"
    r"listen to this article.*|.*\bvoice is ai-generated\b.*|sign up\b.*|subscribe\b.*|"
    r"follow us\b.*|related( articles| stories)?:?|recommended( for you)?|"
    r"about the (writer|author)s?|more from \w+.*|click here\b.*|watch:.*|"
    r".*writer's picture.*|image( credit)?:.*|photo( credit| insert)?:.*|credit:.*|caption:.*|"
    # A source line closing an agency story ("Source: News agencies"), share and follow prompts, a row of networks.
    r"sources?\s*:\W*[\w ,&.'’-]{1,40}|learn more|[^.!?]{0,120}\bcontributed( reporting)? to this (report|story|article)|"
    r"e-?mail\s+\S+@.*|(?:do you have|got) (?:information|a (?:news )?(?:story|tip))\b[^.!]*|here's how|"
    r"the views expressed\b[^.!?]*\bnecessarily (reflect|represent)\b[^.!?]*|share this (slide|story|page)\b.*|"
    r"follow \w+( \w+)? on (twitter|facebook)\b.*|"
    rf"(?:(?:send|share)\W+)?{_NETWORK}(?:\W+{_NETWORK}){{2,}})\W*$",
    re.IGNORECASE,
)
_COUNTER = re.compile(r"^[\d\s.,:/|•·kKmM]+$")  # share/comment counters, page numbers
_PAGE = re.compile(r"^(page\s+)?\d+\s*(of|/)\s*\d+$", re.IGNORECASE)
_BYLINE = re.compile(r"^\W*(?:[Ww]ritten\s+)?[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|,|of|the))*\W*$")
_DATELINE = re.compile(
    r"\W*(?:date|published|updated|posted)\s*:?\s*"
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ][\d:]+)?|\w+ \d{1,2},? \d{4}|\d{1,2} \w+ \d{4})\s*",
    re.IGNORECASE,
)
# Photo credits close captions: "... STRINGER/AFP/Getty Images", "(Reuters)".
_CREDIT = re.compile(
    r"(getty images|afp|reuters|associated press|ap photo|shutterstock|epa|anadolu|"
    r"via getty|photo by [^.]+|/[A-Z][\w ]+)\W*$",
    re.IGNORECASE,
)
# A credit in brackets closing a paragraph: "( Toronto Star file photo )", "(Jane Doe/CBC)".
_BRACKET_CREDIT = re.compile(
    r"\(\s*(?:[^()]{0,60}\b(?i:photo|photograph|file|handout|pool|images?)\b[^()]{0,30}|"
    r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}\s*/\s*[A-Z][\w .&'’-]{1,40})\s*\)\W*$"
)
_PICTURED = re.compile(r"\b(is|are|were|was) (pictured|seen|shown|photographed)\b|\bin this (file )?photo\b", re.IGNORECASE)
_JOURNALIST = (
    r"(reporter|correspondent|editor|writer|journalist|fellow|columnist|contributor|producer|"
    r"author|freelancer|intern|anchor|analyst at)"
)
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3} (?:is|was|has been) (?:an? |the )?[^.]{0,80}?\b" + _JOURNALIST,
)
_BIO_TAIL = re.compile(
    r"where this (story |article )?(first|originally) appeared|you can (get in touch|reach|contact|follow)|"
    r"^languages?:|\bemail(ing)? [\w.]+@[\w.]+|^follow (him|her|them) on",
    re.IGNORECASE,
)
# A short label, a colon, then a description with no finite verb: a stock-photo caption.
_LABELLED = re.compile(r"^([A-Z][\w&,' ]{1,40}):\s+(.+)$")
_FINITE = re.compile(
    r"\b(is|are|was|were|has|have|had|will|would|can|could|said|says|told|did|does|do|"
    r"\w+ed)\b",
    re.IGNORECASE,
)
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
_QUOTE_OR_DIGIT = re.compile(r"[\"“”«»„\d]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


# Chrome lines and captions are short; the length limits also keep the patterns linear on huge paragraphs.
_MAX_CHROME = 300
_MAX_CAPTION = 1000


def _furniture_kind(para: str, position: float) -> str | None:
    """The kind of page furniture ``para`` is, or None for article text.

    ``position`` is where the paragraph starts, as a fraction of the document.
    """
    stripped = para.strip()
    if stripped.endswith("Read more") or (len(stripped) <= _MAX_CHROME and _CHROME.match(stripped)):
        return "chrome"
    if _COUNTER.match(stripped) or _PAGE.match(stripped):
        return "counter"
    if len(stripped) < 80 and _BYLINE.match(stripped):
        return "byline"
    if len(stripped) <= _MAX_CAPTION and _is_caption(stripped):
        return "caption"
    if position > 0.5 and (_BIO.match(stripped) or _BIO_TAIL.search(stripped)):
        return "bio"
    return None


def _is_caption(para: str) -> bool:
    if _BRACKET_CREDIT.search(para[-120:]):
        return True
    if (_PICTURED.search(para) and _CREDIT.search(para)) or (_CREDIT.search(para) and re.search(r"[A-Z]{3,}/", para)):
        return True
    m = _LABELLED.match(para)
    return bool(m and not _QUOTE_MARK.search(para) and re.search(r"\b\w+ing\b", m.group(2)) and not _FINITE.search(m.group(2)))


def _is_heading(para: str) -> bool:
    words = para.split(None, 16)  # enough to tell: a 17th word makes it too long
    if not words or len(words) > 16 or _QUOTE_MARK.search(para[:1]):
        return False
    return not (para.rstrip().endswith((".", "?", "!", ",", ";", '"', "”")) and len(words) > 3)


def _content_stems(s: str) -> set[str]:
    return {w.lower()[:5] for w in _WORD.findall(s) if len(w) > 3 and w.lower() not in FUNCTION_WORDS}


def _mark_off_topic(text: str, spans: list[tuple[int, int]], kinds: list[str | None]) -> None:
    """Mark short paragraphs that share no content word with the rest as ads.

    An inserted ad or promo has nothing to do with the story around it; a real
    paragraph always repeats some of the story's vocabulary.
    """
    if sum(1 for k in kinds if k is None) < 4:
        return
    # Only short paragraphs without quotes or numbers can be ads: most documents have none to check.
    suspects = [i for i, (s, e) in enumerate(spans) if kinds[i] is None
                and len(text[s:e].split(None, 40)) <= 40 and not _QUOTE_OR_DIGIT.search(text, s, e)]
    if not suspects:
        return
    stems = [_content_stems(text[s:e]) if kinds[i] is None else set() for i, (s, e) in enumerate(spans)]
    counts: dict[str, int] = {}
    for st in stems:
        for w in st:
            counts[w] = counts.get(w, 0) + 1
    for i in suspects:
        own = stems[i]
        if len(own) >= 2 and not any(counts.get(w, 0) > 1 for w in own):
            kinds[i] = "ad"


_ABOUT_HEADING = re.compile(r"\W*about the (writer|author)s?\W*$", re.IGNORECASE)


def _mark_after_about(text: str, spans: list[tuple[int, int]], kinds: list[str | None]) -> None:
    """Everything after an "About the writer" heading is the writer's bio."""
    for i, (s, e) in enumerate(spans):
        if _ABOUT_HEADING.match(text, s, e):
            for j in range(i + 1, len(spans)):
                if kinds[j] is None:
                    kinds[j] = "bio"
            return


# --- sentences --------------------------------------------------------------

_ABBREV = frozenset(
    ["mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "gov", "sen", "rep", "rev", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"]
)
# A full stop that can end a sentence or clause: not one after an abbreviation or an initial ("Dec. 21", "Mr. Li",
# "J. Smith"). The checks look back from the stop, so they run only where there is one.
FULL_STOP = r"\." + "".join(rf"(?<!\b(?i:{re.escape(a)})\.)" for a in sorted(_ABBREV) if "." not in a) + r"(?<!\b[A-Za-z]\.)"
_INITIALS = re.compile(r"(\w\.)+\w")
_LAST_WORD = re.compile(r"([\w.]+)\.$")
# Matches start at the beginning of a run of end marks: linear time on "......" with no break after. The first mark
# is matched before the look-behind, so that the scan skips in C to the next mark (a pattern that opens with a
# look-behind is tried at every position, four times slower).
_SENT_END = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’)\]]*+(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    cur = start
    for m in _SENT_END.finditer(text, start, end):
        word = _LAST_WORD.search(text, max(cur, m.start() - 12), m.start() + 1) if text[m.start()] == "." else None
        if word:
            w = word.group(1).lower()
            # Abbreviations and initials ("J.") do not end a sentence.
            if w in _ABBREV or (len(w) == 1 and w.isalpha()) or _INITIALS.fullmatch(w):
                continue
        out.append(_strip(text, cur, m.end()))
        cur = m.end()
    if cur < end:
        out.append(_strip(text, cur, end))
    return [s for s in out if s[1] > s[0]]


# --- passages ---------------------------------------------------------------

_WINDOW = 5  # sentences per passage when a paragraph is too long to be one
_MAX_PASSAGE_WORDS = 150


def _passages(text: str, paragraphs: list[Paragraph], sentences: list[Sentence]) -> list[tuple[int, int]]:
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    out = []
    for p in paragraphs:
        if p.kind != "body":
            continue
        sents = by_para.get(p.index, [])
        whole = len(text[p.start : p.end].split(None, _MAX_PASSAGE_WORDS)) <= _MAX_PASSAGE_WORDS or len(sents) <= _WINDOW
        if whole and not sents:
            out.append((p.start, p.end))
        for chunk in [sents] if whole else [sents[i : i + _WINDOW] for i in range(0, len(sents), _WINDOW)]:
            kept = _article_sentences(text, chunk)
            if kept:
                # A whole paragraph keeps its own span; a window or a trimmed one runs from sentence to sentence.
                out.append((p.start, p.end) if whole and len(kept) == len(chunk) else (kept[0].start, kept[-1].end))
    return out


def _article_sentences(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` without the page furniture a scraped page runs into the text at either end ("... the dam.
    Source:-News agencies", "Share this slide: ..."): a passage, which topics are made of, starts and ends with the
    article's own sentences."""
    def chrome(s: Sentence) -> bool:
        words = text[s.start : s.end].strip()
        return len(words) <= _MAX_CHROME and _CHROME.match(words) is not None

    start, end = 0, len(sentences)
    while end > start and chrome(sentences[end - 1]):
        end -= 1
    while start < end and chrome(sentences[start]):
        start += 1
    return sentences[start:end]


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text``, each marked as body, heading or a kind of page furniture."""
    spans = _split_paragraphs(text)
    n = max(len(text), 1)
    kinds: list[str | None] = []
    for s, e in spans:
        kinds.append(_furniture_kind(text[s:e], s / n))
    _mark_after_about(text, spans, kinds)
    _mark_off_topic(text, spans, kinds)

    out: list[Paragraph] = []
    for (s, e), kind in zip(spans, kinds):
        if kind is None:
            # A metadata prefix ("date 2022-05-22") can share a line with the text.
            m = _DATELINE.match(text, s, e)
            if m and m.end() < e:
                out.append(Paragraph(s, m.end(), "metadata", len(out)))
                s = m.end()
            kind = "heading" if _is_heading(text[s:e]) else "body"
        out.append(Paragraph(s, e, kind, len(out)))
    return out


def segment(text: str) -> Segmentation:
    """Split ``text`` into paragraphs (with furniture marked), sentences and passages."""
    paras = paragraphs(text)
    sentences = [
        Sentence(a, b, p.index)
        for p in paras
        if p.kind in CONTENT_KINDS
        for a, b in _split_sentences(text, p.start, p.end)
    ]
    return Segmentation(paras, sentences, _passages(text, paras, sentences))
