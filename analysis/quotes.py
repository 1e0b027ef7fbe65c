"""Direct quotations and their speakers, and words in quote marks that are nobody's statement (titles, scare
quotes). The marks are paired in :mod:`.marks`, the people of the story followed in :mod:`.people` and each quote's
attribution chosen in :mod:`.speakers`."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple, cast

from .attribution import Attribution, find_attributions
from .kinds import How, QuoteKind
from .lexicon import RELAYING_VERBS, TITLE_SMALL_WORDS
from .marks import DOUBLE_OPEN, QuoteSpan, quote_inner, quote_spans
from .names import canonical_names
from .noun_phrases import is_organisation, is_role, person_name, speaker_phrase
from .people import AFTER_LAST_QUOTE, Salience, genders, person_mentions, sentence_subject
from .segment import Segmentation
from .speakers import QuoteContext, Recent, SentenceStarts, adjacent_paragraphs, candidates, choose, features
from .thresholds import PARTIAL_QUOTE_WORDS, SCARE_QUOTE_WORDS, TITLE_MAX_WORDS, TITLE_MIN_WORDS, WORD_AS_WORD

__all__ = ["HOW_IN_WORDS", "Quote", "extract_quotes", "how_in_words"]

# How a quote is attributed, as the quotes table says it: a quote that goes on from its speaker's reported speech,
# from the paragraph's or the previous quote's speaker, is a follow-on; one after a person just named, "named".
_HOW_SHOWN = {**{h: h for h in How}, How.REPORTED: How.FOLLOW_ON, How.PARAGRAPH: How.FOLLOW_ON,
              How.PREVIOUS: How.FOLLOW_ON}


# The same, in a reader's words (tables, the report): see :func:`how_in_words`.
HOW_IN_WORDS: dict[str, str] = {How.LEADING: "verb of saying before it", How.TRAILING: "verb of saying after it",
                How.ACCORDING: "according to", How.CALLED: "words someone is said to have used",
                How.INTRODUCED: "speaker named before a colon", How.FOLLOW_ON: "the same speaker goes on",
                How.CONTINUED: "the same speaker goes on", How.NAMED: "the person just named",
                How.UNATTRIBUTED: "nobody named"}


def how_in_words(how: Iterable[str]) -> list[str]:
    """How each quote is attributed, in a reader's words ("verb of saying after it", not "trailing")."""
    return [HOW_IN_WORDS.get(h, h) for h in how]


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offsets of the quoted words, without the marks
    end: int
    text: str
    speaker: str  # canonical speaker, "" when unknown
    speaker_as_written: str
    # leading, trailing, according (a verb of saying before, after, or "according to"); called (words someone is said
    # to have used: 'Musk's "production hell"'); introduced (after a colon in a sentence naming the speaker);
    # follow-on, continued (after the same speaker's quote or reported speech); named (after the person last named);
    # unattributed
    how: str
    verb: str
    paragraph: int
    partial: bool  # a few words woven into the writer's own sentence
    kind: QuoteKind = QuoteKind.QUOTE  # or words in quote marks that nobody is quoted saying: a title, a scare quote


class _Attributed(NamedTuple):
    """A quote's marks and words with who says it, while the document is read (before names are made canonical)."""

    span: QuoteSpan
    start: int  # the quoted words, without the marks
    end: int
    speaker: str
    written: str
    how: str
    verb: str


