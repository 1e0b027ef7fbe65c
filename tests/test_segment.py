import pytest

from analysis.segment import segment


def kinds(text):
    seg = segment(text)
    return {text[p.start : p.end]: p.kind for p in seg.paragraphs}


def test_site_chrome_counters_and_bylines_are_furniture():
    text = (
        "top of page\n\nBy Jane Roe\n\nMayor Quits After Vote\n\n0\n\n1193\n\n"
        "The mayor resigned on Monday after the council vote, officials said.\n\nRead more at this link\n"
    )
    k = kinds(text)
    assert k["top of page"] == "chrome"
    assert k["By Jane Roe"] == "byline"
    assert k["0"] == "counter" and k["1193"] == "counter"
    assert k["Mayor Quits After Vote"] == "heading"
    assert k["Read more at this link"] == "chrome"
    assert k["The mayor resigned on Monday after the council vote, officials said."] == "body"


def test_photo_captions_with_credits_and_stock_photo_labels():
    text = (
        "The council met on Monday to vote on the budget.\n"
        "Council members are pictured during the session in Springfield. JOHN DOE/AFP/Getty Images\n"
        "Local politics: Council members standing in front of the town hall near the river.\n"
        "The budget passed by a narrow margin after a long debate.\n"
    )
    k = kinds(text)
    assert k["Council members are pictured during the session in Springfield. JOHN DOE/AFP/Getty Images"] == "caption"
    assert k["Local politics: Council members standing in front of the town hall near the river."] == "caption"
    assert k["The budget passed by a narrow margin after a long debate."] == "body"


def test_author_bio_at_the_end_and_everything_after_about_the_writer():
    body = "The flood reached the town on Tuesday and the river kept rising all night long.\n" * 4
    text = body + "About the author\nJo Smith covers weather for us.\nJo Smith is a senior reporter at the Daily Planet based in Metropolis.\n"
    k = kinds(text)
    assert k["Jo Smith covers weather for us."] == "bio"
    assert k["Jo Smith is a senior reporter at the Daily Planet based in Metropolis."] == "bio"


def test_inserted_ad_that_shares_no_vocabulary_is_marked():
    body = [
        "The storm flooded the harbour and damaged fishing boats overnight.",
        "Fishing crews said the harbour wall failed during the storm.",
        "Officials promised to repair the harbour wall before winter.",
        "Optimize asset flow management with cloud inventory solutions.",
        "Boats damaged in the storm will be inspected by officials.",
    ]
    k = kinds("\n\n".join(body))
    assert k["Optimize asset flow management with cloud inventory solutions."] == "ad"
    assert k["Officials promised to repair the harbour wall before winter."] == "body"


def test_dateline_prefix_is_split_off_and_offsets_are_kept():
    text = " date 2022-05-22 “We were tired,” the officer said.\n"
    seg = segment(text)
    meta = [p for p in seg.paragraphs if p.kind == "metadata"]
    body = [p for p in seg.paragraphs if p.kind == "body"]
    assert text[meta[0].start : meta[0].end].strip() == "date 2022-05-22"
    assert text[body[0].start : body[0].end].startswith("“We were tired")


def test_sentences_do_not_split_at_abbreviations_or_initials():
    text = "Mr. Smith met Gen. J. Doe in the U.S. capital. They talked for an hour. Then they left."
    seg = segment(text)
    sents = [text[s.start : s.end] for s in seg.sentences]
    assert sents == ["Mr. Smith met Gen. J. Doe in the U.S. capital.", "They talked for an hour.", "Then they left."]


def test_long_paragraph_without_breaks_becomes_windows_of_sentences():
    text = " ".join(f"Sentence number {i} talks about the harbour and the storm damage today." for i in range(30))
    seg = segment(text)
    assert len(seg.passages) == 6
    assert seg.passages[0][0] == 0 and seg.passages[-1][1] == len(text)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Officials said the dam held on Sunday after the heavy rain. Engineers will inspect it on Monday, the agency "
         "said. Source:-News agencies", "the agency said."),
        ("Officials said the dam held on Sunday after the heavy rain. Engineers will inspect it on Monday, the agency "
         "said. Send Facebook Twitter Google+ Whatsapp Tumblr linkedin", "the agency said."),
        ("“But I felt even more guilty because we came to Ukraine,” she said of the months after the war began. Read more "
         "at this link.", "the war began."),
    ],
)
def test_a_passage_ends_with_the_articles_own_sentence(text, passage):
    from analysis.segment import segment

    (span,) = segment(text).passages
    assert text[span[0] : span[1]].endswith(passage)


@pytest.mark.parametrize(
    "furniture",
    ["ABC News' Julia Jacobo and Emily Shapiro contributed to this report.",
     "The views expressed in this article are the author's own and do not necessarily reflect the editorial policy.",
     "Email haveyoursay@example.com with your stories.",
     "Do you have information you want to share with the Huffington Post? Here's how."],
)
def test_credit_and_disclaimer_lines_close_no_passage(furniture):
    text = ("Officials said the dam held on Sunday after the heavy rain. Engineers will inspect it on Monday, the agency "
            "said. " + furniture)
    (span,) = segment(text).passages
    assert text[span[0] : span[1]].endswith("the agency said.")
