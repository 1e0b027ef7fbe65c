"""Quotes: who is quoted where, and how the same quote travels between outlets."""

import streamlit as st

from analysis import charts
from analysis.quotes import how_in_words
from analysis.report import diff_html
from dashboard import state, ui

view = state.require_view()
result, names = view.result, view.names
st.title("Quotes")
quotes = result.quotes
if quotes.empty:
    ui.empty("No quotes in the selected documents.")
    st.stop()

charted, _ = ui.chart_scope()
ui.chart(charts.quotes_per_document(charted.quotes, names), "quotes-per-document", stretch=True)
if (charted.quotes["speaker"] != "").any():
    ui.chart(charts.quotes_per_speaker(charted.quotes, names), "quotes-per-speaker", stretch=True)
else:
    ui.empty("No quote has a named speaker.")

st.subheader("Every quote")
search = st.text_input("Search quotes and speakers", key="q", bind="query-params", placeholder="a word, a name…")
table = quotes.assign(document=quotes["doc"].map(names), shared=charts.quote_is_shared(quotes),
                      attributed=how_in_words(quotes["how"]))
if search:
    hit = table["text"].str.contains(search, case=False, regex=False) | table["speaker"].str.contains(search, case=False, regex=False)
    table = table[hit]
if table.empty:
    ui.empty(f"No quote or speaker matches “{search}”.")
else:
    ui.table(table, "quotes", columns=["document", "speaker", "text", "attributed", "verb", "partial", "shared"],
             column_config={"document": "Document", "speaker": "Speaker", "text": st.column_config.TextColumn("Quote", width="large"),
                            "attributed": "Attributed by", "verb": "Verb", "partial": "Fragment",
                            "shared": st.column_config.CheckboxColumn("In other documents")},
             to_reader=True)

phrases = result.phrases
if len(phrases):
    with st.expander(f"In quote marks but nobody's statement: {ui.plural(len(phrases), 'phrase')}"):
        st.caption("Titles of works and shows, and the writer's own words in quote marks (\"sextortion\", a "
                   "nickname). They are not counted as quotes.")
        ui.table(phrases.assign(document=phrases["doc"].map(names)), "phrases",
                 columns=["document", "kind", "text"],
                 column_config={"document": "Document", "kind": "Kind", "text": "Words"}, to_reader=True)

st.subheader("The same quote in different documents")
matches = result.quote_matches
if matches.empty:
    ui.empty("No quote appears in more than one of the selected documents.")
    st.stop()
matches = matches.assign(a=matches["a_doc"].map(names), b=matches["b_doc"].map(names))
changed = matches[matches["kind"] != "identical"]
st.caption(f"{ui.plain(ui.plural(len(matches), 'pair'))} of matching quotes; {len(changed):,} with different wording, "
           f"{int(matches['speaker_changed'].sum()):,} credited to a different speaker.")
pick = st.dataframe(
    matches[["a", "b", "kind", "score", "speaker_a", "speaker_b", "speaker_changed", "a_text"]], hide_index=True,
    on_select="rerun", selection_mode="single-row", key="quote-matches",
    column_config={"a": "Document", "b": "Other document", "kind": "Match", "score": st.column_config.NumberColumn("Score", format="%.2f"),
                   "speaker_a": "Speaker", "speaker_b": "Speaker there", "speaker_changed": "Speaker changed",
                   "a_text": st.column_config.TextColumn("Quote", width="large")},
)
rows = pick.selection.rows if pick is not None else []
row = matches.iloc[rows[0]] if rows else (changed.iloc[0] if len(changed) else matches.iloc[0])
st.markdown(f"**{ui.plain(row['a'])}** → **{ui.plain(row['b'])}** ({row['kind']})")
if row["diff"]:
    st.html(f'<div style="line-height:1.7">{diff_html(row["diff"])}</div>'
            "<style>del{background:#D55E0033;text-decoration:line-through}ins{background:#009E7333;text-decoration:none}</style>")
else:
    st.write("Word for word the same.")
if row["speaker_changed"]:
    st.warning(f"Credited to {ui.plain(row['speaker_a'] or 'no one')} in one and to "
               f"{ui.plain(row['speaker_b'] or 'no one')} in the other.")
for col, side in zip(st.columns(2), ("a", "b")):
    if col.button(f"Read in {ui.plain(row[side])}", key=f"read-{side}"):
        q = quotes[quotes["id"] == row[f"{side}_quote"]]
        span = (int(q["start"].iloc[0]), int(q["end"].iloc[0])) if len(q) else (0, 0)
        ui.open_in_reader(row[f"{side}_doc"], *span)
