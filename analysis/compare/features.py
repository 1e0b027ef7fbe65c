"""What the comparison reads from each document, made where the document is extracted (in parallel, cached)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from ..figures import figure_context
from ..metadata import agency_credit, interviewers
from ..model import DocumentFeatures
from .figures import figure_time, word_classes, word_stems
from .stories import name_terms
from .words import normalize_words


def document_features(text: str, body_sentences: list[tuple[int, int]], quotes: list[tuple[int, int]],
                      figures: list[tuple[int, int, int, int, str]], *, told: Iterable[str] = ()) -> DocumentFeatures:
    """Features of one document: ``quotes`` are (start, end) spans, ``figures`` are (start, end,
    sentence_start, sentence_end, subject), ``told`` the names its verbs of telling address."""
    kept = _narrative_sentences(text, body_sentences, quotes)
    narrative = [" ".join(normalize_words(s)) for s, _ in kept]
    distinct = " ".join(dict.fromkeys(" ".join(narrative).split()))
    quote_words = [" ".join(normalize_words(text[a:b])) for a, b in quotes]
    contexts: dict[str, tuple[str, str, str]] = {}  # many figures share a sentence: read it once
    stems, classes = [], []
    for start, end, s0, s1, subject in figures:
        context = figure_context(text, start, end, s0, s1)
        if context not in contexts:
            words = normalize_words(context)
            contexts[context] = (" ".join(sorted(word_stems(words))), " ".join(sorted(word_classes(words))),
                                 figure_time(text[s0:s1]))
        context_stems, context_classes, when = contexts[context]
        stems.append(context_stems)
        # "killed nearly 250 people ... 128 people have been injured": what the words next to a figure say it counts.
        local = normalize_words(text[max(s0, start - _LOCAL_BEFORE) : min(s1, end + _LOCAL_AFTER)])
        classes.append((context_classes, " ".join(sorted(word_classes(normalize_words(subject or "")))),
                        " ".join(sorted(word_classes(local))), when))
    return DocumentFeatures(narrative, [span for _, span in kept], distinct, quote_words, stems, classes,
                            name_terms([text[s:e] for s, e in body_sentences]), agency_credit(text),
                            interviewers(text, told))


_LOCAL_BEFORE, _LOCAL_AFTER = 30, 50  # characters either side of a figure that say what it counts

# A post embedded in the page (a tweet with its link or handle): somebody's words, not the writer's narrative.
# Every alternative opens with a literal, so that the scan skips in C.
_EMBEDDED_POST = re.compile(r"https?://|pic\.twitter\.com|\(@\w+\)|@(?<![\w@]@)\w{2,}")


def _narrative_sentences(text: str, sentences: list[tuple[int, int]],
                         quote_spans: list[tuple[int, int]]) -> list[tuple[str, tuple[int, int]]]:
    """The sentences with the quotations cut out, those of six words or more and no embedded post, each with its
    span."""
    spans = sorted(quote_spans)
    starts = [qs for qs, _ in spans]
    reach = list(accumulate((qe for _, qe in spans), max))  # the furthest end of any span so far
    out = []
    for s, e in sentences:
        if _EMBEDDED_POST.search(text, s, e):
            continue
        parts, cur = [], s
        # Only the spans that can overlap the sentence: from the first whose reach passes its start.
        for k in range(bisect_right(reach, s), bisect_left(starts, e)):
            qs, qe = spans[k]
            if qe <= s:
                continue
            parts.append(text[cur:max(cur, qs - 1)])
            cur = min(e, qe + 1)
        parts.append(text[cur:e])
        words = " ".join(parts).split()
        if len(words) >= 6:
            out.append((" ".join(words), (s, e)))
    return out
