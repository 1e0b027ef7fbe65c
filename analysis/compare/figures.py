"""Figure reconciliation: figures about the same thing in different documents, and groups whose values disagree."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from ..kinds import FigureKind
from ..lexicon import (
    ABOVE_QUALIFIERS,
    AROUND_QUALIFIERS,
    AT_MOST_QUALIFIERS,
    BELOW_QUALIFIERS,
    FIGURE_CONTEXT_FUNCTION_WORDS,
    LEFT_HOME_WORDS,
    MONTHS,
    POINTING_WORDS,
    WEEKDAYS,
)
from ..metadata import parse_date
from ..numbers import written_values
from ..run import Executor
from ..thresholds import (
    FIGURE_MAX_DF,
    FIGURE_MAX_RATIO,
    FIGURE_MIN_CONTEXT,
    FIGURE_SAME_CONTEXT,
    FIGURE_SAME_TIME_DAYS,
    FIGURE_SAME_VALUE_CONTEXT,
    FIGURE_UNSAID_CONTEXT,
)
from .candidates import candidate_arrays, incidence, pair_dots

# Words for the same counted thing, as news writes them.
_CLASSES = {
    "casualties": "killed kill dead death deaths died die losses loss casualties casualty fatalities "
                  "wounded injured toll bodies body hurt injuries",
    # Deaths and injuries are one tally of casualties, but never the same count: "eight injured" and "two killed".
    "dead": "killed kill dead death deaths died die fatalities toll bodies body",
    "hurt": "wounded injured injuries hurt",
    "people": "soldiers soldier troops troop troopers trooper servicemen serviceman personnel men people "
              "fighters reservists conscripts draftees recruits civilians residents persons",
    "detained": "arrested detained held holding imprisoned jailed captured prisoners detainees",
    "displaced": "fled displaced refugees evacuated evacuation evacuate evacuees homeless",
    "homes": "homes houses properties dwellings households flats apartments",
}
_CLASS_BIT = {c: 1 << k for k, c in enumerate(_CLASSES)}
# The counts the words next to a figure tell apart.
_TOLD_APART = _CLASS_BIT["dead"] | _CLASS_BIT["hurt"] | _CLASS_BIT["displaced"] | _CLASS_BIT["detained"]
_CLASSES_OF: dict[str, set[str]] = defaultdict(set)  # a word may be in two classes: "killed", a casualty and a death
for _name, _words in _CLASSES.items():
    for _w in _words.split():
        _CLASSES_OF[_w].add(_name)
# Tallies of people: a sentence about deaths, people forced from home or arrests, its figure counting people. Two such
# figures count the same thing in whatever words ("1,200 people were evacuated", "1,500 residents left their homes").
_TALLIES = {"casualties": "people killed or hurt", "displaced": "people forced from their homes",
            "detained": "people detained"}


# What ties a figure to another time than the story's (a year, a month, "last week", "since Monday", "in the past
# three days"), or to a hypothesis ("would need 51 votes", "could reach 5,000"): such figures are never set against
# another document's as a disagreement. Words are runs of letters and digits; a mark between two words parts them
# ("up-to-date" is no "to date"), so a phrase's words stand apart only by spaces. One scan of the lower-cased
# sentence, whose alternatives each open with a literal.
_PERIOD_WORDS = "|".join(["day", "days", "week", "weeks", "month", "months", "year", "years", "decade", *WEEKDAYS])
_MONTH_WORDS = "|".join(m.lower() for m in MONTHS)
_ELSEWHEN = re.compile(
    r"\b(?:since|ago|would|could|might|if|unless|projected"
    r"|earlier\s+this|span\s+of|so\s+far|to\s+date|expected\s+to"
    rf"|(?:in|since|until|by|last|this|next)\s+(?:{_MONTH_WORDS})"
    rf"|(?:last|past|previous|next|coming)\s+(?:\w+\s+)?(?:{_PERIOD_WORDS}))\b"
    r"|(?<!\w)(?:19|20)\d\d(?!\w)")


def figure_time(sentence: str) -> str:
    """ "elsewhen" when a figure's sentence ties it to another time or to a hypothesis, else ""."""
    return "elsewhen" if _ELSEWHEN.search(sentence.lower()) else ""


