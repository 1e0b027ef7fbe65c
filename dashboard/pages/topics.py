"""Topics: what the coverage talks about, which document dwells on what, and each outlet's own words."""

import streamlit as st

from analysis import charts
from dashboard import state, ui

view = state.require_view()
st.title("Topics")
# Broader or finer topics than the engine's own choice: the model is fitted again on the passages (a few seconds on
# thousands of articles), nothing is extracted again; the choice is in the address.
level = st.selectbox("Topics", state.TOPIC_LEVELS, key="topics_level", bind="query-params",
                     help="The engine's own number of topics, or as many as you ask for: fewer are broader.")
view = state.at_topic_level(view, level)
result, names = view.result, view.names
topics = result.topics
if topics.empty or result.coverage.empty:
    ui.empty("No topics: the selected documents have no body text to group into topics.")
    st.stop()
st.caption("Passages (paragraphs, or windows of sentences) are grouped by shared vocabulary, each read with its "
           "article (TF-IDF, k-means, then groups that point the same way merged, so the number of topics comes from "
           "the data). Labels are each topic's most distinctive words and phrases. Captions, ads and bios are left out.")

charted, _ = ui.chart_scope(view)
ui.chart(charts.topic_sizes(topics), "topic-sizes", stretch=True)
ui.chart(charts.topic_coverage_heatmap(charted.coverage, topics, names), "topic-coverage")

passages = result.passages
labels = charts.topic_labels(topics)
table = topics.assign(topic=topics["id"].map(labels), terms=topics["terms"].map(lambda t: ", ".join(list(t)[:10])),
                      in_selection=topics["id"].map(passages["topic"].value_counts()).fillna(0).astype(int))
ui.table(table, "topics", columns=["topic", "theme_label", "terms", "size", "in_selection"],
         column_config={"topic": "Topic", "theme_label": "Broader theme", "terms": "Top terms",
                        "size": "Passages (whole corpus)", "in_selection": "Passages (selection)"})
st.caption("Broader themes group the topics whose passages point the same way (about the square root of their "
           "number); each is named by its two largest topics.")

st.subheader("Each document's main topic")
docs = result.documents.assign(doc=result.documents["id"], start=0, end=0)
ui.table(docs, "main-topics", columns=["name", "main_topic_label", "main_theme_label"], to_reader=True,
         column_config={"name": "Document", "main_topic_label": "Main topic", "main_theme_label": "Broader theme"})

st.subheader("Passages of one topic")
topic = st.selectbox("Topic", topics["id"].tolist(), format_func=labels.get, key="topic", bind="query-params")
chosen = passages[passages["topic"] == topic]
examples = set(topics.loc[topics["id"] == topic, "examples"].iloc[0])
if chosen.empty:
    ui.empty("No passage of the selected documents is in this topic.")
else:
    chosen = chosen.assign(document=chosen["doc"].map(names), example=chosen["id"].isin(examples))
    chosen = chosen.sort_values("example", ascending=False, kind="stable")
    ui.table(chosen, f"topic-{topic}-passages", columns=["document", "example", "text"],
             column_config={"document": "Document", "example": st.column_config.CheckboxColumn("Typical"),
                            "text": st.column_config.TextColumn("Passage", width="large")}, to_reader=True)

st.subheader("Distinctive words")
level = st.segmented_control("Compare by", ["outlet", "document"], default="outlet", key="terms_by",
                             format_func=str.capitalize)
terms = result.distinctive_terms
terms = terms[terms["level"] == (level or "outlet")]
unnamed = int((result.documents["outlet"].fillna("") == "").sum())
if (level or "outlet") == "outlet" and unnamed:
    st.caption(f"{ui.plural(unnamed, 'document')} without a named outlet count among the rest here; compare by "
               "document to see their own words.")
if terms.empty:
    ui.empty("Distinctive words need at least two outlets (or documents) with body text.")
else:
    charted_terms = charted.distinctive_terms
    charted_terms = charted_terms[charted_terms["level"] == (level or "outlet")]
    ui.chart(charts.distinctive_terms_chart(charted_terms, names, level=level or "outlet"), f"distinctive-terms-{level}")
    shown = terms.assign(group=terms["group"].map(lambda g: names.get(g, g)))
    ui.table(shown, f"distinctive-terms-{level}", columns=["group", "rank", "term", "z", "count"],
             column_config={"group": (level or "outlet").capitalize(), "rank": "Rank", "term": "Term",
                            "z": st.column_config.NumberColumn("How distinctive (z-score)", format="%.2f"), "count": "Uses"})
