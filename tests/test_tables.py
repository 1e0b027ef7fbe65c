"""The analysis's tables and their restriction to some documents (analysis/tables.py, Analysis.select)."""

import pandas as pd
import pytest

from analysis import analyze
from analysis.compare import written_values
from analysis.corpus import Corpus, document_from_text
from analysis.tables import claims_table, main_topics, rows_frame, speakers_table

INSIDER, FINANCIAL_DISTRICT, SPUN, NEWSWEEK, REWRITE = (
    "000_5224290116dca45f", "001_754866e561cd06dd", "002_86c820cc9228e063", "003_af756bb7ed55ff37",
    "004_685c18a98fc2fffd")

# Where each table names the documents a row belongs to.
DOC_COLUMNS = {"quotes": ["doc"], "phrases": ["doc"], "figures": ["doc"], "furniture": ["doc"], "passages": ["doc"],
               "coverage": ["doc"], "sources": ["doc"], "similarity": ["a", "b"], "copies": ["doc", "source"],
               "quote_matches": ["a_doc", "b_doc"]}
LIST_COLUMNS = {"stories": "docs", "claims": "docs", "figure_groups": "docs"}


@pytest.fixture(scope="module")
def seeds(seed_analysis):
    return seed_analysis


def _report(doc_id, outlet, day, *paragraphs):
    return document_from_text(doc_id, "\n\n".join(paragraphs) + "\n", {"outlet": outlet, "date": day})


@pytest.fixture(scope="module")
def flood():
    """Three reports of one flood: two give the governor's toll of 40, the third a later toll of 52."""
    return analyze(Corpus([
        _report("gazette", "Halden Gazette", "2024-03-04", "Flood kills dozens in Halden valley",
                "The flood in the Halden valley killed 40 people on Sunday, the regional governor said.",
                "Rescue teams were still searching for survivors in the village of Marrow on Monday."),
        _report("courier", "Wexmoor Courier", "2024-03-04", "Halden valley flood leaves dozens dead",
                "The River Wex burst its banks on Sunday and the flood killed 40 people in the Halden valley, according "
                "to the regional governor.",
                "The army sent boats to the village of Marrow to rescue stranded families."),
        _report("herald", "Northern Herald", "2024-03-05", "Death toll in Halden valley flood rises",
                "The flood in the Halden valley has killed 52 people, the regional health department said on Monday.",
                "The River Wex burst its banks on Sunday, sweeping away homes in the village of Marrow."),
    ]))


# --- documents_table ----------------------------------------------------------------------------------------------


def test_documents_table_has_one_row_per_document_in_corpus_order(seeds):
    assert seeds.documents["id"].tolist() == [INSIDER, FINANCIAL_DISTRICT, SPUN, NEWSWEEK, REWRITE]
    assert {"id", "name", "label", "outlet", "title", "author", "date", "url", "words", "quotes", "figures",
            "main_topic", "main_topic_label", "main_theme_label", "chars", "notes", "meta_source"} <= set(seeds.documents)


def test_documents_count_their_own_quotes_and_figures(seeds):
    docs = seeds.documents.set_index("id")
    assert docs["quotes"].to_dict() == seeds.quotes.groupby("doc").size().to_dict()
    assert docs["figures"].to_dict() == seeds.figures.groupby("doc").size().to_dict()
    assert docs["chars"].to_dict() == {k: len(v) for k, v in seeds.texts.items()}


def test_documents_are_named_by_outlet_else_title_else_opening_words(seeds):
    docs = seeds.documents.set_index("id")
    assert docs.loc[NEWSWEEK, "name"] == "Newsweek"
    assert docs.loc[REWRITE, "name"] == "Officer In Russian Military Resigns & Details Putin War Failures"
    assert docs.loc[SPUN, "name"] == "“We were dirty and tired. People around us…”"
    assert docs["name"].is_unique


def test_a_document_without_an_outlet_is_labelled_as_such(seeds):
    docs = seeds.documents.set_index("id")
    assert docs.loc[NEWSWEEK, "label"] == "Newsweek"
    assert docs.loc[SPUN, "label"] == "“We were dirty and tired. People around us…” (outlet unknown)"


def test_dates_are_written_one_way(seeds):
    assert seeds.documents.set_index("id")["date"].to_dict() == {
        INSIDER: "", FINANCIAL_DISTRICT: "", SPUN: "2022-05-22", NEWSWEEK: "", REWRITE: ""}