def word_stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if w not in FIGURE_CONTEXT_FUNCTION_WORDS and not w.isdigit() and len(w) > 2}


def word_classes(words: list[str]) -> set[str]:
    found = {c for w in words if w in _CLASSES_OF for c in _CLASSES_OF[w]}
    if ("homes" in words or "home" in words) and not LEFT_HOME_WORDS.isdisjoint(words):
        found.add("displaced")
    return found


@dataclass(frozen=True, slots=True)
class FigureLinks:
    """Pairs of figures (rows ``a[k]`` and ``b[k]`` of the figures table) that count the same thing, and why; and
    whether each pair is surely one quantity, so that differing values would be a disagreement (``same``)."""

    a: np.ndarray
    b: np.ndarray
    why: np.ndarray  # per pair: a _WHY code
    same: np.ndarray  # per pair: one quantity for sure (see :func:`link_figures`)
    context: np.ndarray  # per pair: how much of their sentences' vocabulary they share (Jaccard of stems)


_WORDED, _VALUED = -1, -2  # beside the tallies' class bits, which are positive
_WHY_TEXT = {_WORDED: "their sentences share much of their wording", _VALUED: "the same number in similar sentences",
             **{_CLASS_BIT[name]: f"both count {what}" for name, what in _TALLIES.items()}}


