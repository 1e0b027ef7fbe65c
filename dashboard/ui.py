"""Widgets every page uses: charts and tables with their downloads, links into the Reader."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from analysis import Analysis
from analysis.charts import chart_html, chart_png, chart_svg
from analysis.export import TABLE_FORMATS
from analysis.kinds import Relation
from dashboard import state

READER = "dashboard/pages/reader.py"
# Exported with every table that has them (shown or not), so a row in a download joins the CLI's tables.
ID_COLUMNS = ("doc", "a_doc", "b_doc")


def plural(n: int, word: str) -> str:
    """ "1 pair", "2 pairs"."""
    return f"{n:,} {word if n == 1 else word + 's'}"


def _downloads(buttons: list[tuple[str, object, str, str]]) -> None:
    """Download buttons in one row that wraps, each as wide as its label (columns would squeeze them to icons)."""
    with st.container(horizontal=True, gap="small"):
        for label, data, file_name, mime in buttons:
            st.download_button(label, data=data, file_name=file_name, mime=mime, key=f"dl-{file_name}", on_click="ignore",
                               icon=":material/download:", help=f"Download as {label}", width="content")


def chart(figure: alt.TopLevelMixin, name: str, *, stretch: bool = False) -> None:
    """An Altair chart at the size its builder gave it, with PNG, SVG and HTML downloads (rendered offline by
    vl-convert on click). ``stretch`` widens it to the column instead."""
    # theme=None: the page shows exactly what the downloads contain. height="content": Streamlit otherwise fits
    # titles and axis labels into the plot's own height, which squashes band scales.
    st.altair_chart(figure, width="stretch" if stretch else "content", height="content", theme=None)
    _downloads([
        ("PNG", lambda: chart_png(figure), f"{name}.png", "image/png"),
        ("SVG", lambda: chart_svg(figure), f"{name}.svg", "image/svg+xml"),
        ("HTML", lambda: chart_html(figure), f"{name}.html", "text/html"),
    ])


def table(df: pd.DataFrame, name: str, *, columns: list[str] | None = None, column_config: dict | None = None,
          to_reader: bool = False, height: int | str = "auto") -> None:
    """A table with CSV and JSON downloads of what it shows, plus the document ids of its rows.

    With ``to_reader``, the rows need ``doc``, ``start`` and ``end`` (or
    ``sentence_start``/``sentence_end``), and selecting a row opens the Reader at that span.
    """
    shown = df[columns] if columns else df
    exported = df[list(shown.columns) + [c for c in ID_COLUMNS if c in df.columns and c not in shown.columns]]
    event = st.dataframe(
        shown, hide_index=True, column_config=_bounded_text(shown, column_config or {}), height=height, key=f"table-{name}",
        on_select="rerun" if to_reader else "ignore", selection_mode="single-row",
    )
    _downloads([(f.label, lambda render=f.render: render(exported), f"{name}.{f.suffix}", f.mime) for f in TABLE_FORMATS])
    if to_reader:
        st.caption("Select a row to read it in its article.")
        rows = event.selection.rows if event is not None else []
        if rows:
            row = df.iloc[rows[0]]
            # The finding itself (the number picked, the quote), not its whole sentence; the Reader shows the sentence.
            start = row.get("start", row.get("sentence_start", 0))
            end = row.get("end", row.get("sentence_end", start))
            open_in_reader(str(row["doc"]), int(start), int(end))


_LONG_TEXT = 40  # characters: a column whose values run longer gets a bounded width (full text on hover)


def _bounded_text(shown: pd.DataFrame, config: dict) -> dict:
    """``config`` with every long text column given only a plain label bounded to a medium width: otherwise one
    column of long document names fills a narrow page and the others are off screen."""
    out = dict(config)
    for col in shown.columns:
        label = out.get(col, col)
        if isinstance(label, str) and shown[col].dtype == object and len(shown) \
                and shown[col].head(200).astype(str).str.len().median() > _LONG_TEXT:
            out[col] = st.column_config.TextColumn(label, width="medium")
    return out


def open_in_reader(doc_id: str, start: int = 0, end: int = 0) -> None:
    """Switch to the Reader at a span of a document, keeping the corpus and the sidebar's filters.

    The sidebar's widgets are bound to the URL and carry themselves over; Streamlit refuses to set bound
    parameters directly, so only the Reader's own, unbound ``read`` and ``at`` are passed.
    """
    view = state.current_view()
    target = {"read": view.name(doc_id) if view else doc_id, "at": f"{start}-{end}"}
    st.session_state[state.READER_TARGET] = target
    if st.session_state.get(state.CURRENT_PAGE) == "reader":
        # switch_page to the page already open would drop the bound parameters from the address; the Reader puts
        # the target into the address itself.
        st.rerun()
    st.switch_page(READER, query_params=target)


def empty(message: str) -> None:
    st.info(message, icon=":material/info:")


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def plain(text: str) -> str:
    """Text from an article made safe inside Markdown: every formatting character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def chart_scope(view: state.View | None = None) -> tuple[Analysis, dict[str, str]]:
    """The analysis and names per-document charts draw (of ``view``, default the page's); says so when they show
    only part of the selection."""
    view = view or state.current_view()
    shown, total = len(view.charted.documents), len(view.result.documents)
    if shown < total:
        st.caption(f"Charts show the {shown} most involved of {total} documents (copies first, then the most quotes "
                   "and figures); the tables list all. Filter in the sidebar to chart others.")
    return view.charted, view.names


