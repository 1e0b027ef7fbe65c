"""Writing results out as JSON, CSV and Parquet, and reading a results folder back (analysis/export.py)."""

import csv
import io
import json

import numpy as np
import pandas as pd
import pytest

from analysis.export import (
    RESULT_FORMATS,
    RESULTS_MANIFEST,
    TABLE_FORMATS,
    read_parquet,
    safe_cell,
    table_to_csv,
    to_json_records,
    write_csv,
    write_json,
    write_parquet,
)
from analysis.model import TABLES


@pytest.fixture(scope="module")
def seeds(seed_analysis):
    return seed_analysis


def test_json_holds_every_table_with_all_its_rows(seeds, tmp_path):
    path = write_json(seeds, tmp_path / "results.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == list(TABLES)
    assert {name: len(rows) for name, rows in data.items()} == {name: len(df) for name, df in seeds.tables().items()}


def test_json_values_are_plain(seeds, tmp_path):
    data = json.loads(write_json(seeds, tmp_path / "results.json").read_text(encoding="utf-8"))
    figure = data["figures"][0]
    assert set(figure) == set(seeds.figures.columns)
    assert figure["high"] is None and isinstance(figure["value"], float) and isinstance(figure["vague"], bool)
    assert data["claims"][0]["docs"] == seeds.claims["docs"].iloc[0]


def test_csv_writes_one_file_per_table_with_all_its_rows(seeds, tmp_path):
    folder = write_csv(seeds, tmp_path / "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    for name, df in seeds.tables().items():
        back = pd.read_csv(folder / f"{name}.csv", keep_default_na=False)
        assert (len(back), list(back.columns)) == (len(df), list(df.columns)), name


def test_csv_lists_are_written_as_json(seeds, tmp_path):
    folder = write_csv(seeds, tmp_path / "csv")
    back = pd.read_csv(folder / "claims.csv", keep_default_na=False)
    assert back["docs"].map(json.loads).tolist() == seeds.claims["docs"].tolist()


def test_parquet_round_trip_keeps_tables_lists_and_texts(seeds, tmp_path):
    folder = write_parquet(seeds, tmp_path / "results")
    assert (folder / RESULTS_MANIFEST).exists() and (folder / "texts.parquet").exists()
    back = read_parquet(folder)
    for name, df in seeds.tables().items():
        table = getattr(back, name)
        assert (len(table), list(table.columns)) == (len(df), list(df.columns)), name
    assert back.claims["docs"].tolist() == seeds.claims["docs"].tolist()
    assert back.texts == seeds.texts


def test_parquet_replaces_an_earlier_results_folder_whole(seeds, tmp_path):
    folder = tmp_path / "results"
    write_parquet(seeds.select(list(seeds.texts)[:2]), folder)
    write_parquet(seeds, folder)
    assert len(read_parquet(folder).documents) == len(seeds.documents)
    assert [p.name for p in tmp_path.iterdir()] == ["results"]


def test_csv_into_a_file_is_refused(seeds, tmp_path):
    target = tmp_path / "results.csv"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ValueError, match="is a file; CSV output needs a folder"):
        write_csv(seeds, target)


def test_parquet_into_a_folder_of_other_files_is_refused(seeds, tmp_path):
    (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(ValueError, match="exists and is not a results folder; choose a new or empty folder"):
        write_parquet(seeds, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_reading_a_folder_that_holds_no_results_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"is not a results folder \(no readable results.json\)"):
        read_parquet(tmp_path)


def test_reading_results_of_another_engine_version_is_refused(seeds, tmp_path):
    folder = write_parquet(seeds, tmp_path / "results")
    manifest = json.loads((folder / RESULTS_MANIFEST).read_text(encoding="utf-8"))
    (folder / RESULTS_MANIFEST).write_text(json.dumps({**manifest, "engine_version": "0"}), encoding="utf-8")
    with pytest.raises(ValueError, match="written by another version of this tool"):
        read_parquet(folder)


def test_reading_results_with_a_table_missing_is_refused(seeds, tmp_path):
    folder = write_parquet(seeds, tmp_path / "results")
    (folder / "claims.parquet").unlink()
    with pytest.raises(ValueError, match="cannot read the claims table"):
        read_parquet(folder)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+44 20 7946 0000", "'+44 20 7946 0000"), ("-15", "'-15"),
     ("@officer", "'@officer"), ("the officer", "the officer"), (-15, -15), (None, None)],
)
def test_safe_cell_neutralises_spreadsheet_formulas(value, safe):
    assert safe_cell(value) == safe


def test_table_to_csv_writes_whole_numbers_as_integers_and_missing_as_empty():
    df = pd.DataFrame({"text": ["4 to 5", "=1+1"], "value": [4.0, 2.5], "high": [5.0, np.nan], "docs": [["a"], ["a", "b"]]})
    assert table_to_csv(df) == ('text,value,high,docs\r\n4 to 5,4,5,"[""a""]"\r\n'
                                "'=1+1,2.5,,\"[\"\"a\"\", \"\"b\"\"]\"\r\n")
    assert len(pd.read_csv(io.StringIO(table_to_csv(df)))) == 2


def test_to_json_records_makes_numpy_values_and_nan_plain():
    df = pd.DataFrame({"n": np.array([3], dtype=np.int64), "x": [np.nan], "ids": [np.array(["a", "b"])]})
    assert to_json_records(df) == [{"n": 3, "x": None, "ids": ["a", "b"]}]
    assert type(to_json_records(df)[0]["n"]) is int


def test_a_destination_blocked_by_a_file_or_a_folder_is_one_clear_error(tmp_path, seeds):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="is a folder"):
        write_json(seeds, tmp_path)
    with pytest.raises(ValueError, match="notes.txt is a file, not a folder"):
        write_json(seeds, blocking / "out.json")
    with pytest.raises(ValueError, match="notes.txt is a file, not a folder"):
        write_csv(seeds, blocking / "tables")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing half-written left behind


@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
def test_every_result_format_the_command_line_offers_writes_the_analysis(tmp_path, seeds, fmt):
    from analysis.cli import build_parser

    assert fmt in build_parser().parse_args(["analyze", "x", "--out", "y", "--format", fmt]).format
    out = RESULT_FORMATS[fmt].write(seeds, tmp_path / f"out-{fmt}")
    assert out.exists() and (out.is_file() or any(out.iterdir()))


@pytest.mark.parametrize("table_format", TABLE_FORMATS, ids=lambda f: f.label)
def test_every_table_download_holds_every_row(seeds, table_format):
    text = table_format.render(seeds.quotes)
    rows = json.loads(text) if table_format.suffix == "json" else list(csv.reader(io.StringIO(text)))[1:]
    assert len(rows) == len(seeds.quotes)
