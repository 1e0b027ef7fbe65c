"""Bytes to text, binary files refused by name, and a check for English (analysis/decoding.py)."""

import pytest

from analysis.decoding import decode, looks_english
from analysis.errors import CorpusError

SENTENCE = "“We will rebuild the bridge,” the mayor said. It’s a promise — and the café on the corner will reopen."


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (SENTENCE.encode("utf-8"), SENTENCE),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), SENTENCE),
        (SENTENCE.encode("utf-16"), SENTENCE),
        (SENTENCE.encode("utf-16-le"), SENTENCE),
        (SENTENCE.encode("utf-16-be"), SENTENCE),
    ],
    ids=["utf-8", "utf-8 with BOM", "utf-16 with BOM", "utf-16-le without BOM", "utf-16-be without BOM"],
)
def test_unicode_encodings(data, text):
    assert decode(data, "article.txt") == text


@pytest.mark.parametrize(
    "text",
    [SENTENCE, "“Yes,” she said.", "“We are not going back,” Costa added.", "‘No comment’ – the minister"],
)
def test_windows_curly_quotes_and_dashes(text):
    assert decode(text.encode("cp1252"), "article.txt") == text


def test_latin_1_accents():
    text = "The café in Zürich reopened on Monday, the owner said. Señor García was pleased."
    assert decode(text.encode("latin-1"), "article.txt") == text


def test_a_byte_order_mark_is_not_kept_as_text():
    assert decode(b"\xef\xbb\xbfThe mayor said.", "article.txt") == "The mayor said."


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "a PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\x1f\x8b\x08\x00\x00\x00", "a gzip archive"),
    ],
)
def test_binary_formats_are_refused_by_name(data, what):
    with pytest.raises(CorpusError, match=f"article.txt: this is {what}"):
        decode(data, "article.txt")


def test_bytes_full_of_control_characters_are_refused():
    with pytest.raises(CorpusError, match="article.txt: this is a binary file"):
        decode(bytes(range(256)) * 4, "article.txt")


ENGLISH = ("Russian troops have been struggling with low morale and heavy losses in Ukraine, according to the assessments "
           "by Western officials including the Pentagon. The UK intelligence agency says some have even refused to carry "
           "out orders. The officer told CNN that he went to find his commander and resigned his commission on the spot.")
FRENCH = ("Les troupes russes souffrent d'un moral bas et de lourdes pertes en Ukraine, selon les évaluations des "
          "responsables occidentaux, dont le Pentagone. Les services de renseignement britanniques affirment que certains "
          "ont même refusé d'exécuter les ordres. L'officier a déclaré à CNN qu'il avait démissionné sur-le-champ.")
GERMAN = ("Russische Truppen kämpfen mit schlechter Moral und schweren Verlusten in der Ukraine, so die Einschätzungen "
          "westlicher Beamter, darunter das Pentagon. Der britische Geheimdienst sagt, einige hätten sich sogar geweigert, "
          "Befehle auszuführen. Der Offizier sagte CNN, er habe sofort seinen Abschied eingereicht.")
RUSSIAN = ("Российские войска страдают от низкого боевого духа и тяжелых потерь в Украине, согласно оценкам западных "
           "чиновников, в том числе Пентагона. Британская разведка утверждает, что некоторые даже отказались выполнять "
           "приказы. Офицер сказал CNN, что сразу же подал в отставку.")


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (FRENCH, False), (GERMAN, False), (RUSSIAN, False)],
                         ids=["english", "french", "german", "russian"])
def test_looks_english(text, english):
    assert looks_english(text) is english


def test_a_short_text_gets_the_benefit_of_the_doubt():
    assert looks_english("Bonjour tout le monde.") is True