def copy_claim(result: Analysis, row, names: dict[str, str], *, expanded: bool = False) -> None:
    """A copies row as a reader is told it, with its evidence: the sentences that line up, side by side, the copied
    wording plain and the words either changed marked."""
    from analysis.report import copy_claim as claim_text
    from analysis.report import evidence_html

    shown = {d: f"**{plain(names.get(d, d))}**" for d in (row.doc, row.source)}
    message = f"{claim_text(row, shown)} (confidence {row.confidence:.2f}; {plain(row.evidence)})."
    (st.warning if row.kind == Relation.SPUN else st.info)(message, icon=":material/content_copy:")
    sentences = getattr(row, "sentences", None)
    if sentences is not None and len(sentences):
        what = (f"The sentences of the {plural(len(sentences), 'quote')} they share" if getattr(row, "basis", "") == "interview"
                else f"The {plural(len(sentences), 'sentence')} that line up")
        with st.expander(f"{what}, side by side", expanded=expanded):
            st.html(evidence_html(sentences, result.texts[row.doc], result.texts[row.source],
                                  copy_name=names.get(row.doc, row.doc), source_name=names.get(row.source, row.source)))


def disagreements(result: Analysis, names: dict[str, str], *, limit: int | None = None) -> None:
    """Each pair of figures that disagree, both sentences side by side with the numbers marked, and why they were
    compared; the first ``limit`` of them, the pairs whose sentences share most wording first."""
    from analysis.report import disagreement_html

    groups = result.figure_groups
    pairs = [(g, x, y) for g in groups.itertuples(index=False) if g.disagree for x, y in g.conflicts] if len(groups) else []
    if not pairs:
        return
    figures = result.figures.set_index("id")
    st.subheader("Figures that disagree")
    st.caption("Two documents give different values for one quantity: the same thing counted, in the same unit, "
               "published at most two days apart. Vague amounts, parts of a whole and items of a list are never "
               "set against each other.")
    for g, x, y in pairs[:limit]:
        with st.container(border=True):
            st.markdown(f"**{plain(str(g.label))}**: {plain(', '.join(g.values))}")
            st.html(disagreement_html(figures.loc[x], figures.loc[y], result.texts, names, g.why))
    if limit is not None and len(pairs) > limit:
        st.caption(f"…and {len(pairs) - limit} more on the Figures page.")
