"""Widgets every page uses: charts and tables with their downloads, links into the Reader."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import streamlit as st

from analysis import Analysis
from analysis.charts import chart_html, chart_png, chart_svg
from analysis.export import table_to_csv, to_json_records
from dashboard import state

READER = "dashboard/pages/reader.py"
_DECORATION_PX = 170  # title, subtitle, rotated axis labels and axis title


def chart(figure: alt.TopLevelMixin, name: str, *, stretch: bool = True) -> None:
    """An Altair chart with PNG, SVG and HTML downloads (rendered offline by vl-convert on click)."""
    # theme=None: the page shows exactly what the downloads contain. Streamlit fits the whole chart, titles and
    # axis labels included, into the spec's height, which squashes band scales; leave room for them.
    spec_height = getattr(figure, "height", alt.Undefined)
    height = int(spec_height) + _DECORATION_PX if isinstance(spec_height, (int, float)) else "content"
    st.altair_chart(figure, width="stretch" if stretch else "content", height=height, theme=None)
    cols = st.columns([1, 1, 1, 6])
    for col, (fmt, mime, render) in zip(cols, (
        ("png", "image/png", lambda: chart_png(figure)),
        ("svg", "image/svg+xml", lambda: chart_svg(figure)),
        ("html", "text/html", lambda: chart_html(figure)),
    )):
        col.download_button(fmt.upper(), data=render, file_name=f"{name}.{fmt}", mime=mime, key=f"dl-{name}-{fmt}",
                            on_click="ignore", icon=":material/download:", help=f"Download this chart as {fmt.upper()}")


def table(df: pd.DataFrame, name: str, *, columns: list[str] | None = None, column_config: dict | None = None,
          to_reader: bool = False, height: int | str = "auto") -> None:
    """A table with CSV and JSON downloads of what it shows.

    With ``to_reader``, the rows need ``doc``, ``start`` and ``end`` (or
    ``sentence_start``/``sentence_end``), and selecting a row opens the Reader there.
    """
    shown = df[columns] if columns else df
    event = st.dataframe(
        shown, hide_index=True, column_config=column_config, height=height, key=f"table-{name}",
        on_select="rerun" if to_reader else "ignore", selection_mode="single-row",
    )
    c1, c2, c3 = st.columns([1, 1, 7])
    c1.download_button("CSV", data=lambda: table_to_csv(shown), file_name=f"{name}.csv", mime="text/csv",
                       key=f"dl-{name}-csv", on_click="ignore", icon=":material/download:")
    c2.download_button("JSON", data=lambda: json.dumps(to_json_records(shown), ensure_ascii=False, indent=1),
                       file_name=f"{name}.json", mime="application/json", key=f"dl-{name}-json", on_click="ignore",
                       icon=":material/download:")
    if to_reader:
        c3.caption("Select a row to read it in its article.")
        rows = event.selection.rows if event is not None else []
        if rows:
            row = df.iloc[rows[0]]
            start = row.get("sentence_start", row.get("start", 0))
            end = row.get("sentence_end", row.get("end", start))
            open_in_reader(str(row["doc"]), int(start), int(end))


def open_in_reader(doc_id: str, start: int = 0, end: int = 0) -> None:
    """Switch to the Reader at a span of a document, keeping the corpus and the sidebar's filters.

    The sidebar's widgets are bound to the URL and carry themselves over; Streamlit refuses to set bound
    parameters directly, so only the Reader's own, unbound ``read`` and ``at`` are passed.
    """
    view = state.current_view()
    target = {"read": view.name(doc_id) if view else doc_id, "at": f"{start}-{end}"}
    st.session_state[state.READER_TARGET] = target
    if st.session_state.get(state.CURRENT_PAGE) == "reader":
        # switch_page to the page already open would drop the bound parameters from the address.
        st.query_params.update(target)
        st.rerun()
    st.switch_page(READER, query_params=target)


def empty(message: str) -> None:
    st.info(message, icon=":material/info:")


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def plain(text: str) -> str:
    """Text from an article made safe inside Markdown: every formatting character escaped."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def chart_scope() -> tuple[Analysis, dict[str, str]]:
    """The analysis and names per-document charts draw; says so when they show only part of the selection."""
    view = state.current_view()
    shown, total = len(view.charted.documents), len(view.result.documents)
    if shown < total:
        st.caption(f"Charts show the {shown} most involved of {total} documents (copies first, then the most quotes "
                   "and figures); the tables list all. Filter in the sidebar to chart others.")
    return view.charted, view.names
