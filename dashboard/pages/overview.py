"""Overview: the corpus at a glance, and which documents tell the same story or copy each other."""

import streamlit as st

from analysis import charts
from dashboard import state, ui

view = state.require_view()
result, names = view.result, view.names
docs = result.documents

st.title("How the outlets covered the story")
st.caption(f"{state.CORPORA[view.corpus_key]}: {ui.plural(len(docs), 'document')} from "
           f"{ui.plural(docs['label'].nunique(), 'outlet')}.")

groups = result.figure_groups
# A row that wraps, each metric as wide as its label: six equal columns cut "Disagreements" at 1024 px.
with st.container(horizontal=True, gap="large"):
    st.metric("Documents", len(docs), width="content")
    st.metric("Quotes", len(result.quotes), width="content")
    st.metric("Speakers", len(result.speakers), width="content")
    st.metric("Figures", len(result.figures), width="content")
    st.metric("Copies found", len(result.copies), width="content")
    st.metric("Disagreements", int(groups["disagree"].sum()) if len(groups) else 0, width="content",
              help="Groups of figures about the same thing whose documents report different values")

SHOWN = 10  # the table of similar pairs below lists every copy
# The claims the engine is surest of first: copies by their confidence, then figures that disagree.
for r in result.copies.sort_values("confidence", ascending=False, kind="stable").head(SHOWN).itertuples(index=False):
    ui.copy_claim(result, r, {d: view.name(d) for d in (r.doc, r.source)})
if len(result.copies) > SHOWN:
    st.caption(f"…and {len(result.copies) - SHOWN} more copies; the similarity table below lists every pair.")
ui.disagreements(result, names, limit=3)

st.subheader("Documents")
table = docs.assign(doc=docs["id"], start=0, end=0)
ui.table(
    table, "documents", columns=["name", "outlet", "title", "author", "date", "words", "quotes", "figures", "main_topic_label"],
    column_config={"name": "Document", "outlet": "Outlet", "title": "Title", "author": "Author", "date": "Date",
                   "words": "Words", "quotes": "Quotes", "figures": "Figures", "main_topic_label": "Main topic"},
    to_reader=True,
)

st.subheader("Stories and copies")
charted, _ = ui.chart_scope()
ui.chart(charts.story_map(charted.documents, charted.stories, charted.copies, charted.similarity, names), "story-map")
told_together = result.stories[result.stories["docs"].map(len) > 1]
if len(told_together):
    stories = told_together.assign(
        story=[f"Story {charts.story_number(k)}" for k in told_together["id"]], size=told_together["docs"].map(len),
        documents=[", ".join(names.get(d, d) for d in docs) for docs in told_together["docs"]],
        doc=told_together["docs"].map(" ".join))
    ui.table(stories, "stories", columns=["story", "label", "size", "cohesion", "evidence", "documents"],
             column_config={"story": "Story", "label": "Names in common", "size": "Documents",
                            "cohesion": st.column_config.NumberColumn(
                                "Cohesion", format="%.2f", help="The average similarity of the story's pairs"),
                            "evidence": "What holds it together", "documents": "Documents"})
if len(result.similarity) == 0:
    ui.empty("Similarity needs at least two documents.")
else:
    if len(charted.similarity):
        ui.chart(charts.similarity_heatmap(charted.similarity, names), "similarity")
    sim = result.similarity.assign(a_doc=result.similarity["a"], b_doc=result.similarity["b"],
                                   a=result.similarity["a"].map(names), b=result.similarity["b"].map(names))
    ui.table(sim.sort_values("score", ascending=False), "similarity",
             columns=["a", "b", "score", "relation", "shared_quotes", "shared_figures", "aligned", "evidence"],
             column_config={"a": "Document", "b": "Compared with", "score": st.column_config.ProgressColumn(
                 "Similarity", min_value=0.0, max_value=1.0, format="%.2f"), "relation": "Relation",
                 "shared_quotes": "Shared quotes", "shared_figures": "Shared figures",
                 "aligned": "Aligned sentences", "evidence": "Evidence"})
