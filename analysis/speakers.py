"""Choosing the speaker of a quote: a scored decision among the candidates around it.

Every way news attributes a quote proposes a candidate: a verb of saying before it in its sentence ("leading") or
after it ("trailing"), "according to" ("according"), words someone is said to have used ("called"), a name before a
colon ("introduced"), reported speech just before ("reported"), the paragraph's or the previous quote's speaker
("paragraph", "continued", "previous") and the person last named ("named"). Each is described by a few features
(how far its cue is, whether a sentence ends between, what kind of name it gives, how many candidates agree) and
scored by a logistic model fitted on annotated quotes (``analysis/models/speakers.json``, by
``bench/fit_speakers.py``); the best candidate speaks, unless none scores above the model's threshold.
"""

from __future__ import annotations

import json
import math
import operator
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from .attribution import PASSIVE_BEFORE, TELLING_VERBS, Attribution, subject_of
from .kinds import How
from .lexicon import SPEAKING_PRONOUNS
from .noun_phrases import CAPITALISED, is_document, is_organisation, is_pronoun
from .segment import Segmentation

__all__ = ["HOWS", "Candidate", "QuoteContext", "Recent", "SentenceStarts", "adjacent_paragraphs", "candidates",
           "choose", "features", "user_of_words"]


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
_EXCLAIMED = re.compile(r"[!?]\s")
_PASSIVE_USED = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?(?:described|called|dubbed|termed|labell?ed"
                           r"|branded|quoted|seen|known)\s+(?:as\s+)?\s*[“\"‘]?$")


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


def adjacent_paragraphs(seg: Segmentation, a: int, b: int) -> bool:
    """Whether paragraph ``b`` follows ``a`` with only furniture or nothing between."""
    return all(p.kind not in ("body",) for p in seg.paragraphs[a + 1 : b])


# --- candidates and their features ------------------------------------------------------------------------------

HOWS = (How.LEADING, How.TRAILING, How.ACCORDING, How.CALLED, How.INTRODUCED, How.REPORTED, How.PARAGRAPH,
        How.CONTINUED, How.PREVIOUS, How.NAMED)
_NEAREST = 20  # only the attributions nearest a quote can be its own: bounded work per quote
_TRAILING_REACH = 300  # characters after a quote its trailing attribution may start within
_PREVIOUS_REACH = 3  # body paragraphs back a previous quote's speaker may still be speaking


class Candidate(NamedTuple):
    """One reading of who says a quote."""

    how: How  # one of HOWS
    speaker: str  # the person or organisation, resolved; "" when the reading names nobody
    written: str  # the phrase as written at the cue ("he", "Mayor Ann Lee")
    verb: str
    gap: int  # characters between the quote and its cue (0 where there is no cue)
    gap_words: int
    broken: bool  # a sentence ends between the quote and its cue
    ended: bool  # the quote ends a sentence of its own before a trailing cue
    names_own: bool  # the words between a quote and its trailing verb are the speaker with a role or apposition
    distance: int  # body paragraphs back to the cue
    told: bool  # "X told Y": the verb has an addressee


class QuoteContext(NamedTuple):
    """Where a quote stands: what its candidates are read from."""

    text: str
    start: int  # the quoted words, without the marks
    end: int
    open_at: int  # the opening mark
    close_end: int  # just after the closing mark
    sent_start: int  # the start of its sentence (after any earlier quote in its paragraph)
    paragraph: int
    body: int  # its paragraph's place among the body paragraphs
    opens_paragraph: bool  # its paragraph opens with a quote mark
    adjacent: bool  # only furniture or nothing lies between the previous quote's paragraph and this one


@dataclass(slots=True)
class Recent:
    """What the story has said so far that a later quote may continue."""

    speaker: str = ""  # the last quote's speaker
    quote_body: int | None = None  # the body paragraph of the last quote
    close: int = -1  # where the last quote closed
    reported: tuple[str, int, int] | None = None  # the last attribution: (speaker, start, body paragraph)
    named: tuple[int, str] | None = None  # the last person named: (position, name)
    by_paragraph: dict[int, str] = field(default_factory=dict)  # each paragraph's last speaker


