"""Chart builders, their offline export, the HTML report and the Reader's marked-up text."""

import html
import math
import re

import pandas as pd
import pytest

from analysis import charts
from analysis.report import Mark, annotated_html, build_report, diff_html

SPUN, SOURCE, REWRITE = "002_86c820cc9228e063", "001_754866e561cd06dd", "004_685c18a98fc2fffd"


@pytest.fixture(scope="module")
def built(seed_analysis):
    a = seed_analysis
    names = dict(zip(a.documents["id"], a.documents["name"]))
    return {
        "story map": charts.story_map(a.documents, a.stories, a.copies, a.similarity, names),
        "similarity": charts.similarity_heatmap(a.similarity, names),
        "coverage": charts.topic_coverage_heatmap(a.coverage, a.topics, names),
        "sizes": charts.topic_sizes(a.topics),
        "shares": charts.topic_shares(a.coverage, a.topics, names),
        "terms": charts.distinctive_terms_chart(a.distinctive_terms),
        "quotes": charts.quotes_per_document(a.quotes, names),
        "speakers": charts.quotes_per_speaker(a.quotes, names),
        "figures": charts.figures_per_document(a.figures, names),
        "groups": charts.figure_groups_chart(a.figures, a.figure_groups, names),
    }


def test_every_chart_has_a_title_and_renders_offline(built):
    for name, chart in built.items():
        spec = chart.to_dict()
        assert spec.get("title"), name
        svg = charts.chart_svg(chart)
        assert svg.startswith("<svg") and "<text" in svg, name
    png = charts.chart_png(built["story map"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_html_export_works_without_a_network(built):
    page = charts.chart_html(built["quotes"])
    assert "<script" in page and "vegaEmbed" in page
    assert not re.search(r"<script[^>]+src=[\"']https?://", page)


def test_story_map_draws_the_copies_the_engine_found(built):
    data = built["story map"].to_dict()["datasets"].values()
    heads = next(rows for rows in data if rows and "angle" in rows[0])
    curves = next(rows for rows in data if rows and "order" in rows[0])
    node_rows = next(rows for rows in data if rows and "doc" in rows[0])
    nodes = {r["document"]: (r["x"], r["y"]) for r in node_rows}
    assert sorted(h["relation"] for h in heads) == ["spun"]  # an arrowhead per copy, none for a story link
    assert {c["relation"] for c in curves} == {"spun", "rewrite", "same story"}
    # Two retellings of one interview are siblings: linked, no arrow says which took from which.
    assert all("retell the same interview" in c["what"] for c in curves if c["relation"] == "rewrite")
    spun = next(h for h in heads if h["relation"] == "spun")
    assert "is a synonym-spun copy of The Financial District" in spun["what"]
    # The arrow points at what was copied: its head sits by the source, and the source lies ahead of it.
    source = nodes["The Financial District"]
    assert math.dist((spun["x"], spun["y"]), source) < 20
    assert all(len(line) <= 30 for r in node_rows for line in r["label"].split("\n"))  # long names wrap, not overrun
    # The two documents in no story with another are one block, not two columns that read like stories.
    headings = [r["text"] for rows in data for r in rows if "text" in r and "x" in r]
    assert sorted(h.split("\n")[0] for h in headings) == ["In no story with another · 2 documents", "Story 1 · 3 documents"]


def test_disagreeing_figure_group_is_labelled():
    from analysis import analyze, load_corpus

    from .conftest import DATA

    flood = analyze(load_corpus(DATA / "flood"))  # three reports of one flood that disagree on two counts
    names = dict(zip(flood.documents["id"], flood.documents["name"]))
    chart = charts.figure_groups_chart(flood.figures, flood.figure_groups, names)
    rows = [r for rows in chart.to_dict()["datasets"].values() for r in rows if "group_label" in r]
    assert any(r["group_label"].endswith("(disagree)") for r in rows)


def test_the_same_figure_chart_is_as_tall_as_what_it_draws_not_the_corpus(seed_analysis):
    a = seed_analysis
    names = dict(zip(a.documents["id"], a.documents["name"]))
    alone = charts.figure_groups_chart(a.figures, a.figure_groups, names).to_dict()["height"]
    # 295 more documents in the corpus that report none of these figures: a 300-article upload once made it
    # 86,400 px tall.
    crowd = names | {f"other-{k}": f"Other article {k}" for k in range(295)}
    assert charts.figure_groups_chart(a.figures, a.figure_groups, crowd).to_dict()["height"] == alone
    # However many groups, it draws at most FIGURE_GROUPS_SHOWN rows, and says how many more the table holds.
    groups = a.figure_groups
    many = groups.loc[groups.index.repeat(30)].assign(group=lambda g: range(len(g)),
                                                      label=lambda g: [f"thing {k}" for k in range(len(g))])
    figures = a.figures[a.figures["id"].isin({f for ids in groups["figures"] for f in ids})]
    by_id = figures.set_index("id")
    copies = [by_id.loc[f].to_dict() | {"id": f"{f}-{g}", "group": g} for g, ids in zip(many["group"], many["figures"])
              for f in ids]
    many = many.assign(figures=[[f"{f}-{g}" for f in ids] for g, ids in zip(many["group"], many["figures"])])
    spec = charts.figure_groups_chart(pd.DataFrame(copies), many, names).to_dict()
    labels = {r["group_label"] for rows in spec["datasets"].values() for r in rows if "group_label" in r}
    assert len(labels) == charts.FIGURE_GROUPS_SHOWN
    assert f"{len(many) - charts.FIGURE_GROUPS_SHOWN} more in the table" in " ".join(spec["title"]["subtitle"])


def test_the_story_map_of_one_document_is_as_wide_as_its_title(seed_analysis):
    one = seed_analysis.select(["003_af756bb7ed55ff37"])
    names = dict(zip(one.documents["id"], one.documents["name"]))
    spec = charts.story_map(one.documents, one.stories, one.copies, one.similarity, names).to_dict()
    # The page draws a chart as wide as it says: 270 px cut its subtitle ("Documents telling one story stand in one col").
    assert spec["width"] >= 5.5 * len(spec["title"]["subtitle"])  # about 5.5 px a character at its size


def test_amounts_and_counts_are_labelled_as_news_writes_them():
    # 0.1 is no "100m" (SI's milli), 120 million is "100M" on a power-of-ten axis, and counts are whole.
    figures = pd.DataFrame({"id": ["a:f0", "b:f0", "a:f1", "b:f1"], "doc": ["a", "b", "a", "b"], "group": [0, 0, 1, 1],
                            "text": ["0.1%", "0.3%", "$120m", "$90m"], "value": [0.1, 0.3, 1.2e8, 9e7],
                            "high": [None] * 4, "qualifier": [""] * 4, "subject": ["rate", "rate", "cost", "cost"],
                            "source": [""] * 4})
    groups = pd.DataFrame({"group": [0, 1], "label": ["rate", "cost"], "disagree": [False, True],
                           "docs": [["a", "b"], ["a", "b"]], "figures": [["a:f0", "b:f0"], ["a:f1", "b:f1"]]})
    svg = charts.chart_svg(charts.figure_groups_chart(figures, groups, {"a": "Alpha", "b": "Beta"}))
    labels = set(re.findall(r"<text[^>]*>([^<]+)</text>", svg))
    assert {"0.1", "1", "10k", "100M", "1B"} <= labels and not {"100m", "1G"} & labels
    quotes = pd.DataFrame({"doc": ["a", "a", "b"], "text": ["x y z", "a b c", "d e f"], "speaker": ["A", "A", "B"],
                           "cluster": [-1, -1, -1]})
    svg = charts.chart_svg(charts.quotes_per_document(quotes, {"a": "Alpha", "b": "Beta"}))
    assert not re.search(r">\d+\.\d<", svg)  # no "1.0", "2.0"


def test_a_report_draws_per_document_charts_for_the_most_involved_documents_only(seed_analysis):
    part = seed_analysis.most_involved(2)
    assert len(part.documents) == 2
    assert set(part.documents["id"]) <= {SPUN, SOURCE, REWRITE}  # documents in a copy come first
    assert seed_analysis.most_involved(30) is seed_analysis


def test_distinctive_terms_rejects_an_unknown_level(seed_analysis):
    with pytest.raises(ValueError, match="level must be 'outlet' or 'document'"):
        charts.distinctive_terms_chart(seed_analysis.distinctive_terms, level="author")


def test_annotated_html_escapes_text_and_keeps_every_character():
    text = 'He said "<script>alert(1)</script>" 5 times.\n\nNext <img src=x onerror=alert(2)> line'
    out = annotated_html(text, [Mark(8, 36, "quote", 'a "speaker"', "#0072B240"), Mark(37, 38, "figure", "5")],
                         focus=(0, 14))
    assert "<script>" not in out and "<img" not in out
    assert 'id="selected-finding"' in out and 'class="figure"' in out and "&quot;speaker&quot;" in out
    visible = html.unescape(re.sub(r"<[^>]+>", "", out))
    assert visible == text.replace("\n", "")


def test_overlapping_marks_are_nested_not_lost():
    text = "The officer said 60% of the unit refused."
    out = annotated_html(text, [Mark(4, 24, "quote"), Mark(17, 40, "figure")])
    assert out.count('class="quote"') >= 1 and out.count('class="figure"') >= 1
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_diff_html_marks_deletions_and_insertions():
    assert diff_html("we [-were-] {+had been+} <tired>") == "we <del>were</del> <ins>had been</ins> &lt;tired&gt;"


def test_report_tables_speak_a_readers_words(seed_analysis):
    report = build_report(seed_analysis)
    headers = set(re.findall(r"<th>([^<]*)</th>", report))
    assert not [h for h in headers if "_" in h or h.islower()], headers  # "Main topic", not "main_topic_label"
    assert "verb of saying after it" in report and ">trailing<" not in report


def test_report_is_self_contained_and_follows_the_selection(seed_analysis):
    report = build_report(seed_analysis.select([SOURCE, SPUN]), title="Spun <copy> check")
    assert report.startswith("<!DOCTYPE html>") and '<img alt="Story map"' in report and "data:image/png;base64," in report
    assert "Spun &lt;copy&gt; check" in report and "<copy>" not in report
    assert "2 documents" in report and "Newsweek" not in report
    assert "<script" not in report and "http://" not in report and "https://" not in report


def test_select_restricts_every_table_without_recomputing(seed_analysis):
    full = seed_analysis
    part = full.select([SPUN, REWRITE])
    assert set(part.documents["id"]) == {SPUN, REWRITE}
    for name, table in part.tables().items():
        if "doc" in table.columns:
            assert set(table["doc"]) <= {SPUN, REWRITE}, name
    # The two share no wording but most of their quotes, from the interview both say was given to CNN: siblings.
    assert part.copies[["kind", "basis"]].values.tolist() == [["rewrite", "interview"]]
    assert full.select([SPUN, SOURCE]).copies[["doc", "source"]].values.tolist() == [[SPUN, SOURCE]]
    assert part.topics is full.topics
    disagree = part.figure_groups[part.figure_groups["disagree"]]
    assert len(disagree) == 1 and all(set(d) <= {SPUN, REWRITE} for d in part.figure_groups["docs"])
    # The disagreement is "greater than 22,000" against "more than 29,000"; "Thousands of Russian troopers" is vague.
    assert [sorted(f.split(":")[0][:3] for f in pair) for pair in disagree.iloc[0]["conflicts"]] == [["002", "004"]]
    assert full.select(full.texts) is full
    with pytest.raises(ValueError, match="unknown document ids: nope"):
        full.select(["nope"])
