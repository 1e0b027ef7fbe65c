"""HTML output: a document's text with its findings marked, and a self-contained report.

Everything taken from an article (text, titles, metadata) is escaped, so a
hostile document cannot add markup or scripts to the page showing it.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import pandas as pd

from . import charts
from .charts import OKABE_ITO
from .compare.relations import copy_claim
from .compare.words import changed_words
from .model import Analysis
from .quotes import how_in_words

__all__ = ["ARTICLE_CSS", "Mark", "annotated_html", "build_report", "copy_claim", "diff_html", "disagreement_html",
           "document_marks", "evidence_html", "speaker_colours"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of text to mark: a CSS class, a tooltip, and an optional background colour."""

    start: int
    end: int
    kind: str
    title: str = ""
    colour: str = ""


def speaker_colours(speakers: list[str]) -> dict[str, str]:
    """A light tint per speaker, cycling through the Okabe–Ito palette (unnamed speakers get grey)."""
    tints = [c + "40" for c in OKABE_ITO[:-1]]  # 25% alpha keeps black text readable
    colours = {"": "#99999940"}
    for i, name in enumerate(dict.fromkeys(s for s in speakers if s)):
        colours[name] = tints[i % len(tints)]
    return colours


def annotated_html(text: str, marks: list[Mark], *, focus: tuple[int, int] | None = None) -> str:
    """``text`` as HTML paragraphs with ``marks`` wrapped in spans.

    Marks may nest or overlap: the text is cut at every mark boundary and each
    piece is wrapped in the marks that cover it. ``focus`` outlines one span
    (the finding a user came from) with a highlight that runs on across the marks inside it, and gives its first piece
    the anchor ``#selected-finding``.
    """
    all_marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    if focus is not None:
        all_marks.append(Mark(focus[0], focus[1], "focus"))
    cuts = {0, len(text)}
    for m in all_marks:
        cuts.update((m.start, m.end))
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.update((i, i + 1))
    bounds = sorted(cuts)
    out = ['<div class="article"><p>']
    focus_open = False
    # A sweep over the cuts keeps the marks covering the current piece: linear in text and marks.
    by_start = sorted(range(len(all_marks)), key=lambda i: all_marks[i].start)
    covering: dict[int, Mark] = {}
    next_mark = 0
    for a, b in zip(bounds, bounds[1:]):
        while next_mark < len(by_start) and all_marks[by_start[next_mark]].start <= a:
            covering[by_start[next_mark]] = all_marks[by_start[next_mark]]
            next_mark += 1
        for i in [i for i, m in covering.items() if m.end <= a]:
            del covering[i]
        piece = text[a:b]
        if piece == "\n":
            if b < len(text) and text[b] == "\n" or a > 0 and text[a - 1] == "\n":
                out.append("</p><p>")
            else:
                out.append("<br>")
            continue
        chunk = html.escape(piece)
        for _, m in sorted(covering.items(), key=lambda im: (im[1].end - im[1].start, im[0])):
            if m.kind == "focus":
                anchor = "" if focus_open else ' id="selected-finding"'  # not "focus": HTML sanitizers drop ids that shadow document properties
                focus_open = True
                chunk = f'<span class="focus"{anchor}>{chunk}</span>'
                continue
            style = f' style="background:{m.colour}"' if m.colour else ""
            title = f' title="{html.escape(m.title)}"' if m.title else ""
            chunk = f'<span class="{m.kind}"{style}{title}>{chunk}</span>'
        out.append(chunk)
    out.append("</p></div>")
    return "".join(out).replace("<p></p>", "")


ARTICLE_CSS = """
.article p { margin: 0 0 0.8em 0; line-height: 1.6; }
.article .quote { border-radius: 3px; padding: 0 1px; }
.article .figure { border-bottom: 2px solid #D55E00; font-weight: 600; }
.article .furniture { color: #767676; font-style: italic; }
.article .focus { background-color: #FFD54F; box-shadow: 0 0 0 2px #FFD54F; border-radius: 2px; }
"""


def diff_html(diff: str) -> str:
    """A word diff written ``[-old-] {+new+}`` as HTML with <del> and <ins>."""
    out = html.escape(diff)
    out = out.replace("[-", "<del>").replace("-]", "</del>").replace("{+", "<ins>").replace("+}", "</ins>")
    return out


def _marked_words(words: list[str], changed: set[int], tag: str) -> str:
    return " ".join(f"<{tag}>{html.escape(w)}</{tag}>" if k in changed else html.escape(w) for k, w in enumerate(words))


