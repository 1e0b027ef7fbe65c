"""Who a story is about: the people it names, how it refers to them again ("he", "the mayor", a surname), and
who "he" and "she" are. Read once per document, in the order of the text, for the speakers of its quotes."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from functools import lru_cache
from typing import NamedTuple

from .attribution import OBTAINED_BY
from .lexicon import COURTESY_TITLES, PERSON_NOUNS, THING_NOUNS, TITLES
from .noun_phrases import (
    NAME_RUN,
    PERSON_NAME,
    clean_np,
    is_document,
    is_generic_person,
    is_organisation,
    is_pronoun,
    is_role,
    named_part,
    person_name,
)
from .segment import Segmentation

__all__ = ["AFTER_LAST_QUOTE", "Salience", "entity_kind", "genders", "person_mentions", "sentence_subject"]


@lru_cache(maxsize=8192)
def entity_kind(np: str) -> str:
    if is_pronoun(np):
        return {"it": "org", "they": "any", "them": "any"}.get(np.lower(), "person")
    if is_generic_person(np):
        return "person"
    if is_organisation(np) or is_document(np):
        return "org"
    # "Many shelter users", "some residents": a group is "they", never "he" or "she".
    if _PLURAL_HEAD.search(np):
        return "group"
    # "the priority task", "the decision": a thing described is no one "he" or "she" can mean; "the mayor", "a nurse"
    # are people.
    head = np.split()[-1] if np.split() else ""
    if head[:1].islower() and (_ABSTRACT.search(head) or head in THING_NOUNS):
        return "thing"
    return "person"


_ABSTRACT = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ism|ship|ure|ing|age|ery|ics)$")
_PLURAL_HEAD = re.compile(r"(?:(?<![\w'’])[a-z]+[^su\W]s|\b[Pp]eople)$")


class Salience:
    """Who the story is talking about, for resolving "he", "it", "the man" and "the mayor"."""

    def __init__(self) -> None:
        # (entity, kind), most recent last; a pronoun never reaches back past the last 100 mentions.
        self.entities: deque[tuple[str, str]] = deque(maxlen=100)
        self.roles: dict[str, str] = {}  # "mayor" -> the person last named with that role ("Mayor Jane Doe")
        self.people: deque[str] = deque(maxlen=100)  # people named in the text, most recent last
        self.genders: dict[str, str] = {}  # "m" or "f" for people the story calls "he" or "she"

    def resolve(self, np: str) -> str:
        ref = _reference(np)
        if ref.role in self.roles:
            return self.roles[ref.role]
        if ref.owner:
            return self.resolve(ref.owner)  # "her statement read": the statement's owner
        if ref.described and self.people:
            # "says the affable proprietor", "the lanky, bespectacled professor said": a named person, described.
            return self.people[-1]
        if ref.pronoun:
            # The person last mentioned, whether or not they were quoted: "... accountant Jane Doe, 50. "I had ...,"
            # he says." "She said" never points to a man the story calls "he", nor "he" to a woman.
            want = entity_kind(np)
            other = {"he": "f", "him": "f", "she": "m", "her": "m"}.get(np.lower(), "")
            return next((ent for ent, kind in reversed(self.entities)
                         if (want == "any" or kind == want) and (not other or self.genders.get(ent) != other)), np)
        if ref.another:
            for ent, kind in reversed(self.entities):
                head = ent.split()[-1]
                if kind == "person" and head[0].islower():
                    return f"{ref.another} {head}"
            return np
        return ref.name

    def add(self, entity: str, role: str = "") -> None:
        """A mention of ``entity``, with the role written before its name ("mayor" in "Mayor Jane Doe")."""
        if not entity or is_pronoun(entity):
            return
        self.entities.append((entity, entity_kind(entity)))
        if _is_named_person(entity):
            self.people.append(entity)
            if role:
                self.roles.setdefault(role, entity)


class _Reference(NamedTuple):
    """How a speaker phrase points at someone (see :func:`_reference`)."""

    role: str  # "mayor" in "the mayor"
    owner: str  # "she" for "her statement"
    described: bool  # "the affable proprietor"
    pronoun: bool  # "he", "the man"
    another: str  # "another", "a second"
    name: str  # the proper name in the phrase, or the phrase


@lru_cache(maxsize=8192)
def _reference(np: str) -> _Reference:
    """What a speaker phrase says about whom it means, read once per phrase; whom it means depends on the story
    so far (:meth:`Salience.resolve`)."""
    low = np.lower()
    role = _DEFINITE_ROLE.fullmatch(low)
    owner = _POSSESSIVE_DOCUMENT.fullmatch(low)
    described = _DESCRIBED_PERSON.fullmatch(np)
    return _Reference(
        role.group(1) if role else "",
        {"his": "he", "her": "she", "their": "they", "its": "it"}[owner.group(1)] if owner else "",
        described is not None and (is_role(described.group(1)) or described.group(1) in ("man", "woman")),
        is_pronoun(np) or is_generic_person(np),
        low if low in {"another", "one", "a second", "a third", "others", "some"} else "",
        np if OBTAINED_BY.search(np) else named_part(np),
    )


_POSSESSIVE_DOCUMENT = re.compile(r"(his|her|their|its)\s+(?:[a-z-]+\s+)?(?:statement|letter|release|post|tweet|note|"
                                  r"message|email|memo|report)")


@lru_cache(maxsize=8192)
def _is_named_person(entity: str) -> bool:
    return bool(PERSON_NAME.fullmatch(entity)) and not is_organisation(entity)


_DESCRIBED_PERSON = re.compile(r"the\s+(?:[\w-]+,?\s+){1,3}([a-z]+)")
_DEFINITE_ROLE = re.compile(r"the\s+(?:[\w'’-]+\s+){0,2}?(\d{1,3}-year-old|[a-z]+)")


_SUBJECT = re.compile(
    # "On Dec. 13, the mayor brought up ...": a short phrase of time or place before the subject.
    r"(?:(?:On|In|At|After|Before|During|Last|Earlier|Later)\s[^,.;]{1,25}(?:\.[^,.;]{1,10})?,\s+)?"
    r"(?!(?:On|In|At|For|After|Before|During|Since|Until|By|From|With|Under|Over|Last|Next|This|That|When|While|If|As|"
    r"Many|Some|Most|All|Several|Few|Both|Each|Other|Others|These|Those|Such)\b)"
    r"(?P<np>(?:[Tt]he|An?|an?)\s+(?:[a-z]+\s+){0,2}?[a-z]+[^s\W]|[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,3})"
    r"(?=\s*,|\s+(?:who|is|was|has|had|says|said|will|would|[a-z]+ed|brought|made|took|gave|went|came|spoke|wrote|"
    r"told|met|left|felt|thought|knew|got|found|began|kept|led|won|lost|sent|put|set|ran|saw|stood|held|became)\b)"
)


_RUN_OPENER_WORDS = "The A An In On At For But And As If When After This That It He She Of To"
_RUN_OPENERS = frozenset(_RUN_OPENER_WORDS.split())
# A capitalised name is a person's when written after a title or an agent noun ("accountant Jane Doe", "Dr. Jane
# Doe"), or before an age or "who" ("Jane Doe, 50,", "Jane Doe, who"): how news introduces people.
_AGE_OR_WHO = re.compile(r",?\s+(?:\d{1,3}\b|who\b)")
AFTER_LAST_QUOTE = 300  # characters after the last quote read for people: its attribution and apposition
# A surname alone opening a sentence, and its verb: "Mulder didn't hesitate", "Haley explained".
_FIRST_WORD = re.compile(r"[A-Z][a-z][\w-]*(?![\w'’-]| +[A-Z])")
_VERB_AFTER = re.compile(r"\s+(?:[a-z]+ed|[a-z]+s|said|is|was|has|had|did|didn['’]t|will|would)\b")


# Whoever is spoken to ("Speaking to Al Jazeera, he said", "she told Jane Doe") is the listener: no "he" or "she"
# that follows means them.
_TOLD = re.compile(r"(?:\b(?:[Ss]peaking|[Tt]alking|[Ss]poke|[Tt]alked|[Ww]riting|[Ww]rote)\s+to|\btold|\b[Ii]nterview\s+with)\s+$")


def _word_before(text: str, pos: int) -> str:
    """The word just before ``pos`` when only spaces part them ("accountant" in "accountant Jane Doe"), with a full
    stop it ends with ("Dr."); "" after punctuation or a line break."""
    if pos < 2 or text[pos - 1] != " ":
        return ""
    start = max(0, pos - 26)
    space = text.rfind(" ", start, pos - 1)
    word = text[space + 1 if space >= 0 else start : pos - 1]
    return word if word.replace("-", "").rstrip(".").isalpha() else ""


@lru_cache(maxsize=8192)
def _name_in_run(run: str) -> tuple[int, str, str]:
    """The characters before the name in a run of capitalised words, the name, and the title written in the run:
    (0, "Doug McCallum", "mayor") for "Mayor Doug McCallum"; no name for one word, a headline or an organisation
    ("War In Ukraine")."""
    words = run.split()
    skipped = 0
    while words and words[0] in _RUN_OPENERS:
        skipped += len(words[0]) + 1
        words = words[1:]
    if len(words) < 2 or any(w in _RUN_OPENERS for w in words):
        return skipped, "", ""
    written = " ".join(words)
    name = person_name(written)
    if " " not in name or (name == written and len(words) > 3):
        return skipped, "", ""
    title = written[: len(written) - len(name)].split()[-1].lower() if name != written else ""
    return skipped, name, title


# What an apposition right after a name says the person is: "Jane Doe, 24," (the 24-year-old), "Jane Doe, an expert
# at the institute," (the expert), "Jane Doe, the club's captain".
_APPOSITION = re.compile(r",\s+(?:(\d{1,3})(?=[,.])"
                         r"|(?:a|an|the)\s+(?:[\w'’-]+\s+){0,3}?([a-z]+)(?=[,.]|\s+(?:at|of|for|with|in|from)\b))")


def _apposition_role(text: str, end: int) -> str:
    m = _APPOSITION.match(text, end)
    if m is None:
        return ""
    if m.group(1):
        return f"{m.group(1)}-year-old"
    head = m.group(2)
    # A title or a noun for people, or a profession ("cardiologist", "historian"); not any word ending like an agent
    # ("the ideological parent of the party", "the tour operator" may be organisations).
    return head if head in TITLES or head in PERSON_NOUNS or head.endswith(("ist", "ian")) else ""


def person_mentions(text: str, speakers: list[str], sentence_starts: list[int], end: int) -> list[tuple[int, str, str]]:
    """Each place in ``text[:end]`` a person is named, by full name or surname, with the role written before the
    name ("mayor").

    The people are found as news introduces and then refers to them:
    - a named speaker whom the story also calls by surname alone (places and organisations such as "Nova Scotia"
      are repeated whole);
    - a name whose surname, and no other name's, opens a sentence alone;
    - a name after a title or an agent noun, or before an age or "who"."""
    names: list[tuple[int, str, str]] = []  # (position, name of two or three words, role)
    runs: list[tuple[int, int]] = []
    introduced: list[str] = []
    for m in NAME_RUN.finditer(text, 0, end):
        runs.append(m.span())
        skipped, name, title = _name_in_run(m.group())
        if not name:
            continue
        start = m.start() + skipped
        if skipped:  # after "The", "In": neither a role nor the start of a sentence
            names.append((start, name, title))
            continue
        word = _word_before(text, start)
        # Introduced as a person: "accountant Jane Doe", "Dr. Jane Doe". A capitalised title ("Mayor Jane Doe")
        # is her role but no sign on its own: "Toronto Mayor" heads places and offices too.
        intro = word if word.rstrip(".") in COURTESY_TITLES or (word.islower() and is_role(word)) else ""
        apposition = "" if title or intro else _apposition_role(text, m.end())
        names.append((start, name, title or intro.rstrip(".").lower() or apposition))
        if intro or apposition or (not word and _AGE_OR_WHO.match(text, m.end())):
            introduced.append(name)  # or "Jane Doe, 50," / "Jane Doe, who" opening a sentence
    by_surname: dict[str, set[str]] = defaultdict(set)
    for _, name, _ in names:
        by_surname[name.split()[-1]].add(name)
    run_starts = [a for a, _ in runs]
    found: dict[str, list[int]] = {}

    def alone(word: str) -> list[int]:
        """Where ``word`` stands as a name of its own, outside a run of capitalised words (read once per word)."""
        if word in found:
            return found[word]
        out = found[word] = []
        pos = text.find(word, 0, end)
        while pos >= 0:
            stop = pos + len(word)
            k = bisect_right(run_starts, pos) - 1
            if ((pos == 0 or not text[pos - 1].isalnum()) and (stop == len(text) or not text[stop].isalnum())
                    and (k < 0 or runs[k][1] <= pos)):
                out.append(pos)
            pos = text.find(word, stop, end)
        return out

    people = [s for s in dict.fromkeys(speakers) if PERSON_NAME.fullmatch(s) and alone(s.split()[-1])]
    for pos in sentence_starts:
        if pos >= end:
            break
        first_word = _FIRST_WORD.match(text, pos)
        full = by_surname.get(first_word.group(), ()) if first_word else ()
        if len(full) == 1 and first_word is not None and _VERB_AFTER.match(text, first_word.end()):
            people.extend(full)
    people = [p for p in dict.fromkeys(people + introduced) if not is_organisation(p)]
    known = set(people)
    mentions = [(pos, name, role) for pos, name, role in names if name in known and not _TOLD.search(text, max(0, pos - 30), pos)]
    surnames: dict[str, str] = {}
    for name in sorted(people, key=len, reverse=True):
        surnames.setdefault(name.split()[-1], name)
    for surname, name in surnames.items():
        if len(surname) > 2:
            for pos in alone(surname):
                if _TOLD.search(text, max(0, pos - 30), pos):
                    continue
                before = _word_before(text, pos)
                mentions.append((pos, name, before.lower() if before.isalpha() and is_role(before) else ""))
    return sorted(mentions)


# "he" and "she" in any case, in one scan: the group is not empty after the "h" of "he", "him", "his" or "himself",
# and empty for "she", "her", "hers" and "herself". The first letter is matched before its look-behind, so that the
# scan skips in C from one "h" or "s" to the next (three times faster than "\b(?i:he|...)").
_HE_OR_SHE = re.compile(r"[hHsS](?<!\w[hHsS])(?:(?<=[hH])(?i:(e|im|is|imself)|er|ers|erself)|(?<=[sS])(?i:he))\b")


def genders(text: str, seg: Segmentation, starts: list[int], mentions: list[tuple[int, str, str]]) -> dict[str, str]:
    """Whom the story calls "he" and whom "she": the pronouns after a person's name in sentences that name no one
    else ("Jane Doe said her office ..."), counted over the document. ``starts`` are where its sentences start."""
    by_sentence: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pos, name, _ in mentions:
        by_sentence[bisect_right(starts, pos) - 1].append((pos, name))
    he: Counter[str] = Counter()
    she: Counter[str] = Counter()
    for k, named in by_sentence.items():
        if k < 0 or len({name for _, name in named}) != 1:
            continue
        pos, name = named[0]
        end = seg.sentences[k].end
        for his in _HE_OR_SHE.findall(text, pos, end):
            (he if his else she)[name] += 1
    return {name: "m" if he[name] > she[name] else "f" for name in set(he) | set(she) if he[name] != she[name]}


def sentence_subject(text: str, start: int, end: int) -> str:
    """A singular person who is the subject of a sentence ("The officer who spoke to X is ..."),
    so that a later "he" can refer to them even though they said nothing here."""
    m = _SUBJECT.match(text, start, min(end, start + 80))
    if not m:
        return ""
    np = person_name(clean_np(m.group("np")))
    if is_organisation(np) or (np[:1].islower() and not (is_role(head := np.split()[-1]) or head in PERSON_NOUNS)):
        return ""  # "The atrocity was ...": no one "he" could mean
    return np
