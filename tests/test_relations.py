"""How documents relate: copies and their direction, same story, the copy model (analysis/compare/relations.py)."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import analyze
from analysis.compare import copy_features, copy_probability, doc_sets, empty_relations
from analysis.compare.relations import copy_claim, day_number
from analysis.corpus import Corpus, document_from_text

ORIGINAL = [
    "Halden valley flood kills 40",
    "Forty people were killed when the River Wex burst its banks in the Halden valley on Sunday night, the regional "
    "governor said on Monday.",
    "Rescue teams in boats spent the night searching flooded streets in the village of Marrow, where the water rose more "
    "than two metres in an hour.",
    "“We have never seen the river rise so fast. People had minutes to get out,” governor Anna Brandt told reporters at "
    "the scene.",
    "The army sent 300 soldiers and a dozen helicopters to the valley, and the government declared a state of emergency "
    "in three districts.",
    "Meteorologists said a month's rain had fallen in two days, and warned that more storms were expected later in the "
    "week.",
    "Residents who lost their homes were being housed in schools and sports halls in the nearby town of Kelbridge.",
]
# The same story told in other words, quoting the same statement.
OTHER = [
    "Governor warns of more storms after deadly Wex flood",
    "The governor of the Halden region has warned residents to prepare for further storms after floods on the River Wex "
    "left dozens dead.",
    "“We have never seen the river rise so fast. People had minutes to get out,” Anna Brandt said during a visit to "
    "Marrow on Monday.",
    "Emergency crews were pumping water out of the town hall in Kelbridge, which opened its doors to families whose "
    "houses were destroyed.",
    "Farmers in the lower valley said entire harvests of wheat had been lost, and insurers expect claims to run into tens "
    "of millions.",
    "Opposition politicians accused the government of ignoring warnings about the state of the flood defences built in "
    "the 1970s.",
]
# A third report of the day after, none of whose sentences are the original's.
OWN = [
    "Flood in the Halden valley",
    "Water levels on the River Wex were falling on Tuesday as the clean-up began across the valley.",
    "Engineers inspected the Kelbridge road bridge, which was closed after cracks appeared in its central pier.",
    "Local charities said donations of blankets and food had poured in from across the country since Sunday.",
    "Schools in the valley will stay closed until at least next week, the education office said.",
    "The regional parliament is due to hold an emergency session on flood defences on Thursday.",
    "Insurers said it was too early to estimate the cost of the damage to homes and businesses.",
]


def _doc(doc_id, outlet, day, paragraphs):
    return document_from_text(doc_id, "\n\n".join(paragraphs) + "\n", {"outlet": outlet, "date": day})


def _relations(*docs):
    result = analyze(Corpus(list(docs)))
    pairs = {frozenset((a, b)): r for a, b, r in zip(result.similarity["a"], result.similarity["b"],
                                                     result.similarity["relation"])}
    return result, pairs


@pytest.mark.parametrize(
    ("original_date", "copy_date", "doc", "source"),
    [("2024-03-04", "2024-03-05", "copy", "original"), ("2024-03-06", "2024-03-05", "original", "copy")],
)
def test_a_verbatim_copy_under_another_outlet_copies_the_earlier_one(original_date, copy_date, doc, source):
    result, pairs = _relations(_doc("original", "Halden Gazette", original_date, ORIGINAL),
                               _doc("copy", "Daily Wexmoor", copy_date, ORIGINAL),
                               _doc("other", "Northern Herald", "2024-03-05", OTHER))
    assert pairs[frozenset(("original", "copy"))] == "verbatim"
    assert result.copies[["doc", "source", "kind", "basis"]].to_dict("records") == [
        {"doc": doc, "source": source, "kind": "verbatim", "basis": "derived"}]


def test_without_dates_an_excerpt_is_the_copy_of_the_longer_article():
    result, _ = _relations(_doc("original", "Halden Gazette", "", ORIGINAL),
                           _doc("excerpt", "Daily Wexmoor", "", ORIGINAL[:5]),
                           _doc("other", "Northern Herald", "", OTHER))
    assert result.copies[["doc", "source", "kind"]].to_dict("records") == [
        {"doc": "excerpt", "source": "original", "kind": "verbatim"}]


def test_two_articles_quoting_the_same_statement_in_their_own_sentences_are_no_copy():
    result, pairs = _relations(_doc("original", "Halden Gazette", "2024-03-04", ORIGINAL),
                               _doc("other", "Northern Herald", "2024-03-05", OTHER),
                               _doc("own", "Daily Wexmoor", "2024-03-05", OWN))
    row = result.similarity[(result.similarity["a"] == "original") & (result.similarity["b"] == "other")]
    assert row["shared_quotes"].tolist() == [1]
    assert pairs[frozenset(("original", "other"))] == "same story"
    assert result.copies.empty


def test_one_outlets_own_stories_sharing_wording_are_no_copy():
    result, pairs = _relations(_doc("original", "Halden Gazette", "2024-03-04", ORIGINAL),
                               _doc("update", "Halden Gazette", "2024-03-05", ORIGINAL),
                               _doc("other", "Northern Herald", "2024-03-05", OTHER))
    assert pairs[frozenset(("original", "update"))] == "same outlet"
    assert result.copies.empty


def test_two_outlets_carrying_the_same_agency_copy_are_siblings():
    credited = [*ORIGINAL, "(AFP, Reuters)"]
    result, _ = _relations(_doc("gazette", "Halden Gazette", "2024-03-04", credited),
                           _doc("courier", "Daily Wexmoor", "2024-03-04", credited),
                           _doc("other", "Northern Herald", "2024-03-05", OTHER))
    assert result.copies[["kind", "basis"]].to_dict("records") == [{"kind": "verbatim", "basis": "agency"}]


def test_the_more_sentences_reused_the_closer_the_relation_and_the_surer_the_copy():
    kinds, confidence = [], []
    for reused in (0, 2, 4, 6):
        partial = ORIGINAL[: reused + 1] + OWN[reused + 1 :] if reused else OWN
        result, pairs = _relations(_doc("original", "Halden Gazette", "2024-03-04", ORIGINAL),
                                   _doc("partial", "Daily Wexmoor", "2024-03-05", partial),
                                   _doc("other", "Northern Herald", "2024-03-05", OTHER))
        kinds.append(pairs[frozenset(("original", "partial"))])
        confidence.append(result.copies["confidence"].tolist())
    assert kinds[0] not in ("verbatim", "spun", "rewrite") and kinds[1:] == ["rewrite", "verbatim", "verbatim"]
    assert confidence[0] == [] and confidence[1][0] < confidence[2][0] < confidence[3][0]


def _alignment(n, **columns):
    base = {"reuse": np.zeros(n), "aligned": np.zeros(n), "lead": np.zeros(n), "early": np.zeros(n)}
    return {**base, **{k: np.asarray(v, dtype=float) for k, v in columns.items()}}


@pytest.mark.parametrize("column", ["reuse", "aligned", "lead", "early"])
def test_copy_probability_grows_with_each_sign_of_reuse(column):
    values = [0, 0.25, 0.5, 1] if column != "reuse" else [0, 1, 5, 20, 100]
    p = copy_probability(_alignment(len(values), **{column: values}), np.zeros(len(values), bool), np.zeros(len(values)))
    assert np.all(np.diff(p) > 0) and np.all((p > 0) & (p < 1))


def test_copy_probability_falls_for_one_outlet_and_with_days_apart():
    alignment = _alignment(3, reuse=[20] * 3, aligned=[1] * 3)
    p = copy_probability(alignment, np.array([False, True, False]), np.array([0, 0, 10]))
    assert p[1] < p[0] and p[2] < p[0]


def test_copy_features_are_read_in_the_models_order():
    alignment = _alignment(2, reuse=[0, math.e - 1], aligned=[0.5, 1], lead=[0, 1], early=[0.25, 0.5])
    features = copy_features(alignment, np.array([False, True]), np.array([3.0, 45.0]))
    assert features == pytest.approx(np.array([[0, 0.5, 0, 0.25, 0, 3], [1, 1, 1, 0.5, 1, 30]]))


@pytest.mark.parametrize(("written", "days"), [("2024-03-05", 1), ("March 6, 2024", 2), ("4 March 2024", 0)])
def test_day_number(written, days):
    assert day_number(written) - day_number("2024-03-04") == days


def test_day_number_of_an_unreadable_date_is_nan():
    assert math.isnan(day_number("")) and math.isnan(day_number("last week"))


def test_doc_sets_leave_out_unclustered_rows():
    df = pd.DataFrame({"doc": ["a", "a", "b", "b"], "cluster": [0, -1, 0, float("nan")]})
    assert doc_sets(df, "cluster") == {"a": {0}, "b": {0}}


def test_empty_relations_make_each_document_its_own_story():
    similarity, stories, copies = empty_relations(["only"])
    assert similarity.empty and copies.empty
    assert stories["docs"].tolist() == [["only"]]
    assert list(copies.columns) == ["doc", "source", "kind", "basis", "confidence", "evidence", "sentences"]


@pytest.mark.parametrize(
    ("kind", "basis", "claim"),
    [
        ("verbatim", "derived", "Daily Wexmoor is a verbatim copy of Halden Gazette"),
        ("spun", "derived", "Daily Wexmoor is a synonym-spun copy of Halden Gazette"),
        ("verbatim", "agency",
         "Daily Wexmoor and Halden Gazette carry the same agency copy (verbatim; a news agency is credited)"),
        ("rewrite", "interview",
         "Daily Wexmoor and Halden Gazette retell the same interview (most of their quotes, given to the same outlet)"),
    ],
)
def test_copy_claim(kind, basis, claim):
    row = pd.DataFrame([{"doc": "copy", "source": "original", "kind": kind, "basis": basis}]).iloc[0]
    assert copy_claim(row, {"copy": "Daily Wexmoor", "original": "Halden Gazette"}) == claim
