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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from charset_normalizer import from_bytes

from .lexicon import MONTHS
from .run.local import map_in_workers
from .segment import paragraphs

__all__ = [
    "DEFAULT_MAX_FILE_MB",
    "LOCAL_MAX_FILE_MB",
    "METADATA_FIELDS",
    "TEXT_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "document_from_text",
    "documents_from_bytes",
    "language_notes",
    "load_corpus",
    "looks_english",
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


# --- decoding ---------------------------------------------------------------


# File signatures of formats people mistake for text ("save as" a PDF or Word file and upload it).
_SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (Word and Excel files are ZIP archives too)"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "an audio, video or WebP file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 (with or without BOM), else a detected encoding.

    Raises:
        CorpusError: the bytes are a binary format (named when recognised), or no encoding fits.
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(f"{name}: this is {what} (a binary file), not text; save the article as text or HTML")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data)
        if text is None:
            raise CorpusError(f"{name}: this is a binary file, not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None:
                raise CorpusError(f"{name}: cannot tell which text encoding this file uses") from None
            # Short texts fit several code pages equally well; Windows' Western one is the likeliest for news.
            western = from_bytes(data, cp_isolation=["cp1252"]).best()
            text = str(western if western is not None and western.chaos <= best.chaos else best)
    sample = text[:20_000]
    if len(_CONTROL.findall(sample)) > 0.01 * len(sample):
        raise CorpusError(f"{name}: this is a binary file, not text (it is full of control characters)")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: ASCII letters leave a zero byte in every other place."""
    head = data[:4096]
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            return data.decode(codec, errors="replace")
    return None


# English function words: they make up about a third of any English news text.
_ENGLISH_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "that", "is", "was", "he", "she", "for", "it", "with", "as", "his", "her", "on", "be", "at", "by", "said", "says", "from", "they", "this", "have", "has", "had", "are", "were", "not", "but", "an", "or", "will", "would", "who", "which", "their", "its", "been"]
)
_LETTERS = re.compile(r"[^\W\d_]+")


_LANGUAGE_SAMPLE = 2_000  # about 300 words: plenty to tell a language


def looks_english(text: str) -> bool:
    """Whether the text reads as English (too short a text gets the benefit of the doubt)."""
    words = _LETTERS.findall(text[:_LANGUAGE_SAMPLE].lower())
    letters = "".join(words)
    if len(letters) < 200:
        return True
    ascii_share = len(letters.encode("ascii", errors="ignore")) / len(letters)
    return ascii_share > 0.8 and sum(map(_ENGLISH_WORDS.__contains__, words)) >= 0.12 * len(words)


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
    r"(?=[ADFJMNOS])\b((?:" + "|".join(m.capitalize() for m in MONTHS) + ")"
    r"\s+\d{1,2},\s+\d{4})\b"
)


_HEAD_CHARS = 1_000


def infer_metadata(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Title, author, date and outlet as far as the text itself tells them."""
    paras = paragraphs(text)  # sentences are not needed here
    meta: dict[str, str] = {}
    source: dict[str, str] = {}
    first = next((p for p in paras if p.kind in ("heading", "body")), None)
    if first is not None and first.kind == "heading" and first.index <= 3:
        meta["title"], source["title"] = text[first.start : first.end].strip(), "text: first heading"
    # Bylines and datelines open an article: the head is its first paragraphs, and never more than their first lines.
    head = "\n".join(text[p.start : p.end] for p in paras[:6] if p.kind in ("metadata", "heading", "byline", "body"))
    head = head[:_HEAD_CHARS]
    byline = _BYLINE.search(head) or _WRITERS_BYLINE.search(
        "\n".join(text[p.start : p.end] for p in paras[:4] if p.kind != "body")
    )
    if byline:
        meta["author"], source["author"] = byline.group(1).strip(), "text: byline"
    for p in reversed(paras):
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
    fields, skipped, first_row = [], [], {}

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