def link_figures(figures: pd.DataFrame, stems: list[str], classes: list[tuple[str, str, str, str]], *,
                 executor: Executor | None = None) -> FigureLinks:
    """Pairs of figures about the same thing, in different documents (or one tally of deaths in one).

    ``stems`` and ``classes`` are each figure's from :func:`document_features`.
    Two figures are linked when they are of the same kind and either their
    sentences share much of their vocabulary, or both count the same tally of
    people (deaths and losses; people evacuated and residents who left their
    homes), or they are the same number in similar sentences. The rules run
    on all candidate pairs at once.
    """
    n = len(figures)
    # Few distinct sets of classes: each turned into bits once.
    mask = {names: sum(_CLASS_BIT[c] for c in names.split()) for names in {x for c in classes for x in c[:3]}}
    sent_mask = np.fromiter((mask[c[0]] for c in classes), dtype=np.int64, count=n)
    subj_mask = np.fromiter((mask[c[1]] for c in classes), dtype=np.int64, count=n)
    local_mask = np.fromiter((mask[c[2]] for c in classes), dtype=np.int64, count=n)
    elsewhen = np.fromiter((bool(c[3]) for c in classes), dtype=np.bool_, count=n)
    # A measure is compared only with measures in the same unit: 90 mph and 30mm are different things.
    units = figures["unit"].tolist() if "unit" in figures else [""] * n
    kinds = [f"{k} in {u}" if k == FigureKind.MEASURE else k for k, u in zip(figures["kind"].tolist(), units)]
    doc_code = pd.factorize(pd.Series(figures["doc"].tolist(), dtype=object))[0]
    value, high = figures["value"].to_numpy(dtype=float), figures["high"].to_numpy(dtype=float)
    S = incidence([s.split() for s in stems])
    # Every rule below needs shared vocabulary (a Jaccard floor), so candidates share a stem; and a kind.
    a_parts, b_parts, shared_parts = [], [], []
    for kind_rows in pd.Series(np.arange(n)).groupby(np.asarray(kinds, dtype=object), sort=True).groups.values():
        rows = np.sort(np.asarray(kind_rows))
        S_kind = S[rows]
        r, c, v = candidate_arrays(S_kind, max_df=FIGURE_MAX_DF, executor=executor)
        # The candidates' shared stems are counted on stems around 2 to FIGURE_MAX_DF figures of the kind;
        # a stem around one figure is shared by none, so the more common stems are all that is left to add.
        common = S_kind[:, np.flatnonzero(np.bincount(S_kind.indices, minlength=S.shape[1]) > FIGURE_MAX_DF)]
        a_parts.append(rows[r])
        b_parts.append(rows[c])
        shared_parts.append(v + pair_dots(common, r, c))
    a = np.concatenate(a_parts) if a_parts else np.zeros(0, dtype=np.int64)
    b = np.concatenate(b_parts) if b_parts else np.zeros(0, dtype=np.int64)
    shared = np.concatenate(shared_parts) if shared_parts else np.zeros(0)
    sizes = np.asarray(S.sum(axis=1)).ravel()
    union = sizes[a] + sizes[b] - shared
    jacc = np.divide(shared, union, out=np.zeros(len(a)), where=union > 0)
    # The same tally of people in other words: deaths, losses and troops killed; people evacuated and residents who
    # left their homes. Deaths are one tally even within one article.
    tally_of = np.zeros(len(a), dtype=np.int64)  # which tally a pair shares (its bit), 0 for none
    for name in _TALLIES:
        bit, counted = _CLASS_BIT[name], _CLASS_BIT[name] | _CLASS_BIT["people"]
        tally = [((sent_mask[x] & bit) > 0) & ((subj_mask[x] & counted) > 0) for x in (a, b)]
        tally_of = np.where((tally_of == 0) & tally[0] & tally[1], bit, tally_of)
    casualty = tally_of == _CLASS_BIT["casualties"]
    same_thing = ((subj_mask[a] & subj_mask[b]) != 0) | ((subj_mask[a] | subj_mask[b]) == 0)
    same_value = (value[a] == value[b]) & ((high[a] == high[b]) | (np.isnan(high[a]) & np.isnan(high[b])))
    worded = (jacc >= FIGURE_SAME_CONTEXT) & same_thing
    valued = same_value & (jacc >= FIGURE_SAME_VALUE_CONTEXT)
    across = worded | (tally_of > 0) | valued
    # A tally of people in other words shares less of its sentence's wording: half the floor is enough there.
    link = (jacc >= np.where(tally_of > 0, FIGURE_MIN_CONTEXT / 2, FIGURE_MIN_CONTEXT)) & np.where(
        doc_code[a] == doc_code[b], casualty, across)
    # The first reason that holds, the most telling first: a tally, then shared wording, then the same number.
    why = np.where(tally_of > 0, tally_of, np.where(worded, _WORDED, _VALUED))
    same = link & (doc_code[a] != doc_code[b]) & _one_quantity(figures, a, b, jacc, tally_of > 0, subj_mask,
                                                                local_mask) & ~elsewhen[a] & ~elsewhen[b]
    return FigureLinks(a[link], b[link], why[link], same[link], jacc[link])


