"""Names for topics: each topic's most distinctive words and two-word phrases, by class-based TF-IDF."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

import numpy as np

from .lexicon import GENERIC_VERBS, GENERIC_WORDS, stop_words

__all__ = ["label", "label_stop_words", "topic_phrases"]


# Passages per topic its label is read from: a sample of a large topic says the same. On NewsArticles 150 and 100 give
# the same names for most topics ("trump / white house / president", "russian / russia / tass"); 100 reads a third
# fewer phrases.
_LABEL_PASSAGES = 100


@cache
def label_stop_words() -> frozenset[str]:
    """Words no topic is named by: :func:`stop_words`, and the verbs and counting words of any story."""
    return stop_words() | GENERIC_VERBS | GENERIC_WORDS


def topic_phrases(passages: Sequence[str], labels: np.ndarray, n_topics: int, seed: int, *,
                   n_phrases: int = 8) -> list[list[str]]:
    """Each topic's most distinctive words and two-word phrases, by class-based TF-IDF (as BERTopic weighs them):
    a phrase's share of the topic's words, times the log of how much rarer it is in the corpus as a whole.

    A two-word phrase is two neighbouring words of one clause, neither a word no topic is named by ("junior
    officer", not "refused fight" from "refused to fight"); every phrase must occur twice in its topic.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    rng = np.random.default_rng(seed)
    members = [np.flatnonzero(labels == t) for t in range(n_topics)]
    members = [m if len(m) <= _LABEL_PASSAGES else np.sort(rng.choice(m, _LABEL_PASSAGES, replace=False)) for m in members]
    # numpy integers index a list through __index__; typeshed types Sequence.__getitem__ for int only
    joined = [" . ".join(passages[i] for i in m) for m in members]  # type: ignore[call-overload]
    vectorizer = CountVectorizer(analyzer=phrases_of)
    try:
        counts = vectorizer.fit_transform(joined).toarray().astype(float)
    except ValueError:  # no word a topic could be named by
        return [[] for _ in range(n_topics)]
    phrases = vectorizer.get_feature_names_out()
    words_per_topic = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, words_per_topic, out=np.zeros_like(counts), where=words_per_topic > 0)
    idf = np.log1p(words_per_topic.mean() / np.maximum(counts.sum(axis=0), 1.0))
    score = np.where(counts >= 2, tf * idf, 0.0)
    out = []
    for t in range(n_topics):
        best = [k for k in np.argsort(-score[t], kind="stable")[: n_phrases * 3] if score[t, k] > 0]
        ranked = _phrases_first([str(phrases[k]) for k in best])[:n_phrases]
        # Only what a label shows is read as written: one scan of the topic's text (reading each of eight phrases
        # once took about a second of the topic stage on NewsArticles).
        out.append(words_as_written(ranked[:_LABEL_PHRASES], joined[t]) + ranked[_LABEL_PHRASES:])
    return out


_LABEL_PHRASES = 3  # how many of a topic's phrases its name shows
_ACRONYM_MAX = 5  # letters: "UNESCO" and shorter may be written in capitals as a name
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n]\s*|[“\"]\s*)$")


def words_as_written(phrases: list[str], text: str) -> list[str]:
    """``phrases`` (read lower-cased) as the topic's passages write them most often: "CNN", "Ukraine", "junior
    officer". A word that opens a sentence is capitalised whatever it is, and a headline or a list may shout a long
    word in capitals ("TARGET"), so such occurrences count for little; acronyms are short ("CNN", "NATO")."""
    if not phrases:
        return []
    # The longest first, so that "white house" is read as that and not as "house".
    alternatives = sorted(phrases, key=len, reverse=True)
    pattern = (r"(?<![\w'’-])(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in alternatives)
               + r")(?![\w'’-])")
    forms: dict[str, Counter[str]] = {p: Counter() for p in phrases}
    # Found in the lower-cased text (a case-blind scan is several times slower), read at the same place as written.
    lowered = text.lower()
    found = re.finditer(pattern, lowered) if len(lowered) == len(text) else re.finditer(pattern, text, re.IGNORECASE)
    for m in found:
        form = " ".join(text[m.start() : m.end()].split())
        opening = _SENTENCE_OPENING.search(text, max(0, m.start() - 3), m.start()) is not None
        shouted = form.isupper() and any(len(w) > _ACRONYM_MAX for w in form.split())
        # weighted counts: typeshed types a Counter's values as int, but Counter takes floats as well
        forms.setdefault(form.lower(), Counter())[form] += 0.1 if opening or shouted else 1.0  # type: ignore[assignment]
    out = []
    for p in phrases:
        best = forms[p].most_common(1)[0][0] if forms[p] else p
        # Only ever shouted: a heading's word, said in lower case.
        out.append(" ".join(w.lower() if w.isupper() and len(w) > _ACRONYM_MAX else w for w in best.split()))
    return out


_CLAUSE_BREAK = re.compile(r"[^\w\s'’-]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# A link or a handle is no word of the story ("twitter / com / http" named a topic of embedded posts).
_LINK = re.compile(r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[\w.-]+\.(?:com|org|net|co\.uk|ie|de)\b\S*|@\w+")


def phrases_of(text: str) -> list[str]:
    """The words and two-word phrases of ``text`` a topic could be named by (see :func:`topic_phrases`)."""
    stop = label_stop_words()
    out = []
    for clause in _CLAUSE_BREAK.split(_LINK.sub(" . ", text).lower()):
        words = _WORD.findall(clause)
        namable = [len(w) >= 3 and w not in stop and w.isalpha() for w in words]
        out += [w for w, ok in zip(words, namable) if ok]
        out += [f"{a} {b}" for a, b, ok_a, ok_b in zip(words, words[1:], namable, namable[1:]) if ok_a and ok_b]
    return out


def _phrases_first(ranked: list[str]) -> list[str]:
    """Ranked words and phrases, a phrase among the first few taking the place of its words (they say less),
    and nothing repeated."""
    head = ranked[:6]
    kept: list[str] = []
    for p in ranked:
        if " " not in p:
            p = next((q for q in head if " " in q and p in q.split()), p)
        if p not in kept and not any(" " in k and p in k.split() for k in kept):
            kept.append(p)
    return kept


def label(phrases: list[str]) -> str:
    """A topic's name: its three most distinctive words or phrases."""
    return " / ".join(phrases[:_LABEL_PHRASES])
