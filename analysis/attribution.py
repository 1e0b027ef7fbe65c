"""Who says so: reporting verbs, attribution phrases and the names they introduce.

Shared by quotes (the speaker), figures (the source of a number) and the
per-document list of cited sources. Everything here describes how English news
attributes statements: "X said", "said X", "according to X", "X told Y",
"X reported that ...", "a report from X", "per a letter obtained by X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import MONTH_ABBREVIATIONS, MONTHS, NEVER_NAMES, PERSONAL_PRONOUNS, WEEKDAYS
from .segment import FULL_STOP, StartScan, lookback_start, words_pattern

__all__ = [
    "PASSIVE_BEFORE",
    "OBTAINED_BY",
    "REPORTING_VERBS",
    "Attribution",
    "clean_np",
    "find_attributions",
    "is_document",
    "is_generic_person",
    "is_organisation",
    "is_pronoun",
    "is_role",
    "named_part",
    "person_name",
    "speaker_phrase",
    "subject_of",
]

# Verbs of saying, in the forms news copy uses them. Spun copies swap in
# near-synonyms ("stated", "instructed", "remarked"), which are still verbs of
# communication and so belong here.
_VERB_STEMS = (
    "say said says saying tell told tells telling add added adds adding explain explained explains "
    "remark remarked remarks recall recalled recalls state stated states note noted notes "
    "continue continued continues claim claimed claims argue argued argues insist insisted insists "
    "ask asked asks reply replied replies answer answered answers warn warned warns "
    "admit admitted admits acknowledge acknowledged acknowledges report reported reports "
    "announce announced announces declare declared declares confirm confirmed confirms "
    "deny denied denies suggest suggested suggests observe observed observes comment commented "
    "comments shout shouted shouts shouting scream screamed screams screaming yell yelled yelling "
    "whisper whispered testify testified tweet tweeted tweets post posted posts write wrote writes "
    "instruct instructed instructs urge urged urges caution cautioned concede conceded "
    "complain complained complains emphasize emphasized emphasised stress stressed stresses "
    "recount recounted describe described describes estimate estimated estimates predict predicted "
    "predicts conclude concluded concludes mention mentioned mentions assess assessed assesses "
    "indicate indicated indicates allege alleged alleges maintain maintained maintains "
    "cite cited cites quote quoted quotes reiterate reiterated echo echoed echoes counter countered "
    "respond responded responds speak spoke speaks add, recollect recollected inform informed informs "
    "quip quipped quips joke joked jokes repeat repeated repeats boast boasted boasts exclaim exclaimed exclaims "
    "muse mused muses plead pleaded pleads read reads wonder wondered wonders "
    "tweeting writing adding noting stating explaining insisting arguing claiming warning declaring"
).replace(",", "")
REPORTING_VERBS = frozenset(_VERB_STEMS.split())

# Nouns that, with "the", point back to a person already in the story.
_GENERIC_PERSON = {"man", "woman", "person", "individual", "guy", "source", "official"}
# Searched in " " + the lower-cased phrase: a pattern that opens with a character class is scanned in C, and
# IGNORECASE makes a scan several times slower.
_ORG_WORDS = re.compile(
    r"[^\w](?:ministry|department|agency|institute|committee|council|office|directorate|service|"
    r"forces|army|military|government|police|court|university|union|association|foundation|"
    r"organization|organisation|group|party|company|corporation|bank|fund|commission|bureau|"
    r"post|times|news|journal|press|herald|tribune|guardian|telegraph|reuters|network|"
    r"broadcasting|television|radio|media|center|centre|think tank|staff|intelligence|"
    r"pentagon|kremlin|white house|parliament|congress|senate|un|nato)\b",
)

_CAP = r"[A-Z][\w'’.-]*"
_CAPITAL = re.compile(r"[A-Z]")
_NAME = rf"{_CAP}(?:\s+(?:(?:of|for|the|and|de|von|van|al|bin|la|le|du|del)\s+)*{_CAP})*"
_DET = r"(?:the|a|an|one|another|two|three|some|several|many|his|her|their|its|this|that)"

_TRAILING_ADVERB = re.compile(r"(?:\s+(?:[a-z]+ly|also|then|now|later|again|still|once|too|even|first))+$")
_FIRST_VERBISH = re.compile(
    r"\s(?:[a-z]\w*ed|(?:did|does|do|would|could|should|will|was|were|is|are|has|have|had|ca|wo)(?:n['’]t| not)|goes|does|says|continues|seems|appears|tends|wants|hopes|tries|plans|is|are|was|were|has|have|had|will|would|could|may|might|began|began|went|"
    r"came|got|took|made|ran|saw|jumped|identifying|who|which|that)\b"
)
_RELATIVE = re.compile(
    r"\s*(?:,.*|\s(?:who|which|that|whose|identifying|identified|based|speaking|quoted)\b.*)$",
    re.IGNORECASE,
)
# Not "obtained by": the outlet that obtained a memo or court papers is not their author ("a memo obtained by ABC News").
_ACCORDING_WORDS = ["according to", "per", "citing", "cited by", "reported by", "quoted by", "via"]
# Written out in lower, sentence, title and upper case rather than with IGNORECASE, which makes a scan much slower.
_ACCORDING = words_pattern({c for w in _ACCORDING_WORDS for c in (w, w.capitalize(), w.title(), w.upper())})
# "according to a new report from the Institute for the Study of War (ISW)".
_ACCORDING_NP = re.compile(r"((?:[^\s,.;:!?“”\"]+\s+){0,11}?[^\s,;:!?“”\"]+?)(?=\.?(?:[,;:!?“”\"]|\s+(?:who|which|that|and|but|in|on|at)\s|\.\s|\.?$))")
_SOURCE_OF = re.compile(
    rf"\b(?:from|by|of)\s+((?:the\s+)?{_NAME}(?:\s*\([A-Z]{{2,}}\))?)"
)
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


def is_pronoun(np: str) -> bool:
    return np.lower() in PERSONAL_PRONOUNS


def is_generic_person(np: str) -> bool:
    words = np.lower().split()
    return len(words) == 2 and words[0] == "the" and words[1] in _GENERIC_PERSON


_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_ACRONYM_NAME = re.compile(r"[A-Z]{2,6}s?")
_LEADING_CONJUNCTION = re.compile(r"^(?:but|and|so|then|yet|also)\s+", re.IGNORECASE)
_INITIAL_END = re.compile(r"\b[A-Z]\.$")
_COMMON_START = re.compile(r"^(The|A|An|One|Another)\s")
_THE_PROPER = re.compile(r"^The\s+[A-Z]")
_WHOLE_NAME = re.compile(rf"^(?:the\s+)?{_NAME}$")
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
    np = _RELATIVE.sub("", np)
    np = _LEADING_CONJUNCTION.sub("", np)
    np = np.strip().strip(",;:—– ")
    if np.endswith(".") and not _INITIAL_END.search(np):
        np = np[:-1]
    if _COMMON_START.match(np) and not _THE_PROPER.match(np):
        np = np[0].lower() + np[1:]
    return np


# Titles and roles written before a person's name: "Environment Minister Helen Okafor", "Fire chief Priya Nandakumar",
# "Dr. Keith Ahamad". The person is the name after them; the role is kept apart, as written.
_TITLE_WORDS = """
minister president premier mayor chief director secretary senator councillor councilor governor judge justice coach
captain general commissioner chairman chairwoman chair ceo dr dr. prof prof. professor sergeant sgt sgt. officer
inspector constable superintendent ambassador spokesman spokeswoman spokesperson leader manager mp mla mpp rep rep.
sen sen. gov gov. lt lt. col col. mr mr. mrs mrs. ms ms. sir dame lord lady pope bishop rev rev. reverend deputy
attorney lawyer analyst economist scientist researcher founder owner executive president-elect
cartoonist architect coordinator co-ordinator adviser advisor head activist author
chancellor speaker king queen prince princess sheikh emir cardinal archbishop rabbi imam colonel commander
secretary-general vice-president pm
"""
_TITLES = frozenset(_TITLE_WORDS.split())
# The office a title names, written between it and the name: "Secretary of State Rex Tillerson", "Minister for Foreign
# Affairs Jane Doe", "Defense Secretary Jim Mattis" (the last already a title's own word).
_OFFICE_WORD_LIST = """
of for the and state defence defense foreign affairs home interior justice exchequer homeland security commerce
treasury energy education health labor labour transport agriculture finance economy trade environment culture
"""
_OFFICE_WORDS = frozenset(_OFFICE_WORD_LIST.split())


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
    return low in _TITLES or (bool(_AGENT_NOUN.fullmatch(low)) and low not in _NOT_AGENT)


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
        if w.lower() in _TITLES or (w.islower() and is_role(w)) or ("-" in w and w.split("-")[-1].lower() in _TITLES):
            break
    else:
        return np
    rest = words[last_title + 1 :]
    while len(rest) > 2 and rest[0].lower() in _OFFICE_WORDS:
        rest = rest[1:]
    if rest and rest[0][:1].isupper() and all(w[:1].isupper() or w in _NAME_CONNECTORS for w in rest) \
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
    if m and _ARTICLE_FIRST.match(np):
        return m.group()
    return np


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
    rf"((?:the\s+|a\s+|an\s+)?(?:{_CAP}\s+)*(?:{_CAP}|[a-z]+))\s*,[^,]{{2,160}},\s*(?:had\s+|has\s+|also\s+)?$"
)


# The last break before a verb, found by backtracking from the end rather than by scanning the whole window.
_LAST_HARD_BREAK = re.compile(rf"(?s:.*)(?:{_HARD_BREAK.pattern})")
_LAST_SOFT_BREAK = re.compile(rf"(?s:.*)\b({_SOFT_BREAK_WORDS})\b")
_OWN_SUBJECT = re.compile(rf"(?:{_DET}|he|she|they|it|we|i)\b")
_THE_NAME = re.compile(rf"(?:the\s+)?{_NAME}")


_PARTY_TAG = re.compile(r",\s*[DRI]-[A-Z][a-z]{1,5}\.?(?=\s*,)")
_APPOSITION_TAIL = re.compile(r",[^,]{2,160},\s*(?:had\s+|has\s+|also\s+)?$")
_LAST_NOT_IN_NAME = re.compile(r"(?s:.*)[^\w'’.\-\s]")


_OBJECT_BEFORE = re.compile(r"\b(?:to|with|for|from|by|of|in|on|at|about|told|telling)\s+$", re.IGNORECASE)
_TOLD_BEFORE = re.compile(r"\b(?:[Ss]peaking|[Tt]alking|[Ww]riting|[Ee]xplaining)\s+to\s+$|\b(?:[Ii]nterview|[Cc]onversation)\s+with\s+$")
_NAME_OPENING = re.compile(rf"\s*((?:the\s+)?{_NAME}),\s+(?:a|an|the|who|whose|one|now|then|also)\s")
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
    between = _RELATIVE.sub("", left[m.end(1) :].strip().strip(",").strip())  # "an official who asked not to be named"
    if m.group(1)[-1:].islower() and len(between.split()) >= 2 and _is_name(between.split()):
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


_DETERMINER_FIRST = re.compile(rf"{_DET}\b", re.IGNORECASE)


# Words that open an adverbial clause or phrase, never the subject of a verb of saying: "When told of it, he said",
# "Asked what he would do", "In a statement", "Given his record", "It's a".
_NOT_SUBJECT_START = frozenset([
    "when", "while", "if", "after", "before", "asked", "given", "in", "on", "at", "according", "should", "as",
    "since", "although", "though", "because", "during", "with", "without", "for", "from", "by", "to", "of", "into",
    "upon", "once", "whether", "what", "how", "why", "where", "it's", "it’s", "unless", "until", "despite",
])


def _plausible_subject(np: str) -> bool:
    words = np.split()
    if not words or len(words) > 8 or words[0].lower() in _NOT_SUBJECT_START or np.lower() in ("a", "an", "the"):
        return False
    return bool(_CAPITAL.search(np) or _DETERMINER_FIRST.match(np) or is_pronoun(words[-1]))


_DETERMINER_WORD = re.compile(_DET)
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
        after = seg.split()
        if (2 <= len(after) <= 3 and all(w.islower() and not is_pronoun(w) and not _DETERMINER_WORD.fullmatch(w)
                                         for w in after)
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
    rf"\s+((?:{_DET}\s+)?(?:[A-Z][\w.-]*['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}[a-z][\w-]*(?=,)"
    rf"|(?:{_NAME}\s+)?(?:[a-z][\w-]*\s+){{1,3}}{_NAME}|{_NAME}|[a-z\d][\w-]*(?:\s+[a-z][\w-]*)?))"
    rf"(?:,\s+({_NAME})(?=\s*[.,;]|\s*$))?"
)
# A verb of saying, or an "according to" phrase. No verb match can start inside a phrase match or the
# other way round, except a phrase that starts with a verb ("reported by"), which counts as both.
_CUE = StartScan(rf"(?P<according>{_ACCORDING})\s+|(?P<verb>{words_pattern(REPORTING_VERBS)})\b")
_OBJECT = re.compile(rf"\s+((?:the\s+)?{_NAME}|him|her|them|me|us|reporters|journalists)")


_QUOTE_NEXT = re.compile(r"\s*[,:]\s*[“\"‘]")
_QUOTE_MARK_SOON = re.compile(r"[“\"‘]")
_CONTINUE = frozenset(["continue", "continued", "continues"])
_TELL = frozenset(["tell", "told", "tells", "telling", "instruct", "instructed", "instructs", "inform", "informed", "informs"])


def _addressee(text: str, verb: str, pos: int, end: int) -> str:
    if verb not in _TELL:
        return ""
    m = _OBJECT.match(text, pos, end)
    if m and not is_pronoun(m.group(1)) and m.group(1)[0].isupper():
        return m.group(1)
    return ""


# "per" names a source before a determiner or a name: "per a letter obtained by X", "per Reuters".
_PER_SOURCE = re.compile(r"(?:the|a|an|his|her|their|its)\s|[A-Z]")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|the|his|her|its|their|this|our|my|your)\s+$", re.IGNORECASE)
# A form of "be" ending the text before a position: what follows is passive ("was described", "were told").
PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+$")
_READ = frozenset(["read", "reads"])
_DOCUMENTS = frozenset(["statement", "letter", "release", "post", "tweet", "note", "message", "notice", "sign", "email",
                        "report", "memo", "caption", "headline", "text", "order", "ruling", "decision", "document",
                        "study", "survey", "paper", "analysis", "poll", "website", "filing", "assessment", "review"])


def is_document(np: str) -> bool:
    """Whether ``np`` is a document rather than a person: "a report", "the white paper", "her statement"."""
    words = np.split()
    return bool(words) and words[-1].lower() in _DOCUMENTS


_ALSO_NOUNS = frozenset(["quotes", "posts", "states", "notes", "reports", "estimates", "claims", "comments", "counter",
                         "echoes"])
_NAME_OR_PRONOUN_BEFORE = re.compile(rf"(?:{_CAP}|\b(?:he|she|it|they))\s+$")
_AFTER_MARK = re.compile(r"[,”\"’]\s*$")


_COMMA_BEFORE = re.compile(r",\s*$")


def _main_subject(text: str, verb_start: int, floor: int) -> str:
    """The subject of the sentence a participle of saying closes ("Spicer tried to clean it up, saying ...")."""
    left = text[lookback_start(text, floor, verb_start, _LOOKBACK) : verb_start]
    head = _head_of_clause(left[_sentence_start(left) :].strip())
    return head if _plausible_subject(head) and len(head.split()) <= 6 else ""


_QUOTE_VERBS = frozenset(["quoted", "quotes", "quote", "cited", "cites", "cite"])
_QUOTED_AS_SAYING = re.compile(r"\s+((?:[\w'’.-]+\s+){0,7}?[\w'’.-]+)\s+as\s+(?:saying|telling|writing|stating)\b")


def _named(start: int, end: int, phrase: str, verb: str, addressee: str) -> Attribution:
    """An attribution to the person a phrase names, the phrase kept as written when a role goes before the name."""
    name = person_name(phrase)
    return Attribution(start, end, name, verb, addressee, phrase if name != phrase else "")


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
        if verb in _CONTINUE and text.startswith(" to ", v_end):
            continue  # "will continue to evolve": going on, not saying
        if (verb in _ALSO_NOUNS and not _NAME_OR_PRONOUN_BEFORE.search(text, max(start, v_start - 30), v_start)
                and not _AFTER_MARK.search(text, max(start, v_start - 3), v_start)):
            continue  # also a common noun: a verb only right after a name or pronoun, or a quote ('," notes X')
        if _DETERMINER_BEFORE.search(text, max(start, v_start - 7), v_start):
            continue  # "in a post", "the report", "his statement": a noun after a determiner, not a verb
        if verb != "quoted" and PASSIVE_BEFORE.search(text, max(start, v_start - 8), v_start):
            continue  # "was described as", "were told": said of the subject, not by it ("was quoted as saying" is)
        if verb.endswith("ing") and _COMMA_BEFORE.search(text, max(start, v_start - 3), v_start):
            subj = _main_subject(text, v_start, start)  # "He singled out China, tweeting, ...": the sentence's subject
        else:
            subj = _subject_before(text, v_start, start)
        if verb in _READ and not (subj and is_document(subj)):
            continue  # "her statement read", "the letter reads": a document's words; "he read the book" is not
        # Inverted order: "..., said the officer", "stated the person"; with a subject before the verb, only a name
        # right before a quote ('..., asks editor Jennifer Dane, "has anyone ...').
        # After "told" the name is whoever was told ('X told Sky News: "..."'), never the speaker.
        inv = None if verb in _TELL else _INVERTED.match(text, v_end, end) if not subj or _QUOTE_MARK_SOON.search(
            text, v_end, min(end, v_end + 120)) else None
        # "the AFP news agency quoted FARC member Maritza Gonzalez as saying": the agency reports, she speaks.
        if verb in _QUOTE_VERBS and (relayed := _QUOTED_AS_SAYING.match(text, v_end, end)):
            out.append(_named(v_start, relayed.end(), clean_np(relayed.group(1)), verb, ""))
            continue
        if subj and inv and _QUOTE_NEXT.match(text, inv.end(), end) and inv.group(1)[:1].isupper() \
                and _plausible_subject(inv.group(1)):
            out.append(_named(v_start, inv.end(), clean_np(inv.group(2) or inv.group(1)), verb, ""))
            continue
        if subj:
            out.append(_named(v_start, v_end, clean_np(subj), verb, _addressee(text, verb, v_end, end)))
            continue
        if inv and _AFTER_MARK.search(text, max(start, v_start - 3), v_start) and _plausible_subject(inv.group(1)):
            described, named = inv.group(1), inv.group(2)
            # "Campbell's partner, Jason Louth": the name the description is given.
            speaker = named if named and (_POSSESSIVE_END.search(described.split()[0]) or described[:1].islower()) \
                else described
            out.append(_named(v_start, inv.end(), clean_np(speaker), verb, ""))
    for m in according:
        if m.group("according").lower() == "per" and not _PER_SOURCE.match(text, m.end("at"), end):
            continue  # "per cent", "per capita", "$5 per gallon": a rate, not a source
        phrase = _ACCORDING_NP.match(text, m.end("at"), end)
        if not phrase:
            continue
        first, last = phrase.start(1), phrase.end(1)
        # "according to Dr. Keith Ahamad": a title's full stop ends no phrase.
        if text[first:last].split()[-1].lower().rstrip(".") + "." in _TITLES and text[last : last + 2] == ". ":
            rest = _ACCORDING_NP.match(text, last + 2, end)
            last = rest.end(1) if rest else last
        if len(text[first:last].split()) <= 12:
            out.append(_named(m.start("at"), last, clean_np(text[first:last]), "according to", ""))
    out.sort(key=lambda a: a.start)
    return tuple(out)


# --- what may stand as a speaker -----------------------------------------------------------------------------------

_WEEKDAYS = frozenset(WEEKDAYS)
_CALENDAR = frozenset([*WEEKDAYS, *MONTHS, *MONTH_ABBREVIATIONS]) - {"may"}  # May is a surname too (Theresa May)


def _never_a_name(word: str) -> bool:
    """A word that opens a clause or names a day or month: never a speaker's name ("Meanwhile", "Dec", "Wednesday")."""
    low = word.lower().rstrip(".,")
    return low in NEVER_NAMES or low in _CALENDAR