def evidence_html(sentences: list, copy_text: str, source_text: str, *, copy_name: str, source_name: str,
                  limit: int = 40) -> str:
    """A copy's evidence side by side: each sentence of the copy that lines up with one of its source (a copies
    row's ``sentences``), the copy's own words marked as inserted, the source's words it left out as deleted."""
    rows = []
    for copy_start, copy_end, source_start, source_end, score in list(sentences)[:limit]:
        a = source_text[int(source_start) : int(source_end)].split()
        b = copy_text[int(copy_start) : int(copy_end)].split()
        only_a, only_b = changed_words(a, b)
        rows.append(f"<tr><td>{_marked_words(b, only_b, 'ins')}</td><td>{_marked_words(a, only_a, 'del')}</td>"
                    f"<td style='text-align:right'>{score:.0f}</td></tr>")
    more = f"<p><em>First {limit} of {len(sentences)} sentences.</em></p>" if len(sentences) > limit else ""
    return ("<table class='evidence' style='width:100%;border-collapse:collapse'><thead><tr>"
            f"<th style='text-align:left'>{html.escape(copy_name)}</th><th style='text-align:left'>"
            f"{html.escape(source_name)}</th><th title='How alike the two sentences are, 0 to 100'>Alike</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def disagreement_html(first: pd.Series, second: pd.Series, texts: Mapping[str, str], names: Mapping[str, str],
                      why: str) -> str:
    """Two figures that disagree, each in its sentence with the number marked, and why they were compared."""
    cells = []
    for f in (first, second):
        text = texts[f["doc"]]
        s0, s1, a, b = (int(f[c]) for c in ("sentence_start", "sentence_end", "start", "end"))
        sentence = (html.escape(text[s0:a]) + f"<mark>{html.escape(text[a:b])}</mark>" + html.escape(text[b:s1]))
        cells.append(f"<td><strong>{html.escape(names.get(f['doc'], f['doc']))}</strong><br>{sentence}</td>")
    return (f"<table style='width:100%;border-collapse:collapse'><tr>{''.join(cells)}</tr></table>"
            f"<p style='color:#555'>Compared because {html.escape(why)}.</p>")


def _table(df: pd.DataFrame, columns: list[str], *, limit: int = 500) -> str:
    if df.empty:
        return "<p><em>None in the selected documents.</em></p>"
    shown = df[[c for c in columns if c in df.columns]].head(limit).copy()
    for col in shown.columns:
        shown[col] = shown[col].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    shown.columns = [_HEADERS.get(c, c.replace("_", " ").capitalize()) for c in shown.columns]
    more = f"<p><em>First {limit} of {len(df)} rows.</em></p>" if len(df) > limit else ""
    return shown.to_html(index=False, escape=True, border=0, classes="table", na_rep="") + more


# Column headers as the dashboard shows them; any other column is written out in words ("main_topic" → "Main topic").
_HEADERS = {"name": "Document", "main_topic_label": "Main topic", "how": "Attributed by", "text": "As written",
            "high": "Up to", "subject": "Counts", "docs": "Documents", "of": "Copy of", "count": "Times cited",
            "terms": "Top terms", "size": "Passages", "label": "About"}


