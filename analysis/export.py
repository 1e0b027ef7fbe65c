"""Writing results out: JSON (one file, every table) and CSV (a folder, one file per table).

Files are written to a temporary name and moved into place, so an
interrupted export never leaves a half-written file behind.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from .pipeline import Analysis

__all__ = ["safe_cell", "table_to_csv", "to_json_dict", "to_json_records", "write_csv", "write_json"]

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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
    return out.to_csv(index=False)


def write_csv(result: Analysis, folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"{folder} is a file; CSV output needs a folder")
    for name, df in result.tables().items():
        _atomic_write(folder / f"{name}.csv", table_to_csv(df))
    return folder
