"""Noun phrases that name or point at people and organisations, as English news writes them: proper names, titles
and roles, pronouns, descriptions ("a police spokesman"), documents ("her statement").

The one place for the patterns of proper names: attributions, the people of a story, speaker choice, one name per
person and the comparison all read names with what is defined here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    AFFILIATION_WORDS,
    ARTICLES,
    AUXILIARIES,
    DOCUMENT_NOUNS,
    GENERIC_PERSON_NOUNS,
    HEADLINE_VERBS,
    MONTH_ABBREVIATIONS,
    MONTHS,
    NAME_CONNECTORS,
    NEVER_NAMES,
    NOT_A_HEAD,
    OFFICE_WORDS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    TITLES,
    WEEKDAYS,
)

__all__ = [
    "ACRONYM_SUFFIX",
    "CAPITALISED",
    "CAPITALISED_WORD",
    "DETERMINER",
    "DETERMINER_WORD",
    "FULL_NAME",
    "LONG_FORM",
    "MIDDLE_INITIAL",
    "NAME",
    "NAME_RUN",
    "OWNER_BEFORE_NAME",
    "PARENTHESISED_ACRONYM",
    "PERSON_NAME",
    "PERSON_WORD",
    "POSSESSIVE_END",
    "RELATIVE_CLAUSE",
    "SPACED_NAME_RUN",
    "SURNAME",
    "clean_np",
    "is_document",
    "is_generic_person",
    "is_name",
    "is_organisation",
    "is_pronoun",
    "is_role",
    "named_part",
    "person_name",
    "proper_name",
    "SENTENCE_BREAK",
    "speaker_phrase",
]

# Searched in " " + the lower-cased phrase: a pattern that opens with a character class is scanned in C, and
# IGNORECASE makes a scan several times slower.
_ORG_WORDS = re.compile(
    r"[^\w](?:ministry|department|agency|institute|committee|council|office|directorate|service|"
    r"forces|army|military|government|police|court|university|union|association|foundation|"
    r"organization|organisation|group|party|company|corporation|bank|fund|commission|bureau|"
    r"post|times|news|journal|press|herald|tribune|guardian|telegraph|gazette|chronicle|"
    r"reuters|network|broadcasting|television|radio|media|center|centre|think tank|staff|intelligence|"
    r"pentagon|kremlin|white house|parliament|congress|senate|un|nato)\b",
)

CAPITALISED_WORD = r"[A-Z][\w'’.-]*"
_CAPITAL = re.compile(r"[A-Z]")
NAME = rf"{CAPITALISED_WORD}(?:\s+(?:(?:of|for|the|and|de|von|van|al|bin|la|le|du|del)\s+)*{CAPITALISED_WORD})*"
DETERMINER = r"(?:the|a|an|one|another|two|three|some|several|many|his|her|their|its|this|that)"
DETERMINER_WORD = re.compile(DETERMINER)
POSSESSIVE_END = re.compile(r"['’]s?$")
CAPITALISED = re.compile(CAPITALISED_WORD)
# A word of a person's name: a capital, then a lower-case letter ("Jane", "O'Brien", "McAdams"), not an acronym.
PERSON_WORD = r"[A-Z][a-z][\w'’-]*"
# A person's full name: two or three such words, perhaps a middle initial ("Jane Doe", "Donald J. Trump").
PERSON_NAME = re.compile(rf"{PERSON_WORD}(?: +[A-Z]\.)?(?: +{PERSON_WORD}){{1,2}}")
# A run of two or more capitalised words or initials. The capital is matched before the look back, so the scan
# jumps from capital to capital.
NAME_RUN = re.compile(rf"[A-Z](?<![\w'’-][A-Z])[a-z][\w'’-]*(?: +(?:[A-Z]\.|{PERSON_WORD}))+")
# The same, as names are looked up in a document's text: single spaces, no initials ("Jane Ann Doe").
SPACED_NAME_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*)+")
SURNAME = re.compile(r"[A-Z][a-z][\w'’-]+")
MIDDLE_INITIAL = re.compile(r"(?<=\s)[A-Z]\.\s+")
# An owner before a person's name: "Al Jazeera's Imtiaz Tyab", "Labour's Jeremy Corbyn".
OWNER_BEFORE_NAME = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s?\s+(?=[A-Z][\w'’-]+\s+[A-Z])")
PARENTHESISED_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")
ACRONYM_SUFFIX = re.compile(r"\s*\([A-Z]{2,}\)$")
# The long form before an acronym ("the Institute for the Study of War (ISW)"), matched backwards from the "(ISW)"
# within a bounded window.
LONG_FORM = re.compile(r"((?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|and|on|de)\s+)*[A-Z][\w'’-]*)+)$")
# A full name as a speaker is written: two capitalised words or more, perhaps with a particle ("Ursula von der Leyen").
FULL_NAME = re.compile(r"(?!(?:The|A|An)\s)[A-Z][\w'’.-]+(?:\s+(?:(?:de|van|von|al|bin|la|le|da|der)\s+)?[A-Z][\w'’.-]+)+$")
RELATIVE_CLAUSE = re.compile(
    r"\s*(?:,.*|\s(?:who|which|that|whose|identifying|identified|based|speaking|quoted)\b.*)$",
    re.IGNORECASE,
)

_SOURCE_OF = re.compile(
    rf"\b(?:from|by|of)\s+((?:the\s+)?{NAME}(?:\s*\([A-Z]{{2,}}\))?)"
)


def is_pronoun(np: str) -> bool:
    return np.lower() in PERSONAL_PRONOUNS


def is_generic_person(np: str) -> bool:
    words = np.lower().split()
    return len(words) == 2 and words[0] == "the" and words[1] in GENERIC_PERSON_NOUNS


_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_ACRONYM_NAME = re.compile(r"[A-Z]{2,6}s?")
_LEADING_CONJUNCTION = re.compile(r"^(?:but|and|so|then|yet|also)\s+", re.IGNORECASE)
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_COMMON_START = re.compile(r"^(The|A|An|One|Another)\s")
_THE_PROPER = re.compile(r"^The\s+[A-Z]")
_WHOLE_NAME = re.compile(rf"^(?:the\s+)?{NAME}$")
_ONE_WORD_NAME = re.compile(r"(?:the\s+)?[A-Z][a-z]+")
_ACRONYM_WORD = re.compile(r"\b[A-Z]{2,6}\b")
_ARTICLE_FIRST = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)

# The helpers below are pure functions of short phrases that recur across a document and a corpus
# (the same speaker, again and again): caching them saves most of their cost.


@lru_cache(maxsize=8192)
def is_organisation(np: str) -> bool:
    bare = _LEADING_ARTICLE.sub("", np.strip())
    if _ACRONYM_NAME.fullmatch(bare):
        return True
    return bool(_ORG_WORDS.search(" " + bare.lower()))


@lru_cache(maxsize=8192)
def clean_np(np: str) -> str:
    """Trim a speaker noun phrase to its head: drop relative clauses and appositions."""
    np = np.strip().strip(",;:—– ").lstrip("<>[](){}|/\\*#=+~^\"'“”‘’«» ")  # markup or marks left before a name
    np = RELATIVE_CLAUSE.sub("", np)
    np = _LEADING_CONJUNCTION.sub("", np)
    np = np.strip().strip(",;:—– ")
    if np.endswith(".") and not _INITIAL_END.search(np):
        np = np[:-1]
    if _COMMON_START.match(np) and not _THE_PROPER.match(np):
        np = np[0].lower() + np[1:]
    return np


_AGENT_NOUN = re.compile(r"[a-z]{2,}(?:er|or|ist|ian|ant|(?<!m)ent|man|woman)")  # "-ment" is a thing: "statement"
# Words ending like agent nouns that are not ("after Jane Doe", "former Jane Doe"), or are kin, not roles.
_NOT_AGENT_WORDS = """
after under over other never ever either neither whether rather however together further former latter per for or
nor major minor prior senior junior interior exterior different recent current present percent
father mother brother sister daughter
"""
_NOT_AGENT = frozenset(_NOT_AGENT_WORDS.split())


@lru_cache(maxsize=8192)
def is_role(word: str) -> bool:
    """Whether ``word`` names a role written before a person's name: a title ("Mayor", "Dr."), or an agent noun
    ("accountant", "prosecutor", "defenceman")."""
    low = word.lower()
    return low in TITLES or (bool(_AGENT_NOUN.fullmatch(low)) and low not in _NOT_AGENT)


@lru_cache(maxsize=8192)
def person_name(np: str) -> str:
    """A person's name without the role written before it ("Labour councillor Dana Whitfield" -> "Dana Whitfield",
    "Prime Minister Justin Trudeau" -> "Justin Trudeau"); other phrases as they are."""
    words = np.split()
    # The last title before the name: in any case ("Mayor", "mayor"); an agent noun only in lower case
    # ("prosecutor", not "Walker").
    for last_title in range(len(words) - 2, -1, -1):
        w = words[last_title]
        # "Attorney-General", "Vice-President": a hyphenated title is a title.
        if w.lower() in TITLES or (w.islower() and is_role(w)) or ("-" in w and w.split("-")[-1].lower() in TITLES):
            break
    else:
        return np
    rest = words[last_title + 1 :]
    while len(rest) > 2 and rest[0].lower() in OFFICE_WORDS:
        rest = rest[1:]
    if rest and rest[0][:1].isupper() and all(w[:1].isupper() or w in NAME_CONNECTORS for w in rest) \
            and not is_organisation(" ".join(rest)):
        return " ".join(rest)
    return np


@lru_cache(maxsize=8192)
def named_part(np: str) -> str:
    """The proper name inside a phrase such as "a tweet from Jane Doe" or "the ISW research"."""
    if _WHOLE_NAME.match(np) and _CAPITAL.search(np):
        return np
    m = _SOURCE_OF.search(np)
    if m and not _ONE_WORD_NAME.fullmatch(m.group(1)):
        return m.group(1)
    m = _ACRONYM_WORD.search(np)
    # "the ISW research" is the ISW's; "the top US diplomat", "the former PM" are people, described.
    if m and _ARTICLE_FIRST.match(np) and not _names_person(np.split()[-1]):
        return m.group()
    return np


def _names_person(head: str) -> bool:
    """Whether the head noun of a description is a person: a role ("diplomat", "PM") or a noun for people."""
    return is_role(head) or head.lower() in PERSON_NOUNS


def is_document(np: str) -> bool:
    """Whether ``np`` is a document rather than a person: "a report", "the white paper", "her statement"."""
    words = np.split()
    return bool(words) and words[-1].lower() in DOCUMENT_NOUNS


_WEEKDAYS = frozenset(WEEKDAYS)
_CALENDAR = frozenset([*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS]) - {"may"}  # May is a surname too (Theresa May)


def _never_a_name(word: str) -> bool:
    """A word that opens a clause or names a day or month: never a speaker's name ("Meanwhile", "Dec", "Wednesday")."""
    low = word.lower().rstrip(".,")
    return low in NEVER_NAMES or low in _CALENDAR
