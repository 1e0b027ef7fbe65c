"""Bad input through each door: the library, the command line and the dashboard's upload.

Every case ends in either a correct analysis or one clear error that names the
file (and the row, for tables): never a traceback, never a half-stored upload.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from streamlit.testing.v1 import AppTest

from analysis import analyze
from analysis.cli import main
from analysis.corpus import CorpusError, documents_from_bytes
from analysis.store import DB_ENV_VAR, Store

from .conftest import ROOT


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("article.txt", "The mayor said 12 roads closed. " * 20)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nstream\nx\x9c\xed\xbd\nendstream\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
NEWS = "The city council said 12 roads were closed on Monday. \u201cWe are doing all we can,\u201d Mayor Ann Lee said."


@dataclass(frozen=True)
class Case:
    file: str
    data: bytes
    error: str = ""  # a pattern the one-line error must match; empty when the input must be analysed
    quotes: int | None = None  # expected counts, when the input is analysed
    figures: list[float] | None = None
    text_has: str = ""
    note: str = ""  # a pattern one of the loader's notes must match
    documents: int = 1
    extra: dict = field(default_factory=dict)


CASES = {
    "empty file": Case("empty.txt", b"", error=r"empty\.txt: the file is empty"),
    "whitespace only": Case("blank.txt", b" \n\t\r\n   \n", error=r"blank\.txt: the file is empty"),
    "PNG image": Case("photo.txt", PNG, error=r"photo\.txt: this is a PNG image"),
    "ZIP archive": Case("archive.txt", _zip(), error=r"archive\.txt: this is a ZIP archive"),
    "PDF bytes": Case("report.txt", PDF, error=r"report\.txt: this is a PDF file"),
    "random binary": Case("data.txt", bytes(range(256)) * 40, error=r"data\.txt: this is a binary file"),
    "control characters": Case("ctrl.txt", bytes(range(1, 32)) * 60, error=r"ctrl\.txt: this is a binary file"),
    "cp1252": Case("cp1252.txt", "Officials said the caf\xe9\u2019s owner \u2013 \u201cI counted 40 guests,\u201d she said.".encode("cp1252"),
                   quotes=1, figures=[40.0], text_has="caf\xe9\u2019s owner \u2013 \u201cI counted"),
    "latin-1": Case("latin1.txt", "Se\xf1or N\xfa\xf1ez said 5 people left the caf\xe9 early.".encode("latin-1"),
                    quotes=0, figures=[5.0], text_has="Se\xf1or N\xfa\xf1ez"),
    "UTF-16 with BOM": Case("utf16.txt", NEWS.encode("utf-16"), quotes=1, figures=[12.0], text_has="Mayor Ann Lee"),
    "UTF-16 without BOM": Case("utf16le.txt", NEWS.encode("utf-16-le"), quotes=1, figures=[12.0], text_has="Mayor Ann Lee"),
    "mixed line endings": Case(
        "endings.txt", b"Roads Closed\r\n\r\nThe council said 12 roads closed.\rMayor Ann Lee said \"we are ready for it\".\n\nIt rained.",
        quotes=1, figures=[12.0], text_has="closed.\nMayor"),
    "a 1 MB line with no breaks": Case("line.txt", ("The council said 5 roads closed and " * 30_000).encode(),
                                       quotes=0, figures=[5.0] * 30_000),
    "CSV without a text column": Case("no-text.csv", b"id,title\n1,Roads closed\n", error=r"no-text\.csv: no text column"),
    "CSV with an unclosed quote": Case("unclosed.csv", b'id,text\n1,"The council said 12 roads closed.\n2,Fine text.\n',
                                       error=r"unclosed\.csv, row 2 \(line 2\): a quoted field is never closed"),
    "CSV with an extra field": Case("extra.csv", b"id,text\n1,Roads closed.\n2,Roads closed,again\n",
                                    error=r"extra\.csv, row 3: more fields than the header has"),
    "CSV with a row missing its text": Case("short.csv", b"id,title,text\n1,T1\n2,T2,The council said 12 roads closed.\n",
                                            quotes=0, figures=[12.0], note=r"short\.csv, row 2: no text; row skipped"),
    "CSV with duplicate ids": Case("dupes.csv", b"id,text\n7,One article.\n7,Another article.\n",
                                   error=r"dupes\.csv, row 3: the id '7' is already used by row 2"),
    "JSONL with a broken line": Case("broken.jsonl", b'{"id": "a", "text": "Roads closed."}\n{"id": "b", "text": \n',
                                     error=r"broken\.jsonl, line 2: not valid JSON"),
    "JSONL with a list instead of an object": Case("list.jsonl", b'["Roads closed."]\n',
                                                   error=r"list\.jsonl, line 1: expected a JSON object per line"),
    "JSONL without text": Case("notext.jsonl", b'{"id": "a", "title": "Roads"}\n', error=r"notext\.jsonl: no row has any text"),
    "10,000 quote marks": Case("marks.txt", b'"' * 10_000, quotes=0, figures=[]),
    "a quote that never closes": Case(
        "open.txt", b'The minister said "we will not retreat.\n\nReporters counted 5 tanks on the road.',
        quotes=0, figures=[5.0]),
    "numbers as lists and powers": Case(
        "numbers.txt", b"The form lists options 1,2,3,4 for each answer. Officials said about 10^6 people were affected.",
        quotes=0, figures=[1e6]),
    "non-English text": Case(
        "ru.txt", ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e "
                   "\u0430\u0440\u043c\u0438\u044f \u0433\u043e\u0442\u043e\u0432\u0430 \u043a \u0431\u043e\u044e. " * 20).encode(),
        figures=[], note=r"ru\.txt: ru does not look like English"),
    "a corpus of one short document": Case("one.txt", b"Officials said 3 bridges reopened.", quotes=0, figures=[3.0]),
}
ERRORS = [name for name, c in CASES.items() if c.error]
ANALYSED = [name for name, c in CASES.items() if not c.error]


def _check_analysis(case: Case, result, notes: list[str]) -> None:
    assert len(result.documents) == case.documents
    if case.quotes is not None:
        assert len(result.quotes) == case.quotes
    if case.figures is not None:
        assert sorted(result.figures["value"]) == sorted(case.figures)
    for table in (result.quotes, result.figures):
        for row in table.itertuples():  # every finding traces back to its exact text
            assert result.texts[row.doc][row.start : row.end] == row.text
    if case.text_has:
        assert case.text_has in next(iter(result.texts.values()))
    if case.note:
        assert any(re.search(case.note, n) for n in notes), notes


# --- the library ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ERRORS)
def test_library_refuses_with_one_clear_error(name):
    case = CASES[name]
    with pytest.raises(CorpusError, match=case.error) as caught:
        documents_from_bytes(case.file, case.data)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("name", ANALYSED)
def test_library_analyses_correctly(name):
    case = CASES[name]
    corpus = documents_from_bytes(case.file, case.data)
    _check_analysis(case, analyze(corpus, workers=1), corpus.notes)


def test_library_file_over_the_size_limit(tmp_path):
    with pytest.raises(CorpusError, match=r"big\.txt: the file is 0\.1 MB, over the limit of 0\.05 MB"):
        documents_from_bytes("big.txt", b"word " * 20_000, max_file_mb=0.05)
    from analysis import load_corpus

    (tmp_path / "big.txt").write_bytes(b"word " * 20_000)
    with pytest.raises(CorpusError, match="over the limit of 0.05 MB"):
        load_corpus(tmp_path, max_file_mb=0.05)


# --- the command line ----------------------------------------------------------------------------------------------


def _cli(tmp_path, capsys, file: str, data: bytes, *options: str) -> tuple[int, str, str]:
    (tmp_path / file).write_bytes(data)
    out = tmp_path / "out.json"
    code = main(["analyze", str(tmp_path / file), "--out", str(out), "--workers", "1", *options])
    captured = capsys.readouterr()
    return code, captured.err, out


@pytest.mark.parametrize("name", ERRORS)
def test_cli_refuses_with_exit_2_and_one_line(name, tmp_path, capsys):
    case = CASES[name]
    code, err, out = _cli(tmp_path, capsys, case.file, case.data)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and re.search(case.error, err), err
    assert "Traceback" not in err and not out.exists()


@pytest.mark.parametrize("name", ANALYSED)
def test_cli_analyses_correctly(name, tmp_path, capsys):
    case = CASES[name]
    code, err, out = _cli(tmp_path, capsys, case.file, case.data)
    assert code == 0, err
    assert "Traceback" not in err and "Warning" not in err
    tables = json.loads(out.read_text(encoding="utf-8"))
    if case.figures is not None:
        assert sorted(f["value"] for f in tables["figures"]) == sorted(case.figures)
    if case.note:
        assert re.search(case.note, err)


def test_cli_file_over_the_size_limit(tmp_path, capsys):
    code, err, out = _cli(tmp_path, capsys, "big.txt", b"word " * 20_000, "--max-file-mb", "0.05")
    assert code == 2 and err.count("\n") == 1 and "over the limit of 0.05 MB" in err and not out.exists()


def test_cli_reports_a_bug_in_one_line_without_a_traceback(tmp_path, capsys, monkeypatch):
    from analysis import pipeline

    def broken(text):
        raise IndexError("list index out of range")

    monkeypatch.setattr(pipeline, "analyze_document", broken)
    code, err, out = _cli(tmp_path, capsys, "a.txt", NEWS.encode())
    assert code == 1 and len(err.strip().splitlines()) == 1 and "IndexError" in err and "NEWS_COVERAGE_DEBUG" in err
    assert "Traceback" not in err and not out.exists()


# --- the dashboard's upload ----------------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "corpus.sqlite3"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    return path


def _upload(files: list[tuple[str, bytes]]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.switch_page("dashboard/pages/corpus.py").run()
    at.file_uploader(key="upload").set_value([(name, data, "text/plain") for name, data in files])
    return at.button(key="add-files").click().run()


def _messages(elements) -> str:
    return "\n".join(str(e.value) for e in elements).replace("\\", "")


@pytest.mark.parametrize("name", ERRORS)
def test_upload_refuses_with_a_message_and_stores_nothing(name, db):
    case = CASES[name]
    at = _upload([(case.file, case.data)])
    assert not at.exception
    assert re.search(case.error, _messages(at.error)), _messages(at.error)
    assert len(Store(db)) == 0


@pytest.mark.parametrize("name", ANALYSED)
def test_upload_stores_and_the_pages_analyse_it(name, db):
    case = CASES[name]
    at = _upload([(case.file, case.data)])
    assert not at.exception and not at.error, _messages(at.error)
    assert "Added 1 document." in _messages(at.success)
    if case.note:
        assert re.search(case.note, _messages(at.warning))
    stored = Store(db).corpus()
    assert len(stored) == 1
    for page in ("overview", "figures", "reader"):
        at.switch_page(f"dashboard/pages/{page}.py").run()
        assert not at.exception, page
    figures = next((m.value for m in at.metric if m.label == "Figures"), None)
    if case.figures is not None and figures is not None:
        assert int(str(figures).replace(",", "")) == len(case.figures)


def test_upload_over_the_size_limit_and_the_limits_are_stated(db, monkeypatch):
    monkeypatch.setenv("NEWS_COVERAGE_MAX_UPLOAD_MB", "1")
    monkeypatch.setattr("dashboard.state.MAX_UPLOAD_DOCS", 2)
    at = _upload([("big.txt", b"word " * 300_000), ("ok.txt", b"The council said 12 roads closed."),
                  ("rows.csv", b"id,text\na,One.\nb,Two.\n")])
    assert "Limits: 50 files at once, 1 MB per file, 2 documents per upload." in _messages(at.caption)
    errors = _messages(at.error)
    assert "big.txt: the file is 1.4 MB, over the limit of 1 MB" in errors
    assert "rows.csv: not added; it would take this upload over 2 documents" in errors
    assert [d.id for d in Store(db).corpus()] == ["ok"]  # the acceptable file is kept


# --- spreadsheet formulas in exports -------------------------------------------------------------------------------


def test_csv_exports_neutralise_every_formula_prefix():
    import csv

    import pandas as pd

    from analysis.export import table_to_csv

    hostile = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "plain text"]
    rows = list(csv.reader(io.StringIO(table_to_csv(pd.DataFrame({"text": hostile, "value": range(-3, 4)})))))
    cells = [r[0] for r in rows[1:]]
    assert cells[:6] == ["'" + h for h in hostile[:6]] and cells[6] == "plain text"
    assert [r[1] for r in rows[1:]] == ["-3", "-2", "-1", "0", "1", "2", "3"]  # numbers stay numbers


def test_csv_exports_write_whole_numbers_as_whole_numbers():
    import csv

    import pandas as pd

    from analysis.export import table_to_csv

    # Values are floats (figures hold 0.4 and 12.5 as well as counts), and a missing top of a range is NaN.
    table = pd.DataFrame({"value": [10.0, 0.4, 1_200_000.0, 12.5], "high": [12.0, None, None, 1e20]})
    rows = list(csv.reader(io.StringIO(table_to_csv(table))))[1:]
    assert rows == [["10", "12"], ["0.4", ""], ["1200000", ""], ["12.5", "1e+20"]]