def _one_quantity(figures: pd.DataFrame, a: np.ndarray, b: np.ndarray, context: np.ndarray, tally: np.ndarray,
                  subj_mask: np.ndarray, local_mask: np.ndarray) -> np.ndarray:
    """Whether linked figures surely count one quantity, so that an editor would call differing values a
    disagreement: the same unit, much of their sentences' wording or one tally of people in other words, the same
    thing counted (by its noun, or its class), deaths never against injuries, neither vague, and each the only
    figure of its kind in its sentence (two
    in one sentence are parts of a whole, items of a list or two sides: "Seven of the 11", "71 medals (29 gold",
    "358 to 256")."""
    n = len(figures)
    if not len(a):
        return np.zeros(0, dtype=bool)
    units = [_UNIT_ALIKE.get(u.strip().lower(), u.strip().lower()) for u in figures["unit"].fillna("").astype(str)] \
        if "unit" in figures else [""] * n
    unit_code = pd.factorize(pd.Series(units, dtype=object))[0]
    vague = figures["vague"].to_numpy(dtype=bool) if "vague" in figures else np.zeros(n, dtype=bool)
    # How many figures of its kind a figure's sentence holds.
    place = pd.Series(list(zip(figures["doc"].tolist(), figures["sentence_start"].tolist(), figures["kind"].tolist())),
                      dtype=object)
    alone = (place.map(place.value_counts()) == 1).to_numpy()
    heads = [_head(str(x)) for x in figures["subject"].fillna("").tolist()]
    head_code = pd.factorize(pd.Series(heads, dtype=object))[0]
    empty = np.array([h == "" for h in heads])
    same_head = (head_code[a] == head_code[b]) & ~empty[a]
    same_class = (subj_mask[a] & subj_mask[b]) != 0
    neither_said = empty[a] & empty[b] & (context >= FIGURE_UNSAID_CONTEXT)
    # What the words next to each figure say it counts must agree: killed against injured, evacuated against living
    # there, held against killed are other counts.
    # A casualty toll ("losses") may be either deaths or injuries. A count only one side says what it is is another.
    dead_or_hurt = _CLASS_BIT["dead"] | _CLASS_BIT["hurt"]
    told = (local_mask & _TOLD_APART) | np.where(((local_mask & _CLASS_BIT["casualties"]) != 0)
                                                 & ((local_mask & dead_or_hurt) == 0), dead_or_hurt, 0)
    crossed = ((told[a] | told[b]) != 0) & ((told[a] & told[b]) == 0)
    return ((unit_code[a] == unit_code[b]) & ((context >= FIGURE_SAME_CONTEXT) | tally)
            & (same_head | same_class | neither_said | tally)
            & ~crossed & ~vague[a] & ~vague[b] & alone[a] & alone[b])


# Currencies and units as outlets write them, one way.
_UNIT_ALIKE = {"us$": "$", "$us": "$", "usd": "$", "dollar": "$", "dollars": "$", "€": "euros", "eur": "euros",
               "euro": "euros", "£": "£", "gbp": "£", "pound": "£", "pounds": "£", "%": "%"}
_WORD = re.compile(r"[a-z]+")


