"""The analysis's tables, built from every document's rows at once (columns through Arrow), and the names
documents go by in them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from operator import itemgetter

import pandas as pd

from .corpus import Document
from .frames import frame
from .metadata import parse_date
from .model import DocumentResult, speakers_table

__all__ = ["claims_table", "display_names", "documents_table", "main_topics", "outlet_labels", "rows_frame",
           "speakers_table"]


def rows_frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)`` for rows of plain values, through :func:`~analysis.frames.frame`."""
    if not rows:
        return pd.DataFrame(columns=columns)
    # A list per column (not zip(*rows): unpacking a few hundred thousand rows as arguments costs three times as
    # much, and Arrow reads lists faster than tuples).
    return frame({name: list(map(itemgetter(k), rows)) for k, name in enumerate(columns)})


_OPENING_WORDS = 8  # enough of a first sentence to recognise the article by


def display_names(docs: list[Document], results: Mapping[str, DocumentResult]) -> dict[str, str]:
    """A readable name per document for tables, charts and links, unique within the corpus and never an id.

    The outlet when it has one article here; otherwise the outlet and the title; without an outlet the title;
    without either the article's opening words (of its first passage, so not a caption or a dateline).
    A name two documents would share gets " (2)", " (3)" in order.
    """
    per_outlet = Counter(d.outlet for d in docs if d.outlet)
    names: dict[str, str] = {}
    used: Counter[str] = Counter()
    for d in docs:
        title = d.meta.get("title", "") or _opening_words(d.text, results[d.id].passages)
        name = d.outlet if d.outlet and per_outlet[d.outlet] == 1 else ": ".join(x for x in (d.outlet, title) if x)
        name = name or d.id  # a document of nothing but furniture
        used[name] += 1
        names[d.id] = name if used[name] == 1 else f"{name} ({used[name]})"
    return names


def _opening_words(text: str, passages: list[tuple[int, int]]) -> str:
    if not passages:
        return ""
    words = text[passages[0][0] : passages[0][1]].split()
    opening = " ".join(words[:_OPENING_WORDS]).strip("\"'“”‘’")
    return f"“{opening}{'…' if len(words) > _OPENING_WORDS else ''}”" if opening else ""


def outlet_labels(docs: list[Document], names: Mapping[str, str]) -> dict[str, str]:
    """What to call each document's outlet in filters and per-outlet tables: the outlet, or for a document
    without one its name marked as such, so it is never taken for an outlet or merged with others."""
    return {d.id: d.outlet or f"{names[d.id]} (outlet unknown)" for d in docs}


def main_topics(coverage: pd.DataFrame, topics: pd.DataFrame) -> dict[str, tuple[int, str, str]]:
    """Each document's main topic (the one most of its passages are in): (topic, its label, its theme's label)."""
    if not len(coverage) or not len(topics):
        return {}
    top = coverage.sort_values(["doc", "share"], ascending=[True, False], kind="stable").drop_duplicates("doc")
    label = dict(zip(topics["id"].tolist(), topics["label"].tolist()))
    theme = dict(zip(topics["id"].tolist(), topics["theme_label"].tolist())) if "theme_label" in topics else {}
    return {d: (int(t), label.get(t, ""), theme.get(t, "")) for d, t in zip(top["doc"].tolist(), top["topic"].tolist())}


def documents_table(docs, results, quotes, figures, coverage, topics, names, outlets) -> pd.DataFrame:
    rows = []
    main = main_topics(coverage, topics)
    qn = quotes.groupby("doc").size().to_dict() if len(quotes) else {}
    fn = figures.groupby("doc").size().to_dict() if len(figures) else {}
    for d in docs:
        words = results[d.id].words
        row = {"id": d.id, "name": names[d.id], "label": outlets[d.id], "outlet": d.meta.get("outlet", ""), "title": d.meta.get("title", ""),
               "author": d.meta.get("author", ""), "date": _one_format(d.meta.get("date", "")), "url": d.meta.get("url", ""),
               "words": words, "quotes": int(qn.get(d.id, 0)), "figures": int(fn.get(d.id, 0)),
               "main_topic": main.get(d.id, (None,))[0], "main_topic_label": main.get(d.id, (None, ""))[1],
               "main_theme_label": main.get(d.id, (None, "", ""))[2],
               "chars": len(d.text), "notes": "; ".join(results[d.id].notes)}
        for k, v in d.meta.items():
            row.setdefault(k, v)
        row["meta_source"] = dict(d.meta_source)
        rows.append(row)
    return pd.DataFrame(rows)


def _one_format(date: str) -> str:
    """A date as YYYY-MM-DD whatever way it was written ("2017/2/7", "February 7, 2017"); as given if unreadable."""
    day = parse_date(date)
    return day.isoformat() if day else date


def claims_table(quotes: pd.DataFrame, figures: pd.DataFrame, figure_groups: pd.DataFrame,
            sources: pd.DataFrame) -> pd.DataFrame:
    """Which quotes, figures and sources each document carries: one row per claim."""
    rows = []
    if len(quotes):
        clusters: dict[int, tuple[str, str, set[str]]] = {}  # the first quote's text and speaker, and every document
        for cid, text, speaker, doc in zip(quotes["cluster"].tolist(), quotes["text"].tolist(),
                                           quotes["speaker"].tolist(), quotes["doc"].tolist()):
            if len(text.split()) < 3:
                continue
            if cid in clusters:
                clusters[cid][2].add(doc)
            else:
                clusters[cid] = (text, speaker, {doc})
        for cid in sorted(clusters):
            text, speaker, docs = clusters[cid]
            rows.append((f"quote:{cid}", "quote", text[:120], speaker, sorted(docs)))
    if len(figure_groups):
        for group, label, values, docs in zip(figure_groups["group"].tolist(), figure_groups["label"].tolist(),
                                              figure_groups["values"].tolist(), figure_groups["docs"].tolist()):
            rows.append((f"figure:{group}", "figure", f"{label}: {', '.join(values)}", "", docs))
    if len(figures):
        alone = figures[figures["group"] < 0]
        for fid, subject, kind, text, source, doc in zip(*(alone[c].tolist() for c in ("id", "subject", "kind", "text",
                                                                                         "source", "doc"))):
            rows.append((f"figure:{fid}", "figure", f"{subject or kind}: {text}", source, [doc]))
    if len(sources):
        cited: dict[str, set[str]] = defaultdict(set)
        for name, doc in zip(sources["name"].tolist(), sources["doc"].tolist()):
            cited[name].add(doc)
        for name in sorted(cited):
            rows.append((f"source:{name}", "source", name, "", sorted(cited[name])))
    claims = pd.DataFrame(rows, columns=["claim", "type", "label", "attributed_to", "docs"])
    claims["n_docs"] = claims["docs"].map(len)
    return claims