_TITLE_HYPHEN = re.compile(r"\b([A-Z][a-z]+)-(?=[A-Z][a-z])")
_CONTRACTION = re.compile(r"['’](?:s|re|ll|d|ve)$", re.IGNORECASE)
_STRAY_EDGES = " \t\n-–—.,;:?!@#'’\"“”‘*/|"
_NAME_WORD = re.compile(r"[A-Z][\w'’.&-]*|[A-Z]{2,}s?|\([A-Z]{2,}\)|[A-Z]\.|(?:al|el|ad|as|an|bin|ibn)-[A-Z][\w'’-]*")
# "Joe Mulligan with Railroad Workers United", "Jane Doe of the city council": a name, then where the person is from.
_NAME_THEN_AFFILIATION = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*)\s+(?:with|of|from|at)\s+\S.*")
SENTENCE_BREAK = re.compile(r"(?<=[a-z\d\]\)]{2})[.!?]\s+(?=[A-Z\W])")
_POSSESSIVE_OWNER = re.compile(r"^(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+(?=[A-Z])")
_HEAD_WORD = re.compile(r"(?=.*[^\W\d_])[\w'’-]+")
# A description opens with a determiner, an owner ("Russia's"), a capitalised modifier ("Russian") or an adverb
# ("then-"), goes on with modifiers to its head noun, and may name where the person is from: "a spokesman for the
# ministry", "Russian soldiers", "the 29-year-old".
_DESCRIPTION_OPENING = re.compile(rf"(?i:{DETERMINER})|[A-Z][\w.&-]*(?:['’]s?)?|[a-z]+ly")
_PREPOSITIONS = AFFILIATION_WORDS | {"by", "to", "on", "about"}


