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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from charset_normalizer import from_bytes

from .segment import segment

__all__ = [
    "METADATA_FIELDS",
    "TEXT_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "document_from_text",
    "documents_from_bytes",
    "load_corpus",
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
MAX_FILE_BYTES = 50 * 1024 * 1024


class CorpusError(ValueError):
    """Input that cannot be read as a corpus; the message is meant for the user."""


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
    """Documents with unique ids, and a note for each table row skipped for having no text."""

    documents: list[Document]
    skipped: list[str] = field(default_factory=list)

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


# --- decoding ---------------------------------------------------------------


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, then a detected encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{name}: this is a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise CorpusError(f"{name}: cannot tell which text encoding this file uses")
    return str(best)


# --- metadata inference -----------------------------------------------------

_BYLINE = re.compile(r"(?:^|\n)[^\w\n]*(?:[Ww]ritten[ \t]+)?[Bb]y[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})")
_WRITERS_BYLINE = re.compile(r"[Bb]y[ \t]+([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})")
_BIO_NAME = re.compile(
    r"(?:^|\n)([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}) is an? [^.\n]{0,60}?\b"
    r"(?i:reporter|correspondent|editor|writer|journalist|fellow|columnist|contributor|producer)"
    r"(?:[^.\n]{0,80}?\b(?:at|for|with) (?:the )?([A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}))?"
)
_BIO_OUTLET = re.compile(r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}) is an? ([A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,2}) (?:[a-z]+ )?(?:reporter|correspondent|editor|writer|journalist)")
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_LONG_DATE = re.compile(
    r"\b((?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s+\d{4})\b"
)