def test_main_topic_is_the_topic_of_most_of_a_documents_passages():
    coverage = pd.DataFrame({"doc": ["a", "a", "b"], "topic": [0, 1, 1], "share": [0.25, 0.75, 1.0]})
    topics = pd.DataFrame({"id": [0, 1], "label": ["flood", "rescue"], "theme_label": ["weather", "weather"]})
    assert main_topics(coverage, topics) == {"a": (1, "rescue", "weather"), "b": (1, "rescue", "weather")}


# --- speakers_table -----------------------------------------------------------------------------------------------


def test_speakers_table_counts_quotes_and_documents_most_quoted_first():
    quotes = pd.DataFrame({"id": ["a:q0", "a:q1", "b:q0", "b:q1", "c:q0"], "doc": ["a", "a", "b", "b", "c"],
                           "speaker": ["Valeria Costa", "the mayor", "Valeria Costa", "", "Valeria Costa"]})
    assert speakers_table(quotes).to_dict("records") == [
        {"speaker": "Valeria Costa", "quotes": 3, "documents": 3}, {"speaker": "the mayor", "quotes": 1, "documents": 1}]


def test_speakers_table_of_the_seeds_adds_up(seeds):
    speakers = seeds.speakers
    assert speakers["quotes"].sum() == (seeds.quotes["speaker"] != "").sum()
    assert (speakers["documents"] <= speakers["quotes"]).all()
    assert speakers["quotes"].is_monotonic_decreasing and speakers["speaker"].is_unique


# --- claims_table -------------------------------------------------------------------------------------------------


def test_claims_table_one_row_per_quote_figure_and_source():
    quotes = pd.DataFrame({"cluster": [0, 0, 1], "text": ["We will rebuild the bridge", "We will rebuild the bridge", "Yes,"],
                           "speaker": ["the mayor", "the mayor", "the mayor"], "doc": ["a", "b", "b"]})
    figures = pd.DataFrame({"id": ["a:f0", "b:f0", "b:f1"], "subject": ["people", "people", ""], "kind": ["count"] * 3,
                            "text": ["40", "52", "12"], "source": ["the governor", "", "the police"],
                            "doc": ["a", "b", "b"], "group": [0, 0, -1]})
    groups = pd.DataFrame({"group": [0], "label": ["people"], "values": [["40", "52"]], "docs": [["a", "b"]]})
    sources = pd.DataFrame({"name": ["Reuters", "Reuters", "CNN"], "doc": ["b", "a", "b"]})
    claims = claims_table(quotes, figures, groups, sources)
    assert claims.to_dict("records") == [
        {"claim": "quote:0", "type": "quote", "label": "We will rebuild the bridge", "attributed_to": "the mayor",
         "docs": ["a", "b"], "n_docs": 2},
        {"claim": "figure:0", "type": "figure", "label": "people: 40, 52", "attributed_to": "", "docs": ["a", "b"],
         "n_docs": 2},
        {"claim": "figure:b:f1", "type": "figure", "label": "count: 12", "attributed_to": "the police", "docs": ["b"],
         "n_docs": 1},
        {"claim": "source:CNN", "type": "source", "label": "CNN", "attributed_to": "", "docs": ["b"], "n_docs": 1},
        {"claim": "source:Reuters", "type": "source", "label": "Reuters", "attributed_to": "", "docs": ["a", "b"],
         "n_docs": 2},
    ]


def test_claims_of_the_seeds_are_consistent(seeds):
    claims = seeds.claims
    assert claims["claim"].is_unique
    assert set(claims["type"]) == {"quote", "figure", "source"}
    assert (claims["n_docs"] == claims["docs"].map(len)).all()
    assert all(set(docs) <= set(seeds.texts) and docs == sorted(set(docs)) for docs in claims["docs"])


def test_a_quote_carried_by_three_outlets_is_one_claim(seeds):
    claims = seeds.claims[seeds.claims["label"].str.startswith("We were dirty and tired.")]
    assert claims[["type", "attributed_to", "docs"]].to_dict("records") == [
        {"type": "quote", "attributed_to": "the officer", "docs": [FINANCIAL_DISTRICT, SPUN, REWRITE]}]


