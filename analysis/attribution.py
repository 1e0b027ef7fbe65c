"""Who says so: reporting verbs, attribution phrases and the names they introduce.

Shared by quotes (the speaker), figures (the source of a number) and the
per-document list of cited sources. Everything here describes how English news
attributes statements: "X said", "said X", "according to X", "X told Y",
"X reported that ...", "a report from X", "per a letter obtained by X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import (
    CONTINUE_VERBS,
    GROUPS_OF_PEOPLE,
    NOT_SUBJECT_START,
    PERSON_NOUNS,
    QUOTING_VERBS,
    READ_VERBS,
    REFUSABLE_VERBS,
    REPORTING_VERBS,
    TELLING_VERBS,
    TITLES,
    VERBS_ALSO_NOUNS,
)
from .noun_phrases import (
    CAPITALISED_WORD,
    DETERMINER,
    DETERMINER_WORD,
    NAME,
    POSSESSIVE_END,
    RELATIVE_CLAUSE,
    SENTENCE_BREAK,
    clean_np,
    is_document,
    is_name,
    is_pronoun,
    is_role,
    person_name,
)
from .patterns import StartScan, lookback_start, words_pattern
from .segment import FULL_STOP
from .thresholds import ACCORDING_MAX_WORDS

__all__ = [
    "OBTAINED_BY",
    "PASSIVE_BEFORE",
    "REPORTING_VERBS",
    "TELLING_VERBS",
    "Attribution",
    "find_attributions",
    "subject_of",
]


_CAPITAL = re.compile(r"[A-Z]")
_TRAILING_ADVERB = re.compile(r"(?:\s+(?:[a-z]+ly|also|then|now|later|again|still|once|too|even|first))+$")
_FIRST_VERBISH = re.compile(
    r"\s(?:[a-z]\w*ed|(?:did|does|do|would|could|should|will|was|were|is|are|has|have|had|ca|wo)(?:n['’]t| not)|goes|does|says|continues|seems|appears|tends|wants|hopes|tries|plans|is|are|was|were|has|have|had|will|would|could|may|might|began|began|went|"
    r"came|got|took|made|ran|saw|jumped|identifying|who|which|that)\b"
)
# Not "obtained by": the outlet that obtained a memo or court papers is not their author ("a memo obtained by ABC News").
_ACCORDING_WORDS = ["according to", "per", "citing", "cited by", "reported by", "quoted by", "via"]
# Written out in lower, sentence, title and upper case rather than with IGNORECASE, which makes a scan much slower.
_ACCORDING = words_pattern({c for w in _ACCORDING_WORDS for c in (w, w.capitalize(), w.title(), w.upper())})
# "according to a new report from the Institute for the Study of War (ISW)".
_ACCORDING_NP = re.compile(r"((?:[^\s,.;:!?“”\"]+\s+){0,11}?[^\s,;:!?“”\"]+?)(?=\.?(?:[,;:!?“”\"]|\s+(?:who|which|that|and|but|in|on|at)\s|\.\s|\.?$))")
# "documents obtained by ABC News", "a memo seen by Reuters": who obtained or saw a text did not write it (though it is
# a source the story cites).
OBTAINED_BY = re.compile(r"\b(?:obtained|seen|reviewed|received|acquired|viewed)\s+by\b")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A phrase that names who said or reported something."""

    start: int
    end: int
    speaker: str  # the noun phrase as written, cleaned
    verb: str
    addressee: str  # "CNN" in "told CNN"; empty when none
    written: str = ""  # the phrase as written when the speaker is the name in it ("Mayor Ann Lee" for "Ann Lee")

# How far before a reporting verb its subject is looked for: far more than any subject with its appositions.
_LOOKBACK = 300
_HARD_BREAK = re.compile(rf"[,;:()\[\]—–“”\"‘]|[’'](?=\s)|[!?](?=\s)|{FULL_STOP}(?=\s)")
_LEADING_ADVERB = re.compile(
    r"^(?:(?:then|there|here|but|and|so|yet|now|also|however|still|later|instead|meanwhile|earlier|"
    r"today|yesterday|previously|separately|finally|thus|too)\s+)+",
    re.IGNORECASE,
)
_SOFT_BREAK_WORDS = (
    "that|which|who|whom|whose|while|when|because|and|but|or|as|if|although|though|"
    "after|before|since|than|so|including|adding|saying|where"
)
_APPOSITION = re.compile(
    rf"((?:the\s+|a\s+|an\s+)?(?:{CAPITALISED_WORD}\s+)*(?:{CAPITALISED_WORD}|[a-z]+))\s*,[^,]{{2,160}},\s*(?:had\s+|has\s+|also\s+)?$"
)