def is_name(words: list[str]) -> bool:
    # Six words at most, besides an acronym given after the name ("Institute for the Study of War (ISW)").
    return (0 < len(words) - (words[-1][:1] == "(" if words else 0) <= 6 and _NAME_WORD.fullmatch(words[0]) is not None
            and _NAME_WORD.fullmatch(words[-1]) is not None
            and all(_NAME_WORD.fullmatch(w) or w.lower() in NAME_CONNECTORS for w in words))


@lru_cache(maxsize=8192)
def speaker_phrase(np: str) -> str:
    """What may stand as a speaker in ``np``: a proper name ("Jeff Sessions", "the Kremlin", "North Wales Police") or a
    description of someone ("a police spokesman", "the ministry", "Russia's top diplomat"); "" for a pronoun, a
    fragment ("the attack in", "trust", "Came back the immortal") or a stray mark. A name keeps what surrounds it
    out: a sentence run on into it ("De Pieri. WATCH" is De Pieri, "Cavusoglu. Tillerson" Tillerson), its owner
    ("Labour's Jeremy Corbyn" is Jeremy Corbyn), an adjective ("ironic Zakharova") and marks ("Nicola Sturgeon-")."""
    phrase = " ".join(np.split()).strip(_STRAY_EDGES)
    parts = [p.strip(_STRAY_EDGES) for p in SENTENCE_BREAK.split(phrase)]
    if len(parts) > 1:
        # The subject stands right before its verb: the last part, unless only an earlier one is a full name ("De
        # Pieri. WATCH", "Ernesto Abella. From": one word opening a sentence may be anything).
        full = [p for p in parts if len(person_name(p).split()) >= 2 and is_name(person_name(p).split())]
        phrase = parts[-1] if len(parts[-1].split()) >= 2 or not full else full[-1]
    owned = _POSSESSIVE_OWNER.sub("", phrase)
    if owned != phrase and len(owned.split()) >= 2 and is_name(owned.split()):
        phrase = owned  # "Labour's Jeremy Corbyn"; "the U.S. Attorney's Office" stays whole
    # "British Prime Minister-Theresa May": a hyphen for a lost space between a title and a name.
    phrase = _TITLE_HYPHEN.sub(lambda m: m.group(1) + (" " if m.group(1).lower() in TITLES else "-"), phrase)
    words = phrase.split()
    if not words or is_pronoun(_CONTRACTION.sub("", phrase)) or phrase.lower() in ("you", "i"):
        return ""  # "He's", "You": a pronoun, however written
    # "Like Trump", "Meanwhile", "Does Tillerson": words that open a clause are no part of a name.
    while len(words) > 1 and _never_a_name(words[0]) and words[0].lower() not in ARTICLES \
            and words[0][:1].isupper() and words[1][:1].isupper():
        words = words[1:]  # "Wednesday Suncor", "Like Trump"
    if len(words) == 1 and _never_a_name(words[0]):
        return ""
    while words and is_pronoun(words[-1]) and len(words) > 1:
        words = words[:-1]  # "challenging Trump It said": the next sentence's subject run in
    # "JointAddress Boy DOES Trump": a clause run into a name; the name is what follows its last such word.
    inner = [k for k, w in enumerate(words[1:], 1) if w[:1].isupper() and _never_a_name(w)
             and w.lower() not in NAME_CONNECTORS]
    if inner and is_name(words[inner[-1] + 1 :]):
        words = words[inner[-1] + 1 :]
    # "ironic Zakharova", "then-Senator Jane Doe": lower-case words before a name.
    first_capital = next((k for k, w in enumerate(words) if w[:1].isupper()), None)
    if (first_capital and not DETERMINER_WORD.fullmatch(words[0].lower()) and is_name(words[first_capital:first_capital + 1])
            and not any(w in _PREPOSITIONS for w in words[:first_capital])):
        words = words[first_capital:]  # but "court documents obtained by ABC News" are no ABC News
    if len(words) == 1 and is_pronoun(words[0]):
        return ""  # "2017 He said": a pronoun once what ran into it is gone
    # "Capital Economics economist William Jackson": an organisation, the person's role there, then the person.
    role_at = next((k for k in range(1, len(words) - 2) if words[k].islower() and is_role(words[k])
                    and is_name(words[k + 1 :])), None)
    if role_at is not None:
        words = words[role_at + 1 :]
    # "President Trump today", "Secretary Tillerson spoke next": lower-case words after a name are the sentence's.
    if words and words[0][:1].isupper() and words[0].lower() not in ARTICLES:
        end = next((k for k in range(1, len(words)) if words[k][:1].islower() and words[k] not in NAME_CONNECTORS),
                   len(words))
        if 2 <= end < len(words) and is_name(words[:end]) and not POSSESSIVE_END.search(words[end - 1]):
            words = words[:end]  # but "Al Jazeera's correspondent": an owner and what it owns
    if not words:
        return ""
    name = person_name(" ".join(words))
    if any(w.lower() in HEADLINE_VERBS or w.lower() in _WEEKDAYS for w in name.split()[1:]):
        return ""  # a headline or a dateline run into a name: "Speech-Watchers Say Trump", "Hawaii Wednesday"
    if is_name(name.split()) or (words[0].lower() == "the" and is_name(words[1:])):  # "the Kremlin"
        return name
    affiliated = _NAME_THEN_AFFILIATION.fullmatch(name)
    if affiliated and len(affiliated.group("name").split()) >= 2 and not is_organisation(affiliated.group("name")):
        return affiliated.group("name")
    if _is_description(words):
        return " ".join(words)
    # "Rival candidate Bruce Hayne", "Surrey city planner Jane Doe": who the person is, then their full name.
    for k in range(len(words) - 2, 0, -1):
        before = words[k - 1]
        if before.islower() and not _never_a_name(before) and before not in NOT_A_HEAD and len(words) <= 6 \
                and all(CAPITALISED.fullmatch(w) for w in words[k:]) and not is_organisation(" ".join(words[k:])):
            return " ".join(words[k:])
    return ""


