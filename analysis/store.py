"""The user's own corpus, kept in an embedded SQLite database so it survives restarts.

Documents are stored once per content: adding a text that is already stored
(same characters, whatever the file was called) is reported as a duplicate.
Every change is one transaction, so a crash never leaves half a document.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .corpus import METADATA_FIELDS, Corpus, Document
from .model import (
    ENGINE_VERSION,
    DocumentFeatures,
    DocumentResult,
    FigureRow,
    FurnitureSpan,
    PhraseRow,
    QuoteRow,
    SourceRow,
    content_hash,
)

__all__ = ["DB_ENV_VAR", "SCHEMA_VERSION", "AddReport", "ResultCache", "Store", "content_hash", "default_path"]

DB_ENV_VAR = "NEWS_COVERAGE_DB"
SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    meta TEXT NOT NULL,
    meta_source TEXT NOT NULL,
    source_name TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    content_hash TEXT PRIMARY KEY,
    engine TEXT NOT NULL,
    data TEXT NOT NULL
);
"""


def default_path() -> Path:
    """``$NEWS_COVERAGE_DB`` if set, else ``corpus.sqlite3`` in the user's data folder."""
    configured = os.environ.get(DB_ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("news-coverage-analysis", appauthor=False)) / "corpus.sqlite3"


@dataclass(slots=True)
class AddReport:
    """What happened to each document handed to :meth:`Store.add`."""

    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new name, id already stored)