# The last break before a verb, found by backtracking from the end rather than by scanning the whole window.
_LAST_HARD_BREAK = re.compile(rf"(?s:.*)(?:{_HARD_BREAK.pattern})")
_LAST_SOFT_BREAK = re.compile(rf"(?s:.*)\b({_SOFT_BREAK_WORDS})\b")
_OWN_SUBJECT = re.compile(rf"(?:{DETERMINER}|he|she|they|it|we|i)\b")
_THE_NAME = re.compile(rf"(?:the\s+)?{NAME}")


_PARTY_TAG = re.compile(r",\s*[DRI]-[A-Z][a-z]{1,5}\.?(?=\s*,)")
_APPOSITION_TAIL = re.compile(r",[^,]{2,160},\s*(?:had\s+|has\s+|also\s+)?$")
_LAST_NOT_IN_NAME = re.compile(r"(?s:.*)[^\w'’.\-\s]")


_OBJECT_BEFORE = re.compile(r"\b(?:to|with|for|from|by|of|in|on|at|about|told|telling)\s+$", re.IGNORECASE)
_TOLD_BEFORE = re.compile(r"\b(?:[Ss]peaking|[Tt]alking|[Ww]riting|[Ee]xplaining)\s+to\s+$|\b(?:[Ii]nterview|[Cc]onversation)\s+with\s+$")
_NAME_OPENING = re.compile(rf"\s*((?:the\s+)?{NAME}),\s+(?:a|an|the|who|whose|one|now|then|also)\s")
_STOP = re.compile(r"\s[\"”’]?[.!?]")  # a sentence's end mark and the space after it, in reversed text


def _sentence_start(left: str) -> int:
    """Where the last sentence of ``left`` starts: after a full stop that no abbreviation or initial ends ("Mo.",
    "Ont.", "J.", "U.S.")."""
    for m in _STOP.finditer(left[::-1]):  # from the end back: the first stop found that ends a sentence
        stop = len(left) - m.end()  # where the mark is
        token = left[left.rfind(" ", 0, stop) + 1 : stop]
        if not (token[:1].isupper() and (len(token) <= 4 or "." in token)):
            return len(left) - m.start()
    return 0


def _apposition_head(left: str) -> str:
    """The name before an apposition that ends ``left`` ("Jane Doe, an analyst at X,"), or "".

    The same as searching ``left`` with ``_APPOSITION``, but the search starts
    where the name can start: after the last character a name cannot hold
    before the apposition's first comma.
    """
    tail = _APPOSITION_TAIL.search(left)
    if tail is None:
        return ""
    # "Will Young, a mechanic based in Kansas City, Mo., and an organizer at X, said": an apposition with commas of
    # its own; the name opens the sentence.
    opening = _NAME_OPENING.match(left, _sentence_start(left))
    if opening and _plausible_subject(opening.group(1)):
        return opening.group(1)
    outside = _LAST_NOT_IN_NAME.match(left, 0, tail.start())
    m = _APPOSITION.search(left, outside.end() if outside else 0)
    if m is None:
        return ""
    between = RELATIVE_CLAUSE.sub("", left[m.end(1) :].strip().strip(",").strip())  # "an official who asked not to be named"
    if m.group(1)[-1:].islower() and len(between.split()) >= 2 and is_name(between.split()):
        # "The country's top prosecutor, Hilda Morales, told reporters": a description, then the name it describes.
        return between
    # "Speaking to Al Jazeera, Amnesty's director Michelle Kagari, said": a preposition's object is no subject; a name
    # between the commas is ("of North Korea Sufian Jusoh, a senior fellow, said" keeps its run-in name).
    if (_OBJECT_BEFORE.search(left, 0, m.start(1)) and _plausible_subject(between)
            and (_TOLD_BEFORE.search(left, 0, m.start(1)) or (between[:1].isupper() and not _DETERMINER_FIRST.match(between)))):
        return between  # "Speaking to Al Jazeera, a senior official, said": whoever is spoken to never speaks
    return m.group(1)


