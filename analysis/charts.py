"""Altair chart builders: pure functions from result tables to charts, plus offline export.

Every builder takes tables from :class:`analysis.pipeline.Analysis` and a
mapping from document id to display name, and returns a chart with a title,
axis labels and tooltips. Colours come from the Okabe–Ito palette and
single-hue scales, which stay distinct for colour-blind readers. Charts
render to PNG, SVG and self-contained HTML with vl-convert, without a
browser or network.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

__all__ = [
    "OKABE_ITO",
    "chart_html",
    "chart_png",
    "chart_svg",
    "distinctive_terms_chart",
    "figure_groups_chart",
    "figures_per_document",
    "quotes_per_document",
    "quote_is_shared",
    "quotes_per_speaker",
    "similarity_heatmap",
    "story_map",
    "topic_coverage_heatmap",
    "topic_shares",
    "topic_sizes",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable under the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
_WIDTH = 640
_RELATION_COLOURS = {"verbatim": "#D55E00", "spun": "#CC79A7", "rewrite": "#E69F00", "same story": "#56B4E9"}


def _category_scale(n: int) -> alt.Scale:
    return alt.Scale(range=OKABE_ITO * (n // len(OKABE_ITO) + 1))


def _document_order(names: Mapping[str, str]) -> list[str]:
    return list(dict.fromkeys(names.values()))


def _doc_row_height(n: int) -> int:
    return max(60, 26 * n)


def story_map(documents: pd.DataFrame, stories: pd.DataFrame, copies: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Documents as points in one column per story; arrows from each copy to what it copies."""
    story_of: dict[str, int] = {}
    for sid, docs in zip(stories["id"], stories["docs"]):
        for d in docs:
            story_of[d] = int(sid)
    rows = []
    for pos, (sid, docs) in enumerate(zip(stories["id"], stories["docs"])):
        # Copies sit right under their source so that arrows stay short.
        ordered = _chain_order(list(docs), copies)
        for rank, d in enumerate(ordered):
            rows.append({"doc": d, "document": names.get(d, d), "story": f"Story {pos + 1}", "x": pos, "y": rank, "sid": sid})
    nodes = pd.DataFrame(rows, columns=["doc", "document", "story", "x", "y", "sid"])
    if len(documents):
        nodes = nodes.merge(documents[["id", "title", "words", "quotes", "figures"]].rename(columns={"id": "doc"}), on="doc", how="left")
    where = {r.doc: (r.x, r.y) for r in nodes.itertuples()}
    edges = []
    for r in copies.itertuples(index=False):
        if r.doc in where and r.source in where:
            (x, y), (x2, y2) = where[r.doc], where[r.source]
            edges.append({"x": x, "y": y, "x2": x2, "y2": y2, "relation": r.kind,
                          "what": f"{names.get(r.doc, r.doc)} is a {r.kind} copy of {names.get(r.source, r.source)}",
                          "evidence": r.evidence})
    edges_df = pd.DataFrame(edges, columns=["x", "y", "x2", "y2", "relation", "what", "evidence"])
    n_stories = max(1, len(stories))
    height = max(120, 70 * (int(nodes["y"].max()) + 1 if len(nodes) else 1))
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-0.5, n_stories - 0.5]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-0.6, max(1, int(nodes["y"].max()) if len(nodes) else 1) + 0.6], reverse=True))
    relations = list(_RELATION_COLOURS)
    links = alt.Chart(edges_df).mark_rule(strokeWidth=3).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        color=alt.Color("relation:N", title="Copy relation", scale=alt.Scale(domain=relations, range=list(_RELATION_COLOURS.values()))),
        strokeDash=alt.StrokeDash("relation:N", legend=None, scale=alt.Scale(domain=relations, range=[[1, 0], [6, 3], [2, 2], [1, 3]])),
        tooltip=[alt.Tooltip("what:N", title="Relation"), alt.Tooltip("evidence:N", title="Evidence")],
    )
    tooltip = [alt.Tooltip("document:N", title="Document"), alt.Tooltip("story:N", title="Story")]
    if "title" in nodes:
        tooltip += [alt.Tooltip("title:N", title="Title"), alt.Tooltip("words:Q", title="Words"),
                    alt.Tooltip("quotes:Q", title="Quotes"), alt.Tooltip("figures:Q", title="Figures")]
    points = alt.Chart(nodes).mark_circle(size=260, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y, color=alt.Color("story:N", title="Story", scale=_category_scale(n_stories)), tooltip=tooltip,
    )
    labels = alt.Chart(nodes).mark_text(align="left", dx=12, fontSize=12, limit=_WIDTH // n_stories - 20).encode(
        x=x, y=y, text="document:N", tooltip=tooltip,
    )
    return (links + points + labels).properties(
        width=_WIDTH, height=height,
        title=alt.Title("Story map", subtitle="One column per story; lines join a copy to the article it copies"),
    ).resolve_scale(color="independent")


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