def test_rows_frame():
    assert rows_frame([("a", 1), ("b", 2)], ["doc", "n"]).to_dict("list") == {"doc": ["a", "b"], "n": [1, 2]}
    assert list(rows_frame([], ["doc", "n"]).columns) == ["doc", "n"]


# --- Analysis.select ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("keep", [[FINANCIAL_DISTRICT, SPUN], [SPUN, REWRITE], [NEWSWEEK]])
def test_select_keeps_only_rows_of_the_selected_documents_in_every_table(seeds, keep):
    part = seeds.select(keep)
    for name, columns in DOC_COLUMNS.items():
        table = getattr(part, name)
        for column in columns:
            assert set(table[column]) <= set(keep), name
    for name, column in LIST_COLUMNS.items():
        assert all(docs and set(docs) <= set(keep) for docs in getattr(part, name)[column]), name
    assert part.documents["id"].tolist() == keep and list(part.texts) == keep


@pytest.mark.parametrize("keep", [[FINANCIAL_DISTRICT, SPUN], [SPUN, REWRITE]])
def test_select_keeps_every_row_of_the_selected_documents(seeds, keep):
    part = seeds.select(keep)
    for name in ("quotes", "figures", "passages", "sources"):
        whole = getattr(seeds, name)
        assert len(getattr(part, name)) == whole["doc"].isin(keep).sum(), name
    assert len(part.quote_matches) == (seeds.quote_matches["a_doc"].isin(keep)
                                       & seeds.quote_matches["b_doc"].isin(keep)).sum()


def test_select_counts_speakers_again(seeds):
    part = seeds.select([NEWSWEEK])
    assert part.speakers.to_dict("records") == speakers_table(part.quotes).to_dict("records")
    assert part.speakers["documents"].max() == 1


def test_select_keeps_groups_across_two_selected_documents_and_drops_the_others(seeds):
    part = seeds.select([FINANCIAL_DISTRICT, SPUN])
    assert len(part.figure_groups) == 5 and not part.figure_groups["disagree"].any()
    assert seeds.select([NEWSWEEK, REWRITE]).figure_groups.empty


def test_selected_figure_groups_agree_with_their_members(seeds):
    for keep in ([FINANCIAL_DISTRICT, SPUN], [SPUN, REWRITE]):
        part = seeds.select(keep)
        figures = part.figures.set_index("id")
        for group in part.figure_groups.itertuples():
            assert set(group.figures) <= set(figures.index)
            assert group.n_figures == len(group.figures)
            assert sorted(set(figures.loc[group.figures, "doc"])) == sorted(group.docs)
            assert all(a in group.figures and b in group.figures for a, b in group.conflicts)
            assert group.disagree == bool(group.conflicts)
            rows = figures.loc[group.figures]
            assert group.values == written_values(rows["value"], rows["high"], rows["qualifier"].fillna(""))


def test_a_group_that_disagreed_agrees_once_the_dissenting_outlet_is_left_out(flood):
    (whole,) = flood.figure_groups.itertuples()
    assert (whole.values, whole.disagree) == (["40", "52"], True)
    (part,) = flood.select(["gazette", "courier"]).figure_groups.itertuples()
    assert (sorted(part.docs), part.values, part.n_figures, part.disagree, part.conflicts) == (
        ["courier", "gazette"], ["40"], 2, False, [])


def test_a_disagreement_between_selected_documents_stays(flood):
    (part,) = flood.select(["gazette", "herald"]).figure_groups.itertuples()
    assert (part.values, part.disagree, part.conflicts) == (["40", "52"], True, [["gazette:f0", "herald:f0"]])


def test_select_of_every_document_is_the_analysis_itself(seeds):
    assert seeds.select(list(seeds.texts)) is seeds


def test_select_refuses_unknown_documents(seeds):
    with pytest.raises(ValueError, match="unknown document ids: nope"):
        seeds.select([NEWSWEEK, "nope"])


def test_a_figure_claim_is_labelled_with_the_values_of_the_selected_documents(flood):
    whole = flood.claims[flood.claims["type"] == "figure"]
    part = flood.select(["gazette", "courier"]).claims
    (label,) = part.loc[part["claim"].isin(whole["claim"]) & (part["n_docs"] == 2), "label"]
    assert "52" in " ".join(whole["label"]) and "52" not in label and "40" in label