def _head_of_clause(clause: str) -> str:
    """The subject at the start of a clause: the words before its first verb."""
    m = _FIRST_VERBISH.search(" " + clause)
    if m:
        clause = clause[: max(m.start() - 1, 0)].strip()
    # "Smith reportedly said", "Then he said": adverbs are not part of the subject.
    clause = _LEADING_ADVERB.sub("", clause)
    return _TRAILING_ADVERB.sub("", clause).strip()


_DETERMINER_FIRST = re.compile(rf"{DETERMINER}\b", re.IGNORECASE)


def _plausible_subject(np: str) -> bool:
    words = np.split()
    if not words or len(words) > 8 or words[0].lower() in NOT_SUBJECT_START or np.lower() in ("a", "an", "the"):
        return False
    return bool(_CAPITAL.search(np) or _DETERMINER_FIRST.match(np) or is_pronoun(words[-1]) or _people(words[-1]))


def _people(word: str) -> bool:
    """A plural noun for people, a subject without a determiner: "In Kyiv, officials said", "residents say"."""
    return word in GROUPS_OF_PEOPLE or (word.endswith("s") and word.islower()
                                         and (is_role(word[:-1]) or word[:-1] in PERSON_NOUNS))


_ADJECTIVES_BEFORE_COMMA = re.compile(r"(?:^|(?<=\s))(?:[Tt]he|[Aa]n?)\s+[a-z][\w-]*,$")


def subject_of(text: str, verb_start: int, floor: int) -> str:
    """The subject of the verb at ``verb_start``, looked for no further back than ``floor``: "The U.S. State
    Department" in "The U.S. State Department called for their release and expressed ..."."""
    subject = _subject_before(text, verb_start, floor)
    return clean_np(subject) if subject else ""


def _subject_before(text: str, verb_start: int, floor: int) -> str:
    """The noun phrase that is the subject of the verb starting at ``verb_start``."""
    left = text[lookback_start(text, floor, verb_start, _LOOKBACK) : verb_start]
    # "Lucille Roybal-Allard, D-Calif., the incoming chairwoman, said": a party and state are no apposition's head.
    if "D-" in left or "R-" in left or "I-" in left:
        left = _PARTY_TAG.sub("", left)
    hard = _LAST_HARD_BREAK.match(left)
    seg = left[hard.end():] if hard else left
    if hard and left[hard.end() - 1] == ",":
        # "the lanky, bespectacled professor said": adjectives in a row, read without their comma.
        after_words = seg.split()
        if (2 <= len(after_words) <= 3 and all(w.islower() and not is_pronoun(w) and not DETERMINER_WORD.fullmatch(w)
                                               for w in after_words)
                and (adjectives := _ADJECTIVES_BEFORE_COMMA.search(left, max(0, hard.end() - 40), hard.end()))):
            return (left[adjectives.start() : hard.end() - 1] + seg).strip()
    if not seg.strip():
        # "Jane Doe, an analyst at X, said": the name before the apposition.
        return _apposition_head(left)
    soft = _LAST_SOFT_BREAK.match(seg)
    if soft is None:
        clause = _head_of_clause(seg.strip())
    elif after := _head_of_clause(seg[soft.end():].strip()):
        clause = after
        if soft.group(1) in {"who", "which", "that"} and "a" <= clause[:1] <= "z" and not _OWN_SUBJECT.match(clause):
            # "The officer who spoke to CNN says": the relative clause's antecedent.
            clause = _head_of_clause(seg[: soft.start(1)].strip())
    elif soft.group(1) in {"and", "or", "but"}:
        # "a man jumped out and began shouting": the subject of the first verb.
        clause = _head_of_clause(seg.strip())
    else:
        return ""
    if len(clause.split()) > 4:
        # "the last time the Ministry of Defense reported": the named actor.
        names = list(_THE_NAME.finditer(clause))
        if names and names[-1].start() > 0:
            clause = names[-1].group()
    return clause if _plausible_subject(clause) else ""


# "said the officer", "says Cambridge cartoonist Andre Campbell", "said Labour councillor Dana Whitfield", "says
# Campbell's partner, Jason Louth": a role before the name, or a name in apposition after a description.
_INVERTED = re.compile(
    rf"\s+((?:{DETERMINER}\s+)?(?:[A-Z][\w.-]*['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*(?=,)"
    rf"|(?:{NAME}\s+)?(?:[a-z][\w-]*\s+){{1,3}}{NAME}|{NAME}|[a-z\d][\w-]*(?:\s+[a-z][\w-]*)?))"
    rf"(?:,\s+({NAME})(?=\s*[.,;]|\s*$))?"
)
# A verb of saying, or an "according to" phrase. No verb match can start inside a phrase match or the
# other way round, except a phrase that starts with a verb ("reported by"), which counts as both.
_CUE = StartScan(rf"(?P<according>{_ACCORDING})\s+|(?P<verb>{words_pattern(REPORTING_VERBS)})\b")
_OBJECT = re.compile(rf"\s+((?:the\s+)?{NAME}|him|her|them|me|us|reporters|journalists)")