def candidates(ctx: QuoteContext, atts: list[Attribution], starts: list[int], recent: Recent, resolve) -> list[Candidate]:
    """Every reading of who says the quote at ``ctx``. ``atts`` are its paragraph's attributions (``starts`` their
    positions); ``resolve`` turns a phrase into the person it means in the story so far."""
    text = ctx.text
    out: list[Candidate] = []
    if _PASSIVE_USED.search(text, max(ctx.sent_start, ctx.open_at - 40), ctx.open_at):
        return out  # 'The arrest was described as "basically kidnapping"': said by someone the sentence does not name

    def from_attribution(a: Attribution, how: How, gap: str, **extra) -> Candidate:
        return Candidate(how, resolve(a), a.written or a.speaker, a.verb, len(gap), len(gap.split()),
                         _breaks_sentence(gap) or bool(_EXCLAIMED.search(gap)), extra.get("ended", False),
                         extra.get("names_own", False), 0, a.verb in TELLING_VERBS and bool(a.addressee))

    q_open = ctx.start - 1
    hi = bisect_right(starts, q_open)
    before = atts[max(bisect_left(starts, ctx.sent_start), hi - _NEAREST) : hi]
    leading = [a for a in before if a.end <= q_open and a.verb != "according to"]
    if leading:
        a = leading[-1]
        out.append(from_attribution(a, How.LEADING, text[a.end : q_open]))
    first_after = bisect_left(starts, ctx.close_end)
    if first_after < len(atts) and atts[first_after].start - ctx.close_end <= _TRAILING_REACH:
        a = atts[first_after]
        gap = text[ctx.close_end : a.start]
        ended = text[ctx.start : ctx.end].rstrip().endswith(".") and not gap.strip(" ,")[:1].islower()
        out.append(from_attribution(a, How.TRAILING, gap, ended=ended or bool(_GAP_BREAK.search(gap)),
                                    names_own=_names_its_speaker(gap, a.speaker)))
    lo = bisect_left(starts, ctx.sent_start)
    for a in atts[lo : lo + _NEAREST]:
        if a.verb == "according to":
            gap = text[min(ctx.close_end, a.start) : max(ctx.close_end, a.start)]
            if not _SENTENCE_END.search(gap):
                out.append(from_attribution(a, How.ACCORDING, gap))
                break
    if user := user_of_words(text, ctx.sent_start, ctx.open_at):
        out.append(Candidate(How.CALLED, resolve(user), user, "", 0, 0, False, False, False, 0, False))
    if recent.named and recent.named[0] >= ctx.sent_start and text[max(0, ctx.open_at - 9) : ctx.open_at].rstrip().endswith(":"):
        out.append(Candidate(How.INTRODUCED, recent.named[1], "", "", ctx.open_at - recent.named[0], 0, False, False,
                             False, 0, False))
    if recent.reported and recent.reported[1] > recent.close and 0 <= ctx.body - recent.reported[2] <= 1:
        out.append(Candidate(How.REPORTED, recent.reported[0], "", "", ctx.open_at - recent.reported[1], 0, False, False,
                             False, ctx.body - recent.reported[2], False))
    if ctx.paragraph in recent.by_paragraph:
        out.append(Candidate(How.PARAGRAPH, recent.by_paragraph[ctx.paragraph], "", "", 0, 0, False, False, False, 0,
                             False))
    if recent.quote_body is not None and recent.speaker:
        distance = ctx.body - recent.quote_body
        if ctx.opens_paragraph and ctx.adjacent:
            out.append(Candidate(How.CONTINUED, recent.speaker, "", "", 0, 0, False, False, False, distance, False))
        elif 0 <= distance <= _PREVIOUS_REACH:
            out.append(Candidate(How.PREVIOUS, recent.speaker, "", "", 0, 0, False, False, False, distance, False))
    if recent.named and recent.named[0] < ctx.open_at:
        out.append(Candidate(How.NAMED, recent.named[1], "", "", ctx.open_at - recent.named[0], 0, recent.named[0] <
                             ctx.sent_start, False, False, 0, False))
    return out


FEATURES = (*(f"how_{h}" for h in HOWS), "log_gap", "many_gap_words", "broken", "ended", "names_own", "distance",
            "full_name", "one_name", "description", "organisation", "from_pronoun", "told", "log_quote_words",
            "inside_sentence", "comma_end", "votes", "previous_speaker", "adjacent_cue")


def features(cands: list[Candidate], ctx: QuoteContext, recent: Recent) -> np.ndarray:
    """The model's features of each candidate (rows), in the order of ``FEATURES``."""
    return np.asarray(_rows(cands, ctx, recent), dtype=float).reshape(len(cands), len(FEATURES))


def _rows(cands: list[Candidate], ctx: QuoteContext, recent: Recent) -> list[list[float]]:
    """:func:`features` as lists: a quote has two or three candidates, too few for arrays to pay."""
    quoted = ctx.text[ctx.start : ctx.end].rstrip()
    quote_words = math.log1p(len(quoted.split()))
    inside, comma = float(ctx.open_at > ctx.sent_start), float(quoted.endswith(","))
    votes: dict[str, int] = {}
    for c in cands:
        votes[c.speaker] = votes.get(c.speaker, 0) + 1
    rows = []
    for c in cands:
        rows.append([*_HOW_ROWS[c.how], math.log1p(c.gap), float(c.gap_words > 8), float(c.broken), float(c.ended),
                     float(c.names_own), float(min(c.distance, 3)), *_name_features(c.speaker),
                     float(is_pronoun(c.written)), float(c.told), quote_words, inside, comma,
                     math.log1p(votes[c.speaker] - 1), float(c.speaker == recent.speaker), float(_adjacent_cue(c))])
    return rows


_HOW_ROWS = {h: [float(h == other) for other in HOWS] for h in HOWS}