def infer_metadata(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Title, author, date and outlet as far as the text itself tells them."""
    seg = segment(text)
    meta: dict[str, str] = {}
    source: dict[str, str] = {}
    first = next((p for p in seg.paragraphs if p.kind in ("heading", "body")), None)
    if first is not None and first.kind == "heading" and first.index <= 3:
        meta["title"], source["title"] = text[first.start : first.end].strip(), "text: first heading"
    head = "\n".join(text[p.start : p.end] for p in seg.paragraphs[:6] if p.kind in ("metadata", "heading", "byline", "body"))
    byline = _BYLINE.search(head) or _WRITERS_BYLINE.search(
        "\n".join(text[p.start : p.end] for p in seg.paragraphs[:4] if p.kind != "body")
    )
    if byline:
        meta["author"], source["author"] = byline.group(1).strip(), "text: byline"
    for p in reversed(seg.paragraphs):
        if p.kind != "bio":
            continue
        bio = text[p.start : p.end]
        m = _BIO_NAME.search(bio)
        if m and "author" not in meta:
            meta["author"], source["author"] = m.group(1), "text: author bio"
        o = _BIO_OUTLET.search(bio)
        outlet = (o.group(2) if o else "") or (m.group(2) if m and m.group(2) else "")
        if outlet and "outlet" not in meta:
            meta["outlet"], source["outlet"] = outlet, "text: author bio"
    date = _ISO_DATE.search(head) or _LONG_DATE.search(head)
    if date:
        meta["date"], source["date"] = date.group(1), "text: dateline"
    return meta, source


def outlet_from_url(url: str) -> str:
    """The outlet's domain from an article link: "https://www.bbc.co.uk/news/x" -> "bbc.co.uk"."""
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return re.sub(r"^(?:www\d?|m|amp|edition|news)\.", "", host.lower())


# --- building documents -----------------------------------------------------


def document_from_text(doc_id: str, text: str, meta: dict[str, str] | None = None) -> Document:
    """A document from its text; metadata not given is inferred from the text.

    Line endings are made ``\n`` (Windows and old Mac files mix in ``\r``), so
    offsets and paragraphs mean the same whatever system wrote the file.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(f"{doc_id}: the document is empty")
    inferred, sources = infer_metadata(text)
    given = {k: str(v).strip() for k, v in (meta or {}).items() if v is not None and str(v).strip()}
    for k in given:
        sources[k] = "given"
    if given.get("url") and not given.get("outlet"):
        given["outlet"] = outlet_from_url(given["url"])
        sources["outlet"] = "url domain"
    merged = {**inferred, **given}
    return Document(doc_id, text, merged, {k: v for k, v in sources.items() if k in merged})


def _pick(row: dict[str, str], names: Iterable[str]) -> str:
    lowered = {k.lower().strip(): v for k, v in row.items() if k}
    for n in names:
        if n in lowered and lowered[n] not in (None, ""):
            return str(lowered[n])
    return ""


def _row_document(row: dict[str, str], where: str, fallback_id: str) -> Document | None:
    """The row's document, or None when its text cell is empty (real exports have such rows)."""
    text = _pick(row, _TEXT_COLUMNS)
    if not text.strip():
        return None
    doc_id = _pick(row, _ID_COLUMNS) or fallback_id
    meta = {k: _pick(row, aliases) for k, aliases in _COLUMN_ALIASES.items()}
    subtitle = _pick(row, ("subtitle", "description"))
    if subtitle:
        meta["subtitle"] = subtitle
    return document_from_text(str(doc_id), text, meta)


def _table_corpus(rows: Iterable[tuple[str, dict[str, str]]], name: str, stem: str) -> Corpus:
    docs, skipped, first_row = [], [], {}
    for where, row in rows:
        fallback = f"{stem}-{len(docs) + len(skipped) + 1}"
        doc = _row_document(row, f"{name}, {where}", fallback)
        if doc is None:
            skipped.append(f"{name}, {where}: no text; row skipped")
            continue
        if doc.id in first_row:
            raise CorpusError(f"{name}, {where}: the id {doc.id!r} is already used by {first_row[doc.id]}; ids must be unique")
        first_row[doc.id] = where
        docs.append(doc)
    if not docs:
        raise CorpusError(f"{name}: no row has any text")
    return Corpus(docs, skipped)


def _csv_documents(text: str, name: str, stem: str) -> Corpus:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not any(f and f.lower().strip() in _TEXT_COLUMNS for f in reader.fieldnames):
        raise CorpusError(f"{name}: no text column (expected one of {', '.join(_TEXT_COLUMNS)})")

    def rows():
        try:
            for i, row in enumerate(reader, start=2):
                if None in row:
                    raise CorpusError(f"{name}, row {i}: more fields than the header has")
                yield f"row {i}", row
        except csv.Error as exc:
            raise CorpusError(f"{name}, row {reader.line_num}: {exc}") from None

    return _table_corpus(rows(), name, stem)


def _jsonl_documents(text: str, name: str, stem: str) -> Corpus:
    return _table_corpus(_jsonl_rows(text, name), name, stem)


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


def _html_document(html: str, stem: str) -> Document:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise CorpusError(f"{stem}: no article text found in this HTML page")
    meta: dict[str, str] = {}
    found = trafilatura.extract_metadata(html)
    if found is not None:
        for key, attr in (("title", "title"), ("author", "author"), ("date", "date"), ("outlet", "sitename"), ("url", "url")):
            value = getattr(found, attr, None)
            if value:
                meta[key] = str(value)
    return document_from_text(stem, text, meta)


def documents_from_bytes(name: str, data: bytes) -> Corpus:
    """Documents in one file's bytes, by the file's suffix. Used by loaders and uploads."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix not in TEXT_SUFFIXES:
        raise CorpusError(f"{name}: unsupported file type {suffix or '(none)'}; use one of {', '.join(TEXT_SUFFIXES)}")
    if len(data) > MAX_FILE_BYTES:
        raise CorpusError(f"{name}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise CorpusError(f"{name}: the file is empty")
    text = decode(data, name)
    if suffix == ".csv":
        return _csv_documents(text, name, stem)
    if suffix == ".jsonl":
        return _jsonl_documents(text, name, stem)
    if suffix in (".html", ".htm"):
        return Corpus([_html_document(text, stem)])
    return Corpus([document_from_text(stem, text)])


def _read_manifest(path: Path) -> dict[str, dict[str, str]]:
    text = decode(path.read_bytes(), path.name)
    rows = {}
    for i, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        doc_id = _pick(row, _ID_COLUMNS)
        if not doc_id:
            raise CorpusError(f"{path.name}, row {i}: the manifest row has no id")
        rows[doc_id] = {k: _pick(row, aliases) for k, aliases in _COLUMN_ALIASES.items()}
    return rows


def load_corpus(*paths: str | Path) -> Corpus:
    """Load documents from files and folders.

    A folder contributes its files with a supported suffix, sorted by name; a
    ``manifest.csv`` in it supplies metadata by id and is not itself read as
    articles.

    Raises:
        CorpusError: a path does not exist, a file cannot be read, or nothing
            readable was found.
    """
    if not paths:
        raise CorpusError("no input given")
    docs: list[Document] = []
    skipped: list[str] = []
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
            contents = _read_file(f)
            for d in contents:
                _apply_manifest(d, manifest)
                docs.append(d)
            skipped += contents.skipped
    if not docs:
        raise CorpusError(f"no documents found in {', '.join(map(str, paths))} (supported: {', '.join(TEXT_SUFFIXES)})")
    return Corpus(docs, skipped)


def _read_file(path: Path) -> Corpus:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path}: cannot read the file ({exc.strerror})") from None
    return documents_from_bytes(path.name, data)


def _apply_manifest(doc: Document, manifest: dict[str, dict[str, str]]) -> None:
    row = manifest.get(doc.id)
    if not row:
        return
    for k, v in row.items():
        if v:
            doc.meta[k] = v
            doc.meta_source[k] = "manifest"
