"""Reader: one document's text with its quotes, figures and page furniture marked."""

import html

import pandas as pd
import streamlit as st

from analysis.quotes import how_in_words
from analysis.report import ARTICLE_CSS, annotated_html, document_marks, speaker_colours
from dashboard import state, ui

view = state.require_view()
result, names = view.result, view.names
PICKER = "reader_doc"
options = [names[d] for d in view.doc_ids]
target = st.session_state.pop(state.READER_TARGET, None)
if target:  # a row picked on another page, or in this page's tables
    st.query_params.update(target)
# The address decides which document is open (a shared link, a picked row, the browser's Back button); the
# picker writes every choice back to it, so the two only differ when the address changed.
wanted = st.query_params.get("read", "")
if wanted in options:
    st.session_state[PICKER] = wanted
elif st.session_state.get(PICKER) not in options:
    st.session_state[PICKER] = options[0]


def _picked() -> None:
    st.query_params["read"] = st.session_state[PICKER]
    st.query_params.pop("at", None)  # the span belonged to the document shown before


doc_id = view.doc_id(st.selectbox("Document", options, key=PICKER, on_change=_picked))
text = result.texts[doc_id]
meta = result.documents.set_index("id").loc[doc_id]
st.title(ui.plain(meta["title"] or names[doc_id]))
st.caption(ui.plain(" · ".join(dict.fromkeys(str(x) for x in (meta["outlet"], meta["author"], meta["date"], meta["url"]) if x))))
# What was read differently from the text as given (quote marks damaged in scraping): the reader should know.
if meta.get("notes"):
    st.caption(f":material/info: {ui.plain(str(meta['notes']))}")

focus = None
at = st.query_params.get("at", "")
try:
    start, end = (int(x) for x in at.split("-"))
    if 0 <= start < end <= len(text):
        focus = (start, end)
except ValueError:
    pass  # no position, or a hand-edited link: open at the top

quotes = result.quotes[result.quotes["doc"] == doc_id]
figures = result.figures[result.figures["doc"] == doc_id]
furniture = result.furniture[result.furniture["doc"] == doc_id]
colours = speaker_colours(result.quotes["speaker"].tolist())
with st.container(horizontal=True, gap="large"):
    st.metric("Words", int(meta["words"]), width="content")
    st.metric("Quotes", len(quotes), width="content")
    st.metric("Figures", len(figures), width="content")
    st.metric("Furniture left out", len(furniture), width="content")

if focus:
    # The sentence of the finding picked (a figure is a number or two: alone it says little), the finding in bold.
    found = pd.concat([quotes, figures])
    found = found[(found["start"] == focus[0]) & (found["end"] == focus[1])]
    s0, s1 = (int(found["sentence_start"].iloc[0]), int(found["sentence_end"].iloc[0])) if len(found) else focus
    s0, s1 = min(s0, focus[0]), max(s1, focus[1])
    st.info(f"From your selection: “{ui.plain(text[s0:focus[0]].lstrip())}**{ui.plain(text[focus[0]:focus[1]])}**"
            f"{ui.plain(text[focus[1]:s1].rstrip()[:400])}” (highlighted below).", icon=":material/my_location:")

speakers = [s for s in dict.fromkeys(quotes["speaker"]) if s]
# Chips that wrap onto more lines as needed, a long name cut with an ellipsis (the full name on hover).
chip = ("display:inline-block;max-width:100%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;"
        "padding:1px 4px;vertical-align:bottom")
legend = "".join(f'<span class="quote" title="{html.escape(s)}" style="background:{colours[s]};{chip}">{html.escape(s)}</span>'
                 for s in map(str, speakers))
st.html(
    f"<style>{ARTICLE_CSS}</style>"
    '<div style="margin-bottom:0.5em;font-size:0.9em;display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline">'
    "<span>Quotes by speaker:</span>" + (legend or "<span>none</span>") +
    '<span>· <span class="figure" style="border-bottom:2px solid #D55E00">figure</span></span>'
    '<span>· <span style="color:#767676;font-style:italic">page furniture (left out)</span></span></div>'
)
with st.container(height=640, border=True):
    st.html(f"<style>{ARTICLE_CSS}</style>" + annotated_html(text, document_marks(result, doc_id, colours), focus=focus))
if focus:
    # Our own script, with no text from the article in it: scroll the outlined sentence into the middle of the
    # article's box, waiting for the box to be drawn. The span in the comment makes each new position run again.
    st.html(f"""<script>/* {focus[0]}-{focus[1]} */
        (function scroll(tries) {{
          const el = document.getElementById("selected-finding");
          if (el) {{ el.scrollIntoView({{block: "center"}}); }} else if (tries > 0) {{ setTimeout(() => scroll(tries - 1), 100); }}
        }})(50);</script>""", unsafe_allow_javascript=True)

left, right = st.columns(2)
with left:
    st.subheader("Quotes")
    if quotes.empty:
        ui.empty("This document has no quotes.")
    else:
        ui.table(quotes.assign(attributed=how_in_words(quotes["how"])), f"quotes-{doc_id}",
                 columns=["speaker", "text", "attributed"], to_reader=True,
                 column_config={"speaker": "Speaker", "text": st.column_config.TextColumn("Quote", width="large"),
                                "attributed": "Attributed by"})
with right:
    st.subheader("Figures")
    if figures.empty:
        ui.empty("This document has no figures.")
    else:
        ui.table(figures, f"figures-{doc_id}", columns=["text", "qualifier", "subject", "source"], to_reader=True,
                 column_config={"text": "As written", "qualifier": "Qualifier", "subject": "Counts", "source": "Source"})