def extract_quotes(text: str, seg: Segmentation, *, attributions: Mapping[int, tuple[Attribution, ...]] | None = None,
                   record: list | None = None) -> list[Quote]:
    """Every direct quotation in the article text, with its speaker.

    ``attributions`` are each content paragraph's :func:`find_attributions`, when already read. ``record``, when given, receives each quote's (start, end, candidates, their features, the one chosen): what the
    speaker model is fitted on (``bench/fit_speakers.py``).
    """
    spans = quote_spans(text, seg)
    if not spans:
        return []
    # Bisect over quote openings with the furthest closing so far: linear-time on texts full of quotes.
    inside = sorted((s.open_at, s.close_at) for s in spans)
    opens = [a for a, _ in inside]
    reach = list(accumulate((b for _, b in inside), max))

    def in_quote(pos: int) -> bool:
        k = bisect_left(opens, pos)
        return k > 0 and reach[k - 1] > pos

    closes_by_para: dict[int, list[int]] = defaultdict(list)
    for x in sorted(spans, key=lambda x: x.close_at):
        closes_by_para[x.paragraph].append(x.close_at)

    paragraphs = {p.index: p for p in seg.paragraphs}
    atts_by_para: dict[int, list[Attribution]] = {}
    for p in seg.content:
        para_atts = attributions[p.index] if attributions is not None else find_attributions(text, p.start, p.end)
        atts_by_para[p.index] = [a for a in para_atts if not in_quote(a.start)]
    starts_by_para = {i: [a.start for a in atts] for i, atts in atts_by_para.items()}
    sentence_start = SentenceStarts(seg)

    resolved: dict[tuple[int, int], str] = {}
    # (position, 1 for a quote else 0, what is there: an attribution, a sentence's subject, a (name, role) mention or a quote)
    events: list[tuple[int, int, Attribution | str | tuple[str, str] | QuoteSpan]] = []
    # Who is named after the last quote (and the attribution after it) points no pronoun at a quote.
    last = max(s.close_at for s in spans) + AFTER_LAST_QUOTE
    for atts in atts_by_para.values():
        events.extend((a.start, 0, a) for a in atts if a.start < last)
    for sentence in seg.sentences:
        if sentence.start >= last:
            break
        if not in_quote(sentence.start) and (mention := sentence_subject(text, sentence.start, sentence.end)):
            events.append((sentence.start, 0, mention))
    # Walk the story in order, resolving pronouns against who was last named.
    salience = Salience()
    speakers = [person_name(a.speaker) for atts in atts_by_para.values() for a in atts]
    content = seg.content
    content_starts = [p.start for p in content]
    mentions = [(pos, name, role) for pos, name, role in person_mentions(text, speakers, sentence_start.starts, last)
                if (k := bisect_right(content_starts, pos) - 1) >= 0 and pos < content[k].end and not in_quote(pos)]
    events.extend((pos, 0, (name, role)) for pos, name, role in mentions)
    salience.genders = genders(text, seg, sentence_start.starts, mentions)
    for s in spans:
        events.append((s.open_at, 1, s))
    events.sort(key=lambda e: (e[0], e[1]))

    body_index = {p.index: k for k, p in enumerate(q for q in seg.paragraphs if q.kind == "body")}
    quotes: list[_Attributed] = []
    recent = Recent()
    previous_paragraph: int | None = None

    def resolve(cue: Attribution | str) -> str:
        """The person a cue means in the story so far, as a speaker may be named ("" for a pronoun left
        unresolved, a fragment or a stray mark)."""
        if isinstance(cue, str):
            return speaker_phrase(salience.resolve(person_name(cue)))
        return speaker_phrase(resolved.get((cue.start, cue.end)) or salience.resolve(cue.speaker))

    for pos, is_quote, item in events:
        if isinstance(item, str):
            salience.add(salience.resolve(item))
            continue
        if isinstance(item, tuple):
            salience.add(*item)
            if named := speaker_phrase(item[0]):
                recent.named = (pos, named)
            continue
        if not is_quote:
            att = cast(Attribution, item)  # neither a str nor a tuple, and no quote: an attribution
            entity = salience.resolve(att.speaker)
            resolved[(att.start, att.end)] = entity
            # "Foreign Affairs Minister Anita Rao says": her role, for a later "the minister said".
            title = att.written[: len(att.written) - len(att.speaker)].split()[-1:] if att.written.endswith(att.speaker) else []
            salience.add(entity, title[0].lower() if title and is_role(title[0]) else "")
            k = bisect_right(content_starts, att.start) - 1
            # "NBC reported.", "Al Jazeera spoke to four women": an organisation that reports or interviews passes on
            # others' words; a quote that follows is not its own for that.
            relays = att.verb in RELAYING_VERBS and is_organisation(entity)
            recent.reported = None if relays else (speaker_phrase(entity), att.start, body_index.get(content[k].index, -99))
            continue
        s = cast(QuoteSpan, item)  # is_quote is 1 only for a quote span
        p = paragraphs[s.paragraph]
        a, b = quote_inner(text, s)
        if b <= a:
            continue
        closes = closes_by_para[s.paragraph]
        k = bisect_left(closes, s.open_at)
        floor = max(p.start, closes[k - 1] + 1) if k else p.start
        ctx = QuoteContext(text, a, b, s.open_at, s.close_at + 1, sentence_start(floor, s.open_at), s.paragraph,
                           body_index.get(p.index, 0), text[p.start] in DOUBLE_OPEN + '"',
                           previous_paragraph is not None and adjacent_paragraphs(seg, previous_paragraph, p.index))
        found = candidates(ctx, atts_by_para.get(p.index, []), starts_by_para.get(p.index, []), recent, resolve)
        chosen = choose(found, ctx, recent)
        if record is not None:
            record.append((a, b, found, features(found, ctx, recent), chosen))
        if chosen is None:
            # A verb of saying at the quote makes it a statement, whoever says it ('"No." she said'): for _kind.
            cued = next((c.how for c in found if c.how in (How.LEADING, How.TRAILING, How.ACCORDING)), "")
            speaker, written, verb, how = "", "", "", cued or How.UNATTRIBUTED
        else:
            speaker, written, verb, how = chosen.speaker, chosen.written, chosen.verb, _HOW_SHOWN[chosen.how]
        if speaker:
            recent.by_paragraph[s.paragraph] = speaker
            recent.speaker = speaker
        recent.quote_body = ctx.body
        recent.close = s.close_at
        previous_paragraph = s.paragraph
        quotes.append(_Attributed(s, a, b, speaker, written, how, verb))

    # The first paragraphs of a quote that runs on are spoken by whoever speaks its last.
    for k in range(len(quotes) - 2, -1, -1):
        if quotes[k].span.continued and not quotes[k].speaker and quotes[k + 1].speaker:
            quotes[k] = quotes[k]._replace(speaker=quotes[k + 1].speaker, written="", how=How.CONTINUED, verb="")
    canon = canonical_names([q.speaker for q in quotes if q.speaker], text)
    out = []
    for s, a, b, speaker, written, how, verb in quotes:
        words = len(text[a:b].split())
        sent = sentence_start(paragraphs[s.paragraph].start, s.open_at)
        partial = words < PARTIAL_QUOTE_WORDS or (s.open_at > sent and how == How.LEADING
                                                  and not text[a:b].rstrip().endswith((".", ",", "!", "?")))
        # The fullest form of the name, unless that is a headline or a caption run into it ("Speech-Watchers Say Trump").
        full = speaker_phrase(canon.get(speaker, speaker)) or speaker
        out.append(Quote(a, b, text[a:b], full, written, how, verb, s.paragraph, partial,
                         _kind(text[a:b], how, s.open_at > sent, text[max(0, s.open_at - 40) : s.open_at],
                               text[s.close_at + 1 : s.close_at + 30])))
    return out