def _head(subject: str) -> str:
    """The noun a subject counts, singular: "people" in "Russian people", "policeman" in "policemen"."""
    words = _WORD.findall(subject.lower())
    if not words:
        return ""
    word = words[-1]
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def figure_components(n: int, links: FigureLinks) -> np.ndarray:
    """Each of ``n`` figures' group of linked figures across the corpus (every figure in one, alone or not):
    what the story evidence reads, without the table :func:`group_figures` describes them in."""
    graph = sparse.coo_matrix((np.ones(len(links.a)), (links.a, links.b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def group_figures(figures: pd.DataFrame, links: FigureLinks, *, story_of: Mapping[str, int] | None = None,
                  dates: Mapping[str, str] | None = None) -> tuple[pd.DataFrame, pd.Series]:
    """Groups of linked figures across documents (:func:`link_figures`), with their values as written, what they
    count and why they were grouped, and the pairs that disagree; and each figure's group (-1 for none).

    With ``story_of`` (each document's story), figures are grouped only within a story: a figure about the same
    kind of thing in another story counts another event's ("people" evacuated from two floods).

    A disagreement is a pair of figures in two documents that surely count one quantity (``links.same``) with
    values that cannot both be true (:func:`figure_interval`), published at most ``FIGURE_SAME_TIME_DAYS`` apart
    (``dates``, as written): a toll or a price reported a week later counts something else. Between two documents
    each figure is matched once, agreeing pairs first, so that two documents giving the same two figures ("two
    nuclear tests and 24 missile tests") agree on both rather than disagree across them.
    """
    cols = ["group", "docs", "values", "n_figures", "disagree", "label", "why", "figures", "conflicts"]
    n = len(figures)
    docs = figures["doc"].tolist()
    a, b, why, same, context = links.a, links.b, links.why, links.same, links.context
    if story_of is not None and len(a):
        story = np.asarray([story_of.get(d, -1) for d in docs])
        inside = story[a] == story[b]
        a, b, why, same, context = a[inside], b[inside], why[inside], same[inside], context[inside]
    graph = sparse.coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    group = np.full(n, -1, dtype=int)
    value, high = figures["value"].to_numpy(dtype=float), figures["high"].to_numpy(dtype=float)
    subject_list, id_list = figures["subject"].fillna("").astype(str).tolist(), figures["id"].astype(str).tolist()
    qualifiers = figures["qualifier"].fillna("").astype(str).tolist()
    texts = figures["text"].astype(str).tolist() if "text" in figures else [""] * n
    kinds = figures["kind"].tolist()
    conflicts_by_part: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for x, y in _conflicts(a[same], b[same], context[same], docs, value, high, qualifiers, texts, subject_list,
                           dates or {}):
        conflicts_by_part[int(component[x])].append((x, y))
    # Why each figure was linked, in words: a journalist reads why two figures were grouped.
    reasons: dict[int, set[str]] = defaultdict(set)
    for x, y, code in zip(a.tolist(), b.tolist(), why.tolist()):
        reasons[x].add(_WHY_TEXT[code])
        reasons[y].add(_WHY_TEXT[code])
    rows: list[tuple[int, list[str], list[str], int, bool, str, str, list[str], list[list[str]]]] = []
    order = np.argsort(component, kind="stable")  # members of a component together, in figure order
    bounds = np.flatnonzero(np.r_[True, np.diff(component[order]) != 0, True])
    linked = [order[lo:hi].tolist() for lo, hi in zip(bounds[:-1], bounds[1:]) if hi - lo >= 2]
    for members in sorted(linked, key=lambda m: m[0]):
        group_docs = sorted({docs[m] for m in members})
        if len(group_docs) < 2:
            continue
        vals = written_values([value[m] for m in members], [high[m] for m in members],
                              [qualifiers[m] for m in members])
        subjects = Counter(subject_list[m] for m in members if subject_list[m] and subject_list[m].lower() not in POINTING_WORDS)
        label = subjects.most_common(1)[0][0] if subjects else kinds[members[0]]
        gid = len(rows)
        group[members] = gid
        conflicts = [[id_list[x], id_list[y]] for x, y in conflicts_by_part.get(int(component[members[0]]), [])]
        rows.append((gid, group_docs, vals, len(members), bool(conflicts), label,
                     "; ".join(sorted(set().union(*(reasons[m] for m in members)))), [id_list[m] for m in members],
                     conflicts))
    return pd.DataFrame(rows, columns=cols), pd.Series(group, index=figures.index)


def _conflicts(a: np.ndarray, b: np.ndarray, context: np.ndarray, docs: list[str], value: np.ndarray,
               high: np.ndarray, qualifiers: list[str], texts: list[str], subjects: list[str],
               dates: Mapping[str, str]) -> list[tuple[int, int]]:
    """The pairs of one quantity (rows of the figures table) whose values cannot both be true, each figure matched
    once per other document, agreeing pairs first and the most alike wording first."""
    day = {d: parse_date(x) for d, x in dates.items()}
    agree = np.array([_fits(value[x], high[x], qualifiers[x], texts[x], subjects[x],
                            value[y], high[y], qualifiers[y], texts[y], subjects[y]) for x, y in zip(a.tolist(), b.tolist())],
                     dtype=bool)
    # Values far apart count different scopes (a country and a region, a part and its whole), not one quantity.
    low, top = np.minimum(np.abs(value[a]), np.abs(value[b])), np.maximum(np.abs(value[a]), np.abs(value[b]))
    scoped = top > FIGURE_MAX_RATIO * low
    order = np.lexsort((-context, ~agree))  # agreeing pairs first, then by shared wording
    matched: set[tuple[int, str]] = set()
    out = []
    for k in order.tolist():
        x, y = int(a[k]), int(b[k])
        if (x, docs[y]) in matched or (y, docs[x]) in matched:
            continue
        matched.update({(x, docs[y]), (y, docs[x])})
        dx, dy = day.get(docs[x]), day.get(docs[y])
        if not agree[k] and not scoped[k] and not (dx and dy and abs((dx - dy).days) > FIGURE_SAME_TIME_DAYS):
            out.append((x, y) if x < y else (y, x))
    return sorted(out)


def _fits(v1: float, h1: float, q1: str, t1: str, s1: str, v2: float, h2: float, q2: str, t2: str, s2: str) -> bool:
    """Whether two figures as written can both be true."""
    lo1, hi1 = figure_interval(v1, None if np.isnan(h1) else h1, q1, text=t1, subject=s1)
    lo2, hi2 = figure_interval(v2, None if np.isnan(h2) else h2, q2, text=t2, subject=s2)
    return max(lo1, lo2) <= min(hi1, hi2)


# How far a qualified figure may lie from its number, as a share of it: "about 350" is 315 to 385, "more than 1,200"
# 1,200 to 1,320. Journalists round to the nearest 50 or 100 and say "about", so a tenth is what "about" covers; "more
# than 1,200" where 1,500 is meant would be written "about 1,500".
_APPROXIMATE = 0.1


def figure_interval(value: float, high: float | None, qualifier: str, *, text: str = "",
                    subject: str = "") -> tuple[float, float]:
    """The amounts a figure as written allows: "about 350" (315, 385), "more than 1,200" (1,200, 1,320), "up to
    400" (0, 400), "60-70" (60, 70), "400" (400, 400). Given its ``text``, a number is read to the precision it is
    written in ("$1.3 billion" is 1.25 to 1.35 billion: a rounding of 1.35); given its ``subject``, "13 other
    nations" allows a few more named beside them ("the United States and 13 other nations" are 14)."""
    low, top = value, value if high is None or pd.isna(high) else high
    half_unit = _half_unit(text, value)
    low, top = low - half_unit, top + half_unit
    if _OTHER.match(subject or ""):
        top += _OTHERS_NAMED
    q = (qualifier or "").lower()
    if q in AROUND_QUALIFIERS:
        return low * (1 - _APPROXIMATE), top * (1 + _APPROXIMATE)
    if q in ABOVE_QUALIFIERS:
        # "more than 200,000" runs up to the next round number in its last digit: below 300,000; "at least 2", 2.
        return low, max(top * (1 + _APPROXIMATE), top + _last_digit_unit(top) * (1 - 1e-9))
    if q in BELOW_QUALIFIERS:
        return low * (1 - _APPROXIMATE), top
    if q in AT_MOST_QUALIFIERS:
        return 0.0, top
    return low, top


_OTHER = re.compile(r"other\b", re.IGNORECASE)
_OTHERS_NAMED = 3  # "X, Y and 13 other nations": the others a count of "other" leaves out, at most
_DECIMALS = re.compile(r"\d+(?:,\d{3})*(?:\.(\d+))?")
_SCALED = re.compile(r"(?i:million|billion|trillion|thousand|bn|bln|mln|tn|\dm\b|\dk\b)")


def _last_digit_unit(value: float) -> float:
    """What the last written digit of a whole number is worth: 100,000 for 200,000, 100 for 1,200, 1 for 31."""
    if not float(value).is_integer() or value == 0:
        return 0.0
    n, unit = int(abs(value)), 1
    while n % 10 == 0:
        n //= 10
        unit *= 10
    return float(unit) if unit > 1 else 0.0


def _half_unit(text: str, value: float) -> float:
    """Half the last written digit's worth, where a number is written in a scale ("1.3 billion": 0.05 billion);
    0 for a plain number ("350" is 350)."""
    number = _DECIMALS.search(text or "")
    if number is None or not _SCALED.search(text):
        return 0.0
    written = float(number.group().replace(",", ""))
    if written == 0:
        return 0.0
    decimals = len(number.group(1) or "")
    return 0.5 * 10.0 ** -decimals * abs(value / written)


def group_values(values: list[float], highs: list[float | None], qualifiers: list[str]) -> tuple[list[str], bool]:
    """A group's values as written, with their qualifiers, and whether no amount fits them all, qualifiers taken
    into account ("about 350" and "400" do not; "about 350" and "360" do)."""
    spans = [figure_interval(v, h, q) for v, h, q in zip(values, highs, qualifiers)]
    return written_values(values, highs, qualifiers), max(lo for lo, _ in spans) > min(hi for _, hi in spans)