_TITLE_HYPHEN = re.compile(r"\b([A-Z][a-z]+)-(?=[A-Z][a-z])")
_CONTRACTION = re.compile(r"['’](?:s|re|ll|d|ve)$", re.IGNORECASE)
# Verbs a headline runs into a name ("Speech-Watchers Say Trump"); not those that are nouns too ("State", "report").
_HEADLINE_VERBS = frozenset(["say", "says", "said", "tell", "tells", "told", "warn", "warns", "warned", "urge", "urges",
                             "slam", "slams", "vow", "vows", "insist", "insists", "admit", "admits", "deny", "denies"])
_STRAY_EDGES = " \t\n-–—.,;:?!@#'’\"“”‘*/|"
_NAME_CONNECTORS = frozenset(["of", "for", "the", "and", "de", "von", "van", "der", "den", "al", "bin", "ibn", "la",
                              "le", "du", "del", "da", "dos", "di", "on", "&"])
_NAME_WORD = re.compile(r"[A-Z][\w'’.&-]*|[A-Z]{2,}s?|\([A-Z]{2,}\)|[A-Z]\.|(?:al|el|ad|as|an|bin|ibn)-[A-Z][\w'’-]*")
# "Joe Mulligan with Railroad Workers United", "Jane Doe of the city council": a name, then where the person is from.
_NAME_THEN_AFFILIATION = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){1,3}?[A-Z][\w'’.-]*)\s+(?:with|of|from|at)\s+\S.*")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z\d\]\)]{2})[.!?]\s+(?=[A-Z\W])")
_POSSESSIVE_OWNER = re.compile(r"^(?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+(?=[A-Z])")
# The head of a description of someone is a noun; these end a phrase cut short ("the attack in", "a soldier by").
_NOT_A_HEAD = frozenset(["in", "on", "at", "of", "by", "for", "to", "from", "with", "as", "and", "or", "but", "that",
                         "which", "who", "said", "says", "told", "will", "would", "was", "were", "is", "are", "has",
                         "had", "have", "been", "be", "not", "also", "when", "where", "while", "after", "before",
                         "into", "than", "then", "there", "this", "these", "those", "what", "it", "its"])
_HEAD_WORD = re.compile(r"(?=.*[^\W\d_])[\w'’-]+")
# A description opens with a determiner, an owner ("Russia's"), a capitalised modifier ("Russian") or an adverb
# ("then-"), goes on with modifiers to its head noun, and may name where the person is from: "a spokesman for the
# ministry", "Russian soldiers", "the 29-year-old".
_DESCRIPTION_OPENING = re.compile(rf"(?i:{_DET})|[A-Z][\w.&-]*(?:['’]s?)?|[a-z]+ly")
_AFFILIATION_WORDS = frozenset(["of", "for", "from", "at", "with", "in"])
_PREPOSITIONS = _AFFILIATION_WORDS | {"by", "to", "on", "about"}
_ARTICLES = frozenset(["the", "a", "an", "this", "that", "these", "those"])
_AUXILIARIES = frozenset(["was", "were", "is", "are", "has", "have", "had", "be", "been", "will", "would", "said", "says",
                          "did", "does", "do", "can", "could"])


def _is_name(words: list[str]) -> bool:
    return (0 < len(words) <= 6 and _NAME_WORD.fullmatch(words[0]) is not None
            and _NAME_WORD.fullmatch(words[-1]) is not None
            and all(_NAME_WORD.fullmatch(w) or w.lower() in _NAME_CONNECTORS for w in words))


@lru_cache(maxsize=8192)
def speaker_phrase(np: str) -> str:
    """What may stand as a speaker in ``np``: a proper name ("Jeff Sessions", "the Kremlin", "North Wales Police") or a
    description of someone ("a police spokesman", "the ministry", "Russia's top diplomat"); "" for a pronoun, a
    fragment ("the attack in", "trust", "Came back the immortal") or a stray mark. A name keeps what surrounds it
    out: a sentence run on into it ("De Pieri. WATCH" is De Pieri, "Cavusoglu. Tillerson" Tillerson), its owner
    ("Labour's Jeremy Corbyn" is Jeremy Corbyn), an adjective ("ironic Zakharova") and marks ("Nicola Sturgeon-")."""
    phrase = " ".join(np.split()).strip(_STRAY_EDGES)
    parts = [p.strip(_STRAY_EDGES) for p in _SENTENCE_BREAK.split(phrase)]
    if len(parts) > 1:
        # The subject stands right before its verb: the last part, unless only an earlier one is a full name ("De
        # Pieri. WATCH", "Ernesto Abella. From": one word opening a sentence may be anything).
        full = [p for p in parts if len(person_name(p).split()) >= 2 and _is_name(person_name(p).split())]
        phrase = parts[-1] if len(parts[-1].split()) >= 2 or not full else full[-1]
    owned = _POSSESSIVE_OWNER.sub("", phrase)
    if owned != phrase and len(owned.split()) >= 2 and _is_name(owned.split()):
        phrase = owned  # "Labour's Jeremy Corbyn"; "the U.S. Attorney's Office" stays whole
    # "British Prime Minister-Theresa May": a hyphen for a lost space between a title and a name.
    phrase = _TITLE_HYPHEN.sub(lambda m: m.group(1) + (" " if m.group(1).lower() in _TITLES else "-"), phrase)
    words = phrase.split()
    if not words or is_pronoun(_CONTRACTION.sub("", phrase)) or phrase.lower() in ("you", "i"):
        return ""  # "He's", "You": a pronoun, however written
    # "Like Trump", "Meanwhile", "Does Tillerson": words that open a clause are no part of a name.
    while len(words) > 1 and _never_a_name(words[0]) and words[0].lower() not in _ARTICLES \
            and words[0][:1].isupper() and words[1][:1].isupper():
        words = words[1:]  # "Wednesday Suncor", "Like Trump"
    if len(words) == 1 and _never_a_name(words[0]):
        return ""
    while words and is_pronoun(words[-1]) and len(words) > 1:
        words = words[:-1]  # "challenging Trump It said": the next sentence's subject run in
    # "JointAddress Boy DOES Trump": a clause run into a name; the name is what follows its last such word.
    inner = [k for k, w in enumerate(words[1:], 1) if w[:1].isupper() and _never_a_name(w)
             and w.lower() not in _NAME_CONNECTORS]
    if inner and _is_name(words[inner[-1] + 1 :]):
        words = words[inner[-1] + 1 :]
    # "ironic Zakharova", "then-Senator Jane Doe": lower-case words before a name.
    first_capital = next((k for k, w in enumerate(words) if w[:1].isupper()), None)
    if (first_capital and not _DETERMINER_WORD.fullmatch(words[0].lower()) and _is_name(words[first_capital:first_capital + 1])
            and not any(w in _PREPOSITIONS for w in words[:first_capital])):
        words = words[first_capital:]  # but "court documents obtained by ABC News" are no ABC News
    if len(words) == 1 and is_pronoun(words[0]):
        return ""  # "2017 He said": a pronoun once what ran into it is gone
    # "President Trump today", "Secretary Tillerson spoke next": lower-case words after a name are the sentence's.
    if words and words[0][:1].isupper() and words[0].lower() not in _ARTICLES:
        end = next((k for k in range(1, len(words)) if words[k][:1].islower() and words[k] not in _NAME_CONNECTORS),
                   len(words))
        if 2 <= end < len(words) and _is_name(words[:end]) and not _POSSESSIVE_END.search(words[end - 1]):
            words = words[:end]  # but "Al Jazeera's correspondent": an owner and what it owns
    if not words:
        return ""
    name = person_name(" ".join(words))
    if any(w.lower() in _HEADLINE_VERBS or w.lower() in _WEEKDAYS for w in name.split()[1:]):
        return ""  # a headline or a dateline run into a name: "Speech-Watchers Say Trump", "Hawaii Wednesday"
    if _is_name(name.split()) or (words[0].lower() == "the" and _is_name(words[1:])):  # "the Kremlin"
        return name
    affiliated = _NAME_THEN_AFFILIATION.fullmatch(name)
    if affiliated and len(affiliated.group("name").split()) >= 2 and not is_organisation(affiliated.group("name")):
        return affiliated.group("name")
    return " ".join(words) if _is_description(words) else ""


def _is_description(words: list[str]) -> bool:
    """Whether ``words`` describe someone: an opening, modifiers and a head noun, then perhaps where they are from."""
    if not 2 <= len(words) <= 8 or not _DESCRIPTION_OPENING.fullmatch(words[0]):
        return False
    cut = next((k for k, w in enumerate(words[1:], 1) if w.lower() in _AFFILIATION_WORDS), len(words))
    head = words[:cut]
    # After a capitalised modifier the head is people ("Russian soldiers", "German officials"), not a verb ("Tillerson
    # spoke").
    if words[0][:1].isupper() and not _DETERMINER_WORD.fullmatch(words[0].lower()) and not _POSSESSIVE_END.search(
            words[0]) and not (head[-1].endswith("s") or is_role(head[-1])):
        return False
    return (len(head) >= 2 and not any(w.lower() in _ARTICLES or w.lower() in _AUXILIARIES for w in head[1:])
            and head[-1].lower() not in _NOT_A_HEAD and not is_pronoun(head[-1]) and bool(_HEAD_WORD.fullmatch(head[-1]))
            and (cut == len(words) or len(words) > cut + 1))
