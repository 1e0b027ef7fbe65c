"""What the comparison reads from each document (analysis/compare/features.py)."""

import pytest

from analysis.attribution import find_attributions
from analysis.compare import document_features
from analysis.figures import extract_figures
from analysis.quotes import extract_quotes
from analysis.segment import segment


def features(text):
    """document_features of ``text``, its inputs made as the engine makes them (analysis/extract.py)."""
    seg = segment(text)
    quotes = [q for q in extract_quotes(text, seg) if q.kind == "quote"]
    figures = extract_figures(text, seg, [(q.start, q.end, q.speaker) for q in quotes])
    body = [(s.start, s.end) for s in seg.sentences if seg.paragraphs[s.paragraph].kind == "body"]
    told = [a.addressee for p in seg.content for a in find_attributions(text, p.start, p.end) if a.addressee]
    return document_features(text, body, [(q.start, q.end) for q in quotes],
                             [(f.start, f.end, f.sentence_start, f.sentence_end, f.subject) for f in figures], told=told)


FLOOD = (
    "The flood in the Halden valley killed 40 people on Sunday, the regional governor said.\n\n"
    "“We have never seen the river rise so fast. People had minutes to get out,” governor Anna Brandt told reporters "
    "at the scene.\n\n"
    "The army sent 300 soldiers to the valley.\n\n"
    "Rain fell all day.\n\n"
    "Brandt spoke to the BBC on Monday and said more storms were expected later in the week.\n\n"
    "See the pictures at https://example.com/flood on our website today.\n\n"
    "(AFP, Reuters)\n"
)


@pytest.fixture(scope="module")
def flood():
    return features(FLOOD)


def test_narrative_sentences_are_the_writers_own_words_normalised(flood):
    assert flood.narrative == [
        "the flood in the halden valley killed 40 people on sunday the regional governor said",
        "governor anna brandt told reporters at the scene",
        "the army sent 300 soldiers to the valley",
        "brandt spoke to the bbc on monday and said more storms were expected later in the week",
    ]


def test_narrative_spans_are_where_the_sentences_are(flood):
    starts = [FLOOD[s:e].split()[0] for s, e in flood.narrative_spans]
    assert starts == ["The", "People", "The", "Brandt"]


def test_quotes_are_kept_apart_from_the_narrative(flood):
    assert flood.quote_words == ["we have never seen the river rise so fast people had minutes to get out"]


@pytest.mark.parametrize(
    ("text", "narrative", "quote_words"),
    [
        ("The agency said morale was “exceedingly low” among the troops after weeks of fighting.\n",
         ["the agency said morale was among the troops after weeks of fighting"], ["exceedingly low"]),
        ("“The bridge will reopen in March,” the mayor said.\n", [], ["the bridge will reopen in march"]),
    ],
)
def test_a_quote_is_cut_out_of_its_sentence(text, narrative, quote_words):
    f = features(text)
    assert (f.narrative, f.quote_words) == (narrative, quote_words)


@pytest.mark.parametrize(
    "text",
    ["Rain fell all day.\n",
     "Protesters gathered outside parliament on Monday, chanting slogans against the government. (@ReutersWorld)\n",
     "See the pictures at https://example.com/flood on our website today.\n"],
)
def test_short_sentences_and_embedded_posts_are_no_narrative(text):
    assert features(text).narrative == []


def test_narrative_words_are_distinct_in_order_of_appearance():
    f = features("The army sent 300 soldiers to the valley. The army sent boats to the valley too.\n")
    assert f.narrative_words == "the army sent 300 soldiers to valley boats too"


def test_figure_stems_and_classes_describe_each_figures_sentence(flood):
    assert flood.figure_stems == ["flood gover halde kille peopl regio said sunda valle", "army sent soldi valle"]
    assert flood.figure_classes == [("casualties dead people", "people", "casualties dead people", ""),
                                    ("people", "people", "people", "")]


def test_a_figure_in_a_hypothetical_sentence_is_marked_elsewhen():
    f = features("The mayor said the bridge would reopen in March after repairs costing £4.5 million.\n")
    assert [c[3] for c in f.figure_classes] == ["elsewhen"]


def test_name_terms_are_names_and_numbers_inside_sentences(flood):
    assert flood.name_terms == "Halden #40 Sunday Anna Brandt #300 BBC Monday"


def test_agency_credit(flood):
    assert flood.credit == "(AFP, Reuters)"
    assert features("The mayor said the bridge would reopen in March after the repairs.\n").credit == ""


@pytest.mark.parametrize(
    ("text", "interviewers"),
    [
        (FLOOD, "BBC"),
        ("The officer told CNN that he resigned his commission on the spot after a month at the front.\n", "CNN"),
        ("Trump told Comey that he hoped the inquiry into Michael Flynn would end soon.\n", ""),
        ("The mayor said the bridge would reopen in March after the repairs.\n", ""),
    ],
)
def test_interviewers_are_organisations_spoken_to(text, interviewers):
    assert features(text).interviewers == interviewers
