"""Writing results out: JSON (one file, every table), CSV (a folder, one file per
table) and Parquet (a results folder the dashboard can open, for large corpora).

Files are written to a temporary name and moved into place, so an
interrupted export never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .model import ENGINE_VERSION, TABLES, Analysis

__all__ = [
    "RESULT_FORMATS", "TABLE_FORMATS", "ResultFormat", "TableFormat", "read_parquet", "safe_cell", "table_to_csv",
    "table_to_json", "to_json_dict", "to_json_records", "write_csv", "write_json", "write_parquet",
]
RESULTS_MANIFEST = "results.json"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value):
    """A value JSON can hold: numpy scalars to Python, NaN to None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, np.ndarray)):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def to_json_records(df: pd.DataFrame) -> list[dict]:
    """A table as JSON-ready records (numpy values and NaN made plain)."""
    return [_plain(r) for r in df.to_dict(orient="records")]


def to_json_dict(result: Analysis) -> dict[str, list[dict]]:
    return {name: to_json_records(df) for name, df in result.tables().items()}


def _atomic_write(path: Path, data: str) -> None:
    if path.is_dir():
        raise ValueError(f"{path} is a folder; give a file name to write")
    _make_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _make_folder(folder: Path) -> None:
    """``folder`` and its parents made, or one clear error where a file stands in the way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise ValueError(f"cannot write into {folder}: {blocking} is a file, not a folder") from None


def write_json(result: Analysis, path: str | Path) -> Path:
    path = Path(path)
    _atomic_write(path, json.dumps(to_json_dict(result), ensure_ascii=False, indent=1))
    return path


def safe_cell(value):
    """Neutralise spreadsheet formulas: a cell starting with = + - @ gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def table_to_csv(df: pd.DataFrame) -> str:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: safe_cell(json.dumps(_plain(v), ensure_ascii=False)) if isinstance(v, (list, dict, tuple, np.ndarray)) else safe_cell(v)
            )
        elif pd.api.types.is_float_dtype(out[col]):
            # A whole number as one ("10", not "10.0": a count of people, the top of "4 to 5"); others as they are.
            out[col] = out[col].map(lambda v: "" if v != v else str(int(v)) if float(v).is_integer() and abs(v) < 1e15
                                    else repr(float(v)))
    # RFC 4180 line ends: the csv writer then also quotes cells holding a bare "\r", which would split a row.
    return out.to_csv(index=False, lineterminator="\r\n")


def write_csv(result: Analysis, folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file; CSV output needs a folder")
    for name, df in result.tables().items():
        _atomic_write(folder / f"{name}.csv", table_to_csv(df))
    return folder


def write_parquet(result: Analysis, folder: str | Path) -> Path:
    """Every table as ``<table>.parquet``, the texts, and ``results.json`` describing them.

    The folder is built beside its destination and moved into place whole, so
    readers never see a mix of old and new tables.
    """
    folder = Path(folder)
    if folder.exists() and not (folder / RESULTS_MANIFEST).exists() and any(folder.iterdir()):
        raise ValueError(f"{folder} exists and is not a results folder; choose a new or empty folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        encoded: dict[str, list[str]] = {}
        for name, df in result.tables().items():
            out = df.copy()
            for col in out.columns:
                # Dicts and lists of mixed shape are kept as JSON text; Parquet wants one type per column.
                if out[col].dtype == object and out[col].map(lambda v: isinstance(v, (dict, list, tuple, np.ndarray))).any():
                    out[col] = out[col].map(lambda v: json.dumps(_plain(v), ensure_ascii=False))
                    encoded.setdefault(name, []).append(col)
            out.to_parquet(tmp / f"{name}.parquet", index=False)
        pd.DataFrame({"id": list(result.texts), "text": list(result.texts.values())}).to_parquet(tmp / "texts.parquet", index=False)
        manifest = {"engine_version": ENGINE_VERSION, "tables": list(result.tables()), "json_columns": encoded,
                    "timings": result.timings, "documents": len(result.documents)}
        (tmp / RESULTS_MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        if folder.exists():
            old = folder.with_name(f".{folder.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(folder, old)
            os.replace(tmp, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return folder


def read_parquet(folder: str | Path) -> Analysis:
    """An :class:`Analysis` from a folder written by :func:`write_parquet`.

    Raises:
        ValueError: the folder is not a results folder, or a table is missing.
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / RESULTS_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ValueError(f"{folder} is not a results folder (no readable {RESULTS_MANIFEST})") from None
    if manifest.get("engine_version") != ENGINE_VERSION:
        raise ValueError(f"{folder} was written by another version of this tool (engine {manifest.get('engine_version')}, "
                         f"this one is {ENGINE_VERSION}): analyse the corpus again")
    tables = {}
    for name in TABLES:
        try:
            df = pd.read_parquet(folder / f"{name}.parquet")
        except (OSError, ValueError) as exc:
            raise ValueError(f"{folder}: cannot read the {name} table ({exc})") from None
        for col in manifest.get("json_columns", {}).get(name, []):
            df[col] = df[col].map(json.loads)
        tables[name] = df
    texts_df = pd.read_parquet(folder / "texts.parquet")
    texts = dict(zip(texts_df["id"], texts_df["text"]))
    return Analysis(**tables, texts=texts, timings=manifest.get("timings", {}))


def table_to_json(df: pd.DataFrame) -> str:
    """A table as a JSON list of records."""
    return json.dumps(to_json_records(df), ensure_ascii=False, indent=1)


# --- the formats, one place: the command line, the dashboard's downloads and the docs read these ----------------------


@dataclass(frozen=True, slots=True)
class ResultFormat:
    """A way to write a whole analysis: ``write(result, path)`` returns where it wrote."""

    name: str
    write: Callable[[Analysis, str | Path], Path]
    description: str


@dataclass(frozen=True, slots=True)
class TableFormat:
    """A way to download one table: ``render(table)`` gives the file's text."""

    label: str
    suffix: str
    mime: str
    render: Callable[[pd.DataFrame], str]


RESULT_FORMATS: dict[str, ResultFormat] = {f.name: f for f in (
    ResultFormat("json", write_json, "one file"),
    ResultFormat("csv", write_csv, "a folder of tables"),
    ResultFormat("parquet", write_parquet, "a results folder the dashboard opens"),
)}
TABLE_FORMATS: tuple[TableFormat, ...] = (
    TableFormat("CSV", "csv", "text/csv", table_to_csv),
    TableFormat("JSON", "json", "application/json", table_to_json),
)
