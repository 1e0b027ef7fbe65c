"""Altair chart builders: pure functions from result tables to charts, plus offline export.

Every builder takes tables from :class:`analysis.model.Analysis` and a
mapping from document id to display name, and returns a chart with a title,
axis labels and tooltips. Colours come from the Okabe–Ito palette and
single-hue scales, which stay distinct for colour-blind readers. Charts
render to PNG, SVG and self-contained HTML with vl-convert, without a
browser or network.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import altair as alt
import pandas as pd

from .compare.relations import copy_claim
from .kinds import Relation

__all__ = [
    "OKABE_ITO",
    "chart_html",
    "chart_png",
    "chart_svg",
    "distinctive_terms_chart",
    "story_number",
    "figure_groups_chart",
    "figures_per_document",
    "quotes_per_document",
    "quote_is_shared",
    "quotes_per_speaker",
    "similarity_heatmap",
    "story_map",
    "topic_coverage_heatmap",
    "topic_labels",
    "topic_shares",
    "topic_sizes",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
_WIDTH = 640
_DISAGREE_COLOUR = "#B2182B"  # dark red: apart from every Okabe–Ito colour the points use
_RELATION_COLOURS = {Relation.VERBATIM: "#D55E00", Relation.SPUN: "#CC79A7", Relation.REWRITE: "#009E73",
                     Relation.SAME_STORY: "#56B4E9"}


# Beyond Okabe–Ito's eight, Tableau's twenty and two more: no two of the documents a chart draws (at most
# CHART_MAX_DOCS) share a colour.
_MORE_COLOURS = ["#4E79A7", "#A0CBE8", "#F28E2B", "#FFBE7D", "#59A14F", "#8CD17D", "#B6992D", "#F1CE63", "#499894",
                 "#86BCB6", "#E15759", "#FF9D9A", "#79706E", "#BAB0AC", "#D37295", "#FABFD2", "#B07AA1", "#D4A6C8",
                 "#9D7660", "#D7B5A6", "#6B6ECF", "#393B79"]


# Counts are whole: ticks at whole numbers, written without decimals ("2", not "2.0").
_COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")
# Amounts as news writes them: "0.1", "100", "10k", "100M" for 100 million, "1B"; SI's "100m" would be a
# thousandth, and "G" is no newsroom's billion.
_AMOUNT_LABEL = ("datum.value >= 1e9 ? format(datum.value / 1e9, '~g') + 'B' : datum.value >= 1e6 ? "
                 "format(datum.value / 1e6, '~g') + 'M' : datum.value >= 1e4 ? format(datum.value / 1e3, '~g') + 'k' : "
                 "format(datum.value, ',~g')")


def _category_scale(n: int) -> alt.Scale:
    palette = OKABE_ITO + _MORE_COLOURS
    return alt.Scale(range=palette * (n // len(palette) + 1))


def _document_order(names: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(names.values()))


def _wrapped(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, the last one ending in "…" if cut."""
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _unique_labels(labels: list[str]) -> list[str]:
    """Labels as given, with " (2)", " (3)" after a repeat, so no two things share an axis position."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


# Story map geometry, in pixels: a grid of story columns, each a stack of documents under a heading.
_STORY_COLUMNS = 2  # 540 px: fits beside the sidebar on a 1024 px screen
_COLUMN_PX = 270
_NODE_X = 40  # room on the left of each column for the curves of links that skip a document
_LINE_PX = 15
_NODE_GAP_PX = 50
_HEADING_PX = 34
_LABEL_CHARS = 30
_NODE_RADIUS = 9


def story_number(story_id: int) -> int:
    """The number a story goes by wherever it is shown: its place in the stories table (the largest first)."""
    return int(story_id) + 1


def story_map(documents: pd.DataFrame, stories: pd.DataFrame, copies: pd.DataFrame, similarity: pd.DataFrame,
              names: Mapping[str, str]) -> alt.LayerChart:
    """Stories as columns of their documents; an arrow from each copy to what it copies, and a dashed curve
    between documents found to tell the same story without copying."""
    shown = set(names) if not len(documents) else set(documents["id"])
    labels = stories["label"].fillna("").tolist() if "label" in stories else [""] * len(stories)
    ids = stories["id"].tolist() if "id" in stories else list(range(len(stories)))
    # A story keeps its number in every view (story_number): the map of a selection and the stories table agree.
    groups: list[tuple[list[str], str, int | None]] = [([d for d in docs if d in shown], label, story_number(k))
                                                       for docs, label, k in zip(stories["docs"], labels, ids)]
    groups = sorted((g for g in groups if len(g[0]) > 1), key=lambda g: len(g[0]), reverse=True)
    # Documents in no story with another are one block at the end, not a column each that reads like a story.
    alone = [docs[0] for docs in ([d for d in ds if d in shown] for ds in stories["docs"]) if len(docs) == 1]
    if alone:
        groups.append((alone, "", None))
    nodes: list[dict[str, object]] = []
    where: dict[str, tuple[float, float]] = {}
    headings: list[dict[str, object]] = []
    row_top = 0.0
    for row_start in range(0, len(groups), _STORY_COLUMNS):
        row_bottom = row_top
        row = groups[row_start : row_start + _STORY_COLUMNS]
        labelled = any(label and len(docs) > 1 for docs, label, _ in row)
        for col, (docs, label, number) in enumerate(row):
            x = col * _COLUMN_PX + _NODE_X
            text = (f"Story {number} · {len(docs)} documents" if number is not None
                    else f"In no story with another · {len(docs)} document{'s' if len(docs) > 1 else ''}")
            if label and len(docs) > 1:  # the names its documents share: what a reader calls the story
                text += "\n" + _wrapped(label, _LABEL_CHARS + 6, 1)[0]
            headings.append({"x": x - _NODE_RADIUS, "y": row_top + 12, "text": text})
            y = row_top + _HEADING_PX + _LINE_PX * labelled
            for d in _chain_order(docs, copies):
                lines = _wrapped(names.get(d, d), _LABEL_CHARS, 3)
                y += _LINE_PX * len(lines) / 2
                where[d] = (x, y)
                nodes.append({"doc": d, "document": names.get(d, d), "label": "\n".join(lines),
                              "story": f"Story {number}" if number is not None else "none", "x": x, "y": y})
                y += _LINE_PX * len(lines) / 2 + _NODE_GAP_PX
            row_bottom = max(row_bottom, y - _NODE_GAP_PX)
        row_top = row_bottom + 44  # clear of the last label of the row above
    nodes_df = pd.DataFrame(nodes, columns=["doc", "document", "label", "story", "x", "y"])
    if len(documents) and len(nodes_df):
        nodes_df = nodes_df.merge(documents[["id", "title", "words", "quotes", "figures"]].rename(columns={"id": "doc"}),
                                  on="doc", how="left")
    # Siblings (two outlets carrying one agency's copy, or retelling one interview) are linked without an arrow.
    links = [(str(r.doc), str(r.source), str(r.kind), copy_claim(r, names), str(r.evidence))
             for r in copies.itertuples(index=False)]
    derived = {(r.doc, r.source) for r in copies.itertuples(index=False) if getattr(r, "basis", "derived") == "derived"}
    copied = {frozenset(link[:2]) for link in links}
    links += [(a, b, Relation.SAME_STORY, f"{names.get(a, a)} and {names.get(b, b)} tell the same story", evidence)
              for a, b, relation, evidence in zip(*(similarity[c].tolist() for c in ("a", "b", "relation", "evidence")))
              if relation == Relation.SAME_STORY and frozenset((a, b)) not in copied]
    curves, heads = [], []
    for k, (a, b, relation, what, evidence) in enumerate(links):
        if a not in where or b not in where:
            continue
        (x1, y1), (x2, y2) = where[a], where[b]
        # A link between neighbours is straight; one that passes other documents bows out to the left of them.
        skipped = sum(1 for x, y in where.values() if x == x1 and min(y1, y2) < y < max(y1, y2))
        bow = 22 * skipped + (14 if relation == Relation.SAME_STORY else 0)
        mid = ((x1 + x2) / 2 - bow, (y1 + y2) / 2)
        for order, (px, py) in enumerate(((x1, y1), mid, (x2, y2))):
            curves.append({"link": k, "order": order, "x": px, "y": py, "relation": relation, "what": what, "evidence": evidence})
        if (a, b) in derived:  # an arrowhead at the source, pointing along the curve's last stretch
            dx, dy = x2 - mid[0], y2 - mid[1]
            length = math.hypot(dx, dy) or 1.0
            tip = _NODE_RADIUS + 5
            heads.append({"x": x2 - dx / length * tip, "y": y2 - dy / length * tip, "relation": relation, "what": what,
                          "evidence": evidence, "angle": math.degrees(math.atan2(dx, -dy)) % 360})
    width = _COLUMN_PX * _STORY_COLUMNS  # never narrower than its title and subtitle ("tory map" with one story)
    height = max(80, int(row_top))
    x_axis = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[0, width]))
    y_axis = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[0, height], reverse=True))
    present = [r for r in _RELATION_COLOURS if any(c["relation"] == r for c in curves)]
    relation_scale = alt.Scale(domain=present or list(_RELATION_COLOURS),
                               range=[_RELATION_COLOURS[r] for r in present or _RELATION_COLOURS])
    colour = alt.Color("relation:N", title="Link", scale=relation_scale,
                       legend=alt.Legend(orient="bottom", titleLimit=0, labelLimit=0) if present else None)
    link_tooltip = [alt.Tooltip("what:N", title="Link"), alt.Tooltip("evidence:N", title="Evidence")]
    layers = [
        alt.Chart(pd.DataFrame(curves, columns=["link", "order", "x", "y", "relation", "what", "evidence"]))
        .mark_line(interpolate="basis", strokeWidth=2.5).encode(
            x=x_axis, y=y_axis, detail="link:N", order="order:Q", color=colour, tooltip=link_tooltip,
            strokeDash=alt.condition(alt.datum.relation == str(Relation.SAME_STORY), alt.value([5, 4]), alt.value([1, 0])),
        ),
        alt.Chart(pd.DataFrame(heads, columns=["x", "y", "relation", "what", "evidence", "angle"]))
        .mark_point(shape="triangle", filled=True, size=110, opacity=1).encode(
            x=x_axis, y=y_axis, angle=alt.Angle("angle:Q", scale=None),
            color=alt.Color("relation:N", legend=None, scale=relation_scale), tooltip=link_tooltip,
        ),
    ]
    tooltip = [alt.Tooltip("document:N", title="Document"), alt.Tooltip("story:N", title="Story")]
    if "title" in nodes_df:
        tooltip += [alt.Tooltip("title:N", title="Title"), alt.Tooltip("words:Q", title="Words"),
                    alt.Tooltip("quotes:Q", title="Quotes"), alt.Tooltip("figures:Q", title="Figures")]
    layers += [
        alt.Chart(nodes_df).mark_circle(size=_NODE_RADIUS**2 * 3.2, color=OKABE_ITO[0], stroke="white", strokeWidth=1.5,
                                        opacity=1).encode(x=x_axis, y=y_axis, tooltip=tooltip),
        alt.Chart(nodes_df).mark_text(align="left", baseline="middle", dx=_NODE_RADIUS + 5, fontSize=12, lineHeight=_LINE_PX,
                                               lineBreak="\n")
        .encode(x=x_axis, y=y_axis, text="label:N", tooltip=tooltip),
        alt.Chart(pd.DataFrame(headings, columns=["x", "y", "text"])).mark_text(
            align="left", baseline="top", dy=-6, fontSize=12, fontWeight="bold", color="#555", lineHeight=_LINE_PX,
            lineBreak="\n").encode(x=x_axis, y=y_axis, text="text:N"),
    ]
    return alt.layer(*layers).properties(
        width=width, height=height,
        title=alt.Title("Story map", anchor="start",
                        subtitle="Documents telling one story stand in one column; an arrow points from a copy to what it copies"),
    ).configure_view(stroke=None)


def _chain_order(docs: list[str], copies: pd.DataFrame) -> list[str]:
    source_of = {d: s for d, s in zip(copies["doc"], copies["source"]) if d in docs and s in docs}
    ordered: list[str] = []

    def place(d: str) -> None:
        if d in ordered:
            return
        if d in source_of and source_of[d] not in ordered and source_of[d] != d:
            place(source_of[d])
        ordered.append(d)

    for d in docs:
        place(d)
    return ordered


# Heatmap cells: 30 px, smaller as rows and columns grow so that the plot stays within about 520 px.
_CELL_PX, _MIN_CELL_PX, _HEATMAP_PX = 30, 14, 520


def _cell(n: int) -> int:
    return max(_MIN_CELL_PX, min(_CELL_PX, _HEATMAP_PX // max(1, n)))


# A heatmap beside the sidebar on a 1024 px screen has about this many pixels: its row labels, then its cells (the
# legend goes below). Column labels stand upright once cells are too narrow for slanted ones not to overlap.
_FIT_PX, _ROW_LABEL_PX, _SLANTED_MIN_PX = 540, 160, 20


def _fitted_cell(columns: int) -> int:
    return max(12, min(_CELL_PX, (_FIT_PX - _ROW_LABEL_PX) // max(1, columns)))


def _column_axis(cell: int, title: str | None) -> alt.Axis:
    angle = -40 if cell >= _SLANTED_MIN_PX else -90
    return alt.Axis(labelAngle=angle, labelAlign="right", labelBaseline="middle" if angle == -90 else "alphabetic",
                    labelLimit=180, orient="bottom", title=title)


def similarity_heatmap(similarity: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Pairwise similarity of documents, both ways round, with the evidence in the tooltip."""
    cols = ["a", "b", "score", "relation", "evidence"]
    both = pd.concat([similarity[cols], similarity[cols].rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    both["document"] = both["a"].map(lambda d: names.get(d, d))
    both["other"] = both["b"].map(lambda d: names.get(d, d))
    order = [n for n in _document_order(names) if n in set(both["document"])]
    cell = _fitted_cell(len(order))
    return alt.Chart(both).mark_rect(stroke="white").encode(
        x=alt.X("other:N", sort=order, axis=_column_axis(cell, "Compared with")),
        y=alt.Y("document:N", title=None, sort=order, axis=alt.Axis(labelLimit=_ROW_LABEL_PX)),
        color=alt.Color("score:Q", title="Similarity", scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("other:N", title="Compared with"),
                 alt.Tooltip("score:Q", title="Similarity", format=".2f"), alt.Tooltip("relation:N", title="Relation"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=alt.Step(cell), height=alt.Step(cell),
                 title=alt.Title("How alike the documents are", anchor="start",
                                 subtitle=["From shared quotes and figures, aligned sentences", "and shared wording"]))


def topic_labels(topics: pd.DataFrame) -> dict[int, str]:
    """Each topic's label, made unique where two topics share one."""
    return dict(zip(topics["id"].astype(int), _unique_labels([str(x) for x in topics["label"]])))


CHART_MAX_TOPICS = 30  # columns of the topic heatmap that stay readable beside the documents' names


def topic_coverage_heatmap(coverage: pd.DataFrame, topics: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Share of each document's passages in each topic: the ``CHART_MAX_TOPICS`` topics these documents dwell on
    most, when there are more (the subtitle says so)."""
    shown = coverage.groupby("topic")["share"].sum().nlargest(CHART_MAX_TOPICS).index
    labels = {t: label for t, label in topic_labels(topics).items() if t in set(shown)}
    cut = coverage["topic"].nunique() > len(labels)
    coverage = coverage[coverage["topic"].isin(labels)]
    data = coverage.assign(topic_label=coverage["topic"].map(labels), document=coverage["doc"].map(lambda d: names.get(d, d)))
    order = [n for n in _document_order(names) if n in set(data["document"])]
    cell = _fitted_cell(len(labels))
    return alt.Chart(data).mark_rect(stroke="white").encode(
        x=alt.X("topic_label:N", sort=list(labels.values()), axis=_column_axis(cell, "Topic")),
        y=alt.Y("document:N", title=None, sort=order, axis=alt.Axis(labelLimit=_ROW_LABEL_PX)),
        color=alt.Color("share:Q", title="Share of passages", scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        legend=alt.Legend(format=".0%", orient="bottom")),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("topic_label:N", title="Topic"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(width=alt.Step(cell), height=alt.Step(_cell(len(order))), title=alt.Title(
        "What each document talks about", anchor="start",
        subtitle=f"Share of its passages in each topic{f' (the {len(labels)} topics these documents dwell on most)' if cut else ''}"))


def topic_sizes(topics: pd.DataFrame) -> alt.Chart:
    data = topics.assign(topic_label=topics["id"].map(topic_labels(topics)),
                         top_terms=topics["terms"].map(lambda t: ", ".join(list(t)[:8])))
    return alt.Chart(data).mark_bar(color=OKABE_ITO[0]).encode(
        x=alt.X("size:Q", title="Passages", axis=_COUNT_AXIS),
        y=alt.Y("topic_label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
        tooltip=[alt.Tooltip("topic_label:N", title="Topic"), alt.Tooltip("size:Q", title="Passages"),
                 alt.Tooltip("top_terms:N", title="Top terms")],
    ).properties(width=_WIDTH // 2, height=alt.Step(24), title=alt.Title("Topics by number of passages", anchor="start"))


def topic_shares(coverage: pd.DataFrame, topics: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Topic shares of a few documents side by side (for comparing documents)."""
    labels = topic_labels(topics)
    data = coverage.assign(topic_label=coverage["topic"].map(labels), document=coverage["doc"].map(lambda d: names.get(d, d)))
    order = _document_order(names)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("share:Q", title="Share of passages", axis=alt.Axis(format=".0%")),
        y=alt.Y("topic_label:N", title=None, sort=list(labels.values()), axis=alt.Axis(labelLimit=260)),
        yOffset=alt.YOffset("document:N", sort=order),
        color=alt.Color("document:N", title="Document", sort=order, scale=_category_scale(len(order)),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("topic_label:N", title="Topic"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    # A step per document's bar (with a band offset, Vega-Lite's step is the offset's): a fixed height collapsed to a
    # line when the page stretched the chart to its column.
    ).properties(width=_WIDTH - 160, height=alt.Step(16),
                 title=alt.Title("Topic shares", anchor="start"))


def distinctive_terms_chart(terms: pd.DataFrame, names: Mapping[str, str] | None = None, *, level: str = "outlet",
                            top: int = 8) -> alt.Chart:
    """The words each outlet (or document) uses more than the others, by weighted log-odds z-score.

    ``names`` turns document ids into names (a document without an outlet is its own group).
    """
    if level not in ("outlet", "document"):
        raise ValueError(f"level must be 'outlet' or 'document', not {level!r}")
    data = terms[(terms["level"] == level) & (terms["rank"] <= top)]
    data = data.assign(group=data["group"].map(lambda g: (names or {}).get(g, g)))
    return alt.Chart(data).mark_bar(color=OKABE_ITO[2]).encode(
        x=alt.X("z:Q", title="How distinctive (z-score)"),
        y=alt.Y("term:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("group:N", title=level.capitalize()), alt.Tooltip("term:N", title="Term"),
                 alt.Tooltip("z:Q", title="z-score", format=".2f"), alt.Tooltip("count:Q", title="Uses")],
    ).properties(width=170, height=18 * top).facet(
        facet=alt.Facet("group:N", title=None, header=alt.Header(labelLimit=220, labelFontWeight="bold")), columns=2,
    ).resolve_scale(y="independent").resolve_axis(x="independent").properties(  # no axis under an empty cell
        title=alt.Title(f"Distinctive words by {level}", anchor="start",
                        subtitle="Words used more here than in the rest of the corpus (weighted log-odds, as a z-score)"))


def quote_is_shared(quotes: pd.DataFrame) -> pd.Series:
    """For each quote, whether another of these documents carries the same quote (its match cluster)."""
    return quotes.groupby("cluster")["doc"].transform("nunique").gt(1)


def quotes_per_document(quotes: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Quotes per document, split into quotes other documents also carry and quotes only this one has."""
    data = quotes.assign(document=quotes["doc"].map(lambda d: names.get(d, d)), reuse=quote_is_shared(quotes).map({True: "also in another document", False: "only in this document"}))
    data = data.groupby(["document", "reuse"]).size().rename("quotes").reset_index()
    domain = ["also in another document", "only in this document"]
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("quotes:Q", title="Quotes", axis=_COUNT_AXIS),
        y=alt.Y("document:N", title=None, sort=_document_order(names), axis=alt.Axis(labelLimit=260)),
        color=alt.Color("reuse:N", title="Quote", scale=alt.Scale(domain=domain, range=[OKABE_ITO[1], OKABE_ITO[0]]),
                        legend=alt.Legend(orient="bottom", labelLimit=0)),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("reuse:N", title="Quote"),
                 alt.Tooltip("quotes:Q", title="Quotes")],
    ).properties(width=_WIDTH // 2 + 80, height=alt.Step(26), title=alt.Title("Quotes per document", anchor="start"))


def quotes_per_speaker(quotes: pd.DataFrame, names: Mapping[str, str], *, top: int = 15) -> alt.Chart:
    """The most quoted speakers, with each document's share of their quotes."""
    named = quotes[quotes["speaker"] != ""]
    leaders = named["speaker"].value_counts().head(top).index.tolist()
    data = named[named["speaker"].isin(leaders)].assign(document=lambda d: d["doc"].map(lambda x: names.get(x, x)))
    data = data.groupby(["speaker", "document"]).size().rename("quotes").reset_index()
    order = _document_order(names)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("quotes:Q", title="Quotes", axis=_COUNT_AXIS),
        y=alt.Y("speaker:N", title=None, sort=leaders, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("document:N", title="Document", sort=order, scale=_category_scale(len(order)),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("document:N", title="Document"),
                 alt.Tooltip("quotes:Q", title="Quotes")],
    ).properties(width=_WIDTH // 2 + 80, height=alt.Step(24), title=alt.Title(f"Most quoted speakers (top {top})", anchor="start"))


def figures_per_document(figures: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    data = figures.assign(document=figures["doc"].map(lambda d: names.get(d, d)))
    data = data.groupby(["document", "kind"]).size().rename("figures").reset_index()
    kinds = sorted(data["kind"].unique())
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("figures:Q", title="Figures", axis=_COUNT_AXIS),
        y=alt.Y("document:N", title=None, sort=_document_order(names), axis=alt.Axis(labelLimit=260)),
        color=alt.Color("kind:N", title="Kind", scale=alt.Scale(domain=kinds, range=OKABE_ITO[: len(kinds)] or OKABE_ITO),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("figures:Q", title="Figures")],
    ).properties(width=_WIDTH // 2 + 80, height=alt.Step(26), title=alt.Title("Figures per document", anchor="start"))


FIGURE_GROUPS_SHOWN = 20  # rows of the same-figure chart: the groups that disagree first, then the most reported


def figure_groups_chart(figures: pd.DataFrame, figure_groups: pd.DataFrame, names: Mapping[str, str]) -> alt.LayerChart:
    """Each figure group's values by document, for the :data:`FIGURE_GROUPS_SHOWN` groups that disagree or are the
    most reported; a line spans the values of groups that disagree. Its height grows with the groups and documents it
    draws, never with the corpus."""
    shown = figure_groups.assign(_n=figure_groups["docs"].map(len)).sort_values(
        ["disagree", "_n"], ascending=False, kind="stable").head(FIGURE_GROUPS_SHOWN)
    more = len(figure_groups) - len(shown)
    figure_groups = figure_groups[figure_groups["group"].isin(shown["group"])]
    labels = _unique_labels([f"{label} (disagree)" if d else str(label)
                             for label, d in zip(figure_groups["label"], figure_groups["disagree"])])
    group_label = dict(zip(figure_groups["group"].astype(int), labels))
    members = {f for ids in figure_groups["figures"] for f in ids}
    data = figures[figures["id"].isin(members)].assign(
        group_label=lambda d: d["group"].map(group_label), document=lambda d: d["doc"].map(lambda x: names.get(x, x)),
        high=lambda d: d["high"].astype(float),
    )[["group_label", "document", "text", "value", "high", "qualifier", "subject", "source"]]
    data = data[data["value"] > 0]  # a log scale has no zero
    spans = data.groupby("group_label").agg(low=("value", "min"), top=("value", "max")).reset_index()
    spans = spans[spans["group_label"].str.endswith("(disagree)")]
    order = list(group_label.values())
    docs = [d for d in _document_order(names) if d in set(data["document"])]  # the documents drawn, not the corpus
    # Ticks at powers of ten only: a log axis labels 2, 3, … 9 between them too, and those overlap.
    low, top = (data["value"].min(), data["value"].max()) if len(data) else (1.0, 10.0)
    ticks = [10.0**k for k in range(math.floor(math.log10(low)), math.ceil(math.log10(top)) + 1)]
    x_scale = alt.Scale(type="log", domain=[ticks[0], ticks[-1]])
    x_axis = alt.Axis(values=ticks, grid=True, labelExpr=_AMOUNT_LABEL)
    y = alt.Y("group_label:N", title=None, sort=order, axis=alt.Axis(labelLimit=260))
    rule = alt.Chart(spans).mark_rule(color=_DISAGREE_COLOUR, strokeWidth=2).encode(
        x=alt.X("low:Q", scale=x_scale, axis=x_axis), x2="top:Q", y=y,
        tooltip=[alt.Tooltip("group_label:N", title="Group"), alt.Tooltip("low:Q", title="Lowest", format=","),
                 alt.Tooltip("top:Q", title="Highest", format=",")],
    )
    points = alt.Chart(data).mark_circle(size=110, opacity=0.9).encode(
        x=alt.X("value:Q", title="Value (log scale)", scale=x_scale, axis=x_axis),
        y=y,
        color=alt.Color("document:N", title="Document", sort=docs, scale=_category_scale(len(docs)),
                        legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0)),
        yOffset=alt.YOffset("document:N", sort=docs),  # outlets reporting the same value stay visible
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("text:N", title="As written"),
                 alt.Tooltip("value:Q", title="Value", format=","), alt.Tooltip("qualifier:N", title="Qualifier"),
                 alt.Tooltip("subject:N", title="Counts"), alt.Tooltip("source:N", title="Source")],
    )
    # A row holds a slot per document (yOffset): a few pixels each once many documents report one figure.
    subtitle = ["A dark red line spans the values of a group whose documents disagree"]
    if more > 0:
        subtitle.append(f"The {len(order)} groups that disagree or are the most reported; {more} more in the table")
    return (rule + points).properties(
        width=_WIDTH - 120, height=max(80, len(order) * min(120, max(30, 12 * len(docs)))),
        title=alt.Title("The same figure across documents", anchor="start", subtitle=subtitle),
    )


def chart_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(chart.to_dict(), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(chart.to_dict())


def chart_html(chart: alt.TopLevelMixin) -> str:
    """A standalone HTML page with the chart and its JavaScript inlined (works offline)."""
    import vl_convert as vlc

    return vlc.vegalite_to_html(chart.to_dict(), bundle=True)