def build_report(result: Analysis, *, title: str = "News coverage report", note: str = "") -> str:
    """One self-contained HTML page: summary, charts (inline SVG) and tables of ``result``."""
    docs = result.documents
    names = dict(zip(docs["id"], docs["name"]))
    # Per-document charts draw the most involved documents, as the dashboard does: a report's size must not grow
    # with the corpus (300 articles once made a 41 MB page, most of it charts tens of thousands of pixels tall).
    charted = result.most_involved()
    quotes = result.quotes.assign(document=result.quotes["doc"].map(names))
    figures = result.figures.assign(document=result.figures["doc"].map(names))
    copies = result.copies.assign(copy=result.copies["doc"].map(names), of=result.copies["source"].map(names))
    sections: list[tuple[str, list[str]]] = []

    def chart(builder, *args) -> str:
        # A PNG drawn by vl-convert, not inline SVG: SVG text is drawn in the reader's fonts, and a font wider than
        # the one vl-convert measured with runs past the chart's edge and is cut.
        try:
            figure = builder(*args)
            png = charts.chart_png(figure, scale=2)
        except Exception as exc:  # one chart that cannot render must not lose the whole report
            return f"<p><em>Chart not available: {html.escape(str(exc))}</em></p>"
        width = int.from_bytes(png[16:20], "big") // 2  # the PNG header's width, drawn at twice the size
        title = getattr(figure, "title", "")
        title = html.escape(str(getattr(title, "text", title) or "chart"), quote=True)
        return f'<figure><img alt="{title}" width="{width}" src="data:image/png;base64,{base64.b64encode(png).decode()}"></figure>'

    topic_label = charts.topic_labels(result.topics) if len(result.topics) else {}
    overview = [_table(docs, ["name", "outlet", "title", "author", "date", "words", "quotes", "figures", "main_topic_label"])]
    if len(charted.documents) < len(docs):
        overview.append(f"<p><em>Charts show the {len(charted.documents)} most involved of {len(docs)} documents (copies "
                        "first, then the most quotes and figures); the tables list the rest.</em></p>")
    if len(result.stories):
        overview.append(chart(charts.story_map, charted.documents, charted.stories, charted.copies, charted.similarity,
                              names))
    overview.append(_table(copies, ["copy", "of", "kind", "confidence", "evidence"]))
    sections.append(("Documents and who copied whom", overview))
    topics = []
    if len(result.topics) and len(result.coverage):
        topics.append(chart(charts.topic_coverage_heatmap, charted.coverage, charted.topics, names))
    topics.append(_table(result.topics.assign(topic=result.topics["id"].map(topic_label),
                                              terms=result.topics["terms"].map(lambda t: ", ".join(list(t)[:10]))),
                         ["topic", "terms", "size"]))
    sections.append(("Topics", topics))
    quote_parts = []
    if len(quotes):
        quote_parts.append(chart(charts.quotes_per_document, charted.quotes, names))
    quote_parts.append(_table(quotes.assign(how=how_in_words(quotes["how"]),
                                            quote=quotes["text"]), ["document", "speaker", "quote", "how", "verb"]))
    sections.append(("Quotes", quote_parts))
    figure_parts = []
    if len(result.figure_groups):
        figure_parts.append(chart(charts.figure_groups_chart, result.figures, result.figure_groups, names))
        disagree = result.figure_groups[result.figure_groups["disagree"]]
        figure_parts.append("<h3>Figures that disagree across documents</h3>" + _table(
            disagree.assign(docs=disagree["docs"].map(lambda ds: [names.get(d, d) for d in ds])), ["label", "values", "docs"]))
    figure_parts.append(_table(figures, ["document", "text", "value", "high", "unit", "qualifier", "kind", "subject", "source"]))
    sections.append(("Figures", figure_parts))
    sources = result.sources.assign(document=result.sources["doc"].map(names))
    sections.append(("Sources cited", [_table(sources, ["document", "name", "kind", "count"])]))

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = "".join(f"<section><h2>{html.escape(h)}</h2>{''.join(parts)}</section>" for h, parts in sections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0 1.5em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} figure {{ margin: 1em 0; overflow-x: auto; }}
</style></head><body>
<h1>{html.escape(title)}</h1>
<p>{len(docs)} documents, {len(result.quotes)} quotes, {len(result.figures)} figures. Generated {stamp}.
{html.escape(note)}</p>
{body}
</body></html>"""


def document_marks(result: Analysis, doc_id: str, colours: Mapping[str, str]) -> list[Mark]:
    """Quotes (tinted by speaker), figures and page furniture of one document, as marks."""
    marks = []
    furniture = result.furniture[result.furniture["doc"] == doc_id]
    for start, end, kind in zip(*(furniture[c].tolist() for c in ("start", "end", "kind"))):
        marks.append(Mark(int(start), int(end), "furniture", f"Page furniture ({kind}): left out of the analysis"))
    quotes = result.quotes[result.quotes["doc"] == doc_id]
    for start, end, speaker in zip(*(quotes[c].tolist() for c in ("start", "end", "speaker"))):
        who = speaker or "speaker not found"
        marks.append(Mark(int(start), int(end), "quote", f"Quote: {who}", colours.get(speaker, colours.get("", ""))))
    figures = result.figures[result.figures["doc"] == doc_id]
    for start, end, qualifier, text, subject, source in zip(
            *(figures[c].tolist() for c in ("start", "end", "qualifier", "text", "subject", "source"))):
        what = " ".join(x for x in (qualifier, text, subject) if x)
        marks.append(Mark(int(start), int(end), "figure", f"Figure: {what}" + (f" (source: {source})" if source else "")))
    return marks
