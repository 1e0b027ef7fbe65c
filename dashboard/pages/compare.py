"""Compare: two or more documents side by side — what they share and what only one of them has."""

import pandas as pd
import streamlit as st

from analysis import charts
from analysis.report import ARTICLE_CSS, annotated_html, document_marks, speaker_colours
from dashboard import state, ui

view = state.require_view()
result, names = view.result, view.names
st.title("Compare documents")
ids = view.doc_ids
if len(ids) < 2:
    ui.empty("Comparing needs at least two documents in the selection.")
    st.stop()
options = [names[d] for d in ids]
state.keep_valid("compare", options)
# Open on the pair most worth comparing: the most similar one (a copy, or the same story), not the first two listed.
closest = result.similarity.sort_values("score", ascending=False, kind="stable").head(1)
default = [names[closest["a"].iloc[0]], names[closest["b"].iloc[0]]] if len(closest) else options[:2]
# The default only on the first visit: once the widget has a value in Session State (a return to this page, or the
# stale names keep_valid dropped), a default as well makes Streamlit warn in the server log.
picked = [view.doc_id(n) for n in st.multiselect("Documents to compare", options, key="compare", bind="query-params",
                                                 default=None if "compare" in st.session_state else default,
                                                 max_selections=4)]
if len(picked) < 2:
    ui.empty("Pick at least two documents.")
    st.stop()
sub = result.select(picked)
picked_names = {d: names[d] for d in picked}


def presence(df: pd.DataFrame, key: str, label_cols: list[str]) -> pd.DataFrame:
    """One row per shared item (quote cluster, figure group, source): which compared documents carry it."""
    rows = []
    for _, g in df.groupby(key, sort=False):
        row = {c: g.iloc[0][c] for c in label_cols}
        docs = set(g["doc"])
        for d in picked:
            row[picked_names[d]] = d in docs
        row["status"] = ("in all" if len(docs) == len(picked)
                         else f"only in {picked_names[next(iter(docs))]}" if len(docs) == 1 else f"in {len(docs)} of {len(picked)}")
        rows.append(row)
    out = pd.DataFrame(rows)
    return out.sort_values("status", key=lambda s: s != "in all", kind="stable") if len(out) else out


def presence_config(first: dict) -> dict:
    return {**first, **{n: st.column_config.CheckboxColumn(n) for n in picked_names.values()}, "status": "Where"}


meta = sub.documents.set_index("id").loc[picked, ["outlet", "title", "author", "date", "words", "quotes", "figures"]]
st.dataframe(meta.rename(index=picked_names).T.astype(str), key="compare-meta")
pairs = sub.similarity
for r in pairs.itertuples(index=False):
    st.caption(f"{ui.plain(names[r.a])} ↔ {ui.plain(names[r.b])}: similarity {r.score:.2f}, "
               f"{r.relation or 'unrelated'}, {ui.plain(r.evidence)}")
# A copy among the compared documents is shown with its evidence: the sentences that line up, side by side.
for r in sub.copies.itertuples(index=False):
    ui.copy_claim(sub, r, names, expanded=len(sub.copies) == 1)

if len(sub.coverage) and len(sub.topics):
    ui.chart(charts.topic_shares(sub.coverage, sub.topics, picked_names), "compare-topics")

tabs = st.tabs(["Quotes", "Figures", "Sources", "Texts"])
with tabs[0]:
    if sub.quotes.empty:
        ui.empty("None of these documents has quotes.")
    else:
        ui.table(presence(sub.quotes, "cluster", ["speaker", "text"]), "compare-quotes",
                 column_config=presence_config({"speaker": "Speaker", "text": st.column_config.TextColumn("Quote", width="large")}))
with tabs[1]:
    if sub.figures.empty:
        ui.empty("None of these documents has figures.")
    else:
        figs = sub.figures.assign(key=[f"g{g}" if g >= 0 else i for g, i in zip(sub.figures["group"], sub.figures["id"])])
        ui.table(presence(figs, "key", ["text", "subject", "source"]), "compare-figures",
                 column_config=presence_config({"text": "As written", "subject": "Counts", "source": "Source"}))
with tabs[2]:
    if sub.sources.empty:
        ui.empty("None of these documents names a source.")
    else:
        ui.table(presence(sub.sources, "name", ["name", "kind"]), "compare-sources",
                 column_config=presence_config({"name": "Source", "kind": "Kind"}))
with tabs[3]:
    colours = speaker_colours(sub.quotes["speaker"].tolist())
    layout = st.segmented_control("Layout", ["Side by side", "One under another"], key="compare_layout",
                                  default="Side by side" if len(picked) <= 2 else "One under another")
    places = st.columns(len(picked)) if layout == "Side by side" else [st.container() for _ in picked]
    for place, d in zip(places, picked):
        with place:
            st.markdown(f"**{ui.plain(picked_names[d])}**")
            with st.container(height=600 if layout == "Side by side" else 420):
                st.html(f"<style>{ARTICLE_CSS}</style>" + annotated_html(sub.texts[d], document_marks(sub, d, colours)))
