"""Dashboard entry point: runs the analysis engine on the bundled seeds and shows its tables.

The full multi-page dashboard is tracked as its own issue; this page only
displays what ``analysis`` computes.
"""

from pathlib import Path

import streamlit as st

from analysis import analyze, load_corpus

SEEDS = Path(__file__).parent / "seeds"


@st.cache_resource(show_spinner="Analysing the articles…")
def seed_analysis():
    return analyze(load_corpus(SEEDS))


st.set_page_config(page_title="News coverage comparison", layout="wide")
st.title("How outlets covered one story")
result = seed_analysis()
docs = result.documents
c1, c2, c3, c4 = st.columns(4)
c1.metric("Documents", len(docs))
c2.metric("Quotes", len(result.quotes))
c3.metric("Figures", len(result.figures))
c4.metric("Stories", len(result.stories))
st.subheader("Corpus")
st.dataframe(docs[["id", "outlet", "title", "date", "words", "quotes", "figures", "main_topic"]], hide_index=True)
st.subheader("Who copied whom")
st.dataframe(result.copies, hide_index=True)
st.subheader("Quotes")
st.dataframe(result.quotes[["doc", "speaker", "text", "how"]], hide_index=True)
st.subheader("Figures")
st.dataframe(result.figures[["doc", "text", "value", "high", "qualifier", "kind", "subject", "source"]], hide_index=True)
st.subheader("Figures that disagree across outlets")
st.dataframe(result.figure_groups[result.figure_groups["disagree"]], hide_index=True)