def similarity_heatmap(similarity: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Pairwise similarity of documents, both ways round, with the evidence in the tooltip."""
    cols = ["a", "b", "score", "relation", "evidence"]
    both = pd.concat([similarity[cols], similarity[cols].rename(columns={"a": "b", "b": "a"})], ignore_index=True)
    both["document"] = both["a"].map(lambda d: names.get(d, d))
    both["other"] = both["b"].map(lambda d: names.get(d, d))
    order = _document_order(names)
    return alt.Chart(both).mark_rect(stroke="white").encode(
        x=alt.X("other:N", title="Compared with", sort=order, axis=alt.Axis(labelAngle=-30, labelLimit=160)),
        y=alt.Y("document:N", title="Document", sort=order, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("score:Q", title="Similarity", scale=alt.Scale(scheme="blues", domain=[0, 1])),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("other:N", title="Compared with"),
                 alt.Tooltip("score:Q", title="Similarity", format=".2f"), alt.Tooltip("relation:N", title="Relation"),
                 alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(width=_WIDTH // 2 + 80, height=_doc_row_height(len(order)),
                 title=alt.Title("How alike the documents are", subtitle="Shared quotes and figures, aligned sentences, shared wording"))


def _topic_labels(topics: pd.DataFrame) -> dict[int, str]:
    return {int(t): f"{int(t)}: {label}" for t, label in zip(topics["id"], topics["label"])}


def topic_coverage_heatmap(coverage: pd.DataFrame, topics: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Share of each document's passages in each topic."""
    labels = _topic_labels(topics)
    data = coverage.assign(topic_label=coverage["topic"].map(labels), document=coverage["doc"].map(lambda d: names.get(d, d)))
    return alt.Chart(data).mark_rect(stroke="white").encode(
        x=alt.X("topic_label:N", title="Topic", sort=list(labels.values()), axis=alt.Axis(labelAngle=-30, labelLimit=180)),
        y=alt.Y("document:N", title="Document", sort=_document_order(names), axis=alt.Axis(labelLimit=200)),
        color=alt.Color("share:Q", title="Share of passages", scale=alt.Scale(scheme="blues", domain=[0, 1]),
                        legend=alt.Legend(format=".0%")),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("topic_label:N", title="Topic"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(width=_WIDTH, height=_doc_row_height(len(names)),
                 title=alt.Title("What each document talks about", subtitle="Share of its passages in each topic"))


def topic_sizes(topics: pd.DataFrame) -> alt.Chart:
    data = topics.assign(topic_label=topics["id"].map(_topic_labels(topics)),
                         top_terms=topics["terms"].map(lambda t: ", ".join(list(t)[:8])))
    return alt.Chart(data).mark_bar(color=OKABE_ITO[0]).encode(
        x=alt.X("size:Q", title="Passages"),
        y=alt.Y("topic_label:N", title="Topic", sort="-x", axis=alt.Axis(labelLimit=220)),
        tooltip=[alt.Tooltip("topic_label:N", title="Topic"), alt.Tooltip("size:Q", title="Passages"),
                 alt.Tooltip("top_terms:N", title="Top terms")],
    ).properties(width=_WIDTH // 2, height=max(80, 22 * len(data)), title="Topics by number of passages")


def topic_shares(coverage: pd.DataFrame, topics: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Topic shares of a few documents side by side (for comparing documents)."""
    labels = _topic_labels(topics)
    data = coverage.assign(topic_label=coverage["topic"].map(labels), document=coverage["doc"].map(lambda d: names.get(d, d)))
    order = _document_order(names)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("share:Q", title="Share of passages", axis=alt.Axis(format=".0%")),
        y=alt.Y("topic_label:N", title="Topic", sort=list(labels.values()), axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("document:N", sort=order),
        color=alt.Color("document:N", title="Document", sort=order, scale=_category_scale(len(order))),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("topic_label:N", title="Topic"),
                 alt.Tooltip("share:Q", title="Share", format=".0%")],
    ).properties(width=_WIDTH // 2 + 80, height=max(100, 16 * len(data) + 20), title="Topic shares")


def distinctive_terms_chart(terms: pd.DataFrame, *, level: str = "outlet", top: int = 8) -> alt.Chart:
    """The words each outlet (or document) uses more than the others, by log-odds z-score."""
    if level not in ("outlet", "document"):
        raise ValueError(f"level must be 'outlet' or 'document', not {level!r}")
    data = terms[(terms["level"] == level) & (terms["rank"] <= top)]
    return alt.Chart(data).mark_bar(color=OKABE_ITO[2]).encode(
        x=alt.X("z:Q", title="Log-odds z-score"),
        y=alt.Y("term:N", title=None, sort="-x"),
        tooltip=[alt.Tooltip("group:N", title=level.capitalize()), alt.Tooltip("term:N", title="Term"),
                 alt.Tooltip("z:Q", title="z-score", format=".2f"), alt.Tooltip("count:Q", title="Uses")],
    ).properties(width=180, height=18 * top).facet(
        facet=alt.Facet("group:N", title=None, header=alt.Header(labelLimit=200, labelFontWeight="bold")), columns=3,
    ).resolve_scale(y="independent").properties(
        title=alt.Title(f"Distinctive words by {level}", subtitle="Used more here than in the rest of the corpus"))


def quote_is_shared(quotes: pd.DataFrame) -> pd.Series:
    """For each quote, whether another of these documents carries the same quote (its match cluster)."""
    return quotes.groupby("cluster")["doc"].transform("nunique").gt(1)


def quotes_per_document(quotes: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Quotes per document, split into quotes other documents also carry and quotes only this one has."""
    data = quotes.assign(document=quotes["doc"].map(lambda d: names.get(d, d)), reuse=quote_is_shared(quotes).map({True: "also in another document", False: "only in this document"}))
    data = data.groupby(["document", "reuse"]).size().rename("quotes").reset_index()
    domain = ["also in another document", "only in this document"]
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("quotes:Q", title="Quotes"),
        y=alt.Y("document:N", title="Document", sort=_document_order(names), axis=alt.Axis(labelLimit=200)),
        color=alt.Color("reuse:N", title="Quote", scale=alt.Scale(domain=domain, range=[OKABE_ITO[1], OKABE_ITO[0]])),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("reuse:N", title="Quote"),
                 alt.Tooltip("quotes:Q", title="Quotes")],
    ).properties(width=_WIDTH // 2 + 80, height=_doc_row_height(data["document"].nunique()), title="Quotes per document")


def quotes_per_speaker(quotes: pd.DataFrame, names: Mapping[str, str], *, top: int = 15) -> alt.Chart:
    """The most quoted speakers, with each document's share of their quotes."""
    named = quotes[quotes["speaker"] != ""]
    leaders = named["speaker"].value_counts().head(top).index.tolist()
    data = named[named["speaker"].isin(leaders)].assign(document=lambda d: d["doc"].map(lambda x: names.get(x, x)))
    data = data.groupby(["speaker", "document"]).size().rename("quotes").reset_index()
    order = _document_order(names)
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("quotes:Q", title="Quotes"),
        y=alt.Y("speaker:N", title="Speaker", sort=leaders, axis=alt.Axis(labelLimit=220)),
        color=alt.Color("document:N", title="Document", sort=order, scale=_category_scale(len(order))),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("document:N", title="Document"),
                 alt.Tooltip("quotes:Q", title="Quotes")],
    ).properties(width=_WIDTH // 2 + 80, height=max(80, 24 * len(leaders)), title=f"Most quoted speakers (top {top})")


def figures_per_document(figures: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    data = figures.assign(document=figures["doc"].map(lambda d: names.get(d, d)))
    data = data.groupby(["document", "kind"]).size().rename("figures").reset_index()
    kinds = sorted(data["kind"].unique())
    return alt.Chart(data).mark_bar().encode(
        x=alt.X("figures:Q", title="Figures"),
        y=alt.Y("document:N", title="Document", sort=_document_order(names), axis=alt.Axis(labelLimit=200)),
        color=alt.Color("kind:N", title="Kind", scale=alt.Scale(domain=kinds, range=OKABE_ITO[: len(kinds)] or OKABE_ITO)),
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("figures:Q", title="Figures")],
    ).properties(width=_WIDTH // 2 + 80, height=_doc_row_height(data["document"].nunique()), title="Figures per document")


def figure_groups_chart(figures: pd.DataFrame, figure_groups: pd.DataFrame, names: Mapping[str, str]) -> alt.Chart:
    """Each figure group's values by document; a line spans the values of groups that disagree."""
    group_label = {int(g): f"{int(g)}: {label}" + (" (disagree)" if d else "")
                   for g, label, d in zip(figure_groups["group"], figure_groups["label"], figure_groups["disagree"])}
    members = {f for ids in figure_groups["figures"] for f in ids}
    data = figures[figures["id"].isin(members)].assign(
        group_label=lambda d: d["group"].map(group_label), document=lambda d: d["doc"].map(lambda x: names.get(x, x)),
        high=lambda d: d["high"].astype(float),
    )[["group_label", "document", "text", "value", "high", "qualifier", "subject", "source"]]
    data = data[data["value"] > 0]  # a log scale has no zero
    spans = data.groupby("group_label").agg(low=("value", "min"), top=("value", "max")).reset_index()
    spans = spans[spans["group_label"].str.endswith("(disagree)")]
    order = list(group_label.values())
    docs = _document_order(names)
    x_scale = alt.Scale(type="log")
    y = alt.Y("group_label:N", title="Figure group", sort=order, axis=alt.Axis(labelLimit=240))
    rule = alt.Chart(spans).mark_rule(color=OKABE_ITO[5], strokeWidth=2).encode(
        x=alt.X("low:Q", scale=x_scale), x2="top:Q", y=y,
        tooltip=[alt.Tooltip("group_label:N", title="Group"), alt.Tooltip("low:Q", title="Lowest", format=","),
                 alt.Tooltip("top:Q", title="Highest", format=",")],
    )
    points = alt.Chart(data).mark_circle(size=110, opacity=0.9).encode(
        x=alt.X("value:Q", title="Value (log scale)", scale=x_scale),
        y=y,
        color=alt.Color("document:N", title="Document", sort=docs, scale=_category_scale(len(docs))),
        yOffset=alt.YOffset("document:N", sort=docs),  # outlets reporting the same value stay visible
        tooltip=[alt.Tooltip("document:N", title="Document"), alt.Tooltip("text:N", title="As written"),
                 alt.Tooltip("value:Q", title="Value", format=","), alt.Tooltip("qualifier:N", title="Qualifier"),
                 alt.Tooltip("subject:N", title="Counts"), alt.Tooltip("source:N", title="Source")],
    )
    return (rule + points).properties(
        width=_WIDTH, height=max(80, 28 * len(order)),
        title=alt.Title("The same figure across documents", subtitle="A red line spans values that disagree"),
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

