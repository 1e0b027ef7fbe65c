"""One document's extraction: segmentation, quotes, figures and cited sources, and the features the
corpus-level steps read. A pure function of the text, so its results are cached by content."""

from __future__ import annotations

import time
from collections import Counter

from .attribution import find_attributions
from .compare import document_features
from .figures import extract_figures
from .kinds import QuoteKind
from .marks import repair_marks
from .model import DocumentResult, FurnitureSpan, PhraseRow, QuoteRow, SourceRow
from .names import canonical_names
from .noun_phrases import is_organisation, named_part, proper_name, speaker_phrase
from .quotes import extract_quotes
from .segment import CONTENT_KINDS, Segmentation, segment
from .tokens import passage_terms

__all__ = ["analyze_document"]


def _sentence_bounds(seg: Segmentation, start: int, end: int) -> tuple[int, int]:
    first, last = seg.sentence_at(start), seg.sentence_at(max(start, end - 1))
    p = seg.paragraphs
    lo = first.start if first else next((x.start for x in p if x.start <= start < x.end), start)
    hi = last.end if last else next((x.end for x in p if x.start <= start < x.end), end)
    return min(lo, start), max(hi, end)


def analyze_document(text: str) -> DocumentResult:
    """Segment one document's text and extract its quotes, figures and cited sources.

    A pure function of the text, so results can be cached by content; rows
    carry no document id (the pipeline adds it).
    """
    t0 = time.perf_counter()
    # Punctuation damaged in scraping is read as it was; offsets stay those of the text as given.
    repair = repair_marks(text)
    text = repair.text
    seg = segment(text)
    t1 = time.perf_counter()
    # Who says what, read once per paragraph: quotes, figures and cited sources all read it.
    attributions = {p.index: find_attributions(text, p.start, p.end) for p in seg.content}
    quotes = extract_quotes(text, seg, attributions=attributions)
    t2 = time.perf_counter()
    figures = extract_figures(text, seg, [(q.start, q.end, q.speaker) for q in quotes], attributions=attributions)

    # Cited sources: every named speaker, addressee and "according to" in the text.
    named: list[tuple[str, str]] = []
    for atts in attributions.values():
        for a in atts:
            for name in (named_part(a.speaker), a.addressee):
                name = proper_name(name)
                if name:
                    named.append((name, a.verb))
    names = [n for n, _ in named] + [q.speaker for q in quotes if q.speaker] + [f.source for f in figures if f.source]
    canon = canonical_names(names, text)

    qrows, phrases = [], []
    for q in quotes:
        s0, s1 = _sentence_bounds(seg, q.start, q.end)
        if q.kind != QuoteKind.QUOTE:
            phrases.append(PhraseRow(q.start, q.end, q.text, str(q.kind), q.paragraph, s0, s1))
            continue
        qrows.append(QuoteRow(q.start, q.end, q.text, speaker_phrase(canon.get(q.speaker, q.speaker)) or q.speaker,
                              q.speaker_as_written, str(q.how), q.verb, q.partial, q.paragraph, s0, s1))
    frows = []
    for f in figures:
        frows.append(f._replace(source=canon.get(f.source, f.source)))
    counts = Counter(c for c in (proper_name(canon.get(n, n)) for n, _ in named) if c)
    srows = [SourceRow(name, n, "organisation" if is_organisation(name) or " " not in name else "person")
             for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    t3 = time.perf_counter()

    # What the corpus-level steps read, made here where documents are processed in parallel.
    terms = [passage_terms(text[a:b]) for a, b in seg.passages]
    t4 = time.perf_counter()
    body = [(x.start, x.end) for x in seg.sentences if seg.paragraphs[x.paragraph].kind == "body"]
    features = document_features(text, body, [(q.start, q.end) for q in quotes if q.kind == QuoteKind.QUOTE],
                                 [(f.start, f.end, f.sentence_start, f.sentence_end, f.subject) for f in figures],
                                 told=[a.addressee for atts in attributions.values() for a in atts if a.addressee])
    words = sum(len(text[p.start : p.end].split()) for p in seg.paragraphs if p.kind in CONTENT_KINDS)
    seconds = {"clean": t1 - t0, "quotes": t2 - t1, "figures": t3 - t2, "topics": t4 - t3,
               "comparison": time.perf_counter() - t4}
    furniture = [FurnitureSpan(p.start, p.end, p.kind) for p in seg.furniture]
    notes = [repair.note] if repair.note else []
    return DocumentResult(furniture, seg.passages, qrows, phrases, frows, srows, terms, features, words, notes, seconds)