@lru_cache(maxsize=8192)
def _name_features(speaker: str) -> tuple[float, float, float, float]:
    """Whether a speaker is a full name, one name, a description (lower case), an organisation."""
    name = speaker.split()
    capitalised = [w for w in name if CAPITALISED.fullmatch(w)]
    return (float(len(capitalised) >= 2 and len(capitalised) == len(name)), float(len(name) == 1 and bool(capitalised)),
            float(bool(name) and name[0][:1].islower()), float(bool(speaker) and is_organisation(speaker)))


def _adjacent_cue(c: Candidate) -> bool:
    """A verb of saying next to the quote: '," Mayor Ann Lee said', 'she said: "'."""
    return c.how in (How.LEADING, How.TRAILING) and c.gap_words <= 4 and not c.broken and not c.ended


class _Weights(NamedTuple):
    """The fitted speaker model, its weights by feature; a candidate's score is their sum over its features."""

    how: dict[str, float]  # the one-hot ``how_*`` features, by how
    by_name: dict[str, float]
    name: tuple[float, float, float, float]  # full_name, one_name, description, organisation
    intercept: float
    threshold: float  # the probability's threshold, as a score (its log-odds)


@lru_cache(maxsize=1)
def _model() -> _Weights:
    """The fitted speaker model (``analysis/models/speakers.json``)."""
    model = json.loads(resources.files("analysis.models").joinpath("speakers.json").read_text(encoding="utf-8"))
    if tuple(model["features"]) != FEATURES:
        raise ValueError("analysis/models/speakers.json was fitted on other features: run bench/fit_speakers.py")
    w = dict(zip(FEATURES, map(float, model["coef"]), strict=True))
    threshold = float(model["threshold"])
    return _Weights({h: w[f"how_{h}"] for h in HOWS}, w,
                    (w["full_name"], w["one_name"], w["description"], w["organisation"]),
                    float(model["intercept"]), math.log(threshold / (1.0 - threshold)))


@lru_cache(maxsize=8192)
def _name_score(speaker: str) -> float:
    return sum(map(operator.mul, _model().name, _name_features(speaker)))


def candidate_scores(cands: list[Candidate], ctx: QuoteContext, recent: Recent) -> list[float]:
    """Each candidate's score: the model's weights times :func:`features`, summed without building the rows (every
    quote is scored; ``tests/test_quotes.py`` holds the two equal)."""
    m = _model()
    w = m.by_name
    log_gap, many, broken, ended, names_own, distance, pronoun, told, votes_w, previous, adjacent = (
        w["log_gap"], w["many_gap_words"], w["broken"], w["ended"], w["names_own"], w["distance"], w["from_pronoun"],
        w["told"], w["votes"], w["previous_speaker"], w["adjacent_cue"])
    quoted = ctx.text[ctx.start : ctx.end].rstrip()
    base = (m.intercept + w["log_quote_words"] * math.log1p(len(quoted.split()))
            + w["inside_sentence"] * (ctx.open_at > ctx.sent_start) + w["comma_end"] * quoted.endswith(","))
    votes: dict[str, int] = {}
    for c in cands:
        votes[c.speaker] = votes.get(c.speaker, 0) + 1
    how, log1p, last = m.how, math.log1p, recent.speaker
    out = []
    for c in cands:
        score = base + how[c.how] + _name_score(c.speaker)
        if c.gap:
            score += log_gap * log1p(c.gap)
        if c.gap_words > 8:
            score += many
        if c.broken:
            score += broken
        if c.ended:
            score += ended
        if c.names_own:
            score += names_own
        if c.distance:
            score += distance * min(c.distance, 3)
        if c.told:
            score += told
        if c.written and is_pronoun(c.written):
            score += pronoun
        if votes[c.speaker] > 1:
            score += votes_w * log1p(votes[c.speaker] - 1)
        if c.speaker == last:
            score += previous
        if c.how in _CUED and c.gap_words <= 4 and not c.broken and not c.ended:  # _adjacent_cue
            score += adjacent
        out.append(score)
    return out


_CUED = frozenset([How.LEADING, How.TRAILING])


def choose(cands: list[Candidate], ctx: QuoteContext, recent: Recent) -> Candidate | None:
    """The candidate most likely to speak the quote, or None when none is likely enough (the quote is
    unattributed). Candidates that name nobody are never chosen."""
    named = [c for c in cands if c.speaker]
    if any(_adjacent_cue(c) and c.written.lower() in SPEAKING_PRONOUNS for c in cands):
        # '"No." she said': whoever speaks is a person, never the report or the ministry named before.
        named = [c for c in named if not is_organisation(c.speaker) and not is_document(c.speaker)]
    if not named:
        return None
    scores = candidate_scores(named, ctx, recent)
    best = max(range(len(scores)), key=scores.__getitem__)
    if scores[best] < _model().threshold:
        return None
    # Of the readings that name the chosen speaker, the most direct tells how the quote is attributed.
    return min((c for c in named if c.speaker == named[best].speaker), key=lambda c: HOWS.index(c.how))
