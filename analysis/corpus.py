"""The corpus: documents, their metadata, and loaders for the formats users bring.

Supported: ``.txt`` and ``.md`` (one article each), ``.html``/``.htm``
(article text and metadata extracted with trafilatura), and ``.csv`` /
``.jsonl`` (one article per row, a text column plus optional metadata). A
``manifest.csv`` beside the files overrides metadata. Where no metadata is
given, it is inferred from the text, and ``meta_source`` says where each
value came from.
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .decoding import decode, looks_english
from .errors import CorpusError
from .metadata import infer_metadata, outlet_from_url
from .run.local import map_in_workers

__all__ = [
    "DEFAULT_MAX_FILE_MB",
    "LOCAL_MAX_FILE_MB",
    "METADATA_FIELDS",
    "TEXT_SUFFIXES",
    "Corpus",
    "CorpusError",
    "decode",
    "Document",
    "document_from_text",
    "documents_from_bytes",
    "infer_metadata",
    "language_notes",
    "load_corpus",
    "looks_english",
    "outlet_from_url",
]

METADATA_FIELDS = ("outlet", "title", "author", "date", "url", "note")
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv", ".jsonl")
_TEXT_COLUMNS = ("text", "body", "content", "article", "article_text")
_ID_COLUMNS = ("id", "article_id", "doc_id", "doc")
_COLUMN_ALIASES = {
    "outlet": ("outlet", "source", "publication", "publisher", "site"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
    "date": ("date", "publish_date", "published", "pub_date"),
    "url": ("url", "link", "article_source_link", "source_link"),
    "note": ("note", "notes"),
}
# Per file. Bytes from strangers (uploads) get the small limit, which the dashboard sets with
# NEWS_COVERAGE_MAX_UPLOAD_MB; files on the user's own disk the large one, which --max-file-mb sets.
DEFAULT_MAX_FILE_MB = 50.0
LOCAL_MAX_FILE_MB = 2048.0
# trafilatura logs pages it cannot parse; the HTML loader says so itself, in one line, so keep its log off stderr.
logging.getLogger("trafilatura").addHandler(logging.NullHandler())


@dataclass(slots=True)
class Document:
    id: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    meta_source: dict[str, str] = field(default_factory=dict)

    @property
    def outlet(self) -> str:
        return self.meta.get("outlet", "")

    @property
    def label(self) -> str:
        """What to call the document in a table or chart: its outlet, or its id."""
        return self.meta.get("outlet") or self.id


@dataclass(slots=True)
class Corpus:
    """Documents with unique ids, and the loaders' notes for the user.

    A note names a table row skipped for having no text, or a document that
    may be misread (it does not look like English).
    """

    documents: list[Document]
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for d in self.documents:
            if d.id in seen:
                raise CorpusError(f"two documents have the id {d.id!r}; ids must be unique")
            seen.add(d.id)

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __getitem__(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise KeyError(doc_id)

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.documents]


# --- building documents -----------------------------------------------------


def document_from_text(doc_id: str, text: str, meta: dict[str, str] | None = None) -> Document:
    """A document from its text; metadata not given is inferred from the text.

    Line endings are made ``\n`` (Windows and old Mac files mix in ``\r``), so
    offsets and paragraphs mean the same whatever system wrote the file.
    """
    text = _unix_newlines(doc_id, text)
    return _document(doc_id, text, meta, *infer_metadata(text))


def _unix_newlines(doc_id: str, text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(f"{doc_id}: the document is empty")
    return text


def _document(doc_id: str, text: str, meta: dict[str, str] | None, inferred: dict[str, str],
              sources: dict[str, str]) -> Document:
    given = {k: str(v).strip() for k, v in (meta or {}).items() if v is not None and str(v).strip()}
    for k in given:
        sources[k] = "given"
    if given.get("url") and not given.get("outlet"):
        given["outlet"] = outlet_from_url(given["url"])
        sources["outlet"] = "url domain"
    merged = {**inferred, **given}
    return _without_outlet_byline(Document(doc_id, text, merged, {k: v for k, v in sources.items() if k in merged}))


def _without_outlet_byline(doc: Document) -> Document:
    """The document without an author read from its text that is only its outlet's name ("By The Daily Post")."""
    author = doc.meta.get("author", "")
    if author and doc.meta_source.get("author", "").startswith("text:") and author.casefold() == doc.outlet.casefold():
        del doc.meta["author"], doc.meta_source["author"]
    return doc


