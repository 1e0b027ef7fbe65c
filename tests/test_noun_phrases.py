"""What may stand as a speaker, and the proper name inside a phrase (analysis/noun_phrases.py)."""

import pytest

from analysis.noun_phrases import named_part, speaker_phrase


@pytest.mark.parametrize(
    ("phrase", "speaker"),
    [
        ("Rival candidate Bruce Hayne", "Bruce Hayne"),
        ("Capital Economics economist William Jackson", "William Jackson"),
        ("Motown legends The Jacksons", "The Jacksons"),
        ("Human Rights Watch researcher Jane Doe", "Jane Doe"),
        ("the top US diplomat", "the top US diplomat"),
        ("the return of some of his favorites like Chris Rock", ""),
        ("fans of Chris Rock", ""),
        ("Labour's Jeremy Corbyn", "Jeremy Corbyn"),
        ("He's", ""),
    ],
)
def test_speaker_phrase(phrase, speaker):
    assert speaker_phrase(phrase) == speaker


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the ISW research", "ISW"),
        ("the UN report", "UN"),
        ("the top US diplomat", "the top US diplomat"),  # a person described, not the country
        ("the former PM", "the former PM"),
    ],
)
def test_named_part(phrase, name):
    assert named_part(phrase) == name


def test_a_name_with_its_acronym_is_one_speaker_in_a_document():
    from analysis.extract import analyze_document

    text = ("Morale is “exceedingly low,” according to a new report from the Institute for the Study of War (ISW).\n\n"
            "“Significant losses on the battlefield are likely to continue,” ISW said in its assessment on Monday.")
    speakers = {q.speaker for q in analyze_document(text).quotes}
    assert speakers == {"Institute for the Study of War (ISW)"}