_QUOTE_NEXT = re.compile(r"\s*[,:]\s*[“\"‘]")
_QUOTE_MARK_SOON = re.compile(r"[“\"‘]")


_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")


def _addressee(text: str, verb: str, pos: int, end: int) -> str:
    if verb not in TELLING_VERBS:
        return ""
    m = _OBJECT.match(text, pos, end)
    if not m or is_pronoun(m.group(1)) or not m.group(1).removeprefix("the ")[:1].isupper():
        return ""  # "told him", "told reporters": nobody named
    told = _within_sentence(m.group(1))
    # "told Reuters." ends the sentence; "told the U.S." keeps its abbreviation.
    return told[:-1] if told.endswith(".") and not _ABBREVIATION_END.search(told) else told


# "per" names a source before a determiner or a name: "per a letter obtained by X", "per Reuters".
_PER_SOURCE = re.compile(r"(?:the|a|an|his|her|their|its)\s|[A-Z]")
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|this|our|my|your)\s+$", re.IGNORECASE)
_REFUSED_BEFORE = re.compile(r"\b(?:(?:declined|refused|unwilling|reluctant|unable)\s+to"
                             r"|(?:would|could|did|will|does|do)(?:\s+not|n['’]t)|wo\s*n['’]t|no|for|without)\s+$")
# A form of "be" ending the text before a position: what follows is passive ("was described", "were told").
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$")

_NAME_OR_PRONOUN_BEFORE = re.compile(rf"(?:{CAPITALISED_WORD}|\b(?:he|she|it|they))\s+$")
_AFTER_MARK = re.compile(r"[,”\"’]\s*$")


_COMMA_BEFORE = re.compile(r",\s*$")


def _main_subject(text: str, verb_start: int, floor: int) -> str:
    """The subject of the sentence a participle of saying closes ("Spicer tried to clean it up, saying ...")."""
    left = text[lookback_start(text, floor, verb_start, _LOOKBACK) : verb_start]
    head = _head_of_clause(left[_sentence_start(left) :].strip())
    return head if _plausible_subject(head) and len(head.split()) <= 6 else ""


_QUOTED_AS_SAYING = re.compile(r"\s+((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)\s+as\s+(?:saying|telling|writing|stating)\b")


def _named(start: int, end: int, phrase: str, verb: str, addressee: str) -> Attribution:
    """An attribution to the person a phrase names, the phrase kept as written when a role goes before the name."""
    name = person_name(phrase)
    return Attribution(start, end, name, verb, addressee, phrase if name != phrase else "")


def _within_sentence(phrase: str) -> str:
    """A name after a verb of saying, up to the end of its sentence: '"...," says Barthel. These provide ...' is
    Barthel, 'told Reuters. Then' Reuters (before the verb, the subject is the last sentence's part:
    :func:`speaker_phrase`)."""
    for stop in SENTENCE_BREAK.finditer(phrase):
        word = phrase[: stop.start()].rsplit(None, 1)[-1]
        # Not after a title or a short capitalised abbreviation ("said Rep. Jim McGovern", "said Lt. Col. Jane Doe").
        if not (word.lower() + "." in TITLES or (len(word) <= 3 and word[:1].isupper())):
            return phrase[: stop.start()]
    return phrase