def _text_facts(text: str) -> tuple[dict[str, str], dict[str, str], bool]:
    """What loading reads from a text: its inferred metadata, where each value came from, and whether it is English."""
    return *infer_metadata(text), looks_english(text)


def _lowered(row: dict[str, str]) -> dict[str, str]:
    """The row with its column names lower-cased and stripped, so any spelling of a column is found."""
    return {k.lower().strip(): v for k, v in row.items() if k}


def _pick(lowered: dict[str, str], names: Iterable[str]) -> str:
    for n in names:
        if n in lowered and lowered[n] not in (None, ""):
            return str(lowered[n])
    return ""


def _row_fields(row: dict[str, str]) -> tuple[str, str, dict[str, str]] | None:
    """The row's id (empty when it has none), text and metadata, or None when its text cell is empty."""
    row = _lowered(row)
    text = _pick(row, _TEXT_COLUMNS)
    if not text.strip():
        return None
    meta = {k: _pick(row, aliases) for k, aliases in _COLUMN_ALIASES.items()}
    subtitle = _pick(row, ("subtitle", "description"))
    if subtitle:
        meta["subtitle"] = subtitle
    return _pick(row, _ID_COLUMNS), text, meta


# Tables with this much text have each row's metadata and language read on worker processes (about 2,000
# news articles a second on one CPU): for less, forking costs more than it saves.
_PARALLEL_MIN_CHARS = 1_000_000


def _table_corpus(rows: Iterable[tuple[str, dict[str, str]]], name: str, stem: str, chars: int) -> Corpus:
    fields: list[tuple[str, str, dict[str, str]]] = []
    skipped: list[str] = []
    first_row: dict[str, str] = {}

    def texts() -> Iterator[str]:
        for where, row in rows:
            found = _row_fields(row)
            if found is None:
                skipped.append(f"{name}, {where}: no text; row skipped")
                continue
            doc_id, text, meta = found
            doc_id = doc_id or f"{stem}-{len(fields) + len(skipped) + 1}"
            if doc_id in first_row:
                raise CorpusError(f"{name}, {where}: the id {doc_id!r} is already used by {first_row[doc_id]}; "
                                  "ids must be unique")
            first_row[doc_id] = where
            fields.append((doc_id, _unix_newlines(doc_id, text), meta))
            yield fields[-1][1]

    # Rows are read here while the workers start on the first ones.
    facts = (map_in_workers(_text_facts, texts()) if chars >= _PARALLEL_MIN_CHARS
             else [_text_facts(text) for text in texts()])
    if not fields:
        raise CorpusError(f"{name}: no row has any text")
    docs = [_document(doc_id, text, meta, inferred, sources)
            for (doc_id, text, meta), (inferred, sources, _) in zip(fields, facts)]
    notes = [_language_note(name, doc_id) for (doc_id, _, _), (_, _, english) in zip(fields, facts) if not english]
    return Corpus(docs, skipped + notes)


def _csv_documents(text: str, name: str, stem: str) -> Corpus:
    # strict: a quoted field that never closes is an error, not a cell that swallows the rest of the file.
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        fields = reader.fieldnames
    except csv.Error as exc:
        raise CorpusError(f"{name}, row 1: the header cannot be read ({exc})") from None
    if not fields or not any(f and f.lower().strip() in _TEXT_COLUMNS for f in fields):
        raise CorpusError(f"{name}: no text column (expected one of {', '.join(_TEXT_COLUMNS)})")

    def rows():
        i = 1
        while True:
            i, first_line = i + 1, reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problem = "a quoted field is never closed" if "unexpected end of data" in str(exc) else str(exc)
                raise CorpusError(f"{name}, row {i} (line {first_line}): {problem}") from None
            if None in row:
                raise CorpusError(f"{name}, row {i}: more fields than the header has")
            yield f"row {i}", row

    return _table_corpus(rows(), name, stem, len(text))


def _jsonl_documents(text: str, name: str, stem: str) -> Corpus:
    return _table_corpus(_jsonl_rows(text, name), name, stem, len(text))


def _jsonl_rows(text: str, name: str) -> Iterator[tuple[str, dict[str, str]]]:
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{name}, line {i}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{name}, line {i}: expected a JSON object per line")
        yield f"line {i}", {k: "" if v is None else str(v) for k, v in row.items()}


def _html_document(html: str, name: str, stem: str) -> Document:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise CorpusError(f"{name}: no article text found in this HTML page")
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(html)
    if found is not None:
        for key, attr in (("title", "title"), ("author", "author"), ("date", "date"), ("outlet", "sitename"), ("url", "url")):
            value = getattr(found, attr, None)
            if value:
                meta[key] = str(value)
    return document_from_text(stem, text, meta)