class Store:
    """A corpus on disk. Open it with a path (default: :func:`default_path`)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._transaction() as db:
            for statement in filter(str.strip, _SCHEMA.split(";")):
                db.execute(statement)  # executescript would commit the open transaction
            row = db.execute("SELECT value FROM settings WHERE key = 'schema_version'").fetchone()
            if row is None:
                db.execute("INSERT INTO settings VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise ValueError(f"{self.path} was written by a newer version of this tool (schema {row[0]})")
            elif int(row[0]) < SCHEMA_VERSION:
                # Version 2 added the results table, created above. Version 3 stores results with named fields:
                # results in the older, positional form are a cache, dropped to be made again.
                if int(row[0]) < 3:
                    db.execute("DELETE FROM results")
                db.execute("UPDATE settings SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        # One short-lived connection per operation: safe across Streamlit's threads and processes.
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def add(self, documents: Iterable[Document], *, source_name: str = "") -> AddReport:
        """Store documents in one transaction; ids are made unique, repeated texts skipped."""
        report = AddReport()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            taken = {r[0] for r in db.execute("SELECT id FROM documents")}
            for doc in documents:
                digest = content_hash(doc.text)
                existing = db.execute("SELECT id FROM documents WHERE content_hash = ?", (digest,)).fetchone()
                if existing:
                    report.duplicates.append((doc.id, existing[0]))
                    continue
                doc_id, n = doc.id, 2
                while doc_id in taken:
                    doc_id, n = f"{doc.id}-{n}", n + 1
                taken.add(doc_id)
                db.execute(
                    "INSERT INTO documents (id, content_hash, text, meta, meta_source, source_name, added_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc_id, digest, doc.text, json.dumps(doc.meta), json.dumps(doc.meta_source), source_name, now),
                )
                report.added.append(doc_id)
        return report

    def corpus(self) -> Corpus:
        """Every stored document, in the order they were added."""
        with self._transaction() as db:
            rows = db.execute("SELECT id, text, meta, meta_source FROM documents ORDER BY seq").fetchall()
        return Corpus([Document(i, t, json.loads(m), json.loads(s)) for i, t, m, s in rows])

    def __len__(self) -> int:
        with self._transaction() as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def fingerprint(self) -> str:
        """Changes whenever a document is added, removed or has its metadata edited."""
        with self._transaction() as db:
            rows = db.execute("SELECT id, content_hash, meta FROM documents ORDER BY seq").fetchall()
        return hashlib.sha256(json.dumps(rows).encode()).hexdigest()[:16]

    def update_metadata(self, doc_id: str, meta: dict[str, str]) -> None:
        """Set metadata fields; an empty value removes the field.

        Raises:
            ValueError: no such document, or a field that is not metadata.
        """
        unknown = set(meta) - set(METADATA_FIELDS)
        if unknown:
            raise ValueError(f"not metadata fields: {', '.join(sorted(unknown))} (use {', '.join(METADATA_FIELDS)})")
        with self._transaction() as db:
            row = db.execute("SELECT meta, meta_source FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise ValueError(f"no stored document has the id {doc_id!r}")
            current, sources = json.loads(row[0]), json.loads(row[1])
            for key, value in meta.items():
                value = (value or "").strip()
                if value == current.get(key, ""):
                    continue
                if value:
                    current[key], sources[key] = value, "edited"
                else:
                    current.pop(key, None)
                    sources.pop(key, None)
            db.execute("UPDATE documents SET meta = ?, meta_source = ? WHERE id = ?",
                       (json.dumps(current), json.dumps(sources), doc_id))

    def remove(self, doc_ids: Iterable[str]) -> int:
        """Delete documents; returns how many were removed."""
        ids = list(doc_ids)
        with self._transaction() as db:
            removed = 0
            for i in ids:
                row = db.execute("DELETE FROM documents WHERE id = ? RETURNING content_hash", (i,)).fetchone()
                if row:
                    removed += 1
                    db.execute("DELETE FROM results WHERE content_hash = ?", row)
            return removed


class ResultCache(MutableMapping):
    """Per-document extraction results kept in the store, keyed by the text's hash.

    Pass it as ``analyze(corpus, cache=...)``: re-analysing a corpus after
    adding one article extracts only that article. Results are JSON, tagged
    with the engine version; results from another version count as missing.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def __getitem__(self, key: str) -> DocumentResult:
        with self.store._transaction() as db:
            row = db.execute("SELECT data FROM results WHERE content_hash = ? AND engine = ?", (key, ENGINE_VERSION)).fetchone()
        if row is None:
            raise KeyError(key)
        return _result_from_json(row[0])

    def __setitem__(self, key: str, result: DocumentResult) -> None:
        self.update({key: result})

    def get_many(self, keys: Iterable[str]) -> dict[str, DocumentResult]:
        """The cached results among ``keys``, read in one transaction."""
        keys = list(keys)
        found: dict[str, DocumentResult] = {}
        with self.store._transaction() as db:
            for k in range(0, len(keys), 500):
                chunk = keys[k : k + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT content_hash, data FROM results WHERE engine = ? AND content_hash IN ({marks})"
                for key, data in db.execute(query, (ENGINE_VERSION, *chunk)):
                    found[key] = _result_from_json(data)
        return found

    # Narrower than MutableMapping.update (one mapping of results, no pairs): all the engine passes.
    def update(self, results: Mapping[str, DocumentResult] | None = None, /,  # type: ignore[override]
               **_: DocumentResult) -> None:
        """Store many results in one transaction."""
        rows = [(k, ENGINE_VERSION, _result_to_json(r)) for k, r in (results or {}).items()]
        with self.store._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)

    def __delitem__(self, key: str) -> None:
        with self.store._transaction() as db:
            if not db.execute("DELETE FROM results WHERE content_hash = ?", (key,)).rowcount:
                raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        with self.store._transaction() as db:
            keys = [r[0] for r in db.execute("SELECT content_hash FROM results WHERE engine = ?", (ENGINE_VERSION,))]
        return iter(keys)

    def __len__(self) -> int:
        with self.store._transaction() as db:
            return db.execute("SELECT COUNT(*) FROM results WHERE engine = ?", (ENGINE_VERSION,)).fetchone()[0]


def _result_to_json(r: DocumentResult) -> str:
    # Rows are lists in their records' field order (the records name them); the features are named.
    features = {name: getattr(r.features, name) for name in DocumentFeatures.__slots__}
    return json.dumps({
        "furniture": r.furniture, "passages": r.passages, "quotes": r.quotes, "phrases": r.phrases, "figures": r.figures,
        "sources": r.sources, "terms": r.terms, "words": r.words, "features": features, "notes": r.notes,
        "seconds": r.seconds,
    }, separators=(",", ":"))


def _result_from_json(data: str) -> DocumentResult:
    d = json.loads(data)
    features = DocumentFeatures(**{**d["features"], "figure_classes": [tuple(c) for c in d["features"]["figure_classes"]],
                                   "narrative_spans": [tuple(c) for c in d["features"]["narrative_spans"]]})
    return DocumentResult(
        furniture=[FurnitureSpan(*p) for p in d["furniture"]], passages=[tuple(p) for p in d["passages"]],
        quotes=[QuoteRow(*q) for q in d["quotes"]], phrases=[PhraseRow(*x) for x in d["phrases"]],
        figures=[FigureRow(*f) for f in d["figures"]],
        sources=[SourceRow(*x) for x in d["sources"]], terms=d["terms"], features=features, words=d["words"],
        notes=d["notes"], seconds=d["seconds"],
    )