def find_attributions(text: str, start: int, end: int) -> tuple[Attribution, ...]:
    """Every "subject + reporting verb" and "according to X" in ``text[start:end]``.

    Read once per paragraph of a document (:func:`analysis.extract.analyze_document`): quotes, figures and cited
    sources all read them.
    """
    out: list[Attribution] = []
    verbs: list[tuple[int, int, str]] = []
    according: list[re.Match] = []
    for m in _CUE.finditer(text, start, end):  # verbs and "according to" phrases in one scan
        phrase = m.group("according")
        if phrase is None:
            verbs.append((m.start("verb"), m.end("verb"), m.group("verb")))
            continue
        according.append(m)
        word = phrase.split(" ", 1)[0]
        if word in REPORTING_VERBS:  # "reported by": the verb too
            verbs.append((m.start("at"), m.start("at") + len(word), word))
    for v_start, v_end, verb in verbs:
        if verb in CONTINUE_VERBS and text.startswith(" to ", v_end):
            continue  # "will continue to evolve": going on, not saying
        if (verb in VERBS_ALSO_NOUNS and not _NAME_OR_PRONOUN_BEFORE.search(text, max(start, v_start - 30), v_start)
                and not _AFTER_MARK.search(text, max(start, v_start - 3), v_start)):
            continue  # also a common noun: a verb only right after a name or pronoun, or a quote ('," notes X')
        if _DETERMINER_BEFORE.search(text, max(start, v_start - 7), v_start):
            continue  # "in a post", "the report", "his statement": a noun after a determiner, not a verb
        if verb in REFUSABLE_VERBS and _REFUSED_BEFORE.search(text, max(start, v_start - 24), v_start):
            continue  # "declined to comment", "would not say", "no comment": nothing said
        if verb != "quoted" and PASSIVE_BEFORE.search(text, max(start, v_start - 8), v_start):
            continue  # "was described as", "were told": said of the subject, not by it ("was quoted as saying" is)
        if verb.endswith("ing") and _COMMA_BEFORE.search(text, max(start, v_start - 3), v_start):
            subj = _main_subject(text, v_start, start)  # "He singled out China, tweeting, ...": the sentence's subject
        else:
            subj = _subject_before(text, v_start, start)
        # Inverted order: "..., said the officer", "stated the person"; with a subject before the verb, only a name
        # right before a quote ('..., asks editor Jennifer Dane, "has anyone ...').
        # After "told" the name is whoever was told ('X told Sky News: "..."'), never the speaker.
        inv = None if verb in TELLING_VERBS else _INVERTED.match(text, v_end, end) if not subj or _QUOTE_MARK_SOON.search(
            text, v_end, min(end, v_end + 120)) else None
        if verb in READ_VERBS and not (subj and is_document(subj)) and not (
                not subj and inv and _AFTER_MARK.search(text, max(start, v_start - 3), v_start) and is_document(inv.group(1))):
            continue  # "her statement read", '," reads the report': a document's words; "he read the book" is not
        # "the AFP news agency quoted FARC member Maritza Gonzalez as saying": the agency reports, she speaks.
        if verb in QUOTING_VERBS and (relayed := _QUOTED_AS_SAYING.match(text, v_end, end)):
            out.append(_named(v_start, relayed.end(), clean_np(relayed.group(1)), verb, ""))
            continue
        if subj and inv and _QUOTE_NEXT.match(text, inv.end(), end) and inv.group(1)[:1].isupper() \
                and _plausible_subject(inv.group(1)):
            out.append(_named(v_start, inv.end(), clean_np(_within_sentence(inv.group(2) or inv.group(1))), verb, ""))
            continue
        if subj:
            out.append(_named(v_start, v_end, clean_np(subj), verb, _addressee(text, verb, v_end, end)))
            continue
        if inv and _AFTER_MARK.search(text, max(start, v_start - 3), v_start) and _plausible_subject(inv.group(1)):
            described, named = inv.group(1), inv.group(2)
            # "Campbell's partner, Jason Louth": the name the description is given.
            speaker = named if named and (POSSESSIVE_END.search(described.split()[0]) or described[:1].islower()) \
                else described
            out.append(_named(v_start, inv.end(), clean_np(_within_sentence(speaker)), verb, ""))
    for m in according:
        if m.group("according").lower() == "per" and not _PER_SOURCE.match(text, m.end("at"), end):
            continue  # "per cent", "per capita", "$5 per gallon": a rate, not a source
        phrase = _ACCORDING_NP.match(text, m.end("at"), end)
        if not phrase:
            continue
        first, last = phrase.start(1), phrase.end(1)
        # "according to Dr. Keith Ahamad": a title's full stop ends no phrase.
        if text[first:last].split()[-1].lower().rstrip(".") + "." in TITLES and text[last : last + 2] == ". ":
            rest = _ACCORDING_NP.match(text, last + 2, end)
            last = rest.end(1) if rest else last
        if len(text[first:last].split()) <= ACCORDING_MAX_WORDS:
            out.append(_named(m.start("at"), last, clean_np(text[first:last]), "according to", ""))
    out.sort(key=lambda a: a.start)
    return tuple(out)


# --- what may stand as a speaker -----------------------------------------------------------------------------------