def documents_from_bytes(name: str, data: bytes, *, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Corpus:
    """Documents in one file's bytes, by the file's suffix. Used by loaders and uploads.

    Raises:
        CorpusError: an unsupported suffix, a file over ``max_file_mb``, an
            empty or binary file, or a table row that cannot be read (named).
    """
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix not in TEXT_SUFFIXES:
        raise CorpusError(f"{name}: unsupported file type {suffix or '(none)'}; use one of {', '.join(TEXT_SUFFIXES)}")
    _check_size(name, len(data), max_file_mb)
    if not data.strip():
        raise CorpusError(f"{name}: the file is empty")
    text = decode(data, name)
    if not text.strip():
        raise CorpusError(f"{name}: the file is empty")
    if suffix == ".csv":
        corpus = _csv_documents(text, name, stem)
    elif suffix == ".jsonl":
        corpus = _jsonl_documents(text, name, stem)
    elif suffix in (".html", ".htm"):
        corpus = Corpus([_html_document(text, name, stem)])
    else:
        corpus = Corpus([document_from_text(stem, text)])
    if suffix not in (".csv", ".jsonl"):  # tables have their notes from reading each row
        corpus.notes += language_notes(name, corpus.documents)
    return corpus


def language_notes(source: str, documents: Iterable[Document]) -> list[str]:
    """A note for each document that does not look like English, to show the user where it came from."""
    return [_language_note(source, d.id) for d in documents if not looks_english(d.text)]


def _language_note(source: str, doc_id: str) -> str:
    return (f"{source}: {doc_id} does not look like English; quotes, figures and sources are found by English grammar "
            "and may be missing")


def _check_size(name: str, size: int, max_file_mb: float) -> None:
    if size > max_file_mb * 1024 * 1024:
        raise CorpusError(f"{name}: the file is {size / 1024 / 1024:.1f} MB, over the limit of {max_file_mb:g} MB")


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    text = decode(path.read_bytes(), path.name)
    rows = {}
    for i, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        row = _lowered(row)
        doc_id = _pick(row, _ID_COLUMNS)
        if not doc_id:
            raise CorpusError(f"{path.name}, row {i}: the manifest row has no id")
        rows[doc_id] = {k: _pick(row, aliases) for k, aliases in _COLUMN_ALIASES.items()}
    return rows


def load_corpus(*paths: str | Path, max_file_mb: float = LOCAL_MAX_FILE_MB) -> Corpus:
    """Load documents from files and folders.

    A folder contributes its files with a supported suffix, sorted by name; a
    ``manifest.csv`` in it supplies metadata by id and is not itself read as
    articles. A file larger than ``max_file_mb`` is refused before it is read.

    Raises:
        CorpusError: a path does not exist, a file cannot be read, or nothing
            readable was found.
    """
    if not paths:
        raise CorpusError("no input given")
    if max_file_mb <= 0:
        raise ValueError(f"max_file_mb must be positive, got {max_file_mb}")
    docs: list[Document] = []
    notes: list[str] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise CorpusError(f"{raw}: no such file or folder")
        if path.is_dir():
            manifest_path = path / "manifest.csv"
            manifest = _read_manifest(manifest_path) if manifest_path.exists() else {}
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES and p != manifest_path)
        else:
            manifest_path = path.parent / "manifest.csv"
            manifest = _read_manifest(manifest_path) if manifest_path.exists() and path != manifest_path else {}
            files = [path]
        for f in files:
            contents = _read_file(f, max_file_mb)
            for d in contents:
                _apply_manifest(d, manifest)
                docs.append(_without_outlet_byline(d))
            notes += contents.notes
    if not docs:
        raise CorpusError(f"no documents found in {', '.join(map(str, paths))} (supported: {', '.join(TEXT_SUFFIXES)})")
    return Corpus(docs, notes)


def _read_file(path: Path, max_file_mb: float) -> Corpus:
    try:
        _check_size(str(path), path.stat().st_size, max_file_mb)  # before reading it into memory
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read the file ({exc.strerror})") from None
    return documents_from_bytes(path.name, data, max_file_mb=max_file_mb)


def _apply_manifest(doc: Document, manifest: dict[str, dict[str, str]]) -> None:
    row = manifest.get(doc.id)
    if not row:
        return
    for k, v in row.items():
        if v:
            doc.meta[k] = v
            doc.meta_source[k] = "manifest"
