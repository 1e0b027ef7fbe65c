"""Figures: every number with what it counts and on whose authority, and where outlets disagree."""

import streamlit as st

from analysis import charts
from analysis.compare import format_value
from analysis.figures import figure_context
from dashboard import state, ui

view = state.require_view()
result, names = view.result, view.names
st.title("Figures")
figures = result.figures
if figures.empty:
    ui.empty("No figures in the selected documents.")
    st.stop()

groups = result.figure_groups
ui.disagreements(result, names, limit=10)  # a large corpus can disagree on many: the table of groups lists them all

charted, _ = ui.chart_scope()
ui.chart(charts.figures_per_document(charted.figures, names), "figures-per-document", stretch=True)
if len(groups):  # the chart bounds itself to the groups most worth drawing, over the whole selection
    ui.chart(charts.figure_groups_chart(result.figures, groups, names), "figure-groups", stretch=True)
else:
    ui.empty("No figure is reported by more than one of the selected documents.")

st.subheader("Every figure")
texts = result.texts
table = figures.assign(
    document=figures["doc"].map(names),
    sentence=[figure_context(texts[d], *span) for d, *span in
              zip(figures["doc"], figures["start"], figures["end"], figures["sentence_start"], figures["sentence_end"])],
    in_group=figures["group"].ge(0),
    # The top of a range as text: an empty cell where a figure is no range (a number column would show "None").
    up_to=[format_value(h, None) if h is not None and h == h else "" for h in figures["high"]],
)
# The kinds of the whole corpus, not of the selection: options that changed with the sidebar's filter dropped a kind
# from the widget's state, and it came back unselected (its figures hidden) when a document that has it returned.
kinds = sorted(view.full.figures["kind"].unique())
chosen = st.pills("Kinds", kinds, selection_mode="multi", default=kinds, key="kinds")
table = table[table["kind"].isin(chosen or kinds)]
ui.table(table, "figures",
         columns=["document", "text", "value", "up_to", "unit", "qualifier", "kind", "subject", "source", "in_group", "sentence"],
         column_config={"document": "Document", "text": "As written", "value": st.column_config.NumberColumn("Value", format="localized"),
                        "up_to": st.column_config.TextColumn("Up to", help="The top of a range such as 60 to 70"),
                        "unit": st.column_config.TextColumn("Unit", help="A sum's currency as written, %, or a duration's or a measure's unit"),
                        "qualifier": "Qualifier",
                        "kind": "Kind", "subject": "Counts", "source": "Source",
                        "in_group": st.column_config.CheckboxColumn("In other documents"),
                        "sentence": st.column_config.TextColumn("Sentence", width="large")},
         to_reader=True)

if len(groups):
    st.subheader("Figure groups")
    st.caption("Figures of the same kind about the same thing in documents telling one story. Values are as "
               "written; a group disagrees when two of its figures surely count one quantity and no amount fits both "
               "(\"about 350\" allows 315 to 385).")
    shown = groups.assign(docs=groups["docs"].map(lambda ds: [names.get(d, d) for d in ds]))
    shown = shown.sort_values("disagree", ascending=False, kind="stable")
    ui.table(shown, "figure-groups", columns=["label", "values", "disagree", "why", "n_figures", "docs"],
             column_config={"label": "About", "values": "Values",
                            "disagree": st.column_config.CheckboxColumn("Disagree"), "why": "Why grouped",
                            "n_figures": "Figures", "docs": "Documents"})