# Words someone is said to have used, without a verb of saying: "described as", "expressed", "Musk's".
_CALLED = re.compile(r"(?:\b(?:described\s+as|called|calling|dubbed|termed|labell?ed|branded|expressed|expressing|voiced)"
                     r"|[A-Z][\w-]*['’]s?)\s*$")


# "Porters were called "George"": a name people used, not anyone's statement.
_PASSIVE_CALLED = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:[a-z]+ly\s+)?(?:called|dubbed|termed|labell?ed|branded)"
                             r"\s*$")
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|that)\s*$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:said|says|is|was|are|were|has|have|had|will|would|and|or|but|to|of|in|on)\b)[a-z]")


_YEAR_AFTER = re.compile(r"\s*\((?:19|20)\d\d\)")
_TITLE_MARKS = frozenset(["-", "–", "—", ":", "&", "|"])


def _kind(quoted: str, how: str, inside: bool, before: str = "", after: str = "") -> QuoteKind:
    """Whether quoted words are somebody's statement ("quote"), or the title of a work or show ("title") or the
    writer's own word in quote marks ("scare quote": "sextortion", a nickname, a word as a word). ``before`` is
    the text just before the opening mark, ``after`` just after the closing one."""
    words = quoted.rstrip(".,;:!?…").split()
    if not words:
        return QuoteKind.QUOTE
    if _YEAR_AFTER.match(after) and words[0][:1].isupper() and len(words) <= TITLE_MAX_WORDS:
        return QuoteKind.TITLE  # '"Candle" (1982)': a work and its year
    # A title in Title Case, inside a sentence or opening one as its subject ('"The Kid Who Would Be King" reclaims',
    # 'the co-production "Mountain Miracle - An Unexpected Friendship" tells', 'told "60 Minutes"'); a dash or a
    # colon is no word of it, and a number may be one.
    opens_sentence = (how not in (How.LEADING, How.TRAILING) and quoted == quoted.rstrip(".,;:!?")
                      and after[:2].strip()[:1].islower())
    title_words = [w for w in words if w not in _TITLE_MARKS]
    if (inside or opens_sentence) and TITLE_MIN_WORDS <= len(title_words) <= TITLE_MAX_WORDS and (
            title_words[0][:1].isupper() or title_words[0][:1].isdigit()) and all(
            w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS for w in title_words[1:]):
        return QuoteKind.TITLE
    if inside and len(words) <= 3 and _DETERMINER_BEFORE.search(before) and _NOUN_AFTER.match(after):
        return QuoteKind.SCARE_QUOTE  # a modifier inside a noun phrase: a "naive" user, the "unpredictable" nature
    said = how in (How.LEADING, How.TRAILING, How.ACCORDING, How.CALLED, How.INTRODUCED) or (
        _CALLED.search(before) and not _PASSIVE_CALLED.search(before))
    if not said and inside and len(words) <= SCARE_QUOTE_WORDS and not quoted.rstrip().endswith((".", "!", "?")):
        return QuoteKind.SCARE_QUOTE
    if not said and len(words) <= WORD_AS_WORD:
        return QuoteKind.SCARE_QUOTE  # 'included as "Canadians."', 'A "renoviction" is when': a word, not a statement
    return QuoteKind.QUOTE


