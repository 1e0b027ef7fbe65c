"""Metadata from an article's own text and link: dates, outlets, agency credits, interviewers (analysis/metadata.py)."""

from datetime import date

import pytest

from analysis.metadata import agency_credit, infer_metadata, interviewers, outlet_from_url, parse_date


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2026-03-14", date(2026, 3, 14)),
        ("2017-01-03T10:00:00", date(2017, 1, 3)),
        ("2022-05-22 12:00", date(2022, 5, 22)),
        ("2026/3/4", date(2026, 3, 4)),
        ("March 14, 2026", date(2026, 3, 14)),
        ("March 14th, 2026", date(2026, 3, 14)),
        ("Mar. 14, 2026", date(2026, 3, 14)),
        ("Sept. 5, 2019", date(2019, 9, 5)),
        ("Tuesday, November 15, 2022", date(2022, 11, 15)),
        ("Published 9:46 PM CDT Sep 26, 2013", date(2013, 9, 26)),
        ("14 March 2026 -", date(2026, 3, 14)),
        ("14th March 2026", date(2026, 3, 14)),
        ("1 Dec 2021", date(2021, 12, 1)),
        ("Updated: 5 June 2022 09:15 BST", date(2022, 6, 5)),
    ],
)
def test_parse_date(written, day):
    assert parse_date(written) == day


@pytest.mark.parametrize("written", ["March 2026", "yesterday", "", None, "February 30, 2020"])
def test_parse_date_needs_a_whole_real_day(written):
    assert parse_date(written) is None


def test_parse_date_skips_an_impossible_day_for_the_next_one():
    assert parse_date("February 30, 2020 and March 1, 2020") == date(2020, 3, 1)


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.bbc.co.uk/news/world-europe-123", "bbc.co.uk"),
        ("http://edition.cnn.com/2022/05/22/europe/russian-officer", "cnn.com"),
        ("https://m.theguardian.com/world/2022/may/22/x", "theguardian.com"),
        ("https://amp.theguardian.com/world/x", "theguardian.com"),
        ("https://WWW.Newsweek.COM/russian-morale", "newsweek.com"),
        ("https://www.aljazeera.com:443/news/x", "aljazeera.com"),
        ("www.reuters.com/world/europe/x", "reuters.com"),
        ("reuters.com", "reuters.com"),
    ],
)
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Russian forces shelled the city overnight, officials said. (AFP, Reuters)", "(AFP, Reuters)"),
        ("(Reuters) - Oil prices rose on Monday.", "(Reuters)"),
        ("LONDON (Reuters) - Oil prices rose on Monday.", "LONDON (Reuters) -"),
        ("KYIV, Ukraine (AP) — Russian forces shelled the city overnight.", "KYIV, Ukraine (AP) —"),
        ("Reuters contributed to this report.", "Reuters contributed to this report"),
        ("Bloomberg contributed to this report.", "Bloomberg contributed to this report"),
        ("Source: News agencies", "Source: News agencies"),
    ],
)
def test_agency_credit_as_written(text, credit):
    assert agency_credit(text) == credit


def test_the_associated_press_contributing_is_a_credit():
    assert "Associated Press" in agency_credit("The Associated Press contributed to this report.")


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the bridge would reopen in March.",
        "Russian forces shelled the city overnight, officials told Reuters.",
        "The AP reported that 12 people died.",
    ],
)
def test_no_agency_credit(text):
    assert agency_credit(text) == ""


@pytest.mark.parametrize(
    ("text", "told", "found"),
    [
        ("The officer spoke to the BBC on condition of anonymity.", (), "BBC"),
        ("In an interview with Reuters, the minister said talks had stalled.", (), "Reuters"),
        ("In an interview with the Financial Times, the minister said talks had stalled.", (), "Financial Times"),
        ("She talked with The New York Times about the case.", (), "New York Times"),
        ("The minister was interviewed by NPR on Sunday.", (), "NPR"),
        ("The officer told CNN that morale was low.", ("CNN",), "CNN"),
        ("He spoke to the BBC. She spoke to the BBC too.", (), "BBC"),
    ],
)
def test_interviewers(text, told, found):
    assert interviewers(text, told) == found


@pytest.mark.parametrize(
    ("text", "told"),
    [
        ("Trump told Comey he hoped the inquiry would end.", ("Comey",)),
        ("He spoke to Vladimir Putin by phone.", ()),
        ("He spoke to his commander and resigned.", ()),
        ("She talked to reporters outside the court.", ()),
    ],
)
def test_a_person_or_an_audience_spoken_to_is_no_interviewer(text, told):
    assert interviewers(text, told) == ""


def test_title_byline_and_dateline_from_the_head_of_the_text():
    text = ("Russian officer quits war in Ukraine\n\nBy Uliana Pavlova\n\nMay 22, 2022\n\n"
            "The Russian junior officer said he had resigned his commission after weeks at the front.\n")
    meta, source = infer_metadata(text)
    assert {k: meta[k] for k in ("title", "author", "date")} == {
        "title": "Russian officer quits war in Ukraine", "author": "Uliana Pavlova", "date": "May 22, 2022"}
    assert source["author"] == "text: byline"


def test_author_and_outlet_from_the_bio():
    text = ("Russian morale exceedingly low, says ISW\n\n"
            "The Russian military's morale is exceedingly low following significant losses in Ukraine's Donbas region, "
            "according to a new report.\n\nAila Slisco is a Newsweek reporter based in New York.\n")
    meta, _ = infer_metadata(text)
    assert (meta["author"], meta["outlet"]) == ("Aila Slisco", "Newsweek")


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Several news agencies reported the blast.", ""),
        ("Officials spoke to news agencies on Monday.", ""),
        ("The talks ended without a deal. SOURCE: AL JAZEERA AND NEWS AGENCIES", "AND NEWS AGENCIES"),
    ],
)
def test_news_agencies_are_credited_only_as_a_credit(text, credit):
    assert agency_credit(text) == credit


@pytest.mark.parametrize(
    ("text", "interviewer"),
    [
        ("Speaking with CNN, the officer said the unit had refused to advance.", "CNN"),
        ("Speaking to the BBC, the minister said talks would resume.", "BBC"),
        ("Interviewed by NPR, she said the plan had failed.", "NPR"),
    ],
)
def test_an_interview_named_at_a_sentence_start(text, interviewer):
    assert interviewers(text) == interviewer