def _is_description(words: list[str]) -> bool:
    """Whether ``words`` describe someone: an opening, modifiers and a head noun, then perhaps where they are from."""
    if not 2 <= len(words) <= 8 or not _DESCRIPTION_OPENING.fullmatch(words[0]):
        return False
    cut = next((k for k, w in enumerate(words[1:], 1) if w.lower() in AFFILIATION_WORDS), len(words))
    head = words[:cut]
    # After a capitalised modifier the head is people ("Russian soldiers", "German officials"), not a verb ("Tillerson
    # spoke").
    if words[0][:1].isupper() and not DETERMINER_WORD.fullmatch(words[0].lower()) and not POSSESSIVE_END.search(
            words[0]) and not (head[-1].endswith("s") or is_role(head[-1])):
        return False
    return (len(head) >= 2 and not any(w.lower() in ARTICLES or w.lower() in AUXILIARIES for w in head[1:])
            and head[-1].lower() not in NOT_A_HEAD and not is_pronoun(head[-1]) and bool(_HEAD_WORD.fullmatch(head[-1]))
            and (cut == len(words) or len(words) > cut + 1))


_NOT_NAME_START = re.compile(
    r"^(?:If|They|Some|Another|One|Many|Most|All|Both|Each|Several|Other|Others|It|He|She|We|I|You|This|That|These|"
    r"Those|There|Here|When|While|After|Before|" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\b"
)
_PROPER = re.compile(r"(?:The )?[A-Z][\w'’&.-]*(?: (?:(?:of|for|the|and|on|de|al)\s)*[A-Z][\w'’&.-]*)*(?: \([A-Z]{2,}\))?")


def proper_name(name: str) -> str:
    """``name`` if it is a proper name (every word capitalised but connectors), else ""."""
    name = name.strip().rstrip(".")
    if not name or name == "The" or "\n" in name or ". " in name or _NOT_NAME_START.match(name) or is_pronoun(name):
        return ""
    return name if _PROPER.fullmatch(name) and len(name) > 1 else ""
